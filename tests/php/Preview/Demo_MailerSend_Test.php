<?php
/**
 * The live preview's demo MailerSend (.wordpress-org/blueprints/demo-mailersend.php) must be
 * impossible to turn on outside WordPress Playground: without the preview's constant, and with
 * it on a PHP that is not Playground's, it hooks nothing and MailerSend's requests go where
 * they always go (here: the stand-in, through the test router).
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Preview;

use FixMailerSend\Tests\TestCase;

/**
 * Runs the demo in a child PHP process on the real site (a constant cannot be undefined).
 */
final class Demo_MailerSend_Test extends TestCase {

	/**
	 * Runs tests/php/fixtures/preview-demo.php.
	 *
	 * @param string|null $constant FIX_MAILERSEND_DEMO for the child, or null for none.
	 * @return array<string, mixed>
	 */
	private function run_fixture( ?string $constant ): array {
		// phpcs:disable WordPress.WP.AlternativeFunctions, WordPress.PHP.DiscouragedPHPFunctions.system_calls_proc_open -- pipes to a child PHP process.
		$env = getenv();
		unset( $env['FMS_DEMO_CONSTANT'] );
		if ( null !== $constant ) {
			$env['FMS_DEMO_CONSTANT'] = $constant;
		}
		$process = proc_open(
			array( PHP_BINARY, '-d', 'display_errors=stderr', dirname( __DIR__ ) . '/fixtures/preview-demo.php' ),
			array(
				1 => array( 'pipe', 'w' ),
				2 => array( 'pipe', 'w' ),
			),
			$pipes,
			null,
			$env
		);
		$this->assertIsResource( $process );
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
		return $data;
	}

	/**
	 * Asserts the demo stayed off: no hook, and the request went to the stand-in, which does not
	 * know the demo token.
	 *
	 * @param array<string, mixed> $data The fixture's answer.
	 */
	private function assert_off( array $data ): void {
		$this->assertFalse( $data['enabled'] );
		$this->assertFalse( $data['pre_http'], 'No pre_http_request hook.' );
		$this->assertFalse( $data['notice'], 'No admin notice.' );
		$this->assertSame( 401, $data['status'], 'The stand-in answered: it does not know the demo token.' );
		$this->assertSame( '', $data['demo_header'] );
		$requests = $this->standin_requests();
		$this->assertCount( 1, $requests, 'The request reached the MailerSend stand-in.' );
		$this->assertSame( '/v1/api-quota', $requests[0]['path'] );
	}

	public function test_off_without_the_previews_constant(): void {
		$this->assert_off( $this->run_fixture( null ) );
	}

	public function test_off_with_the_previews_constant_on_a_php_that_is_not_playgrounds(): void {
		$data = $this->run_fixture( 'playground' );
		$this->assertNotSame( 'Emscripten', $data['os'], 'This PHP is not WebAssembly.' );
		$this->assert_off( $data );
	}

	public function test_off_with_another_value_of_the_constant(): void {
		$this->assert_off( $this->run_fixture( '1' ) );
	}

	public function test_only_playgrounds_runtime_passes_the_runtime_check(): void {
		$checks = $this->run_fixture( null )['runtime_checks'];
		$this->assertSame(
			array(
				'playground'       => true,
				'linux_prepend'    => false,
				'wasm_no_prepend'  => false,
				'wasm_own_prepend' => false,
				'this_php'         => false,
			),
			$checks
		);
	}
}
