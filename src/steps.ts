/**
 * The four steps: labels, and which step a verdict leads to.
 */
import { __ } from '@wordpress/i18n';

import type { StepId, Verdict, VerdictId } from './types';

/**
 * The name of a step, as in the step navigation.
 *
 * @param step A step id.
 */
export function stepLabel( step: StepId ): string {
	switch ( step ) {
		case 'diagnose':
			return __( 'Diagnose', 'fix-mailersend' );
		case 'new-token':
			return __( 'Get a new token', 'fix-mailersend' );
		case 'paste':
			return __( 'Paste and check', 'fix-mailersend' );
		case 'test':
			return __( 'Send a test email', 'fix-mailersend' );
	}
}

/**
 * The label of a button that goes to a step.
 * @param step
 */
export function goToLabel( step: StepId ): string {
	switch ( step ) {
		case 'diagnose':
			return __( 'Back to the diagnosis', 'fix-mailersend' );
		case 'new-token':
			return __( 'Get a new token', 'fix-mailersend' );
		case 'paste':
			return __( 'Paste a token', 'fix-mailersend' );
		case 'test':
			return __( 'Send a test email', 'fix-mailersend' );
	}
}

/** Verdicts that a new token fixes. */
const NEEDS_NEW_TOKEN: readonly VerdictId[] = [
	'missing',
	'smtp_password_pasted',
	'malformed',
	'truncated',
	'legacy_token',
	'unauthenticated',
	'missing_permission',
	'domain_unverified',
];

/**
 * The step that comes next after a verdict, or null when the fix lies outside this
 * screen (WP Mail SMTP to install, activate or update; the MailerSend account; hosting)
 * or is to wait and re-check.
 *
 * Headline-only ids (Rest/Headline.php):
 * - `mailer_not_mailersend`: paste a token and save it with the consent to switch;
 * - `not_checked`: the Diagnose step offers "Re-check saved token" first, then the
 *   paste step;
 * - `wp_mail_smtp_missing` / `_inactive` / `_too_old`: null (the Plugins screen).
 *
 * @param id A verdict id.
 */
export function nextStepFor( id: VerdictId ): StepId | null {
	switch ( id ) {
		case 'valid':
			return 'test';
		case 'mailer_not_mailersend':
		case 'not_checked':
			return 'paste';
		default:
			return NEEDS_NEW_TOKEN.includes( id ) ? 'new-token' : null;
	}
}

/**
 * Verdicts that say nothing about the token: MailerSend or the network was not available.
 * @param id
 */
export function isUnreachable( id: VerdictId ): boolean {
	return id === 'mailersend_unavailable' || id === 'network_error';
}

/**
 * Verdicts after which the user may save a token with `save_anyway`, when nothing else proved
 * it: MailerSend or the network was unavailable, or MailerSend answered 429 before it
 * accepted the token (it may limit requests before it authenticates them). Mirrors the PHP
 * constant Token_Service::SAVE_ANYWAY_VERDICTS (includes/Service/Token_Service.php): change both.
 */
export const SAVE_ANYWAY_VERDICTS: readonly VerdictId[] = [
	'mailersend_unavailable',
	'network_error',
	'rate_limited',
];

/**
 * The warnings that prove a token once MailerSend has accepted it. Mirrors the PHP constant
 * Token_Service::PROVING_WARNINGS (includes/Service/Token_Service.php) exactly: change both.
 * Not `unknown`, `network_error` or `mailersend_unavailable`, even with `token_accepted`;
 * `rate_limited` only with it.
 */
export const PROVING_WARNINGS: readonly VerdictId[] = [
	'legacy_token',
	'rate_limited',
	'send_paused',
	'recipients_suppressed',
];

/**
 * Whether the server saves a token after this verdict without `save_anyway`
 * (Token_Service::proves_token()): `valid`, or one of PROVING_WARNINGS given once
 * MailerSend had accepted the token (evidence `token_accepted`).
 *
 * @param verdict The verdict of a check.
 */
export function isSavable( verdict: Verdict ): boolean {
	return (
		verdict.id === 'valid' ||
		( PROVING_WARNINGS.includes( verdict.id ) &&
			verdict.evidence?.token_accepted === true )
	);
}

/**
 * Whether the server saves a token after this verdict only with `save_anyway`
 * (Token_Service::may_save_anyway()): MailerSend could not check it
 * (SAVE_ANYWAY_VERDICTS) and nothing else proved it.
 *
 * @param verdict The verdict of a check.
 */
export function maySaveAnyway( verdict: Verdict ): boolean {
	return (
		! isSavable( verdict ) && SAVE_ANYWAY_VERDICTS.includes( verdict.id )
	);
}
