import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import {
	brokenStatus,
	healthyStatus,
	heldItem,
	heldItemLink,
	heldRows,
	heldNext,
	heldNextStopped,
	verdicts,
} from '../../test/fixtures';
import {
	deferred,
	mockRoutes,
	renderInApp,
	reply,
	replyPage,
	requests,
	type Handler,
	type RouteKey,
} from '../../test/helpers';
import type { HeldItem, HeldNextResult, Status } from '../../types';
import RecoverStep from '../RecoverStep';

jest.mock( '@wordpress/api-fetch' );

const LIST = 'GET /fix-mailersend/v1/held?page=1&per_page=20' as const;
const RESEND = 'POST /fix-mailersend/v1/held/resend' as const;
const NEXT = 'POST /fix-mailersend/v1/held/resend/next' as const;
const DISCARD = 'POST /fix-mailersend/v1/held/discard' as const;
const SETTINGS = 'PUT /fix-mailersend/v1/held/settings' as const;

/**
 * The healthy site (token proven) with the fixture's held emails waiting.
 * @param change
 */
function provenStatus( change: Partial< Status[ 'held' ] > = {} ): Status {
	const status = healthyStatus();
	return {
		...status,
		held: {
			holding: true,
			waiting: 3,
			queued: 0,
			sending: 0,
			token_proven: true,
			...change,
		},
	};
}

async function open(
	routes: Partial< Record< RouteKey, Handler | Handler[] > >,
	{
		status = provenStatus(),
		tokenProven = true,
	}: { status?: Status; tokenProven?: boolean } = {}
) {
	mockRoutes( { [ LIST ]: replyPage( heldRows() ), ...routes } );
	const onChanged = jest.fn();
	const onGoTo = jest.fn();
	renderInApp(
		<RecoverStep
			status={ status }
			tokenProven={ tokenProven }
			onChanged={ onChanged }
			onGoTo={ onGoTo }
		/>
	);
	await act( async () => {} );
	return { onChanged, onGoTo };
}

function row( subject: string | RegExp ): HTMLElement {
	const rows = screen
		.getAllByRole( 'row' )
		.filter( ( tr ) => within( tr ).queryByText( subject ) );
	if ( rows.length === 0 ) {
		throw new Error( `No row with ${ String( subject ) }` );
	}
	return rows[ 0 ] as HTMLElement;
}

const [ WHOLE, LINK, , FIRST ] = heldRows() as [
	HeldItem,
	HeldItem,
	HeldItem,
	HeldItem,
];
const INVOICE = WHOLE.subject;
const RESET = LINK.subject;
const MODERATE = FIRST.subject;
/** What "Resend selected" sends by default: the whole email and the first notification. */
const DEFAULT_IDS = [ WHOLE.id, FIRST.id ];

describe( 'Recover step', () => {
	it( 'says when nothing is held (and lists nothing)', async () => {
		await open( { [ LIST ]: replyPage( [] ) } );
		expect(
			screen.getByText( /No emails are held: none has failed/ )
		).toBeInTheDocument();
		expect( screen.queryByRole( 'table' ) ).not.toBeInTheDocument();
		expect(
			screen.getByRole( 'checkbox', {
				name: 'Keep failed emails to resend them',
			} )
		).toBeChecked();
	} );

	it( 'lists the held emails, all selected but the repeat and the login link', async () => {
		await open( {} );
		// Header row + 4 emails.
		expect( screen.getAllByRole( 'row' ) ).toHaveLength( 5 );

		const invoice = row( INVOICE );
		expect(
			within( invoice ).getByRole( 'checkbox', {
				name: `Resend “${ INVOICE }”`,
			} )
		).toBeChecked();
		expect( within( invoice ).getByText( '(1 attachment)' ) ).toBeVisible();
		expect( within( invoice ).getByText( WHOLE.initiator ) ).toBeVisible();
		expect(
			within( invoice ).getByText( WHOLE.to.join( ', ' ) )
		).toBeVisible();

		const reset = row( RESET );
		expect( within( reset ).queryByRole( 'checkbox' ) ).toBeNull();
		expect( within( reset ).getByText( 'Cannot be resent' ) ).toBeVisible();
		expect(
			within( reset ).getByText( /ask the person to request a new link/ )
		).toBeVisible();

		const [ repeat, first ] = screen
			.getAllByRole( 'checkbox', { name: `Resend “${ MODERATE }”` } )
			.map( ( box ) => box as HTMLInputElement );
		// Newest first: the later copy repeats the first one.
		expect( repeat ).not.toBeChecked();
		expect( first ).toBeChecked();
		expect(
			screen.getByText( /Repeats an earlier email to the same people/ )
		).toBeVisible();

		expect(
			screen.getByRole( 'button', { name: 'Resend 2 selected emails' } )
		).toBeEnabled();
		expect( screen.getByText( '4 emails' ) ).toBeVisible();
	} );

	it( 'waits for a proven token before it resends', async () => {
		const { onGoTo } = await open(
			{},
			{
				status: provenStatus( { token_proven: false } ),
				tokenProven: false,
			}
		);
		expect(
			screen.getByText( /Resending is possible once the token is proven/ )
		).toBeVisible();
		expect(
			screen.getByRole( 'button', { name: 'Resend 2 selected emails' } )
		).toHaveAttribute( 'aria-disabled', 'true' );
		// Discarding needs no token.
		expect(
			screen.getByRole( 'button', { name: 'Discard selected' } )
		).toBeEnabled();
		await userEvent.click(
			screen.getByRole( 'button', { name: 'Back to the diagnosis' } )
		);
		expect( onGoTo ).toHaveBeenCalledWith( 'diagnose' );
	} );

	it( 'changes the selection by hand', async () => {
		const user = userEvent.setup();
		await open( {} );
		await user.click( within( row( INVOICE ) ).getByRole( 'checkbox' ) );
		const [ repeat ] = screen.getAllByRole( 'checkbox', {
			name: `Resend “${ MODERATE }”`,
		} );
		await user.click( repeat as HTMLElement );
		expect(
			screen.getByRole( 'button', { name: 'Resend 2 selected emails' } )
		).toBeInTheDocument();
		expect(
			within( row( INVOICE ) ).getByRole( 'checkbox' )
		).not.toBeChecked();
	} );

	it( 'offers every email that can be resent once a page of several is selected, counted by the server', async () => {
		const user = userEvent.setup();
		await open( { [ LIST ]: replyPage( heldRows(), 45, 3, 30 ) } );
		// The repeat is left out, as "all" leaves it out: the page counts as selected.
		expect(
			screen.getByText( /All 2 emails on this page are selected\./ )
		).toHaveAttribute( 'role', 'status' );
		await user.click(
			screen.getByRole( 'button', {
				name: 'Select all 30 emails that can be resent',
			} )
		);
		expect(
			screen.getByText(
				/All 30 emails that can be resent are selected\./
			)
		).toBeVisible();
		expect(
			screen.getByRole( 'button', { name: 'Resend 30 selected emails' } )
		).toBeEnabled();

		await user.click(
			screen.getByRole( 'button', { name: 'Clear selection' } )
		);
		expect( screen.queryByText( /are selected\./ ) ).toBeNull();
		expect(
			within( row( INVOICE ) ).getByRole( 'checkbox' )
		).not.toBeChecked();
		expect(
			screen.getByRole( 'button', { name: 'Resend 0 selected emails' } )
		).toHaveAttribute( 'aria-disabled', 'true' );
	} );

	it( 'offers nothing more when the list has one page', async () => {
		// One page: nothing more to select, whatever the count says.
		await open( { [ LIST ]: replyPage( heldRows(), 4, 1, 5 ) } );
		expect( screen.queryByText( /are selected\./ ) ).toBeNull();
		expect( screen.getByText( '4 emails' ) ).toBeVisible();
	} );

	it( 'leaves "all" when a row is unchecked: back to the emails chosen one by one', async () => {
		const user = userEvent.setup();
		await open( {
			[ LIST ]: replyPage( heldRows(), 45, 3, 30 ),
			[ RESEND ]: reply( { queued: 1 } ),
			[ NEXT ]: reply( { ...heldNext(), left: 0 } ),
		} );
		await user.click(
			screen.getByRole( 'button', {
				name: 'Select all 30 emails that can be resent',
			} )
		);
		await user.click( within( row( INVOICE ) ).getByRole( 'checkbox' ) );
		expect(
			screen.queryByText( /emails that can be resent are selected/ )
		).toBeNull();
		expect(
			screen.queryByRole( 'button', { name: /^Select all/ } )
		).toBeNull();
		await user.click(
			screen.getByRole( 'button', { name: 'Resend 1 selected email' } )
		);
		expect( requests().find( ( r ) => r.key === RESEND ) ).toEqual( {
			key: RESEND,
			data: { ids: [ FIRST.id ] },
		} );
	} );

	it( 'resends "all" as the search and date ask, with the queued count as the total', async () => {
		const user = userEvent.setup();
		const before = new Date( 2026, 11, 2 ).toISOString();
		const searched =
			`GET /fix-mailersend/v1/held?page=1&per_page=20&search=order&before=${ encodeURIComponent(
				before
			) }` as RouteKey;
		const first = deferred< HeldNextResult >();
		await open( {
			[ searched ]: replyPage( heldRows(), 41, 3, 28 ),
			[ RESEND ]: reply( { queued: 27 } ),
			// The second batch never answers: the test ends while it runs.
			[ NEXT ]: [ () => first.promise, () => new Promise( () => {} ) ],
		} );
		await user.type(
			screen.getByRole( 'searchbox', { name: 'Search held emails' } ),
			'order'
		);
		await user.type(
			screen.getByLabelText( 'Failed on or before (optional)' ),
			'2026-12-01'
		);
		await user.click( screen.getByRole( 'button', { name: 'Search' } ) );
		await user.click(
			screen.getByRole( 'button', {
				name: 'Select all 28 emails that can be resent',
			} )
		);
		await user.click(
			screen.getByRole( 'button', { name: 'Resend 28 selected emails' } )
		);
		expect( requests().find( ( r ) => r.key === RESEND ) ).toEqual( {
			key: RESEND,
			data: { all: true, search: 'order', before },
		} );
		await act( async () =>
			first.resolve( {
				...heldNext(),
				sent: [ { id: WHOLE.id, result_id: 'msg-four' } ],
				left: 26,
			} )
		);
		expect( screen.getByText( /Resending: 1 of 27 done\./ ) ).toBeVisible();
	} );

	it( 'searches (Enter) and pages through the list', async () => {
		const user = userEvent.setup();
		const invoice = WHOLE;
		await open( {
			[ LIST ]: replyPage( heldRows(), 45, 3 ),
			'GET /fix-mailersend/v1/held?page=2&per_page=20': replyPage(
				heldRows(),
				45,
				3
			),
			'GET /fix-mailersend/v1/held?page=1&per_page=20&search=invoice':
				replyPage( [ invoice ] ),
			'GET /fix-mailersend/v1/held?page=1&per_page=20&search=nothing':
				replyPage( [] ),
		} );
		expect( screen.getByText( 'Page 1 of 3' ) ).toBeVisible();
		expect(
			screen.getByRole( 'button', { name: 'Previous page' } )
		).toHaveAttribute( 'aria-disabled', 'true' );
		await user.click( screen.getByRole( 'button', { name: 'Next page' } ) );
		expect( screen.getByText( 'Page 2 of 3' ) ).toBeVisible();

		const box = screen.getByRole( 'searchbox', {
			name: 'Search held emails',
		} );
		await user.type( box, 'invoice{Enter}' );
		expect( screen.getAllByRole( 'row' ) ).toHaveLength( 2 );
		expect( screen.getByText( '1 email' ) ).toBeVisible();
		expect( row( INVOICE ) ).toBeVisible();

		await user.clear( box );
		await user.type( box, 'nothing{Enter}' );
		expect(
			screen.getByText( 'No held email matches this search.' )
		).toBeVisible();
		expect( requests().map( ( request ) => request.key ) ).toEqual( [
			LIST,
			'GET /fix-mailersend/v1/held?page=2&per_page=20',
			'GET /fix-mailersend/v1/held?page=1&per_page=20&search=invoice',
			'GET /fix-mailersend/v1/held?page=1&per_page=20&search=nothing',
		] );
	} );

	it( 'lists what failed on or before a day (the end of that day, local time)', async () => {
		const user = userEvent.setup();
		const before = new Date( 2026, 11, 2 ).toISOString();
		await open( {
			[ `GET /fix-mailersend/v1/held?page=1&per_page=20&before=${ encodeURIComponent(
				before
			) }` as RouteKey ]: replyPage( [ WHOLE ] ),
		} );
		await user.type(
			screen.getByLabelText( 'Failed on or before (optional)' ),
			'2026-12-01'
		);
		await user.click( screen.getByRole( 'button', { name: 'Search' } ) );
		expect( screen.getAllByRole( 'row' ) ).toHaveLength( 2 );
		expect( requests().pop()?.key ).toBe(
			`GET /fix-mailersend/v1/held?page=1&per_page=20&before=${ encodeURIComponent(
				before
			) }`
		);
	} );

	it( 'previews an email as plain text, never as HTML', async () => {
		const user = userEvent.setup();
		const detail = heldItem();
		detail.preview.text =
			'<b>Hello</b> Ada,\n<img src=x onerror="alert(1)">\nYour invoice is attached.';
		await open( {
			[ `GET /fix-mailersend/v1/held/${ WHOLE.id }` as RouteKey ]:
				reply( detail ),
		} );

		await user.click( screen.getByRole( 'button', { name: INVOICE } ) );
		const dialog = screen.getByRole( 'dialog', { name: INVOICE } );
		const text = dialog.querySelector( 'pre' ) as HTMLElement;
		expect( text.textContent ).toBe( detail.preview.text );
		expect( dialog.querySelector( 'b, img' ) ).toBeNull();
		// "Ann Lee <ann@example.org>", "invoice-1042.pdf": as served.
		expect(
			within( dialog ).getByText( detail.preview.to.join( ', ' ) )
		).toBeVisible();
		expect(
			within( dialog ).getByText(
				detail.preview.attachments
					.map( ( file ) => file.name )
					.join( ', ' )
			)
		).toBeVisible();

		await user.click(
			within( dialog ).getByRole( 'button', { name: 'Close' } )
		);
		await waitFor( () =>
			expect( screen.queryByRole( 'dialog' ) ).not.toBeInTheDocument()
		);
	} );

	it( 'previews a login-link email with its advice, without a body', async () => {
		const user = userEvent.setup();
		const detail = heldItemLink();
		await open( {
			[ `GET /fix-mailersend/v1/held/${ LINK.id }` as RouteKey ]:
				reply( detail ),
		} );

		await user.click( screen.getByRole( 'button', { name: RESET } ) );
		const dialog = screen.getByRole( 'dialog', { name: RESET } );
		expect( dialog.querySelector( 'pre' ) ).toBeNull();
		expect(
			within( dialog ).getByText( detail.advice as string )
		).toBeVisible();
	} );

	it( 'resends the selection in batches, with progress, and each row ends sent', async () => {
		const user = userEvent.setup();
		const first = deferred< HeldNextResult >();
		const second = deferred< HeldNextResult >();
		const { onChanged } = await open( {
			[ RESEND ]: reply( { queued: 2 } ),
			[ NEXT ]: [ () => first.promise, () => second.promise ],
		} );

		await user.click(
			screen.getByRole( 'button', { name: 'Resend 2 selected emails' } )
		);
		expect( requests()[ 1 ] ).toEqual( {
			key: RESEND,
			data: { ids: DEFAULT_IDS },
		} );
		expect( await screen.findByRole( 'progressbar' ) ).toHaveAttribute(
			'value',
			'0'
		);
		expect(
			screen.getByRole( 'button', { name: 'Resending…' } )
		).toHaveAttribute( 'aria-disabled', 'true' );

		await act( async () =>
			first.resolve( {
				...heldNext(),
				sent: [ { id: WHOLE.id, result_id: 'msg-four' } ],
				left: 1,
			} )
		);
		expect(
			screen.getByText( /Resending: 1 of 2 done\./ )
		).toHaveAttribute( 'role', 'status' );
		expect( screen.getByRole( 'progressbar' ) ).toHaveAttribute(
			'value',
			'50'
		);

		await act( async () =>
			second.resolve( {
				...heldNext(),
				sent: [ { id: FIRST.id, result_id: 'msg-one' } ],
				left: 0,
			} )
		);
		expect(
			screen.getByText( 'Resending finished. Sent: 2. Failed: 0.' )
		).toBeVisible();
		expect( screen.queryByRole( 'progressbar' ) ).not.toBeInTheDocument();
		expect( within( row( INVOICE ) ).getByText( 'Sent' ) ).toBeVisible();
		expect(
			within( row( INVOICE ) ).getByText( 'Message ID: msg-four' )
		).toBeVisible();
		// Sent rows cannot be picked again; the repeat still can.
		expect( within( row( INVOICE ) ).queryByRole( 'checkbox' ) ).toBeNull();
		expect(
			screen.getByRole( 'button', { name: 'Resend 0 selected emails' } )
		).toHaveAttribute( 'aria-disabled', 'true' );
		expect( onChanged ).toHaveBeenCalledTimes( 1 );
		expect( requests().filter( ( r ) => r.key === NEXT ) ).toHaveLength(
			2
		);
	} );

	it( 'stops at a failure every email would meet, and says why', async () => {
		const user = userEvent.setup();
		await open( {
			[ RESEND ]: reply( { queued: 2 } ),
			[ NEXT ]: reply( {
				...heldNextStopped(),
				failed: [
					{
						id: WHOLE.id,
						verdict: 'unauthenticated',
						title: 'MailerSend does not recognise this token',
					},
				],
			} ),
		} );
		await user.click(
			screen.getByRole( 'button', { name: 'Resend 2 selected emails' } )
		);
		await act( async () => {} );
		expect(
			screen.getByText(
				'Resending stopped: the emails left are held again. Sent: 0. Failed: 1.'
			)
		).toBeVisible();
		expect(
			screen.getByText( verdicts.unauthenticated.title, {
				selector: '.fms-verdict__title strong',
			} )
		).toBeVisible();
		expect(
			within( row( INVOICE ) ).getByText(
				'Failed: MailerSend does not recognise this token'
			)
		).toBeVisible();
		expect( requests().filter( ( r ) => r.key === NEXT ) ).toHaveLength(
			1
		);
	} );

	it( 'picks up a resend queued before the page was reloaded', async () => {
		const { onChanged } = await open(
			{
				[ NEXT ]: reply( {
					...heldNext(),
					sent: [ { id: WHOLE.id, result_id: 'msg-four' } ],
					left: 0,
				} ),
			},
			{ status: provenStatus( { queued: 2, sending: 0 } ) }
		);
		await act( async () => {} );
		expect(
			screen.getByText( 'Resending finished. Sent: 1. Failed: 0.' )
		).toBeVisible();
		expect( requests().map( ( r ) => r.key ) ).toContain( NEXT );
		expect( requests().map( ( r ) => r.key ) ).not.toContain( RESEND );
		expect( onChanged ).toHaveBeenCalled();
	} );

	it( 'says it picks up the earlier resend while it runs', async () => {
		const pending = deferred< HeldNextResult >();
		await open(
			{ [ NEXT ]: () => pending.promise },
			{ status: provenStatus( { queued: 3 } ) }
		);
		expect(
			screen.getByText( 'Picking up the resend started earlier.' )
		).toBeVisible();
		expect( screen.getByRole( 'progressbar' ) ).toBeInTheDocument();
		await act( async () => pending.resolve( { ...heldNext(), left: 0 } ) );
	} );

	it( 'discards the selection after a confirmation', async () => {
		const user = userEvent.setup();
		const { onChanged } = await open( {
			[ DISCARD ]: reply( { discarded: 2 } ),
		} );
		await user.click(
			screen.getByRole( 'button', { name: 'Discard selected' } )
		);
		const dialog = screen.getByRole( 'dialog', { name: 'Please confirm' } );
		expect( dialog ).toHaveTextContent( 'Discard 2 selected emails?' );
		await user.click(
			within( dialog ).getByRole( 'button', { name: 'Discard' } )
		);

		expect( requests().pop() ).toEqual( {
			key: DISCARD,
			data: { ids: DEFAULT_IDS },
		} );
		expect( screen.queryByRole( 'dialog' ) ).not.toBeInTheDocument();
		expect( screen.getByText( '2 emails discarded.' ) ).toBeVisible();
		expect(
			within( row( INVOICE ) ).getByText( 'Discarded' )
		).toBeVisible();
		expect( onChanged ).toHaveBeenCalledTimes( 1 );
	} );

	it( 'discards one email that cannot be resent (the password reset)', async () => {
		const user = userEvent.setup();
		await open( { [ DISCARD ]: reply( { discarded: 1 } ) } );
		await user.click(
			within( row( RESET ) ).getByRole( 'button', {
				name: `Discard “${ RESET }”`,
			} )
		);
		const dialog = screen.getByRole( 'dialog', { name: 'Please confirm' } );
		expect( dialog ).toHaveTextContent( `Discard “${ RESET }”?` );
		await user.click(
			within( dialog ).getByRole( 'button', { name: 'Discard' } )
		);
		expect( requests().pop() ).toEqual( {
			key: DISCARD,
			data: { ids: [ LINK.id ] },
		} );
		expect( within( row( RESET ) ).getByText( 'Discarded' ) ).toBeVisible();
		// The selection for resending is untouched.
		expect(
			screen.getByRole( 'button', { name: 'Resend 2 selected emails' } )
		).toBeInTheDocument();
	} );

	it( 'sends nothing when the confirmation is cancelled', async () => {
		const user = userEvent.setup();
		await open( {} );
		await user.click(
			screen.getByRole( 'button', { name: 'Discard all' } )
		);
		await user.click( screen.getByRole( 'button', { name: 'Cancel' } ) );
		expect( screen.queryByRole( 'dialog' ) ).not.toBeInTheDocument();
		expect( requests().map( ( r ) => r.key ) ).toEqual( [ LIST ] );
	} );

	it( 'discards everything after a confirmation, then lists what is left', async () => {
		const user = userEvent.setup();
		await open( {
			[ LIST ]: [ replyPage( heldRows() ), replyPage( [] ) ],
			[ DISCARD ]: reply( { discarded: 4 } ),
		} );
		await user.click(
			screen.getByRole( 'button', { name: 'Discard all' } )
		);
		await user.click(
			within( screen.getByRole( 'dialog' ) ).getByRole( 'button', {
				name: 'Discard all',
			} )
		);
		expect( requests().find( ( r ) => r.key === DISCARD )?.data ).toEqual( {
			all: true,
		} );
		expect( screen.getByText( '4 emails discarded.' ) ).toBeVisible();
		expect( screen.getByText( /No emails are held/ ) ).toBeVisible();
	} );

	it( 'turns holding off only after confirming that held emails are deleted', async () => {
		const user = userEvent.setup();
		const { onChanged } = await open( {
			[ LIST ]: [ replyPage( heldRows() ), replyPage( [] ) ],
			[ SETTINGS ]: reply( { holding: false, deleted: 4 } ),
		} );
		const toggle = screen.getByRole( 'checkbox', {
			name: 'Keep failed emails to resend them',
		} );
		await user.click( toggle );
		const dialog = screen.getByRole( 'dialog' );
		expect( dialog ).toHaveTextContent(
			'Every email held now is deleted and cannot be resent.'
		);
		expect( toggle ).toBeChecked();
		await user.click(
			within( dialog ).getByRole( 'button', {
				name: 'Turn off and delete',
			} )
		);
		expect( requests().find( ( r ) => r.key === SETTINGS )?.data ).toEqual(
			{
				holding: false,
			}
		);
		expect(
			screen.getByRole( 'checkbox', {
				name: 'Keep failed emails to resend them',
			} )
		).not.toBeChecked();
		expect(
			screen.getByText(
				'Failed emails are no longer kept. 4 held emails were deleted.'
			)
		).toBeVisible();
		expect(
			screen.getByText(
				'No emails are held, and failed emails are not kept.'
			)
		).toBeVisible();
		expect( onChanged ).toHaveBeenCalledTimes( 1 );
	} );

	it( 'turns holding back on without a confirmation', async () => {
		const user = userEvent.setup();
		await open(
			{
				[ LIST ]: replyPage( [] ),
				[ SETTINGS ]: reply( { holding: true, deleted: 0 } ),
			},
			{ status: provenStatus( { holding: false, waiting: 0 } ) }
		);
		const toggle = screen.getByRole( 'checkbox', {
			name: 'Keep failed emails to resend them',
		} );
		expect( toggle ).not.toBeChecked();
		await user.click( toggle );
		expect( screen.queryByRole( 'dialog' ) ).not.toBeInTheDocument();
		expect( requests().pop() ).toEqual( {
			key: SETTINGS,
			data: { holding: true },
		} );
		expect( toggle ).toBeChecked();
	} );

	it( 'shows a list that failed to load, with Retry', async () => {
		const user = userEvent.setup();
		await open( {
			[ LIST ]: [
				() =>
					Promise.reject( {
						status: 500,
						json: () =>
							Promise.resolve( {
								code: 'internal_server_error',
								message: 'There has been a critical error.',
								data: { status: 500 },
							} ),
					} ),
				replyPage( heldRows() ),
			],
		} );
		expect(
			screen.getByText( 'Could not load the held emails.' )
		).toBeVisible();
		expect(
			screen.getByText( 'Error code: internal_server_error (HTTP 500)' )
		).toBeVisible();
		await user.click( screen.getByRole( 'button', { name: 'Retry' } ) );
		expect( row( INVOICE ) ).toBeVisible();
	} );

	it( 'is not offered the broken status as proof', async () => {
		// The harness site before the fix: nothing proves the token.
		await open( {}, { status: brokenStatus(), tokenProven: false } );
		expect(
			screen.getByRole( 'button', { name: 'Resend 2 selected emails' } )
		).toHaveAttribute( 'aria-disabled', 'true' );
	} );
} );
