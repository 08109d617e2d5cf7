<?php
/**
 * Shared helpers of the "keeping watch" tests.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- WordPress's own hooks.

namespace FixMailerSend\Tests\Watch;

use FixMailerSend\Plugin;
use FixMailerSend\Support\Throttle;
use FixMailerSend\Tests\TestCase;

/**
 * Base class: the running plugin, WP Mail SMTP's MailerSend settings, admin screens, notices.
 */
abstract class Watch_Test_Case extends TestCase {

	/**
	 * The running plugin.
	 *
	 * @var Plugin
	 */
	protected $plugin;

	/**
	 * Whether this test attached the notice to admin_notices (PHPUnit does not load wp-admin,
	 * so the plugin registered its admin hooks without it).
	 *
	 * @var bool
	 */
	private $attached_notice = false;

	protected function setUp(): void {
		parent::setUp();
		$plugin = Plugin::instance();
		$this->assertNotNull( $plugin );
		$this->plugin = $plugin;
		( new Throttle() )->reset();

		require_once ABSPATH . 'wp-admin/includes/class-wp-screen.php';
		require_once ABSPATH . 'wp-admin/includes/screen.php';

		if ( false === has_action( 'admin_notices', array( $this->plugin, 'render_admin_notice' ) ) ) {
			add_action( 'admin_notices', array( $this->plugin, 'render_admin_notice' ) );
			$this->attached_notice = true;
		}
	}

	protected function tearDown(): void {
		if ( $this->attached_notice ) {
			remove_action( 'admin_notices', array( $this->plugin, 'render_admin_notice' ) );
			$this->attached_notice = false;
		}
		// Leave the front end as it was: is_admin() follows the current screen.
		unset( $GLOBALS['current_screen'] );
		parent::tearDown();
	}

	/**
	 * Puts the MailerSend settings of WP Mail SMTP in a state (the rest of its option is kept).
	 *
	 * @param string $token  The token ('' for none).
	 * @param string $mailer The active mailer.
	 * @return void
	 */
	protected function use_settings( string $token, string $mailer = 'mailersend' ): void {
		$option                          = $this->wpms_option();
		$option['mail']['mailer']        = $mailer;
		$option['mailersend']['api_key'] = $token;
		$this->set_wpms_option( $option );
	}

	/**
	 * Everything admin_notices prints on a screen.
	 *
	 * @param string $screen Screen id.
	 * @return string
	 */
	protected function notices( string $screen = 'dashboard' ): string {
		set_current_screen( $screen );
		ob_start();
		do_action( 'admin_notices' );
		return (string) ob_get_clean();
	}

	/**
	 * Whether this plugin's notice is among the notices of a screen.
	 *
	 * @param string $screen Screen id.
	 * @return bool
	 */
	protected function notice_shown( string $screen = 'dashboard' ): bool {
		return false !== strpos( $this->notices( $screen ), 'id="fix-mailersend-notice"' );
	}

	/**
	 * A real email WP Mail SMTP fails to send through MailerSend with the token on file.
	 *
	 * @return void
	 */
	protected function failed_send(): void {
		$this->assertFalse( wp_mail( 'customer@example.com', 'Order', 'Thanks.' ) );
	}

	/**
	 * Today in the site's time zone, shifted by some days (YYYY-MM-DD).
	 *
	 * @param int $days Days from today.
	 * @return string
	 */
	protected static function day( int $days ): string {
		return (string) wp_date( 'Y-m-d', time() + $days * DAY_IN_SECONDS );
	}
}
