<?php
/**
 * The reliability layer's own premise: requests to the site really run at once, and the
 * MailerSend stand-in really answers late when told to. Without both, the other tests here
 * would prove nothing about contention or slow networks.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Reliability;

require_once __DIR__ . '/Reliability_Test_Case.php';

final class HarnessTest extends Reliability_Test_Case {

	public function test_parallel_checks_reach_mailersend_before_the_first_answer(): void {
		$this->use_token( 'valid_full' );
		$this->slow_standin( 4000 );

		$results = $this->parallel(
			array_fill(
				0,
				8,
				array(
					'method' => 'POST',
					'route'  => '/token/check',
				)
			)
		);

		foreach ( $results as $index => $result ) {
			$this->assertSame( 200, $result['status'], "Check $index: " . wp_json_encode( $result['body'] ) );
			$this->assertSame( 'valid', $result['body']['verdict']['id'] ?? null, "Check $index" );
		}

		$arrivals = array_map(
			static function ( array $request ): float {
				return (float) strtotime( (string) $request['at'] ) + (float) ( '0.' . substr( (string) $request['at'], 20, 3 ) );
			},
			$this->standin_requests_to( '/v1/api-quota' )
		);
		$this->assertCount( 8, $arrivals, 'One quota call per check.' );
		$first  = min( $arrivals );
		$within = count(
			array_filter(
				$arrivals,
				static function ( float $arrival ) use ( $first ): bool {
					return $arrival - $first < 4.0;
				}
			)
		);
		// One worker would let one check through per answer; php -S's default four, four.
		$this->assertGreaterThan( 4, $within, 'More checks reached MailerSend while the first one still waited for its answer than four workers could take: the site served them at once.' );
	}

	public function test_child_processes_load_the_same_site(): void {
		$results = $this->php_processes( 'echo get_option( "siteurl" ), "|", defined( "FIX_MAILERSEND_STANDIN_URL" ) ? "routed" : "unrouted";', 3 );

		foreach ( $results as $result ) {
			$this->assertSame( 0, $result['exit'], $result['stderr'] );
			$this->assertSame( getenv( 'FMS_SITE_URL' ) . '|routed', $result['stdout'] );
		}
	}
}
