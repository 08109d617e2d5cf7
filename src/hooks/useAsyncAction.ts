/**
 * One async request and its state, for a button that starts it.
 * Only the latest run updates the state; nothing is set after unmount.
 */
import { useCallback, useEffect, useRef, useState } from '@wordpress/element';

import { toApiError, type ApiError } from '../api';

export type AsyncState< T > =
	| { status: 'idle' }
	| { status: 'pending' }
	| { status: 'success'; value: T }
	| { status: 'error'; error: ApiError };

export interface AsyncAction< A extends unknown[], T > {
	state: AsyncState< T >;
	/** Starts a run; resolves to the value, or undefined when it failed or was superseded. */
	run: ( ...args: A ) => Promise< T | undefined >;
	/** Runs again with the last arguments (a Retry button). */
	retry: () => Promise< T | undefined >;
	/** Back to idle; a pending run is ignored when it settles. */
	reset: () => void;
}

export function useAsyncAction< A extends unknown[], T >(
	action: ( ...args: A ) => Promise< T >
): AsyncAction< A, T > {
	const [ state, setState ] = useState< AsyncState< T > >( {
		status: 'idle',
	} );
	const latest = useRef( 0 );
	const lastArgs = useRef< A | null >( null );
	const mounted = useRef( true );

	useEffect( () => {
		mounted.current = true;
		return () => {
			mounted.current = false;
		};
	}, [] );

	const run = useCallback(
		async ( ...args: A ): Promise< T | undefined > => {
			const id = ++latest.current;
			lastArgs.current = args;
			setState( { status: 'pending' } );
			try {
				const value = await action( ...args );
				if ( mounted.current && id === latest.current ) {
					setState( { status: 'success', value } );
					return value;
				}
			} catch ( error ) {
				if ( mounted.current && id === latest.current ) {
					setState( { status: 'error', error: toApiError( error ) } );
				}
			}
			return undefined;
		},
		[ action ]
	);

	const retry = useCallback(
		(): Promise< T | undefined > =>
			lastArgs.current
				? run( ...lastArgs.current )
				: Promise.resolve( undefined ),
		[ run ]
	);

	const reset = useCallback( () => {
		latest.current++;
		setState( { status: 'idle' } );
	}, [] );

	return { state, run, retry, reset };
}
