import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';

import { createApi } from '../../api';
import { AppContext } from '../../context';
import { boot, healthyStatus, heldRows, heldNext } from '../../test/fixtures';
import { mockRoutes, reply, replyPage, requests } from '../../test/helpers';
import type { HeldItem, Status } from '../../types';
import { useRecoverFlow } from '../useRecoverFlow';

jest.mock( '@wordpress/api-fetch' );

function wrapper( { children }: { children: ReactNode } ) {
	return (
		<AppContext.Provider
			value={ { api: createApi( boot.restPath ), boot } }
		>
			{ children }
		</AppContext.Provider>
	);
}

function status( queued = 0 ): Status {
	return {
		...healthyStatus(),
		held: {
			holding: true,
			waiting: 4 + queued,
			queued,
			sending: 0,
			token_proven: true,
		},
	};
}

/** The fixture's list with other ids: a second page. */
function secondPage(): HeldItem[] {
	return heldRows().map( ( item ) => ( { ...item, id: item.id + 100 } ) );
}

describe( 'useRecoverFlow', () => {
	it( 'selects on every page seen: all that may be sent except repeats', async () => {
		mockRoutes( {
			'GET /fix-mailersend/v1/held?page=1&per_page=20': replyPage(
				heldRows(),
				8,
				2
			),
			'GET /fix-mailersend/v1/held?page=2&per_page=20': replyPage(
				secondPage(),
				8,
				2
			),
			'POST /fix-mailersend/v1/held/resend': reply( { queued: 4 } ),
			'POST /fix-mailersend/v1/held/resend/next': reply( {
				...heldNext(),
				left: 0,
			} ),
		} );
		const onChanged = jest.fn();
		const { result } = renderHook(
			() => useRecoverFlow( status(), true, onChanged ),
			{ wrapper }
		);
		await act( async () => {} );
		const [ whole, , , first ] = heldRows() as HeldItem[];
		const ids = [ whole?.id, first?.id ];
		expect( result.current.selectedIds ).toEqual( ids );

		act( () => result.current.setPage( 2 ) );
		await act( async () => {} );
		expect( result.current.items.map( ( item ) => item.id ) ).toEqual(
			secondPage().map( ( item ) => item.id )
		);
		const all = [ ...ids, ...ids.map( ( id ) => ( id as number ) + 100 ) ];
		expect( result.current.selectedIds ).toEqual( all );

		await act( async () => result.current.resendSelected() );
		expect(
			requests().find(
				( r ) => r.key === 'POST /fix-mailersend/v1/held/resend'
			)?.data
		).toEqual( { ids: all } );
		expect( result.current.run.phase ).toBe( 'done' );
	} );

	it( 'selects among what a search lists, not what an earlier search did', async () => {
		const [ whole ] = heldRows() as HeldItem[];
		mockRoutes( {
			'GET /fix-mailersend/v1/held?page=1&per_page=20':
				replyPage( heldRows() ),
			[ `GET /fix-mailersend/v1/held?page=1&per_page=20&search=${ encodeURIComponent(
				'#1042'
			) }` as const ]: replyPage( [ whole as HeldItem ] ),
		} );
		const { result } = renderHook(
			() => useRecoverFlow( status(), true, jest.fn() ),
			{ wrapper }
		);
		await act( async () => {} );
		expect( result.current.selectedIds ).toHaveLength( 2 );
		act( () => result.current.setSearch( '#1042' ) );
		await act( async () =>
			result.current.onSearch( {
				preventDefault: () => {},
			} as unknown as Parameters< typeof result.current.onSearch >[ 0 ] )
		);
		expect( result.current.selectedIds ).toEqual( [ whole?.id ] );
	} );

	it( 'never queues while the token is not proven', async () => {
		mockRoutes( {
			'GET /fix-mailersend/v1/held?page=1&per_page=20':
				replyPage( heldRows() ),
		} );
		const { result } = renderHook(
			() => useRecoverFlow( status(), false, jest.fn() ),
			{ wrapper }
		);
		await act( async () => {} );
		await act( async () => result.current.resendSelected() );
		expect( requests().map( ( r ) => r.key ) ).toEqual( [
			'GET /fix-mailersend/v1/held?page=1&per_page=20',
		] );
		expect( result.current.run.phase ).toBe( 'idle' );
	} );

	it( 'waits while another window sends the rest, then gives up and says so', async () => {
		jest.useFakeTimers();
		try {
			mockRoutes( {
				'GET /fix-mailersend/v1/held?page=1&per_page=20':
					replyPage( heldRows() ),
				// Nothing finished here, one still being sent elsewhere.
				'POST /fix-mailersend/v1/held/resend/next': reply( {
					sent: [],
					failed: [],
					stopped: null,
					left: 1,
					done: 0,
				} ),
			} );
			const { result } = renderHook(
				() => useRecoverFlow( status( 1 ), true, jest.fn() ),
				{ wrapper }
			);
			for ( let round = 0; round < 70; round++ ) {
				await act( async () => {
					await jest.advanceTimersByTimeAsync( 2000 );
				} );
			}
			expect( result.current.run.phase ).toBe( 'done' );
			expect( result.current.run.gaveUp ).toBe( true );
			expect(
				requests().filter(
					( r ) =>
						r.key === 'POST /fix-mailersend/v1/held/resend/next'
				)
			).toHaveLength( 60 );
		} finally {
			jest.useRealTimers();
		}
	} );
} );
