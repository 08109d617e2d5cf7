<?php
/**
 * `wp fix-mailersend status`: what GET /status shows, masked, with the headline's exit code.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Cli;

use FixMailerSend\Cli\Command;
use FixMailerSend\Support\Mask;

final class StatusCommandTest extends Cli_Test_Case {

	public function test_json_is_what_get_status_answers(): void {
		$token = $this->use_token( 'expired' );
		update_option( 'fix_mailersend_token_expires', '2027-06-30', false );

		$result = $this->wp( array( 'status', '--format=json' ) );
		$data   = $this->json_of( $result );

		$this->assertSame(
			array( 'wp_mail_smtp', 'mailer', 'token', 'from', 'last_failure', 'last_check', 'headline', 'outage', 'held' ),
			array_keys( $data )
		);
		$this->assertSame( array( 'holding', 'waiting', 'queued', 'sending', 'token_proven' ), array_keys( $data['held'] ) );
		$this->assertSame( 'active', $data['wp_mail_smtp']['state'] );
		$this->assertSame( 'mailersend', $data['mailer']['slug'] );
		$this->assertTrue( $data['mailer']['is_mailersend'] );
		$this->assertSame(
			array(
				'source'     => 'database',
				'masked'     => Mask::token( $token ),
				'constant'   => 'WPMS_MAILERSEND_API_KEY',
				'expires_at' => '2027-06-30',
			),
			$data['token']
		);
		$this->assertSame( 'wordpress@example.com', $data['from']['email'] );
		$this->assertSame( array( 'id', 'severity', 'title', 'explanation', 'steps', 'evidence', 'policy' ), array_keys( $data['headline'] ) );
		// Evidence is an object, as in the REST answer.
		$this->assertStringContainsString( '"evidence":{', $result['stdout'] );

		// The same answer as the REST route, field for field.
		wp_set_current_user( 1 );
		$rest = $this->json( $this->rest( 'GET', '/status' ) );
		wp_set_current_user( 0 );
		$this->assertSame( $rest, $data );

		$this->assertExit( Command::exit_code( $data['headline']['id'] ), $result );
		$this->assertTokenNotPrinted( $token, $result );
		$this->assertSame( '', $result['stderr'] );
	}

	public function test_the_outage_is_a_line_of_the_table_and_an_object_in_json(): void {
		$this->use_token( 'expired' );
		global $wpdb;
		$table = $wpdb->prefix . 'wpmailsmtp_debug_events';
		$at    = time() - 120;
		$ids   = array();
		try {
			// WP Mail SMTP's Debug Events of three failed MailerSend sends of two plugins.
			foreach ( array( 'woocommerce/includes/class-wc-emails.php', 'woocommerce/includes/class-wc-emails.php', 'contact-form-7/includes/mail.php' ) as $file ) {
				$wpdb->insert( // phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery
					$table,
					array(
						'content'    => "Mailer: MailerSend\r\nUnauthenticated.",
						'initiator'  => wp_json_encode(
							array(
								'file' => WP_PLUGIN_DIR . '/' . $file,
								'line' => 7,
							)
						),
						'event_type' => 0,
						'created_at' => gmdate( 'Y-m-d H:i:s', $at ),
					)
				);
				$ids[] = (int) $wpdb->insert_id;
			}
			$since = ( new \DateTimeImmutable( '@' . $at ) )->setTimezone( wp_timezone() )->format( 'j M, H:i' );

			$result = $this->wp( array( 'status' ) );
			$this->assertMatchesRegularExpression( '/Outage\s+Since ' . preg_quote( $since, '/' ) . ', 3 emails failed: woocommerce 2, contact-form-7 1\s/', $result['stdout'] );

			$data = $this->json_of( $this->wp( array( 'status', '--format=json' ) ) );
			$this->assertTrue( $data['outage']['known'] );
			$this->assertSame( 3, $data['outage']['failed'] );
			$this->assertSame(
				array(
					array(
						'verdict' => 'unauthenticated',
						'title'   => 'MailerSend does not recognise this token',
						'count'   => 3,
					),
				),
				$data['outage']['causes']
			);
			$this->assertSame( 'Since ' . $since . ', 3 emails failed: woocommerce 2, contact-form-7 1', $data['outage']['summary'] );
		} finally {
			foreach ( $ids as $id ) {
				$wpdb->delete( $table, array( 'id' => $id ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
			}
		}
	}

	public function test_a_failed_email_leads_the_status_and_sets_the_exit_code(): void {
		$token = $this->use_token( 'expired' );
		// An email fails for real: WP Mail SMTP reports it, the plugin keeps it.
		$this->assertExit( Command::EXIT_UNAUTHENTICATED, $this->wp( array( 'test-email', '--to=someone@example.com' ) ) );

		$json = $this->wp( array( 'status', '--format=json' ) );
		$data = $this->json_of( $json );
		$this->assertSame( 'unauthenticated', $data['headline']['id'] );
		$this->assertSame( 'Unauthenticated.', $data['last_failure']['message'] );
		$this->assertExit( Command::EXIT_UNAUTHENTICATED, $json );

		// The readable form: the headline as the screen words it, then the facts.
		$table = $this->wp( array( 'status' ) );
		$this->assertExit( Command::EXIT_UNAUTHENTICATED, $table );
		$this->assertStringContainsString( 'Error: ' . $data['headline']['title'], $table['stdout'] );
		$this->assertStringContainsString( $data['headline']['explanation'], $table['stdout'] );
		$this->assertStringContainsString( "Next steps:\n  1. " . $data['headline']['steps'][0], $table['stdout'] );
		$this->assertStringContainsString( 'On the command line: <your new token> | wp fix-mailersend set-token', $table['stdout'] );
		$this->assertStringContainsString( Mask::token( $token ), $table['stdout'] );
		$this->assertStringContainsString( 'Unauthenticated.', $table['stdout'] );
		$this->assertTokenNotPrinted( $token, $json );
		$this->assertTokenNotPrinted( $token, $table );
	}

	public function test_the_failing_token_back_through_the_constant_brings_its_failure_back(): void {
		// The saved token fails; a new one is saved and sends: the failure is resolved.
		$failing = $this->use_token( 'expired' );
		$this->assertExit( Command::EXIT_UNAUTHENTICATED, $this->wp( array( 'test-email', '--to=someone@example.com' ) ) );
		$this->use_token( 'valid_full' );
		$this->assertExit( Command::EXIT_OK, $this->wp( array( 'test-email', '--to=someone@example.com' ) ) );
		$table = $this->wp( array( 'status' ) );
		$this->assertStringContainsString( '(resolved: a later email went out)', $table['stdout'] );

		// The failing token comes back through wp-config.php: nothing it sent has worked since.
		$this->define_token_constant( $failing );
		$json = $this->wp( array( 'status', '--format=json' ) );
		$data = $this->json_of( $json );
		$this->assertSame( 'constant', $data['token']['source'] );
		$this->assertFalse( $data['last_failure']['resolved'] );
		$this->assertTrue( $data['last_failure']['current_token'] );
		$this->assertSame( 'unauthenticated', $data['headline']['id'] );
		$this->assertExit( Command::EXIT_UNAUTHENTICATED, $json );
		$table = $this->wp( array( 'status' ) );
		$this->assertStringNotContainsString( 'resolved', $table['stdout'] );
		$this->assertStringNotContainsString( 'no email has failed since', $table['stdout'] );
	}

	public function test_yaml(): void {
		$token  = $this->use_token( 'valid_full' );
		$result = $this->wp( array( 'status', '--format=yaml' ) );

		$this->assertExit( Command::EXIT_NOT_CHECKED, $result );
		$this->assertStringContainsString( "headline:\n  id: not_checked\n", $result['stdout'] );
		$this->assertStringContainsString( 'masked: ' . Mask::token( $token ), $result['stdout'] );
		$this->assertTokenNotPrinted( $token, $result );
	}

	public function test_another_mailer_is_a_setup_problem(): void {
		$this->use_token( 'valid_full', 'smtp' );

		$result = $this->wp( array( 'status', '--format=json' ) );

		$this->assertSame( 'mailer_not_mailersend', $this->json_of( $result )['headline']['id'] );
		$this->assertExit( Command::EXIT_SETUP, $result );
	}

	/**
	 * @return array<string, array{string[]}>
	 */
	public static function usage_errors(): array {
		return array(
			'unknown format' => array( array( 'status', '--format=xml' ) ),
			'unknown option' => array( array( 'status', '--verbose-ish' ) ),
			'an argument'    => array( array( 'status', 'now' ) ),
		);
	}

	/**
	 * @param string[] $args Arguments.
	 */
	#[\PHPUnit\Framework\Attributes\DataProvider( 'usage_errors' )]
	public function test_usage_errors_exit_2( array $args ): void {
		$result = $this->wp( $args );

		$this->assertExit( Command::EXIT_USAGE, $result );
		$this->assertSame( '', $result['stdout'] );
		$this->assertStringStartsWith( 'Error: ', $result['stderr'] );
	}

	public function test_an_argument_that_looks_like_a_token_is_not_echoed(): void {
		$token  = $this->use_token( 'valid_full' );
		$result = $this->wp( array( 'check', $token ) );

		$this->assertExit( Command::EXIT_USAGE, $result );
		$this->assertTokenNotPrinted( $token, $result );
		$this->assertSame( array(), $this->standin_requests() );
	}

	public function test_a_legacy_token_quoted_in_the_last_failure_is_masked_by_value(): void {
		// An older JWT-style token with short segments: no shape gives it away.
		$legacy                          = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOjN9.Y2xp';
		$option                          = $this->wpms_option();
		$option['mail']['mailer']        = 'mailersend';
		$option['mailersend']['api_key'] = $legacy;
		$this->set_wpms_option( $option );
		\WPMailSMTP\Debug::set( "Mailer: MailerSend\r\n502: Bad Gateway\r\n<html><body><pre>Authorization: Bearer $legacy</pre></body></html>" );

		$table = $this->wp( array( 'status' ) );
		$this->assertStringNotContainsString( $legacy, $table['stdout'] . $table['stderr'] );
		$this->assertStringContainsString( 'Authorization: Bearer eyJhbGc…Y2xp', $table['stdout'] );

		$json = $this->wp( array( 'status', '--format=json' ) );
		$this->assertStringNotContainsString( $legacy, $json['stdout'] . $json['stderr'] );
		$data = $this->json_of( $json );
		$this->assertStringContainsString( 'Authorization: Bearer eyJhbGc…Y2xp', $data['last_failure']['verdict']['evidence']['message'] );
		$this->assertStringContainsString( 'Authorization: Bearer eyJhbGc…Y2xp', $data['headline']['evidence']['message'] );
	}
}
