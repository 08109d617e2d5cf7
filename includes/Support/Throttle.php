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
 * State: one non-autoloaded option per bucket (`fix_mailersend_throttle_<bucket>`, the time
 * stamps of the slots taken, comma-separated), per site on multisite. A slot is taken inside
 * the site's `throttle` Lock (a database named lock: see Support\Lock for why), reading and
 * writing the stamps straight from and to the database (Db_Option), never through the
 * request's object cache or a transient: N requests at once take exactly the free slots, no
 * more, and remaining() agrees with what was taken.
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
	 * Option name prefix: the option `fix_mailersend_throttle_<bucket>` holds a bucket's stamps.
	 */
	const OPTION_PREFIX = 'fix_mailersend_throttle_';

	/**
	 * The Lock (purpose) every bucket of the site shares, so several buckets are taken at once.
	 */
	const LOCK = 'throttle';

	/**
	 * Clock returning the current Unix time.
	 *
	 * @var callable(): int
	 */
	private $clock;

	/**
	 * Longest wait for the lock, in seconds.
	 *
	 * @var int
	 */
	private $lock_wait;

	/**
	 * Creates a throttle.
	 *
	 * @param (callable(): int)|null $clock     Current Unix time (for tests); defaults to time().
	 * @param int                    $lock_wait Longest wait for another request's lock, seconds.
	 */
	public function __construct( ?callable $clock = null, int $lock_wait = Lock::WAIT ) {
		$this->clock     = null !== $clock ? $clock : 'time';
		$this->lock_wait = $lock_wait;
	}

	/**
	 * Takes one slot from a bucket.
	 *
	 * @param string $bucket One of the BUCKET_* constants (unknown buckets get the check limits).
	 * @return int 0 when the call may go ahead (the slot is taken), else the seconds to wait.
	 */
	public function acquire( string $bucket ): int {
		return $this->acquire_all( array( $bucket ) )['wait'];
	}

	/**
	 * Takes one slot from each bucket, all or none, in one critical section (a deep check
	 * takes its `check` and `probe` slots together, before anything is sent).
	 *
	 * @param string[] $buckets Buckets (BUCKET_* constants).
	 * @return array{wait: int, bucket: string, at: int} `wait` 0: every slot is taken, with the
	 *         stamp `at` (for give_back()); else the seconds to wait and the bucket that refused
	 *         (nothing taken). A request that cannot get the lock within the lock wait
	 *         (Lock::WAIT seconds) is told to wait a second.
	 */
	public function acquire_all( array $buckets ): array {
		$now    = (int) call_user_func( $this->clock );
		$limits = array();
		foreach ( $buckets as $bucket ) {
			$limits[ $bucket ] = $this->limits( $bucket );
			if ( $limits[ $bucket ]['limit'] <= 0 ) {
				return self::refusal( $bucket, $limits[ $bucket ]['window'], $now );
			}
		}
		if ( ! $limits ) {
			return self::refusal( '', 0, $now );
		}

		if ( ! Lock::acquire( self::LOCK, $this->lock_wait ) ) {
			return self::refusal( (string) array_key_first( $limits ), 1, $now );
		}
		try {
			// The time once the lock is held: a request that waited for it past a second
			// must not stamp (nor judge) a time older than the stamps written meanwhile.
			return $this->take( $limits, (int) call_user_func( $this->clock ) );
		} finally {
			Lock::release( self::LOCK );
		}
	}

	/**
	 * The part of acquire_all() done holding the lock.
	 *
	 * @param array<string, array{limit: int, window: int}> $limits Bucket => its limits.
	 * @param int                                           $now    Current time.
	 * @return array{wait: int, bucket: string, at: int}
	 */
	private function take( array $limits, int $now ): array {
		$stamps = array();
		foreach ( $limits as $bucket => $limit ) {
			$stamps[ $bucket ] = $this->recent( $bucket, $now, $limit['window'] );
			if ( count( $stamps[ $bucket ] ) >= $limit['limit'] ) {
				sort( $stamps[ $bucket ] );
				$oldest = $stamps[ $bucket ][ count( $stamps[ $bucket ] ) - $limit['limit'] ];
				return self::refusal( $bucket, $oldest + $limit['window'] - $now, $now );
			}
		}
		foreach ( $stamps as $bucket => $taken ) {
			$taken[] = $now;
			if ( ! $this->store( $bucket, $taken ) ) {
				// A slot that could not be recorded is not given: the call would go uncounted.
				return self::refusal( $bucket, 1, $now );
			}
		}
		return array(
			'wait'   => 0,
			'bucket' => '',
			'at'     => $now,
		);
	}

	/**
	 * Gives back a slot taken for a call that was then not made (a deep check whose token
	 * MailerSend refused before the probe), so that the bucket counts the calls made.
	 *
	 * @param string $bucket Bucket.
	 * @param int    $at     The stamp acquire_all() returned.
	 * @return void
	 */
	public function give_back( string $bucket, int $at ): void {
		if ( ! Lock::acquire( self::LOCK, $this->lock_wait ) ) {
			return;
		}
		try {
			$limits = $this->limits( $bucket );
			$now    = (int) call_user_func( $this->clock );
			$stamps = $this->recent( $bucket, $now, $limits['window'] );
			$index  = array_search( $at, $stamps, true );
			if ( false !== $index ) {
				unset( $stamps[ $index ] );
				$this->store( $bucket, array_values( $stamps ) );
			}
		} finally {
			Lock::release( self::LOCK );
		}
	}

	/**
	 * A refusal of acquire_all().
	 *
	 * @param string $bucket The bucket that refused.
	 * @param int    $wait   Seconds to wait (at least 1).
	 * @param int    $now    Current time.
	 * @return array{wait: int, bucket: string, at: int}
	 */
	private static function refusal( string $bucket, int $wait, int $now ): array {
		return array(
			'wait'   => max( 1, $wait ),
			'bucket' => $bucket,
			'at'     => $now,
		);
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
			delete_option( self::OPTION_PREFIX . $name );
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
	 * Time stamps of the calls still inside the window, read from the database.
	 *
	 * @param string $bucket Bucket.
	 * @param int    $now    Current time.
	 * @param int    $window Window in seconds.
	 * @return int[]
	 */
	private function recent( string $bucket, int $now, int $window ): array {
		$stored = Db_Option::get( self::OPTION_PREFIX . $bucket, '' );
		$recent = array();
		foreach ( explode( ',', is_string( $stored ) ? $stored : '' ) as $stamp ) {
			// A stamp later than now (another server's clock a little ahead) still counts.
			if ( 1 === preg_match( '/^[0-9]+$/', $stamp ) && (int) $stamp > $now - $window ) {
				$recent[] = (int) $stamp;
			}
		}
		return $recent;
	}

	/**
	 * Writes a bucket's stamps (the ones still inside the window).
	 *
	 * @param string $bucket Bucket.
	 * @param int[]  $stamps Time stamps.
	 * @return bool False when the database refused the write.
	 */
	private function store( string $bucket, array $stamps ): bool {
		return Db_Option::set( self::OPTION_PREFIX . $bucket, implode( ',', $stamps ) );
	}
}
