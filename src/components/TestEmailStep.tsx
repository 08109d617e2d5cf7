/**
 * Step 4: a real email through wp_mail(), WP Mail SMTP and MailerSend.
 */
import {
	Button,
	Notice,
	TextControl,
	ToggleControl,
} from '@wordpress/components';
import { useCallback, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import type { FormEvent } from 'react';

import { useAppContext } from '../context';
import { mailerName } from '../format';
import { useAsyncAction } from '../hooks/useAsyncAction';
import { isWpMailSmtpLoaded } from '../status';
import { goToLabel, nextStepFor } from '../steps';
import type {
	Status,
	StepId,
	TestEmailRequest,
	TestEmailResult,
} from '../types';
import RequestError from './RequestError';
import Summary from './Summary';
import VerdictNotice from './VerdictNotice';

export interface TestEmailStepProps {
	status: Status | null;
	onGoTo: ( step: StepId ) => void;
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+$/;

export default function TestEmailStep( {
	status,
	onGoTo,
}: TestEmailStepProps ) {
	const { api, boot } = useAppContext();
	const [ to, setTo ] = useState( boot.user.email );
	const [ html, setHtml ] = useState( true );
	const [ sentTo, setSentTo ] = useState( '' );
	const send = useAsyncAction(
		useCallback(
			( body: TestEmailRequest ): Promise< TestEmailResult > =>
				api.sendTestEmail( body ),
			[ api ]
		)
	);

	const recipient = to.trim();
	const recipientValid = EMAIL_PATTERN.test( recipient );
	const pending = send.state.status === 'pending';

	const onSubmit = ( event: FormEvent< HTMLFormElement > ) => {
		event.preventDefault();
		if ( ! recipientValid || pending ) {
			return;
		}
		setSentTo( recipient );
		send.run( { to: recipient, html } );
	};

	const result = send.state.status === 'success' ? send.state.value : null;
	const failedNext =
		result && ! result.accepted ? nextStepFor( result.verdict.id ) : null;

	return (
		<div className="fms-test">
			<p>
				{ __(
					'This sends a real email the way your site does: through WordPress, WP Mail SMTP and MailerSend.',
					'fix-mailersend'
				) }
			</p>

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
							<Button
								variant="secondary"
								onClick={ () => onGoTo( 'paste' ) }
								__next40pxDefaultSize
							>
								{ goToLabel( 'paste' ) }
							</Button>
						) }
					</Notice>
				) }

			<form onSubmit={ onSubmit } className="fms-test__form" noValidate>
				<TextControl
					label={ __( 'Send to', 'fix-mailersend' ) }
					type="email"
					value={ to }
					onChange={ setTo }
					autoComplete="email"
					dir="ltr"
					help={
						recipient === '' || recipientValid
							? __(
									'Your own address by default.',
									'fix-mailersend'
								)
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
					<Button
						variant="primary"
						type="submit"
						disabled={ ! recipientValid || pending }
						isBusy={ pending }
						accessibleWhenDisabled
						__next40pxDefaultSize
					>
						{ pending
							? __( 'Sending…', 'fix-mailersend' )
							: __( 'Send test email', 'fix-mailersend' ) }
					</Button>
				</div>
			</form>

			{ send.state.status === 'error' && (
				<RequestError
					what={ __(
						'Could not send the test email.',
						'fix-mailersend'
					) }
					error={ send.state.error }
					onRetry={ () => send.retry() }
				/>
			) }

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
							<Button
								variant="primary"
								onClick={ () => onGoTo( failedNext ) }
								__next40pxDefaultSize
							>
								{ goToLabel( failedNext ) }
							</Button>
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

			<p className="fms-muted">
				<Button variant="link" href={ boot.links.emailTest }>
					{ __(
						'Or use WP Mail SMTP’s own Email Test',
						'fix-mailersend'
					) }
				</Button>
			</p>
		</div>
	);
}
