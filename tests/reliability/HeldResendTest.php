<?php
/**
 * Resending held emails under real concurrency: many processes and parallel requests on 16
 * workers claim the queue at once, and every email reaches MailerSend exactly once; a MailerSend
 * that never answers costs one email and one deadline, never a request longer than it.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Reliability;

use FixMailerSend\Recovery\Held_Store;

require_once __DIR__ . '/Reliability_Test_Case.php';

final class HeldResendTest extends Reliability_Test_Case {

	/**
	 * The store.
	 *
	 * @var Held_Store
	 */
	private $store;

	protected function setUp(): void {
		parent::setUp();
		$this->store = new Held_Store();
		$this->store->maybe_install();
		$this->store->delete_all();
	}

	protected function tearDown(): void {
		$this->store->delete_all();
		parent::tearDown();
	}

	/**
	 * Holds and queues $count emails with distinct subjects.
	 *
	 * @param int $count How many.
	 * @return array<int, string> id => subject.
	 */
	private function queue( int $count ): array {
		$emails = array();
		for ( $i = 1; $i <= $count; $i++ ) {
			$subject = "Order $i";
			$id      = $this->store->add(
				array(
					'verdict'    => 'unauthenticated',
					'recipients' => array( "customer$i@example.com" ),
					'subject'    => $subject,
					'sender'     => 'shop@example.com',
					'initiator'  => 'WooCommerce',
					'args'       => array(
						'to'      => array( "customer$i@example.com" ),
						'subject' => $subject,
						'message' => "Thanks for order $i.",
						'headers' => array(),
					),
				)
			);
			$this->assertIsInt( $id );
			$emails[ (int) $id ] = $subject;
		}
		$this->assertSame( $count, $this->store->queue( array_keys( $emails ) ) );
		return $emails;
	}

	/**
	 * How many times each subject reached MailerSend's sending endpoint.
	 *
	 * @return array<string, int>
	 */
	private function sends_per_subject(): array {
		$subjects = array();
		foreach ( $this->standin_requests_to( '/v1/email' ) as $request ) {
			$subject              = (string) ( $request['body']['subject'] ?? '' );
			$subjects[ $subject ] = ( $subjects[ $subject ] ?? 0 ) + 1;
		}
		ksort( $subjects );
		return $subjects;
	}

	public function test_two_processes_resending_the_same_email_send_it_once(): void {
		$this->use_token( 'valid_full' );
		$emails = $this->queue( 1 );

		$results = $this->php_processes(
			'$result = \FixMailerSend\Plugin::instance()->resender()->run( \FixMailerSend\Support\Deadline::start( "resend" ) );'
			. 'echo wp_json_encode( array_column( $result["sent"], "id" ) );',
			2
		);

		$sent = array();
		foreach ( $results as $index => $result ) {
			$this->assertSame( 0, $result['exit'], "Process $index: " . $result['stderr'] );
			$this->assertSame( '', $result['stderr'], "Process $index" );
			$sent = array_merge( $sent, (array) json_decode( $result['stdout'], true ) );
		}
		$this->assertSame( array_keys( $emails ), $sent, 'One of the two sent it, the other found nothing to claim.' );
		$this->assertSame( array( 'Order 1' => 1 ), $this->sends_per_subject(), 'MailerSend received it once.' );
		$this->assertSame( 'sent', $this->store->get( array_key_first( $emails ) )['status'] );
	}

	public function test_eight_processes_share_a_queue_and_each_email_goes_out_once(): void {
		$this->use_token( 'valid_full' );
		$emails = $this->queue( 40 );

		$results = $this->php_processes(
			'$sent = array(); do { $result = \FixMailerSend\Plugin::instance()->resender()->run( \FixMailerSend\Support\Deadline::start( "resend" ) );'
			. ' $sent = array_merge( $sent, array_column( $result["sent"], "id" ) ); } while ( $result["done"] > 0 );'
			. ' echo wp_json_encode( $sent );',
			8
		);

		$sent = array();
		foreach ( $results as $index => $result ) {
			$this->assertSame( 0, $result['exit'], "Process $index: " . $result['stderr'] );
			$sent = array_merge( $sent, (array) json_decode( $result['stdout'], true ) );
		}
		sort( $sent );
		$this->assertSame( array_keys( $emails ), $sent, 'Every email sent, none by two processes.' );
		$expected = array_fill_keys( array_values( $emails ), 1 );
		ksort( $expected );
		$this->assertSame( $expected, $this->sends_per_subject(), 'MailerSend received each once.' );
		$this->assertSame( 40, $this->store->counts()['sent'] );
	}

	public function test_parallel_requests_of_two_tabs_send_each_email_once(): void {
		$this->use_token( 'valid_full' );
		$emails = $this->queue( 12 );

		$next    = array(
			'method' => 'POST',
			'route'  => '/held/resend/next',
			'body'   => array(),
		);
		$results = $this->parallel( array_fill( 0, 6, $next ) );

		$sent = array();
		foreach ( $results as $index => $result ) {
			$this->assertSame( 200, $result['status'], "Request $index: " . wp_json_encode( $result['body'] ) );
			$sent = array_merge( $sent, array_column( $result['body']['sent'], 'id' ) );
		}
		sort( $sent );
		$this->assertSame( array_keys( $emails ), $sent );
		$expected = array_fill_keys( array_values( $emails ), 1 );
		ksort( $expected );
		$this->assertSame( $expected, $this->sends_per_subject() );
	}

	public function test_a_mailersend_that_never_answers_costs_one_email_and_one_deadline(): void {
		$this->local_config( "define( 'FMS_TEST_ACTION_DEADLINE', 6 );\n" );
		$this->use_token( 'valid_full' );
		$emails = $this->queue( 5 );
		$this->hang_standin();

		$result = $this->http( 'POST', '/held/resend/next' );

		$this->assertSame( 200, $result['status'], (string) wp_json_encode( $result['body'] ) );
		$this->assertLessThan( 6 + 2, $result['seconds'], 'Answered before its deadline (plus a margin).' );
		$this->assertSame( 'network_error', $result['body']['stopped']['id'] );
		$first = array_key_first( $emails );
		$this->assertSame(
			array(
				array(
					'id'      => $first,
					'verdict' => 'network_error',
					'title'   => 'MailerSend took too long to answer',
				),
			),
			$result['body']['failed']
		);
		$this->assertSame( 0, $result['body']['left'], 'The rest is held again.' );
		$this->assertCount( 1, $this->standin_requests_to( '/v1/email' ) );
		$this->assertSame( 'failed', $this->store->get( $first )['status'] );
		$this->assertSame( 4, $this->store->counts()['held'] );
	}
}
