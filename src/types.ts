/**
 * The REST contract of `fix-mailersend/v1`, as docs/architecture.md defines it.
 * Change it together with that page and the PHP controller.
 */

import { HEADLINE_IDS, VERDICT_IDS } from './verdict-ids';

/**
 * Every verdict id the server, the screen, Site Health and the CLI share: generated from the
 * catalogue (src/verdict-ids.ts, `npm run verdict-ids`). HEADLINE_IDS are the states of the
 * site only the Diagnose headline uses.
 */
export { HEADLINE_IDS, VERDICT_IDS };

export type CheckVerdictId = ( typeof VERDICT_IDS )[ number ];

export type VerdictId = CheckVerdictId | ( typeof HEADLINE_IDS )[ number ];

export type Severity = 'success' | 'info' | 'warning' | 'error';

export type EvidenceValue = string | number | boolean | null;

/**
 * Flat evidence of a verdict. The known keys are listed; the server may add others
 * (shown raw). Never holds a full token (`token` is masked).
 */
export interface Evidence {
	http_status?: number | null;
	ms_code?: string | null;
	message?: string | null;
	endpoint?: string | null;
	retry_after?: number | null;
	quota_limit?: number | null;
	quota_remaining?: number | null;
	quota_reset?: string | null;
	from_domain?: string | null;
	verified_domains?: string | null;
	message_id?: string | null;
	error_code?: string | null;
	token?: string | null;
	[ key: string ]: EvidenceValue | undefined;
}

/**
 * What the screen does with a verdict, decided on the server from its catalogue
 * (includes/Diagnosis/Verdicts.php) and the verdict's evidence: the screen keeps no list of ids.
 */
export interface VerdictPolicy {
	/** The step that comes next or fixes it; null when the fix lies outside this screen. */
	step: Exclude< StepId, 'diagnose' > | null;
	/** PUT /token saves the token after this verdict without `save_anyway`. */
	proves_token: boolean;
	/** MailerSend could not check the token: it may be saved with `save_anyway`, after a warning. */
	save_anyway: boolean;
}

export interface Verdict {
	id: VerdictId;
	policy: VerdictPolicy;
	severity: Severity;
	title: string;
	explanation: string;
	steps: string[];
	evidence: Evidence;
}

/* ---------- GET /status ---------- */

export type WpMailSmtpState = 'active' | 'inactive' | 'missing' | 'too_old';

export interface WpMailSmtpInfo {
	state: WpMailSmtpState;
	/** `null` when WP Mail SMTP is not installed. */
	version: string | null;
	min_version: string;
	pro: boolean;
	/** WP Mail SMTP Pro's network-wide settings: the token here is the whole network's. */
	network_wide: boolean;
	settings_url: string;
}

export interface MailerInfo {
	/** `null` when WP Mail SMTP is not loaded. */
	slug: string | null;
	is_mailersend: boolean;
	/** The mailer is set by the WPMS_MAILER constant (it cannot be switched from here). */
	from_constant: boolean;
}

export type SavedTokenSource = 'database' | 'constant' | 'none';

export interface SavedTokenInfo {
	source: SavedTokenSource;
	/** `mlsn.ab…wxyz`; `null` when the source is `none`. */
	masked: string | null;
	constant: string;
	/** The expiry date the user entered when saving (YYYY-MM-DD), if any. */
	expires_at: string | null;
}

export interface FromInfo {
	email: string;
	domain: string;
}

export interface LastFailure {
	/** ISO 8601; `null` when only WP Mail SMTP's own debug log knows the failure. */
	at: string | null;
	/** WP Mail SMTP's text: MailerSend's `message`, empty for a transport error. */
	message: string;
	ms_code: string | null;
	/** 0 for a transport error. */
	http_status: number | null;
	/** A later email went out: the failure is history. */
	resolved: boolean;
	/** Sent with the token on file now; `false` once it was replaced, `null` when unknown. */
	current_token: boolean | null;
	verdict: Verdict;
}

export interface LastCheck {
	/** ISO 8601. */
	at: string;
	/** The check was of the token on file now (not of one replaced since). */
	current: boolean;
	verdict: Verdict;
}

export interface Status {
	wp_mail_smtp: WpMailSmtpInfo;
	mailer: MailerInfo;
	token: SavedTokenInfo;
	from: FromInfo;
	last_failure: LastFailure | null;
	last_check: LastCheck | null;
	headline: Verdict;
}

/* ---------- POST /token/check ---------- */

export interface CheckRequest {
	/** Omitted: check the saved token (and store the result as the last check). */
	token?: string;
	deep?: boolean;
}

export interface CheckResult {
	verdict: Verdict;
	token: {
		masked: string | null;
		source: 'pasted' | SavedTokenSource;
	};
}

/* ---------- PUT /token ---------- */

export interface SaveRequest {
	token: string;
	switch_mailer?: boolean;
	save_anyway?: boolean;
	/** YYYY-MM-DD */
	expires_at?: string;
}

/**
 * What the database did not take after the token itself was saved: `audit` (the
 * change's audit entry), `expiry` (the expiry date given with it).
 */
export type NotRecorded = 'audit' | 'expiry';

export interface SaveResult {
	saved: true;
	verdict: Verdict;
	token: {
		masked: string;
		source: 'database';
	};
	mailer_switched: boolean;
	/** Empty when everything was recorded. */
	not_recorded: NotRecorded[];
}

/* ---------- POST /test-email ---------- */

export interface TestEmailRequest {
	to: string;
	html?: boolean;
}

export interface TestEmailAccepted {
	accepted: true;
	/**
	 * Whether MailerSend's answer was seen. `false`: WordPress reported the email as sent, but
	 * no request reached MailerSend (another plugin may be handling email): MailerSend was not
	 * tested, and `message_id` is null.
	 */
	via_mailersend: boolean;
	message_id: string | null;
	/** `send_paused`, `recipients_suppressed`. */
	warnings: Verdict[];
}

export interface TestEmailFailed {
	accepted: false;
	verdict: Verdict;
}

export type TestEmailResult = TestEmailAccepted | TestEmailFailed;

/* ---------- Errors (WP_Error as JSON) ---------- */

export interface RestErrorData {
	status: number;
	verdict?: Verdict;
	retry_after?: number;
	constant?: string;
	[ key: string ]: unknown;
}

export interface RestError {
	code: string;
	message: string;
	data?: RestErrorData | null;
}

/** 422: the token was checked and refused; nothing written. */
export interface TokenRejectedError extends RestError {
	code: 'fix_mailersend_token_rejected';
	data: { status: 422; verdict: Verdict };
}

/** 409: the key comes from wp-config.php; nothing written. */
export interface ConstantDefinedError extends RestError {
	code: 'fix_mailersend_constant_defined';
	data: { status: 409; constant: string; verdict: Verdict };
}

/** 429: the per-site throttle on MailerSend calls. */
export interface ThrottledError extends RestError {
	code: 'fix_mailersend_throttled';
	data: { status: 429; retry_after: number };
}

/* ---------- Boot data printed by Admin_Page ---------- */

export interface BootData {
	restPath: string;
	user: { email: string };
	links: {
		apiTokens: string;
		wpMailSmtpSettings: string;
		emailTest: string;
	};
}

/** The four steps of the screen, by their URL hash. */
export type StepId = 'diagnose' | 'new-token' | 'paste' | 'test';
