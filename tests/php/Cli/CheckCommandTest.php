<?php
/**
 * `wp fix-mailersend check [--deep]`: the saved token checked with MailerSend, kept as the last
 * check, with the verdict's exit code.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Cli;

use FixMailerSend\Cli\Command;
use FixMailerSend\Support\Mask;
use FixMailerSend\Support\Throttle;

final class CheckCommandTest extends Cli_Test_Case {

	/**
	 * @return array<string, array{string, string[], string, int}>
	 */
	public static function verdicts(): array {
		return array(
			'valid'                  => array( 'valid_full', array(), 'valid', 0 ),
			'valid, deep'            => array( 'valid_full', array( '--deep' ), 'valid', 0 ),
			'expired'                => array( 'expired', array(), 'unauthenticated', 4 ),
			'another account, deep'  => array( 'other_account', array( '--deep' ), 'domain_unverified', 6 ),
			'account suspended'      => array( 'account_suspended', array(), 'account_blocked', 5 ),
			'rate limited'           => array( 'rate_limited', array(), 'rate_limited', 6 ),
			'MailerSend answers 503' => array( 'fault_503', array(), 'mailersend_unavailable', 7 ),
		);
	}

	/**
	 * @param string   $name    Token name in tokens.json.
	 * @param string[] $options Options.
	 * @param string   $id      Expected verdict.
	 * @param int      $exit    Expected exit code.
	 */
	#[\PHPUnit\Framework\Attributes\DataProvider( 'verdicts' )]
	public function test_the_verdict_sets_the_exit_code( string $name, array $options, string $id, int $exit ): void {
		$token  = $this->use_token( $name );
		$result = $this->wp( array_merge( array( 'check', '--format=json' ), $options ) );
		$data   = $this->json_of( $result );

		$this->assertSame( $id, $data['verdict']['id'], self::describe( $result ) );
		$this->assertExit( $exit, $result );
		$this->assertSame( $exit, Command::exit_code( $id ) );
		$this->assertSame(
			array(
				'masked' => Mask::token( $token ),
				'source' => 'database',
			),
			$data['token']
		);
		$this->assertTokenNotPrinted( $token, $result );

		// Kept as the last check, as the screen's re-check does.
		$stored = $this->fresh_option( 'fix_mailersend_last_check' );
		$this->assertIsArray( $stored );
		$this->assertSame( $id, $stored['verdict']['id'] );
		$this->assertStringNotContainsString( $token, (string) wp_json_encode( $stored ) );
	}

	public function test_deep_probes_sending_and_quick_does_not(): void {
		$this->use_token( 'valid_full' );

		$this->assertExit( 0, $this->wp( array( 'check' ) ) );
		$this->assertSame( array(), $this->standin_requests_to( '/v1/email' ) );

		$this->assertExit( 0, $this->wp( array( 'check', '--deep' ) ) );
		$this->assertCount( 1, $this->standin_requests_to( '/v1/email' ) );
	}

	public function test_the_readable_form_reads_like_the_screen(): void {
		$token  = $this->use_token( 'other_account' );
		$json   = $this->json_of( $this->wp( array( 'check', '--deep', '--format=json' ) ) );
		$result = $this->wp( array( 'check', '--deep' ) );

		$verdict = $json['verdict'];
		$this->assertExit( Command::EXIT_SENDING, $result );
		$this->assertStringStartsWith( 'Error: ' . $verdict['title'] . "\n" . $verdict['explanation'] . "\n", $result['stdout'] );
		foreach ( $verdict['steps'] as $index => $step ) {
			$this->assertStringContainsString( sprintf( '  %d. %s', $index + 1, $step ), $result['stdout'] );
		}
		$this->assertStringContainsString( 'Evidence: ', $result['stdout'] );
		$this->assertStringContainsString( Mask::token( $token ), $result['stdout'] );
		$this->assertTokenNotPrinted( $token, $result );
		$this->assertSame( '', $result['stderr'] );
	}

	public function test_no_token_is_a_format_problem(): void {
		$this->use_token( 'valid_full' );
		$option                          = $this->wpms_option();
		$option['mailersend']['api_key'] = '';
		$this->set_wpms_option( $option );

		$result = $this->wp( array( 'check', '--format=json' ) );

		$this->assertSame( 'missing', $this->json_of( $result )['verdict']['id'] );
		$this->assertExit( Command::EXIT_FORMAT, $result );
		$this->assertSame( array(), $this->standin_requests() );
	}

	public function test_the_throttle_exits_9(): void {
		$this->use_token( 'valid_full' );
		// Someone spent the minute's checks (committed, so the child sees it).
		$throttle = new Throttle();
		for ( $i = 0; $i < Throttle::CHECK_LIMIT; $i++ ) {
			$this->assertSame( 0, $throttle->acquire( Throttle::BUCKET_CHECK ) );
		}

		$result = $this->wp( array( 'check', '--format=json' ) );

		$this->assertExit( Command::EXIT_THROTTLED, $result );
		$data = $this->json_of( $result );
		$this->assertSame( 'fix_mailersend_throttled', $data['code'] );
		$this->assertGreaterThan( 0, $data['retry_after'] );
		$this->assertStringStartsWith( 'Error: ', $result['stderr'] );
		$this->assertSame( array(), $this->standin_requests() );
	}
}
