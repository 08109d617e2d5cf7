/**
 * Step 3: paste a token, see the local verdict as you type (no request), ask
 * MailerSend with "Check token", then save it — or get the wp-config.php line when
 * the key comes from a constant.
 *
 * The flow (state, requests, what may be offered) is usePasteFlow(); this component and
 * the views in ./paste/ only render it. The local verdict is the server's (token.ts
 * follows Token_Inspector.php), and a paste the server would refuse as a parameter (not
 * one line of printable ASCII, such as a copy with "…") is never sent.
 */
import { Notice } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

import { usePasteFlow, type PasteFlow } from '../hooks/usePasteFlow';
import { DEFINE_CONSTANT } from '../token';
import type { SaveResult, Status, StepId } from '../types';
import DefineLine from './DefineLine';
import { SaveAnyway, SaveChecked } from './paste/SaveActions';
import Saved from './paste/Saved';
import TokenField from './paste/TokenField';
import RequestError from './RequestError';
import VerdictNotice from './VerdictNotice';
import { ActionButton } from './StepButtons';

export interface PasteStepProps {
	/** The diagnosis, when loaded (mailer, token source). */
	status: Status | null;
	/** The token was saved; `expiresAt` is the expiry date sent with it, or null. */
	onSaved: ( result: SaveResult, expiresAt: string | null ) => void;
	onGoTo: ( step: StepId ) => void;
}

export default function PasteStep( {
	status,
	onSaved,
	onGoTo,
}: PasteStepProps ) {
	const flow = usePasteFlow( status, onSaved );

	if ( flow.saved ) {
		return <Saved result={ flow.saved } onGoTo={ onGoTo } />;
	}

	const { checkState, latest } = flow;
	return (
		<div className="fms-paste">
			<p>
				{ __(
					'Paste the token you created in MailerSend. It is checked here as you type; nothing leaves this page until you press Check token.',
					'fix-mailersend'
				) }
			</p>
			<SiteNotices flow={ flow } status={ status } />
			<TokenField flow={ flow } />

			<div className="fms-actions">
				<ActionButton
					// Once the token can be saved, saving is the main action.
					variant={
						flow.checked?.policy.proves_token
							? 'secondary'
							: 'primary'
					}
					onClick={ flow.onCheck }
					busy={ checkState.status === 'pending' }
					busyLabel={ __( 'Checking…', 'fix-mailersend' ) }
					disabled={ ! flow.canCheck }
				>
					{ __( 'Check token', 'fix-mailersend' ) }
				</ActionButton>
			</div>

			{ checkState.status === 'error' && (
				<RequestError
					what={ __(
						'Could not check the token.',
						'fix-mailersend'
					) }
					error={ checkState.error }
					onRetry={ flow.retryCheck }
				/>
			) }

			{ latest && <VerdictNotice verdict={ latest } /> }
			{ flow.rejected && <NotSaved status={ status } /> }

			{ flow.defineLine && (
				<DefineLine
					token={ flow.token }
					constant={
						flow.constantError?.constant ??
						status?.token.constant ??
						DEFINE_CONSTANT
					}
					unchecked={ flow.defineLine.unchecked }
				/>
			) }
			{ flow.offerSave && (
				<SaveChecked flow={ flow } status={ status } />
			) }
			{ flow.offerSaveAnyway && (
				<SaveAnyway flow={ flow } status={ status } />
			) }

			{ flow.saveError && (
				<RequestError
					what={ __( 'Could not save the token.', 'fix-mailersend' ) }
					error={ flow.saveError }
					onRetry={ flow.retrySave }
				/>
			) }
		</div>
	);
}

/**
 * Why a token cannot be saved from here: a constant owns the key, or WP Mail SMTP is off.
 *
 * @param props
 * @param props.flow   The flow.
 * @param props.status The status, when loaded.
 */
function SiteNotices( {
	flow,
	status,
}: {
	flow: PasteFlow;
	status: Status | null;
} ) {
	return (
		<>
			{ flow.site.fromConstant && status && (
				<Notice status="info" isDismissible={ false }>
					{ sprintf(
						/* translators: %s: constant name, WPMS_MAILERSEND_API_KEY. */
						__(
							'WP Mail SMTP reads your token from wp-config.php (the %s constant), so it cannot be saved from this screen. Check your new token here; you will then get the exact line to put in wp-config.php.',
							'fix-mailersend'
						),
						status.token.constant
					) }
				</Notice>
			) }
			{ ! flow.site.wpMailSmtpActive && (
				<Notice status="warning" isDismissible={ false }>
					{ __(
						'WP Mail SMTP is not active, so a token cannot be saved yet. You can still check one.',
						'fix-mailersend'
					) }
				</Notice>
			) }
		</>
	);
}

/**
 * A refused save: what was left as it was.
 *
 * @param props
 * @param props.status The status, when loaded.
 */
function NotSaved( { status }: { status: Status | null } ) {
	return (
		<p className="fms-not-saved">
			<strong>
				{ status?.token.source === 'database'
					? sprintf(
							/* translators: %s: masked saved token such as mlsn.ab…wxyz. */
							__(
								'Not saved: your current token %s was left as it was.',
								'fix-mailersend'
							),
							status.token.masked ?? ''
						)
					: __(
							'Not saved: nothing was changed.',
							'fix-mailersend'
						) }
			</strong>
		</p>
	);
}
