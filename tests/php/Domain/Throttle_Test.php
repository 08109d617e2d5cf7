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
use FixMailerSend\Support\Throttle;

// phpcs:disable WordPress.DB.DirectDatabaseQuery -- the tests play another request holding the lock row.

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

	public function test_a_slot_is_not_taken_while_another_request_is_taking_one(): void {
		global $wpdb;
		$throttle = new Throttle();
		$before   = $throttle->remaining( Throttle::BUCKET_PROBE );
		// Another request holds the lock right now.
		$wpdb->insert(
			$wpdb->options,
			array(
				'option_name'  => Throttle::LOCK_PREFIX . Throttle::BUCKET_PROBE,
				'option_value' => (string) time(),
				'autoload'     => 'off',
			)
		);

		$this->assertSame( 1, $throttle->acquire( Throttle::BUCKET_PROBE ), 'try again in a second' );
		$this->assertSame( $before, $throttle->remaining( Throttle::BUCKET_PROBE ), 'no slot taken' );
	}

	public function test_a_lock_left_by_a_dead_request_is_taken_over(): void {
		global $wpdb;
		$throttle = new Throttle();
		$wpdb->insert(
			$wpdb->options,
			array(
				'option_name'  => Throttle::LOCK_PREFIX . Throttle::BUCKET_CHECK,
				'option_value' => (string) ( time() - Throttle::LOCK_TIMEOUT - 5 ),
				'autoload'     => 'off',
			)
		);

		$this->assertSame( 0, $throttle->acquire( Throttle::BUCKET_CHECK ) );
		$this->assertNull(
			$wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", Throttle::LOCK_PREFIX . Throttle::BUCKET_CHECK ) ),
			'the lock is released after the slot is taken'
		);
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
		$result = ( new Diagnosis( new Client(), $throttle ) )->check_token( $this->token( 'valid_full' ) );

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
		$result    = $diagnosis->check_token( $this->token( 'valid_full' ), self::FROM, true );
		$this->assertInstanceOf( \WP_Error::class, $result );
		$data = $result->get_error_data();
		$this->assertIsArray( $data );
		$this->assertSame( Throttle::BUCKET_PROBE, $data['bucket'] );
		$this->assertSame( array(), $this->standin_requests(), 'Nothing is sent when the probe budget is spent.' );

		// The plain check still works.
		$verdict = $diagnosis->check_token( $this->token( 'valid_full' ), self::FROM, false );
		$this->assertInstanceOf( \FixMailerSend\Diagnosis\Verdict::class, $verdict );
		$this->assertSame( 'valid', $verdict->id() );
	}

	public function test_local_problems_use_no_slot(): void {
		$throttle  = new Throttle();
		$diagnosis = new Diagnosis( new Client(), $throttle );
		for ( $i = 0; $i < 20; $i++ ) {
			$diagnosis->check_token( 'mlsn.short' );
		}
		$this->assertSame( Throttle::CHECK_LIMIT, $throttle->remaining( Throttle::BUCKET_CHECK ) );
	}
}
