/**
 * Short names for the causes of failed emails (the outage report's causes, a held email's
 * failure), used where the status carries no verdict with that id to take the title from.
 */
import { __ } from '@wordpress/i18n';

import type { VerdictId } from './types';

/**
 * A short name for a cause, when the status carries no verdict with this id.
 *
 * @param id A verdict id.
 */
export function causeLabel( id: VerdictId ): string {
	switch ( id ) {
		case 'missing':
			return __( 'No API token', 'fix-mailersend' );
		case 'smtp_password_pasted':
			return __(
				'An SMTP password instead of a token',
				'fix-mailersend'
			);
		case 'malformed':
		case 'truncated':
			return __( 'A malformed or cut-off token', 'fix-mailersend' );
		case 'legacy_token':
			return __( 'An older kind of token', 'fix-mailersend' );
		case 'unauthenticated':
			return __(
				'MailerSend did not recognise the token',
				'fix-mailersend'
			);
		case 'missing_permission':
			return __( 'The token may not send email', 'fix-mailersend' );
		case 'account_blocked':
			return __(
				'The MailerSend account is suspended',
				'fix-mailersend'
			);
		case 'domain_unverified':
			return __( 'The From domain is not verified', 'fix-mailersend' );
		case 'trial_limit':
		case 'sending_quota_reached':
		case 'quota_exhausted':
		case 'rate_limited':
			return __( 'A MailerSend limit was reached', 'fix-mailersend' );
		case 'plan_feature_missing':
			return __( 'A feature the plan lacks', 'fix-mailersend' );
		case 'send_paused':
			return __( 'Sending is paused in MailerSend', 'fix-mailersend' );
		case 'recipients_suppressed':
			return __( 'Recipients on a suppression list', 'fix-mailersend' );
		case 'blocked_by_site':
		case 'mailersend_unavailable':
		case 'network_error':
			return __( 'MailerSend could not be reached', 'fix-mailersend' );
		default:
			return __( 'An unexpected answer', 'fix-mailersend' );
	}
}
