<?php
/**
 * The audit trail under parallel saves: one entry per save, and each entry's `before` is the
 * previous entry's `after`.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Reliability;

use FixMailerSend\Storage\Audit_Trail;
use FixMailerSend\Support\Mask;

require_once __DIR__ . '/Reliability_Test_Case.php';

final class AuditChainTest extends Reliability_Test_Case {

	public function test_parallel_saves_leave_a_complete_unbroken_chain(): void {
		// Saves, not the throttle, are under test: every save may check its token.
		$this->local_config(
			"\$GLOBALS['wp_filter']['fix_mailersend_throttle_limits'][10][] = array(\n"
			. "\t'function'      => static function () { return array( 'check' => array( 'limit' => 1000, 'window' => 3600 ), 'probe' => array( 'limit' => 1000, 'window' => 3600 ), 'send' => array( 'limit' => 10, 'window' => 3600 ) ); },\n"
			. "\t'accepted_args' => 1,\n"
			. ");\n"
		);
		$first = $this->use_token( 'expired' );

		$names    = array( 'rotation_a', 'rotation_b', 'rotation_c' );
		$requests = array();
		for ( $i = 0; $i < 40; $i++ ) {
			$requests[] = array(
				'method' => 'PUT',
				'route'  => '/token',
				'body'   => array( 'token' => $this->token( $names[ $i % 3 ] ) ),
			);
		}
		$results = $this->parallel( $requests );

		$saved = array();
		foreach ( $results as $index => $result ) {
			$this->assertSame( 200, $result['status'], "Save $index: " . wp_json_encode( $result['body'] ) );
			$this->assertTrue( $result['body']['saved'] );
			$this->assertSame( array(), $result['body']['not_recorded'] );
			$masked           = Mask::token( $this->token( $names[ $index % 3 ] ) );
			$saved[ $masked ] = ( $saved[ $masked ] ?? 0 ) + 1;
		}

		$entries = $this->fresh_option( Audit_Trail::OPTION );
		$this->assertIsArray( $entries );
		$this->assertCount( 40, $entries, 'One entry per save.' );

		$recorded = array_count_values( array_column( $entries, 'after' ) );
		ksort( $saved );
		ksort( $recorded );
		$this->assertSame( $saved, $recorded, 'Each save is there, with its own token.' );

		$this->assertSame( Mask::token( $first ), $entries[0]['before'], 'The first entry starts from the token saved before.' );
		$breaks = array();
		$count  = count( $entries );
		for ( $i = 1; $i < $count; $i++ ) {
			if ( $entries[ $i ]['before'] !== $entries[ $i - 1 ]['after'] ) {
				$breaks[] = $i;
			}
		}
		$this->assertSame( array(), $breaks, 'Each entry\'s "before" is the previous entry\'s "after".' );

		$last = end( $entries );
		$this->assertSame( $last['after'], Mask::token( (string) $this->wpms_option()['mailersend']['api_key'] ), 'The last entry names the token WP Mail SMTP now has.' );
	}
}
