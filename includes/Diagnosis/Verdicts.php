<?php
/**
 * The catalogue of verdicts.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Diagnosis;

use FixMailerSend\WpMailSmtp\Adapter;

defined( 'ABSPATH' ) || exit;

/**
 * The one record of each verdict: its policy (RECORDS) and its text (make()), in plain,
 * translatable words. Every other list of verdicts is derived from here: the REST schema's
 * enum, the `policy` object of every verdict the REST API answers (policy()), the save rule
 * (proves_token(), may_save_anyway()), the CLI's exit codes, the admin notice and Site Health
 * (health()), and the `token_accepted` evidence the diagnosis adds (accepted_evidence()).
 */
final class Verdicts {

	/**
	 * The columns of RECORDS, in order.
	 */
	const COLUMNS = array( 'severity', 'kind', 'step', 'proves', 'save_anyway', 'accepted', 'persists', 'health', 'cleared_by', 'exit', 'holds' );

	/**
	 * Every verdict, with its policy: one row per id, its columns in the order of COLUMNS:
	 *
	 * - `severity`: success | info | warning | error.
	 * - `kind`: `token` (an answer about a token) or `site` (a state of the site, only ever the
	 *   headline of GET /status: Diagnosis\Now).
	 * - `step`: the step of the screen that comes next or fixes it: `new-token`, `paste`,
	 *   `test`, or null (the fix is elsewhere: MailerSend, the network, WP Mail SMTP).
	 * - `proves`: whether it proves the token, so that PUT /token saves it without
	 *   `save_anyway`: `always`, `accepted` (only with evidence `token_accepted`), `never`.
	 * - `save_anyway`: MailerSend could not check the token, so the user may save it after an
	 *   explicit warning (unless the verdict proves it).
	 * - `accepted`: the evidence `token_accepted` the verdict implies once MailerSend gave it
	 *   (null: it says nothing about the token).
	 * - `persists`: a refusal that a new check would repeat, so a recent deep check that gave it
	 *   stands at save time.
	 * - `health`: Site Health's status while it stands. `critical`: it repeats on every email
	 *   until someone acts (the admin notice shows it too). `good`: the token works.
	 * - `cleared_by`: which later good check disproves a failure with it: `check` (any, even the
	 *   quota call alone), `deep_check` (the send probe and the domain list), `send` (none: only
	 *   a later successful send).
	 * - `exit`: the exit code of `wp fix-mailersend` (families: 0 valid, 1 unknown/error,
	 *   3 format, 4 unauthenticated, 5 permission/account, 6 domain/trial/quota/rate,
	 *   7 unreachable, 8 site setup, 10 not checked).
	 * - `holds`: an email that failed with it is kept to be resent once fixed (a reason the
	 *   admin can fix: token, permission, domain, account, quota, MailerSend unreachable; not a
	 *   refused recipient), and a resend run stops at the first email failing with it (it would
	 *   fail for every email). Recovery\Held_Capture, Recovery\Resender.
	 */
	const RECORDS = array(
		'valid'                  => array( 'success', 'token', 'test', 'always', false, true, false, 'good', 'check', 0, false ),
		'missing'                => array( 'error', 'token', 'new-token', 'never', false, null, false, 'critical', 'check', 3, true ),
		'smtp_password_pasted'   => array( 'error', 'token', 'new-token', 'never', false, null, false, 'critical', 'check', 3, true ),
		'malformed'              => array( 'error', 'token', 'new-token', 'never', false, null, false, 'critical', 'check', 3, true ),
		'truncated'              => array( 'error', 'token', 'new-token', 'never', false, null, false, 'critical', 'check', 3, true ),
		'legacy_token'           => array( 'warning', 'token', 'new-token', 'accepted', false, true, false, 'recommended', 'check', 3, true ),
		'unauthenticated'        => array( 'error', 'token', 'new-token', 'never', false, false, true, 'critical', 'check', 4, true ),
		'missing_permission'     => array( 'error', 'token', 'new-token', 'never', false, true, true, 'critical', 'deep_check', 5, true ),
		'account_blocked'        => array( 'error', 'token', null, 'never', false, null, true, 'critical', 'check', 5, true ),
		'domain_unverified'      => array( 'error', 'token', 'new-token', 'never', false, true, true, 'critical', 'deep_check', 6, true ),
		'trial_limit'            => array( 'error', 'token', null, 'never', false, true, true, 'critical', 'send', 6, true ),
		'sending_quota_reached'  => array( 'error', 'token', null, 'never', false, true, true, 'critical', 'send', 6, true ),
		'plan_feature_missing'   => array( 'error', 'token', null, 'never', false, true, false, 'critical', 'send', 6, true ),
		'rate_limited'           => array( 'warning', 'token', null, 'accepted', true, null, false, 'recommended', 'check', 6, true ),
		'quota_exhausted'        => array( 'error', 'token', null, 'never', false, true, false, 'recommended', 'check', 6, true ),
		'send_paused'            => array( 'warning', 'token', null, 'accepted', false, true, false, 'recommended', 'check', 6, true ),
		'recipients_suppressed'  => array( 'warning', 'token', null, 'accepted', false, true, false, 'recommended', 'check', 6, false ),
		'blocked_by_site'        => array( 'error', 'token', null, 'never', false, null, false, 'critical', 'check', 7, true ),
		'mailersend_unavailable' => array( 'warning', 'token', null, 'never', true, null, false, 'recommended', 'check', 7, true ),
		'network_error'          => array( 'warning', 'token', null, 'never', true, null, false, 'recommended', 'check', 7, true ),
		'unknown'                => array( 'warning', 'token', null, 'never', false, null, false, 'recommended', 'check', 1, false ),
		'wp_mail_smtp_missing'   => array( 'error', 'site', null, 'never', false, null, false, 'recommended', 'check', 8, false ),
		'wp_mail_smtp_inactive'  => array( 'error', 'site', null, 'never', false, null, false, 'recommended', 'check', 8, false ),
		'wp_mail_smtp_too_old'   => array( 'warning', 'site', null, 'never', false, null, false, 'recommended', 'check', 8, false ),
		'mailer_not_mailersend'  => array( 'warning', 'site', 'paste', 'never', false, null, false, 'recommended', 'check', 8, false ),
		'not_checked'            => array( 'info', 'site', 'paste', 'never', false, null, false, 'recommended', 'check', 10, false ),
	);

	/**
	 * Where API tokens are created.
	 */
	const TOKENS_URL = 'https://app.mailersend.com/api-tokens';

	/**
	 * Where domains are managed.
	 */
	const DOMAINS_URL = 'https://app.mailersend.com/domains';

	/**
	 * Every id of an answer about a token (kind `token`).
	 *
	 * @return string[]
	 */
	public static function ids(): array {
		return self::ids_where( 'kind', 'token' );
	}

	/**
	 * Every id, the headline's site states included (the REST schema's enum).
	 *
	 * @return string[]
	 */
	public static function all_ids(): array {
		return array_keys( self::RECORDS );
	}

	/**
	 * The ids whose record has a field with a value.
	 *
	 * @param string               $field Field of RECORDS.
	 * @param string|int|bool|null $value Value.
	 * @return string[]
	 */
	public static function ids_where( string $field, $value ): array {
		$ids = array();
		foreach ( array_keys( self::RECORDS ) as $id ) {
			if ( self::record( $id )[ $field ] === $value ) {
				$ids[] = $id;
			}
		}
		return $ids;
	}

	/**
	 * Whether an id is an answer about a token in the catalogue.
	 *
	 * @param string $id Id.
	 * @return bool
	 */
	public static function exists( string $id ): bool {
		return isset( self::RECORDS[ $id ] ) && 'token' === self::record( $id )['kind'];
	}

	/**
	 * The record of an id (`unknown`'s for an id outside the catalogue).
	 *
	 * @param string $id Id.
	 * @return array{severity: string, kind: string, step: string|null, proves: string, save_anyway: bool, accepted: bool|null, persists: bool, health: string, cleared_by: string, exit: int, holds: bool}
	 */
	public static function record( string $id ): array {
		$record = array_combine( self::COLUMNS, self::RECORDS[ $id ] ?? self::RECORDS['unknown'] );
		// @phpstan-ignore return.type (RECORDS rows have the columns of COLUMNS, in order.)
		return $record;
	}

	/**
	 * The severity of an id.
	 *
	 * @param string $id Id.
	 * @return string
	 */
	public static function severity( string $id ): string {
		return self::record( $id )['severity'];
	}

	/**
	 * The save rule: whether a verdict proves the token works, so that it may be saved without
	 * `save_anyway`: `valid`, or a warning whose record proves the token once MailerSend
	 * accepted it (evidence `token_accepted`). An `unknown`, `network_error` or
	 * `mailersend_unavailable` proves nothing, even after MailerSend accepted the token on the
	 * quota endpoint (the deep check's probe was refused without a reason, or got no answer).
	 *
	 * @param Verdict $verdict The verdict.
	 * @return bool
	 */
	public static function proves_token( Verdict $verdict ): bool {
		$proves = self::record( $verdict->id() )['proves'];
		return 'always' === $proves || ( 'accepted' === $proves && $verdict->token_accepted() );
	}

	/**
	 * Whether the user may save a token after this verdict with `save_anyway`: MailerSend could
	 * not check it (record `save_anyway`) and nothing else proved it.
	 *
	 * @param Verdict $verdict The verdict.
	 * @return bool
	 */
	public static function may_save_anyway( Verdict $verdict ): bool {
		return ! self::proves_token( $verdict ) && self::record( $verdict->id() )['save_anyway'];
	}

	/**
	 * Whether a verdict is a refusal a new check would repeat (record `persists`).
	 *
	 * @param Verdict $verdict The verdict.
	 * @return bool
	 */
	public static function persists( Verdict $verdict ): bool {
		return self::record( $verdict->id() )['persists'];
	}

	/**
	 * Whether email keeps failing with this verdict until someone acts: Site Health's
	 * `critical`, the admin notice.
	 *
	 * @param Verdict $verdict The verdict.
	 * @return bool
	 */
	public static function is_lasting( Verdict $verdict ): bool {
		return 'critical' === self::record( $verdict->id() )['health'];
	}

	/**
	 * Site Health's status of a verdict that stands (the failure that stands, the newest
	 * check): `critical` by its record, `good` when MailerSend accepted the token
	 * (accepted_by_quota_check()), else `recommended`.
	 *
	 * @param Verdict $verdict The verdict.
	 * @return string critical | recommended | good
	 */
	public static function health( Verdict $verdict ): string {
		if ( self::is_lasting( $verdict ) ) {
			return 'critical';
		}
		return self::accepted_by_quota_check( $verdict ) ? 'good' : 'recommended';
	}

	/**
	 * Which later good check disproves a failure with this verdict: check | deep_check | send.
	 *
	 * @param Verdict $verdict The failure's verdict.
	 * @return string
	 */
	public static function cleared_by( Verdict $verdict ): string {
		return self::record( $verdict->id() )['cleared_by'];
	}

	/**
	 * The exit code of `wp fix-mailersend` for an id.
	 *
	 * @param string $id Id.
	 * @return int
	 */
	public static function exit_code( string $id ): int {
		return self::record( $id )['exit'];
	}

	/**
	 * Whether an email that failed with this verdict is kept to be resent, and stops a resend
	 * run (record `holds`). False for an id outside the catalogue.
	 *
	 * @param string $id Verdict id.
	 * @return bool
	 */
	public static function holds( string $id ): bool {
		return isset( self::RECORDS[ $id ] ) && self::record( $id )['holds'];
	}

	/**
	 * `token_accepted` evidence implied by a verdict id MailerSend gave (record `accepted`).
	 *
	 * Not `rate_limited`: MailerSend may answer 429 before it looks at the token at all, so a
	 * 429 alone says nothing about it. It carries `token_accepted` only when an earlier call of
	 * the same check proved the token (the quota call answered 200, then the probe got 429).
	 *
	 * @param string $id Verdict id.
	 * @return array<string, bool>
	 */
	public static function accepted_evidence( string $id ): array {
		$accepted = self::record( $id )['accepted'];
		return null === $accepted ? array() : array( 'token_accepted' => $accepted );
	}

	/**
	 * Whether a check of the quota endpoint alone (no send probe: the daily check, a plain
	 * re-check, the confirmation before a recent deep check is reused) found the token
	 * accepted: proves_token(), or any warning given after MailerSend accepted the token, such
	 * as `unknown` for a token without the quota scope (403 #MS40301 there). A deep check
	 * (evidence `deep_checked`) counts only when it proves the token: its probe had the last word.
	 *
	 * @param Verdict $verdict The verdict.
	 * @return bool
	 */
	public static function accepted_by_quota_check( Verdict $verdict ): bool {
		if ( self::proves_token( $verdict ) ) {
			return true;
		}
		return true !== $verdict->evidence_value( 'deep_checked' ) && 'warning' === $verdict->severity() && $verdict->token_accepted();
	}

	/**
	 * The part of the policy the screen needs, from the record and the verdict's evidence:
	 * `{ step, proves_token, save_anyway }` (docs/architecture.md, "Verdict object").
	 *
	 * @param Verdict $verdict The verdict.
	 * @return array{step: string|null, proves_token: bool, save_anyway: bool}
	 */
	public static function policy( Verdict $verdict ): array {
		return array(
			'step'         => self::record( $verdict->id() )['step'],
			'proves_token' => self::proves_token( $verdict ),
			'save_anyway'  => self::may_save_anyway( $verdict ),
		);
	}

	/**
	 * Builds a verdict with its text; the text uses the evidence where it helps
	 * (which account problem, retry-after, quota reset, From domain…).
	 *
	 * An id outside the catalogue gives `unknown`, with evidence `verdict_id`.
	 *
	 * @param string       $id       Verdict id.
	 * @param array<mixed> $evidence Flat evidence.
	 * @return Verdict
	 */
	public static function make( string $id, array $evidence = array() ): Verdict {
		if ( ! isset( self::RECORDS[ $id ] ) ) {
			$evidence['verdict_id'] = $id;
			$id                     = 'unknown';
		}
		$text = self::text( $id, $evidence );
		if ( 'deadline' === self::str( $evidence, 'reason' ) && 'network_error' !== $id ) {
			$text['explanation'] .= ' ' . self::deadline_sentence( $evidence );
		}
		return new Verdict( $id, self::severity( $id ), $text['title'], $text['explanation'], $text['steps'], $evidence );
	}

	/**
	 * Rebuilds a verdict's text in the current language from its id and evidence
	 * (e.g. a stored check shown later).
	 *
	 * @param Verdict $verdict Verdict.
	 * @return Verdict
	 */
	public static function refresh( Verdict $verdict ): Verdict {
		return self::make( $verdict->id(), $verdict->evidence() );
	}

	/**
	 * The text of one verdict: its method `text_<id>()` below.
	 *
	 * @param string       $id       Id (in the catalogue).
	 * @param array<mixed> $evidence Evidence.
	 * @return array{title: string, explanation: string, steps: string[]}
	 */
	private static function text( string $id, array $evidence ): array {
		$method = 'text_' . $id;
		return self::$method( $evidence );
	}

	/**
	 * Step: create a new token, with the traps named.
	 *
	 * @return string
	 */
	private static function new_token_step(): string {
		return sprintf(
			/* translators: %s: address of MailerSend's API tokens page. */
			__( 'Create a new API token in MailerSend (%s): pick an expiration date, give it Email: Full access (Domains: Read lets this plugin check your sending domain too), and use the MailerSend account that owns your sending domain.', 'fix-mailersend' ),
			self::TOKENS_URL
		);
	}

	/**
	 * Step: copy the token at once.
	 *
	 * @return string
	 */
	private static function copy_once_step(): string {
		return __( 'Copy the token right away: MailerSend shows it only once.', 'fix-mailersend' );
	}

	/**
	 * Step: paste, check, save.
	 *
	 * @return string
	 */
	private static function paste_step(): string {
		return __( 'Paste it in step 3 of this screen, check it, and save it.', 'fix-mailersend' );
	}

	/**
	 * Text of `missing`.
	 *
	 * @param array<mixed> $evidence Evidence.
	 * @return array{title: string, explanation: string, steps: string[]}
	 */
	private static function text_missing( array $evidence ): array {
		return array(
			'title'       => __( 'No MailerSend API token is set', 'fix-mailersend' ),
			'explanation' => __( 'There is no API token to check, so WP Mail SMTP cannot send any email through MailerSend.', 'fix-mailersend' ),
			'steps'       => array( self::new_token_step(), self::copy_once_step(), self::paste_step() ),
		);
	}

	/**
	 * Text of `smtp_password_pasted`.
	 *
	 * @param array<mixed> $evidence Evidence.
	 * @return array{title: string, explanation: string, steps: string[]}
	 */
	private static function text_smtp_password_pasted( array $evidence ): array {
		return array(
			'title'       => __( 'This is an SMTP password, not an API token', 'fix-mailersend' ),
			'explanation' => __( 'Values starting with "mssp." are MailerSend SMTP passwords, a different credential. WP Mail SMTP’s MailerSend mailer needs an API token, which starts with "mlsn.".', 'fix-mailersend' ),
			'steps'       => array(
				sprintf(
					/* translators: %s: address of MailerSend's API tokens page. */
					__( 'In MailerSend, open API tokens (%s), not SMTP users, and create a token there.', 'fix-mailersend' ),
					self::TOKENS_URL
				),
				self::copy_once_step(),
				__( 'Paste the new token, which starts with "mlsn.", and check it.', 'fix-mailersend' ),
			),
		);
	}

	/**
	 * Text of `malformed`.
	 *
	 * @param array<mixed> $evidence Evidence.
	 * @return array{title: string, explanation: string, steps: string[]}
	 */
	private static function text_malformed( array $evidence ): array {
		return array(
			'title'       => __( 'This does not look like a MailerSend API token', 'fix-mailersend' ),
			'explanation' => 'too_long' === self::str( $evidence, 'reason' )
				? __( 'What was pasted is far longer than a MailerSend API token: it probably contains other text as well.', 'fix-mailersend' )
				: __( 'MailerSend API tokens start with "mlsn." followed by letters and digits only. What was pasted starts differently or contains other characters, so MailerSend would reject it.', 'fix-mailersend' ),
			'steps'       => array(
				__( 'Paste only the token itself, from where you saved it when you created it.', 'fix-mailersend' ),
				self::new_token_step(),
			),
		);
	}

	/**
	 * Text of `truncated`.
	 *
	 * @param array<mixed> $evidence Evidence.
	 * @return array{title: string, explanation: string, steps: string[]}
	 */
	private static function text_truncated( array $evidence ): array {
		return array(
			'title'       => __( 'The token looks cut off', 'fix-mailersend' ),
			'explanation' => 'ellipsis' === self::str( $evidence, 'reason' )
				? __( 'The token contains "…" or "...", a sign that a shortened copy was pasted (MailerSend and this screen show saved tokens shortened like that).', 'fix-mailersend' )
				: __( 'The token is shorter than MailerSend API tokens are: probably only part of it was copied.', 'fix-mailersend' ),
			'steps'       => array(
				__( 'If you saved the full token when you created it, paste it again in full.', 'fix-mailersend' ),
				self::new_token_step(),
				self::copy_once_step(),
			),
		);
	}

	/**
	 * Text of `legacy_token`.
	 *
	 * @param array<mixed> $evidence Evidence.
	 * @return array{title: string, explanation: string, steps: string[]}
	 */
	private static function text_legacy_token( array $evidence ): array {
		return array(
			'title'       => __( 'This is an older kind of MailerSend token', 'fix-mailersend' ),
			'explanation' => true === self::value( $evidence, 'token_accepted' )
				? __( 'Tokens starting with "eyJ" come from MailerSend’s earlier token format. MailerSend accepted this one, but current tokens start with "mlsn.": plan to replace it.', 'fix-mailersend' )
				: __( 'Tokens starting with "eyJ" come from MailerSend’s earlier token format, while current tokens start with "mlsn.". It may still work: check it with MailerSend.', 'fix-mailersend' ),
			'steps'       => array(
				__( 'Check the token with MailerSend before relying on it.', 'fix-mailersend' ),
				self::new_token_step(),
			),
		);
	}

	/**
	 * Text of `unauthenticated`.
	 *
	 * @param array<mixed> $evidence Evidence.
	 * @return array{title: string, explanation: string, steps: string[]}
	 */
	private static function text_unauthenticated( array $evidence ): array {
		return array(
			'title'       => __( 'MailerSend does not recognise this token', 'fix-mailersend' ),
			'explanation' => __( 'MailerSend answered "Unauthenticated.": the token was deleted, regenerated, expired or mistyped — MailerSend does not say which. Until it is replaced, every email the site sends through MailerSend fails.', 'fix-mailersend' ),
			'steps'       => array(
				self::new_token_step(),
				self::copy_once_step(),
				self::paste_step(),
				__( 'Send a test email to confirm.', 'fix-mailersend' ),
			),
		);
	}

	/**
	 * Text of `missing_permission`.
	 *
	 * @param array<mixed> $evidence Evidence.
	 * @return array{title: string, explanation: string, steps: string[]}
	 */
	private static function text_missing_permission( array $evidence ): array {
		return array(
			'title'       => __( 'This token is not allowed to send email', 'fix-mailersend' ),
			'explanation' => __( 'MailerSend knows this token but does not let it send email (#MS40301): it was created without the Email permission.', 'fix-mailersend' ),
			'steps'       => array(
				sprintf(
					/* translators: %s: address of MailerSend's API tokens page. */
					__( 'Create a new token in MailerSend (%s) with Full access, or Custom access with Email: Full access.', 'fix-mailersend' ),
					self::TOKENS_URL
				),
				self::copy_once_step(),
				self::paste_step(),
			),
		);
	}

	/**
	 * Text of `trial_limit`.
	 *
	 * @param array<mixed> $evidence Evidence.
	 * @return array{title: string, explanation: string, steps: string[]}
	 */
	private static function text_trial_limit( array $evidence ): array {
		return array(
			'title'       => __( 'The MailerSend trial limit is reached', 'fix-mailersend' ),
			'explanation' => 'MS42222' === self::str( $evidence, 'ms_code' )
				? __( 'The token works, but this MailerSend account is on a trial and its domain has used its sending quota (#MS42222).', 'fix-mailersend' )
				: __( 'The token works, but this MailerSend account is on a trial, which may send only to a small number of different recipients (#MS42225).', 'fix-mailersend' ),
			'steps'       => array(
				__( 'Upgrade the MailerSend plan, or finish the account approval in MailerSend, to lift the trial limits.', 'fix-mailersend' ),
				__( 'Until then, send test emails only to addresses you have already sent to.', 'fix-mailersend' ),
			),
		);
	}

	/**
	 * Text of `sending_quota_reached` (#MS42204: the sending quota the account set itself).
	 *
	 * @param array<mixed> $evidence Evidence.
	 * @return array{title: string, explanation: string, steps: string[]}
	 */
	private static function text_sending_quota_reached( array $evidence ): array {
		return array(
			'title'       => __( 'The sending limit set in MailerSend is reached', 'fix-mailersend' ),
			'explanation' => __( 'The token works, but MailerSend refused the email: the sending quota set in this MailerSend account is used up (#MS42204). Email fails until the limit is raised or its period starts again.', 'fix-mailersend' ),
			'steps'       => array(
				__( 'In MailerSend, raise or remove the sending limit set for the account or its domain.', 'fix-mailersend' ),
				__( 'If the limit is right, wait until its period starts again: nothing needs to change on this site.', 'fix-mailersend' ),
				__( 'Then send a test email to confirm.', 'fix-mailersend' ),
			),
		);
	}

	/**
	 * Text of `plan_feature_missing` (#MS42216: the email uses a feature the plan lacks).
	 *
	 * @param array<mixed> $evidence Evidence.
	 * @return array{title: string, explanation: string, steps: string[]}
	 */
	private static function text_plan_feature_missing( array $evidence ): array {
		return array(
			'title'       => __( 'The MailerSend plan does not include a feature this email uses', 'fix-mailersend' ),
			'explanation' => __( 'The token works, but MailerSend refused the email because it uses a feature this account’s plan does not include (#MS42216). WP Mail SMTP sends custom headers, a feature of MailerSend’s Professional plan, when its MailerSend “Pro plan” setting is on: the likely cause.', 'fix-mailersend' ),
			'steps'       => array(
				__( 'In WP Mail SMTP’s MailerSend settings, turn the Pro plan setting off unless the account is on MailerSend’s Professional or Enterprise plan.', 'fix-mailersend' ),
				__( 'If the account should have the feature, check its plan in MailerSend.', 'fix-mailersend' ),
				__( 'Then send a test email to confirm.', 'fix-mailersend' ),
			),
		);
	}

	/**
	 * Text of `rate_limited`.
	 *
	 * @param array<mixed> $evidence Evidence.
	 * @return array{title: string, explanation: string, steps: string[]}
	 */
	private static function text_rate_limited( array $evidence ): array {
		$retry = self::int( $evidence, 'retry_after' );
		if ( true === self::value( $evidence, 'token_accepted' ) ) {
			$explanation = null !== $retry
				? sprintf(
					/* translators: %s: a number of seconds, e.g. "30 seconds". */
					__( 'The token is real, but the MailerSend account reached its per-minute request limit. MailerSend asks to wait %s.', 'fix-mailersend' ),
					self::seconds( $retry )
				)
				: __( 'The token is real, but the MailerSend account reached its per-minute request limit. It resets within a minute.', 'fix-mailersend' );
		} else {
			// MailerSend may limit requests before it authenticates them: this says nothing about the token.
			$explanation = null !== $retry
				? sprintf(
					/* translators: %s: a number of seconds, e.g. "30 seconds". */
					__( 'MailerSend answered "too many requests" before checking the token, so nobody knows yet whether this token works. MailerSend asks to wait %s.', 'fix-mailersend' ),
					self::seconds( $retry )
				)
				: __( 'MailerSend answered "too many requests" before checking the token, so nobody knows yet whether this token works. The limit resets within a minute.', 'fix-mailersend' );
		}
		return array(
			'title'       => __( 'MailerSend is busy: too many requests this minute', 'fix-mailersend' ),
			'explanation' => $explanation,
			'steps'       => array(
				null !== $retry
					? sprintf(
						/* translators: %s: a number of seconds, e.g. "30 seconds". */
						__( 'Wait %s, then try again.', 'fix-mailersend' ),
						self::seconds( $retry )
					)
					: __( 'Wait a minute, then try again.', 'fix-mailersend' ),
				__( 'If this keeps happening, look for a plugin, form or script that sends many requests to MailerSend.', 'fix-mailersend' ),
			),
		);
	}

	/**
	 * Text of `quota_exhausted`.
	 *
	 * @param array<mixed> $evidence Evidence.
	 * @return array{title: string, explanation: string, steps: string[]}
	 */
	private static function text_quota_exhausted( array $evidence ): array {
		$reset = self::reset_time( $evidence );
		return array(
			'title'       => __( 'The MailerSend daily quota is used up', 'fix-mailersend' ),
			'explanation' => sprintf(
				/* translators: %s: date and time when the quota resets. */
				__( 'The token is real, but the MailerSend account has used all of today’s requests, so emails fail until the quota resets: %s.', 'fix-mailersend' ),
				$reset
			),
			'steps'       => array(
				sprintf(
					/* translators: %s: date and time when the quota resets. */
					__( 'Wait for the reset (%s): nothing needs to change on this site.', 'fix-mailersend' ),
					$reset
				),
				__( 'If the quota was used by something unexpected (spam through a form, a loop), find it in MailerSend’s activity and stop it.', 'fix-mailersend' ),
				__( 'For a larger daily quota, upgrade the MailerSend plan.', 'fix-mailersend' ),
			),
		);
	}

	/**
	 * Text of `send_paused`.
	 *
	 * @param array<mixed> $evidence Evidence.
	 * @return array{title: string, explanation: string, steps: string[]}
	 */
	private static function text_send_paused( array $evidence ): array {
		$domain = self::str( $evidence, 'from_domain' );
		return array(
			'title'       => __( 'Sending is paused for this domain in MailerSend', 'fix-mailersend' ),
			'explanation' => '' !== $domain
				? sprintf(
					/* translators: %s: the sending domain, e.g. example.com. */
					__( 'MailerSend accepts emails from %s but delivers none of them while sending is paused for that domain.', 'fix-mailersend' ),
					$domain
				)
				: __( 'MailerSend accepts emails from this domain but delivers none of them while sending is paused for it.', 'fix-mailersend' ),
			'steps'       => array(
				sprintf(
					/* translators: %s: address of MailerSend's domains page. */
					__( 'In MailerSend, open Domains (%s), choose the domain and resume sending.', 'fix-mailersend' ),
					self::DOMAINS_URL
				),
				__( 'Then send a test email again.', 'fix-mailersend' ),
			),
		);
	}

	/**
	 * Text of `recipients_suppressed`.
	 *
	 * @param array<mixed> $evidence Evidence.
	 * @return array{title: string, explanation: string, steps: string[]}
	 */
	private static function text_recipients_suppressed( array $evidence ): array {
		$all = 'all' === self::str( $evidence, 'suppressed' );
		return array(
			'title'       => $all
				? __( 'MailerSend did not deliver to the recipient: it is suppressed', 'fix-mailersend' )
				: __( 'MailerSend skipped some suppressed recipients', 'fix-mailersend' ),
			'explanation' => __( 'MailerSend accepted the email but does not deliver to addresses on its suppression lists (earlier hard bounces, spam complaints, unsubscribes or a blocklist). The token itself works.', 'fix-mailersend' ),
			'steps'       => array(
				__( 'In MailerSend, open Suppressions, find the address and remove it if it should receive mail, or send the test email to another address.', 'fix-mailersend' ),
			),
		);
	}

	/**
	 * Text of `blocked_by_site`.
	 *
	 * @param array<mixed> $evidence Evidence.
	 * @return array{title: string, explanation: string, steps: string[]}
	 */
	private static function text_blocked_by_site( array $evidence ): array {
		return array(
			'title'       => __( 'This site blocks requests to MailerSend', 'fix-mailersend' ),
			'explanation' => __( 'WordPress on this site is set to block outgoing requests (for example WP_HTTP_BLOCK_EXTERNAL in wp-config.php) and api.mailersend.com is not allowed, so no email can reach MailerSend. This says nothing about the token.', 'fix-mailersend' ),
			'steps'       => array(
				__( 'Allow MailerSend in wp-config.php: add api.mailersend.com to WP_ACCESSIBLE_HOSTS, e.g. define( \'WP_ACCESSIBLE_HOSTS\', \'api.mailersend.com\' ); (keep any hosts already listed, separated by commas).', 'fix-mailersend' ),
				__( 'If that is not the cause, a security plugin may be blocking the request: allow api.mailersend.com there.', 'fix-mailersend' ),
				__( 'Then check again.', 'fix-mailersend' ),
			),
		);
	}

	/**
	 * Text of `mailersend_unavailable`.
	 *
	 * @param array<mixed> $evidence Evidence.
	 * @return array{title: string, explanation: string, steps: string[]}
	 */
	private static function text_mailersend_unavailable( array $evidence ): array {
		$status = self::int( $evidence, 'http_status' );
		return array(
			'title'       => __( 'MailerSend could not answer right now', 'fix-mailersend' ),
			'explanation' => null !== $status && $status > 0
				? sprintf(
					/* translators: %d: HTTP status code, e.g. 503. */
					__( 'MailerSend answered with an error on its side (HTTP %d), such as maintenance or an outage. This says nothing about the token.', 'fix-mailersend' ),
					$status
				)
				: __( 'MailerSend answered with an error on its side, such as maintenance or an outage. This says nothing about the token.', 'fix-mailersend' ),
			'steps'       => array(
				__( 'Wait a few minutes and check again.', 'fix-mailersend' ),
				__( 'If it lasts, look at MailerSend’s status page or contact MailerSend support.', 'fix-mailersend' ),
			),
		);
	}

	/**
	 * Text of `network_error`.
	 *
	 * @param array<mixed> $evidence Evidence.
	 * @return array{title: string, explanation: string, steps: string[]}
	 */
	private static function text_network_error( array $evidence ): array {
		if ( 'deadline' === self::str( $evidence, 'reason' ) ) {
			return array(
				'title'       => __( 'MailerSend took too long to answer', 'fix-mailersend' ),
				'explanation' => self::deadline_sentence( $evidence ) . ' ' . ( true === self::value( $evidence, 'token_accepted' )
					? __( 'MailerSend did recognise the token, but whether it may send email is not known.', 'fix-mailersend' )
					: __( 'This says nothing about the token.', 'fix-mailersend' ) ),
				'steps'       => array(
					__( 'Check again in a few minutes.', 'fix-mailersend' ),
					__( 'If it keeps happening, MailerSend or this server’s connection to api.mailersend.com is slow: ask your host, or try again later.', 'fix-mailersend' ),
				),
			);
		}
		$explanation = __( 'The request to MailerSend failed before any answer arrived (a timeout, a name lookup failure, or a refused or reset connection). This says nothing about the token.', 'fix-mailersend' );
		if ( 'wp_mail_smtp' === self::str( $evidence, 'source' ) && '' === self::str( $evidence, 'message' ) ) {
			$explanation .= ' ' . __( 'WP Mail SMTP records an empty error message when this happens.', 'fix-mailersend' );
		}
		return array(
			'title'       => __( 'This site could not reach MailerSend', 'fix-mailersend' ),
			'explanation' => $explanation,
			'steps'       => array(
				__( 'Check again in a few minutes.', 'fix-mailersend' ),
				__( 'If it keeps failing, ask your host whether this server can reach api.mailersend.com over HTTPS (port 443).', 'fix-mailersend' ),
			),
		);
	}

	/**
	 * The sentence that says which step of an action ran out of time (evidence `reason`
	 * `deadline`, `step`, `deadline`).
	 *
	 * @param array<mixed> $evidence Evidence.
	 * @return string
	 */
	private static function deadline_sentence( array $evidence ): string {
		$value   = self::value( $evidence, 'deadline' );
		$seconds = number_format_i18n( is_numeric( $value ) ? (float) $value : 15, is_numeric( $value ) && floor( (float) $value ) !== (float) $value ? 1 : 0 );
		switch ( self::str( $evidence, 'step' ) ) {
			case 'quota':
				/* translators: %s: number of seconds. */
				return sprintf( __( 'MailerSend took too long: a check may take %s seconds in all, and the time ran out while MailerSend was checking the token.', 'fix-mailersend' ), $seconds );
			case 'send_probe':
				/* translators: %s: number of seconds. */
				return sprintf( __( 'MailerSend took too long: a check may take %s seconds in all, and the time ran out at the check of whether the token may send.', 'fix-mailersend' ), $seconds );
			case 'domains':
				/* translators: %s: number of seconds. */
				return sprintf( __( 'MailerSend took too long: a check may take %s seconds in all, and the time ran out while listing the verified domains, so the From domain was not compared with them.', 'fix-mailersend' ), $seconds );
			case 'test_email':
				/* translators: %s: number of seconds. */
				return sprintf( __( 'MailerSend took too long: a test email may take %s seconds in all, and MailerSend had not answered by then.', 'fix-mailersend' ), $seconds );
			default:
				/* translators: %s: number of seconds. */
				return sprintf( __( 'MailerSend took too long: the time allowed (%s seconds) ran out.', 'fix-mailersend' ), $seconds );
		}
	}

	/**
	 * Text of `unknown`.
	 *
	 * @param array<mixed> $evidence Evidence.
	 * @return array{title: string, explanation: string, steps: string[]}
	 */
	private static function text_unknown( array $evidence ): array {
		return array(
			'title'       => __( 'MailerSend gave an unexpected answer', 'fix-mailersend' ),
			'explanation' => __( 'This plugin does not recognise MailerSend’s answer, so it cannot tell whether the token works. The details show exactly what MailerSend returned.', 'fix-mailersend' ),
			'steps'       => array(
				__( 'Check again in a few minutes.', 'fix-mailersend' ),
				self::new_token_step(),
				__( 'If the problem stays, contact MailerSend support with the details shown.', 'fix-mailersend' ),
			),
		);
	}

	/**
	 * Text of `valid`.
	 *
	 * @param array<mixed> $evidence Evidence.
	 * @return array{title: string, explanation: string, steps: string[]}
	 */
	private static function text_valid( array $evidence ): array {
		$explanation = __( 'MailerSend recognised this API token.', 'fix-mailersend' );

		$remaining = self::int( $evidence, 'quota_remaining' );
		$limit     = self::int( $evidence, 'quota_limit' );
		if ( null !== $remaining && null !== $limit && $remaining >= 0 && $limit > 0 ) {
			$explanation .= ' ' . sprintf(
				/* translators: 1: requests left today, 2: daily request quota. */
				__( 'The account has %1$s of its %2$s daily requests left.', 'fix-mailersend' ),
				number_format_i18n( $remaining ),
				number_format_i18n( $limit )
			);
		}

		$domain = self::str( $evidence, 'from_domain' );
		if ( true === self::value( $evidence, 'can_send' ) && '' !== $domain ) {
			$explanation .= ' ' . sprintf(
				/* translators: %s: the sending domain, e.g. example.com. */
				__( 'It may send email, and %s is accepted as the From domain.', 'fix-mailersend' ),
				$domain
			);
		} elseif ( true === self::value( $evidence, 'can_send' ) ) {
			$explanation .= ' ' . __( 'It may send email.', 'fix-mailersend' );
		}

		return array(
			'title'       => __( 'The token works', 'fix-mailersend' ),
			'explanation' => $explanation,
			'steps'       => array(
				__( 'Send a test email to confirm that mail goes out.', 'fix-mailersend' ),
			),
		);
	}

	/**
	 * Text of `wp_mail_smtp_missing` (a state of the site): WP Mail SMTP is not installed.
	 *
	 * @param array<mixed> $evidence Evidence.
	 * @return array{title: string, explanation: string, steps: string[]}
	 */
	private static function text_wp_mail_smtp_missing( array $evidence ): array {
		unset( $evidence );
		return array(
			'title'       => __( 'WP Mail SMTP is not installed', 'fix-mailersend' ),
			'explanation' => __( 'Fix MailerSend repairs the MailerSend connection of the WP Mail SMTP plugin, which is not installed on this site.', 'fix-mailersend' ),
			'steps'       => array(
				__( 'Install and activate WP Mail SMTP (Plugins → Add New Plugin, search for "WP Mail SMTP").', 'fix-mailersend' ),
				__( 'Choose MailerSend as its mailer, then come back to this screen to check and save your MailerSend API token.', 'fix-mailersend' ),
			),
		);
	}

	/**
	 * Text of `wp_mail_smtp_inactive` (a state of the site): installed, not running.
	 *
	 * @param array<mixed> $evidence Evidence.
	 * @return array{title: string, explanation: string, steps: string[]}
	 */
	private static function text_wp_mail_smtp_inactive( array $evidence ): array {
		unset( $evidence );
		return array(
			'title'       => __( 'WP Mail SMTP is not active', 'fix-mailersend' ),
			'explanation' => __( 'WP Mail SMTP is installed but not running, so WordPress does not send email through MailerSend at all.', 'fix-mailersend' ),
			'steps'       => array(
				__( 'Activate WP Mail SMTP on the Plugins screen (only one of WP Mail SMTP and WP Mail SMTP Pro may be active).', 'fix-mailersend' ),
				__( 'Then come back to this screen to check your MailerSend API token.', 'fix-mailersend' ),
			),
		);
	}

	/**
	 * Text of `wp_mail_smtp_too_old` (a state of the site): older than Adapter::MIN_VERSION,
	 * the first release with the MailerSend mailer.
	 *
	 * @param array<mixed> $evidence Evidence (wp_mail_smtp_version).
	 * @return array{title: string, explanation: string, steps: string[]}
	 */
	private static function text_wp_mail_smtp_too_old( array $evidence ): array {
		$version = self::str( $evidence, 'wp_mail_smtp_version' );
		return array(
			'title'       => sprintf(
				/* translators: %s: minimum WP Mail SMTP version. */
				__( 'Update WP Mail SMTP to %s or newer', 'fix-mailersend' ),
				Adapter::MIN_VERSION
			),
			'explanation' => sprintf(
				/* translators: 1: running WP Mail SMTP version, 2: minimum version. */
				__( 'This site runs WP Mail SMTP %1$s, which cannot send through MailerSend: its MailerSend mailer arrived in version %2$s.', 'fix-mailersend' ),
				'' !== $version ? $version : '?',
				Adapter::MIN_VERSION
			),
			'steps'       => array(
				__( 'Update WP Mail SMTP on the Plugins screen.', 'fix-mailersend' ),
				__( 'Checking and saving a token works meanwhile.', 'fix-mailersend' ),
			),
		);
	}

	/**
	 * Text of `mailer_not_mailersend` (a state of the site): another mailer is active.
	 *
	 * @param array<mixed> $evidence Evidence (mailer).
	 * @return array{title: string, explanation: string, steps: string[]}
	 */
	private static function text_mailer_not_mailersend( array $evidence ): array {
		return array(
			'title'       => __( 'WP Mail SMTP does not send through MailerSend', 'fix-mailersend' ),
			'explanation' => sprintf(
				/* translators: %s: WP Mail SMTP mailer slug, e.g. "smtp". */
				__( 'WP Mail SMTP’s active mailer is "%s", not MailerSend, so a MailerSend token is not used for sending.', 'fix-mailersend' ),
				self::str( $evidence, 'mailer' )
			),
			'steps'       => array(
				__( 'To send through MailerSend: get a new API token, check it here, and save it with "Switch WP Mail SMTP to MailerSend" ticked.', 'fix-mailersend' ),
				__( 'If you do not want to use MailerSend, there is nothing to fix here.', 'fix-mailersend' ),
			),
		);
	}

	/**
	 * Text of `not_checked` (a state of the site): a token is saved, looks right, and was
	 * never checked (or changed since).
	 *
	 * @param array<mixed> $evidence Evidence.
	 * @return array{title: string, explanation: string, steps: string[]}
	 */
	private static function text_not_checked( array $evidence ): array {
		unset( $evidence );
		return array(
			'title'       => __( 'The saved token has not been checked yet', 'fix-mailersend' ),
			'explanation' => __( 'A MailerSend API token is saved and looks right, and no email has failed since. Only MailerSend can tell whether it works.', 'fix-mailersend' ),
			'steps'       => array(
				__( 'Click "Re-check saved token" to ask MailerSend, or send a test email in step 4.', 'fix-mailersend' ),
			),
		);
	}

	/**
	 * A verdict as the answer about a pasted token, not yet saved: a working one still has to
	 * be saved before WP Mail SMTP uses it. The catalogue's text is about the token in use
	 * (the saved one: re-checks, saves, the daily check, the headline).
	 *
	 * @param Verdict $verdict The verdict of a check of a pasted token.
	 * @return Verdict
	 */
	public static function for_pasted_token( Verdict $verdict ): Verdict {
		if ( ! $verdict->is_valid() ) {
			return $verdict;
		}
		return new Verdict(
			$verdict->id(),
			$verdict->severity(),
			$verdict->title(),
			$verdict->explanation(),
			array(
				__( 'Save it so that WP Mail SMTP uses it.', 'fix-mailersend' ),
				__( 'Then send a test email to confirm that mail goes out.', 'fix-mailersend' ),
			),
			$verdict->evidence()
		);
	}

	/**
	 * Text of `account_blocked`, naming which block MailerSend reported.
	 *
	 * @param array<mixed> $evidence Evidence (ms_code MS40302..MS40305).
	 * @return array{title: string, explanation: string, steps: string[]}
	 */
	private static function text_account_blocked( array $evidence ): array {
		$support = __( 'If you do not know why, contact MailerSend support.', 'fix-mailersend' );
		$retry   = __( 'Then check again: the token itself may be fine, and a new token will not help until this is solved.', 'fix-mailersend' );

		switch ( self::str( $evidence, 'ms_code' ) ) {
			case 'MS40302':
				return array(
					'title'       => __( 'API and SMTP access is switched off for this MailerSend account', 'fix-mailersend' ),
					'explanation' => __( 'MailerSend refuses every API request from this account because its API and SMTP access is switched off (#MS40302).', 'fix-mailersend' ),
					'steps'       => array(
						__( 'Sign in to MailerSend and switch API access back on for the account (or ask an account owner to).', 'fix-mailersend' ),
						$support,
						$retry,
					),
				);
			case 'MS40303':
				return array(
					'title'       => __( 'This MailerSend account is not authorised to send', 'fix-mailersend' ),
					'explanation' => __( 'MailerSend has not authorised this account to use the API (#MS40303), for example while the account is still being reviewed or approved.', 'fix-mailersend' ),
					'steps'       => array(
						__( 'Sign in to MailerSend and complete any pending account approval or verification it asks for.', 'fix-mailersend' ),
						$support,
						$retry,
					),
				);
			case 'MS40304':
				return array(
					'title'       => __( 'This MailerSend account is suspended', 'fix-mailersend' ),
					'explanation' => __( 'MailerSend has suspended this account (#MS40304), so it refuses every request from it.', 'fix-mailersend' ),
					'steps'       => array(
						__( 'Sign in to MailerSend to read why the account was suspended.', 'fix-mailersend' ),
						__( 'Contact MailerSend support to have it reinstated.', 'fix-mailersend' ),
						$retry,
					),
				);
			case 'MS40305':
				return array(
					'title'       => __( 'This server’s IP address is not allowed by MailerSend', 'fix-mailersend' ),
					'explanation' => __( 'The MailerSend account accepts API requests only from allowlisted IP addresses, and this server’s address is not on the list (#MS40305).', 'fix-mailersend' ),
					'steps'       => array(
						__( 'In MailerSend, add this server’s outgoing IP address to the IP allowlist (your host can tell you the address), or remove the restriction.', 'fix-mailersend' ),
						$retry,
					),
				);
			default:
				return array(
					'title'       => __( 'MailerSend blocks this account', 'fix-mailersend' ),
					'explanation' => __( 'MailerSend refused the request because of the account’s state, not the token.', 'fix-mailersend' ),
					'steps'       => array(
						__( 'Sign in to MailerSend and read the account’s notifications.', 'fix-mailersend' ),
						$support,
						$retry,
					),
				);
		}//end switch
	}

	/**
	 * Text of `domain_unverified`.
	 *
	 * @param array<mixed> $evidence Evidence (from_domain, verified_domains).
	 * @return array{title: string, explanation: string, steps: string[]}
	 */
	private static function text_domain_unverified( array $evidence ): array {
		$domain   = self::str( $evidence, 'from_domain' );
		$verified = self::str( $evidence, 'verified_domains' );

		$explanation = '' !== $domain
			? sprintf(
				/* translators: %s: the From address's domain, e.g. example.com. */
				__( 'MailerSend sends only from domains verified in the account the token belongs to, and %s is not verified there. This is often a token from another MailerSend account.', 'fix-mailersend' ),
				$domain
			)
			: __( 'MailerSend sends only from domains verified in the account the token belongs to, and the From address’s domain is not verified there. This is often a token from another MailerSend account.', 'fix-mailersend' );

		if ( '' !== $verified ) {
			$explanation .= ' ' . sprintf(
				/* translators: %s: comma-separated list of domains. */
				__( 'Verified domains in this token’s account: %s.', 'fix-mailersend' ),
				$verified
			);
			$explanation .= ' ' . __( 'Changing the From email in WP Mail SMTP’s settings to an address at one of them also works.', 'fix-mailersend' );
		} elseif ( array_key_exists( 'verified_domains', $evidence ) ) {
			$explanation .= ' ' . __( 'This token’s account has no verified domain at all.', 'fix-mailersend' );
		}

		return array(
			'title'       => __( 'The From domain is not verified in this token’s MailerSend account', 'fix-mailersend' ),
			'explanation' => $explanation,
			'steps'       => array(
				sprintf(
					/* translators: %s: address of MailerSend's API tokens page. */
					__( 'Sign in to the MailerSend account where your sending domain is verified and create the token there (%s).', 'fix-mailersend' ),
					self::TOKENS_URL
				),
				sprintf(
					/* translators: %s: address of MailerSend's domains page. */
					__( 'If no MailerSend account has your domain verified yet, verify it in this token’s account instead (%s), then check this token again.', 'fix-mailersend' ),
					self::DOMAINS_URL
				),
			),
		);
	}

	/**
	 * When the quota resets, in words.
	 *
	 * @param array<mixed> $evidence Evidence (quota_reset, ISO 8601).
	 * @return string
	 */
	private static function reset_time( array $evidence ): string {
		$reset = self::str( $evidence, 'quota_reset' );
		$time  = '' !== $reset ? strtotime( $reset ) : false;
		if ( false !== $time ) {
			$date_format = get_option( 'date_format' );
			$time_format = get_option( 'time_format' );
			$format      = ( is_string( $date_format ) && '' !== $date_format ? $date_format : 'Y-m-d' ) . ' ' . ( is_string( $time_format ) && '' !== $time_format ? $time_format : 'H:i' );
			$formatted   = wp_date( $format, $time );
			if ( is_string( $formatted ) ) {
				return $formatted;
			}
		}
		return __( 'midnight UTC', 'fix-mailersend' );
	}

	/**
	 * "N seconds", translated.
	 *
	 * @param int $seconds Seconds.
	 * @return string
	 */
	private static function seconds( int $seconds ): string {
		return sprintf(
			/* translators: %s: number of seconds. */
			_n( '%s second', '%s seconds', $seconds, 'fix-mailersend' ),
			number_format_i18n( $seconds )
		);
	}

	/**
	 * An evidence value.
	 *
	 * @param array<mixed> $evidence Evidence.
	 * @param string       $key      Key.
	 * @return mixed
	 */
	private static function value( array $evidence, string $key ) {
		return array_key_exists( $key, $evidence ) ? $evidence[ $key ] : null;
	}

	/**
	 * An evidence value as a string ('' when absent or not scalar).
	 *
	 * @param array<mixed> $evidence Evidence.
	 * @param string       $key      Key.
	 * @return string
	 */
	private static function str( array $evidence, string $key ): string {
		$value = self::value( $evidence, $key );
		return is_scalar( $value ) && ! is_bool( $value ) ? (string) $value : '';
	}

	/**
	 * An evidence value as an integer (null when absent or not numeric).
	 *
	 * @param array<mixed> $evidence Evidence.
	 * @param string       $key      Key.
	 * @return int|null
	 */
	private static function int( array $evidence, string $key ): ?int {
		$value = self::value( $evidence, $key );
		return is_numeric( $value ) ? (int) $value : null;
	}
}
