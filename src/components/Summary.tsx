/**
 * After a test email MailerSend accepted: what is in place now, and the article's tips.
 */
import { __, sprintf } from '@wordpress/i18n';

import type { Status, TestEmailAccepted } from '../types';

export interface SummaryProps {
	result: TestEmailAccepted;
	status: Status | null;
}

export default function Summary( { result, status }: SummaryProps ) {
	const domain = status?.from.domain ?? '';
	const masked = status?.token.masked ?? null;

	return (
		<section className="fms-summary" aria-labelledby="fms-summary-heading">
			<h3 id="fms-summary-heading">
				{ __( 'Summary', 'fix-mailersend' ) }
			</h3>
			<ul>
				{ masked && (
					<li>
						{ sprintf(
							/* translators: %s: masked token such as mlsn.ab…wxyz. */
							__( 'Token in use: %s', 'fix-mailersend' ),
							masked
						) }
					</li>
				) }
				{ status?.mailer.is_mailersend && (
					<li>
						{ __(
							'WP Mail SMTP sends through MailerSend.',
							'fix-mailersend'
						) }
					</li>
				) }
				<li>
					{ result.message_id
						? sprintf(
								/* translators: %s: MailerSend message id. */
								__(
									'MailerSend accepted the test email (message ID %s).',
									'fix-mailersend'
								),
								result.message_id
							)
						: __(
								'MailerSend accepted the test email.',
								'fix-mailersend'
							) }
				</li>
			</ul>

			<h3>{ __( 'Good to know', 'fix-mailersend' ) }</h3>
			<ul className="fms-tips">
				<li>
					{ __(
						'MailerSend shows a token only once, when you create it. If you lose it, create a new one: there is no way to see it again.',
						'fix-mailersend'
					) }
				</li>
				<li>
					{ __(
						'A token’s expiry date is set when it is created and cannot be changed. Before it expires, create a new token and paste it here.',
						'fix-mailersend'
					) }
				</li>
				<li>
					{ domain
						? sprintf(
								/* translators: %s: sending domain such as example.com. */
								__(
									'Always create tokens in the MailerSend account where %s is verified: a token from another account cannot send from it.',
									'fix-mailersend'
								),
								domain
							)
						: __(
								'Always create tokens in the MailerSend account where your sending domain is verified: a token from another account cannot send from it.',
								'fix-mailersend'
							) }
				</li>
				<li>
					{ __(
						'Fix MailerSend checks the saved token every day and warns you in the dashboard and in Site Health if it stops working.',
						'fix-mailersend'
					) }
				</li>
			</ul>
		</section>
	);
}
