<?php
/**
 * One deadline per action (issue 7, point 1 and 2), over real HTTP and real WP-CLI: against a
 * MailerSend that answers every call just under the per-call timeout, or late enough that the
 * next call cannot fit, or never, each action — check, deep check, save, test email, the daily
 * check, WP-CLI `set-token` / `check` / `test-email` — answers before its deadline plus a
 * margin, says which step ran out of time, does not start a call that could not finish, saves
 * nothing when its check ran out of time, and reports the test email's real timeout.
 *
 * The deadline is shortened to 3.5 s, the per-call timeout to 1.2 s where the stand-in answers just
 * under it (the test-only mu-plugin fms-test-limits.php reads the constants): the rule is the
 * same as with 15 s and 10 s (`npm run bench` shows those).
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Reliability;

use FixMailerSend\Support\Throttle;

require_once __DIR__ . '/Reliability_Test_Case.php';

final class DeadlineTest extends Reliability_Test_Case {

	/**
	 * The deadline of every action here, in seconds.
	 */
	const DEADLINE = 3.5;

	/**
	 * Answered "in time" means before the deadline plus this (the work after the last call, a
	 * loaded machine): without a deadline one hanging call alone takes 10 s.
	 */
	const SLACK = 2.0;


	/**
	 * The per-call timeout when MailerSend answers just under it, and that answer's delay.
	 */
	const CALL_TIMEOUT = 1.2;
	const JUST_UNDER   = 850;

	/**
	 * Answers this late leave no time for the next call of a 3.5 s deadline (with the default
	 * 10 s per-call timeout): 3.5 s less the margin (0.7 s) less 1.7 s is under the 1.5 s a call
	 * needs. (With JUST_UNDER, 2.8 s less 0.85 s leaves the probe its 1.2 s unless the request
	 * spent 0.75 s before the action began; after it, 2.8 s less 1.7 s never leaves 1.2 s: an
	 * answer of exactly 0.8 s would leave exactly 1.2 s for the domain list on a fast machine.)
	 */
	const TOO_LATE_FOR_THE_NEXT = 1700;

	// ---------------------------------------------------------------------------------------
	// Every answer just under the per-call timeout.
	// ---------------------------------------------------------------------------------------

	public function test_slow_answers_a_check_in_time(): void {
		$this->limits( self::CALL_TIMEOUT );
		$this->use_token( 'valid_full' );
		$this->slow_standin( self::JUST_UNDER );

		$result = $this->http( 'POST', '/token/check', array( 'deep' => false ) );

		$this->assert_in_time( $result );
		$this->assertSame( 'valid', $result['body']['verdict']['id'] ?? null, (string) wp_json_encode( $result['body'] ) );
		$this->assertSame( array( '/v1/api-quota' ), $this->paths() );
	}

	public function test_slow_answers_a_deep_check_without_the_domain_list_it_had_no_time_for(): void {
		$this->limits( self::CALL_TIMEOUT );
		$this->use_token( 'valid_full' );
		$this->slow_standin( self::JUST_UNDER );

		$result = $this->http( 'POST', '/token/check', array( 'deep' => true ) );

		$this->assert_in_time( $result );
		$verdict = $result['body']['verdict'];
		$this->assertSame( 'valid', $verdict['id'], 'Quota and probe answered: the token is proven; only the domain match is missing.' );
		$this->assertFalse( $verdict['evidence']['domains_checked'] );
		$this->assert_ran_out( 'domains', $verdict['evidence'] );
		$this->assertSame( array( '/v1/api-quota', '/v1/email' ), $this->paths(), 'The domain list, which could not finish, was not asked for.' );
	}

	public function test_slow_answers_a_save_in_time_and_it_saves_the_proven_token(): void {
		$this->limits( self::CALL_TIMEOUT );
		$token = $this->token( 'valid_full' );
		$this->slow_standin( self::JUST_UNDER );

		$result = $this->http( 'PUT', '/token', array( 'token' => $token ) );

		$this->assert_in_time( $result );
		$this->assertSame( 200, $result['status'], (string) wp_json_encode( $result['body'] ) );
		$this->assertTrue( $result['body']['saved'] );
		$this->assert_ran_out( 'domains', $result['body']['verdict']['evidence'] );
		$this->assertSame( $token, $this->fresh_option( 'wp_mail_smtp' )['mailersend']['api_key'] );
		$this->assertSame( array( '/v1/api-quota', '/v1/email' ), $this->paths() );
	}

	public function test_slow_answers_a_test_email_in_time(): void {
		$this->limits( self::CALL_TIMEOUT );
		$this->use_token( 'valid_full' );
		$this->slow_standin( self::JUST_UNDER );

		$result = $this->http( 'POST', '/test-email', array( 'to' => 'someone@example.com' ) );

		$this->assert_in_time( $result );
		$this->assertTrue( $result['body']['accepted'] ?? null, (string) wp_json_encode( $result['body'] ) );
		$this->assertCount( 1, $this->standin_requests_to( '/v1/email' ) );
	}

	public function test_slow_answers_the_daily_check_in_time(): void {
		$this->limits( self::CALL_TIMEOUT );
		$this->use_token( 'valid_full' );
		$this->slow_standin( self::JUST_UNDER );

		$check = $this->daily_check();

		$this->assertSame( 'valid', $check['verdict']['id'] );
		$this->assertSame( array( '/v1/api-quota' ), $this->paths() );
	}

	public function test_slow_answers_a_cli_set_token_in_time(): void {
		$this->limits( self::CALL_TIMEOUT );
		$token  = $this->token( 'valid_full' );
		$before = $this->raw_option( 'wp_mail_smtp' );
		$this->slow_standin( self::JUST_UNDER );

		$start = microtime( true );
		$run   = $this->wp( array( 'set-token', '--format=json' ), $token );

		$this->assertLessThan( self::DEADLINE + self::SLACK, microtime( true ) - $start, 'WP-CLI\'s own start counts against the deadline.' );
		$verdict = $this->json_of( $run )['verdict'];
		// WP-CLI's start (counted, up to a fifth of the deadline) decides whether the probe still
		// fits: either way no call was cut short, and only a proven token is saved.
		if ( 'send_probe' === ( $verdict['evidence']['step'] ?? null ) ) {
			$this->assertExit( 7, $run );
			$this->assert_ran_out( 'send_probe', $verdict['evidence'] );
			$this->assertSame( $before, $this->raw_option( 'wp_mail_smtp' ) );
			$this->assertSame( array( '/v1/api-quota' ), $this->paths() );
		} else {
			$this->assertExit( 0, $run );
			$this->assert_ran_out( 'domains', $verdict['evidence'] );
			$this->assertSame( $token, $this->fresh_option( 'wp_mail_smtp' )['mailersend']['api_key'] );
			$this->assertSame( array( '/v1/api-quota', '/v1/email' ), $this->paths() );
		}
	}

	// ---------------------------------------------------------------------------------------
	// An answer so late that the next call cannot finish: it is not made.
	// ---------------------------------------------------------------------------------------

	public function test_a_probe_that_could_not_finish_is_not_sent(): void {
		$this->limits();
		$this->use_token( 'valid_full' );
		$this->slow_standin( self::TOO_LATE_FOR_THE_NEXT );

		$result = $this->http( 'POST', '/token/check', array( 'deep' => true ) );

		$this->assert_in_time( $result );
		$verdict = $result['body']['verdict'];
		$this->assertSame( 'network_error', $verdict['id'] );
		$this->assert_ran_out( 'send_probe', $verdict['evidence'] );
		$this->assertTrue( $verdict['evidence']['token_accepted'], 'MailerSend accepted the token on the quota call.' );
		$this->assertSame( array( '/v1/api-quota' ), $this->paths(), 'The probe was not sent.' );
		wp_cache_flush();
		$this->assertSame( Throttle::PROBE_LIMIT, ( new Throttle() )->remaining( Throttle::BUCKET_PROBE ), 'The probe that was not sent cost no slot of the daily probe limit.' );
	}

	public function test_a_save_whose_probe_could_not_run_saves_nothing_and_offers_save_anyway(): void {
		$this->limits();
		$before = $this->raw_option( 'wp_mail_smtp' );
		$this->slow_standin( self::TOO_LATE_FOR_THE_NEXT );

		$result = $this->http( 'PUT', '/token', array( 'token' => $this->token( 'valid_full' ) ) );

		$this->assert_in_time( $result );
		$this->assertSame( 422, $result['status'] );
		$this->assertSame( 'fix_mailersend_token_rejected', $result['body']['code'] );
		$this->assertStringContainsString( 'save it anyway', $result['body']['message'] );
		$this->assert_ran_out( 'send_probe', $result['body']['data']['verdict']['evidence'] );
		$this->assertSame( $before, $this->raw_option( 'wp_mail_smtp' ), 'Nothing was written.' );
		$this->assertSame( array( '/v1/api-quota' ), $this->paths() );
	}

	// ---------------------------------------------------------------------------------------
	// MailerSend never answers.
	// ---------------------------------------------------------------------------------------

	public function test_a_hanging_mailersend_stops_a_check_and_a_deep_check_at_the_quota_call(): void {
		$this->limits();
		$this->use_token( 'valid_full' );
		$this->hang_standin();

		$results = $this->parallel(
			array(
				array(
					'method' => 'POST',
					'route'  => '/token/check',
					'body'   => array( 'deep' => false ),
				),
				array(
					'method' => 'POST',
					'route'  => '/token/check',
					'body'   => array( 'deep' => true ),
				),
			)
		);

		foreach ( $results as $result ) {
			$this->assert_in_time( $result );
			$this->assertSame( 'network_error', $result['body']['verdict']['id'] );
			$this->assert_ran_out( 'quota', $result['body']['verdict']['evidence'] );
			$this->assertLessThan( self::DEADLINE, $result['body']['verdict']['evidence']['timeout'], 'The call had what was left, not its 10 s.' );
		}
		$this->assertSame( array( '/v1/api-quota', '/v1/api-quota' ), $this->paths() );
	}

	public function test_a_hanging_mailersend_stops_a_save_and_nothing_is_saved(): void {
		$this->limits();
		$before = $this->raw_option( 'wp_mail_smtp' );
		$this->hang_standin();

		$result = $this->http(
			'PUT',
			'/token',
			array(
				'token'         => $this->token( 'valid_full' ),
				'switch_mailer' => true,
			)
		);

		$this->assert_in_time( $result );
		$this->assertSame( 422, $result['status'] );
		$this->assert_ran_out( 'quota', $result['body']['data']['verdict']['evidence'] );
		$this->assertSame( $before, $this->raw_option( 'wp_mail_smtp' ), 'Nothing was written.' );
		$this->assertNull( $this->fresh_option( 'fix_mailersend_audit' ), 'Nothing was audited.' );
	}

	public function test_a_hanging_mailersend_stops_the_test_email_which_reports_its_real_timeout(): void {
		$this->limits();
		$this->use_token( 'valid_full' );
		$this->hang_standin();

		$result = $this->http( 'POST', '/test-email', array( 'to' => 'someone@example.com' ) );

		$this->assert_in_time( $result );
		$this->assertFalse( $result['body']['accepted'] );
		$evidence = $result['body']['verdict']['evidence'];
		$this->assertSame( 'network_error', $result['body']['verdict']['id'] );
		$this->assert_ran_out( 'test_email', $evidence );
		// WP Mail SMTP asked for max_execution_time (30 s here); the request had what was left.
		$this->assertLessThan( self::DEADLINE, $evidence['timeout'] );
		$this->assertGreaterThan( 0, $evidence['timeout'] );
		$this->assertGreaterThanOrEqual( $evidence['timeout'] - 0.2, $result['seconds'], 'The answer waited the timeout the evidence reports.' );
		$this->assertCount( 1, $this->standin_requests_to( '/v1/email' ) );
	}

	public function test_a_hanging_mailersend_stops_the_daily_check(): void {
		$this->limits();
		$this->use_token( 'valid_full' );
		$this->hang_standin();

		$check = $this->daily_check();

		$this->assertSame( 'network_error', $check['verdict']['id'] );
		$this->assert_ran_out( 'quota', $check['verdict']['evidence'] );
	}

	public function test_a_hanging_mailersend_stops_cli_set_token_check_and_test_email(): void {
		$this->limits();
		$this->use_token( 'valid_full' );
		$before = $this->raw_option( 'wp_mail_smtp' );
		$this->hang_standin();

		foreach (
			array(
				array( array( 'set-token', '--format=json' ), $this->token( 'valid_no_email_scope' ), 'quota' ),
				array( array( 'check', '--deep', '--format=json' ), '', 'quota' ),
				array( array( 'test-email', '--format=json' ), '', 'test_email' ),
			) as list( $args, $stdin, $step )
		) {
			$start = microtime( true );
			$run   = $this->wp( $args, $stdin );

			$this->assertLessThan( self::DEADLINE + self::SLACK, microtime( true ) - $start, $args[0] );
			$this->assertExit( 7, $run );
			$this->assert_ran_out( $step, $this->json_of( $run )['verdict']['evidence'] );
		}
		$this->assertSame( $before, $this->raw_option( 'wp_mail_smtp' ), 'set-token wrote nothing.' );
	}

	// ---------------------------------------------------------------------------------------
	// Helpers.
	// ---------------------------------------------------------------------------------------

	/**
	 * Shortens the deadline to DEADLINE and, when given, the per-call timeout (for every worker
	 * and child process, through wp-config-local.php and the test-only mu-plugin).
	 *
	 * @param float|null $call_timeout Per-call timeout in seconds (null: the plugin's 10 s).
	 * @return void
	 */
	private function limits( ?float $call_timeout = null ): void {
		$php = 'define( \'FMS_TEST_ACTION_DEADLINE\', ' . self::DEADLINE . " );\n";
		if ( null !== $call_timeout ) {
			$php .= 'define( \'FMS_TEST_REQUEST_TIMEOUT\', ' . $call_timeout . " );\n";
		}
		$this->local_config( $php );
	}

	/**
	 * Runs the daily check's WP-Cron hook in a process of its own, as a cron run would, and
	 * returns the last check it stored. Asserts it finished in time.
	 *
	 * @return array<string, mixed>
	 */
	private function daily_check(): array {
		$start  = microtime( true );
		$result = $this->php_processes( 'do_action( "fix_mailersend_daily_check" ); echo wp_json_encode( get_option( "fix_mailersend_last_check" ) );', 1 )[0];

		$this->assertLessThan( self::DEADLINE + self::SLACK, microtime( true ) - $start, 'The daily check finished in time.' );
		$this->assertSame( 0, $result['exit'], $result['stderr'] );
		$check = json_decode( $result['stdout'], true );
		$this->assertIsArray( $check, $result['stdout'] );
		return $check;
	}

	/**
	 * Asserts an HTTP answer came before the deadline plus the slack.
	 *
	 * @param array{status: int, body: mixed, seconds: float} $result An answer of http().
	 * @return void
	 */
	private function assert_in_time( array $result ): void {
		$this->assertLessThan( self::DEADLINE + self::SLACK, $result['seconds'], 'Answered within the deadline: ' . wp_json_encode( $result['body'] ) );
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
		$this->assertSame( $step, $evidence['step'] ?? null, (string) wp_json_encode( $evidence ) );
		$this->assertSame( self::DEADLINE, $evidence['deadline'] ?? null );
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
}
