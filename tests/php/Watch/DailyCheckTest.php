<?php
/**
 * The daily check: what it checks, what it keeps, when it fires the action, its schedule.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- WordPress's own hooks.

namespace FixMailerSend\Tests\Watch;

use FixMailerSend\Storage\Check_Log;
use FixMailerSend\Watch\Daily_Check;
use FixMailerSend\Watch\Watch_Log;
use FixMailerSend\Support\Token;

final class DailyCheckTest extends Watch_Test_Case {

	/**
	 * Arguments of every fix_mailersend_token_status_changed seen.
	 *
	 * @var array<int, array<int, mixed>>
	 */
	private $changes = array();

	protected function setUp(): void {
		parent::setUp();
		$this->changes = array();
		add_action( 'fix_mailersend_token_status_changed', array( $this, 'on_change' ), 10, 2 );
	}

	protected function tearDown(): void {
		remove_action( 'fix_mailersend_token_status_changed', array( $this, 'on_change' ), 10 );
		parent::tearDown();
	}

	/**
	 * Listener.
	 *
	 * @param mixed $verdict  New verdict.
	 * @param mixed $previous Previous verdict.
	 * @return void
	 */
	public function on_change( $verdict, $previous ): void {
		$this->changes[] = array( $verdict, $previous );
	}

	public function test_the_cron_hook_checks_the_saved_token_with_the_free_endpoint_only(): void {
		$this->use_settings( $this->token( 'valid_full' ) );

		do_action( Daily_Check::HOOK );

		$requests = $this->standin_requests();
		$this->assertCount( 1, $requests );
		$this->assertSame( '/v1/api-quota', strtok( (string) ( $requests[0]['path'] ?? $requests[0]['url'] ?? '' ), '?' ) );
		$this->assertSame( array(), $this->standin_requests_to( '/v1/email' ) );

		$check = ( new Check_Log() )->get();
		$this->assertNotNull( $check );
		$this->assertSame( 'valid', $check['verdict']->id() );
		$this->assertSame( Token::from( $this->token( 'valid_full' ) )->fingerprint(), $check['fingerprint'] );
		$this->assertEqualsWithDelta( time(), strtotime( $check['at'] ), 60 );

		$memory = ( new Watch_Log() )->conclusive();
		$this->assertNotNull( $memory );
		$this->assertSame( 'good', $memory['status'] );
		$this->assertSame( 'good', ( new Watch_Log() )->last_run()['outcome'] ?? null );

		global $wpdb;
		foreach ( array( Check_Log::OPTION, Watch_Log::OPTION ) as $option ) {
			$autoload = $wpdb->get_var( $wpdb->prepare( "SELECT autoload FROM {$wpdb->options} WHERE option_name = %s", $option ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
			$this->assertContains( $autoload, array( 'no', 'off' ), $option );
			$this->assertStringNotContainsString( $this->token( 'valid_full' ), serialize( get_option( $option ) ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
		}
		$this->assertSame( array(), $this->changes );
	}

	public function test_good_to_bad_fires_the_action_once(): void {
		$check = $this->plugin->daily_check();

		$this->use_settings( $this->token( 'valid_full' ) );
		$this->assertSame( 'good', $check->run() );
		$this->assertSame( array(), $this->changes );

		$this->use_settings( $this->token( 'expired' ) );
		$this->assertSame( 'bad', $check->run() );
		$this->assertCount( 1, $this->changes );
		list( $verdict, $previous ) = $this->changes[0];
		$this->assertIsArray( $verdict );
		$this->assertIsArray( $previous );
		$this->assertSame( 'unauthenticated', $verdict['id'] );
		$this->assertSame( 'error', $verdict['severity'] );
		$this->assertSame( 'valid', $previous['id'] );
		$this->assertSame( array( 'id', 'severity', 'title', 'explanation', 'steps', 'evidence' ), array_keys( $verdict ) );
		$this->assertStringNotContainsString( $this->token( 'expired' ), (string) wp_json_encode( $this->changes ) );
		$this->assertStringNotContainsString( $this->token( 'valid_full' ), (string) wp_json_encode( $this->changes ) );

		// Still bad: no change, no action.
		$this->assertSame( 'bad', $check->run() );
		$this->assertCount( 1, $this->changes );

		// Bad to good, and good again: no action either.
		$this->use_settings( $this->token( 'valid_full' ) );
		$this->assertSame( 'good', $check->run() );
		$this->assertSame( 'good', $check->run() );
		$this->assertCount( 1, $this->changes );
	}

	public function test_a_first_bad_check_is_not_a_change(): void {
		$this->assertSame( 'bad', $this->plugin->daily_check()->run() );
		$this->assertSame( array(), $this->changes );
		$this->assertSame( 'unauthenticated', ( new Check_Log() )->get()['verdict']->id() ?? null );
	}

	public function test_inconclusive_answers_in_between_do_not_hide_the_change(): void {
		$check = $this->plugin->daily_check();
		$this->use_settings( $this->token( 'valid_full' ) );
		$this->assertSame( 'good', $check->run() );

		$this->set_fault( '503', 1 );
		$this->assertSame( 'inconclusive', $check->run() );
		// Kept as the last check (the screen shows it), not as a verdict about the token.
		$this->assertSame( 'mailersend_unavailable', ( new Check_Log() )->get()['verdict']->id() ?? null );
		$this->assertSame( 'good', ( new Watch_Log() )->conclusive()['status'] ?? null );

		$this->set_fault( 'reset', 1 );
		$this->assertSame( 'inconclusive', $check->run() );
		$this->assertSame( 'network_error', ( new Check_Log() )->get()['verdict']->id() ?? null );

		$this->use_settings( $this->token( 'account_suspended' ) );
		$this->assertSame( 'bad', $check->run() );
		$this->assertCount( 1, $this->changes );
		$this->assertSame( 'account_blocked', $this->changes[0][0]['id'] );
		$this->assertSame( 'valid', $this->changes[0][1]['id'] );
	}

	public function test_a_re_check_on_the_screen_in_between_does_not_hide_the_change(): void {
		$this->use_settings( $this->token( 'valid_full' ) );
		$this->assertSame( 'good', $this->plugin->daily_check()->run() );

		// The token breaks; the owner re-checks it on the screen first.
		$this->use_settings( $this->token( 'expired' ) );
		$this->log_in_as( 'administrator' );
		$this->assertSame( 200, $this->rest( 'POST', '/token/check' )->get_status() );
		$this->assertSame( 'unauthenticated', ( new Check_Log() )->get()['verdict']->id() ?? null );

		$this->assertSame( 'bad', $this->plugin->daily_check()->run() );
		$this->assertCount( 1, $this->changes );
	}

	public function test_skipped_without_mailersend_or_token(): void {
		$this->use_settings( $this->token( 'valid_full' ), 'smtp' );
		$this->assertSame( 'skipped', $this->plugin->daily_check()->run() );

		$this->use_settings( '' );
		$this->assertSame( 'skipped', $this->plugin->daily_check()->run() );

		$this->assertSame( array(), $this->standin_requests() );
		$this->assertNull( ( new Check_Log() )->get() );
		$this->assertSame( 'skipped', ( new Watch_Log() )->last_run()['outcome'] ?? null );
	}

	public function test_the_throttle_is_respected(): void {
		$this->use_settings( $this->token( 'valid_full' ) );
		$limits = static function ( $limits ) {
			$limits['check'] = array(
				'limit'  => 0,
				'window' => 60,
			);
			return $limits;
		};
		add_filter( 'fix_mailersend_throttle_limits', $limits );
		try {
			$this->assertSame( 'throttled', $this->plugin->daily_check()->run() );
		} finally {
			remove_filter( 'fix_mailersend_throttle_limits', $limits );
		}

		$this->assertSame( array(), $this->standin_requests() );
		$this->assertNull( ( new Check_Log() )->get() );
		// A one-off retry after the wait, beside the daily event.
		$retry = wp_next_scheduled( Daily_Check::HOOK, array( Daily_Check::RETRY ) );
		$this->assertIsInt( $retry );
		$this->assertGreaterThan( time(), $retry );
		$this->assertLessThanOrEqual( time() + 120, $retry );
	}

	public function test_activation_schedules_and_deactivation_clears(): void {
		$basename = plugin_basename( FIX_MAILERSEND_FILE );
		$this->assertSame( 'fix-mailersend/plugin.php', $basename );

		Daily_Check::schedule();
		wp_schedule_single_event( time() + 300, Daily_Check::HOOK, array( Daily_Check::RETRY ) );
		do_action( 'deactivate_' . $basename, false );
		$this->assertFalse( wp_next_scheduled( Daily_Check::HOOK ) );
		$this->assertFalse( wp_next_scheduled( Daily_Check::HOOK, array( Daily_Check::RETRY ) ) );

		do_action( 'activate_' . $basename, false );
		$next = wp_next_scheduled( Daily_Check::HOOK );
		$this->assertIsInt( $next );
		$this->assertGreaterThanOrEqual( time(), $next );
		$this->assertLessThanOrEqual( time() + DAY_IN_SECONDS, $next );
		$this->assertSame( 'daily', wp_get_schedule( Daily_Check::HOOK ) );

		// Activating again does not add a second event.
		do_action( 'activate_' . $basename, true );
		$this->assertCount( 1, $this->events() );
	}

	public function test_scheduled_lazily_when_missing(): void {
		Daily_Check::unschedule();
		$this->assertFalse( wp_next_scheduled( Daily_Check::HOOK ) );

		$this->plugin->schedule_daily_check();
		$this->assertIsInt( wp_next_scheduled( Daily_Check::HOOK ) );
		$this->plugin->schedule_daily_check();
		$this->assertCount( 1, $this->events() );
	}

	/**
	 * Every scheduled event of the daily check's hook.
	 *
	 * @return array<int, mixed>
	 */
	private function events(): array {
		$found = array();
		foreach ( _get_cron_array() as $hooks ) {
			if ( isset( $hooks[ Daily_Check::HOOK ] ) ) {
				foreach ( $hooks[ Daily_Check::HOOK ] as $event ) {
					$found[] = $event;
				}
			}
		}
		return $found;
	}
}
