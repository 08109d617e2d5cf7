/**
 * The screen: four steps, and a fifth, Recover, when emails are held or the site sends
 * through MailerSend (offersRecover()); each reachable directly (nav buttons with
 * aria-current, the URL hash). The status is loaded once here, when the screen opens, and
 * shared. When the step changes, focus moves to its heading.
 *
 * Only the Diagnose step is in build/index.js: the others are chunks of their own
 * (build/*-step.js), fetched once the first screen is up, so the page starts with less code
 * and a click on a step does not wait for the network.
 *
 * Recover's actions need a proven token: the server's `held.token_proven`, or a proof in this
 * session (a save that proves the token, a test email MailerSend accepted).
 *
 * The page's <h1> ("Fix MailerSend") is printed by Admin_Page in PHP, in the usual
 * `.wrap`; the screen starts below it, and each step's heading is an <h2>.
 */
import { Button, Spinner } from '@wordpress/components';
import {
	lazy,
	Suspense,
	useCallback,
	useEffect,
	useRef,
	useState,
} from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import { useAppContext } from '../context';
import { STEP_IDS, useHashStep } from '../hooks/useHashStep';
import { useStatus } from '../hooks/useStatus';
import { offersRecover } from '../status';
import { stepLabel } from '../steps';
import type { SaveResult } from '../types';
import DiagnoseStep from './DiagnoseStep';
import StepBoundary from './StepBoundary';

const loadNewTokenStep = () =>
	import( /* webpackChunkName: "new-token-step" */ './NewTokenStep' );
const loadPasteStep = () =>
	import( /* webpackChunkName: "paste-step" */ './PasteStep' );
const loadTestEmailStep = () =>
	import( /* webpackChunkName: "test-email-step" */ './TestEmailStep' );
const loadRecoverStep = () =>
	import( /* webpackChunkName: "recover-step" */ './RecoverStep' );
const NewTokenStep = lazy( loadNewTokenStep );
const PasteStep = lazy( loadPasteStep );
const TestEmailStep = lazy( loadTestEmailStep );
const RecoverStep = lazy( loadRecoverStep );

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

	const loaded = status.value !== null;
	const recoverOffered = status.value ? offersRecover( status.value ) : false;
	useEffect( () => {
		if ( loaded ) {
			// A failure here is retried when the step is opened (and shown there).
			for ( const load of [
				loadNewTokenStep,
				loadPasteStep,
				loadTestEmailStep,
				...( recoverOffered ? [ loadRecoverStep ] : [] ),
			] ) {
				load().catch( () => {} );
			}
		}
	}, [ loaded, recoverOffered ] );

	// A proof of the token in this session (the server's `held.token_proven` says it too,
	// once the status is loaded again).
	const [ provenHere, setProvenHere ] = useState( false );
	const { reload } = status;
	// After a save, the diagnosis as the server sees it now (token, mailer, headline).
	const onSaved = useCallback(
		( result: SaveResult ) => {
			if ( result.verdict.policy.proves_token ) {
				setProvenHere( true );
			}
			reload();
		},
		[ reload ]
	);
	const onTestAccepted = useCallback( () => setProvenHere( true ), [] );

	const steps = STEP_IDS.filter(
		( id ) => id !== 'recover' || recoverOffered || step === 'recover'
	);
	const index = steps.indexOf( step );

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
					{ steps.map( ( id, position ) => (
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
						steps.length,
						stepLabel( step )
					) }
				</h2>

				{ step === 'diagnose' && (
					<DiagnoseStep status={ status } onGoTo={ go } />
				) }
				<StepBoundary key={ step }>
					<Suspense fallback={ <Spinner /> }>
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
							<TestEmailStep
								status={ status.value }
								onGoTo={ go }
								onAccepted={ onTestAccepted }
							/>
						) }
						{ step === 'recover' && (
							<RecoverStep
								status={ status.value }
								tokenProven={
									provenHere ||
									!! status.value?.held?.token_proven
								}
								onChanged={ reload }
								onGoTo={ go }
							/>
						) }
					</Suspense>
				</StepBoundary>
			</section>
		</div>
	);
}
