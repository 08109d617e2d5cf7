/**
 * Step 1: what is wrong, with evidence. The status is loaded once by App when the
 * screen opens; "Re-check saved token" asks MailerSend about the token on file, then the
 * diagnosis is loaded again: the headline is the server's.
 */
import { Spinner } from '@wordpress/components';
import { useCallback } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import { useAppContext } from '../context';
import { useAsyncAction } from '../hooks/useAsyncAction';
import type { StatusHandle } from '../hooks/useStatus';
import { isWpMailSmtpLoaded } from '../status';
import type { CheckResult, StepId } from '../types';
import {
	ExpiryNotice,
	HeadlineActions,
	MailerGuidance,
	WpMailSmtpGuidance,
} from './DiagnoseGuidance';
import OutageReport from './OutageReport';
import RequestError from './RequestError';
import StatusFacts from './StatusFacts';
import VerdictNotice from './VerdictNotice';
import { ActionButton, GoToButton } from './StepButtons';

export interface DiagnoseStepProps {
	status: StatusHandle;
	onGoTo: ( step: StepId ) => void;
}

export default function DiagnoseStep( { status, onGoTo }: DiagnoseStepProps ) {
	const { api, boot } = useAppContext();
	const recheckSaved = useCallback( () => api.checkToken( {} ), [ api ] );
	const recheck = useAsyncAction< [], CheckResult >( recheckSaved );
	const { reload } = status;

	const onRecheck = async () => {
		if ( await recheck.run() ) {
			// The server's headline now (it keeps the check as the last one): no rule here.
			reload();
		}
	};

	if ( status.state.status === 'loading' ) {
		return (
			<div className="fms-loading" role="status">
				<Spinner />
				<span>
					{ __(
						'Looking at WP Mail SMTP and your MailerSend token…',
						'fix-mailersend'
					) }
				</span>
			</div>
		);
	}

	if ( status.state.status === 'error' ) {
		return (
			<RequestError
				what={ __( 'Could not load the diagnosis.', 'fix-mailersend' ) }
				error={ status.state.error }
				onRetry={ status.reload }
			/>
		);
	}

	const { value, refreshing } = status.state;
	const canRecheck =
		isWpMailSmtpLoaded( value ) && value.token.source !== 'none';
	const rechecked =
		recheck.state.status === 'success' ? recheck.state.value.verdict : null;
	// The re-check leads the diagnosis now, unless a state of the site does (the server's
	// headline, reloaded after the check).
	const inHeadline =
		rechecked !== null &&
		value.headline.id === rechecked.id &&
		value.headline.title === rechecked.title;
	const recheckNext =
		rechecked && ! inHeadline ? rechecked.policy.step : null;

	return (
		<div className="fms-diagnose">
			{ refreshing && (
				<p className="fms-loading" role="status">
					<Spinner />
					<span>{ __( 'Refreshing…', 'fix-mailersend' ) }</span>
				</p>
			) }

			<VerdictNotice verdict={ value.headline } className="fms-headline">
				<HeadlineActions
					status={ value }
					onGoTo={ onGoTo }
					settingsUrl={ boot.links.wpMailSmtpSettings }
				/>
			</VerdictNotice>

			<WpMailSmtpGuidance status={ value } />
			<MailerGuidance
				status={ value }
				onGoTo={ onGoTo }
				settingsUrl={ boot.links.wpMailSmtpSettings }
			/>
			<ExpiryNotice status={ value } onGoTo={ onGoTo } />
			<OutageReport status={ value } onGoTo={ onGoTo } />

			<h3>{ __( 'What Fix MailerSend found', 'fix-mailersend' ) }</h3>
			<StatusFacts status={ value } />

			<h3>{ __( 'Re-check the saved token', 'fix-mailersend' ) }</h3>
			<p>
				{ canRecheck &&
					__(
						'Asks MailerSend whether the token on file still works. No email is sent.',
						'fix-mailersend'
					) }
				{ ! canRecheck &&
					( isWpMailSmtpLoaded( value )
						? __(
								'There is no saved token to check yet.',
								'fix-mailersend'
							)
						: __(
								'WP Mail SMTP is not running, so there is no saved token to check.',
								'fix-mailersend'
							) ) }
			</p>
			<ActionButton
				variant={
					value.headline.id === 'not_checked'
						? 'primary'
						: 'secondary'
				}
				onClick={ onRecheck }
				busy={ recheck.state.status === 'pending' }
				busyLabel={ __( 'Checking…', 'fix-mailersend' ) }
				disabled={ ! canRecheck }
			>
				{ __( 'Re-check saved token', 'fix-mailersend' ) }
			</ActionButton>

			{ rechecked && inHeadline && (
				<p className="fms-recheck-done">
					{ sprintf(
						/* translators: %s: verdict title such as "The token works". */
						__(
							'Checked just now: “%s”. The diagnosis at the top of this step shows the details.',
							'fix-mailersend'
						),
						rechecked.title
					) }
				</p>
			) }
			{ rechecked && ! inHeadline && (
				<VerdictNotice verdict={ rechecked }>
					{ recheckNext && (
						<GoToButton step={ recheckNext } onGoTo={ onGoTo } />
					) }
				</VerdictNotice>
			) }
			{ recheck.state.status === 'error' && (
				<RequestError
					what={ __(
						'Could not re-check the saved token.',
						'fix-mailersend'
					) }
					error={ recheck.state.error }
					onRetry={ onRecheck }
				/>
			) }
		</div>
	);
}
