<?php
/**
 * A token in the query string is refused: URLs end up in logs.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Rest;

use FixMailerSend\Tests\TestCase;
use PHPUnit\Framework\Attributes\DataProvider;
use WP_REST_Request;
use WP_REST_Response;

final class TokenInUrlTest extends TestCase {

	protected function setUp(): void {
		parent::setUp();
		$this->log_in_as( 'administrator' );
	}

	/**
	 * A request with query parameters and a JSON body.
	 *
	 * @param string               $method HTTP method.
	 * @param string               $route  Route under the namespace.
	 * @param array<string, mixed> $query  Query parameters.
	 * @param array<string, mixed> $body   JSON body.
	 * @return WP_REST_Response
	 */
	private function request( string $method, string $route, array $query, array $body ): WP_REST_Response {
		$request = new WP_REST_Request( $method, self::REST_NAMESPACE . $route );
		$request->set_query_params( $query );
		$request->set_header( 'Content-Type', 'application/json' );
		$request->set_body( (string) wp_json_encode( (object) $body ) );
		return $this->dispatch( $request );
	}

	/**
	 * @return array<string, array{string, string, array<string, mixed>, array<string, mixed>}>
	 */
	public static function token_in_url_cases(): array {
		return array(
			'check, token only in the URL'     => array( 'POST', '/token/check', array( 'token' => 'valid_full' ), array() ),
			'check, token in the URL and body' => array( 'POST', '/token/check', array( 'token' => 'valid_full' ), array( 'token' => 'valid_full' ) ),
			'check, empty token in the URL'    => array( 'POST', '/token/check', array( 'token' => '' ), array( 'deep' => false ) ),
			'check, unusable token in the URL' => array( 'POST', '/token/check', array( 'token' => '<b>x</b> y' ), array() ),
			'save, token only in the URL'      => array( 'PUT', '/token', array( 'token' => 'valid_full' ), array() ),
			'save, token in the URL and body'  => array( 'PUT', '/token', array( 'token' => 'valid_full' ), array( 'token' => 'valid_full' ) ),
			'save, token array in the URL'     => array( 'PUT', '/token', array( 'token' => array( 'valid_full' ) ), array( 'token' => 'valid_full' ) ),
			'save, another token in the URL'   => array( 'PUT', '/token', array( 'token' => 'other_account' ), array( 'token' => 'valid_full' ) ),
		);
	}

	/**
	 * @param string               $method HTTP method.
	 * @param string               $route  Route.
	 * @param array<string, mixed> $query  Query (token names are replaced by the tokens).
	 * @param array<string, mixed> $body   Body (idem).
	 */
	#[DataProvider( 'token_in_url_cases' )]
	public function test_a_token_in_the_url_is_refused( string $method, string $route, array $query, array $body ): void {
		$named  = function ( $value ) use ( &$named ) {
			if ( is_array( $value ) ) {
				return array_map( $named, $value );
			}
			return is_string( $value ) && in_array( $value, array( 'valid_full', 'other_account' ), true ) ? $this->token( $value ) : $value;
		};
		$query  = array_map( $named, $query );
		$body   = array_map( $named, $body );
		$before = serialize( $this->wpms_option() ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize

		$response = $this->request( $method, $route, $query, $body );
		$data     = $this->json( $response );

		$this->assertRestError( 400, 'fix_mailersend_token_in_url', $response );
		$this->assertStringContainsString( 'request body', $data['message'] );
		$this->assertStringContainsString( 'logs', $data['message'] );
		// Nothing was checked, saved or recorded, and nothing is echoed.
		$this->assertSame( array(), $this->standin_requests() );
		$this->assertSame( $before, serialize( $this->wpms_option() ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
		$this->assertFalse( get_option( 'fix_mailersend_audit' ) );
		$this->assertFalse( get_option( 'fix_mailersend_last_check' ) );
		$this->assertStringNotContainsString( $this->token( 'valid_full' ), (string) wp_json_encode( $data ) );
	}

	public function test_the_token_in_the_body_is_still_fine(): void {
		$response = $this->request( 'POST', '/token/check', array( 'deep' => 'false' ), array( 'token' => $this->token( 'valid_full' ) ) );

		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( 'valid', $this->json( $response )['verdict']['id'] );
	}

	public function test_logged_out_it_is_still_401(): void {
		wp_set_current_user( 0 );
		$response = $this->request( 'POST', '/token/check', array( 'token' => $this->token( 'valid_full' ) ), array() );

		$this->assertRestError( 401, 'rest_forbidden', $response );
		$this->assertSame( array(), $this->standin_requests() );
	}
}
