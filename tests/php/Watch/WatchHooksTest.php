<?php
/**
 * Where keeping watch is wired: hooks only on the front end, admin work on admin hooks.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- WordPress's own hooks.

namespace FixMailerSend\Tests\Watch;

use FixMailerSend\Plugin;
use FixMailerSend\Watch\Admin_Notice;
use FixMailerSend\Watch\Daily_Check;

final class WatchHooksTest extends Watch_Test_Case {

	public function test_front_end_requests_only_register_hooks(): void {
		$plugin = Plugin::instance();
		// This process loaded WordPress as a front-end request.
		$this->assertSame( 10, has_action( Daily_Check::HOOK, array( $plugin, 'run_daily_check' ) ) );
		$this->assertSame( 10, has_filter( 'site_status_tests', array( $plugin, 'site_status_tests' ) ) );
		$this->assertSame( 10, has_action( 'activate_fix-mailersend/plugin.php', array( $plugin, 'on_activate' ) ) );
		$this->assertSame( 10, has_action( 'deactivate_fix-mailersend/plugin.php', array( $plugin, 'on_deactivate' ) ) );
		$this->assertFalse( has_action( 'admin_init', array( $plugin, 'schedule_daily_check' ) ) );
		$this->assertFalse( has_action( 'wp_ajax_' . Admin_Notice::AJAX_ACTION, array( $plugin, 'dismiss_admin_notice' ) ) );
		$this->assertFalse( has_action( 'init', array( $plugin, 'schedule_daily_check' ) ), 'Only WP-Cron requests schedule on init.' );
	}

	public function test_admin_requests_register_the_notice_the_dismissal_and_the_schedule(): void {
		set_current_screen( 'dashboard' );
		$this->assertTrue( is_admin() );

		$instance = $this->fresh_plugin();
		try {
			$this->assertSame( 10, has_action( 'admin_notices', array( $instance, 'render_admin_notice' ) ) );
			$this->assertSame( 10, has_action( 'wp_ajax_' . Admin_Notice::AJAX_ACTION, array( $instance, 'dismiss_admin_notice' ) ) );
			$this->assertSame( 10, has_action( 'admin_init', array( $instance, 'schedule_daily_check' ) ) );
			$this->assertSame( 10, has_action( Daily_Check::HOOK, array( $instance, 'run_daily_check' ) ) );
			$this->assertFalse( has_action( 'wp_ajax_nopriv_' . Admin_Notice::AJAX_ACTION ) );
		} finally {
			$this->forget( $instance );
		}
	}

	public function test_cron_requests_schedule_on_init(): void {
		$cron = static function () {
			return true;
		};
		add_filter( 'wp_doing_cron', $cron );
		try {
			$instance = $this->fresh_plugin();
		} finally {
			remove_filter( 'wp_doing_cron', $cron );
		}
		try {
			$this->assertSame( 10, has_action( 'init', array( $instance, 'schedule_daily_check' ) ) );
			$this->assertFalse( has_action( 'admin_notices', array( $instance, 'render_admin_notice' ) ) );
		} finally {
			$this->forget( $instance );
		}
	}

	/**
	 * A second Plugin object that registers its hooks as the request looks now.
	 *
	 * @return Plugin
	 */
	private function fresh_plugin(): Plugin {
		$class    = new \ReflectionClass( Plugin::class );
		$instance = $class->newInstanceWithoutConstructor();
		$file     = $class->getProperty( 'file' );
		$register = $class->getMethod( 'register_hooks' );
		if ( PHP_VERSION_ID < 80100 ) {
			$file->setAccessible( true );
			$register->setAccessible( true );
		}
		$file->setValue( $instance, FIX_MAILERSEND_FILE );
		$register->invoke( $instance );
		return $instance;
	}

	/**
	 * Removes every hook a fresh_plugin() object registered.
	 *
	 * @param Plugin $instance The object.
	 * @return void
	 */
	private function forget( Plugin $instance ): void {
		global $wp_filter;
		foreach ( $wp_filter as $hook => $wp_hook ) {
			foreach ( $wp_hook->callbacks as $priority => $callbacks ) {
				foreach ( $callbacks as $callback ) {
					if ( is_array( $callback['function'] ) && $callback['function'][0] === $instance ) {
						remove_filter( (string) $hook, $callback['function'], (int) $priority );
					}
				}
			}
		}
	}
}
