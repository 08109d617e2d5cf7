<?php
/**
 * Resending held emails through the real wp_mail(), the WP Mail SMTP stand-in and the MailerSend
 * stand-in (POST /held/resend, then /held/resend/next, as the screen does).
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Recovery;

use FixMailerSend\Diagnosis\Diagnosis;
use FixMailerSend\MailerSend\Client;
use FixMailerSend\Plugin;
use FixMailerSend\Recovery\Resender;
use FixMailerSend\Support\Deadline;
use FixMailerSend\Support\Throttle;

final class ResenderTest extends Held_Test_Case {

	/**
	 * MailerSend's message ids seen by WordPress's HTTP API during the test (x-message-id).
	 *
	 * @var string[]
	 */
	private $message_ids = array();

	protected function setUp(): void {
		parent::setUp();
		$this->log_in_as( 'administrator' );
		add_action( 'http_api_debug', array( $this, 'note_message_id' ), 10, 5 );
	}

	protected function tearDown(): void {
		remove_action( 'http_api_debug', array( $this, 'note_message_id' ), 10 );
		parent::tearDown();
	}

	/**
	 * `http_api_debug`: keeps the x-message-id of MailerSend's 202s.
	 *
	 * @param mixed $response The response.
	 * @param mixed $context  Context.
	 * @param mixed $klass    Transport.
	 * @param mixed $args     Arguments.
	 * @param mixed $url      URL.
	 * @return void
	 */
	public function note_message_id( $response, $context = '', $klass = '', $args = array(), $url = '' ): void {
		unset( $context, $klass, $args );
		if ( is_array( $response ) && is_string( $url ) && 0 === strpos( $url, 'https://api.mailersend.com/v1/email' ) ) {
			$id = wp_remote_retrieve_header( $response, 'x-message-id' );
			if ( is_string( $id ) && '' !== $id ) {
				$this->message_ids[] = $id;
			}
		}
	}

	/**
	 * A whole email with this subject (in the list and in its wp_mail() arguments).
	 *
	 * @param string               $subject Subject.
	 * @param array<string, mixed> $args    wp_mail() arguments to change.
	 * @return array<string, mixed>
	 */
	private static function mail( string $subject, array $args = array() ): array {
		$email         = self::email( array( 'subject' => $subject ) );
		$email['args'] = array_merge( $email['args'], array( 'subject' => $subject ), $args );
		return $email;
	}

	/**
	 * Puts a stand-in token in WP Mail SMTP's settings.
	 *
	 * @param string $name Token name in tokens.json.
	 * @return void
	 */
	private function use_token( string $name ): void {
		$option                          = $this->wpms_option();
		$option['mail']['mailer']        = 'mailersend';
		$option['mailersend']['api_key'] = $this->token( $name );
		$this->set_wpms_option( $option );
	}

	/**
	 * The bodies of the sends that reached the MailerSend stand-in.
	 *
	 * @return array<int, array<string, mixed>>
	 */
	private function sends(): array {
		return array_map(
			static fn( array $request ): array => is_array( $request['body'] ?? null ) ? $request['body'] : array(),
			$this->standin_requests_to( '/v1/email' )
		);
	}

	/**
	 * POST /held/resend, then POST /held/resend/next until nothing is left or it stopped.
	 *
	 * @param int[] $ids Ids.
	 * @return array<int, array<string, mixed>> Every /next answer.
	 */
	private function resend( array $ids ): array {
		$queued = $this->rest( 'POST', '/held/resend', array( 'ids' => $ids ) );
		$this->assertSame( 200, $queued->get_status(), (string) wp_json_encode( $this->json( $queued ) ) );
		$answers = array();
		for ( $i = 0; $i < 20; $i++ ) {
			$response = $this->rest( 'POST', '/held/resend/next' );
			$this->assertSame( 200, $response->get_status() );
			$answer    = $this->json( $response );
			$answers[] = $answer;
			if ( 0 === $answer['left'] || null !== $answer['stopped'] ) {
				break;
			}
		}
		return $answers;
	}

	public function test_resent_emails_reach_mailersend_as_given_and_keep_its_message_id(): void {
		$this->use_token( 'valid_full' );
		$a = (int) $this->store->add(
			self::email(
				array(
					'args'  => array(
						'to'      => array( 'ann@example.org' ),
						'subject' => 'Your order',
						'message' => '<p>Thank you for your order.</p>',
						'headers' => array( 'Content-Type: text/html; charset=UTF-8', 'Cc: carl@example.org', 'Reply-To: help@example.com' ),
					),
					'files' => array(
						array(
							'name'    => 'invoice.pdf',
							'type'    => 'application/pdf',
							'content' => "%PDF-1.4\0binary\xff",
						),
						array(
							'name'    => 'invoice.pdf',
							'type'    => 'application/pdf',
							'content' => 'second',
						),
					),
				)
			)
		);
		$b = (int) $this->store->add( self::mail( 'Comment' ) );

		$answers = $this->resend( array( $a, $b ) );

		$last = end( $answers );
		$this->assertSame( 0, $last['left'] );
		$this->assertNull( $last['stopped'] );
		$sent = array_merge( ...array_column( $answers, 'sent' ) );
		$this->assertSame( array( $a, $b ), array_column( $sent, 'id' ) );
		$this->assertSame( array(), array_merge( ...array_column( $answers, 'failed' ) ) );

		// MailerSend's own message ids, as its answers carried them, are kept.
		$this->assertCount( 2, $this->message_ids );
		$this->assertSame( $this->message_ids, array_column( $sent, 'result_id' ) );
		$this->assertSame( 'sent', $this->store->get( $a )['status'] );
		$this->assertSame( $this->message_ids[0], $this->store->get( $a )['result_id'] );
		$this->assertNull( $this->store->get( $a )['args'], 'A sent email keeps no body.' );

		// What reached MailerSend: the original arguments, the attachments with their names.
		$sends = $this->sends();
		$this->assertCount( 2, $sends );
		$this->assertSame( 'Your order', $sends[0]['subject'] );
		$this->assertSame( 'ann@example.org', $sends[0]['to'][0]['email'] );
		$this->assertSame( 'carl@example.org', $sends[0]['cc'][0]['email'] );
		$this->assertSame( 'help@example.com', $sends[0]['reply_to']['email'] );
		$this->assertStringContainsString( '<p>Thank you for your order.</p>', $sends[0]['html'] );
		$this->assertSame( array( 'invoice.pdf', 'invoice (2).pdf' ), array_column( $sends[0]['attachments'], 'filename' ) );
		// phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_decode -- the attachment as MailerSend received it.
		$this->assertSame( "%PDF-1.4\0binary\xff", base64_decode( $sends[0]['attachments'][0]['content'], true ) );
		// phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_decode -- the attachment as MailerSend received it.
		$this->assertSame( 'second', base64_decode( $sends[0]['attachments'][1]['content'], true ) );
		$this->assertSame( 'Comment', $sends[1]['subject'] );

		// The temporary copies are gone.
		$this->assertSame( array(), glob( get_temp_dir() . 'fms-resend*' ) );

		$status = $this->json( $this->rest( 'GET', '/status' ) )['held'];
		$this->assertSame( 0, $status['waiting'] );
		$this->assertSame( 0, $status['queued'] );
	}

	public function test_the_run_stops_at_the_first_token_failure_and_holds_the_rest_again(): void {
		$this->use_token( 'expired' );
		$ids = array();
		foreach ( array( 'One', 'Two', 'Three' ) as $subject ) {
			$ids[] = (int) $this->store->add( self::mail( $subject ) );
		}

		$answers = $this->resend( $ids );

		$this->assertCount( 1, $answers, 'One batch: it stopped.' );
		$answer = $answers[0];
		$this->assertSame( 'unauthenticated', $answer['stopped']['id'] );
		$this->assertSame( 'new-token', $answer['stopped']['policy']['step'] );
		$this->assertSame(
			array(
				array(
					'id'      => $ids[0],
					'verdict' => 'unauthenticated',
					'title'   => 'MailerSend does not recognise this token',
				),
			),
			$answer['failed']
		);
		$this->assertSame( array(), $answer['sent'] );
		$this->assertSame( 0, $answer['left'] );
		$this->assertCount( 1, $this->sends(), 'Only the first email was tried.' );

		$this->assertSame( 'failed', $this->store->get( $ids[0] )['status'] );
		$this->assertSame( 'unauthenticated', $this->store->get( $ids[0] )['result_verdict'] );
		$this->assertTrue( $this->store->get( $ids[0] )['sendable'], 'A failed email can be queued again.' );
		$this->assertSame( 'held', $this->store->get( $ids[1] )['status'] );
		$this->assertSame( 'held', $this->store->get( $ids[2] )['status'] );
		$this->assertSame( 3, $this->json( $this->rest( 'GET', '/status' ) )['held']['waiting'] );
	}

	public function test_a_failure_of_one_email_only_does_not_stop_the_run(): void {
		$this->use_token( 'valid_full' );
		$bad  = (int) $this->store->add( self::mail( 'Bad address', array( 'to' => array( 'not an address' ) ) ) );
		$good = (int) $this->store->add( self::mail( 'Good' ) );

		$answers = $this->resend( array( $bad, $good ) );

		$last = end( $answers );
		$this->assertNull( $last['stopped'] );
		$this->assertSame( 0, $last['left'] );
		$this->assertSame(
			array(
				array(
					'id'      => $bad,
					'verdict' => 'unknown',
					'title'   => 'MailerSend gave an unexpected answer',
				),
			),
			array_merge( ...array_column( $answers, 'failed' ) )
		);
		$this->assertSame( array( $good ), array_column( array_merge( ...array_column( $answers, 'sent' ) ), 'id' ) );
		$this->assertSame( array( 'Good' ), array_column( $this->sends(), 'subject' ) );
		$this->assertSame( 'failed', $this->store->get( $bad )['status'] );
	}

	public function test_a_resend_never_becomes_a_new_held_email(): void {
		$this->use_token( 'expired' );
		$id = (int) $this->store->add( self::email() );
		$this->resend( array( $id ) );
		$this->assertSame( array( array( 'n' => '1' ) ), $this->rows( 'SELECT COUNT(*) AS n FROM {held}' ) );
	}

	public function test_stale_claims_go_back_to_the_queue_and_are_sent(): void {
		$this->use_token( 'valid_full' );
		$id = (int) $this->store->add( self::email() );
		global $wpdb;
		// A request claimed it ten minutes ago and died mid-send.
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- sets the scene.
		$wpdb->update(
			$this->store->table(),
			array(
				'status'     => 'sending',
				'claim'      => 'dead',
				'claimed_at' => gmdate(
					'Y-m-d H:i:s',
					time() - 600
				),
			),
			array( 'id' => $id )
		);

		$answer = $this->json( $this->rest( 'POST', '/held/resend/next' ) );

		$this->assertSame( array( $id ), array_column( $answer['sent'], 'id' ) );
		$this->assertSame( 'sent', $this->store->get( $id )['status'] );
		$this->assertCount( 1, $this->sends() );
	}

	public function test_a_fresh_claim_is_left_to_its_sender(): void {
		$this->use_token( 'valid_full' );
		$id = (int) $this->store->add( self::email() );
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- sets the scene.
		$wpdb->update(
			$this->store->table(),
			array(
				'status'     => 'sending',
				'claim'      => 'alive',
				'claimed_at' => gmdate(
					'Y-m-d H:i:s',
					time() - 30
				),
			),
			array( 'id' => $id )
		);

		$answer = $this->json( $this->rest( 'POST', '/held/resend/next' ) );

		$this->assertSame( array(), $answer['sent'] );
		$this->assertSame( 1, $answer['left'], 'Still being sent by another request.' );
		$this->assertSame( array(), $this->sends() );
	}

	public function test_a_batch_sends_no_more_than_its_deadline_leaves_room_for(): void {
		$this->use_token( 'valid_full' );
		$ids = array();
		for ( $i = 1; $i <= 3; $i++ ) {
			$ids[] = (int) $this->store->add( self::mail( "Email $i" ) );
		}
		$this->store->queue( $ids );
		$plugin = Plugin::instance();
		$this->assertNotNull( $plugin );
		// One send may take longer than the whole deadline: only the first of a batch may start
		// (its own request is capped to what is left), never a second one.
		$resender = new Resender( $this->store, $plugin->watcher(), new Diagnosis( new Client( Client::DEFAULT_BASE_URL, Client::DEFAULT_TIMEOUT ), new Throttle() ), $plugin->adapter(), 1000.0 );

		$first = $resender->run( Deadline::start( Resender::ACTION ) );
		$this->assertSame( 1, $first['done'] );
		$this->assertSame( 2, $first['left'] );
		$second = $resender->run( Deadline::start( Resender::ACTION ) );
		$this->assertSame( 1, $second['done'] );
		$this->assertSame( 1, $second['left'] );
		$this->assertCount( 2, $this->sends() );

		// A deadline already spent starts nothing.
		$spent = new Deadline( 0.001 );
		usleep( 2000 );
		$this->assertSame( 0, $resender->run( $spent )['done'] );
		$this->assertCount( 2, $this->sends() );
	}
}
