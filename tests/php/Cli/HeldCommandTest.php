<?php
/**
 * `wp fix-mailersend held list | show | resend | discard`, through the real WP-CLI.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Cli;

use FixMailerSend\Cli\Command;
use FixMailerSend\Recovery\Held_Store;

final class HeldCommandTest extends Cli_Test_Case {

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
		// The children commit: start and end with no held email.
		$this->store->delete_all();
	}

	protected function tearDown(): void {
		$this->store->delete_all();
		parent::tearDown();
	}

	/**
	 * Keeps an email as the capture would (committed at once: no transaction here).
	 *
	 * @param string $subject Subject.
	 * @param string $to      Recipient.
	 * @param string $kind    whole or link.
	 * @return int
	 */
	private function hold( string $subject, string $to = 'ann@example.org', string $kind = 'whole' ): int {
		$email = array(
			'kind'       => $kind,
			'verdict'    => 'unauthenticated',
			'recipients' => array( $to ),
			'subject'    => $subject,
			'sender'     => 'shop@example.com',
			'initiator'  => 'link' === $kind ? 'WordPress' : 'WooCommerce',
		);
		if ( 'whole' === $kind ) {
			$email['args'] = array(
				'to'      => array( $to ),
				'subject' => $subject,
				'message' => "<p>About: $subject</p>",
				'headers' => array( 'Content-Type: text/html; charset=UTF-8' ),
			);
		}
		$id = $this->store->add( $email );
		$this->assertIsInt( $id );
		return (int) $id;
	}

	/**
	 * Subjects of the sends that reached MailerSend.
	 *
	 * @return string[]
	 */
	private function sent_subjects(): array {
		return array_map(
			static fn( array $request ): string => (string) ( $request['body']['subject'] ?? '' ),
			$this->standin_requests_to( '/v1/email' )
		);
	}

	public function test_list_in_every_format(): void {
		$order   = $this->hold( 'Your order' );
		$comment = $this->hold( 'New comment', 'bob@example.net' );
		$reset   = $this->hold( 'Password Reset', 'carl@example.org', 'link' );

		$json = $this->wp( array( 'held', 'list', '--format=json' ) );
		$this->assertExit( 0, $json );
		$items = json_decode( $json['stdout'], true );
		$this->assertSame( array( $reset, $comment, $order ), array_column( $items, 'id' ), 'Newest first.' );
		wp_set_current_user( 1 );
		$this->assertSame( $this->json( $this->rest( 'GET', '/held' ) ), $items, 'The REST list item, field for field.' );
		wp_set_current_user( 0 );

		$this->assertSame( '3', trim( $this->wp( array( 'held', 'list', '--format=count' ) )['stdout'] ) );
		$this->assertSame( "$reset $comment $order", trim( $this->wp( array( 'held', 'list', '--format=ids' ) )['stdout'] ) );
		$this->assertSame( "$comment", trim( $this->wp( array( 'held', 'list', '--search=bob@', '--format=ids' ) )['stdout'] ) );

		// Not at a terminal, WP-CLI prints the table tab-separated.
		$table = $this->wp( array( 'held', 'list' ) );
		$this->assertExit( 0, $table );
		$this->assertStringContainsString( 'Your order', $table['stdout'] );
		$this->assertMatchesRegularExpression( '/Password Reset\s+WordPress\s+unauthenticated\s+no\s+no\s/', $table['stdout'], 'A link email is not sendable.' );

		$csv = $this->wp( array( 'held', 'list', '--format=csv' ) );
		$this->assertStringStartsWith( 'id,created_at,status,kind,to,subject,initiator,verdict,repeat,sendable,result', $csv['stdout'] );
	}

	public function test_usage_errors_exit_2(): void {
		$this->hold( 'Your order' );
		foreach ( array(
			array( 'held', 'list', '--status=lost' ),
			array( 'held', 'list', '--before=yesterday' ),
			array( 'held', 'list', '--format=xml' ),
			array( 'held', 'list', '--colour=red' ),
			array( 'held', 'show' ),
			array( 'held', 'show', 'abc' ),
			array( 'held', 'resend' ),
			array( 'held', 'resend', '1', '--all' ),
			array( 'held', 'resend', '--before=2026-12-01' ),
			array( 'held', 'discard' ),
			array( 'held', 'discard', '--all', '--search=x', '--yes' ),
		) as $args ) {
			$result = $this->wp( $args );
			$this->assertExit( Command::EXIT_USAGE, $result );
			$this->assertStringStartsWith( 'Error: ', $result['stderr'], implode( ' ', $args ) );
		}
		$this->assertSame( array(), $this->standin_requests() );
	}

	public function test_show_prints_the_text_never_the_html_and_the_advice_for_a_link(): void {
		$order = $this->hold( 'Your order' );
		$reset = $this->hold( 'Password Reset', 'carl@example.org', 'link' );

		$shown = $this->wp( array( 'held', 'show', (string) $order ) );
		$this->assertExit( 0, $shown );
		$this->assertStringContainsString( 'About: Your order', $shown['stdout'] );
		$this->assertStringNotContainsString( '<p>', $shown['stdout'] );

		$link = $this->wp( array( 'held', 'show', (string) $reset ) );
		$this->assertExit( 0, $link );
		$this->assertStringContainsString( 'ask the person to request a new link', $link['stderr'] );

		$json = $this->json_of( $this->wp( array( 'held', 'show', (string) $order, '--format=json' ) ) );
		$this->assertSame( 'About: Your order', $json['preview']['text'] );

		$this->assertExit( Command::EXIT_ERROR, $this->wp( array( 'held', 'show', '999999999' ) ) );
	}

	public function test_resend_all_sends_what_the_screen_would_select_and_exits_0(): void {
		$this->use_token( 'valid_full' );
		$first  = $this->hold( 'Your order' );
		$repeat = $this->hold( 'Your order' );
		$other  = $this->hold( 'New comment', 'bob@example.net' );
		$reset  = $this->hold( 'Password Reset', 'carl@example.org', 'link' );

		$result = $this->wp( array( 'held', 'resend', '--all' ) );

		$this->assertExit( 0, $result );
		$this->assertStringContainsString( 'Queued 2 emails for resending.', $result['stdout'] );
		$this->assertStringContainsString( 'Success: Resent 2 emails.', $result['stdout'] );
		$sent = $this->sent_subjects();
		sort( $sent );
		$this->assertSame( array( 'New comment', 'Your order' ), $sent, 'Not the repeat, not the link.' );
		$this->assertSame( 'sent', $this->store->get( $first )['status'] );
		$this->assertSame( 'sent', $this->store->get( $other )['status'] );
		$this->assertSame( 'held', $this->store->get( $repeat )['status'] );
		$this->assertSame( 'held', $this->store->get( $reset )['status'] );

		// Given by id, a repeat is sent too.
		$this->standin( 'DELETE', '/__standin/requests' );
		$json = $this->json_of( $this->wp( array( 'held', 'resend', (string) $repeat, '--format=json' ) ) );
		$this->assertSame( 1, $json['queued'] );
		$this->assertSame( array( $repeat ), array_column( $json['sent'], 'id' ) );
		$this->assertMatchesRegularExpression( '/^[0-9a-f]{24}$/', (string) $json['sent'][0]['result_id'] );
		$this->assertNull( $json['stopped'] );
		$this->assertSame( array( 'Your order' ), $this->sent_subjects() );
	}

	public function test_resend_stops_at_the_first_token_failure_with_its_exit_code(): void {
		$this->use_token( 'expired' );
		$ids = array( $this->hold( 'One' ), $this->hold( 'Two', 'bob@example.net' ), $this->hold( 'Three', 'carl@example.org' ) );

		$result = $this->wp( array( 'held', 'resend', '--all' ) );

		$this->assertExit( Command::EXIT_UNAUTHENTICATED, $result );
		$this->assertStringContainsString( 'Resending stopped', $result['stderr'] );
		$this->assertCount( 1, $this->sent_subjects(), 'Only the first email was tried.' );
		$statuses = array_map( fn( int $id ): string => (string) $this->store->get( $id )['status'], $ids );
		sort( $statuses );
		$this->assertSame( array( 'failed', 'held', 'held' ), $statuses );
		$this->assertTokenNotPrinted( $this->token( 'expired' ), $result );
	}

	public function test_discard_all_asks_first_unless_yes(): void {
		$a = $this->hold( 'One' );
		$b = $this->hold( 'Two', 'bob@example.net' );
		$c = $this->hold( 'Three', 'carl@example.org' );

		$declined = $this->wp( array( 'held', 'discard', '--all' ), "n\n" );
		$this->assertStringContainsString( 'Discard every held email?', $declined['stdout'] );
		$this->assertSame( 'held', $this->store->get( $a )['status'], 'Declined: nothing discarded.' );

		$this->assertExit( 0, $this->wp( array( 'held', 'discard', (string) $a ) ) );
		$this->assertSame( 'discarded', $this->store->get( $a )['status'] );
		$this->assertSame( 'held', $this->store->get( $b )['status'] );

		$yes = $this->wp( array( 'held', 'discard', '--all', '--yes' ) );
		$this->assertExit( 0, $yes );
		$this->assertStringContainsString( 'Success: Discarded 2 emails.', $yes['stdout'] );
		$this->assertSame( 'discarded', $this->store->get( $c )['status'] );
		$this->assertSame( '0', trim( $this->wp( array( 'held', 'list', '--format=count' ) )['stdout'] ) );
	}
}
