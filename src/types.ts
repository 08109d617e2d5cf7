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
	step: Exclude< StepId, 'diagnose' | 'recover' > | null;
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

/**
 * What WP Mail SMTP's Debug Events table says about the MailerSend failures since the last
 * known successful send (or in the whole window): `null` in the status when none failed.
 */
export interface Outage {
	/** `false`: the table is missing or was emptied (`reason`); the counts are then unknown. */
	known: boolean;
	reason: 'no_table' | 'emptied' | null;
	/** ISO 8601: the first and the last failure. */
	since: string | null;
	last: string | null;
	/** No successful send since `last`. */
	ongoing: boolean;
	failed: number;
	/** The window (30 days, 5,000 rows) cut it: "at least". */
	truncated: boolean;
	/** `title`: the verdict's title, from the server's catalogue. */
	causes: Array< { verdict: VerdictId; title: string; count: number } >;
	/** Named as WP Mail SMTP names the initiator ("WordPress" for core). */
	senders: Array< { name: string; count: number } >;
	/** One translated sentence: "Since 1 Dec, 14:02, 37 emails failed: WooCommerce 21, …". */
	summary: string;
}

/** The held emails, in the status (counts only). */
export interface HeldStatus {
	/** Failed emails are kept to be resent (option `fix_mailersend_holding`). */
	holding: boolean;
	/** Held, queued, sending, and failed emails that may be sent again. */
	waiting: number;
	queued: number;
	sending: number;
	/** Nothing is wrong now, and a proof of the token is newer than the last failure. */
	token_proven: boolean;
}

export interface Status {
	wp_mail_smtp: WpMailSmtpInfo;
	mailer: MailerInfo;
	token: SavedTokenInfo;
	from: FromInfo;
	last_failure: LastFailure | null;
	last_check: LastCheck | null;
	headline: Verdict;
	/** Absent from an older server. */
	outage?: Outage | null;
	held?: HeldStatus;
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

/* ---------- Held emails: GET /held, GET /held/<id>, POST /held/… ---------- */

export type HeldState =
	'held' | 'queued' | 'sending' | 'sent' | 'failed' | 'discarded';

/**
 * `whole`: kept as given to wp_mail(). `link`: it carried a password-reset, set-password or
 * login link, `too_large`: over the per-email cap; for both only who, when, subject and sender.
 */
export type HeldKind = 'whole' | 'link' | 'too_large';

export interface HeldItem {
	id: number;
	/** ISO 8601 UTC: when it failed. */
	created_at: string;
	status: HeldState;
	kind: HeldKind;
	/** The verdict id of the failure that held it. */
	verdict: VerdictId;
	to: string[];
	subject: string;
	sender: string;
	/** Who called wp_mail(): a plugin or theme name, "WordPress" for core. */
	initiator: string;
	bytes: number;
	/** How many attachments. */
	attachments: number;
	/** It repeats an earlier kept email (same recipients, subject and body). */
	repeat: boolean;
	/** Kind `whole`, status held or failed. */
	sendable: boolean;
	/** MailerSend's message id, once sent. */
	result_id: string | null;
	/** The verdict id, once failed. */
	result_verdict: VerdictId | null;
	/** That verdict's title, from the server's catalogue. */
	result_title: string | null;
}

export interface HeldPreview {
	to: string[];
	cc: string[];
	bcc: string[];
	reply_to: string[];
	from: string;
	subject: string;
	/** Plain text (never HTML); `null` for kinds `link` and `too_large`. */
	text: string | null;
	attachments: Array< { name: string; type: string; bytes: number } >;
}

export interface HeldDetail extends HeldItem {
	preview: HeldPreview;
	/** Why the body was not kept, and what to do ("ask the person to request a new link"). */
	advice?: string | null;
}

export interface HeldQuery {
	page: number;
	per_page: number;
	search?: string;
	/** Only emails that failed before this time (ISO 8601). */
	before?: string;
}

/** A page of GET /held, with core's pagination headers (X-WP-Total, X-WP-TotalPages). */
export interface HeldPage {
	items: HeldItem[];
	total: number;
	totalPages: number;
	/** X-FMS-Sendable: emails on every page that "all" resends (held or failed, whole, not repeats). */
	sendable: number;
}

export type HeldResendRequest =
	{ ids: number[] } | { all: true; search?: string; before?: string };

export interface HeldResendResult {
	queued: number;
}

/** One batch of POST /held/resend/next. */
export interface HeldNextResult {
	sent: Array< { id: number; result_id: string | null } >;
	/** `verdict`: the failure's verdict id; `title`: its title, from the server's catalogue. */
	failed: Array< { id: number; verdict: VerdictId; title: string } >;
	/** Sending stopped at a failure every email would meet (the token…): the rest stay held. */
	stopped: Verdict | null;
	/** Queued and sending, after this batch. */
	left: number;
	done: number;
}

export type HeldDiscardRequest =
	{ ids: number[] } | { all: true; before?: string };

export interface HeldDiscardResult {
	discarded: number;
}

export interface HeldSettingsResult {
	holding: boolean;
	deleted: number;
}

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

/** The steps of the screen, by their URL hash. */
export type StepId = 'diagnose' | 'new-token' | 'paste' | 'test' | 'recover';
