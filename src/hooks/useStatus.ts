/**
 * GET /status: when the screen opens (answered from the page: Admin_Page preloads it), and
 * reload() after anything that changes it (a re-check, a save): the headline is the server's.
 */
import { useCallback, useEffect, useRef, useState } from '@wordpress/element';

import { toApiError, type Api, type ApiError } from '../api';
import type { Status } from '../types';

export type StatusState =
	| { status: 'loading' }
	| { status: 'error'; error: ApiError }
	| { status: 'ready'; value: Status; refreshing: boolean };

export interface StatusHandle {
	state: StatusState;
	/** The last status loaded, also while refreshing; null before the first answer. */
	value: Status | null;
	reload: () => void;
}

export function useStatus( api: Api ): StatusHandle {
	const [ state, setState ] = useState< StatusState >( {
		status: 'loading',
	} );
	const latest = useRef( 0 );
	const mounted = useRef( true );

	const load = useCallback( () => {
		const id = ++latest.current;
		setState( ( current ) =>
			current.status === 'ready'
				? { ...current, refreshing: true }
				: { status: 'loading' }
		);
		api.getStatus().then(
			( value ) => {
				if ( mounted.current && id === latest.current ) {
					setState( { status: 'ready', value, refreshing: false } );
				}
			},
			( error: unknown ) => {
				if ( mounted.current && id === latest.current ) {
					setState( { status: 'error', error: toApiError( error ) } );
				}
			}
		);
	}, [ api ] );

	useEffect( () => {
		mounted.current = true;
		load();
		return () => {
			// Ignore an answer that arrives after unmount.
			mounted.current = false;
		};
	}, [ load ] );

	return {
		state,
		value: state.status === 'ready' ? state.value : null,
		reload: load,
	};
}
