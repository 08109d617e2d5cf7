<?php
/**
 * Per-site limit on calls to MailerSend.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Support;

defined( 'ABSPATH' ) || exit;

/**
 * A sliding-window limit per bucket, so that a stuck button, a script or a loop cannot
 * burn the site's MailerSend quota or trip MailerSend's per-minute rate limit.
 *
 * Buckets and their default limits (filter `fix_mailersend_throttle_limits`):
 * - `check`: 10 token checks per 60 s (each check makes at most 1 + 5 free GET requests);
 * - `probe`: 10 deep probes per 24 h (each `POST /v1/email` probe counts against the daily quota);
 * - `send`:  10 test emails per hour (each counts against the daily quota).
 *
 * State lives in one transient per bucket, which is per site on multisite.
 */
class Throttle {

	/**
	 * Bucket for token checks (`GET /v1/api-quota` and the domain list).
	 */
	const BUCKET_CHECK = 'check';

	/**
	 * Bucket for the deep probe (`POST /v1/email` with no recipients).
	 */
	const BUCKET_PROBE = 'probe';

	/**
	 * Bucket for test emails sent through WP Mail SMTP.
	 */
	const BUCKET_SEND = 'send';

	/**
	 * Token checks allowed per window.
	 */
	const CHECK_LIMIT = 10;

	/**
	 * Window of the check bucket, in seconds.
	 */
	const CHECK_WINDOW = 60;

	/**
	 * Deep probes allowed per window.
	 */
	const PROBE_LIMIT = 10;

	/**
	 * Window of the probe bucket, in seconds (a day).
	 */
	const PROBE_WINDOW = 86400;

	/**
	 * Test emails allowed per window.
	 */
	const SEND_LIMIT = 10;

	/**
	 * Window of the send bucket, in seconds (an hour).
	 */
	const SEND_WINDOW = 3600;

	/**
	 * Transient name prefix.
	 */
	const TRANSIENT_PREFIX = 'fix_mailersend_throttle_';

	/**
	 * Option name prefix of the lock that makes taking a slot atomic across requests.
	 */
	const LOCK_PREFIX = 'fix_mailersend_throttle_lock_';

	/**
	 * A lock older than this (seconds) was left by a request that died holding it.
	 */
	const LOCK_TIMEOUT = 10;

	/**
	 * Clock returning the current Unix time.
	 *
	 * @var callable(): int
	 */
	private $clock;

	/**
	 * Creates a throttle.
	 *
	 * @param (callable(): int)|null $clock Current Unix time (for tests); defaults to time().
	 */
	public function __construct( ?callable $clock = null ) {
		$this->clock = null !== $clock ? $clock : 'time';
	}

	/**
	 * Takes one slot from a bucket.
	 *
	 * @param string $bucket One of the BUCKET_* constants (unknown buckets get the check limits).
	 * @return int 0 when the call may go ahead (the slot is taken), else the seconds to wait.
	 */
	public function acquire( string $bucket ): int {
		$limits = $this->limits( $bucket );
		if ( $limits['limit'] <= 0 ) {
			return max( 1, $limits['window'] );
		}

		// Two requests at once (a double click, a loop) must not both take the last slot.
		if ( ! $this->lock( $bucket ) ) {
			return 1;
		}
		try {
			$now   = (int) call_user_func( $this->clock );
			$stamp = $this->recent( $bucket, $now, $limits['window'] );

			if ( count( $stamp ) >= $limits['limit'] ) {
				sort( $stamp );
				$oldest = $stamp[ count( $stamp ) - $limits['limit'] ];
				return max( 1, $oldest + $limits['window'] - $now );
			}

			$stamp[] = $now;
			set_transient( self::TRANSIENT_PREFIX . $bucket, $stamp, $limits['window'] );
			return 0;
		} finally {
			$this->unlock( $bucket );
		}
	}

	/**
	 * Takes the bucket's lock: a row of the options table that only one request can insert
	 * (the object cache may be per request, so it cannot serve as a lock). Waits up to about
	 * a second for another request to finish.
	 *
	 * @param string $bucket Bucket.
	 * @return bool False when another request holds it.
	 */
	private function lock( string $bucket ): bool {
		global $wpdb;
		$name = self::LOCK_PREFIX . $bucket;
		for ( $try = 0; $try < 20; $try++ ) {
			// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- an atomic insert is the lock; the option API cannot say "only if absent" atomically.
			$taken = $wpdb->query( $wpdb->prepare( "INSERT IGNORE INTO {$wpdb->options} (option_name, option_value, autoload) VALUES (%s, %s, 'off')", $name, (string) time() ) );
			if ( 1 === $taken ) {
				return true;
			}
			// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- reads the lock row itself, never cached.
			$since = (int) $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", $name ) );
			if ( $since < time() - self::LOCK_TIMEOUT ) {
				// Left by a request that died holding it.
				$this->unlock( $bucket );
				continue;
			}
			usleep( 50000 );
		}
		return false;
	}

	/**
	 * Releases the bucket's lock.
	 *
	 * @param string $bucket Bucket.
	 * @return void
	 */
	private function unlock( string $bucket ): void {
		global $wpdb;
		$wpdb->delete( $wpdb->options, array( 'option_name' => self::LOCK_PREFIX . $bucket ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- the lock row.
	}

	/**
	 * Slots left in a bucket right now (without taking one).
	 *
	 * @param string $bucket Bucket.
	 * @return int
	 */
	public function remaining( string $bucket ): int {
		$limits = $this->limits( $bucket );
		$now    = (int) call_user_func( $this->clock );
		return max( 0, $limits['limit'] - count( $this->recent( $bucket, $now, $limits['window'] ) ) );
	}

	/**
	 * Empties one bucket, or all of them.
	 *
	 * @param string|null $bucket Bucket, or null for all.
	 * @return void
	 */
	public function reset( ?string $bucket = null ): void {
		$buckets = null === $bucket ? array_keys( self::default_limits() ) : array( $bucket );
		foreach ( $buckets as $name ) {
			delete_transient( self::TRANSIENT_PREFIX . $name );
		}
	}

	/**
	 * The limit and window of a bucket, after the `fix_mailersend_throttle_limits` filter.
	 *
	 * @param string $bucket Bucket.
	 * @return array{limit: int, window: int}
	 */
	public function limits( string $bucket ): array {
		$defaults = self::default_limits();

		/**
		 * Filters the per-site limits on calls to MailerSend.
		 *
		 * @param array<string, array{limit: int, window: int}> $limits Bucket => limit per window (seconds).
		 */
		$all = apply_filters( 'fix_mailersend_throttle_limits', $defaults );

		$limits = is_array( $all ) && isset( $all[ $bucket ] ) && is_array( $all[ $bucket ] ) ? $all[ $bucket ] : ( isset( $defaults[ $bucket ] ) ? $defaults[ $bucket ] : $defaults[ self::BUCKET_CHECK ] );

		return array(
			'limit'  => isset( $limits['limit'] ) && is_numeric( $limits['limit'] ) ? (int) $limits['limit'] : self::CHECK_LIMIT,
			'window' => isset( $limits['window'] ) && is_numeric( $limits['window'] ) ? max( 1, (int) $limits['window'] ) : self::CHECK_WINDOW,
		);
	}

	/**
	 * The default limits.
	 *
	 * @return array<string, array{limit: int, window: int}>
	 */
	public static function default_limits(): array {
		return array(
			self::BUCKET_CHECK => array(
				'limit'  => self::CHECK_LIMIT,
				'window' => self::CHECK_WINDOW,
			),
			self::BUCKET_PROBE => array(
				'limit'  => self::PROBE_LIMIT,
				'window' => self::PROBE_WINDOW,
			),
			self::BUCKET_SEND  => array(
				'limit'  => self::SEND_LIMIT,
				'window' => self::SEND_WINDOW,
			),
		);
	}

	/**
	 * Time stamps of the calls still inside the window.
	 *
	 * @param string $bucket Bucket.
	 * @param int    $now    Current time.
	 * @param int    $window Window in seconds.
	 * @return int[]
	 */
	private function recent( string $bucket, int $now, int $window ): array {
		$stored = get_transient( self::TRANSIENT_PREFIX . $bucket );
		if ( ! is_array( $stored ) ) {
			return array();
		}
		$recent = array();
		foreach ( $stored as $stamp ) {
			if ( is_int( $stamp ) && $stamp > $now - $window && $stamp <= $now ) {
				$recent[] = $stamp;
			}
		}
		return $recent;
	}
}
