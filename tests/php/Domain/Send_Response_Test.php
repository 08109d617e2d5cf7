<?php
/**
 * Diagnosis::explain_send_response() on real answers of the MailerSend stand-in.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Domain;

use FixMailerSend\Diagnosis\Verdict;
use PHPUnit\Framework\Attributes\DataProvider;

/**
 * The test email's outcome: accepted (with warnings) or failed with its cause.
 */
final class Send_Response_Test extends Domain_Test_Case {

	/**
	 * Sends and explains.
	 *
	 * @param string $name Token name.
	 * @return array<string, mixed>
	 */
	private function send_and_explain( string $name ): array {
		$token  = $this->token( $name );
		$result = $this->diagnosis()->explain_send_response( $this->send_email( $token ), self::FROM );
		$this->assert_no_leak(
			$token,
			$result['accepted'] ? array_map(
				static function ( Verdict $v ) {
					return $v->to_array();
				},
				$result['warnings']
			) : $result['verdict']->to_array()
		);
		return $result;
	}

	public function test_accepted_with_the_message_id(): void {
		$result = $this->send_and_explain( 'valid_full' );
		$this->assertTrue( $result['accepted'] );
		$this->assertMatchesRegularExpression( '/^[0-9a-f]{24}$/', (string) $result['message_id'] );
		$this->assertSame( array(), $result['warnings'] );
	}

	public function test_accepted_but_paused(): void {
		$result = $this->send_and_explain( 'valid_paused_domain' );
		$this->assertTrue( $result['accepted'] );
		$this->assertCount( 1, $result['warnings'] );
		$evidence = $this->assert_verdict( 'send_paused', $result['warnings'][0] );
		$this->assertSame( 'example.com', $evidence['from_domain'] );
		$this->assertSame( $result['message_id'], $evidence['message_id'] );
	}

	/**
	 * @return array<string, array{string, string}>
	 */
	public static function suppressions(): array {
		return array(
			'some' => array( 'suppressed_some', 'some' ),
			'all'  => array( 'suppressed_all', 'all' ),
		);
	}

	#[DataProvider( 'suppressions' )]
	public function test_accepted_with_suppressed_recipients( string $name, string $kind ): void {
		$result = $this->send_and_explain( $name );
		$this->assertTrue( $result['accepted'] );
		$this->assertCount( 1, $result['warnings'] );
		$evidence = $this->assert_verdict( 'recipients_suppressed', $result['warnings'][0] );
		$this->assertSame( $kind, $evidence['suppressed'] );
		$this->assertSame( 'admin@example.com', $evidence['suppressed_recipients'] );
	}

	/**
	 * @return array<string, array{string, string, int, string|null}>
	 */
	public static function failures(): array {
		return array(
			'expired'                 => array( 'expired', 'unauthenticated', 401, null ),
			'no email scope'          => array( 'valid_no_email_scope', 'missing_permission', 403, 'MS40301' ),
			'other account'           => array( 'other_account', 'domain_unverified', 422, 'MS42207' ),
			'trial unique recipients' => array( 'trial_unique_recipients', 'trial_limit', 422, 'MS42225' ),
			'trial domain quota'      => array( 'trial_domain_quota', 'trial_limit', 422, 'MS42222' ),
			'daily quota'             => array( 'quota_exhausted', 'quota_exhausted', 429, 'MS42901' ),
			'rate limit'              => array( 'rate_limited', 'rate_limited', 429, 'MS42903' ),
			'suspended'               => array( 'account_suspended', 'account_blocked', 403, 'MS40304' ),
			'403 without code'        => array( 'forbidden_no_code', 'unknown', 403, null ),
			'503'                     => array( 'fault_503', 'mailersend_unavailable', 503, null ),
			'500 html'                => array( 'fault_500_html', 'mailersend_unavailable', 500, null ),
			'200 is not 202'          => array( 'fault_malformed_json', 'unknown', 200, null ),
		);
	}

	#[DataProvider( 'failures' )]
	public function test_failures( string $name, string $id, int $status, ?string $code ): void {
		$result = $this->send_and_explain( $name );
		$this->assertFalse( $result['accepted'] );
		$evidence = $this->assert_verdict( $id, $result['verdict'] );
		$this->assertSame( $status, $evidence['http_status'] );
		$this->assertSame( $code, $evidence['ms_code'] );
		$this->assertSame( 'POST /v1/email', $evidence['endpoint'] );
	}

	public function test_quota_exhausted_says_when_it_resets(): void {
		$result = $this->send_and_explain( 'quota_exhausted' );
		$this->assertFalse( $result['accepted'] );
		$evidence = $result['verdict']->evidence();
		$this->assertMatchesRegularExpression( '/^\d{4}-\d\d-\d\dT00:00:00\+00:00$/', (string) $evidence['quota_reset'] );
		$this->assertGreaterThan( 0, $evidence['retry_after'] );
	}

	public function test_domain_unverified_names_the_from_domain(): void {
		$result = $this->send_and_explain( 'other_account' );
		$this->assertSame( 'example.com', $result['verdict']->evidence()['from_domain'] );
		$this->assertStringContainsString( 'example.com', $result['verdict']->explanation() );
	}

	public function test_a_reset_connection_is_a_network_error(): void {
		$result = $this->send_and_explain( 'fault_reset' );
		$this->assertFalse( $result['accepted'] );
		$this->assert_verdict( 'network_error', $result['verdict'] );
	}
}
