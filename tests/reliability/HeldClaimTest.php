<?php
/**
 * Claiming a held email for sending is atomic: processes claiming at once never get the same
 * email, and together they get every queued one.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Reliability;

use FixMailerSend\Recovery\Held_Store;

final class HeldClaimTest extends Reliability_Test_Case {

	/**
	 * Emails queued.
	 */
	const EMAILS = 60;

	/**
	 * Processes claiming at once.
	 */
	const PROCESSES = 6;

	public function test_concurrent_claims_never_share_an_email(): void {
		$store = new Held_Store();
		$store->install();
		$store->delete_all();
		$ids = array();
		for ( $i = 0; $i < self::EMAILS; $i++ ) {
			$ids[] = (int) $store->add(
				array(
					'verdict'    => 'unauthenticated',
					'recipients' => array( "user$i@example.org" ),
					'subject'    => "Order $i",
					'args'       => array(
						'to'      => array( "user$i@example.org" ),
						'subject' => "Order $i",
						'message' => 'Body',
						'headers' => array(),
					),
				)
			);
		}
		try {
			$this->assertSame( self::EMAILS, $store->queue( $ids ) );

			// Each process claims until nothing is left, finishing each claim as a resend would.
			$code    = '$store = new FixMailerSend\Recovery\Held_Store(); $got = array();'
				. ' while ( null !== ( $email = $store->claim_next( $claim = bin2hex( random_bytes( 10 ) ) ) ) ) {'
				. ' $got[] = $email["id"]; usleep( 2000 ); $store->finish( $email["id"], $claim, "sent", "id" . $email["id"], null ); }'
				. ' echo wp_json_encode( $got );';
			$results = $this->php_processes( $code, self::PROCESSES );

			$claimed = array();
			$busy    = 0;
			foreach ( $results as $result ) {
				$this->assertSame( 0, $result['exit'], $result['stderr'] );
				$got = json_decode( $result['stdout'], true );
				$this->assertIsArray( $got, $result['stdout'] . $result['stderr'] );
				$claimed = array_merge( $claimed, $got );
				$busy   += $got ? 1 : 0;
			}
			$this->assertGreaterThan( 1, $busy, 'The processes claimed side by side.' );
			sort( $claimed );
			$this->assertSame( $ids, $claimed, 'Every queued email claimed exactly once.' );
			$counts = $store->counts();
			$this->assertSame( self::EMAILS, $counts['sent'] );
			$this->assertSame( 0, $counts['queued'] + $counts['sending'] );
		} finally {
			$store->delete( $ids );
		}
	}
}
