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

		// An errors key or a status as the error code.
		do_action( 'wp_mail_smtp_mailcatcher_send_failed', 'Service Unavailable', null, 'mailersend', '503', 0 );
		$this->assertNull( get_option( Failure_Log::OPTION )['ms_code'] );
		$this->assertSame( 503, get_option( Failure_Log::OPTION )['http_status'] );
	}

	public function test_wp_mail_smtp_before_4_8_passes_three_arguments(): void {
		$old = static fn(): string => '4.7.1';
		add_filter( 'wp_mail_smtp_standin_version', $old );
		try {
			// MailerSend's answer gives the status the hook does not.
			$this->saved_token( 'expired' );
			$this->assertFalse( wp_mail( 'customer@example.com', 'Order', 'Thanks.' ) );
			$stored = get_option( Failure_Log::OPTION );
			$this->assertSame( 'Unauthenticated.', $stored['message'] );
			$this->assertSame( 401, $stored['http_status'] );

			$this->saved_token( 'other_account' );
			$this->assertFalse( wp_mail( 'customer@example.com', 'Order', 'Thanks.' ) );
			$this->assertSame( 'MS42207', get_option( Failure_Log::OPTION )['ms_code'] );
			$this->assertSame( 422, get_option( Failure_Log::OPTION )['http_status'] );

			// A failure before any request to MailerSend is not MailerSend's, in 4.5–4.7 too.
			$this->assertFalse( wp_mail( str_repeat( 'a', 65 ) . '@example.com', 'Order', 'Thanks.' ) );
			$this->assertSame( 'MS42207', get_option( Failure_Log::OPTION )['ms_code'] );
		} finally {
			remove_filter( 'wp_mail_smtp_standin_version', $old );
		}

		// Outside a send, a three-argument call has no MailerSend answer behind it.
		( new Failure_Log() )->clear();
		do_action( 'wp_mail_smtp_mailcatcher_send_failed', 'Your account is suspended. #MS40304', null, 'mailersend' );
		$this->assertNull( ( new Failure_Log() )->get() );
	}

	public function test_a_recipient_phpmailer_refuses_is_not_a_mailersend_failure(): void {
		$this->saved_token( 'expired' );
		$this->assertFalse( wp_mail( 'customer@example.com', 'Order', 'Thanks.' ) );
		$mailersend = get_option( Failure_Log::OPTION );

		// is_email() accepts a 65-character local part; PHPMailer does not, so nothing reaches MailerSend.
		$long = str_repeat( 'a', 65 ) . '@example.com';
		$this->assertTrue( (bool) is_email( $long ) );
		$this->standin( 'DELETE', '/__standin/requests' );
		$this->assertFalse( wp_mail( $long, 'Order', 'Thanks.' ) );
		$this->assertSame( array(), $this->standin_requests_to( '/v1/email' ) );

		// WP Mail SMTP logged it under "Mailer: MailerSend"…
		$this->assertStringContainsString( 'recipient', (string) \WPMailSMTP\Debug::get_last() );
		// …but the last MailerSend failure is still MailerSend's own.
		$this->assertSame( $mailersend['at'], get_option( Failure_Log::OPTION )['at'] );
		$this->assertSame( 'Unauthenticated.', get_option( Failure_Log::OPTION )['message'] );
		$failure = $this->plugin_adapter()->last_failure();
		$this->assertNotNull( $failure );
		$this->assertSame( 'Unauthenticated.', $failure['message'] );
		$this->assertSame( 401, $failure['http_status'] );

		// On a site with no MailerSend failure, there is none at all.
		( new Failure_Log() )->clear();
		$this->assertFalse( wp_mail( $long, 'Order', 'Thanks.' ) );
		$this->assertNull( ( new Failure_Log() )->get() );
		$this->assertNull( $this->plugin_adapter()->last_failure() );
	}

	/**
	 * Puts a stand-in token in WP Mail SMTP's settings.
	 *
	 * @param string $name Token name in tokens.json.
	 * @return void
	 */
	private function saved_token( string $name ): void {
		$option                          = $this->wpms_option();
		$option['mailersend']['api_key'] = $this->token( $name );
		$this->set_wpms_option( $option );
	}

	/**
	 * The running plugin's WP Mail SMTP adapter.
	 *
	 * @return \FixMailerSend\WpMailSmtp\Adapter
	 */
	private function plugin_adapter(): \FixMailerSend\WpMailSmtp\Adapter {
		$plugin = Plugin::instance();
		$this->assertNotNull( $plugin );
		return $plugin->adapter();
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
