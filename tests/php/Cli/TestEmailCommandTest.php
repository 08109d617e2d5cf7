<?php
/**
 * `wp fix-mailersend test-email`: a real wp_mail() through WP Mail SMTP to the MailerSend
 * stand-in, explained, with the verdict's exit code.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Cli;

use FixMailerSend\Cli\Command;

final class TestEmailCommandTest extends Cli_Test_Case {

	public function test_an_accepted_test_email_exits_0_and_the_stand_in_got_it(): void {
		$token = $this->use_token( 'valid_full' );

		$result = $this->wp( array( 'test-email', '--to=someone@example.com', '--format=json' ) );
		$data   = $this->json_of( $result );

		$this->assertExit( 0, $result );
		$this->assertTrue( $data['accepted'] );
		$this->assertIsString( $data['message_id'] );
		$this->assertNotSame( '', $data['message_id'] );
		$this->assertSame( array(), $data['warnings'] );
		$this->assertTokenNotPrinted( $token, $result );

		// What MailerSend received, exactly once: through WP Mail SMTP, with the saved token.
		$sent = $this->standin_requests_to( '/v1/email' );
		$this->assertCount( 1, $sent );
		$this->assertSame( 'Bearer ' . $token, $sent[0]['headers']['authorization'] );
		$body = $sent[0]['body'];
		$this->assertSame( 'wordpress@example.com', $body['from']['email'] );
		$this->assertSame( 'someone@example.com', $body['to'][0]['email'] );
		$this->assertStringContainsString( 'Fix MailerSend', $body['subject'] );
		$this->assertArrayHasKey( 'html', $body );
	}

	public function test_the_readable_form_and_the_defaults(): void {
		$this->use_token( 'valid_full' );

		$result = $this->wp( array( 'test-email', '--no-html' ) );

		$this->assertExit( 0, $result );
		$this->assertStringStartsWith( 'Success: MailerSend accepted the test email to admin@example.com (message id ', $result['stdout'] );
		$body = $this->standin_requests_to( '/v1/email' )[0]['body'];
		// The site's administration email by default; plain text with --no-html.
		$this->assertSame( get_option( 'admin_email' ), $body['to'][0]['email'] );
		$this->assertArrayHasKey( 'text', $body );
		$this->assertArrayNotHasKey( 'html', $body );
	}

	public function test_a_warning_is_shown_and_the_email_still_counts_as_accepted(): void {
		$this->use_token( 'valid_paused_domain' );

		$result = $this->wp( array( 'test-email', '--to=someone@example.com' ) );

		$this->assertExit( 0, $result );
		$this->assertStringContainsString( 'Warning: ', $result['stdout'] );
	}

	/**
	 * @return array<string, array{string, string, int}>
	 */
	public static function failures(): array {
		return array(
			'expired token'   => array( 'expired', 'unauthenticated', Command::EXIT_UNAUTHENTICATED ),
			'another account' => array( 'other_account', 'domain_unverified', Command::EXIT_SENDING ),
			'trial limit'     => array( 'trial_unique_recipients', 'trial_limit', Command::EXIT_SENDING ),
			'503'             => array( 'fault_503', 'mailersend_unavailable', Command::EXIT_UNREACHABLE ),
		);
	}

	/**
	 * @param string $name Token name.
	 * @param string $id   Expected verdict.
	 * @param int    $exit Expected exit code.
	 */
	#[\PHPUnit\Framework\Attributes\DataProvider( 'failures' )]
	public function test_a_failed_test_email_is_explained( string $name, string $id, int $exit ): void {
		$token = $this->use_token( $name );

		$result = $this->wp( array( 'test-email', '--to=someone@example.com', '--format=json' ) );
		$data   = $this->json_of( $result );

		$this->assertExit( $exit, $result );
		$this->assertFalse( $data['accepted'] );
		$this->assertSame( $id, $data['verdict']['id'] );
		$this->assertTokenNotPrinted( $token, $result );
		$this->assertStringNotContainsString( $token, $this->debug_log() );
	}

	public function test_another_mailer_is_refused(): void {
		$this->use_token( 'valid_full', 'smtp' );

		$result = $this->wp( array( 'test-email', '--format=json' ) );

		$this->assertExit( Command::EXIT_SETUP, $result );
		$this->assertSame( 'fix_mailersend_mailer_not_mailersend', $this->json_of( $result )['code'] );
		$this->assertStringStartsWith( 'Error: WP Mail SMTP does not send through MailerSend', $result['stderr'] );
		$this->assertSame( array(), $this->standin_requests() );
	}

	public function test_a_bad_recipient_is_a_usage_error(): void {
		$this->use_token( 'valid_full' );

		$result = $this->wp( array( 'test-email', '--to=not-an-address' ) );

		$this->assertExit( Command::EXIT_USAGE, $result );
		$this->assertStringContainsString( '--to', $result['stderr'] );
		$this->assertSame( array(), $this->standin_requests() );
	}

	public function test_a_recipient_phpmailer_refuses_is_a_usage_error_and_no_mailersend_failure(): void {
		$this->use_token( 'expired' );
		$to = str_repeat( 'a', 65 ) . '@example.com';

		$result = $this->wp( array( 'test-email', '--to=' . $to, '--format=json' ) );

		$this->assertExit( Command::EXIT_USAGE, $result );
		$this->assertSame( 'fix_mailersend_invalid_recipient', $this->json_of( $result )['code'] );
		$this->assertStringContainsString( 'PHPMailer', $result['stderr'] );
		$this->assertSame( array(), $this->standin_requests() );
		$this->assertNull( $this->fresh_option( 'fix_mailersend_last_failure' ) );

		$status = $this->json_of( $this->wp( array( 'status', '--format=json' ) ) );
		$this->assertNull( $status['last_failure'] );
	}

	public function test_sent_by_another_plugin_says_mailersend_was_not_tested(): void {
		$this->use_token( 'valid_full' );
		// Another plugin takes over wp_mail() and reports the email as sent.
		$file = (string) tempnam( sys_get_temp_dir(), 'fms-takeover' );
		file_put_contents( $file, "<?php\nWP_CLI::add_wp_hook( 'pre_wp_mail', static fn() => true );\n" ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_file_put_contents -- a throwaway file for the child.
		try {
			$table = $this->wp( array( 'test-email', '--to=someone@example.com', '--require=' . $file ) );
			$json  = $this->wp( array( 'test-email', '--to=someone@example.com', '--format=json', '--require=' . $file ) );
		} finally {
			unlink( $file ); // phpcs:ignore WordPress.WP.AlternativeFunctions.unlink_unlink -- our own temporary file.
		}

		$this->assertExit( Command::EXIT_SETUP, $table );
		$this->assertStringContainsString( 'Warning: WordPress reported the email as sent, but it did not go through MailerSend: another plugin may be handling email.', $table['stderr'] );
		$this->assertStringNotContainsString( 'MailerSend accepted', $table['stdout'] . $table['stderr'] );

		$this->assertExit( Command::EXIT_SETUP, $json );
		$data = $this->json_of( $json );
		$this->assertTrue( $data['accepted'] );
		$this->assertFalse( $data['via_mailersend'] );
		$this->assertSame( array(), $this->standin_requests_to( '/v1/email' ) );
	}
}
