<?php
/**
 * The token flows shared by the REST API and WP-CLI: status, check, save.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Service;

use FixMailerSend\Diagnosis\Diagnosis;
use FixMailerSend\Diagnosis\Verdict;
use FixMailerSend\Diagnosis\Verdicts;
use FixMailerSend\Diagnosis\Now;
use FixMailerSend\Recovery\Outage_Report;
use FixMailerSend\Storage\Audit_Trail;
use FixMailerSend\Storage\Check_Log;
use FixMailerSend\Storage\Recent_Checks;
use FixMailerSend\Storage\Token_Expiry;
use FixMailerSend\Support\Deadline;
use FixMailerSend\Support\Lock;
use FixMailerSend\Support\Mask;
use FixMailerSend\Watch\Watch_Status;
use FixMailerSend\WpMailSmtp\Adapter;
use FixMailerSend\Support\Token;
use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * What GET /status shows, the check of a pasted or the saved token (POST /token/check), and the
 * checked save (PUT /token), without any transport: the REST controller and the WP-CLI command
 * both call these, so the screen and the command line give the same answers.
 *
 * Results hold Verdict objects; export() turns them into the arrays of docs/architecture.md.
 * No result holds a full token: Mask::token() only. Errors are WP_Errors with a `status`
 * (the REST status) and, once the token was checked, `verdict` (verdict_data()).
 */
class Token_Service {

	/**
	 * Longest token input accepted, in characters.
	 */
	const TOKEN_MAX_LENGTH = 2048;

	/**
	 * The Lock (purpose) that serialises token writes with their audit entries.
	 */
	const LOCK = 'token';

	/**
	 * WP Mail SMTP adapter.
	 *
	 * @var Adapter
	 */
	private $adapter;

	/**
	 * The diagnosis.
	 *
	 * @var Diagnosis
	 */
	private $diagnosis;

	/**
	 * Audit trail of token changes.
	 *
	 * @var Audit_Trail
	 */
	private $audit;

	/**
	 * Last check of the saved token.
	 *
	 * @var Check_Log
	 */
	private $checks;

	/**
	 * Expiry date of the saved token.
	 *
	 * @var Token_Expiry
	 */
	private $expiry;

	/**
	 * Recent deep checks of pasted tokens.
	 *
	 * @var Recent_Checks
	 */
	private $recent;

	/**
	 * What is wrong now (its facts, and the rule's answer).
	 *
	 * @var Watch_Status
	 */
	private $watch;

	/**
	 * The outage report (GET /status `outage`), when given.
	 *
	 * @var Outage_Report|null
	 */
	private $outage;

	/**
	 * Creates the service.
	 *
	 * @param Adapter       $adapter   WP Mail SMTP adapter.
	 * @param Diagnosis     $diagnosis The diagnosis.
	 * @param Audit_Trail   $audit     Audit trail.
	 * @param Check_Log     $checks    Last check.
	 * @param Token_Expiry  $expiry    Token expiry.
	 * @param Recent_Checks $recent    Recent deep checks.
	 * @param Watch_Status  $watch     What is wrong now.
	 * @param Outage_Report $outage    The outage report (status() `outage`; null without one).
	 */
	public function __construct( Adapter $adapter, Diagnosis $diagnosis, Audit_Trail $audit, Check_Log $checks, Token_Expiry $expiry, Recent_Checks $recent, Watch_Status $watch, ?Outage_Report $outage = null ) {
		$this->adapter   = $adapter;
		$this->diagnosis = $diagnosis;
		$this->audit     = $audit;
		$this->checks    = $checks;
		$this->expiry    = $expiry;
		$this->recent    = $recent;
		$this->watch     = $watch;
		$this->outage    = $outage;
	}

	// -----------------------------------------------------------------------------------------
	// Input.
	// -----------------------------------------------------------------------------------------

	/**
	 * Whether a token input is acceptable: one line of printable ASCII without HTML, not only
	 * whitespace, at most TOKEN_MAX_LENGTH characters. The screen and the command line
	 * normalise pastes first; this refuses what cannot be a pasted token instead of guessing.
	 *
	 * @param string $value The token as given.
	 * @return true|WP_Error `fix_mailersend_invalid_token` (no status: the caller's to add).
	 */
	public static function validate_token_input( string $value ) {
		if ( 1 !== preg_match( '/^[\x20-\x7E]*$/', $value ) ) {
			return new WP_Error(
				'fix_mailersend_invalid_token',
				__( 'The token must be a single line of letters, digits and punctuation (no line breaks, tabs or non-ASCII characters such as "…").', 'fix-mailersend' )
			);
		}
		if ( false !== strpbrk( $value, '<>' ) ) {
			return new WP_Error(
				'fix_mailersend_invalid_token',
				__( 'The token must not contain "<" or ">".', 'fix-mailersend' )
			);
		}
		if ( '' === Token::normalise( $value ) ) {
			return new WP_Error(
				'fix_mailersend_invalid_token',
				__( 'The token is empty.', 'fix-mailersend' )
			);
		}
		if ( strlen( $value ) > self::TOKEN_MAX_LENGTH ) {
			return new WP_Error(
				'fix_mailersend_invalid_token',
				sprintf(
					/* translators: %d: maximum number of characters. */
					__( 'The token is longer than %d characters: that is not a MailerSend token.', 'fix-mailersend' ),
					self::TOKEN_MAX_LENGTH
				)
			);
		}
		return true;
	}

	/**
	 * Whether an expiry date is a real calendar date written YYYY-MM-DD, and nothing else
	 * (Token_Expiry::is_date(): no final newline either).
	 *
	 * @param string $date The date.
	 * @return bool
	 */
	public static function is_date( string $date ): bool {
		return Token_Expiry::is_date( $date );
	}

	// -----------------------------------------------------------------------------------------
	// Status.
	// -----------------------------------------------------------------------------------------

	/**
	 * What the Diagnose step shows: WP Mail SMTP, mailer, token (masked), From, last failure,
	 * last check, and the headline. Never calls MailerSend.
	 *
	 * @return array<string, mixed> GET /status's shape, with Verdict objects (see export()).
	 */
	public function status(): array {
		$adapter = $this->adapter;
		$facts   = $this->watch->facts();
		$token   = $facts['token'];
		$source  = $facts['token_source'];
		$mailer  = $facts['mailer'];

		$failure_data = null;
		if ( null !== $facts['failure'] ) {
			$failure      = $facts['failure'];
			$failure_data = array(
				'at'            => $failure['at'],
				'message'       => Mask::scrub_tokens( $failure['message'] ),
				'ms_code'       => $failure['ms_code'],
				'http_status'   => $failure['http_status'],
				'resolved'      => $failure['resolved'],
				'current_token' => $failure['current_token'],
				'verdict'       => $failure['verdict'],
			);
		}

		$check_data = null;
		if ( null !== $facts['check'] ) {
			$check_data = array(
				'at'      => $facts['check']['at'],
				'verdict' => $facts['check']['verdict'],
				'current' => $facts['check']['current'],
			);
		}

		// What is wrong now: the one rule (Diagnosis\Now) the notice and Site Health ask too.
		$headline = Now::decide( $facts )['headline'];

		return array(
			'wp_mail_smtp' => array(
				'state'        => $facts['state'],
				'version'      => $facts['version'],
				'min_version'  => Adapter::MIN_VERSION,
				'pro'          => $adapter->is_pro(),
				'settings_url' => $adapter->settings_url(),
			),
			'mailer'       => array(
				'slug'          => $mailer,
				'is_mailersend' => Adapter::MAILER === $mailer,
				'from_constant' => $adapter->mailer_from_constant(),
			),
			'token'        => array(
				'source'     => $source,
				'masked'     => $token->is_empty() ? null : $token->masked(),
				'constant'   => Adapter::CONSTANT,
				'expires_at' => 'database' === $source ? $this->expiry->get() : null,
			),
			'from'         => array(
				'email'  => $adapter->from_email(),
				'domain' => $adapter->from_domain(),
			),
			'last_failure' => $failure_data,
			'last_check'   => $check_data,
			'headline'     => $headline,
			// What failed while MailerSend refused the mail (Recovery\Outage_Report), or null.
			'outage'       => $this->outage(),
		);
	}

	/**
	 * The outage report alone (GET /outage): what GET /status says in `outage`.
	 *
	 * @return array<string, mixed>|null
	 */
	public function outage(): ?array {
		return null !== $this->outage ? $this->outage->get() : null;
	}

	// -----------------------------------------------------------------------------------------
	// Check.
	// -----------------------------------------------------------------------------------------

	/**
	 * Checks a pasted token, or the saved one (null: the one-click re-check, then kept as the
	 * last check). A deep check is remembered for a save of the same token minutes later.
	 * One deadline for the whole check (Support\Deadline, action `check` or `deep_check`).
	 *
	 * @param Token|null $token The pasted token, or null for the saved one.
	 * @param bool       $deep  Also probe sending and the From domain.
	 * @return array{verdict: Verdict, token: array{masked: string|null, source: string}}|WP_Error
	 *         WP_Error `fix_mailersend_throttled` (status 429) when the per-site throttle refuses.
	 */
	public function check( ?Token $token, bool $deep ) {
		$pasted = null !== $token;
		if ( null !== $token ) {
			$source = 'pasted';
		} else {
			$token  = $this->adapter->current_token();
			$source = $this->adapter->token_source();
		}

		$verdict = $this->diagnosis->check_token( $token, $this->adapter->from_email(), $deep, Deadline::start( $deep ? 'deep_check' : 'check' ) );
		if ( $verdict instanceof WP_Error ) {
			return $verdict;
		}

		if ( $deep ) {
			$this->recent->remember( $token, $this->adapter->from_email(), $verdict );
		}
		if ( ! $pasted ) {
			$this->checks->record( $verdict, $token );
		} else {
			// Said about a token not saved yet (what is remembered above stays the catalogue's).
			$verdict = Verdicts::for_pasted_token( $verdict );
		}

		return array(
			'verdict' => $verdict,
			'token'   => array(
				'masked' => $token->is_empty() ? null : $token->masked(),
				'source' => $source,
			),
		);
	}

	// -----------------------------------------------------------------------------------------
	// Save.
	// -----------------------------------------------------------------------------------------

	/**
	 * Checks the token with MailerSend, then saves it into WP Mail SMTP by merging: only when
	 * it proved to work (or MailerSend could not be reached and the user insists). Audited.
	 * One deadline (Support\Deadline, action `save`) covers the check and the write: when the
	 * check runs out of time its verdict says so, and the save follows the verdict as ever.
	 *
	 * Refusals (nothing written), each a WP_Error with data `status` and, once checked, `verdict`:
	 * 409 `fix_mailersend_wp_mail_smtp_unavailable`, 400 `fix_mailersend_invalid_date` (before
	 * any MailerSend call: Token_Expiry::is_date()), 429 `fix_mailersend_throttled`,
	 * 409 `fix_mailersend_constant_defined` (+ `constant`), 422 `fix_mailersend_token_rejected`,
	 * and the adapter's 409 `fix_mailersend_mailer_constant_defined` / 500 `fix_mailersend_save_failed`.
	 *
	 * @param Token       $token         The token.
	 * @param bool        $switch_mailer Make MailerSend WP Mail SMTP's mailer (the user agreed).
	 * @param bool        $save_anyway   Save although MailerSend could not be reached.
	 * @param string|null $expires_at    The expiry date chosen in MailerSend (YYYY-MM-DD), or null.
	 * @param string      $how           For the audit trail: `screen`, `rest` or `cli`.
	 * @param bool        $fresh         Run a fresh deep check even when a recent one would stand.
	 * @return array{saved: true, verdict: Verdict, token: array{masked: string, source: string}, mailer_switched: bool, not_recorded: string[]}|WP_Error
	 *         `not_recorded`: what the database did not take after the token was saved
	 *         (`audit`: its audit entry, `expiry`: the expiry date; empty when all is recorded).
	 *         409 `fix_mailersend_busy` when another save held the `token` Lock for Lock::WAIT s.
	 */
	public function save( Token $token, bool $switch_mailer, bool $save_anyway, ?string $expires_at, string $how, bool $fresh = false ) {
		if ( ! $this->adapter->is_loaded() ) {
			return new WP_Error(
				'fix_mailersend_wp_mail_smtp_unavailable',
				__( 'WP Mail SMTP is not active, so there is nowhere to save the token. Install or activate WP Mail SMTP first.', 'fix-mailersend' ),
				array( 'status' => 409 )
			);
		}

		$expires_at = null !== $expires_at && '' !== $expires_at ? $expires_at : null;
		if ( null !== $expires_at && ! self::is_date( $expires_at ) ) {
			// The REST schema and the command line refuse it first; checked here for any caller.
			return new WP_Error(
				'fix_mailersend_invalid_date',
				__( 'The expiration date must be a real date (YYYY-MM-DD).', 'fix-mailersend' ),
				array( 'status' => 400 )
			);
		}

		$deadline = Deadline::start( 'save' );
		$verdict  = $this->check_before_saving( $token, $fresh, $deadline );
		if ( $verdict instanceof WP_Error ) {
			return $verdict;
		}

		if ( $this->adapter->token_from_constant() ) {
			return new WP_Error(
				'fix_mailersend_constant_defined',
				sprintf(
					/* translators: %s: constant name. */
					__( 'The MailerSend token is set by the %s constant in wp-config.php, so it cannot be saved here. Replace the token in wp-config.php instead; nothing was changed.', 'fix-mailersend' ),
					Adapter::CONSTANT
				),
				array(
					'status'   => 409,
					'constant' => Adapter::CONSTANT,
					'verdict'  => self::verdict_data( $verdict ),
				)
			);
		}

		$anyway = $save_anyway && Verdicts::may_save_anyway( $verdict );
		if ( ! Verdicts::proves_token( $verdict ) && ! $anyway ) {
			return new WP_Error(
				'fix_mailersend_token_rejected',
				Verdicts::may_save_anyway( $verdict )
					? __( 'MailerSend could not check the token, so it was not saved. The saved token was not changed. You may save it anyway.', 'fix-mailersend' )
					: __( 'The token did not pass the check, so it was not saved. The saved token was not changed.', 'fix-mailersend' ),
				array(
					'status'  => 422,
					'verdict' => self::verdict_data( $verdict ),
				)
			);
		}

		// The write, its audit entry and the expiry date form one critical section: parallel
		// saves get one entry each, and each entry's `before` is the token its write replaced
		// (read from the database inside the lock), i.e. the previous entry's `after`.
		// Never held during the MailerSend calls above. With network-wide settings the write goes
		// to the main site's option, whichever site saves: the lock is the main site's then.
		// The wait for another save fits in what the deadline leaves (at least a second).
		$site = $this->adapter->network_wide_settings() ? get_main_site_id() : null;
		$wait = max( 1, min( Lock::WAIT, (int) floor( $deadline->available() ) ) );
		if ( ! Lock::acquire( self::LOCK, $wait, $site ) ) {
			return new WP_Error(
				'fix_mailersend_busy',
				__( 'Another save of the MailerSend token is in progress. Nothing was changed; try again in a moment.', 'fix-mailersend' ),
				array(
					'status'  => 409,
					'verdict' => self::verdict_data( $verdict ),
				)
			);
		}
		try {
			$result = $this->adapter->save_token( $token, $switch_mailer );
			if ( $result instanceof WP_Error ) {
				$result->add_data( array_merge( (array) $result->get_error_data(), array( 'verdict' => self::verdict_data( $verdict ) ) ) );
				return $result;
			}

			// The token is saved whatever follows; what could not be written is said, not hidden.
			$not_recorded = array();
			if ( ! $this->audit->record( $how, $result['previous'], $token->value(), null, $expires_at ) ) {
				$not_recorded[] = 'audit';
			}
			if ( ! $this->expiry->set( $expires_at ) ) {
				$not_recorded[] = 'expiry';
			}
			$this->checks->record( $verdict, $token );
		} finally {
			Lock::release( self::LOCK, $site );
		}

		return array(
			'saved'           => true,
			'verdict'         => $verdict,
			'token'           => array(
				'masked' => $token->masked(),
				'source' => 'database',
			),
			'mailer_switched' => $result['mailer_switched'],
			'not_recorded'    => $not_recorded,
		);
	}

	/**
	 * What a save's `not_recorded` names, in words (for the command line; the screen has its own).
	 *
	 * @param string[] $not_recorded `audit`, `expiry`.
	 * @return string[]
	 */
	public static function not_recorded_messages( array $not_recorded ): array {
		$messages = array();
		if ( in_array( 'audit', $not_recorded, true ) ) {
			$messages[] = __( 'The token was saved, but the database did not take its entry in the audit trail (a database error): this change is not recorded there.', 'fix-mailersend' );
		}
		if ( in_array( 'expiry', $not_recorded, true ) ) {
			$messages[] = __( 'The token was saved, but the database did not take its expiry date (a database error): no reminder will come before it expires. Save it again with the date.', 'fix-mailersend' );
		}
		return $messages;
	}

	/**
	 * The full check a token must pass before it is saved: the deep check (permission to
	 * send, the From domain), so that a token every email would fail with is never saved.
	 * A conclusive deep check of the same token made in the last minutes stands (one that
	 * proves the token, or a persistent refusal), and then only the free quota call confirms
	 * the token is still active: one save never costs two probes of MailerSend's daily quota.
	 * An inconclusive one (MailerSend unreachable, an answer nobody understands) is checked again.
	 *
	 * @param Token    $token    The token to save.
	 * @param bool     $fresh    Ignore a recent deep check.
	 * @param Deadline $deadline The save's deadline.
	 * @return Verdict|WP_Error WP_Error when throttled.
	 */
	private function check_before_saving( Token $token, bool $fresh, Deadline $deadline ) {
		$from   = $this->adapter->from_email();
		$recent = $fresh ? null : $this->recent->recall( $token, $from );
		if ( null !== $recent && ! self::is_conclusive( $recent ) ) {
			$recent = null;
		}

		$verdict = $this->diagnosis->check_token( $token, $from, null === $recent, $deadline );
		if ( $verdict instanceof WP_Error || null === $recent ) {
			return $verdict;
		}
		if ( Verdicts::proves_token( $recent ) ) {
			return Verdicts::accepted_by_quota_check( $verdict ) ? $recent : $verdict;
		}
		// A refusal stands: MailerSend being unreachable now must not open the `save_anyway` path.
		return Verdicts::persists( $verdict ) ? $verdict : $recent;
	}

	/**
	 * Whether a deep check's verdict may stand for a save minutes later: it proves the token,
	 * or it is a refusal that a new check would repeat (Verdicts::persists()).
	 *
	 * @param Verdict $verdict A deep check's verdict.
	 * @return bool
	 */
	public static function is_conclusive( Verdict $verdict ): bool {
		return Verdicts::proves_token( $verdict ) || Verdicts::persists( $verdict );
	}

	// -----------------------------------------------------------------------------------------
	// Verdicts as data.
	// -----------------------------------------------------------------------------------------

	/**
	 * A verdict as JSON data: `evidence` is always an object, `{}` when empty.
	 *
	 * @param Verdict $verdict The verdict.
	 * @return array<string, mixed>
	 */
	public static function verdict_data( Verdict $verdict ): array {
		return self::verdict_export( $verdict, true );
	}

	/**
	 * A verdict as the REST API and the CLI answer it: to_array() and the `policy` the
	 * catalogue derives from it (Verdicts::policy()).
	 *
	 * @param Verdict $verdict            The verdict.
	 * @param bool    $evidence_as_object `evidence` as an object (JSON: `{}` when empty), else an array.
	 * @return array<string, mixed>
	 */
	private static function verdict_export( Verdict $verdict, bool $evidence_as_object ): array {
		$data = $verdict->to_array();
		if ( $evidence_as_object ) {
			$data['evidence'] = (object) $data['evidence'];
		}
		$data['policy'] = Verdicts::policy( $verdict );
		return $data;
	}

	/**
	 * A result of the services with every Verdict turned into data (recursively), as the REST
	 * API answers it.
	 *
	 * @param array<mixed> $result             A result of this service or of Test_Email.
	 * @param bool         $evidence_as_object `evidence` as an object (JSON: `{}` when empty), else an array.
	 * @return array<mixed>
	 */
	public static function export( array $result, bool $evidence_as_object = true ): array {
		foreach ( $result as $key => $item ) {
			if ( $item instanceof Verdict ) {
				$result[ $key ] = self::verdict_export( $item, $evidence_as_object );
			} elseif ( is_array( $item ) ) {
				$result[ $key ] = self::export( $item, $evidence_as_object );
			}
		}
		return $result;
	}

	/**
	 * The verdict a WP_Error of this service carries (data `verdict`), if any.
	 *
	 * @param WP_Error $error The error.
	 * @return Verdict|null
	 */
	public static function error_verdict( WP_Error $error ): ?Verdict {
		$data = $error->get_error_data();
		if ( ! is_array( $data ) || ! isset( $data['verdict'] ) || ! is_array( $data['verdict'] ) ) {
			return null;
		}
		$verdict             = $data['verdict'];
		$verdict['evidence'] = isset( $verdict['evidence'] ) ? (array) $verdict['evidence'] : array();
		return Verdict::from_array( $verdict );
	}
}
