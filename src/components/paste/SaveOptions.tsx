/**
 * What goes with a save: the mailer (switch it to MailerSend, or the wp-config.php line when
 * WPMS_MAILER sets it) and the token's expiry date.
 */
import { CheckboxControl, Notice, TextControl } from '@wordpress/components';
import { createInterpolateElement } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import { mailerName } from '../../format';
import type { PasteFlow } from '../../hooks/usePasteFlow';
import type { Status } from '../../types';

/** The line that makes MailerSend WP Mail SMTP's mailer in wp-config.php. */
const MAILER_DEFINE = "define( 'WPMS_MAILER', 'mailersend' );";

export default function SaveOptions( {
	flow,
	status,
}: {
	flow: PasteFlow;
	status: Status | null;
} ) {
	const { site, form } = flow;
	const mailer = status ? mailerName( status.mailer.slug ) : '';
	return (
		<>
			{ site.notMailerSend && site.mailerConstant && (
				<Notice status="info" isDismissible={ false }>
					<p>
						{ createInterpolateElement(
							sprintf(
								/* translators: %s: name of the mailer WP Mail SMTP uses now, such as "Other SMTP". */
								__(
									'WP Mail SMTP sends with “%s”, set by the <code>WPMS_MAILER</code> constant in wp-config.php, so this screen cannot switch it to MailerSend. The token can be saved; to send with it, change that line in wp-config.php to:',
									'fix-mailersend'
								),
								mailer
							),
							{ code: <code /> }
						) }
					</p>
					<pre className="fms-define__line" dir="ltr">
						<code>{ MAILER_DEFINE }</code>
					</pre>
				</Notice>
			) }
			{ site.offerSwitch && (
				<CheckboxControl
					label={ sprintf(
						/* translators: %s: name of the mailer WP Mail SMTP uses now, such as "Other SMTP". */
						__(
							'Switch WP Mail SMTP to MailerSend (it now sends with “%s”)',
							'fix-mailersend'
						),
						mailer
					) }
					help={ __(
						'Without this, the token is saved but WP Mail SMTP keeps its current mailer.',
						'fix-mailersend'
					) }
					checked={ form.switchMailer }
					onChange={ form.setSwitchMailer }
					__nextHasNoMarginBottom
				/>
			) }
			<TextControl
				label={ __( 'Token expiry date (optional)', 'fix-mailersend' ) }
				help={
					form.expiryValid
						? __(
								'The expiration date you chose in MailerSend. Fix MailerSend reminds you a week before.',
								'fix-mailersend'
							)
						: __(
								'Enter the date as YYYY-MM-DD, or leave it empty.',
								'fix-mailersend'
							)
				}
				type="date"
				value={ form.expiresAt }
				onChange={ form.setExpiresAt }
				className="fms-expiry"
				__next40pxDefaultSize
				__nextHasNoMarginBottom
			/>
		</>
	);
}
