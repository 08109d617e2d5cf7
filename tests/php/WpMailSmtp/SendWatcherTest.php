<?php
/**
 * Send_Watcher: WP Mail SMTP's failure hook, and the test email's MailerSend answer.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- WP Mail SMTP's and WordPress's own constants and hooks.

namespace FixMailerSend\Tests\WpMailSmtp;

use FixMailerSend\Plugin;
use FixMailerSend\Storage\Failure_Log;
use FixMailerSend\Tests\TestCase;
use FixMailerSend\WpMailSmtp\Send_Watcher;

final class SendWatcherTest extends TestCase {

	/**
	 * The running plugin's watcher.
	 *
	 * @var Send_Watcher
	 */
	private $watcher;

	protected function setUp(): void {
		parent::setUp();
		$plugin = Plugin::instance();
		$this->assertNotNull( $plugin );
		$this->watcher = $plugin->watcher();
	}

	public function test_the_failure_hook_is_attached_late_and_once(): void {
		$this->assertSame( 10, has_action( 'wp_mail_smtp_mailcatcher_send_failed', array( Plugin::instance(), 'on_send_failed' ) ) );
		// Nothing listens to every HTTP request.
		$this->assertFalse( has_action( 'http_api_debug', array( $this->watcher, 'on_http_api_debug' ) ) );
	}

	public function test_a_real_failed_send_is_recorded(): void {
		$this->assertFalse( wp_mail( 'customer@example.com', 'Order', 'Thanks.' ) );

		$stored = get_option( Failure_Log::OPTION );
		$this->assertIsArray( $stored );
		$this->assertSame( 'Unauthenticated.', $stored['message'] );
		$this->assertNull( $stored['ms_code'] );
		$this->assertSame( 401, $stored['http_status'] );
		$this->assertEqualsWithDelta( time(), strtotime( $stored['at'] ), 60 );
		$this->assertStringNotContainsString( $this->token( 'expired' ), serialize( $stored ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize

		global $wpdb;
		$autoload = $wpdb->get_var( $wpdb->prepare( "SELECT autoload FROM {$wpdb->options} WHERE option_name = %s", Failure_Log::OPTION ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
		$this->assertContains( $autoload, array( 'no', 'off' ) );
	}

	public function test_the_ms_code_comes_from_the_error_code_or_the_message(): void {
		do_action( 'wp_mail_smtp_mailcatcher_send_failed', 'The from.email domain must be verified in your account to send emails. #MS42207', null, 'mailersend', 'MS42207', 422 );
		$this->assertSame( 'MS42207', get_option( Failure_Log::OPTION )['ms_code'] );
		$this->assertSame( 422, get_option( Failure_Log::OPTION )['http_status'] );

		// WP Mail SMTP before 4.8 passes three arguments.
		do_action( 'wp_mail_smtp_mailcatcher_send_failed', 'Your account is suspended. #MS40304', null, 'mailersend' );
		$this->assertSame( 'MS40304', get_option( Failure_Log::OPTION )['ms_code'] );
		$this->assertSame( 0, get_option( Failure_Log::OPTION )['http_status'] );

		// An errors key or a status as the error code.
		do_action( 'wp_mail_smtp_mailcatcher_send_failed', 'Service Unavailable', null, 'mailersend', '503', 0 );
		$this->assertNull( get_option( Failure_Log::OPTION )['ms_code'] );
		$this->assertSame( 503, get_option( Failure_Log::OPTION )['http_status'] );
	}

	public function test_other_mailers_are_ignored(): void {
		do_action( 'wp_mail_smtp_mailcatcher_send_failed', 'SMTP Error: Could not authenticate.', null, 'smtp', '', 0 );

		$this->assertFalse( get_option( Failure_Log::OPTION ) );
	}

	public function test_a_token_in_a_message_is_masked(): void {
		$saved = $this->token( 'expired' );
		$other = $this->token( 'valid_full' );
		do_action( 'wp_mail_smtp_mailcatcher_send_failed', "Bad key $saved and $other", null, 'mailersend', '', 401 );

		$message = get_option( Failure_Log::OPTION )['message'];
		$this->assertStringNotContainsString( $saved, $message );
		$this->assertStringNotContainsString( $other, $message );
		$this->assertStringContainsString( 'mlsn.FA…', $message );
	}

	public function test_capture_keeps_only_the_send_response(): void {
		$outcome = $this->watcher->capture(
			static function (): bool {
				// A request to another MailerSend endpoint and one elsewhere are not kept.
				wp_remote_get( 'https://api.mailersend.com/v1/api-quota', array( 'headers' => array( 'Authorization' => 'Bearer x' ) ) );
				return wp_mail( 'customer@example.com', 'Order', 'Thanks.' );
			}
		);

		$this->assertFalse( $outcome['sent'] );
		$this->assertNotNull( $outcome['response'] );
		$this->assertSame( 'POST /v1/email', $outcome['response']->endpoint() );
		$this->assertSame( 401, $outcome['response']->status() );
		$this->assertSame( 'Unauthenticated.', $outcome['failure']['message'] ?? null );
		$this->assertSame( 'Unauthenticated.', $outcome['mail_error'] );

		// The listeners are gone afterwards.
		$this->assertFalse( has_action( 'http_api_debug', array( $this->watcher, 'on_http_api_debug' ) ) );
		$this->assertFalse( has_action( 'wp_mail_failed', array( $this->watcher, 'on_wp_mail_failed' ) ) );
	}

	public function test_is_send_url(): void {
		$this->assertTrue( Send_Watcher::is_send_url( 'https://api.mailersend.com/v1/email' ) );
		$this->assertTrue( Send_Watcher::is_send_url( 'https://API.mailersend.com/v1/email/' ) );
		$this->assertFalse( Send_Watcher::is_send_url( 'https://api.mailersend.com/v1/email/bulk' ) );
		$this->assertFalse( Send_Watcher::is_send_url( 'https://api.mailersend.com/v1/api-quota' ) );
		$this->assertFalse( Send_Watcher::is_send_url( 'https://evil.example/v1/email?api.mailersend.com' ) );
		$this->assertFalse( Send_Watcher::is_send_url( 'not a url' ) );
	}
}
