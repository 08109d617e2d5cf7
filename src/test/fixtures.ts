/**
 * Realistic answers of fix-mailersend/v1, typed by the contract (types.ts).
 *
 * The route answers (statuses, check, save, test emails, errors) come from
 * tests/fixtures/rest-answers.json, which tests/php/Rest/FixturesMatchServerTest.php compares
 * with the real REST routes (keys and value types recursively, verdict ids, error codes): a
 * field renamed on either side fails there. So do the verdicts `valid`, `unauthenticated`,
 * `send_paused`, `recipients_suppressed` and the test email's `domain_unverified`. The other
 * verdicts of the catalogue below are the texts Diagnosis/Verdicts.php and Rest/Headline.php
 * build (English) from realistic evidence, not compared with the server.
 */
import answers from '../../tests/fixtures/rest-answers.json';
import type {
	BootData,
	CheckResult,
	ConstantDefinedError,
	HeldDetail,
	HeldItem,
	HeldNextResult,
	RestError,
	SaveResult,
	Status,
	TestEmailAccepted,
	TestEmailResult,
	ThrottledError,
	TokenRejectedError,
	Verdict,
	VerdictId,
} from '../types';

/**
 * A token of the current format (mlsn. + 64 hex), built so that no literal in the code base
 * looks like a real token to secret scanners.
 */
export const GOOD_TOKEN = [
	'mlsn.5f3c9a1e',
	'7b2d4c6e8f0a1b3c',
	'5d7e9f1a2b4c6d8e',
	'0f1a3b5c7d9e1f3a',
	'5b7c9d1e',
].join( '' );
export const GOOD_TOKEN_MASKED = 'mlsn.5f…9d1e';

/**
 * One answer of tests/fixtures/rest-answers.json, as its type (the PHP test keeps it true to the
 * server's shape), copied so that a test may change it.
 *
 * @param answer An entry of the file.
 */
function served< T >( answer: unknown ): T {
	return JSON.parse( JSON.stringify( answer ) ) as T;
}
export const SAVED_MASKED = 'mlsn.ab…wxyz';

export const boot: BootData = {
	restPath: '/fix-mailersend/v1',
	user: { email: 'admin@example.com' },
	links: {
		apiTokens: 'https://app.mailersend.com/api-tokens',
		wpMailSmtpSettings:
			'http://example.com/wp-admin/admin.php?page=wp-mail-smtp',
		emailTest:
			'http://example.com/wp-admin/admin.php?page=wp-mail-smtp-tools&tab=test',
	},
};

export const verdicts: Record< VerdictId, Verdict > = {
	valid: served< Verdict >( answers.check_pasted_valid.verdict ),
	missing: {
		id: 'missing',
		policy: { step: 'new-token', proves_token: false, save_anyway: false },
		severity: 'error',
		title: 'No MailerSend API token is set',
		explanation:
			'There is no API token to check, so WP Mail SMTP cannot send any email through MailerSend.',
		steps: [
			'Create a new API token in MailerSend (https://app.mailersend.com/api-tokens): pick an expiration date, give it Email: Full access (Domains: Read lets this plugin check your sending domain too), and use the MailerSend account that owns your sending domain.',
			'Copy the token right away: MailerSend shows it only once.',
			'Paste it in step 3 of this screen, check it, and save it.',
		],
		evidence: {
			token: null,
			token_length: 0,
		},
	},
	smtp_password_pasted: {
		id: 'smtp_password_pasted',
		policy: { step: 'new-token', proves_token: false, save_anyway: false },
		severity: 'error',
		title: 'This is an SMTP password, not an API token',
		explanation:
			'Values starting with "mssp." are MailerSend SMTP passwords, a different credential. WP Mail SMTP\'s MailerSend mailer needs an API token, which starts with "mlsn.".',
		steps: [
			'In MailerSend, open API tokens (https://app.mailersend.com/api-tokens), not SMTP users, and create a token there.',
			'Copy the token right away: MailerSend shows it only once.',
			'Paste the new token, which starts with "mlsn.", and check it.',
		],
		evidence: {
			token: 'mssp.Ab…9xYz',
			token_length: 41,
		},
	},
	malformed: {
		id: 'malformed',
		policy: { step: 'new-token', proves_token: false, save_anyway: false },
		severity: 'error',
		title: 'This does not look like a MailerSend API token',
		explanation:
			'MailerSend API tokens start with "mlsn." followed by letters and digits only. What was pasted starts differently or contains other characters, so MailerSend would reject it.',
		steps: [
			'Paste only the token itself, from where you saved it when you created it.',
			'Create a new API token in MailerSend (https://app.mailersend.com/api-tokens): pick an expiration date, give it Email: Full access (Domains: Read lets this plugin check your sending domain too), and use the MailerSend account that owns your sending domain.',
		],
		evidence: {
			token: 'abc12…34',
			token_length: 12,
			reason: 'prefix',
		},
	},
	truncated: {
		id: 'truncated',
		policy: { step: 'new-token', proves_token: false, save_anyway: false },
		severity: 'error',
		title: 'The token looks cut off',
		explanation:
			'The token contains "…" or "...", a sign that a shortened copy was pasted (MailerSend and this screen show saved tokens shortened like that).',
		steps: [
			'If you saved the full token when you created it, paste it again in full.',
			'Create a new API token in MailerSend (https://app.mailersend.com/api-tokens): pick an expiration date, give it Email: Full access (Domains: Read lets this plugin check your sending domain too), and use the MailerSend account that owns your sending domain.',
			'Copy the token right away: MailerSend shows it only once.',
		],
		evidence: {
			token: 'mlsn.ab…wxyz',
			token_length: 12,
			reason: 'ellipsis',
		},
	},
	legacy_token: {
		id: 'legacy_token',
		policy: { step: 'new-token', proves_token: true, save_anyway: false },
		severity: 'warning',
		title: 'This is an older kind of MailerSend token',
		explanation:
			'Tokens starting with "eyJ" come from MailerSend\'s earlier token format. MailerSend accepted this one, but current tokens start with "mlsn.": plan to replace it.',
		steps: [
			'Check the token with MailerSend before relying on it.',
			'Create a new API token in MailerSend (https://app.mailersend.com/api-tokens): pick an expiration date, give it Email: Full access (Domains: Read lets this plugin check your sending domain too), and use the MailerSend account that owns your sending domain.',
		],
		evidence: {
			token: 'eyJ0eXA…J9.x',
			http_status: 200,
			ms_code: null,
			endpoint: 'GET /v1/api-quota',
			quota_limit: 100,
			quota_remaining: 97,
			quota_reset: '2026-11-30T00:00:00+00:00',
			token_accepted: true,
		},
	},
	unauthenticated: served< Verdict >(
		answers.status_broken.last_check.verdict
	),
	missing_permission: {
		id: 'missing_permission',
		policy: { step: 'new-token', proves_token: false, save_anyway: false },
		severity: 'error',
		title: 'This token is not allowed to send email',
		explanation:
			'MailerSend knows this token but does not let it send email (#MS40301): it was created without the Email permission.',
		steps: [
			'Create a new token in MailerSend (https://app.mailersend.com/api-tokens) with Full access, or Custom access with Email: Full access.',
			'Copy the token right away: MailerSend shows it only once.',
			'Paste it in step 3 of this screen, check it, and save it.',
		],
		evidence: {
			http_status: 403,
			ms_code: 'MS40301',
			message: 'This action is unauthorized.',
			endpoint: 'POST /v1/email',
			token: 'mlsn.ab…wxyz',
			deep_checked: true,
			token_accepted: true,
		},
	},
	account_blocked: {
		id: 'account_blocked',
		policy: { step: null, proves_token: false, save_anyway: false },
		severity: 'error',
		title: 'This MailerSend account is suspended',
		explanation:
			'MailerSend has suspended this account (#MS40304), so it refuses every request from it.',
		steps: [
			'Sign in to MailerSend to read why the account was suspended.',
			'Contact MailerSend support to have it reinstated.',
			'Then check again: the token itself may be fine, and a new token will not help until this is solved.',
		],
		evidence: {
			http_status: 403,
			ms_code: 'MS40304',
			message: 'Your account is suspended.',
			endpoint: 'GET /v1/api-quota',
			token: 'mlsn.ab…wxyz',
		},
	},
	domain_unverified: {
		id: 'domain_unverified',
		policy: { step: 'new-token', proves_token: false, save_anyway: false },
		severity: 'error',
		title: 'The From domain is not verified in this token’s MailerSend account',
		explanation:
			'MailerSend sends only from domains verified in the account the token belongs to, and example.com is not verified there. This is often a token from another MailerSend account. Verified domains in this token’s account: other.example. Changing the From email in WP Mail SMTP’s settings to an address at one of them also works.',
		steps: [
			'Sign in to the MailerSend account where your sending domain is verified and create the token there (https://app.mailersend.com/api-tokens).',
			'If no MailerSend account has your domain verified yet, verify it in this token’s account instead (https://app.mailersend.com/domains), then check this token again.',
		],
		evidence: {
			http_status: 422,
			ms_code: 'MS42207',
			message:
				'The from.email domain must be verified in your account to send emails. #MS42207',
			endpoint: 'POST /v1/email',
			from_domain: 'example.com',
			verified_domains: 'other.example',
			token: 'mlsn.ab…wxyz',
			deep_checked: true,
			token_accepted: true,
		},
	},
	trial_limit: {
		id: 'trial_limit',
		policy: { step: null, proves_token: false, save_anyway: false },
		severity: 'error',
		title: 'The MailerSend trial limit is reached',
		explanation:
			'The token works, but this MailerSend account is on a trial, which may send only to a small number of different recipients (#MS42225).',
		steps: [
			'Upgrade the MailerSend plan, or finish the account approval in MailerSend, to lift the trial limits.',
			'Until then, send test emails only to addresses you have already sent to.',
		],
		evidence: {
			http_status: 422,
			ms_code: 'MS42225',
			message:
				'Trial accounts can only send to up to 10 unique recipients. #MS42225',
			endpoint: 'POST /v1/email',
			token_accepted: true,
		},
	},
	sending_quota_reached: {
		id: 'sending_quota_reached',
		policy: { step: null, proves_token: false, save_anyway: false },
		severity: 'error',
		title: 'The sending limit set in MailerSend is reached',
		explanation:
			'The token works, but MailerSend refused the email: the sending quota set in this MailerSend account is used up (#MS42204). Email fails until the limit is raised or its period starts again.',
		steps: [
			'In MailerSend, raise or remove the sending limit set for the account or its domain.',
			'If the limit is right, wait until its period starts again: nothing needs to change on this site.',
			'Then send a test email to confirm.',
		],
		evidence: {
			http_status: 422,
			ms_code: 'MS42204',
			message:
				'The sending quota set for this account has been reached. #MS42204',
			endpoint: 'POST /v1/email',
			token_accepted: true,
		},
	},
	plan_feature_missing: {
		id: 'plan_feature_missing',
		policy: { step: null, proves_token: false, save_anyway: false },
		severity: 'error',
		title: 'The MailerSend plan does not include a feature this email uses',
		explanation:
			'The token works, but MailerSend refused the email because it uses a feature this account’s plan does not include (#MS42216). WP Mail SMTP sends custom headers, a feature of MailerSend’s Professional plan, when its MailerSend “Pro plan” setting is on: the likely cause.',
		steps: [
			'In WP Mail SMTP’s MailerSend settings, turn the Pro plan setting off unless the account is on MailerSend’s Professional or Enterprise plan.',
			'If the account should have the feature, check its plan in MailerSend.',
			'Then send a test email to confirm.',
		],
		evidence: {
			http_status: 422,
			ms_code: 'MS42216',
			message:
				"Custom headers are not available on this account's plan. #MS42216",
			endpoint: 'POST /v1/email',
			token_accepted: true,
		},
	},
	rate_limited: {
		id: 'rate_limited',
		policy: { step: null, proves_token: true, save_anyway: false },
		severity: 'warning',
		title: 'MailerSend is busy: too many requests this minute',
		explanation:
			'The token is real, but the MailerSend account reached its per-minute request limit. MailerSend asks to wait 42 seconds.',
		steps: [
			'Wait 42 seconds, then try again.',
			'If this keeps happening, look for a plugin, form or script that sends many requests to MailerSend.',
		],
		// The quota call accepted the token, then the send probe hit the limit.
		evidence: {
			http_status: 429,
			ms_code: 'MS42903',
			message: 'Too Many Attempts.',
			endpoint: 'POST /v1/email',
			retry_after: 42,
			token: 'mlsn.5f…9d1e',
			deep_checked: true,
			token_accepted: true,
		},
	},
	quota_exhausted: {
		id: 'quota_exhausted',
		policy: { step: null, proves_token: false, save_anyway: false },
		severity: 'error',
		title: 'The MailerSend daily quota is used up',
		explanation:
			'The token is real, but the MailerSend account has used all of today’s requests, so emails fail until the quota resets: November 30, 2026 12:00 am.',
		steps: [
			'Wait for the reset (November 30, 2026 12:00 am): nothing needs to change on this site.',
			'If the quota was used by something unexpected (spam through a form, a loop), find it in MailerSend’s activity and stop it.',
			'For a larger daily quota, upgrade the MailerSend plan.',
		],
		evidence: {
			http_status: 429,
			ms_code: 'MS42901',
			message: 'Daily request quota exceeded. #MS42901',
			endpoint: 'POST /v1/email',
			quota_reset: '2026-11-30T00:00:00+00:00',
			quota_reset_estimated: true,
			token_accepted: true,
		},
	},
	send_paused: served< Verdict >(
		answers.test_email_send_paused.warnings[ 0 ]
	),
	recipients_suppressed: served< Verdict >(
		answers.test_email_recipients_suppressed.warnings[ 0 ]
	),
	blocked_by_site: {
		id: 'blocked_by_site',
		policy: { step: null, proves_token: false, save_anyway: false },
		severity: 'error',
		title: 'This site blocks requests to MailerSend',
		explanation:
			'WordPress on this site is set to block outgoing requests (for example WP_HTTP_BLOCK_EXTERNAL in wp-config.php) and api.mailersend.com is not allowed, so no email can reach MailerSend. This says nothing about the token.',
		steps: [
			"Allow MailerSend in wp-config.php: add api.mailersend.com to WP_ACCESSIBLE_HOSTS, e.g. define( 'WP_ACCESSIBLE_HOSTS', 'api.mailersend.com' ); (keep any hosts already listed, separated by commas).",
			'If that is not the cause, a security plugin may be blocking the request: allow api.mailersend.com there.',
			'Then check again.',
		],
		evidence: {
			http_status: null,
			ms_code: null,
			endpoint: 'GET /v1/api-quota',
			error_code: 'http_request_not_executed',
			message: 'User has blocked requests through HTTP.',
			token: 'mlsn.5f…9d1e',
		},
	},
	mailersend_unavailable: {
		id: 'mailersend_unavailable',
		policy: { step: null, proves_token: false, save_anyway: true },
		severity: 'warning',
		title: 'MailerSend could not answer right now',
		explanation:
			'MailerSend answered with an error on its side (HTTP 503), such as maintenance or an outage. This says nothing about the token.',
		steps: [
			'Wait a few minutes and check again.',
			'If it lasts, look at MailerSend’s status page or contact MailerSend support.',
		],
		evidence: {
			http_status: 503,
			ms_code: null,
			message: 'Service Unavailable',
			endpoint: 'GET /v1/api-quota',
			token: 'mlsn.5f…9d1e',
		},
	},
	network_error: {
		id: 'network_error',
		policy: { step: null, proves_token: false, save_anyway: true },
		severity: 'warning',
		title: 'This site could not reach MailerSend',
		explanation:
			'The request to MailerSend failed before any answer arrived (a timeout, a name lookup failure, or a refused or reset connection). This says nothing about the token.',
		steps: [
			'Check again in a few minutes.',
			'If it keeps failing, ask your host whether this server can reach api.mailersend.com over HTTPS (port 443).',
		],
		evidence: {
			http_status: null,
			ms_code: null,
			endpoint: 'GET /v1/api-quota',
			error_code: 'http_request_failed',
			message:
				'cURL error 28: Operation timed out after 10001 milliseconds with 0 bytes received',
			reason: 'timeout',
			timeout: 10,
			token: 'mlsn.5f…9d1e',
		},
	},
	unknown: {
		id: 'unknown',
		policy: { step: null, proves_token: false, save_anyway: false },
		severity: 'warning',
		title: 'MailerSend gave an unexpected answer',
		explanation:
			'This plugin does not recognise MailerSend’s answer, so it cannot tell whether the token works. The details show exactly what MailerSend returned.',
		steps: [
			'Check again in a few minutes.',
			'Create a new API token in MailerSend (https://app.mailersend.com/api-tokens): pick an expiration date, give it Email: Full access (Domains: Read lets this plugin check your sending domain too), and use the MailerSend account that owns your sending domain.',
			'If the problem stays, contact MailerSend support with the details shown.',
		],
		evidence: {
			http_status: 418,
			ms_code: null,
			message: 'I am a teapot',
			endpoint: 'GET /v1/api-quota',
			raw_body: '{"message":"I am a teapot"}',
			content_type: 'application/json',
			token: 'mlsn.5f…9d1e',
		},
	},
	wp_mail_smtp_missing: {
		id: 'wp_mail_smtp_missing',
		policy: { step: null, proves_token: false, save_anyway: false },
		severity: 'error',
		title: 'WP Mail SMTP is not installed',
		explanation:
			'Fix MailerSend repairs the MailerSend connection of the WP Mail SMTP plugin, which is not installed on this site.',
		steps: [
			'Install and activate WP Mail SMTP (Plugins → Add New Plugin, search for "WP Mail SMTP").',
			'Choose MailerSend as its mailer, then come back to this screen to check and save your MailerSend API token.',
		],
		evidence: {
			wp_mail_smtp_state: 'missing',
		},
	},
	wp_mail_smtp_inactive: {
		id: 'wp_mail_smtp_inactive',
		policy: { step: null, proves_token: false, save_anyway: false },
		severity: 'error',
		title: 'WP Mail SMTP is not active',
		explanation:
			'WP Mail SMTP is installed but not running, so WordPress does not send email through MailerSend at all.',
		steps: [
			'Activate WP Mail SMTP on the Plugins screen (only one of WP Mail SMTP and WP Mail SMTP Pro may be active).',
			'Then come back to this screen to check your MailerSend API token.',
		],
		evidence: {
			wp_mail_smtp_state: 'inactive',
			wp_mail_smtp_version: '4.8.0',
		},
	},
	wp_mail_smtp_too_old: {
		id: 'wp_mail_smtp_too_old',
		policy: { step: null, proves_token: false, save_anyway: false },
		severity: 'warning',
		title: 'Update WP Mail SMTP to 4.5.0 or newer',
		explanation:
			'This site runs WP Mail SMTP 4.4.2, which cannot send through MailerSend: its MailerSend mailer arrived in version 4.5.0.',
		steps: [
			'Update WP Mail SMTP on the Plugins screen.',
			'Checking and saving a token works meanwhile.',
		],
		evidence: {
			wp_mail_smtp_state: 'too_old',
			wp_mail_smtp_version: '4.4.2',
		},
	},
	mailer_not_mailersend: {
		id: 'mailer_not_mailersend',
		policy: { step: 'paste', proves_token: false, save_anyway: false },
		severity: 'warning',
		title: 'WP Mail SMTP does not send through MailerSend',
		explanation:
			'WP Mail SMTP’s active mailer is "smtp", not MailerSend, so a MailerSend token is not used for sending.',
		steps: [
			'To send through MailerSend: get a new API token, check it here, and save it with "Switch WP Mail SMTP to MailerSend" ticked.',
			'If you do not want to use MailerSend, there is nothing to fix here.',
		],
		evidence: {
			mailer: 'smtp',
		},
	},
	not_checked: {
		id: 'not_checked',
		policy: { step: 'paste', proves_token: false, save_anyway: false },
		severity: 'info',
		title: 'The saved token has not been checked yet',
		explanation:
			'A MailerSend API token is saved and looks right, and no email has failed since. Only MailerSend can tell whether it works.',
		steps: [
			'Click "Re-check saved token" to ask MailerSend, or send a test email in step 4.',
		],
		evidence: {},
	},
};

/** The site from the harness: WP Mail SMTP active, MailerSend, saved token now refused. */
/**
 * `rate_limited` from the first call (the quota endpoint answered 429): MailerSend may limit
 * requests before it authenticates them, so nothing says the token works (no `token_accepted`).
 */
export const rateLimitedUnproven: Verdict = {
	id: 'rate_limited',
	policy: { step: null, proves_token: false, save_anyway: true },
	severity: 'warning',
	title: 'MailerSend is busy: too many requests this minute',
	explanation:
		'MailerSend answered "too many requests" before checking the token, so nobody knows yet whether this token works. MailerSend asks to wait 42 seconds.',
	steps: [
		'Wait 42 seconds, then try again.',
		'If this keeps happening, look for a plugin, form or script that sends many requests to MailerSend.',
	],
	evidence: {
		http_status: 429,
		ms_code: 'MS42903',
		message:
			'Your account reached its rate limit of 60 requests/min. #MS42903',
		endpoint: 'GET /v1/api-quota',
		retry_after: 42,
		token: 'mlsn.5f…9d1e',
	},
};

export function brokenStatus(): Status {
	return served< Status >( answers.status_broken );
}

/** The saved token works (a deep re-check), and nothing failed. */
export function healthyStatus(): Status {
	return served< Status >( answers.status_healthy );
}

export function statusWith( change: Partial< Status > ): Status {
	return { ...brokenStatus(), ...change };
}

/** The ids only the Diagnose headline uses. */
export type HeadlineOnlyId =
	| 'wp_mail_smtp_missing'
	| 'wp_mail_smtp_inactive'
	| 'wp_mail_smtp_too_old'
	| 'mailer_not_mailersend'
	| 'not_checked';

/**
 * What GET /status answers in each state that leads to a headline-only id
 * (as Rest_Controller::get_status() and Headline::pick() build it).
 *
 * @param id A headline-only id.
 */
export function headlineStatus( id: HeadlineOnlyId ): Status {
	const base = brokenStatus();
	const notLoaded = {
		mailer: { slug: null, is_mailersend: false, from_constant: false },
		token: {
			source: 'none' as const,
			masked: null,
			constant: 'WPMS_MAILERSEND_API_KEY',
			expires_at: null,
		},
		last_failure: null,
	};
	switch ( id ) {
		case 'wp_mail_smtp_missing':
			return {
				...base,
				...notLoaded,
				wp_mail_smtp: {
					state: 'missing',
					version: null,
					min_version: '4.5.0',
					pro: false,
					network_wide: false,
					settings_url:
						'http://example.com/wp-admin/plugin-install.php?s=WP+Mail+SMTP&tab=search&type=term',
				},
				headline: verdicts.wp_mail_smtp_missing,
			};
		case 'wp_mail_smtp_inactive':
			return {
				...base,
				...notLoaded,
				wp_mail_smtp: {
					state: 'inactive',
					version: '4.8.0',
					min_version: '4.5.0',
					pro: false,
					network_wide: false,
					settings_url: 'http://example.com/wp-admin/plugins.php',
				},
				headline: verdicts.wp_mail_smtp_inactive,
			};
		case 'wp_mail_smtp_too_old':
			return {
				...healthyStatus(),
				wp_mail_smtp: {
					state: 'too_old',
					version: '4.4.2',
					min_version: '4.5.0',
					pro: false,
					network_wide: false,
					settings_url: 'http://example.com/wp-admin/plugins.php',
				},
				headline: verdicts.wp_mail_smtp_too_old,
			};
		case 'mailer_not_mailersend':
			return {
				...base,
				mailer: {
					slug: 'smtp',
					is_mailersend: false,
					from_constant: false,
				},
				last_failure: null,
				last_check: null,
				headline: verdicts.mailer_not_mailersend,
			};
		case 'not_checked':
			return {
				...base,
				last_failure: null,
				last_check: null,
				headline: verdicts.not_checked,
			};
	}
}

export function checkResult(
	id: VerdictId,
	source: CheckResult[ 'token' ][ 'source' ] = 'pasted'
): CheckResult {
	const result = served< CheckResult >( answers.check_pasted_valid );
	return {
		...result,
		verdict: verdicts[ id ],
		token: {
			...result.token,
			masked: source === 'pasted' ? GOOD_TOKEN_MASKED : SAVED_MASKED,
			source,
		},
	};
}

export function saveResult(
	mailerSwitched = false,
	notRecorded: SaveResult[ 'not_recorded' ] = []
): SaveResult {
	return {
		...served< SaveResult >( answers.save_valid ),
		verdict: verdicts.valid,
		mailer_switched: mailerSwitched,
		not_recorded: notRecorded,
	};
}

/** MailerSend accepted it, with both warnings (each from a real answer). */
export const acceptedWithWarnings: TestEmailResult = {
	...served< TestEmailAccepted >( answers.test_email_send_paused ),
	warnings: [ verdicts.send_paused, verdicts.recipients_suppressed ],
};

export const acceptedClean: TestEmailResult = served< TestEmailResult >(
	answers.test_email_accepted
);

/** WordPress said sent, but no request reached MailerSend (another plugin took over wp_mail()). */
export const acceptedNotViaMailerSend: TestEmailResult =
	served< TestEmailResult >( answers.test_email_not_via_mailersend );

export const failedSend: TestEmailResult = served< TestEmailResult >(
	answers.test_email_failed
);

export function rejectedError( id: VerdictId ): TokenRejectedError {
	const error = served< TokenRejectedError >( answers.error_token_rejected );
	return { ...error, data: { ...error.data, verdict: verdicts[ id ] } };
}

export const constantError: ConstantDefinedError = {
	code: 'fix_mailersend_constant_defined',
	message:
		'The MailerSend token is set by the WPMS_MAILERSEND_API_KEY constant in wp-config.php, so it cannot be saved here. Replace the token in wp-config.php instead; nothing was changed.',
	data: {
		status: 409,
		constant: 'WPMS_MAILERSEND_API_KEY',
		verdict: verdicts.valid,
	},
};

export const throttledError: ThrottledError = served< ThrottledError >(
	answers.error_check_throttled
);

/** The other WP_Errors of PUT /token and POST /test-email, as the PHP side builds them. */
export const serverErrors = {
	mailerConstant: {
		code: 'fix_mailersend_mailer_constant_defined',
		message:
			'The mailer is set by the WPMS_MAILER constant in wp-config.php, so it cannot be switched to MailerSend here. Set it to "mailersend" in wp-config.php.',
		data: { status: 409, constant: 'WPMS_MAILER' },
	},
	saveUnavailable: {
		code: 'fix_mailersend_wp_mail_smtp_unavailable',
		message:
			'WP Mail SMTP is not active, so there is nowhere to save the token. Install or activate WP Mail SMTP first.',
		data: { status: 409 },
	},
	saveFailed: {
		code: 'fix_mailersend_save_failed',
		message:
			'WP Mail SMTP did not keep the new token (another plugin may be filtering its settings). Nothing else was changed.',
		data: { status: 500, verdict: verdicts.valid },
	},
	sendUnavailable: {
		code: 'fix_mailersend_wp_mail_smtp_unavailable',
		message:
			'WP Mail SMTP is not active, so a test email would not go through MailerSend.',
		data: { status: 409 },
	},
	mailerNotMailerSend: served< RestError >(
		answers.error_mailer_not_mailersend
	),
	invalidRecipient: served< RestError >( answers.error_invalid_recipient ),
	notSent: served< RestError >( answers.error_not_sent ),
	sendThrottled: served< RestError >( answers.error_send_throttled ),
	invalidToken: served< RestError >( answers.error_invalid_token ),
} satisfies Record< string, RestError >;

/* ---------- Issue 9: the outage report and the held emails ---------- */

/** GET /status after several emails failed: the outage report and the held counts. */
export function outageStatus(): Status {
	return served< Status >( answers[ 'status-outage' ] );
}

/** A page of GET /held as served: an email kept whole (with an attachment), a password reset. */
export function heldList(): HeldItem[] {
	return served< HeldItem[] >( answers[ 'held-list' ] );
}

/**
 * A fuller page, newest first: the served email kept whole and the password reset, then a
 * comment notification sent twice (the later one a repeat), built on the served items.
 */
export function heldRows(): HeldItem[] {
	const list = heldList();
	const whole = list.find( ( item ) => item.kind === 'whole' ) as HeldItem;
	const link = list.find( ( item ) => item.kind === 'link' ) as HeldItem;
	const first: HeldItem = {
		...whole,
		id: 1,
		created_at: '2026-12-01T13:02:00Z',
		to: [ 'admin@example.com' ],
		subject: '[Shop] Please moderate: “Hello world!”',
		sender: 'wordpress@example.com',
		initiator: 'WordPress',
		bytes: 1462,
		attachments: 0,
	};
	return [
		whole,
		link,
		{ ...first, id: 2, created_at: '2026-12-01T13:05:00Z', repeat: true },
		first,
	];
}

/** GET /held/4: the invoice, kept whole. */
export function heldItem(): HeldDetail {
	return served< HeldDetail >( answers[ 'held-item' ] );
}

/** GET /held/3: the password reset, kept without its body. */
export function heldItemLink(): HeldDetail {
	return served< HeldDetail >( answers[ 'held-item-link' ] );
}

/** POST /held/resend/next: one sent, none left. */
export function heldNext(): HeldNextResult {
	return served< HeldNextResult >( answers[ 'held-next' ] );
}

/** POST /held/resend/next: stopped at a token failure. */
export function heldNextStopped(): HeldNextResult {
	return served< HeldNextResult >( answers[ 'held-next-stopped' ] );
}
