<?php
/**
 * Bad input on every route: a 400 from the schema, nothing written, nothing asked of MailerSend.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Rest;

use FixMailerSend\Tests\TestCase;
use PHPUnit\Framework\Attributes\DataProvider;

final class BadInputTest extends TestCase {

	/**
	 * Token values no route accepts.
	 *
	 * @return array<string, array{mixed}>
	 */
	public static function bad_tokens(): array {
		return array(
			'empty'               => array( '' ),
			'only spaces'         => array( '    ' ),
			'10 kB'               => array( 'mlsn.' . str_repeat( 'a', 10240 ) ),
			'just over 2048'      => array( str_repeat( 'a', 2049 ) ),
			'non-ASCII'           => array( 'mlsn.FAKEstandinValidFull00000000000000000000000000000000é' ),
			'ellipsis'            => array( 'mlsn.FAKEsta…0000' ),
			'emoji'               => array( '🔑' ),
			'HTML/script'         => array( '<script>alert(1)</script>' ),
			'HTML attribute'      => array( 'mlsn.abc"><img src=x onerror=alert(1)>' ),
			'newline-laden paste' => array( "mlsn.FAKEstandinValidFull\n0000000000\n0000000000\r\n0000000000\n" ),
			'tab'                 => array( "mlsn.FAKEstandin\tValidFull" ),
			'NUL byte'            => array( "mlsn.FAKE\0standin" ),
			'number'              => array( 12345 ),
			'float'               => array( 1.5 ),
			'boolean'             => array( true ),
			'null'                => array( null ),
			'list'                => array( array( 'mlsn.abc' ) ),
			'object'              => array( array( 'token' => 'mlsn.abc' ) ),
		);
	}

	#[DataProvider( 'bad_tokens' )]
	public function test_token_check_rejects_bad_token( $token ): void {
		$this->assert_rejected( 'POST', '/token/check', array( 'token' => $token ), 'token' );
	}

	#[DataProvider( 'bad_tokens' )]
	public function test_token_save_rejects_bad_token( $token ): void {
		// A required parameter sent as null counts as missing for core.
		$code = null === $token ? 'rest_missing_callback_param' : 'rest_invalid_param';
		$this->assert_rejected( 'PUT', '/token', array( 'token' => $token ), 'token', $code );
	}

	/**
	 * Other parameters of the wrong type or shape.
	 *
	 * @return array<string, array{string, string, array<string, mixed>, string}>
	 */
	public static function bad_params(): array {
		$token = 'mlsn.FAKEstandinValidFull00000000000000000000000000000000000000000000';
		return array(
			'check deep "yes"'              => array( 'POST', '/token/check', array( 'deep' => 'yes' ), 'deep' ),
			'check deep list'               => array( 'POST', '/token/check', array( 'deep' => array( true ) ), 'deep' ),
			'save switch_mailer "please"'   => array(
				'PUT',
				'/token',
				array(
					'token'         => $token,
					'switch_mailer' => 'please',
				),
				'switch_mailer',
			),
			'save save_anyway 2'            => array(
				'PUT',
				'/token',
				array(
					'token'       => $token,
					'save_anyway' => 2,
				),
				'save_anyway',
			),
			'save expires_at not a date'    => array(
				'PUT',
				'/token',
				array(
					'token'      => $token,
					'expires_at' => 'next week',
				),
				'expires_at',
			),
			'save expires_at 30 February'   => array(
				'PUT',
				'/token',
				array(
					'token'      => $token,
					'expires_at' => '2027-02-30',
				),
				'expires_at',
			),
			'save expires_at with time'     => array(
				'PUT',
				'/token',
				array(
					'token'      => $token,
					'expires_at' => '2027-01-01T00:00:00',
				),
				'expires_at',
			),
			'save expires_at final newline' => array(
				'PUT',
				'/token',
				array(
					'token'      => $token,
					'expires_at' => "2026-12-08\n",
				),
				'expires_at',
			),
			'save expires_at final CRLF'    => array(
				'PUT',
				'/token',
				array(
					'token'      => $token,
					'expires_at' => "2026-12-08\r\n",
				),
				'expires_at',
			),
			'save expires_at leading space' => array(
				'PUT',
				'/token',
				array(
					'token'      => $token,
					'expires_at' => ' 2026-12-08',
				),
				'expires_at',
			),
			'save expires_at number'        => array(
				'PUT',
				'/token',
				array(
					'token'      => $token,
					'expires_at' => 20270101,
				),
				'expires_at',
			),
			'test email to empty'           => array( 'POST', '/test-email', array( 'to' => '' ), 'to' ),
			'test email to 10 kB'           => array( 'POST', '/test-email', array( 'to' => str_repeat( 'a', 10240 ) . '@example.com' ), 'to' ),
			'test email to non-ASCII'       => array( 'POST', '/test-email', array( 'to' => 'jürgen@example.com' ), 'to' ),
			'test email to HTML'            => array( 'POST', '/test-email', array( 'to' => '<script>alert(1)</script>@example.com' ), 'to' ),
			'test email to header inject'   => array( 'POST', '/test-email', array( 'to' => "someone@example.com\r\nBcc: victim@example.org" ), 'to' ),
			'test email to not an address'  => array( 'POST', '/test-email', array( 'to' => 'someone' ), 'to' ),
			'test email to number'          => array( 'POST', '/test-email', array( 'to' => 42 ), 'to' ),
			'test email to list'            => array( 'POST', '/test-email', array( 'to' => array( 'a@example.com', 'b@example.com' ) ), 'to' ),
			'test email html "maybe"'       => array(
				'POST',
				'/test-email',
				array(
					'to'   => 'someone@example.com',
					'html' => 'maybe',
				),
				'html',
			),
		);
	}

	#[DataProvider( 'bad_params' )]
	public function test_rejects_bad_param( string $method, string $route, array $params, string $param ): void {
		$this->assert_rejected( $method, $route, $params, $param );
	}

	public function test_a_date_with_a_final_newline_gets_a_clear_message(): void {
		$this->log_in_as( 'administrator' );
		$response = $this->rest(
			'PUT',
			'/token',
			array(
				'token'      => $this->token( 'valid_full' ),
				'expires_at' => "2026-12-08\n",
			)
		);

		$this->assertRestError( 400, 'rest_invalid_param', $response );
		$this->assertSame( 'The expiration date must be a real date (YYYY-MM-DD).', $this->json( $response )['data']['params']['expires_at'] ?? null );
		$this->assertFalse( get_option( 'fix_mailersend_token_expires' ) );
		$this->assertSame( array(), $this->standin_requests() );
	}

	public function test_missing_required_params_are_rejected(): void {
		$this->log_in_as( 'administrator' );
		$before = serialize( $this->wpms_option() ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize

		$this->assertRestError( 400, 'rest_missing_callback_param', $this->rest( 'PUT', '/token', array( 'switch_mailer' => true ) ) );
		$this->assertRestError( 400, 'rest_missing_callback_param', $this->rest( 'POST', '/test-email', array( 'html' => true ) ) );

		$this->assertSame( $before, serialize( $this->wpms_option() ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
		$this->assertSame( array(), $this->standin_requests() );
	}

	public function test_malformed_json_body_is_rejected(): void {
		$this->log_in_as( 'administrator' );
		$before   = serialize( $this->wpms_option() ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
		$response = $this->rest_raw( 'PUT', '/token', '{"token": "mlsn.abc", ' );

		$this->assertRestError( 400, 'rest_invalid_json', $response );
		$this->assertSame( $before, serialize( $this->wpms_option() ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
	}

	public function test_wrong_method_is_not_routed(): void {
		$this->log_in_as( 'administrator' );
		$this->assertRestError( 404, 'rest_no_route', $this->rest( 'POST', '/token', array( 'token' => $this->token( 'valid_full' ) ) ) );
		$this->assertRestError( 404, 'rest_no_route', $this->rest( 'GET', '/test-email', array( 'to' => 'a@example.com' ) ) );
		$this->assertSame( array(), $this->standin_requests() );
	}

	/**
	 * Asserts a 400 rest_invalid_param naming the parameter, with nothing changed.
	 *
	 * @param string               $method HTTP method.
	 * @param string               $route  Route.
	 * @param array<string, mixed> $params Parameters.
	 * @param string               $param  The parameter expected to be named.
	 * @param string               $code   Expected error code.
	 */
	private function assert_rejected( string $method, string $route, array $params, string $param, string $code = 'rest_invalid_param' ): void {
		$this->log_in_as( 'administrator' );
		$before = serialize( $this->wpms_option() ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize

		$response = $this->rest( $method, $route, $params );
		$data     = $this->json( $response );

		$this->assertRestError( 400, $code, $response );
		$named = $data['data']['params'] ?? array();
		$this->assertTrue( isset( $named[ $param ] ) || in_array( $param, $named, true ), (string) wp_json_encode( $data ) );

		// Byte-identical settings, no MailerSend request, no trace.
		$this->assertSame( $before, serialize( $this->wpms_option() ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
		$this->assertSame( array(), $this->standin_requests() );
		$this->assertFalse( get_option( 'fix_mailersend_audit' ) );
		$this->assertFalse( get_option( 'fix_mailersend_last_check' ) );

		// The rejected value is not echoed back whole (it may be a secret).
		if ( isset( $params['token'] ) && is_string( $params['token'] ) && strlen( $params['token'] ) >= 8 ) {
			$this->assertStringNotContainsString( $params['token'], (string) wp_json_encode( $data ) );
		}
	}
}
