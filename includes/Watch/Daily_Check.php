<?php
/**
 * The daily check of the saved MailerSend token (WP-Cron).
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Watch;

use FixMailerSend\Diagnosis\Diagnosis;
use FixMailerSend\Storage\Check_Log;
use FixMailerSend\Support\Deadline;
use FixMailerSend\WpMailSmtp\Adapter;
use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * Once a day, per site, checks the token WP Mail SMTP uses with MailerSend's free quota
 * endpoint (`GET /v1/api-quota`: it does not count against the daily sending quota), keeps the
 * result as the last check, and tells integrators when the token went from good to bad.
 *
 * Scheduled on activation (for the site it is activated on) and lazily when missing (on an
 * admin page load, or on a WP-Cron request of the site): a network-activated plugin thus
 * schedules each site from that site's own requests, without looping over the network.
 * Deactivation clears the current site's event; uninstall clears every site's.
 */
class Daily_Check {

	/**
	 * The WP-Cron hook.
	 */
	const HOOK = 'fix_mailersend_daily_check';

	/**
	 * The argument of a one-off retry after the throttle refused the daily run.
	 */
	const RETRY = 'retry';

	/**
	 * Seconds between activation and the first run.
	 */
	const FIRST_RUN_DELAY = 600;

	/**
	 * The action fired when the token goes from good to bad.
	 */
	const ACTION_CHANGED = 'fix_mailersend_token_status_changed';

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
	 * Last check of the saved token.
	 *
	 * @var Check_Log
	 */
	private $checks;

	/**
	 * The daily check's memory.
	 *
	 * @var Watch_Log
	 */
	private $log;

	/**
	 * Creates the daily check.
	 *
	 * @param Adapter   $adapter   WP Mail SMTP adapter.
	 * @param Diagnosis $diagnosis The diagnosis.
	 * @param Check_Log $checks    Last check.
	 * @param Watch_Log $log       The daily check's memory.
	 */
	public function __construct( Adapter $adapter, Diagnosis $diagnosis, Check_Log $checks, Watch_Log $log ) {
		$this->adapter   = $adapter;
		$this->diagnosis = $diagnosis;
		$this->checks    = $checks;
		$this->log       = $log;
	}

	/**
	 * Schedules the daily event on the current site unless it is there.
	 *
	 * @return bool Whether an event is scheduled afterwards.
	 */
	public static function schedule(): bool {
		if ( false !== wp_next_scheduled( self::HOOK ) ) {
			return true;
		}
		return true === wp_schedule_event( time() + self::FIRST_RUN_DELAY, 'daily', self::HOOK );
	}

	/**
	 * Removes every event of the hook (daily and retries) from the current site.
	 *
	 * @return void
	 */
	public static function unschedule(): void {
		wp_unschedule_hook( self::HOOK );
	}

	/**
	 * The WP-Cron callback: checks the token in use and keeps the result.
	 *
	 * @return string How it ended: `good` | `bad` | `inconclusive` | `throttled` | `skipped`.
	 */
	public function run(): string {
		if ( ! $this->adapter->is_loaded() || ! $this->adapter->is_mailersend() ) {
			$this->log->ran( 'skipped' );
			return 'skipped';
		}
		$token = $this->adapter->current_token();
		if ( $token->is_empty() ) {
			$this->log->ran( 'skipped' );
			return 'skipped';
		}

		// Not deep: the quota endpoint only, which costs nothing of the daily quota.
		$verdict = $this->diagnosis->check_token( $token, $this->adapter->from_email(), false, Deadline::start( 'daily_check' ) );
		if ( $verdict instanceof WP_Error ) {
			// The per-site throttle said no (someone is busy re-checking): try again soon after.
			$data = $verdict->get_error_data();
			$wait = is_array( $data ) && isset( $data['retry_after'] ) && is_numeric( $data['retry_after'] ) ? (int) $data['retry_after'] : 60;
			wp_schedule_single_event( time() + max( 1, $wait ) + 5, self::HOOK, array( self::RETRY ) );
			$this->log->ran( 'throttled' );
			return 'throttled';
		}

		$this->checks->record( $verdict, $token );

		$previous = $this->log->conclusive();
		$status   = Watch_Status::status_of( $verdict );
		if ( null !== $status ) {
			$this->log->remember( $status, $verdict, $token );
		}
		$this->log->ran( null !== $status ? $status : 'inconclusive' );

		if ( 'bad' === $status && null !== $previous && 'good' === $previous['status'] ) {
			/**
			 * Fires when the daily check finds that the MailerSend token WP Mail SMTP uses stopped
			 * working: the previous conclusive check was good, this one is bad (unauthenticated,
			 * missing_permission, account_blocked, …). Inconclusive answers in between (MailerSend
			 * unreachable, rate limited) do not count as a change. Fires once per change, per site.
			 *
			 * Verdict arrays are shaped as in docs/architecture.md: id, severity, title,
			 * explanation, steps, evidence (the token appears masked only).
			 *
			 * @since 0.1.0
			 *
			 * @param array<string, mixed> $verdict          The new (bad) verdict.
			 * @param array<string, mixed> $previous_verdict The previous (good) verdict.
			 */
			do_action( 'fix_mailersend_token_status_changed', $verdict->to_array(), $previous['verdict']->to_array() );
		}

		return null !== $status ? $status : 'inconclusive';
	}
}
