/**
 * The test email step's views: why it cannot test MailerSend on this site, the form, the answer.
 */
import { Notice, TextControl, ToggleControl } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

import { mailerName } from '../../format';
import type { TestEmailFlow } from '../../hooks/useTestEmailFlow';
import { isWpMailSmtpLoaded } from '../../status';
import type { Status, StepId } from '../../types';
import Summary from '../Summary';
import VerdictNotice from '../VerdictNotice';
import { ActionButton, GoToButton } from '../StepButtons';

interface ViewProps {
	flow: TestEmailFlow;
	status: Status | null;
	onGoTo: ( step: StepId ) => void;
}

/**
 * Why a test email cannot test MailerSend here: WP Mail SMTP is off, or sends otherwise.
 *
 * @param props
 * @param props.status The status, when loaded.
 * @param props.onGoTo Goes to a step.
 */
export function SiteWarnings( { status, onGoTo }: Omit< ViewProps, 'flow' > ) {
	return (
		<>
			{ status && ! isWpMailSmtpLoaded( status ) && (
				<Notice status="warning" isDismissible={ false }>
					{ __(
						'WP Mail SMTP is not active, so a test email cannot go through MailerSend. Activate WP Mail SMTP first.',
						'fix-mailersend'
					) }
				</Notice>
			) }
			{ status &&
				isWpMailSmtpLoaded( status ) &&
				! status.mailer.is_mailersend && (
					<Notice status="warning" isDismissible={ false }>
						<p>
							{ status.mailer.from_constant
								? sprintf(
										/* translators: %s: name of the mailer WP Mail SMTP uses, such as "Other SMTP". */
										__(
											'WP Mail SMTP sends with “%s”, set by the WPMS_MAILER constant in wp-config.php, not MailerSend: a test email cannot test MailerSend. Set WPMS_MAILER to “mailersend” in wp-config.php first.',
											'fix-mailersend'
										),
										mailerName( status.mailer.slug )
									)
								: sprintf(
										/* translators: %s: name of the mailer WP Mail SMTP uses, such as "Other SMTP". */
										__(
											'WP Mail SMTP sends with “%s”, not MailerSend: a test email cannot test MailerSend. Save a working token in step 3 with “Switch WP Mail SMTP to MailerSend” ticked first.',
											'fix-mailersend'
										),
										mailerName( status.mailer.slug )
									) }
						</p>
						{ ! status.mailer.from_constant && (
							<GoToButton step="paste" onGoTo={ onGoTo } />
						) }
					</Notice>
				) }
		</>
	);
}

export function TestEmailForm( { flow }: Pick< ViewProps, 'flow' > ) {
	const { to, setTo, html, setHtml, recipient, recipientValid, pending } =
		flow;
	return (
		<form onSubmit={ flow.onSubmit } className="fms-test__form" noValidate>
			<TextControl
				label={ __( 'Send to', 'fix-mailersend' ) }
				type="email"
				value={ to }
				onChange={ setTo }
				autoComplete="email"
				dir="ltr"
				help={
					recipient === '' || recipientValid
						? __( 'Your own address by default.', 'fix-mailersend' )
						: __(
								'Enter an email address, such as you@example.com.',
								'fix-mailersend'
							)
				}
				__next40pxDefaultSize
				__nextHasNoMarginBottom
			/>
			<ToggleControl
				label={ __( 'Send as HTML', 'fix-mailersend' ) }
				help={ __(
					'On: like WP Mail SMTP’s own test email. Off: plain text.',
					'fix-mailersend'
				) }
				checked={ html }
				onChange={ setHtml }
				__nextHasNoMarginBottom
			/>
			<div className="fms-actions">
				<ActionButton
					variant="primary"
					type="submit"
					busy={ pending }
					busyLabel={ __( 'Sending…', 'fix-mailersend' ) }
					disabled={ ! recipientValid }
				>
					{ __( 'Send test email', 'fix-mailersend' ) }
				</ActionButton>
			</div>
		</form>
	);
}

/**
 * The answer of a send: accepted by MailerSend, sent by something else, or refused.
 *
 * @param props
 * @param props.flow   The flow.
 * @param props.status The status, when loaded.
 * @param props.onGoTo Goes to a step.
 */
export function TestEmailAnswer( { flow, status, onGoTo }: ViewProps ) {
	const { result, sentTo, failedNext } = flow;
	if ( ! result ) {
		return null;
	}
	return (
		<>
			{ result && result.accepted && ! result.via_mailersend && (
				<Notice status="warning" isDismissible={ false }>
					<p>
						<strong>
							{ __(
								'WordPress reported the email as sent, but it did not go through MailerSend: another plugin may be handling email.',
								'fix-mailersend'
							) }
						</strong>
					</p>
					<p>
						{ __(
							'MailerSend was not tested. Look for a plugin that sends email in place of WP Mail SMTP (an SMTP, logging or queue plugin), deactivate it, and send the test email again.',
							'fix-mailersend'
						) }
					</p>
				</Notice>
			) }

			{ result && result.accepted && result.via_mailersend && (
				<>
					<Notice status="success" isDismissible={ false }>
						<p>
							<strong>
								{ __(
									'MailerSend accepted the test email.',
									'fix-mailersend'
								) }
							</strong>
						</p>
						<p>
							{ sprintf(
								/* translators: %s: recipient email address. */
								__(
									'Look in the inbox of %s in a minute or two, and in the spam folder.',
									'fix-mailersend'
								),
								sentTo
							) }
						</p>
						{ result.message_id && (
							<p>
								{ sprintf(
									/* translators: %s: MailerSend message id. */
									__(
										'MailerSend message ID: %s',
										'fix-mailersend'
									),
									result.message_id
								) }
							</p>
						) }
					</Notice>
					{ result.warnings.map( ( warning ) => (
						<VerdictNotice key={ warning.id } verdict={ warning } />
					) ) }
					<Summary result={ result } status={ status } />
				</>
			) }

			{ result && ! result.accepted && (
				<>
					<VerdictNotice verdict={ result.verdict }>
						{ failedNext && (
							<GoToButton
								step={ failedNext }
								onGoTo={ onGoTo }
								variant="primary"
							/>
						) }
					</VerdictNotice>
					<p className="fms-not-sent">
						{ __(
							'The email was not sent. Nothing else was changed.',
							'fix-mailersend'
						) }
					</p>
				</>
			) }
		</>
	);
}
