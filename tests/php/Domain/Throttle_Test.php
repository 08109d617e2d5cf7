<?php
/**
 * Throttle.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Domain;

use FixMailerSend\Diagnosis\Diagnosis;
use FixMailerSend\MailerSend\Client;
use FixMailerSend\Support\Deadline;
use FixMailerSend\Support\Lock;
use FixMailerSend\Support\Throttle;
use FixMailerSend\Support\Token;

// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.RestrictedClasses -- the tests play other requests: another connection, another request's write.

/**
 * The per-site limits on calls to MailerSend.
 */
final class Throttle_Test extends Domain_Test_Case {

	public function test_defaults(): void {
		$throttle = new Throttle();
		$this->assertSame(
			array(
				'limit'  => 10,
				'window' => 60,
			),
			$throttle->limits( Throttle::BUCKET_CHECK )
		);
		$this->assertSame(
			array(
				'limit'  => 10,
				'window' => 86400,
			),
			$throttle->limits( Throttle::BUCKET_PROBE )
		);
		$this->assertSame(
			array(
				'limit'  => 10,
				'window' => 3600,
			),
			$throttle->limits( Throttle::BUCKET_SEND )
		);
	}

	public function test_the_eleventh_check_in_a_minute_waits(): void {
		$now      = 1000000;
		$throttle = new Throttle(
			static function () use ( &$now ): int {
				return $now;
			}
		);
		for ( $i = 0; $i < 10; $i++ ) {
			$this->assertSame( 0, $throttle->acquire( Throttle::BUCKET_CHECK ) );
			$now += 2;
		}
		$this->assertSame( 0, $throttle->remaining( Throttle::BUCKET_CHECK ) );
		// The first slot was taken at 1000000 and frees at 1000060; it is now 1000020.
		$this->assertSame( 40, $throttle->acquire( Throttle::BUCKET_CHECK ) );
		$this->assertSame( 0, $throttle->acquire( Throttle::BUCKET_PROBE ), 'Buckets are separate.' );

		$now = 1000061;
		$this->assertSame( 0, $throttle->acquire( Throttle::BUCKET_CHECK ) );
	}

	public function test_a_slot_stamped_a_little_later_elsewhere_is_kept(): void {
		$now = 1000000;
		// Another server's clock is 5 s ahead (or another request took its slot a moment after
		// this one read the time): its stamp is later than this request's "now".
		$ahead = new Throttle(
			static function () use ( &$now ): int {
				return $now + 5;
			}
		);
		$here  = new Throttle(
			static function () use ( &$now ): int {
				return $now;
			}
		);
		$this->assertSame( 0, $ahead->acquire( Throttle::BUCKET_CHECK ) );
		$this->assertSame( 0, $here->acquire( Throttle::BUCKET_CHECK ) );

		$this->assertSame( Throttle::CHECK_LIMIT - 2, $ahead->remaining( Throttle::BUCKET_CHECK ), 'both slots are stored' );
		$this->assertSame( Throttle::CHECK_LIMIT - 2, $here->remaining( Throttle::BUCKET_CHECK ), 'and both count' );
	}

	public function test_a_slot_is_not_taken_while_another_request_holds_the_lock(): void {
		$throttle = new Throttle( null, 1 );
		$before   = $throttle->remaining( Throttle::BUCKET_PROBE );
		$other    = self::other_connection();
		// Another request holds the lock right now, however long it has held it.
		$this->assertSame( '1', (string) $other->query( "SELECT GET_LOCK( '" . $other->real_escape_string( Lock::name( Throttle::LOCK ) ) . "', 0 )" )->fetch_row()[0] );

		try {
			$this->assertSame( 1, $throttle->acquire( Throttle::BUCKET_PROBE ), 'try again in a second' );
			$this->assertSame( $before, $throttle->remaining( Throttle::BUCKET_PROBE ), 'no slot taken' );
		} finally {
			$other->close();
		}
	}

	public function test_the_lock_of_a_request_that_died_is_freed_by_the_server(): void {
		$other = self::other_connection();
		$this->assertSame( '1', (string) $other->query( "SELECT GET_LOCK( '" . $other->real_escape_string( Lock::name( Throttle::LOCK ) ) . "', 0 )" )->fetch_row()[0] );
		// The request dies: its connection closes without releasing anything.
		$other->close();

		// The server frees the lock as soon as it sees the connection gone (a moment later).
		$throttle = new Throttle( null, 2 );
		$this->assertSame( 0, $throttle->acquire( Throttle::BUCKET_CHECK ) );
		$this->assertSame( Throttle::CHECK_LIMIT - 1, $throttle->remaining( Throttle::BUCKET_CHECK ) );
	}

	public function test_the_lock_name_is_this_sites_and_fits_the_server(): void {
		global $wpdb;
		$name = Lock::name( Throttle::LOCK );
		$this->assertLessThanOrEqual( 64, strlen( $name ) );
		$this->assertSame( $name, Lock::name( Throttle::LOCK ), 'stable' );
		$this->assertNotSame( $name, Lock::name( 'token' ), 'one name per purpose' );

		$options       = $wpdb->options;
		$wpdb->options = 'other_' . $options; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- another prefix or site of the same server.
		try {
			$this->assertNotSame( $name, Lock::name( Throttle::LOCK ), 'another site or table prefix has its own lock' );
		} finally {
			$wpdb->options = $options; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited
		}
	}

	public function test_slots_are_counted_from_the_database_not_from_the_request_cache(): void {
		global $wpdb;
		$throttle = new Throttle();
		// This request takes a slot and looks at the bucket (as a deep check did before its quota call)…
		$this->assertSame( 0, $throttle->acquire( Throttle::BUCKET_PROBE ) );
		$this->assertSame( Throttle::PROBE_LIMIT - 1, $throttle->remaining( Throttle::BUCKET_PROBE ) );

		// …while other requests take every other slot, straight in the database.
		$stamps = implode( ',', array_fill( 0, Throttle::PROBE_LIMIT, time() ) );
		$wpdb->update( $wpdb->options, array( 'option_value' => $stamps ), array( 'option_name' => Throttle::OPTION_PREFIX . Throttle::BUCKET_PROBE ) );

		$this->assertSame( 0, $throttle->remaining( Throttle::BUCKET_PROBE ) );
		$this->assertGreaterThan( 0, $throttle->acquire( Throttle::BUCKET_PROBE ), 'no eleventh probe' );
	}

	public function test_a_deep_check_takes_both_slots_or_none(): void {
		$throttle = new Throttle();
		for ( $i = 0; $i < Throttle::PROBE_LIMIT; $i++ ) {
			$throttle->acquire( Throttle::BUCKET_PROBE );
		}
		$result = ( new Diagnosis( new Client(), $throttle ) )->check_token( Token::from( $this->token( 'valid_full' ) ), self::FROM, true );

		$this->assertInstanceOf( \WP_Error::class, $result );
		$this->assertSame( Throttle::CHECK_LIMIT, $throttle->remaining( Throttle::BUCKET_CHECK ), 'the check slot is not taken either' );
	}

	public function test_a_deep_check_that_sends_no_probe_gives_its_probe_slot_back(): void {
		$throttle  = new Throttle();
		$diagnosis = new Diagnosis( new Client(), $throttle );

		$verdict = $diagnosis->check_token( Token::from( $this->token( 'expired' ) ), self::FROM, true );
		$this->assertInstanceOf( \FixMailerSend\Diagnosis\Verdict::class, $verdict );
		$this->assertSame( 'unauthenticated', $verdict->id() );
		$this->assertSame( 0, $this->probes_sent() );
		$this->assertSame( Throttle::PROBE_LIMIT, $throttle->remaining( Throttle::BUCKET_PROBE ), 'no probe, no slot' );
		$this->assertSame( Throttle::CHECK_LIMIT - 1, $throttle->remaining( Throttle::BUCKET_CHECK ), 'the quota call was made' );

		$verdict = $diagnosis->check_token( Token::from( $this->token( 'valid_full' ) ), self::FROM, true );
		$this->assertInstanceOf( \FixMailerSend\Diagnosis\Verdict::class, $verdict );
		$this->assertSame( 1, $this->probes_sent() );
		$this->assertSame( Throttle::PROBE_LIMIT - 1, $throttle->remaining( Throttle::BUCKET_PROBE ), 'one probe, one slot' );
	}

	public function test_a_probe_the_deadline_leaves_no_time_for_costs_no_slot(): void {
		$throttle = new Throttle();
		// The quota call answers after 1.5 s of a 3 s budget: too little is left for the probe.
		$this->standin(
			'POST',
			'/__standin/fault',
			array(
				'fault'    => 'slow',
				'times'    => 1,
				'delay_ms' => 1500,
			)
		);
		$verdict = ( new Diagnosis( new Client(), $throttle ) )->check_token( Token::from( $this->token( 'valid_full' ) ), self::FROM, true, new Deadline( 3.0 ) );

		$this->assertInstanceOf( \FixMailerSend\Diagnosis\Verdict::class, $verdict );
		$this->assertSame( 0, $this->probes_sent() );
		$this->assertSame( Throttle::PROBE_LIMIT, $throttle->remaining( Throttle::BUCKET_PROBE ), 'no probe, no slot' );
	}

	/**
	 * How many `POST /v1/email` probes reached the MailerSend stand-in.
	 *
	 * @return int
	 */
	private function probes_sent(): int {
		return count( $this->standin_requests_to( '/v1/email' ) );
	}

	/**
	 * A second connection to the site's database: another request.
	 *
	 * @return \mysqli
	 */
	private static function other_connection(): \mysqli {
		$host = explode( ':', DB_HOST );
		$db   = new \mysqli( $host[0], DB_USER, DB_PASSWORD, DB_NAME, isset( $host[1] ) && is_numeric( $host[1] ) ? (int) $host[1] : 3306, isset( $host[1] ) && ! is_numeric( $host[1] ) ? $host[1] : null );
		return $db;
	}

	public function test_limits_are_filterable(): void {
		$filter = static function ( array $limits ): array {
			$limits[ Throttle::BUCKET_CHECK ] = array(
				'limit'  => 1,
				'window' => 30,
			);
			return $limits;
		};
		add_filter( 'fix_mailersend_throttle_limits', $filter );
		try {
			$throttle = new Throttle();
			$this->assertSame( 0, $throttle->acquire( Throttle::BUCKET_CHECK ) );
			$wait = $throttle->acquire( Throttle::BUCKET_CHECK );
			$this->assertGreaterThan( 0, $wait );
			$this->assertLessThanOrEqual( 30, $wait );
		} finally {
			remove_filter( 'fix_mailersend_throttle_limits', $filter );
		}
	}

	public function test_a_throttled_check_sends_nothing_and_says_when_to_retry(): void {
		$throttle = new Throttle();
		for ( $i = 0; $i < Throttle::CHECK_LIMIT; $i++ ) {
			$throttle->acquire( Throttle::BUCKET_CHECK );
		}
		$result = ( new Diagnosis( new Client(), $throttle ) )->check_token( Token::from( $this->token( 'valid_full' ) ) );

		$this->assertInstanceOf( \WP_Error::class, $result );
		$this->assertSame( 'fix_mailersend_throttled', $result->get_error_code() );
		$data = $result->get_error_data();
		$this->assertIsArray( $data );
		$this->assertSame( 429, $data['status'] );
		$this->assertGreaterThan( 0, $data['retry_after'] );
		$this->assertSame( array(), $this->standin_requests() );
	}

	public function test_the_deep_probe_has_a_daily_budget(): void {
		$throttle = new Throttle();
		for ( $i = 0; $i < Throttle::PROBE_LIMIT; $i++ ) {
			$throttle->acquire( Throttle::BUCKET_PROBE );
		}
		$diagnosis = new Diagnosis( new Client(), $throttle );
		$result    = $diagnosis->check_token( Token::from( $this->token( 'valid_full' ) ), self::FROM, true );
		$this->assertInstanceOf( \WP_Error::class, $result );
		$data = $result->get_error_data();
		$this->assertIsArray( $data );
		$this->assertSame( Throttle::BUCKET_PROBE, $data['bucket'] );
		$this->assertSame( array(), $this->standin_requests(), 'Nothing is sent when the probe budget is spent.' );

		// The plain check still works.
		$verdict = $diagnosis->check_token( Token::from( $this->token( 'valid_full' ) ), self::FROM, false );
		$this->assertInstanceOf( \FixMailerSend\Diagnosis\Verdict::class, $verdict );
		$this->assertSame( 'valid', $verdict->id() );
	}

	public function test_local_problems_use_no_slot(): void {
		$throttle  = new Throttle();
		$diagnosis = new Diagnosis( new Client(), $throttle );
		for ( $i = 0; $i < 20; $i++ ) {
			$diagnosis->check_token( Token::from( 'mlsn.short' ) );
		}
		$this->assertSame( Throttle::CHECK_LIMIT, $throttle->remaining( Throttle::BUCKET_CHECK ) );
	}
}
