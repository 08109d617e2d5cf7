<?php
/**
 * Capture (contract §3): real wp_mail() sends through the WP Mail SMTP stand-in to the
 * MailerSend stand-in; only failures whose verdict holds are kept.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Recovery;

use FixMailerSend\Plugin;
use FixMailerSend\Recovery\Held_Capture;

final class Held_Capture_Test extends Held_Test_Case {

	/**
	 * Temporary files to remove.
	 *
	 * @var string[]
	 */
	private $temp = array();

	protected function tearDown(): void {
		foreach ( $this->temp as $file ) {
			if ( is_file( $file ) ) {
				unlink( $file ); // phpcs:ignore WordPress.WP.AlternativeFunctions.unlink_unlink
			}
		}
		parent::tearDown();
	}

	public function test_an_unauthenticated_failure_keeps_the_email_as_given(): void {
		$this->saved_token( 'expired' );
		$sent = wp_mail(
			array( 'Ann Smith <ann@example.org>' ),
			'Your order #12',
			"Thank you.\nYour order ships today.",
			array(
				'Cc: bob@example.org',
				'Bcc: Carl <carl@example.org>',
				'Reply-To: orders@example.com',
				'Content-Type: text/html; charset=UTF-8',
				'X-Order: 12',
				'X-WP-Mail-SMTP-Connection: backup-1',
				'X-WP-Mail-SMTP-Queued: Sat, 5 Dec 2026 10:00:00 +0000',
			)
		);
		$this->assertFalse( $sent );

		$rows = $this->held_rows();
		$this->assertCount( 1, $rows );
		$item = $this->store->get( (int) $rows[0]['id'] );
		$this->assertSame( 'held', $item['status'] );
		$this->assertSame( 'whole', $item['kind'] );
		$this->assertSame( 'unauthenticated', $item['verdict'] );
		$this->assertSame( array( 'ann@example.org', 'bob@example.org', 'carl@example.org' ), $item['to'] );
		$this->assertSame( 'Your order #12', $item['subject'] );
		$this->assertSame( strtolower( $this->plugin_from() ), $item['sender'] );
		$this->assertSame( array( 'Ann Smith <ann@example.org>' ), $item['args']['to'] );
		$this->assertSame( "Thank you.\nYour order ships today.", $item['args']['message'] );
		$headers = $item['args']['headers'];
		$this->assertContains( 'Cc: bob@example.org', $headers );
		$this->assertContains( 'Bcc: Carl <carl@example.org>', $headers );
		$this->assertContains( 'Reply-To: orders@example.com', $headers );
		$this->assertContains( 'Content-Type: text/html; charset=UTF-8', $headers );
		$this->assertContains( 'X-Order: 12', $headers );
		foreach ( $headers as $header ) {
			$this->assertStringStartsNotWith( 'x-wp-mail-smtp', strtolower( $header ), 'WP Mail SMTP\'s internal headers are dropped.' );
			$this->assertStringStartsNotWith( 'from:', strtolower( $header ), 'WP Mail SMTP\'s own From address is left to WP Mail SMTP on resend.' );
		}
	}

	public function test_a_network_error_is_held(): void {
		$this->saved_token( 'valid_full' );
		$this->set_fault( 'reset', 1 );
		$this->assertFalse( wp_mail( 'ann@example.org', 'Hello', 'Body' ) );
		$rows = $this->held_rows();
		$this->assertCount( 1, $rows );
		$this->assertSame( 'network_error', $rows[0]['verdict'] );
	}

	public function test_a_refused_recipient_is_not_held(): void {
		$this->saved_token( 'valid_full' );
		// MailerSend's answer to a recipient it refuses (a 422 about `to` only): verdict `unknown`.
		$refuse = static function ( $pre, $args, $url ) {
			unset( $args );
			if ( false === strpos( (string) $url, '/v1/email' ) ) {
				return $pre;
			}
			return array(
				'headers'  => array( 'content-type' => 'application/json' ),
				'body'     => '{"message":"The to.0.email must be a valid email address. #MS42208","errors":{"to.0.email":["The to.0.email must be a valid email address. #MS42208"]}}',
				'response' => array(
					'code'    => 422,
					'message' => 'Unprocessable Entity',
				),
				'cookies'  => array(),
				'filename' => null,
			);
		};
		add_filter( 'pre_http_request', $refuse, 10, 3 );
		try {
			$this->assertFalse( wp_mail( 'ann@example.org', 'Hello', 'Body' ) );
		} finally {
			remove_filter( 'pre_http_request', $refuse, 10 );
		}
		$this->assertSame( 422, get_option( 'fix_mailersend_last_failure' )['http_status'], 'The failure was MailerSend\'s.' );
		$this->assertSame( array(), $this->held_rows() );

		// One PHPMailer refuses never reaches MailerSend: not held either.
		$this->saved_token( 'expired' );
		$this->assertFalse( wp_mail( str_repeat( 'a', 65 ) . '@example.com', 'Hello', 'Body' ) );
		$this->assertSame( array(), $this->held_rows() );
	}

	public function test_nothing_is_kept_or_even_looked_at_when_the_send_succeeds(): void {
		$this->saved_token( 'valid_full' );
		$queries = array();
		$watch   = static function ( $query ) use ( &$queries ) {
			$queries[] = $query;
			return $query;
		};
		add_filter( 'query', $watch );
		$this->assertTrue( wp_mail( 'ann@example.org', 'Hello', 'Body', array(), array( __FILE__ ) ) );
		remove_filter( 'query', $watch );

		$this->assertSame( array(), $this->held_rows() );
		foreach ( $queries as $query ) {
			$this->assertStringNotContainsString( 'fix_mailersend_held', $query );
			$this->assertStringNotContainsString( 'fix_mailersend_holding', $query );
		}
	}

	public function test_attachments_are_copied_before_the_caller_deletes_them_and_never_land_on_disk(): void {
		$started = time();
		$this->saved_token( 'expired' );
		$marker = 'held-attachment-' . wp_generate_password( 20, false );
		$csv    = $this->temp_file( "id,total\n1,{$marker}\n" );
		$binary = random_bytes( 3000 ) . $marker;
		$pdf    = $this->temp_file( $binary );

		$this->assertFalse(
			wp_mail(
				'ann@example.org',
				'Report',
				'See attached.',
				array(),
				array(
					'report.csv' => $csv,
					$pdf,
				)
			)
		);
		// The caller cleans up at once, as form plugins do.
		unlink( $csv ); // phpcs:ignore WordPress.WP.AlternativeFunctions.unlink_unlink
		unlink( $pdf ); // phpcs:ignore WordPress.WP.AlternativeFunctions.unlink_unlink

		$rows = $this->held_rows();
		$this->assertCount( 1, $rows );
		$id    = (int) $rows[0]['id'];
		$files = $this->store->files( $id );
		$this->assertCount( 2, $files );
		$this->assertSame( 'report.csv', $files[0]['name'], 'wp_mail()\'s string key names the file.' );
		$this->assertSame( "id,total\n1,{$marker}\n", $files[0]['content'] );
		$this->assertSame( basename( $pdf ), $files[1]['name'] );
		$this->assertTrue( $binary === $files[1]['content'] );
		$this->assertSame( 2, $this->store->query( array() )['items'][0]['attachments'] );

		// Nothing under the web root holds them: no file written since the test began has the marker.
		$found = array();
		$files = new \RecursiveIteratorIterator( new \RecursiveDirectoryIterator( ABSPATH, \FilesystemIterator::SKIP_DOTS ) );
		foreach ( $files as $file ) {
			if ( $file->isFile() && $file->getMTime() >= $started - 1 && $file->getSize() < 10485760 && false !== strpos( (string) file_get_contents( $file->getPathname() ), $marker ) ) { // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents
				$found[] = $file->getPathname();
			}
		}
		$this->assertSame( array(), $found );
	}

	public function test_an_email_over_the_per_email_cap_is_kept_without_its_content(): void {
		$this->saved_token( 'expired' );
		$big = $this->temp_file( str_repeat( 'z', 5000 ) );
		add_filter( 'fix_mailersend_hold_max_email_bytes', array( $this, 'two_thousand' ) );
		$this->assertFalse( wp_mail( 'ann@example.org', 'Big one', 'See attached.', array(), array( $big ) ) );
		remove_filter( 'fix_mailersend_hold_max_email_bytes', array( $this, 'two_thousand' ) );

		$rows = $this->held_rows();
		$this->assertCount( 1, $rows );
		$this->assertSame( 'too_large', $rows[0]['kind'] );
		$this->assertNull( $rows[0]['args'] );
		$this->assertSame( 'Big one', $rows[0]['subject'] );
		$this->assertGreaterThanOrEqual( 5000, (int) $rows[0]['bytes'] );
		$this->assertSame( array(), $this->rows( 'SELECT id FROM {files}' ) );
	}

	public function test_a_password_reset_email_is_never_stored_whole(): void {
		$this->saved_token( 'expired' );
		$user = get_userdata( $this->make_user( 'subscriber' ) );
		$this->assertInstanceOf( \WP_User::class, $user );
		$sent = array();
		$spy  = static function ( $defaults ) use ( &$sent ) {
			$sent = $defaults;
			return $defaults;
		};
		add_filter( 'retrieve_password_notification_email', $spy );
		$result = retrieve_password( $user->user_login );
		remove_filter( 'retrieve_password_notification_email', $spy );

		$this->assertInstanceOf( \WP_Error::class, $result, 'The reset email failed.' );
		$this->assertSame( 1, preg_match( '/[?&]key=([^&\s>]+)/', (string) $sent['message'], $match ), 'The test saw the reset link.' );
		$key = $match[1];

		$rows = $this->held_rows();
		$this->assertCount( 1, $rows );
		$this->assertSame( 'link', $rows[0]['kind'] );
		$this->assertNull( $rows[0]['args'] );
		$this->assertSame( array( strtolower( $user->user_email ) ), $this->store->get( (int) $rows[0]['id'] )['to'] );
		$this->assertSame( 'WordPress', $rows[0]['initiator'] );
		$this->assertNotSame( '', $rows[0]['subject'] );
		$this->assert_nowhere( $key );
	}

	public function test_a_set_password_email_for_a_new_user_is_kept_as_a_link(): void {
		$this->saved_token( 'expired' );
		$id  = $this->make_user( 'subscriber' );
		$key = '';
		$spy = static function ( $email ) use ( &$key ) {
			if ( 1 === preg_match( '/[?&]key=([^&\s>]+)/', (string) $email['message'], $match ) ) {
				$key = $match[1];
			}
			return $email;
		};
		add_filter( 'wp_new_user_notification_email', $spy );
		wp_new_user_notification( $id, null, 'user' );
		remove_filter( 'wp_new_user_notification_email', $spy );

		$this->assertNotSame( '', $key );
		$rows = $this->held_rows();
		$this->assertCount( 1, $rows );
		$this->assertSame( 'link', $rows[0]['kind'] );
		$this->assert_nowhere( $key );
	}

	public function test_a_plugins_magic_link_is_kept_as_a_link_and_an_ordinary_link_whole(): void {
		$this->saved_token( 'expired' );
		$this->assertFalse( wp_mail( 'ann@example.org', 'Sign in', 'Click https://shop.example.com/my-account/magic-login/?token=s3cr3tT0ken&user=ann to sign in.' ) );
		$this->assertFalse( wp_mail( 'ann@example.org', 'Reset', '<a href="https://shop.example.com/my-account/lost-password/?key=K3yK3y&amp;id=4">Reset</a>' ) );
		$this->assertFalse( wp_mail( 'ann@example.org', 'News', 'Read https://shop.example.com/?p=12&utm_source=mail and https://example.com/login/' ) );

		$rows = $this->held_rows();
		$this->assertSame( array( 'link', 'link', 'whole' ), array_column( $rows, 'kind' ) );
		$this->assert_nowhere( 's3cr3tT0ken' );
		$this->assert_nowhere( 'K3yK3y' );
	}

	public function test_the_login_link_filter_decides_last(): void {
		$this->saved_token( 'expired' );
		add_filter( 'fix_mailersend_is_login_link', '__return_true' );
		$this->assertFalse( wp_mail( 'ann@example.org', 'Your code', 'Your one-time code is 123456.' ) );
		remove_filter( 'fix_mailersend_is_login_link', '__return_true' );
		$this->assertSame( 'link', $this->held_rows()[0]['kind'] );
		$this->assert_nowhere( 'one-time code is 123456' );
	}

	public function test_a_resend_test_emails_and_holding_off_keep_nothing(): void {
		$this->saved_token( 'expired' );

		Held_Capture::suspend();
		try {
			$this->assertFalse( wp_mail( 'ann@example.org', 'Resent', 'Body' ) );
		} finally {
			Held_Capture::resume();
		}
		$this->assertSame( array(), $this->held_rows(), 'A resend never creates a row.' );

		$this->assertFalse( wp_mail( 'ann@example.org', 'WP Mail SMTP test', 'Body', array( 'X-Mailer-Type:WPMailSMTP/Admin/Test' ) ) );
		$this->assertSame( array(), $this->held_rows(), 'WP Mail SMTP\'s (and this plugin\'s) test email is not a site email.' );

		$this->log_in_as( 'administrator' );
		$this->rest( 'POST', '/test-email', array( 'to' => 'ann@example.org' ) );
		$this->assertSame( array(), $this->held_rows() );

		$this->store->set_holding( false );
		$this->assertFalse( wp_mail( 'ann@example.org', 'Off', 'Body' ) );
		$this->assertSame( array(), $this->held_rows() );

		$this->store->set_holding( true );
		$this->assertFalse( wp_mail( 'ann@example.org', 'On', 'Body' ) );
		$this->assertCount( 1, $this->held_rows() );
	}

	public function test_capture_is_hooked_on_wp_mail_failed_only(): void {
		$plugin = Plugin::instance();
		$this->assertNotNull( $plugin );
		$this->assertSame( 10, has_action( 'wp_mail_failed', array( $plugin, 'on_wp_mail_failed' ) ) );
		$this->assertFalse( has_action( 'wp_mail_succeeded', array( $plugin, 'on_wp_mail_failed' ) ) );
		$this->assertFalse( has_filter( 'wp_mail', array( $plugin, 'on_wp_mail_failed' ) ) );
	}

	/**
	 * Asserts that a secret is in none of this plugin's tables, no option and no user meta.
	 *
	 * @param string $secret The secret.
	 */
	private function assert_nowhere( string $secret ): void {
		global $wpdb;
		$this->assertGreaterThan( 4, strlen( $secret ) );
		foreach ( $this->held_rows() as $row ) {
			$this->assertStringNotContainsString( $secret, (string) wp_json_encode( $row ) );
		}
		$this->assertSame( array(), $this->rows( 'SELECT id FROM {files}' ) );
		$like = '%' . $wpdb->esc_like( $secret ) . '%';
		// phpcs:disable WordPress.DB.DirectDatabaseQuery
		$this->assertSame( '0', $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->options} WHERE option_value LIKE %s", $like ) ), 'No option holds it.' );
		$this->assertSame( '0', $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->usermeta} WHERE meta_value LIKE %s", $like ) ) );
		// phpcs:enable
		$this->assertStringNotContainsString( $secret, $this->debug_log_since_setup() );
	}

	/**
	 * WP Mail SMTP's From address on the test site.
	 *
	 * @return string
	 */
	private function plugin_from(): string {
		$plugin = Plugin::instance();
		$this->assertNotNull( $plugin );
		return $plugin->adapter()->from_email();
	}

	/**
	 * A temporary file outside the web root.
	 *
	 * @param string $content Content.
	 * @return string Path.
	 */
	private function temp_file( string $content ): string {
		$file = (string) tempnam( get_temp_dir(), 'fms-held' );
		file_put_contents( $file, $content ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_file_put_contents
		$this->temp[] = $file;
		return $file;
	}

	/** Filter value. */
	public function two_thousand(): int {
		return 2000;
	}
}
