<?php
/**
 * One time budget per action.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Support;

defined( 'ABSPATH' ) || exit;

/**
 * The time budget of one action a person started (a check, a deep check, a save, a test email,
 * the daily check; the same from WP-CLI): 15 s by default (filter `fix_mailersend_action_deadline`),
 * however many MailerSend calls the action makes. Created where the action starts and handed to
 * the MailerSend client, which starts a call only when it can still finish (at least
 * min_call() seconds left after the margin) and gives each call at most what is left.
 *
 * The margin is kept for the work after the last call (writing the save, building the answer).
 * The time the request or process already spent before the action started (loading WordPress,
 * booting WP-CLI) counts too, up to a fifth of the budget: a person waits from the click or the
 * Enter key, and a long-running process (a test runner, a script looping over sites) is not
 * left without time.
 */
final class Deadline {

	/**
	 * The filter that sets the budget, in seconds (second argument: the action).
	 */
	const FILTER = 'fix_mailersend_action_deadline';

	/**
	 * Default budget of one action, in seconds: hosts and proxies cut requests at 30–60 s.
	 */
	const DEFAULT_SECONDS = 15.0;

	/**
	 * Most time kept for the work after the last MailerSend call, in seconds (a fifth of the
	 * budget when that is less).
	 */
	const MARGIN = 1.0;

	/**
	 * The shortest timeout a MailerSend call is started with, in seconds (or the call's own
	 * timeout when that is shorter): a call that would get less is not started.
	 */
	const MIN_CALL = 1.5;

	/**
	 * Actions, as passed to the filter.
	 */
	const ACTIONS = array( 'check', 'deep_check', 'save', 'test_email', 'daily_check', 'resend' );

	/**
	 * When the action started (hrtime, seconds).
	 *
	 * @var float
	 */
	private $started;

	/**
	 * The budget, in seconds.
	 *
	 * @var float
	 */
	private $budget;

	/**
	 * Creates a deadline that starts now.
	 *
	 * @param float $budget Seconds the action may take (anything not above 0: the default).
	 */
	public function __construct( float $budget = self::DEFAULT_SECONDS ) {
		$this->budget  = $budget > 0 ? $budget : self::DEFAULT_SECONDS;
		$this->started = self::now();
	}

	/**
	 * The deadline of an action starting now, its budget from the filter.
	 *
	 * @param string $action One of ACTIONS.
	 * @return self
	 */
	public static function start( string $action ): self {
		/**
		 * Filters how long one action may take in all, in seconds, whatever MailerSend does:
		 * its MailerSend calls share this budget (default 15).
		 *
		 * @since 0.2.0
		 *
		 * @param float|int $seconds The budget.
		 * @param string    $action  check, deep_check, save, test_email, daily_check or resend (one batch of held emails).
		 */
		$seconds  = apply_filters( 'fix_mailersend_action_deadline', self::DEFAULT_SECONDS, $action );
		$deadline = new self( is_numeric( $seconds ) ? (float) $seconds : self::DEFAULT_SECONDS );

		$deadline->started -= min( self::request_age(), $deadline->budget / 5 );
		return $deadline;
	}

	/**
	 * Seconds since the request (or the command-line process) started, 0 when unknown.
	 *
	 * @return float
	 */
	private static function request_age(): float {
		$start = isset( $_SERVER['REQUEST_TIME_FLOAT'] ) && is_numeric( $_SERVER['REQUEST_TIME_FLOAT'] ) ? (float) $_SERVER['REQUEST_TIME_FLOAT'] : 0.0; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- PHP's own start time, a float, only compared.
		return $start > 0 ? max( 0.0, microtime( true ) - $start ) : 0.0;
	}

	/**
	 * The budget, in seconds.
	 *
	 * @return float
	 */
	public function budget(): float {
		return $this->budget;
	}

	/**
	 * Seconds since the action started.
	 *
	 * @return float
	 */
	public function elapsed(): float {
		return max( 0.0, self::now() - $this->started );
	}

	/**
	 * Seconds left of the budget (0 once it is spent).
	 *
	 * @return float
	 */
	public function remaining(): float {
		return max( 0.0, $this->budget - $this->elapsed() );
	}

	/**
	 * Seconds left for MailerSend calls: what remains minus the margin.
	 *
	 * @return float
	 */
	public function available(): float {
		return max( 0.0, $this->remaining() - $this->margin() );
	}

	/**
	 * Whether a call whose own timeout is `$timeout` may still start: at least
	 * min( MIN_CALL, $timeout ) seconds are available.
	 *
	 * @param float $timeout The call's own timeout, in seconds.
	 * @return bool
	 */
	public function allows( float $timeout ): bool {
		return $this->available() >= min( self::MIN_CALL, $timeout );
	}

	/**
	 * The timeout a call gets: its own, or what is available when that is less.
	 *
	 * @param float $timeout The call's own timeout, in seconds.
	 * @return float
	 */
	public function timeout_for( float $timeout ): float {
		return min( $timeout, $this->available() );
	}

	/**
	 * The margin kept after the last call: MARGIN, or a fifth of the budget when that is less.
	 *
	 * @return float
	 */
	public function margin(): float {
		return min( self::MARGIN, $this->budget / 5 );
	}

	/**
	 * The budget as evidence: whole seconds when it is whole, else tenths.
	 *
	 * @return int|float
	 */
	public function seconds() {
		return self::round_seconds( $this->budget );
	}

	/**
	 * A duration for evidence: an int when whole, else rounded to tenths.
	 *
	 * @param float $seconds Seconds.
	 * @return int|float
	 */
	public static function round_seconds( float $seconds ) {
		$rounded = round( $seconds, 1 );
		return floor( $rounded ) === $rounded ? (int) $rounded : $rounded;
	}

	/**
	 * A monotonic clock, in seconds.
	 *
	 * @return float
	 */
	private static function now(): float {
		return hrtime( true ) / 1e9;
	}
}
