<?php
/**
 * One deadline per action (product.md, "Deadlines"), in-process: a MailerSend that hangs, or
 * that takes its time, stops a check, a deep check, a save, a test email or the daily check
 * within the action's deadline (shortened here to 4 s through its filter), the verdict says
 * which step ran out of time, and a call that could not finish is not made.
 *
 * The real-HTTP versions (parallel workers, WP-CLI, a stand-in slow on every answer) are in
 * tests/reliability/DeadlineTest.php.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Rest;

use FixMailerSend\MailerSend\Client;
use FixMailerSend\Plugin;
use FixMailerSend\Support\Deadline;
use FixMailerSend\Tests\TestCase;

final class DeadlineTest extends TestCase {

	/**
	 * The deadline the tests give every action, in seconds.
	 */
	const DEADLINE = 4;

	/**
	 * How late after the deadline an answer may still come (the work after the last call,
	 * a loaded machine): far below the 10 s a single MailerSend call may take without a deadline.
	 */
	const SLACK = 1.5;

	/**
	 * Callbacks added by the test, removed in tearDown(): [ hook, callback, priority ].
	 *
	 * @var array<int, array{string, callable, int}>
	 */
	private $hooked = array();

	protected function setUp(): void {
		parent::setUp();
		$this->log_in_as( 'administrator' );
		$this->hook( 'fix_mailersend_action_deadline', static fn() => self::DEADLINE );
	}

	protected function tearDown(): void {
		foreach ( $this->hooked as list( $hook, $callback, $priority ) ) {
			remove_filter( $hook, $callback, $priority );
		}
		$this->hooked = array();
		parent::tearDown();
	}

	public function test_a_check_stops_at_the_quota_call_when_mailersend_hangs(): void {
		$this->set_fault( 'hang' );

		$start    = microtime( true );
		$response = $this->rest( 'POST', '/token/check', array( 'token' => $this->token( 'valid_full' ) ) );
		$seconds  = microtime( true ) - $start;
		$verdict  = $this->json( $response )['verdict'];

		$this->assertSame( 200, $response->get_status() );
		$this->assertLessThan( self::DEADLINE + self::SLACK, $seconds, 'Answered within the deadline.' );
		$this->assertSame( 'network_error', $verdict['id'] );
		$this->assert_ran_out( 'quota', $verdict['evidence'] );
		$this->assertLessThan( self::DEADLINE, $verdict['evidence']['timeout'], 'The call had what was left, not its own 10 s.' );
		$this->assertArrayNotHasKey( 'token_accepted', $verdict['evidence'] );
		$this->assertStringContainsString( 'took too long', $verdict['explanation'] );
		$this->assertCount( 1, $this->standin_requests() );
	}

	public function test_a_deep_check_stops_at_the_send_probe_and_keeps_the_token_accepted(): void {
		$this->after_answer( '/v1/api-quota', fn() => $this->set_fault( 'hang' ) );

		$start   = microtime( true );
		$verdict = $this->json( $this->deep_check( $this->token( 'valid_full' ) ) )['verdict'];
		$seconds = microtime( true ) - $start;

		$this->assertLessThan( self::DEADLINE + self::SLACK, $seconds, 'Answered within the deadline.' );
		$this->assertSame( 'network_error', $verdict['id'] );
		$this->assert_ran_out( 'send_probe', $verdict['evidence'] );
		$this->assertTrue( $verdict['evidence']['token_accepted'] );
		$this->assertSame( array( '/v1/api-quota', '/v1/email' ), $this->paths() );
	}

	public function test_a_deep_check_does_not_start_the_domain_list_without_time_for_it(): void {
		// MailerSend answers the probe only after most of the deadline has gone (4 s less the
		// 0.8 s margin less 2.6 s leaves less than the 1.5 s a call needs).
		$this->after_answer( '/v1/email', static fn() => usleep( 2600000 ) );

		$verdict = $this->json( $this->deep_check( $this->token( 'valid_full' ) ) )['verdict'];

		$this->assertSame( 'valid', $verdict['id'], 'The token proved itself; only the domain match is missing, as when the list is unreadable.' );
		$this->assertFalse( $verdict['evidence']['domains_checked'] );
		$this->assert_ran_out( 'domains', $verdict['evidence'] );
		$this->assertSame( array( '/v1/api-quota', '/v1/email' ), $this->paths(), 'The domain list was not asked for.' );
	}

	public function test_a_save_whose_check_ran_out_of_time_saves_nothing(): void {
		$before = serialize( $this->wpms_option() ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
		$this->set_fault( 'hang' );

		$start    = microtime( true );
		$response = $this->rest( 'PUT', '/token', array( 'token' => $this->token( 'valid_full' ) ) );
		$seconds  = microtime( true ) - $start;

		$this->assertLessThan( self::DEADLINE + self::SLACK, $seconds, 'Answered within the deadline.' );
		$this->assertRestError( 422, 'fix_mailersend_token_rejected', $response );
		$this->assert_ran_out( 'quota', $this->json( $response )['data']['verdict']['evidence'] );
		$this->assertSame( $before, serialize( $this->wpms_option() ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
	}

	public function test_a_save_whose_probe_ran_out_of_time_offers_save_anyway(): void {
		$before = serialize( $this->wpms_option() ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
		$this->after_answer( '/v1/api-quota', fn() => $this->set_fault( 'hang' ) );

		$response = $this->rest( 'PUT', '/token', array( 'token' => $this->token( 'valid_full' ) ) );
		$data     = $this->json( $response );

		$this->assertRestError( 422, 'fix_mailersend_token_rejected', $response );
		$this->assertSame( 'network_error', $data['data']['verdict']['id'] );
		$this->assert_ran_out( 'send_probe', $data['data']['verdict']['evidence'] );
		$this->assertStringContainsString( 'save it anyway', $data['message'] );
		$this->assertSame( $before, serialize( $this->wpms_option() ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
	}

	public function test_the_test_email_waits_only_what_is_left_and_reports_its_real_timeout(): void {
		$option                          = $this->wpms_option();
		$option['mailersend']['api_key'] = $this->token( 'valid_full' );
		$this->set_wpms_option( $option );
		$this->set_fault( 'hang' );

		// What the request to MailerSend really had, seen by core's own debug hook.
		$seen = array();
		$this->hook(
			'http_api_debug',
			static function ( $response, $context, $transport, $args, $url ) use ( &$seen ) {
				if ( 'api.mailersend.com' === wp_parse_url( (string) $url, PHP_URL_HOST ) ) {
					$seen[] = $args['timeout'];
				}
			},
			99,
			5
		);

		$start   = microtime( true );
		$data    = $this->json( $this->rest( 'POST', '/test-email', array( 'to' => 'someone@example.com' ) ) );
		$seconds = microtime( true ) - $start;

		$this->assertLessThan( self::DEADLINE + self::SLACK, $seconds, 'Answered within the deadline, not after WP Mail SMTP\'s own 30 s.' );
		$this->assertFalse( $data['accepted'] );
		$this->assertSame( 'network_error', $data['verdict']['id'] );
		$this->assert_ran_out( 'test_email', $data['verdict']['evidence'] );
		$this->assertCount( 1, $seen );
		$this->assertLessThan( self::DEADLINE, (float) $seen[0] );
		$this->assertEqualsWithDelta( (float) $seen[0], (float) $data['verdict']['evidence']['timeout'], 0.05, 'The evidence reports the timeout the request had.' );
		$this->assertCount( 1, $this->standin_requests_to( '/v1/email' ) );
	}

	public function test_the_daily_check_stops_at_the_quota_call(): void {
		$option                          = $this->wpms_option();
		$option['mailersend']['api_key'] = $this->token( 'valid_full' );
		$this->set_wpms_option( $option );
		$this->set_fault( 'hang' );

		$plugin = Plugin::instance();
		$this->assertNotNull( $plugin );
		$start  = microtime( true );
		$result = $plugin->daily_check()->run();

		$this->assertLessThan( self::DEADLINE + self::SLACK, microtime( true ) - $start, 'Done within the deadline.' );
		$this->assertSame( 'inconclusive', $result );
		$last = get_option( 'fix_mailersend_last_check' );
		$this->assertIsArray( $last );
		$this->assert_ran_out( 'quota', $last['verdict']['evidence'] );
	}

	public function test_a_call_that_cannot_finish_in_what_is_left_is_not_made(): void {
		$deadline = new Deadline( 1 );
		$this->assertFalse( $deadline->allows( Client::DEFAULT_TIMEOUT ), 'Under 1.5 s left: a 10 s call does not start.' );

		$response = ( new Client() )->within( $deadline )->get_quota( $this->token( 'valid_full' ) );

		$this->assertFalse( $response->was_sent() );
		$this->assertSame( 1.0, $response->deadline() );
		$this->assertSame( array(), $this->standin_requests(), 'Nothing reached MailerSend.' );
	}

	public function test_a_call_gets_the_smaller_of_its_timeout_and_what_is_left(): void {
		$deadline = new Deadline( 15 );
		$this->assertTrue( $deadline->allows( Client::DEFAULT_TIMEOUT ) );
		$this->assertSame( 10.0, $deadline->timeout_for( 10.0 ), 'A fresh 15 s deadline leaves a 10 s call its own timeout.' );
		$this->assertLessThanOrEqual( 14.0, $deadline->timeout_for( 30.0 ), 'A 30 s call gets at most the 15 s less the margin.' );
	}

	public function test_the_time_the_request_spent_before_the_action_counts_up_to_a_fifth(): void {
		$this->hook( 'fix_mailersend_action_deadline', static fn() => 15, 11 );
		$started = $_SERVER['REQUEST_TIME_FLOAT'] ?? null; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput -- PHP's own start time, put back afterwards.
		try {
			// A request that loaded WordPress for 2 s: 15 s less 2 s less the 1 s margin.
			$_SERVER['REQUEST_TIME_FLOAT'] = microtime( true ) - 2;
			$this->assertLessThanOrEqual( 12.0, Deadline::start( 'check' )->available() );
			// A process that has run for minutes (a script, a test runner): at most 3 s count.
			$_SERVER['REQUEST_TIME_FLOAT'] = microtime( true ) - 300;
			$this->assertLessThanOrEqual( 11.0, Deadline::start( 'check' )->available() );
			$this->assertGreaterThan( 10.0, Deadline::start( 'check' )->available(), 'and a 10 s call still starts with its own timeout.' );
		} finally {
			$_SERVER['REQUEST_TIME_FLOAT'] = $started;
		}
	}

	/**
	 * Asserts the evidence of a step the deadline stopped.
	 *
	 * @param string               $step     quota|send_probe|domains|test_email.
	 * @param array<string, mixed> $evidence Evidence.
	 * @return void
	 */
	private function assert_ran_out( string $step, array $evidence ): void {
		$this->assertSame( 'deadline', $evidence['reason'] ?? null, (string) wp_json_encode( $evidence ) );
		$this->assertSame( $step, $evidence['step'] ?? null );
		$this->assertSame( self::DEADLINE, $evidence['deadline'] ?? null );
	}

	/**
	 * Runs a callback once, when MailerSend has answered a request to a path (e.g. to hang or
	 * slow down the requests after it).
	 *
	 * @param string   $path     Path, e.g. '/v1/api-quota'.
	 * @param callable $callback What to do.
	 * @return void
	 */
	private function after_answer( string $path, callable $callback ): void {
		$done = false;
		$this->hook(
			'http_api_debug',
			static function ( $response, $context, $transport, $args, $url ) use ( $path, $callback, &$done ) {
				if ( ! $done && 'api.mailersend.com' === wp_parse_url( (string) $url, PHP_URL_HOST ) && wp_parse_url( (string) $url, PHP_URL_PATH ) === $path ) {
					$done = true;
					$callback();
				}
			},
			99,
			5
		);
	}

	/**
	 * The paths MailerSend was asked for, in order.
	 *
	 * @return string[]
	 */
	private function paths(): array {
		return array_map(
			static fn( array $request ): string => (string) strtok( (string) $request['path'], '?' ),
			$this->standin_requests()
		);
	}

	/**
	 * Adds a filter or action for this test only.
	 *
	 * @param string   $hook     Hook.
	 * @param callable $callback Callback.
	 * @param int      $priority Priority.
	 * @param int      $args     Accepted arguments.
	 * @return void
	 */
	private function hook( string $hook, callable $callback, int $priority = 10, int $args = 1 ): void {
		add_filter( $hook, $callback, $priority, $args );
		$this->hooked[] = array( $hook, $callback, $priority );
	}
}
