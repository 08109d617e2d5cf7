/**
 * Realistic answers of fix-mailersend/v1, typed by the contract (types.ts).
 *
 * The route answers (statuses, check, save, test emails, errors) come from
 * tests/fixtures/rest-answers.json, which tests/php/Rest/FixturesMatchServerTest.php compares
 * with the real REST routes (keys and value types recursively, verdict ids, error codes): a
 * field renamed on either side fails there. So do the verdicts `valid`, `unauthenticated`,
 * `send_paused`, `recipients_suppressed` and the test email's `domain_unverified`. The other
 * verdicts (`verdicts` below) are tests/fixtures/verdicts.json: what Diagnosis/Verdicts.php
 * builds (English) from realistic evidence, checked by Verdict_Samples_Test.
 */
import answers from '../../tests/fixtures/rest-answers.json';
import samples from '../../tests/fixtures/verdicts.json';
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
	HEADLINE_IDS,
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

/**
 * A sample of every verdict of the catalogue: tests/fixtures/verdicts.json, which
 * tests/php/Domain/Verdict_Samples_Test.php checks is what Diagnosis/Verdicts.php builds from
 * each sample's evidence (`FMS_UPDATE_FIXTURES=1` adds a new id's). A pasted token's `valid`
 * and the verdicts of the route answers are the server's answers themselves.
 */
export const verdicts: Record< VerdictId, Verdict > = {
	...served< Record< VerdictId, Verdict > >( samples ),
	valid: served< Verdict >( answers.check_pasted_valid.verdict ),
	unauthenticated: served< Verdict >(
		answers.status_broken.last_check.verdict
	),
	send_paused: served< Verdict >(
		answers.test_email_send_paused.warnings[ 0 ]
	),
	recipients_suppressed: served< Verdict >(
		answers.test_email_recipients_suppressed.warnings[ 0 ]
	),
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
export type HeadlineOnlyId = ( typeof HEADLINE_IDS )[ number ];

/**
 * What GET /status answers in each state that leads to a headline-only id
 * (as Token_Service::status() and Diagnosis\Now build it).
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
