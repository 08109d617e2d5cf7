/**
 * The current step, kept in the URL hash (#diagnose, #new-token, #paste, #test, #recover)
 * so that a link or a reload opens the same step.
 */
import { useCallback, useEffect, useState } from '@wordpress/element';

import type { StepId } from '../types';

export const STEP_IDS: readonly StepId[] = [
	'diagnose',
	'new-token',
	'paste',
	'test',
	'recover',
];

export function stepFromHash( hash: string ): StepId | null {
	const id = hash.replace( /^#/, '' );
	return ( STEP_IDS as readonly string[] ).includes( id )
		? ( id as StepId )
		: null;
}

export function useHashStep(
	fallback: StepId = 'diagnose'
): [ StepId, ( step: StepId ) => void ] {
	const [ step, setStep ] = useState< StepId >(
		() => stepFromHash( window.location.hash ) ?? fallback
	);

	useEffect( () => {
		const onHashChange = () => {
			const fromHash = stepFromHash( window.location.hash );
			if ( fromHash ) {
				setStep( fromHash );
			}
		};
		window.addEventListener( 'hashchange', onHashChange );
		return () => window.removeEventListener( 'hashchange', onHashChange );
	}, [] );

	const go = useCallback( ( next: StepId ) => {
		setStep( next );
		if ( window.location.hash !== `#${ next }` ) {
			// replaceState: no scroll jump, no hashchange echo, no history entry per click.
			window.history.replaceState( null, '', `#${ next }` );
		}
	}, [] );

	return [ step, go ];
}
