/**
 * Generated from includes/Diagnosis/Verdicts.php by `npm run verdict-ids` (bin/verdict-ids.php):
 * do not edit. tests/php/Domain/Verdict_Policy_Test.php fails when it differs from the catalogue.
 */

/** Every answer about a token (records of kind `token`), in the catalogue’s order. */
export const VERDICT_IDS = [
	'valid',
	'missing',
	'smtp_password_pasted',
	'malformed',
	'truncated',
	'legacy_token',
	'unauthenticated',
	'missing_permission',
	'account_blocked',
	'domain_unverified',
	'trial_limit',
	'sending_quota_reached',
	'plan_feature_missing',
	'rate_limited',
	'quota_exhausted',
	'send_paused',
	'recipients_suppressed',
	'blocked_by_site',
	'mailersend_unavailable',
	'network_error',
	'unknown',
] as const;

/** The states of the site only the Diagnose headline uses (records of kind `site`). */
export const HEADLINE_IDS = [
	'wp_mail_smtp_missing',
	'wp_mail_smtp_inactive',
	'wp_mail_smtp_too_old',
	'mailer_not_mailersend',
	'not_checked',
] as const;
