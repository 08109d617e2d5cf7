<?php
/**
 * Client.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Domain;

use FixMailerSend\MailerSend\Client;

/**
 * The only code that talks HTTP to MailerSend: how its requests are made.
 */
final class Client_Test extends Domain_Test_Case {

	/**
	 * Requests seen by the spy.
	 *
	 * @var array<int, array{url: string, args: array<string, mixed>}>
	 */
	private $seen = array();

	/**
	 * Records every request to MailerSend and lets it through.
	 *
	 * @param mixed                $pre  Pre-emptive answer.
	 * @param array<string, mixed> $args Arguments.
	 * @param string               $url  URL.
	 * @return mixed
	 */
	public function spy( $pre, $args, $url ) {
		if ( 0 !== strpos( (string) $url, Client::DEFAULT_BASE_URL ) ) {
			return $pre; // The router's own request to the stand-in.
		}
		$this->seen[] = array(
			'url'  => $url,
			'args' => $args,
		);
		return $pre;
	}

	protected function setUp(): void {
		parent::setUp();
		add_filter( 'pre_http_request', array( $this, 'spy' ), 1, 3 );
	}

	protected function tearDown(): void {
		remove_filter( 'pre_http_request', array( $this, 'spy' ), 1 );
		parent::tearDown();
	}

	public function test_requests_are_safe_json_bearer_calls_without_redirects(): void {
		$token  = $this->token( 'valid_full' );
		$client = new Client();
		$this->assertSame( 200, $client->get_quota( $token )->status() );
		$this->assertSame( 200, $client->list_verified_domains( $token, 2 )->status() );
		$this->assertSame( 422, $client->probe_send( $token, self::FROM )->status() );

		$this->assertSame(
			array(
				'https://api.mailersend.com/v1/api-quota',
				'https://api.mailersend.com/v1/domains?verified=true&limit=100&page=2',
				'https://api.mailersend.com/v1/email',
			),
			array_column( $this->seen, 'url' )
		);
		foreach ( $this->seen as $request ) {
			$args = $request['args'];
			$this->assertSame( 10.0, (float) $args['timeout'] );
			$this->assertSame( 0, $args['redirection'] );
			$this->assertTrue( $args['reject_unsafe_urls'], 'wp_safe_remote_*() is used.' );
			$this->assertSame( 'Bearer ' . $token, $args['headers']['Authorization'] );
			$this->assertSame( 'application/json', $args['headers']['Accept'] );
			$this->assertSame( 'application/json', $args['headers']['Content-Type'] );
			$this->assertStringNotContainsString( $token, $request['url'] );
		}
		$this->assertSame( 'POST', $this->seen[2]['args']['method'] );
		$body = json_decode( (string) $this->seen[2]['args']['body'], true );
		$this->assertSame( array(), $body['to'] );

		$this->assert_requests_carry( $token, 3 );
	}

	public function test_the_timeout_is_the_callers(): void {
		( new Client( Client::DEFAULT_BASE_URL, 2.5 ) )->get_quota( $this->token( 'valid_full' ) );
		$this->assertSame( 2.5, (float) $this->seen[0]['args']['timeout'] );
		$this->assertSame( 10.0, ( new Client( '', 0 ) )->timeout(), 'Nonsense falls back to the defaults.' );
	}

	public function test_no_retry_on_4xx_or_5xx(): void {
		$client = new Client();
		$client->get_quota( $this->token( 'expired' ) );
		$client->get_quota( $this->token( 'fault_503' ) );
		$this->assertCount( 2, $this->standin_requests() );
	}

	public function test_a_transport_error_never_carries_the_token(): void {
		$token = $this->token( 'valid_full' );
		$fail  = static function ( $pre, $args ) {
			return new \WP_Error( 'http_request_failed', 'Proxy said: bad header ' . $args['headers']['Authorization'], 'data ' . $args['headers']['Authorization'] );
		};
		add_filter( 'pre_http_request', $fail, 5, 2 );
		try {
			$response = ( new Client() )->get_quota( $token );
		} finally {
			remove_filter( 'pre_http_request', $fail, 5 );
		}
		$error = $response->transport_error();
		$this->assertNotNull( $error );
		$this->assertSame( 'Proxy said: bad header Bearer [token]', $error->get_error_message() );
		$this->assertNull( $error->get_error_data() );
		$this->assertSame( 0, $response->status() );
	}
}
