/**
 * The screen: four steps, each reachable directly (nav buttons with aria-current,
 * the URL hash). The status is loaded once here, when the screen opens, and shared.
 * When the step changes, focus moves to its heading.
 *
 * The page's <h1> ("Fix MailerSend") is printed by Admin_Page in PHP, in the usual
 * `.wrap`; the screen starts below it, and each step's heading is an <h2>.
 */
import { Button } from '@wordpress/components';
import { useEffect, useRef } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import { useAppContext } from '../context';
import { STEP_IDS, useHashStep } from '../hooks/useHashStep';
import { useStatus } from '../hooks/useStatus';
import { withSave } from '../status';
import { stepLabel } from '../steps';
import type { SaveResult } from '../types';
import DiagnoseStep from './DiagnoseStep';
import NewTokenStep from './NewTokenStep';
import PasteStep from './PasteStep';
import TestEmailStep from './TestEmailStep';

export default function App() {
	const { api } = useAppContext();
	const status = useStatus( api );
	const [ step, go ] = useHashStep();
	const heading = useRef< HTMLHeadingElement >( null );
	const previousStep = useRef( step );

	useEffect( () => {
		if ( previousStep.current !== step ) {
			previousStep.current = step;
			heading.current?.focus();
		}
	}, [ step ] );

	const { update } = status;
	const onSaved = ( result: SaveResult, expiresAt: string | null ) => {
		update( ( current ) => withSave( current, result, expiresAt ) );
	};

	const index = STEP_IDS.indexOf( step );

	return (
		<div className="fms-app">
			<p className="fms-intro">
				{ status.value?.headline.severity === 'error'
					? __(
							'Find out why your site’s email fails through MailerSend, replace the API token, and prove it works with a real email.',
							'fix-mailersend'
						)
					: __(
							'Check that your site’s email goes out through MailerSend, replace the API token when needed, and prove it with a real email.',
							'fix-mailersend'
						) }
			</p>

			<nav
				className="fms-steps"
				aria-label={ __( 'Steps', 'fix-mailersend' ) }
			>
				<ol>
					{ STEP_IDS.map( ( id, position ) => (
						<li key={ id }>
							<Button
								className="fms-steps__button"
								variant={ id === step ? 'primary' : 'tertiary' }
								aria-current={ id === step ? 'step' : false }
								onClick={ () => go( id ) }
								__next40pxDefaultSize
							>
								<span
									className="fms-steps__number"
									aria-hidden="true"
								>
									{ position + 1 }
								</span>
								{ stepLabel( id ) }
							</Button>
						</li>
					) ) }
				</ol>
			</nav>

			<section className="fms-step" aria-labelledby="fms-step-heading">
				<h2 id="fms-step-heading" ref={ heading } tabIndex={ -1 }>
					{ sprintf(
						/* translators: 1: step number, 2: number of steps, 3: step name. */
						__( 'Step %1$d of %2$d: %3$s', 'fix-mailersend' ),
						index + 1,
						STEP_IDS.length,
						stepLabel( step )
					) }
				</h2>

				{ step === 'diagnose' && (
					<DiagnoseStep status={ status } onGoTo={ go } />
				) }
				{ step === 'new-token' && (
					<NewTokenStep
						fromDomain={ status.value?.from.domain || null }
						onGoTo={ go }
					/>
				) }
				{ step === 'paste' && (
					<PasteStep
						status={ status.value }
						onSaved={ onSaved }
						onGoTo={ go }
					/>
				) }
				{ step === 'test' && (
					<TestEmailStep status={ status.value } onGoTo={ go } />
				) }
			</section>
		</div>
	);
}
