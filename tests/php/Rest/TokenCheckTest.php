<?php
/**
 * POST /token/check: a pasted token, or the saved one (the one-click re-check).
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Rest;

use FixMailerSend\Support\Mask;
use FixMailerSend\Tests\TestCase;

final class TokenCheckTest extends TestCase {

	protected function setUp(): void {
		parent::setUp();
		$this->log_in_as( 'administrator' );
	}

	public function test_a_valid_pasted_token(): void {
		$token    = $this->token( 'valid_full' );
		$before   = serialize( $this->wpms_option() ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
		$response = $this->rest( 'POST', '/token/check', array( 'token' => $token ) );
		$data     = $this->json( $response );

		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( 'valid', $data['verdict']['id'] );
		$this->assertSame( 'success', $data['verdict']['severity'] );
		$this->assertSame(
			array(
				'masked' => Mask::token( $token ),
				'source' => 'pasted',
			),
			$data['token']
		);

		// Asked MailerSend with that token; saved nothing; did not touch the last check.
		$requests = $this->standin_requests_to( '/v1/api-quota' );
		$this->assertCount( 1, $requests );
		$this->assertSame( 'Bearer ' . $token, $requests[0]['headers']['authorization'] );
		$this->assertSame( $before, serialize( $this->wpms_option() ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
		$this->assertFalse( get_option( 'fix_mailersend_last_check' ) );
		$this->assertStringNotContainsString( $token, (string) wp_json_encode( $data ) );
	}

	/**
	 * "Save it" is said of a working token only while it is pasted: once it is saved, the save,
	 * a re-check and the headline of GET /status (the Diagnose step) go on to the test email.
	 */
	public function test_only_a_pasted_working_token_is_told_to_be_saved(): void {
		$token = $this->token( 'valid_full' );

		$pasted = $this->json( $this->rest( 'POST', '/token/check', array( 'token' => $token ) ) );
		$this->assertSame( 'valid', $pasted['verdict']['id'] );
		$this->assertSame(
			array(
				'Save it so that WP Mail SMTP uses it.',
				'Then send a test email to confirm that mail goes out.',
			),
			$pasted['verdict']['steps']
		);

		$in_use = array( 'Send a test email to confirm that mail goes out.' );
		$saved  = $this->json( $this->rest( 'PUT', '/token', array( 'token' => $token ) ) );
		$this->assertTrue( $saved['saved'] );
		$this->assertSame( $in_use, $saved['verdict']['steps'] );

		$status = $this->json( $this->rest( 'GET', '/status' ) );
		$this->assertSame( 'valid', $status['headline']['id'] );
		$this->assertSame( $in_use, $status['headline']['steps'] );

		$recheck = $this->json( $this->rest( 'POST', '/token/check' ) );
		$this->assertSame( 'valid', $recheck['verdict']['id'] );
		$this->assertSame( $in_use, $recheck['verdict']['steps'] );
	}

	public function test_a_messy_paste_is_normalised(): void {
		$token    = $this->token( 'valid_full' );
		$response = $this->rest( 'POST', '/token/check', array( 'token' => '  "Bearer ' . $token . '"  ' ) );
		$data     = $this->json( $response );

		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( 'valid', $data['verdict']['id'] );
		$this->assertSame( Mask::token( $token ), $data['token']['masked'] );
		$this->assertSame( 'Bearer ' . $token, $this->standin_requests()[0]['headers']['authorization'] );
	}

	/**
	 * @return array<string, array{string, string}>
	 */
	public static function verdicts(): array {
		return array(
			'expired'          => array( 'expired', 'unauthenticated' ),
			'api access off'   => array( 'api_access_off', 'account_blocked' ),
			'rate limited'     => array( 'rate_limited', 'rate_limited' ),
			'MailerSend 503'   => array( 'fault_503', 'mailersend_unavailable' ),
			'connection reset' => array( 'fault_reset', 'network_error' ),
		);
	}

	#[\PHPUnit\Framework\Attributes\DataProvider( 'verdicts' )]
	public function test_any_verdict_is_a_200( string $name, string $id ): void {
		$response = $this->rest( 'POST', '/token/check', array( 'token' => $this->token( $name ) ) );
		$data     = $this->json( $response );

		$this->assertSame( 200, $response->get_status(), (string) wp_json_encode( $data ) );
		$this->assertSame( $id, $data['verdict']['id'] );
		$this->assertStringNotContainsString( $this->token( $name ), (string) wp_json_encode( $data ) );
	}

	public function test_a_local_problem_needs_no_request(): void {
		$data = $this->json( $this->rest( 'POST', '/token/check', array( 'token' => 'mssp.0123456789abcdef0123456789abcdef' ) ) );

		$this->assertSame( 'smtp_password_pasted', $data['verdict']['id'] );
		$this->assertSame( array(), $this->standin_requests() );
	}

	public function test_without_a_token_the_saved_one_is_checked_and_logged(): void {
		$saved    = $this->token( 'expired' );
		$response = $this->rest( 'POST', '/token/check' );
		$data     = $this->json( $response );

		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( 'unauthenticated', $data['verdict']['id'] );
		$this->assertSame(
			array(
				'masked' => Mask::token( $saved ),
				'source' => 'database',
			),
			$data['token']
		);
		$this->assertSame( 'Bearer ' . $saved, $this->standin_requests()[0]['headers']['authorization'] );

		$log = get_option( 'fix_mailersend_last_check' );
		$this->assertIsArray( $log );
		$this->assertSame( 'unauthenticated', $log['verdict']['id'] );
		$this->assertEqualsWithDelta( time(), strtotime( $log['at'] ), 60 );
		$this->assertStringNotContainsString( $saved, serialize( $log ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
		$this->assertStringNotContainsString( $saved, (string) wp_json_encode( $data ) );
	}

	public function test_recheck_with_no_saved_token(): void {
		$option                          = $this->wpms_option();
		$option['mailersend']['api_key'] = '';
		$this->set_wpms_option( $option );

		$data = $this->json( $this->rest( 'POST', '/token/check' ) );

		$this->assertSame( 'missing', $data['verdict']['id'] );
		$this->assertSame(
			array(
				'masked' => null,
				'source' => 'none',
			),
			$data['token']
		);
		$this->assertSame( array(), $this->standin_requests() );
	}

	public function test_deep_check_finds_a_token_from_another_account(): void {
		$data = $this->json(
			$this->deep_check( $this->token( 'other_account' ) )
		);

		$this->assertSame( 'domain_unverified', $data['verdict']['id'] );
		$this->assertCount( 1, $this->standin_requests_to( '/v1/email' ) );
	}

	public function test_shallow_check_does_not_probe_sending(): void {
		$this->rest( 'POST', '/token/check', array( 'token' => $this->token( 'other_account' ) ) );

		$this->assertSame( array(), $this->standin_requests_to( '/v1/email' ) );
	}

	public function test_the_throttle_answers_429(): void {
		$limits = static function ( array $limits ): array {
			$limits['check']['limit'] = 1;
			return $limits;
		};
		add_filter( 'fix_mailersend_throttle_limits', $limits );
		try {
			$this->assertSame( 200, $this->rest( 'POST', '/token/check', array( 'token' => $this->token( 'valid_full' ) ) )->get_status() );

			$response = $this->rest( 'POST', '/token/check', array( 'token' => $this->token( 'valid_full' ) ) );
			$data     = $this->json( $response );

			$this->assertRestError( 429, 'fix_mailersend_throttled', $response );
			$this->assertGreaterThan( 0, $data['data']['retry_after'] );
			$this->assertCount( 1, $this->standin_requests() );
		} finally {
			remove_filter( 'fix_mailersend_throttle_limits', $limits );
		}
	}
}
