<?php
/**
 * Saving the token never reverts a change made meanwhile, and a token WP Mail SMTP did not
 * keep is undone and reported as it is.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- WP Mail SMTP's own hooks.

namespace FixMailerSend\Tests\WpMailSmtp;

use FixMailerSend\Plugin;
use FixMailerSend\Tests\TestCase;
use FixMailerSend\WpMailSmtp\Adapter;
use FixMailerSend\Support\Token;

final class SaveTokenSafetyTest extends TestCase {

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
		$this->log_in_as( 'administrator' );
		$this->give_wp_mail_smtp_other_settings();
	}

	/**
	 * What another request (another admin on WP Mail SMTP's screen) does while this one waits
	 * for MailerSend: it writes the option in the database, and this request's copies (WP Mail
	 * SMTP's Options::init() and the options cache) know nothing of it.
	 *
	 * @param array<string, mixed> $option WP Mail SMTP's whole option.
	 * @return void
	 */
	private function write_from_another_request( array $option ): void {
		global $wpdb;
		$wpdb->update( $wpdb->options, array( 'option_value' => maybe_serialize( $option ) ), array( 'option_name' => 'wp_mail_smtp' ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
	}

	// ---------------------------------------------------------------------------------------
	// A change made meanwhile is kept.
	// ---------------------------------------------------------------------------------------

	public function test_the_save_merges_into_the_settings_in_the_database_not_a_stale_copy(): void {
		// This request has read WP Mail SMTP's settings (as every request does when it starts).
		$this->assertSame( 'Shop & Co — "Ünïcode"', \WPMailSMTP\Options::init()->get( 'mail', 'from_name' ) );
		$this->assertSame( 'Shop & Co — "Ünïcode"', get_option( 'wp_mail_smtp' )['mail']['from_name'] );

		$changed                      = $this->wpms_option();
		$changed['mail']['from_name'] = 'Renamed meanwhile';
		$changed['smtp']['host']      = 'smtp.changed.example';
		$this->write_from_another_request( $changed );

		$token  = $this->token( 'valid_full' );
		$result = $this->adapter->save_token( Token::from( $token ), false );

		$this->assertSame(
			array(
				'mailer_switched' => false,
				'previous'        => $this->token( 'expired' ),
			),
			$result,
			'the token this write replaced'
		);
		$after                             = $this->wpms_option();
		$expected                          = $changed;
		$expected['mailersend']['api_key'] = $token;
		$this->assertSame( serialize( $expected ), serialize( $after ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
		// And WP Mail SMTP's own copy knows both.
		$this->assertSame( 'Renamed meanwhile', \WPMailSMTP\Options::init()->get( 'mail', 'from_name' ) );
		$this->assertSame( $token, $this->adapter->token() );
	}

	public function test_a_put_keeps_a_change_made_during_the_mailersend_calls(): void {
		$this->assertSame( 'Shop & Co — "Ünïcode"', \WPMailSMTP\Options::init()->get( 'mail', 'from_name' ) );
		$changed                      = $this->wpms_option();
		$changed['mail']['from_name'] = 'Renamed meanwhile';
		$this->write_from_another_request( $changed );

		$response = $this->rest( 'PUT', '/token', array( 'token' => $this->token( 'valid_full' ) ) );

		$this->assertSame( 200, $response->get_status(), (string) wp_json_encode( $this->json( $response ) ) );
		$after = $this->wpms_option();
		$this->assertSame( 'Renamed meanwhile', $after['mail']['from_name'] );
		$this->assertSame( $this->token( 'valid_full' ), $after['mailersend']['api_key'] );
	}

	public function test_the_mailer_is_judged_from_the_database_too(): void {
		// Meanwhile another admin made MailerSend the mailer: this save keeps it, and switched nothing.
		$option                   = $this->wpms_option();
		$option['mail']['mailer'] = 'smtp';
		$this->set_wpms_option( $option );
		$this->assertFalse( $this->adapter->is_mailersend() );
		$option['mail']['mailer'] = 'mailersend';
		$this->write_from_another_request( $option );

		$result = $this->adapter->save_token( Token::from( $this->token( 'valid_full' ) ), false );

		$this->assertSame(
			array(
				'mailer_switched' => false,
				'previous'        => $this->token( 'expired' ),
			),
			$result,
			'the token this write replaced'
		);
		$this->assertSame( 'mailersend', $this->wpms_option()['mail']['mailer'] );
	}

	// ---------------------------------------------------------------------------------------
	// A token WP Mail SMTP did not keep.
	// ---------------------------------------------------------------------------------------

	/**
	 * A filter that replaces the MailerSend key with another one when it is $when (any key
	 * when null), as a plugin filtering WP Mail SMTP's settings could.
	 *
	 * @param string|null $when The key to replace, or null for any.
	 * @return callable
	 */
	private function mangle_key( ?string $when ): callable {
		$mangle = static function ( $options ) use ( $when ) {
			if ( null === $when || ( $options['mailersend']['api_key'] ?? null ) === $when ) {
				$options['mailersend']['api_key'] = 'mlsn.mangledByAnotherPlugin';
			}
			return $options;
		};
		add_filter( 'wp_mail_smtp_options_set', $mangle );
		return $mangle;
	}

	public function test_a_mangled_key_is_undone_and_said_so(): void {
		$before = serialize( $this->wpms_option() ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
		$token  = $this->token( 'valid_full' );
		$mangle = $this->mangle_key( $token );
		try {
			$response = $this->rest( 'PUT', '/token', array( 'token' => $token ) );
		} finally {
			remove_filter( 'wp_mail_smtp_options_set', $mangle );
		}
		$data = $this->json( $response );

		$this->assertRestError( 500, 'fix_mailersend_save_failed', $response );
		$this->assertTrue( $data['data']['restored'] );
		$this->assertStringContainsString( 'The previous token was put back', $data['message'] );
		$this->assertStringNotContainsString( 'Nothing else was changed', $data['message'] );
		$this->assertStringNotContainsString( $token, (string) wp_json_encode( $data ) );

		// The previous token is back, and nothing else moved.
		$this->assertSame( $before, serialize( $this->wpms_option() ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
		$this->assertSame( $this->token( 'expired' ), $this->adapter->token() );
		$this->assertFalse( get_option( 'fix_mailersend_audit' ), 'Nothing changed, so nothing to audit.' );
	}

	public function test_a_mailer_switch_is_undone_with_the_key(): void {
		$option                   = $this->wpms_option();
		$option['mail']['mailer'] = 'smtp';
		$this->set_wpms_option( $option );
		$before = serialize( $this->wpms_option() ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
		$token  = $this->token( 'valid_full' );
		$mangle = $this->mangle_key( $token );
		try {
			$result = $this->adapter->save_token( Token::from( $token ), true );
		} finally {
			remove_filter( 'wp_mail_smtp_options_set', $mangle );
		}

		$this->assertInstanceOf( \WP_Error::class, $result );
		$this->assertSame( 'fix_mailersend_save_failed', $result->get_error_code() );
		$this->assertSame(
			array(
				'status'   => 500,
				'restored' => true,
				'reason'   => 'filtered',
			),
			$result->get_error_data()
		);
		$this->assertSame( $before, serialize( $this->wpms_option() ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
		$this->assertSame( 'smtp', $this->adapter->mailer() );
	}

	public function test_a_key_that_cannot_be_put_back_is_reported_as_such(): void {
		$token  = $this->token( 'valid_full' );
		$mangle = $this->mangle_key( null );
		try {
			$result = $this->adapter->save_token( Token::from( $token ), false );
		} finally {
			remove_filter( 'wp_mail_smtp_options_set', $mangle );
		}

		$this->assertInstanceOf( \WP_Error::class, $result );
		$this->assertSame( 'fix_mailersend_save_failed', $result->get_error_code() );
		$this->assertFalse( $result->get_error_data()['restored'] );
		$message = $result->get_error_message();
		$this->assertStringContainsString( 'putting the previous token back did not work either', $message );
		$this->assertStringNotContainsString( 'Nothing else was changed', $message );
		$this->assertSame( 'mlsn.mangledByAnotherPlugin', $this->wpms_option()['mailersend']['api_key'] );
	}

	// ---------------------------------------------------------------------------------------
	// A write the database refuses is called a database error.
	// ---------------------------------------------------------------------------------------

	public function test_a_database_error_on_wp_mail_smtps_write_is_called_so(): void {
		global $wpdb;
		$before = serialize( $this->wpms_option() ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
		$token  = $this->token( 'valid_full' );
		// The database refuses WP Mail SMTP's write of its option (a full disk, a lost table…).
		$break      = static function ( $query ) use ( $wpdb ) {
			if ( is_string( $query ) && 0 === strpos( $query, 'UPDATE' ) && false !== strpos( $query, "'wp_mail_smtp'" ) ) {
				return str_replace( "`{$wpdb->options}`", '`fms_no_such_table`', $query );
			}
			return $query;
		};
		$suppressed = $wpdb->suppress_errors( true );
		add_filter( 'query', $break );
		try {
			$response = $this->rest( 'PUT', '/token', array( 'token' => $token ) );
		} finally {
			remove_filter( 'query', $break );
			$wpdb->suppress_errors( $suppressed );
		}
		$data = $this->json( $response );

		$this->assertRestError( 500, 'fix_mailersend_save_failed', $response );
		$this->assertSame( 'database', $data['data']['reason'] );
		$this->assertTrue( $data['data']['restored'], 'the database still holds the previous token' );
		$this->assertStringContainsString( 'database error', $data['message'] );
		$this->assertStringContainsString( 'The saved token was not changed', $data['message'] );
		$this->assertStringNotContainsString( 'another plugin', $data['message'] );
		$this->assertStringNotContainsString( $token, (string) wp_json_encode( $data ) );

		$this->assertSame( $before, serialize( $this->wpms_option() ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
		$this->assertFalse( get_option( 'fix_mailersend_audit' ), 'Nothing changed, so nothing to audit.' );
	}
}
