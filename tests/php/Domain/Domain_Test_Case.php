<?php
/**
 * Shared helpers of the domain tests (client, token inspection, verdicts, diagnosis).
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Domain;

use FixMailerSend\Diagnosis\Diagnosis;
use FixMailerSend\Diagnosis\Verdict;
use FixMailerSend\MailerSend\Api_Response;
use FixMailerSend\MailerSend\Client;
use FixMailerSend\Support\Throttle;
use FixMailerSend\Tests\TestCase;
use FixMailerSend\Support\Token;

/**
 * Base class: a fresh throttle per test, a diagnosis wired to the real HTTP stack (the
 * router mu-plugin sends api.mailersend.com to the MailerSend stand-in), and leak checks.
 */
abstract class Domain_Test_Case extends TestCase {

	/**
	 * The site's From address (docs/harness.md).
	 */
	const FROM = 'wordpress@example.com';

	/**
	 * Empties the throttle so each test starts with every slot free.
	 */
	protected function setUp(): void {
		parent::setUp();
		( new Throttle() )->reset();
	}

	/**
	 * A diagnosis over a real client and throttle.
	 *
	 * @param float $timeout Client timeout in seconds.
	 * @return Diagnosis
	 */
	protected function diagnosis( float $timeout = Client::DEFAULT_TIMEOUT ): Diagnosis {
		return new Diagnosis( new Client( Client::DEFAULT_BASE_URL, $timeout ), new Throttle() );
	}

	/**
	 * Checks a token and insists on a verdict (not a throttle error).
	 *
	 * @param string $token   Token.
	 * @param bool   $deep    Deep check.
	 * @param float  $timeout Client timeout.
	 * @return Verdict
	 */
	protected function check( string $token, bool $deep = false, float $timeout = Client::DEFAULT_TIMEOUT ): Verdict {
		$result = $this->diagnosis( $timeout )->check_token( Token::from( $token ), self::FROM, $deep );
		$this->assertInstanceOf( Verdict::class, $result, is_wp_error( $result ) ? $result->get_error_message() : '' );
		$this->assert_no_leak( $token, $result->to_array() );
		return $result;
	}

	/**
	 * Sends a real email to MailerSend (through the stand-in) as WP Mail SMTP does.
	 *
	 * @param string $token Token.
	 * @param string $to    Recipient.
	 * @return Api_Response
	 */
	protected function send_email( string $token, string $to = 'admin@example.com' ): Api_Response {
		$url      = Client::DEFAULT_BASE_URL . '/email';
		$response = wp_safe_remote_post(
			$url,
			array(
				'timeout'     => 10,
				'redirection' => 0,
				'headers'     => array(
					'Authorization' => 'Bearer ' . $token,
					'Accept'        => 'application/json',
					'Content-Type'  => 'application/json',
				),
				'body'        => (string) wp_json_encode(
					array(
						'from'    => array(
							'email' => self::FROM,
							'name'  => 'WordPress',
						),
						'to'      => array( array( 'email' => $to ) ),
						'subject' => 'Fix MailerSend test',
						'html'    => '<p>Test</p>',
						'text'    => 'Test',
					)
				),
			)
		);
		return Api_Response::from_wp_http( $response, 'POST', $url );
	}

	/**
	 * Asserts that nothing in the data contains the full token.
	 *
	 * @param string $token Token.
	 * @param mixed  $data  Anything JSON-encodable.
	 * @return void
	 */
	protected function assert_no_leak( string $token, $data ): void {
		$json = (string) wp_json_encode( $data, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE );
		$this->assertStringNotContainsString( $token, $json, 'The full token leaked.' );
	}

	/**
	 * Asserts that every request the stand-in recorded carried the token as a Bearer header,
	 * and returns them.
	 *
	 * @param string $token Token.
	 * @param int    $count Expected number of requests.
	 * @return array<int, array<string, mixed>>
	 */
	protected function assert_requests_carry( string $token, int $count ): array {
		$requests = $this->standin_requests();
		$this->assertCount( $count, $requests, (string) wp_json_encode( array_column( $requests, 'path' ) ) );
		foreach ( $requests as $request ) {
			$headers = isset( $request['headers'] ) && is_array( $request['headers'] ) ? $request['headers'] : array();
			$this->assertSame( 'Bearer ' . $token, $headers['authorization'] ?? null );
			$this->assertSame( 'application/json', $headers['accept'] ?? null );
		}
		return $requests;
	}

	/**
	 * The evidence of a verdict, asserting its id.
	 *
	 * @param string  $id      Expected id.
	 * @param Verdict $verdict Verdict.
	 * @return array<string, string|int|float|bool|null>
	 */
	protected function assert_verdict( string $id, Verdict $verdict ): array {
		$this->assertSame( $id, $verdict->id(), (string) wp_json_encode( $verdict->to_array() ) );
		$this->assertNotSame( '', $verdict->title() );
		$this->assertNotSame( '', $verdict->explanation() );
		$this->assertNotEmpty( $verdict->steps() );
		return $verdict->evidence();
	}
}
