<?php
/**
 * The daily check: scheduled by each site from its own requests, run by each site's WP-Cron
 * on that site's token, its result kept on that site.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals.DynamicHooknameFound -- the plugin's own hooks, by their constants.

namespace FixMailerSend\Tests\Multisite;

use FixMailerSend\Storage\Check_Log;
use FixMailerSend\Watch\Daily_Check;
use FixMailerSend\Watch\Watch_Log;

require_once __DIR__ . '/Multisite_Test_Case.php';

final class DailyCheckPerSiteTest extends Multisite_Test_Case {

	public function test_each_site_schedules_its_own_daily_check(): void {
		$main   = $this->main_site();
		$second = $this->second_site();

		// Network activation scheduled the site it ran on, and did not loop over the network.
		$this->assertCount( 1, $this->on( $main, fn() => $this->daily_check_events() ) );
		$this->assertSame( array(), $this->on( $second, fn() => $this->daily_check_events() ) );

		// The second site's first admin page load (admin_init) or WP-Cron request (init).
		$this->on_site( $second );
		$this->plugin->schedule_daily_check();
		$this->plugin->schedule_daily_check();
		$events = $this->daily_check_events();
		$this->assertSame( 'daily', wp_get_schedule( Daily_Check::HOOK ) );
		$this->leave_site();

		$this->assertCount( 1, $events );
		$this->assertCount( 1, $this->on( $main, fn() => $this->daily_check_events() ) );
	}

	public function test_each_site_checks_its_own_token_and_keeps_its_own_result(): void {
		$main   = $this->main_site();
		$second = $this->second_site();

		// What each site's WP-Cron runs for the event.
		$this->on( $main, static fn() => do_action( Daily_Check::HOOK ) );
		$this->on( $second, static fn() => do_action( Daily_Check::HOOK ) );

		$quota = $this->standin_requests_to( '/v1/api-quota' );
		$this->assertSame( array( 'expired', 'valid_full' ), array_column( $quota, 'token_name' ) );
		$this->assertCount( 2, $this->standin_requests(), 'Only the free quota call, once per site.' );

		$main_result   = $this->on( $main, fn() => $this->check_result() );
		$second_result = $this->on( $second, fn() => $this->check_result() );
		$this->assertSame(
			array(
				'check'   => 'unauthenticated',
				'outcome' => 'bad',
			),
			$main_result
		);
		$this->assertSame(
			array(
				'check'   => 'valid',
				'outcome' => 'good',
			),
			$second_result
		);

		// Each site's screen shows its own last check.
		wp_set_current_user( $this->super_admin() );
		$main_status   = $this->on( $main, fn() => $this->json( $this->rest( 'GET', '/status' ) ) );
		$second_status = $this->on( $second, fn() => $this->json( $this->rest( 'GET', '/status' ) ) );
		$this->assertSame( 'unauthenticated', $main_status['last_check']['verdict']['id'] );
		$this->assertSame( 'valid', $second_status['last_check']['verdict']['id'] );
	}

	public function test_a_change_to_bad_is_announced_on_its_own_site_only(): void {
		$announced = array();
		$listener  = static function () use ( &$announced ) {
			$announced[] = get_current_blog_id();
		};
		add_action( Daily_Check::ACTION_CHANGED, $listener );
		try {
			$second = $this->second_site();
			$this->on( $second, static fn() => do_action( Daily_Check::HOOK ) );
			// A first bad check on the main site is not a change.
			$this->on( $this->main_site(), static fn() => do_action( Daily_Check::HOOK ) );
			$this->assertSame( array(), $announced );

			$this->on(
				$second,
				function () {
					$option                          = $this->wpms_option();
					$option['mailersend']['api_key'] = $this->token( 'expired' );
					$this->set_wpms_option( $option );
					do_action( Daily_Check::HOOK );
				}
			);
			$this->assertSame( array( $second ), $announced );
		} finally {
			remove_action( Daily_Check::ACTION_CHANGED, $listener );
		}
	}

	/**
	 * The current site's last check and the daily check's last outcome.
	 *
	 * @return array{check: string|null, outcome: string|null}
	 */
	private function check_result(): array {
		$check = ( new Check_Log() )->get();
		$run   = ( new Watch_Log() )->last_run();
		return array(
			'check'   => null !== $check ? $check['verdict']->id() : null,
			'outcome' => null !== $run ? $run['outcome'] : null,
		);
	}
}
