<?php
/**
 * The `blocked_by_site` verdict: the site blocks outgoing HTTP to api.mailersend.com.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Domain;

/**
 * Runs the site in a child PHP process whose wp-config.php (through FMS_ACCESSIBLE_HOSTS)
 * allows no MailerSend host, with WP_HTTP_BLOCK_EXTERNAL on.
 */
final class Blocked_By_Site_Test extends Domain_Test_Case {

	/**
	 * Runs the fixture with the given accessible hosts.
	 *
	 * @param string $hosts WP_ACCESSIBLE_HOSTS for the child.
	 * @param string $token Token written to its STDIN.
	 * @return array<string, mixed>
	 */
	private function run_fixture( string $hosts, string $token ): array {
		// phpcs:disable WordPress.WP.AlternativeFunctions, WordPress.PHP.DiscouragedPHPFunctions.system_calls_proc_open -- pipes to a child PHP process.
		$env                         = getenv();
		$env['FMS_ACCESSIBLE_HOSTS'] = $hosts;

		$command = array( PHP_BINARY, '-d', 'display_errors=stderr', dirname( __DIR__ ) . '/fixtures/domain-blocked-by-site.php' );
		$process = proc_open(
			$command,
			array(
				0 => array( 'pipe', 'r' ),
				1 => array( 'pipe', 'w' ),
				2 => array( 'pipe', 'w' ),
			),
			$pipes,
			null,
			$env
		);
		$this->assertIsResource( $process );
		fwrite( $pipes[0], $token );
		fclose( $pipes[0] );
		$out = (string) stream_get_contents( $pipes[1] );
		$err = (string) stream_get_contents( $pipes[2] );
		fclose( $pipes[1] );
		fclose( $pipes[2] );
		$status = proc_close( $process );
		// phpcs:enable

		$this->assertSame( 0, $status, "The fixture failed:\n$err\n$out" );
		$this->assertSame( '', $err, 'The fixture printed errors.' );
		$data = json_decode( $out, true );
		$this->assertIsArray( $data, $out );
		$this->assert_no_leak( $token, $data );
		return $data;
	}

	public function test_blocked_by_site_for_check_send_and_empty_failure(): void {
		$token = $this->token( 'valid_full' );
		$data  = $this->run_fixture( 'none.invalid', $token );

		$this->assertSame( 'none.invalid', $data['accessible_hosts'] );
		$this->assertSame( 'blocked_by_site', $data['check']['id'] );
		/*
		 * WordPress's own "blocked" error is http_request_not_executed. On these offline machines
		 * wp_safe_remote_*()'s URL validation (a DNS lookup of api.mailersend.com, done before the
		 * block check) fails first with http_request_failed: the diagnosis still sees the block.
		 */
		$this->assertContains( $data['check']['evidence']['error_code'], array( 'http_request_not_executed', 'http_request_failed' ) );
		$this->assertSame( 'GET /v1/api-quota', $data['check']['evidence']['endpoint'] );
		$this->assertSame( 'blocked_by_site', $data['send']['id'] );
		$this->assertSame( 'blocked_by_site', $data['failure']['id'], 'An empty WP Mail SMTP message on a blocking site is the block.' );
		$this->assertStringContainsString( 'WP_ACCESSIBLE_HOSTS', implode( ' ', $data['check']['steps'] ) );

		$this->assertSame( array(), $this->standin_requests(), 'Nothing reached MailerSend.' );
	}

	public function test_the_same_fixture_passes_when_mailersend_is_allowed(): void {
		$data = $this->run_fixture( 'api.mailersend.com', $this->token( 'valid_full' ) );
		$this->assertSame( 'valid', $data['check']['id'] );
		$this->assertSame( 'network_error', $data['failure']['id'] );
	}
}
