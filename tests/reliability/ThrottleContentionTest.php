<?php
/**
 * The per-site throttle under real contention: many PHP processes and parallel HTTP requests
 * on 16 workers take exactly the free slots, and no more MailerSend calls go out than the
 * limits allow.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Reliability;

use FixMailerSend\Support\Throttle;

require_once __DIR__ . '/Reliability_Test_Case.php';

final class ThrottleContentionTest extends Reliability_Test_Case {

	/**
	 * A `check` limit no test here reaches, for the tests about the other buckets or the
	 * stored stamps themselves.
	 */
	const HIGH_LIMIT = 100000;

	/**
	 * PHP source for wp-config-local.php, read by every HTTP worker before WordPress loads
	 * (so the filter is handed over as a pre-initialised hook): raises one bucket's limit.
	 *
	 * @param string $bucket Bucket.
	 * @param int    $limit  Its limit (window: an hour).
	 * @return string
	 */
	private static function raise_limit_php( string $bucket, int $limit ): string {
		return "\$GLOBALS['wp_filter']['fix_mailersend_throttle_limits'][10][] = array(\n"
			. "\t'function'      => static function ( \$limits ) { \$limits[" . var_export( $bucket, true ) . "] = array( 'limit' => $limit, 'window' => 3600 ); return \$limits; },\n" // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_var_export -- writes PHP source.
			. "\t'accepted_args' => 1,\n"
			. ");\n";
	}

	/**
	 * Raises one bucket's limit in this process too (for remaining()).
	 *
	 * @param string $bucket Bucket.
	 * @param int    $limit  Its limit.
	 * @return callable The filter, to remove.
	 */
	private static function raise_limit_here( string $bucket, int $limit ): callable {
		$filter = static function ( $limits ) use ( $bucket, $limit ) {
			$limits[ $bucket ] = array(
				'limit'  => $limit,
				'window' => 3600,
			);
			return $limits;
		};
		add_filter( 'fix_mailersend_throttle_limits', $filter );
		return $filter;
	}

	public function test_every_slot_taken_by_12_processes_at_once_is_stored(): void {
		$processes    = 12;
		$acquisitions = 150;
		$results      = $this->php_processes(
			"add_filter( 'fix_mailersend_throttle_limits', static function ( \$limits ) { \$limits['check'] = array( 'limit' => " . self::HIGH_LIMIT . ", 'window' => 3600 ); return \$limits; } );"
			. '$throttle = new \FixMailerSend\Support\Throttle(); $taken = 0;'
			. "for ( \$i = 0; \$i < $acquisitions; \$i++ ) { if ( 0 === \$throttle->acquire( 'check' ) ) { ++\$taken; } }"
			. 'echo $taken;',
			$processes
		);

		$taken = 0;
		foreach ( $results as $index => $result ) {
			$this->assertSame( 0, $result['exit'], "Process $index: " . $result['stderr'] );
			$this->assertSame( '', $result['stderr'], "Process $index" );
			$taken += (int) $result['stdout'];
		}

		$filter = self::raise_limit_here( Throttle::BUCKET_CHECK, self::HIGH_LIMIT );
		try {
			$stored = self::HIGH_LIMIT - ( new Throttle() )->remaining( Throttle::BUCKET_CHECK );
		} finally {
			remove_filter( 'fix_mailersend_throttle_limits', $filter );
		}
		$this->assertSame( $taken, $stored, 'Every slot a process was given is stored: none lost, none extra.' );
		$this->assertSame( $processes * $acquisitions, $taken, 'No process was refused a free slot.' );
	}

	public function test_12_processes_at_once_take_exactly_the_free_slots(): void {
		$results = $this->php_processes(
			'$throttle = new \FixMailerSend\Support\Throttle(); $taken = 0;'
			. 'for ( $i = 0; $i < 30; $i++ ) { if ( 0 === $throttle->acquire( "send" ) ) { ++$taken; } }'
			. 'echo $taken;',
			12
		);

		$taken = 0;
		foreach ( $results as $index => $result ) {
			$this->assertSame( 0, $result['exit'], "Process $index: " . $result['stderr'] );
			$taken += (int) $result['stdout'];
		}
		$this->assertSame( Throttle::SEND_LIMIT, $taken, 'Exactly the limit, among 360 attempts.' );
		$this->assertSame( 0, ( new Throttle() )->remaining( Throttle::BUCKET_SEND ) );
	}

	public function test_64_parallel_checks_on_16_workers_send_exactly_the_limit(): void {
		$this->use_token( 'valid_full' );

		$results = $this->parallel(
			array_fill(
				0,
				64,
				array(
					'method' => 'POST',
					'route'  => '/token/check',
				)
			)
		);

		$statuses = array_count_values( array_column( $results, 'status' ) );
		ksort( $statuses );
		$this->assertSame(
			array(
				200 => Throttle::CHECK_LIMIT,
				429 => 64 - Throttle::CHECK_LIMIT,
			),
			$statuses
		);
		foreach ( $results as $result ) {
			if ( 429 === $result['status'] ) {
				$this->assertSame( 'fix_mailersend_throttled', $result['body']['code'] ?? null );
			}
		}
		$this->assertCount( Throttle::CHECK_LIMIT, $this->standin_requests_to( '/v1/api-quota' ), 'At most the limit reached MailerSend.' );
		$this->assertSame( 0, ( new Throttle() )->remaining( Throttle::BUCKET_CHECK ) );
	}

	public function test_parallel_deep_checks_never_send_more_probes_than_the_daily_limit(): void {
		// Checks are not the limit here: probes are.
		$this->local_config( self::raise_limit_php( Throttle::BUCKET_CHECK, self::HIGH_LIMIT ) );
		$deep = array(
			'method' => 'POST',
			'route'  => '/token/check',
			'body'   => array(
				'token' => $this->token( 'valid_full' ),
				'deep'  => true,
			),
		);

		$deep_checked = 0;
		for ( $round = 1; $round <= 2; $round++ ) {
			foreach ( $this->parallel( array_fill( 0, 12, $deep ) ) as $index => $result ) {
				if ( 200 === $result['status'] ) {
					$this->assertTrue( $result['body']['verdict']['evidence']['deep_checked'] ?? null, "Round $round, check $index" );
					++$deep_checked;
					continue;
				}
				$this->assertSame( 429, $result['status'], "Round $round, check $index: " . wp_json_encode( $result['body'] ) );
				$this->assertSame( Throttle::BUCKET_PROBE, $result['body']['data']['bucket'] ?? null );
			}
		}

		$this->assertCount( Throttle::PROBE_LIMIT, $this->standin_requests_to( '/v1/email' ), 'Quota-costing probes sent in the day: exactly the limit, never more.' );
		$this->assertSame( Throttle::PROBE_LIMIT, $deep_checked );
		$this->assertSame( 0, ( new Throttle() )->remaining( Throttle::BUCKET_PROBE ), 'The bucket agrees with what was sent.' );
		$this->assertCount( Throttle::PROBE_LIMIT, $this->standin_requests_to( '/v1/api-quota' ), 'A deep check the probe budget cannot serve sends nothing at all.' );
	}
}
