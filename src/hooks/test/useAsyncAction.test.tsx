import { act, renderHook } from '@testing-library/react';

import { deferred } from '../../test/helpers';
import { useAsyncAction } from '../useAsyncAction';

jest.mock( '@wordpress/api-fetch' );

describe( 'useAsyncAction', () => {
	it( 'goes idle → pending → success', async () => {
		const answer = deferred< string >();
		const { result } = renderHook( () =>
			useAsyncAction( ( value: string ) =>
				answer.promise.then( ( text ) => `${ text } ${ value }` )
			)
		);
		expect( result.current.state ).toEqual( { status: 'idle' } );
		let run: Promise< string | undefined > | undefined;
		act( () => {
			run = result.current.run( 'world' );
		} );
		expect( result.current.state ).toEqual( { status: 'pending' } );
		await act( async () => {
			answer.resolve( 'hello' );
			await run;
		} );
		expect( result.current.state ).toEqual( {
			status: 'success',
			value: 'hello world',
		} );
		await expect( run ).resolves.toBe( 'hello world' );
	} );

	it( 'normalises an error and retries with the same arguments', async () => {
		const action = jest
			.fn< Promise< number >, [ number ] >()
			.mockRejectedValueOnce( {
				code: 'fetch_error',
				message: 'Could not get a valid response from the server.',
			} )
			.mockResolvedValueOnce( 42 );
		const { result } = renderHook( () => useAsyncAction( action ) );
		await act( async () => {
			await result.current.run( 7 );
		} );
		expect( result.current.state ).toMatchObject( {
			status: 'error',
			error: { kind: 'network', isApiError: true },
		} );
		await act( async () => {
			await result.current.retry();
		} );
		expect( action ).toHaveBeenLastCalledWith( 7 );
		expect( result.current.state ).toEqual( {
			status: 'success',
			value: 42,
		} );
	} );

	it( 'keeps only the latest run', async () => {
		const first = deferred< string >();
		const second = deferred< string >();
		const action = jest
			.fn< Promise< string >, [] >()
			.mockReturnValueOnce( first.promise )
			.mockReturnValueOnce( second.promise );
		const { result } = renderHook( () => useAsyncAction( action ) );
		act( () => {
			result.current.run();
			result.current.run();
		} );
		await act( async () => {
			second.resolve( 'second' );
			await second.promise;
		} );
		await act( async () => {
			first.resolve( 'first' );
			await first.promise;
		} );
		expect( result.current.state ).toEqual( {
			status: 'success',
			value: 'second',
		} );
	} );

	it( 'ignores a pending run after reset', async () => {
		const answer = deferred< string >();
		const { result } = renderHook( () =>
			useAsyncAction( () => answer.promise )
		);
		let run: Promise< string | undefined > | undefined;
		act( () => {
			run = result.current.run();
		} );
		act( () => result.current.reset() );
		await act( async () => {
			answer.resolve( 'late' );
			await run;
		} );
		expect( result.current.state ).toEqual( { status: 'idle' } );
		await expect( run ).resolves.toBeUndefined();
	} );

	it( 'after unmount, a run that settles hands nothing back', async () => {
		// What a step does with a run's value (e.g. go to the next step): must not happen
		// once the step is gone.
		const onValue = jest.fn();
		const later = deferred< string >();
		const { result, unmount } = renderHook( () =>
			useAsyncAction( () => later.promise )
		);
		let run: Promise< string | undefined > | undefined;
		act( () => {
			run = result.current.run().then( ( value ) => {
				if ( value !== undefined ) {
					onValue( value );
				}
				return value;
			} );
		} );
		unmount();
		await act( async () => {
			later.resolve( 'late' );
			await run;
		} );
		await expect( run ).resolves.toBeUndefined();
		expect( onValue ).not.toHaveBeenCalled();
	} );
} );
