<?php
/**
 * GET /status: what the Diagnose step shows, read without calling MailerSend.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Rest;

use FixMailerSend\Support\Mask;
use FixMailerSend\Tests\TestCase;

final class StatusTest extends TestCase {

	protected function setUp(): void {
		parent::setUp();
		$this->log_in_as( 'administrator' );
	}

	public function test_status_describes_the_installed_site(): void {
		$response = $this->rest( 'GET', '/status' );
		$data     = $this->json( $response );

		$this->assertSame( 200, $response->get_status() );
		$this->assertSame(
			array(
				'state'        => 'active',
				'version'      => '4.8.0',
				'min_version'  => '4.5.0',
				'pro'          => false,
				'settings_url' => admin_url( 'admin.php?page=wp-mail-smtp' ),
				'network_wide' => false,
			),
			$data['wp_mail_smtp']
		);
		$this->assertSame( 'mailersend', $data['mailer']['slug'] );
		$this->assertTrue( $data['mailer']['is_mailersend'] );
		$this->assertSame( 'database', $data['token']['source'] );
		$this->assertSame( Mask::token( $this->token( 'expired' ) ), $data['token']['masked'] );
		$this->assertSame( 'WPMS_MAILERSEND_API_KEY', $data['token']['constant'] );
		$this->assertSame(
			array(
				'email'  => 'wordpress@example.com',
				'domain' => 'example.com',
			),
			$data['from']
		);
		$this->assertNull( $data['last_failure'] );
		$this->assertNull( $data['last_check'] );
		$this->assertSame( 'not_checked', $data['headline']['id'] );
		$this->assert_verdict_shape( $data['headline'] );

		// Status never asks MailerSend, and never shows the token.
		$this->assertSame( array(), $this->standin_requests() );
		$this->assert_no_token( $response );
	}

	public function test_status_shows_the_last_failure_after_a_failed_email(): void {
		$this->assertFalse( wp_mail( 'customer@example.com', 'Your order', 'Thanks for your order.' ) );

		$response = $this->rest( 'GET', '/status' );
		$data     = $this->json( $response );
		$failure  = $data['last_failure'];

		$this->assertIsArray( $failure );
		$this->assertSame( 'Unauthenticated.', $failure['message'] );
		$this->assertSame( 401, $failure['http_status'] );
		$this->assertNull( $failure['ms_code'] );
		$this->assertFalse( $failure['resolved'] );
		$this->assertTrue( $failure['current_token'] );
		$this->assertIsString( $failure['at'] );
		$this->assertEqualsWithDelta( time(), strtotime( $failure['at'] ), 60 );
		$this->assertSame( 'unauthenticated', $failure['verdict']['id'] );
		$this->assert_verdict_shape( $failure['verdict'] );
		$this->assertSame( 'unauthenticated', $data['headline']['id'] );
		$this->assert_no_token( $response );
	}

	public function test_a_failure_with_a_replaced_token_says_so(): void {
		$this->assertFalse( wp_mail( 'customer@example.com', 'Your order', 'Thanks for your order.' ) );
		$this->assertSame( 200, $this->rest( 'PUT', '/token', array( 'token' => $this->token( 'valid_full' ) ) )->get_status() );

		$failure = $this->json( $this->rest( 'GET', '/status' ) )['last_failure'];

		$this->assertIsArray( $failure );
		$this->assertFalse( $failure['resolved'], 'no email went out since' );
		$this->assertFalse( $failure['current_token'] );
	}

	public function test_status_shows_a_failure_known_only_to_wp_mail_smtp(): void {
		// A failure from before Fix MailerSend was installed: only WP Mail SMTP's debug log has it.
		\WPMailSMTP\Debug::set( "Mailer: MailerSend\r\nThe from.email domain must be verified in your account to send emails. #MS42207" );

		$data    = $this->json( $this->rest( 'GET', '/status' ) );
		$failure = $data['last_failure'];

		$this->assertIsArray( $failure );
		$this->assertNull( $failure['at'] );
		$this->assertSame( 'MS42207', $failure['ms_code'] );
		$this->assertStringContainsString( 'must be verified', $failure['message'] );
		$this->assertSame( 'domain_unverified', $failure['verdict']['id'] );
		$this->assertSame( 'domain_unverified', $data['headline']['id'] );
	}

	public function test_a_failure_text_that_echoes_a_token_never_shows_it(): void {
		// WP Mail SMTP's form for a non-JSON answer (a proxy's error page that repeats the request).
		$saved = $this->token( 'expired' );
		$other = $this->token( 'valid_full' );
		$jwt   = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiIxIiwianRpIjoiZmFrZSJ9.c2lnbmF0dXJlZmFrZQ';
		\WPMailSMTP\Debug::set( "Mailer: MailerSend\r\n500: Internal Server Error\r\n<html><body><h1>500 Internal Server Error</h1><p>Authorization: Bearer $saved</p><p>Previous: $other, $jwt, mssp.AbCdEf123456.ghi</p></body></html>" );

		$response = $this->rest( 'GET', '/status' );
		$data     = $this->json( $response );
		$json     = (string) wp_json_encode( $data );

		$this->assertIsArray( $data['last_failure'] );
		$this->assertSame( 'mailersend_unavailable', $data['last_failure']['verdict']['id'] );
		$this->assertSame( 'mailersend_unavailable', $data['headline']['id'] );
		$this->assertStringContainsString( '500 Internal Server Error', $data['last_failure']['message'] );
		// WP Mail SMTP strips the tags as it records the text, so the saved token runs into the
		// next word ("…XpirPrevious:"): the saved token is known, so it is masked by its value
		// and the word after it stays; the other one is masked by its shape.
		$this->assertStringContainsString( 'Authorization: Bearer mlsn.FA…XpirPrevious: mlsn.FA…Full, ', $data['headline']['evidence']['message'] );
		$this->assert_no_token( $response );
		$this->assertStringNotContainsString( $jwt, $json );
		$this->assertStringNotContainsString( 'mssp.AbCdEf123456.ghi', $json );
	}

	/**
	 * A proxy's error page, as WP Mail SMTP words a non-JSON answer, repeating the request's
	 * Authorization header.
	 *
	 * @param string $token The token it repeats.
	 * @return string
	 */
	private static function proxy_page( string $token ): string {
		return "Mailer: MailerSend\r\n502: Bad Gateway\r\n<html><body><h1>502 Bad Gateway</h1><pre>Authorization: Bearer $token</pre></body></html>";
	}

	public function test_a_saved_legacy_token_of_no_known_shape_is_masked_by_value_everywhere(): void {
		// An older (JWT-style) token with segments too short to look like a token.
		$legacy = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOjF9.c2lnbmF0dXJl';
		$this->assertSame( $legacy, Mask::scrub_tokens( $legacy ), 'No shape matches it: only its value can mask it.' );
		$this->set_api_key( $legacy );
		\WPMailSMTP\Debug::set( self::proxy_page( $legacy ) );

		$data = $this->json( $this->rest( 'GET', '/status' ) );

		$this->assertStringNotContainsString( $legacy, (string) wp_json_encode( $data ) );
		$this->assertSame( 'eyJhbGc…dXJl', $data['token']['masked'] );
		$this->assertStringContainsString( 'Authorization: Bearer eyJhbGc…dXJl', $data['last_failure']['message'] );
		$this->assertStringContainsString( 'Authorization: Bearer eyJhbGc…dXJl', $data['last_failure']['verdict']['evidence']['message'] );
		$this->assertSame( 'mailersend_unavailable', $data['headline']['id'] );
		$this->assertStringContainsString( 'Authorization: Bearer eyJhbGc…dXJl', $data['headline']['evidence']['message'] );
	}

	#[\PHPUnit\Framework\Attributes\RunInSeparateProcess]
	#[\PHPUnit\Framework\Attributes\PreserveGlobalState( false )]
	public function test_the_constants_legacy_token_is_masked_by_value(): void {
		$constant = 'eyJhbGciOiJub25lIn0.eyJpZCI6N30.Y29uc3Q';
		define( 'WPMS_ON', true ); // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals -- WP Mail SMTP's constant.
		define( 'WPMS_MAILERSEND_API_KEY', $constant ); // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals -- WP Mail SMTP's constant.
		// Saved before the constant took over: a secret too, though WP Mail SMTP ignores it now.
		$saved = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOjl9.b2xk';
		$this->set_api_key( $saved );
		\WPMailSMTP\Debug::set( self::proxy_page( $constant ) . "\r\nX-Previous: $saved" );

		$data = $this->json( $this->rest( 'GET', '/status' ) );
		$json = (string) wp_json_encode( $data );

		$this->assertSame( 'constant', $data['token']['source'] );
		$this->assertStringNotContainsString( $constant, $json );
		$this->assertStringNotContainsString( $saved, $json );
		$this->assertStringContainsString( 'Authorization: Bearer eyJhbGc…uc3Q', $data['last_failure']['verdict']['evidence']['message'] );
		$this->assertStringContainsString( 'Authorization: Bearer eyJhbGc…uc3Q', $data['headline']['evidence']['message'] );
	}

	public function test_a_checked_legacy_token_quoted_by_a_proxy_is_masked_by_value(): void {
		$pasted = 'eyJhbGciOiJub25lIn0.eyJpZCI6OH0.Y2hlY2tlZA';
		$mock   = static function ( $pre, $args, $url ) {
			if ( false !== $pre || ! is_string( $url ) || 0 !== strpos( $url, 'https://api.mailersend.com/' ) ) {
				return $pre;
			}
			return array(
				'headers'  => array( 'content-type' => 'text/html' ),
				'body'     => '<html><body><h1>403 Forbidden</h1><pre>Authorization: ' . $args['headers']['Authorization'] . '</pre></body></html>',
				'response' => array(
					'code'    => 403,
					'message' => 'Forbidden',
				),
				'cookies'  => array(),
				'filename' => null,
			);
		};
		add_filter( 'pre_http_request', $mock, 10, 3 );
		try {
			$data = $this->json( $this->rest( 'POST', '/token/check', array( 'token' => $pasted ) ) );
		} finally {
			remove_filter( 'pre_http_request', $mock, 10 );
		}

		$this->assertSame( 'unknown', $data['verdict']['id'] );
		$this->assertStringNotContainsString( $pasted, (string) wp_json_encode( $data ) );
		$this->assertStringContainsString( 'Authorization: Bearer eyJhbGc…tlZA', (string) $data['verdict']['evidence']['raw_body'] );
	}

	public function test_a_successful_send_resolves_the_last_failure(): void {
		$this->assertFalse( wp_mail( 'customer@example.com', 'Your order', 'Thanks.' ) );
		$this->set_api_key( $this->token( 'valid_full' ) );
		$this->assertTrue( wp_mail( 'customer@example.com', 'Your order', 'Thanks.' ) );

		$data = $this->json( $this->rest( 'GET', '/status' ) );

		$this->assertIsArray( $data['last_failure'] );
		$this->assertTrue( $data['last_failure']['resolved'] );
		$this->assertNotSame( 'unauthenticated', $data['headline']['id'] );
	}

	public function test_a_recheck_becomes_the_last_check_and_the_headline(): void {
		$this->assertSame( 200, $this->rest( 'POST', '/token/check' )->get_status() );

		$data = $this->json( $this->rest( 'GET', '/status' ) );

		$this->assertIsArray( $data['last_check'] );
		$this->assertSame( 'unauthenticated', $data['last_check']['verdict']['id'] );
		$this->assertTrue( $data['last_check']['current'] );
		$this->assertSame( 'unauthenticated', $data['headline']['id'] );
	}

	public function test_a_check_of_another_token_is_not_current(): void {
		$this->assertSame( 200, $this->rest( 'POST', '/token/check' )->get_status() );
		// The token is changed elsewhere (WP Mail SMTP's own screen).
		$this->set_api_key( $this->token( 'valid_full' ) );

		$data = $this->json( $this->rest( 'GET', '/status' ) );

		$this->assertFalse( $data['last_check']['current'] );
		$this->assertSame( 'not_checked', $data['headline']['id'] );
	}

	public function test_no_token(): void {
		$this->set_api_key( '' );

		$data = $this->json( $this->rest( 'GET', '/status' ) );

		$this->assertSame( 'none', $data['token']['source'] );
		$this->assertNull( $data['token']['masked'] );
		$this->assertSame( 'missing', $data['headline']['id'] );
	}

	public function test_a_malformed_saved_token_is_flagged_without_a_request(): void {
		$this->set_api_key( 'mssp.abcdefghijklmnopqrstuvwxyz' );

		$data = $this->json( $this->rest( 'GET', '/status' ) );

		$this->assertSame( 'smtp_password_pasted', $data['headline']['id'] );
		$this->assertSame( array(), $this->standin_requests() );
	}

	public function test_another_mailer(): void {
		$option                   = $this->wpms_option();
		$option['mail']['mailer'] = 'smtp';
		$this->set_wpms_option( $option );

		$data = $this->json( $this->rest( 'GET', '/status' ) );

		$this->assertSame( 'smtp', $data['mailer']['slug'] );
		$this->assertFalse( $data['mailer']['is_mailersend'] );
		$this->assertSame( 'mailer_not_mailersend', $data['headline']['id'] );
	}

	public function test_from_falls_back_to_wordpress_default(): void {
		$option                       = $this->wpms_option();
		$option['mail']['from_email'] = '';
		$this->set_wpms_option( $option );

		$data = $this->json( $this->rest( 'GET', '/status' ) );
		$host = (string) wp_parse_url( home_url(), PHP_URL_HOST );

		$this->assertSame( 'wordpress@' . $host, $data['from']['email'] );
		$this->assertSame( $host, $data['from']['domain'] );
	}

	public function test_empty_evidence_is_a_json_object(): void {
		$response = $this->rest( 'GET', '/status' );
		$json     = (string) wp_json_encode( rest_get_server()->response_to_data( $response, false ) );

		$this->assertStringContainsString( '"evidence":{}', $json );
	}

	/**
	 * Sets WP Mail SMTP's MailerSend key directly (as its own screen would).
	 *
	 * @param string $token Token.
	 */
	private function set_api_key( string $token ): void {
		$option                          = $this->wpms_option();
		$option['mailersend']['api_key'] = $token;
		$this->set_wpms_option( $option );
	}

	/**
	 * @param mixed $verdict A verdict as JSON data.
	 */
	private function assert_verdict_shape( $verdict ): void {
		$this->assertIsArray( $verdict );
		$this->assertSame( array( 'id', 'severity', 'title', 'explanation', 'steps', 'evidence', 'policy' ), array_keys( $verdict ) );
		$this->assertSame( array( 'step', 'proves_token', 'save_anyway' ), array_keys( $verdict['policy'] ) );
		$this->assertContains( $verdict['severity'], array( 'success', 'info', 'warning', 'error' ) );
		$this->assertNotSame( '', $verdict['title'] );
		$this->assertIsArray( $verdict['steps'] );
	}

	/**
	 * @param \WP_REST_Response $response Response.
	 */
	private function assert_no_token( \WP_REST_Response $response ): void {
		$json = (string) wp_json_encode( rest_get_server()->response_to_data( $response, false ) );
		foreach ( self::tokens_file()['tokens'] as $entry ) {
			$this->assertStringNotContainsString( $entry['token'], $json );
		}
	}
}
