<?php
/**
 * Api_Response.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Domain;

use FixMailerSend\MailerSend\Api_Response;

/**
 * Reading MailerSend's answers: codes, headers, bodies, transport errors.
 */
final class Api_Response_Test extends Domain_Test_Case {

	/**
	 * A WordPress HTTP API response array.
	 *
	 * @param int                   $status  Status.
	 * @param string                $body    Body.
	 * @param array<string, string> $headers Headers.
	 * @return array<string, mixed>
	 */
	private static function wp_response( int $status, string $body, array $headers = array() ): array {
		return array(
			'headers'  => $headers,
			'body'     => $body,
			'response' => array(
				'code'    => $status,
				'message' => '',
			),
			'cookies'  => array(),
		);
	}

	public function test_ms_codes_come_from_message_and_every_errors_array_in_order(): void {
		$body     = (string) wp_json_encode(
			array(
				'message' => 'The from.email domain must be verified in your account to send emails. #MS42207 (and 2 more errors)',
				'errors'  => array(
					'from.email' => array( 'The from.email domain must be verified in your account to send emails. #MS42207' ),
					'to'         => array( 'The to field is required. #MS42209' ),
					'text'       => array( 'You must provide one of html, text or template_id. #MS42211', 'again #MS42209' ),
				),
			)
		);
		$response = Api_Response::from_wp_http( self::wp_response( 422, $body ), 'post', 'https://api.mailersend.com/v1/email?x=1' );

		$this->assertSame( array( 'MS42207', 'MS42209', 'MS42211' ), $response->ms_codes() );
		$this->assertSame( 422, $response->status() );
		$this->assertSame( 'POST /v1/email', $response->endpoint() );
		$this->assertSame( array( 'from.email', 'to', 'text' ), array_keys( $response->errors() ) );
		$this->assertStringStartsWith( 'The from.email domain', $response->message() );
		$this->assertNull( $response->transport_error() );
	}

	public function test_headers_are_case_insensitive(): void {
		$response = new Api_Response(
			'GET /v1/api-quota',
			429,
			array(
				'Retry-After' => '42',
				'X-Multi'     => array( 'a', 'b' ),
			),
			'{"message":"Your account reached its rate limit. #MS42903"}'
		);
		$this->assertSame( '42', $response->header( 'retry-after' ) );
		$this->assertSame( '42', $response->header( 'RETRY-AFTER' ) );
		$this->assertSame( 'a, b', $response->header( 'x-multi' ) );
		$this->assertNull( $response->header( 'x-message-id' ) );
		$this->assertSame( array( 'MS42903' ), $response->ms_codes() );
	}

	public function test_non_json_bodies_and_truncated_raw_body(): void {
		$html     = '<html>' . str_repeat( 'x', 2000 ) . '</html>';
		$response = new Api_Response( 'GET /v1/api-quota', 500, array(), $html );
		$this->assertNull( $response->body() );
		$this->assertSame( '', $response->message() );
		$this->assertSame( array(), $response->errors() );
		$this->assertSame( array(), $response->ms_codes() );
		$this->assertLessThanOrEqual( 504, strlen( $response->raw_body() ) );
		$this->assertStringEndsWith( '…', $response->raw_body() );

		$this->assertNull( ( new Api_Response( 'GET /', 200, array(), '{"quota":1000,"remaining":75' ) )->body() );
		$this->assertNull( ( new Api_Response( 'GET /', 200, array(), '"just a string"' ) )->body() );
		$this->assertNull( ( new Api_Response( 'GET /', 202, array(), '' ) )->body() );
	}

	public function test_a_transport_error_has_status_zero(): void {
		$error    = new \WP_Error( 'http_request_failed', 'cURL error 28: Operation timed out' );
		$response = Api_Response::from_wp_http( $error, 'GET', 'https://api.mailersend.com/v1/api-quota' );
		$this->assertSame( 0, $response->status() );
		$this->assertSame( $error, $response->transport_error() );
		$this->assertSame( 'GET /v1/api-quota', $response->endpoint() );
	}

	public function test_find_ms_codes_ignores_lookalikes(): void {
		$this->assertSame( array( 'MS42207' ), Api_Response::find_ms_codes( 'x #MS42207 y MS422071 zMS42208' ) );
		$this->assertSame( array( 'MS40301' ), Api_Response::find_ms_codes( 'MS40301' ) );
		$this->assertSame( array(), Api_Response::find_ms_codes( 'Unauthenticated.' ) );
	}
}
