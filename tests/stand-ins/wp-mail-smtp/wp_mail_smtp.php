<?php
/**
 * Plugin Name: WP Mail SMTP (test stand-in)
 * Version: 4.8.0
 * Requires at least: 5.5
 * Requires PHP: 7.4
 * Description: Test stand-in of WP Mail SMTP Lite 4.8 for Fix MailerSend's tests. Never ship it.
 * Author: Fix MailerSend contributors
 * License: GPL-2.0-or-later
 * Text Domain: wp-mail-smtp
 *
 * @package FixMailerSend\Tests\StandIns\WPMailSMTP
 */

/*
 * TEST STAND-IN, NOT THE REAL PLUGIN.
 *
 * WP Mail SMTP (awesomemotive/WP-Mail-SMTP) is not available from any package
 * registry in this project's environment, so Fix MailerSend's tests install this
 * small plugin in its place (folder `wp-mail-smtp`, file `wp_mail_smtp.php`, as
 * the real Lite edition). It reproduces, in its own smaller code, only what Fix
 * MailerSend relies on and what the shared contract (shared/docs/wp-mail-smtp.md,
 * beside this repository) describes:
 *
 * - `wp_mail_smtp()`, `WPMS_PLUGIN_VER`, `WPMS_PLUGIN_FILE`, the `WPMailSMTP\` classes;
 * - `WPMailSMTP\Options` (constants, overwrite vs merge on save, key sanitizing);
 * - `WPMailSMTP\Debug` (last sending error, cleared by a successful send);
 * - sending through MailerSend's API with the same request, success rule (202 only),
 *   error text and failure hooks as WP Mail SMTP 4.8;
 * - "Do Not Send" and the Email Test header that bypasses it;
 * - a minimal admin menu "WP Mail SMTP".
 *
 * Every other mailer (including the default `mail`) sends nothing at all. See
 * tests/stand-ins/README.md for the deliberate differences from the real plugin.
 */

// Like the real plugin: a second copy (e.g. Lite and Pro) does not load.
if ( function_exists( 'wp_mail_smtp' ) ) {
	return;
}

// Like the real plugin, tests may predefine these (e.g. an older version) in wp-config.
if ( ! defined( 'WPMS_PLUGIN_VER' ) ) {
	define( 'WPMS_PLUGIN_VER', '4.8.0' );
}
if ( ! defined( 'WPMS_PHP_VER' ) ) {
	define( 'WPMS_PHP_VER', '7.4' );
}
if ( ! defined( 'WPMS_WP_VER' ) ) {
	define( 'WPMS_WP_VER', '5.5' );
}
if ( ! defined( 'WPMS_PLUGIN_FILE' ) ) {
	define( 'WPMS_PLUGIN_FILE', __FILE__ );
}

// Too old a PHP or WordPress: like the real plugin, define nothing more.
if ( version_compare( phpversion(), WPMS_PHP_VER, '<' ) || version_compare( get_bloginfo( 'version' ), WPMS_WP_VER, '<' ) ) {
	return;
}

spl_autoload_register(
	static function ( $class_name ) {
		$prefix = 'WPMailSMTP\\';

		if ( 0 !== strpos( $class_name, $prefix ) ) {
			return;
		}

		$file = __DIR__ . '/src/' . str_replace( '\\', '/', substr( $class_name, strlen( $prefix ) ) ) . '.php';

		if ( is_readable( $file ) ) {
			require_once $file;
		}
	}
);

// Declared conditionally: a top-level declaration would exist before the guard above runs.
if ( ! function_exists( 'wp_mail_smtp' ) ) {
	/**
	 * The plugin's core object (a single instance per request).
	 *
	 * @return \WPMailSMTP\Core
	 */
	function wp_mail_smtp() {
		static $core;

		if ( ! isset( $core ) ) {
			$core = new \WPMailSMTP\Core();
		}

		return $core;
	}
}

wp_mail_smtp();
