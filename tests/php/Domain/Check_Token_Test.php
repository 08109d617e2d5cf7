<?php
/**
 * Diagnosis::check_token() through the real HTTP stack against the MailerSend stand-in.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Domain;

use FixMailerSend\Diagnosis\Verdict;
use FixMailerSend\Diagnosis\Verdicts;
use PHPUnit\Framework\Attributes\DataProvider;
use FixMailerSend\Support\Token;

/**
 * Every verdict a token check can give, from the stand-in's scripted tokens.
 */
final class Check_Token_Test extends Domain_Test_Case {

	public function test_valid_token_with_quota_evidence(): void {
		$token    = $this->token( 'valid_full' );
		$evidence = $this->assert_verdict( 'valid', $this->check( $token ) );

		$this->assertSame( 200, $evidence['http_status'] );
		$this->assertSame( 'GET /v1/api-quota', $evidence['endpoint'] );
		$this->assertSame( 1000, $evidence['quota_limit'] );
		$this->assertSame( 752, $evidence['quota_remaining'] );
		$this->assertMatchesRegularExpression( '/^\d{4}-\d\d-\d\dT00:00:00\+00:00$/', (string) $evidence['quota_reset'] );
		$this->assertSame( 'mlsn.FA…Full', $evidence['token'] );
		$this->assertTrue( $evidence['token_accepted'] );

		$requests = $this->assert_requests_carry( $token, 1 );
		$this->assertSame( 'GET', $requests[0]['method'] );
		$this->assertSame( '/v1/api-quota', $requests[0]['path'] );
	}

	public function test_the_paste_is_normalised_before_it_is_sent(): void {
		$token = $this->token( 'valid_full' );
		$this->assert_verdict( 'valid', $this->check( "  \"Bearer $token\"\n" ) );
		$this->assert_requests_carry( $token, 1 );
	}

	/**
	 * @return array<string, array{string, string}>
	 */
	public static function local_problems(): array {
		return array(
			'missing'              => array( '   ', 'missing' ),
			'smtp_password_pasted' => array( 'mssp.K8x2.SMTPpassword', 'smtp_password_pasted' ),
			'truncated'            => array( 'mlsn.FAKEstandinValid…', 'truncated' ),
			'malformed'            => array( 'pk_test_FAKEstandinValidFull000000000000', 'malformed' ),
		);
	}

	#[DataProvider( 'local_problems' )]
	public function test_local_problems_never_reach_mailersend( string $raw, string $id ): void {
		$this->assert_verdict( $id, $this->check( $raw, true ) );
		$this->assertSame( array(), $this->standin_requests() );
	}

	public function test_unauthenticated_for_an_expired_or_unknown_token(): void {
		foreach ( array( $this->token( 'expired' ), 'mlsn.' . str_repeat( 'Z', 64 ) ) as $token ) {
			$evidence = $this->assert_verdict( 'unauthenticated', $this->check( $token, true ) );
			$this->assertSame( 401, $evidence['http_status'] );
			$this->assertSame( 'Unauthenticated.', $evidence['message'] );
			$this->assertFalse( $evidence['token_accepted'] );
		}
		$this->assertCount( 2, $this->standin_requests(), 'No probe after a 401, even when deep.' );
	}

	/**
	 * @return array<string, array{string, string}>
	 */
	public static function blocked_accounts(): array {
		return array(
			'api_access_off'         => array( 'api_access_off', 'MS40302' ),
			'account_not_authorised' => array( 'account_not_authorised', 'MS40303' ),
			'account_suspended'      => array( 'account_suspended', 'MS40304' ),
			'ip_not_allowlisted'     => array( 'ip_not_allowlisted', 'MS40305' ),
		);
	}

	#[DataProvider( 'blocked_accounts' )]
	public function test_account_blocked_names_the_code( string $name, string $code ): void {
		$verdict  = $this->check( $this->token( $name ) );
		$evidence = $this->assert_verdict( 'account_blocked', $verdict );
		$this->assertSame( $code, $evidence['ms_code'] );
		$this->assertSame( 403, $evidence['http_status'] );
		$this->assertStringContainsString( '#' . $code, $verdict->explanation() );
	}

	public function test_a_403_without_a_code_is_unknown_with_raw_evidence(): void {
		$evidence = $this->assert_verdict( 'unknown', $this->check( $this->token( 'forbidden_no_code' ) ) );
		$this->assertSame( 403, $evidence['http_status'] );
		$this->assertNull( $evidence['ms_code'] );
		$this->assertSame( 'This action is unauthorized.', $evidence['message'] );
		$this->assertStringContainsString( 'This action is unauthorized.', (string) $evidence['raw_body'] );
		$this->assertArrayNotHasKey( 'token_accepted', $evidence );
	}

	public function test_rate_limited_with_retry_after(): void {
		$verdict  = $this->check( $this->token( 'rate_limited' ) );
		$evidence = $this->assert_verdict( 'rate_limited', $verdict );
		$this->assertSame( 'MS42903', $evidence['ms_code'] );
		$this->assertSame( 429, $evidence['http_status'] );
		$this->assertSame( 42, $evidence['retry_after'] );
		// MailerSend may answer 429 before it authenticates: the token is not known to work.
		$this->assertArrayNotHasKey( 'token_accepted', $evidence );
		$this->assertStringContainsString( 'before checking the token', $verdict->explanation() );
		$this->assertStringContainsString( '42 seconds', $verdict->explanation() );
	}

	public function test_rate_limited_after_the_quota_call_accepted_the_token(): void {
		$verdict  = $this->check( $this->token( 'valid_rate_limited_on_send' ), true );
		$evidence = $this->assert_verdict( 'rate_limited', $verdict );
		$this->assertSame( 'POST /v1/email', $evidence['endpoint'] );
		$this->assertSame( 42, $evidence['retry_after'] );
		$this->assertTrue( $evidence['token_accepted'] );
		$this->assertStringContainsString( 'The token is real', $verdict->explanation() );
	}

	public function test_quota_exhausted_from_the_free_quota_endpoint(): void {
		$evidence = $this->assert_verdict( 'quota_exhausted', $this->check( $this->token( 'quota_exhausted' ), true ) );
		$this->assertSame( 0, $evidence['quota_remaining'] );
		$this->assertNotEmpty( $evidence['quota_reset'] );
		$this->assertTrue( $evidence['token_accepted'] );
		$this->assertCount( 1, $this->standin_requests(), 'No probe is wasted on an exhausted quota.' );
	}

	/**
	 * @return array<string, array{string, int}>
	 */
	public static function mailersend_trouble(): array {
		return array(
			'500 with HTML' => array( 'fault_500_html', 500 ),
			'503'           => array( 'fault_503', 503 ),
			'408'           => array( 'fault_408', 408 ),
			'421'           => array( 'fault_421', 421 ),
		);
	}

	#[DataProvider( 'mailersend_trouble' )]
	public function test_mailersend_unavailable( string $name, int $status ): void {
		$verdict  = $this->check( $this->token( $name ) );
		$evidence = $this->assert_verdict( 'mailersend_unavailable', $verdict );
		$this->assertSame( $status, $evidence['http_status'] );
		$this->assertStringContainsString( (string) $status, $verdict->explanation() );
		$this->assertArrayNotHasKey( 'token_accepted', $evidence );
	}

	public function test_malformed_json_is_unknown(): void {
		$evidence = $this->assert_verdict( 'unknown', $this->check( $this->token( 'fault_malformed_json' ) ) );
		$this->assertSame( 200, $evidence['http_status'] );
		$this->assertSame( '{"quota":1000,"remaining":75', $evidence['raw_body'] );
	}

	/**
	 * @return array<string, array{string, string}>
	 */
	public static function network_faults(): array {
		return array(
			'slow (beyond the timeout)' => array( 'fault_slow', 'timeout' ),
			'hang'                      => array( 'fault_hang', 'timeout' ),
			'reset'                     => array( 'fault_reset', 'reset' ),
			'refused'                   => array( 'fault_refused', 'refused' ),
		);
	}

	#[DataProvider( 'network_faults' )]
	public function test_network_error( string $name, string $reason ): void {
		$token    = $this->token( $name );
		$start    = microtime( true );
		$evidence = $this->assert_verdict( 'network_error', $this->check( $token, false, 2 ) );
		$this->assertLessThan( 8, microtime( true ) - $start, 'The short client timeout is honoured.' );
		$this->assertSame( 'http_request_failed', $evidence['error_code'] );
		$this->assertNull( $evidence['http_status'] );
		if ( extension_loaded( 'curl' ) ) {
			$this->assertSame( $reason, $evidence['reason'], (string) $evidence['message'] );
		}
		$this->assertArrayNotHasKey( 'token_accepted', $evidence );
	}

	public function test_an_injected_fault_is_classified_the_same(): void {
		$this->set_fault( '503', 1 );
		$this->assert_verdict( 'mailersend_unavailable', $this->check( $this->token( 'valid_full' ) ) );
		$this->assert_verdict( 'valid', $this->check( $this->token( 'valid_full' ) ) );
	}

	public function test_a_legacy_token_is_warned_about_and_still_asked(): void {
		$legacy   = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiIxIiwianRpIjoiZmFrZSJ9.c2lnbmF0dXJlZmFrZQ';
		$evidence = $this->assert_verdict( 'unauthenticated', $this->check( $legacy ) );
		$this->assertSame( 401, $evidence['http_status'] );
		$this->assert_requests_carry( $legacy, 1 );
	}

	public function test_an_accepted_legacy_token_gives_the_legacy_warning(): void {
		$legacy = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiIxIiwianRpIjoiZmFrZSJ9.c2lnbmF0dXJlZmFrZQ';
		// The stand-in knows no legacy token: answer for it as MailerSend would for a good one.
		$bearer = 'Bearer ' . $legacy;
		$mock   = static function ( $pre, $args, $url ) use ( $bearer ) {
			$sent = $args['headers']['Authorization'] ?? '';
			if ( false === strpos( (string) $url, 'api.mailersend.com/v1/api-quota' ) || $sent !== $bearer ) {
				return $pre;
			}
			return array(
				'headers'  => array( 'content-type' => 'application/json' ),
				'body'     => '{"quota":100,"remaining":99,"reset":"2030-01-02T00:00:00Z"}',
				'response' => array(
					'code'    => 200,
					'message' => 'OK',
				),
				'cookies'  => array(),
				'filename' => null,
			);
		};
		add_filter( 'pre_http_request', $mock, 10, 3 );
		try {
			$verdict = $this->check( $legacy );
		} finally {
			remove_filter( 'pre_http_request', $mock, 10 );
		}
		$evidence = $this->assert_verdict( 'legacy_token', $verdict );
		$this->assertSame( 'warning', $verdict->severity() );
		$this->assertTrue( $verdict->token_accepted() );
		$this->assertSame( 99, $evidence['quota_remaining'] );
		$this->assertStringContainsString( 'accepted', $verdict->explanation() );
	}

	// -----------------------------------------------------------------------------------------
	// The deep check: the `to: []` probe and the verified domains.
	// -----------------------------------------------------------------------------------------

	public function test_deep_valid_checks_sending_and_the_from_domain(): void {
		$token    = $this->token( 'valid_full' );
		$verdict  = $this->check( $token, true );
		$evidence = $this->assert_verdict( 'valid', $verdict );

		$this->assertTrue( $evidence['deep_checked'] );
		$this->assertTrue( $evidence['can_send'] );
		$this->assertTrue( $evidence['domains_checked'] );
		$this->assertSame( 'example.com', $evidence['from_domain'] );
		$this->assertSame( 'example.com', $evidence['verified_domains'] );
		$this->assertSame( 422, $evidence['probe_status'] );
		$this->assertStringContainsString( 'example.com', $verdict->explanation() );

		$requests = $this->assert_requests_carry( $token, 3 );
		$this->assertSame( array( '/v1/api-quota', '/v1/email', '/v1/domains' ), array_column( $requests, 'path' ) );

		$probe = $requests[1]['body'];
		$this->assertIsArray( $probe );
		$this->assertSame( array(), $probe['to'] );
		$this->assertSame( self::FROM, $probe['from']['email'] );
		$this->assertNotEmpty( $probe['subject'] );
		$this->assertNotEmpty( $probe['text'] );
		$this->assertSame(
			array(
				'verified' => 'true',
				'limit'    => '100',
				'page'     => '1',
			),
			$requests[2]['query']
		);
	}

	public function test_deep_reads_every_page_of_domains(): void {
		$evidence = $this->assert_verdict( 'valid', $this->check( $this->token( 'valid_many_domains' ), true ) );
		$this->assertSame( 'example.com', $evidence['matched_domain'] );
		$this->assertSame( array( '/v1/api-quota', '/v1/email', '/v1/domains', '/v1/domains' ), array_column( $this->standin_requests(), 'path' ) );
	}

	public function test_deep_without_domains_read_skips_the_domain_match(): void {
		$evidence = $this->assert_verdict( 'valid', $this->check( $this->token( 'valid_sending_only' ), true ) );
		$this->assertTrue( $evidence['can_send'] );
		$this->assertFalse( $evidence['domains_checked'] );
		$this->assertArrayNotHasKey( 'verified_domains', $evidence );
	}

	public function test_missing_permission_from_the_probe(): void {
		$evidence = $this->assert_verdict( 'missing_permission', $this->check( $this->token( 'valid_no_email_scope' ), true ) );
		$this->assertSame( 'MS40301', $evidence['ms_code'] );
		$this->assertSame( 403, $evidence['http_status'] );
		$this->assertSame( 'POST /v1/email', $evidence['endpoint'] );
		$this->assertTrue( $evidence['token_accepted'] );
	}

	public function test_a_probe_refused_without_a_code_is_unknown_and_proves_nothing(): void {
		$verdict  = $this->check( $this->token( 'valid_email_forbidden_no_code' ), true );
		$evidence = $this->assert_verdict( 'unknown', $verdict );
		$this->assertSame( 403, $evidence['http_status'] );
		$this->assertSame( 'POST /v1/email', $evidence['endpoint'] );
		$this->assertTrue( $evidence['deep_checked'] );
		// MailerSend knew the token (the quota call), yet nobody knows whether it may send.
		$this->assertTrue( $verdict->token_accepted() );
		$this->assertFalse( Verdicts::proves_token( $verdict ) );
	}

	public function test_the_plain_check_does_not_probe(): void {
		$this->assert_verdict( 'valid', $this->check( $this->token( 'valid_no_email_scope' ) ) );
		$this->assertSame( array( '/v1/api-quota' ), array_column( $this->standin_requests(), 'path' ) );
	}

	public function test_domain_unverified_for_a_token_of_another_account(): void {
		$verdict  = $this->check( $this->token( 'other_account' ), true );
		$evidence = $this->assert_verdict( 'domain_unverified', $verdict );
		$this->assertSame( 'MS42207', $evidence['ms_code'] );
		$this->assertSame( 422, $evidence['http_status'] );
		$this->assertSame( 'example.com', $evidence['from_domain'] );
		$this->assertSame( 'another-company.test', $evidence['verified_domains'] );
		$this->assertTrue( $evidence['token_accepted'] );
		$this->assertStringContainsString( 'another MailerSend account', $verdict->explanation() );
		$this->assertStringContainsString( 'another-company.test', $verdict->explanation() );
	}

	public function test_send_paused_from_the_domain_list(): void {
		$verdict  = $this->check( $this->token( 'valid_paused_domain' ), true );
		$evidence = $this->assert_verdict( 'send_paused', $verdict );
		$this->assertSame( 'warning', $verdict->severity() );
		$this->assertSame( 'example.com', $evidence['from_domain'] );
		$this->assertSame( 'GET /v1/domains', $evidence['endpoint'] );
		$this->assertTrue( $evidence['token_accepted'] );
	}

	public function test_deep_without_a_from_address_is_skipped(): void {
		$result = $this->diagnosis()->check_token( Token::from( $this->token( 'valid_full' ) ), '', true );
		$this->assertInstanceOf( Verdict::class, $result );
		$evidence = $this->assert_verdict( 'valid', $result );
		$this->assertFalse( $evidence['deep_checked'] );
		$this->assertCount( 1, $this->standin_requests() );
	}

	public function test_no_verdict_of_any_scripted_token_contains_it(): void {
		$tokens = self::tokens_file()['tokens'];
		$this->assertIsArray( $tokens );
		foreach ( $tokens as $name => $entry ) {
			if ( in_array( $name, array( 'fault_slow', 'fault_hang' ), true ) ) {
				continue;
			}
			$token = $this->token( (string) $name );
			// check() asserts that neither the verdict nor its evidence holds the token.
			$this->check( $token, true, 3 );
			( new \FixMailerSend\Support\Throttle() )->reset();
		}
		$this->assertStringNotContainsString( 'FAKEstandin', $this->debug_log() );
	}
}
