<?php
/**
 * The WP Mail SMTP adapter against the WP Mail SMTP stand-in.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- WP Mail SMTP's and WordPress's own constants and hooks.

namespace FixMailerSend\Tests\WpMailSmtp;

use FixMailerSend\Plugin;
use FixMailerSend\Tests\TestCase;
use FixMailerSend\WpMailSmtp\Adapter;
use PHPUnit\Framework\Attributes\PreserveGlobalState;
use PHPUnit\Framework\Attributes\RunInSeparateProcess;
use FixMailerSend\Support\Token;

final class AdapterTest extends TestCase {

	/**
	 * The running plugin's adapter.
	 *
	 * @var Adapter
	 */
	private $adapter;

	protected function setUp(): void {
		parent::setUp();
		$plugin = Plugin::instance();
		$this->assertNotNull( $plugin );
		$this->adapter = $plugin->adapter();
	}

	public function test_state_of_the_stand_in(): void {
		$this->assertTrue( $this->adapter->is_loaded() );
		$this->assertSame( 'active', $this->adapter->state() );
		$this->assertSame( '4.8.0', $this->adapter->version() );
		$this->assertFalse( $this->adapter->is_pro() );
		$this->assertSame( 'manage_options', $this->adapter->capability() );
		$this->assertSame( 'mailersend', $this->adapter->mailer() );
		$this->assertTrue( $this->adapter->is_mailersend() );
		$this->assertFalse( $this->adapter->mailer_from_constant() );
	}

	public function test_pro_is_what_wp_mail_smtp_says_not_its_folder(): void {
		// The stand-in runs from the Lite folder; WP Mail SMTP's own answer wins.
		$this->assertSame( 'wp-mail-smtp', basename( dirname( (string) constant( 'WPMS_PLUGIN_FILE' ) ) ) );
		add_filter( 'wp_mail_smtp_core_is_pro', '__return_true' );
		try {
			$this->assertTrue( wp_mail_smtp()->is_pro() );
			$this->assertTrue( $this->adapter->is_pro() );
			$this->assertTrue( $this->json( $this->rest_as_admin_status() )['wp_mail_smtp']['pro'] );
		} finally {
			remove_filter( 'wp_mail_smtp_core_is_pro', '__return_true' );
		}
		$this->assertFalse( $this->adapter->is_pro() );
	}

	/**
	 * GET /status as a new administrator.
	 *
	 * @return \WP_REST_Response
	 */
	private function rest_as_admin_status(): \WP_REST_Response {
		$this->log_in_as( 'administrator' );
		return $this->rest( 'GET', '/status' );
	}

	public function test_token_and_source(): void {
		$this->assertSame( $this->token( 'expired' ), $this->adapter->token() );
		$this->assertSame( 'database', $this->adapter->token_source() );
		$this->assertFalse( $this->adapter->token_from_constant() );

		$option                          = $this->wpms_option();
		$option['mailersend']['api_key'] = '';
		$this->set_wpms_option( $option );

		$this->assertSame( '', $this->adapter->token() );
		$this->assertSame( 'none', $this->adapter->token_source() );
	}

	public function test_from_address(): void {
		$this->assertSame( 'wordpress@example.com', $this->adapter->from_email() );
		$this->assertSame( 'example.com', $this->adapter->from_domain() );

		$option                       = $this->wpms_option();
		$option['mail']['from_email'] = 'Shop@Mail.Example.ORG';
		$this->set_wpms_option( $option );
		$this->assertSame( 'mail.example.org', $this->adapter->from_domain() );
	}

	public function test_save_token_merges_through_wp_mail_smtp(): void {
		$before = $this->wpms_option();
		$token  = $this->token( 'valid_full' );
		$calls  = 0;
		$after  = static function () use ( &$calls ): void {
			++$calls;
		};
		add_action( 'wp_mail_smtp_options_set_after', $after );
		try {
			$result = $this->adapter->save_token( Token::from( $token ), false );
		} finally {
			remove_action( 'wp_mail_smtp_options_set_after', $after );
		}

		$this->assertSame(
			array(
				'mailer_switched' => false,
				'previous'        => $this->token( 'expired' ),
			),
			$result,
			'the token this write replaced'
		);
		$this->assertSame( 1, $calls, 'Saved through WPMailSMTP\Options::set(), once.' );
		$expected                          = $before;
		$expected['mailersend']['api_key'] = $token;
		$this->assertSame( serialize( $expected ), serialize( $this->wpms_option() ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
		$this->assertSame( $token, $this->adapter->token() );
	}

	public function test_save_token_reports_a_filter_that_drops_it(): void {
		$drop = static function ( $options ) {
			$options['mailersend']['api_key'] = 'mlsn.somethingElseEntirely';
			return $options;
		};
		add_filter( 'wp_mail_smtp_options_set', $drop );
		try {
			$result = $this->adapter->save_token( Token::from( $this->token( 'valid_full' ) ), false );
		} finally {
			remove_filter( 'wp_mail_smtp_options_set', $drop );
		}

		$this->assertInstanceOf( \WP_Error::class, $result );
		$this->assertSame( 'fix_mailersend_save_failed', $result->get_error_code() );
	}

	public function test_last_failure_from_the_hook_and_debug(): void {
		$this->assertNull( $this->adapter->last_failure() );

		$this->assertFalse( wp_mail( 'customer@example.com', 'Order', 'Thanks.' ) );
		$failure = $this->adapter->last_failure();

		$this->assertIsArray( $failure );
		$this->assertSame( 'Unauthenticated.', $failure['message'] );
		$this->assertSame( 401, $failure['http_status'] );
		$this->assertFalse( $failure['resolved'] );
		$this->assertTrue( $failure['current_token'] );
		$this->assertIsString( $failure['at'] );
	}

	public function test_a_debug_entry_of_another_mailer_is_ignored(): void {
		\WPMailSMTP\Debug::set( "Mailer: Other SMTP\r\nSMTP Error: Could not authenticate." );

		$this->assertNull( $this->adapter->last_failure() );
	}

	public function test_a_transport_failure_matches_its_debug_entry(): void {
		$option                          = $this->wpms_option();
		$option['mailersend']['api_key'] = $this->token( 'fault_refused' );
		$this->set_wpms_option( $option );

		$this->assertFalse( wp_mail( 'customer@example.com', 'Order', 'Thanks.' ) );
		$failure = $this->adapter->last_failure();

		$this->assertIsArray( $failure );
		$this->assertSame( '', $failure['message'] );
		$this->assertSame( 0, $failure['http_status'] );
		$this->assertIsString( $failure['at'] );
	}

	#[RunInSeparateProcess]
	#[PreserveGlobalState( false )]
	public function test_constant_source(): void {
		define( 'WPMS_ON', true );
		define( 'WPMS_MAILERSEND_API_KEY', $this->token( 'valid_full' ) );

		$this->assertSame( 'constant', $this->adapter->token_source() );
		$this->assertSame( $this->token( 'valid_full' ), $this->adapter->token() );

		$result = $this->adapter->save_token( Token::from( $this->token( 'other_account' ) ), false );
		$this->assertInstanceOf( \WP_Error::class, $result );
		$this->assertSame( 'fix_mailersend_constant_defined', $result->get_error_code() );
		$this->assertSame( 409, $result->get_error_data()['status'] );
		$this->assertSame( $this->token( 'expired' ), $this->wpms_option()['mailersend']['api_key'] );
	}

	#[RunInSeparateProcess]
	#[PreserveGlobalState( false )]
	public function test_wpms_on_must_be_exactly_true(): void {
		define( 'WPMS_ON', 'true' );
		define( 'WPMS_MAILERSEND_API_KEY', $this->token( 'valid_full' ) );

		$this->assertSame( 'database', $this->adapter->token_source() );
		$this->assertSame( $this->token( 'expired' ), $this->adapter->token() );
	}
}
