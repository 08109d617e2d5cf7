<?php
/**
 * The audit trail says `screen` only for a request with a valid REST nonce.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Rest;

use FixMailerSend\Tests\TestCase;
use PHPUnit\Framework\Attributes\DataProvider;

final class AuditHowTest extends TestCase {

	protected function setUp(): void {
		parent::setUp();
		$this->log_in_as( 'administrator' );
	}

	/**
	 * How the one save of the test was audited.
	 *
	 * @param array<string, string> $headers Request headers.
	 * @return string
	 */
	private function audited_how( array $headers ): string {
		$response = $this->rest( 'PUT', '/token', array( 'token' => $this->token( 'valid_full' ) ), $headers );
		$this->assertSame( 200, $response->get_status(), (string) wp_json_encode( $this->json( $response ) ) );
		$audit = get_option( 'fix_mailersend_audit' );
		$this->assertIsArray( $audit );
		$this->assertCount( 1, $audit );
		return (string) $audit[0]['how'];
	}

	public function test_a_valid_rest_nonce_is_the_screen(): void {
		$this->assertSame( 'screen', $this->audited_how( array( 'X-WP-Nonce' => wp_create_nonce( 'wp_rest' ) ) ) );
	}

	/**
	 * @return array<string, array{string}>
	 */
	public static function not_a_rest_nonce(): array {
		return array(
			'any value'             => array( 'screen' ),
			'a nonce of an action'  => array( 'other-action' ),
			'another user\'s nonce' => array( 'other-user' ),
		);
	}

	#[DataProvider( 'not_a_rest_nonce' )]
	public function test_a_header_without_a_valid_rest_nonce_is_rest( string $kind ): void {
		switch ( $kind ) {
			case 'other-action':
				$nonce = wp_create_nonce( 'fix_mailersend_other' );
				break;
			case 'other-user':
				$me = get_current_user_id();
				wp_set_current_user( $this->make_user( 'administrator' ) );
				$nonce = wp_create_nonce( 'wp_rest' );
				wp_set_current_user( $me );
				break;
			default:
				$nonce = $kind;
		}
		$this->assertSame( 'rest', $this->audited_how( array( 'X-WP-Nonce' => $nonce ) ) );
	}

	public function test_no_header_is_rest(): void {
		$this->assertSame( 'rest', $this->audited_how( array() ) );
	}
}
