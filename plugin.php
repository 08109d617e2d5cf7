<?php
/**
 * Plugin Name:       Fix MailerSend
 * Description:       Finds out why WP Mail SMTP cannot send through MailerSend, checks a new API token with MailerSend before saving it, saves it without touching your other settings, and sends a test email.
 * Version:           0.1.0
 * Requires at least: 6.8
 * Requires PHP:      7.4
 * Author:            Fix MailerSend contributors
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       fix-mailersend
 * Domain Path:       /languages
 *
 * @package FixMailerSend
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

define( 'FIX_MAILERSEND_VERSION', '0.1.0' );
define( 'FIX_MAILERSEND_FILE', __FILE__ );
define( 'FIX_MAILERSEND_DIR', plugin_dir_path( __FILE__ ) );

/**
 * Shows why Fix MailerSend cannot run (or cannot show its screen) to those who can act on it.
 *
 * @param callable $message Returns the plain-text message (called late, once translations load); escaped here.
 * @return void
 */
function fix_mailersend_requirement_notice( $message ) {
	add_action(
		'admin_notices',
		static function () use ( $message ) {
			if ( ! current_user_can( 'activate_plugins' ) ) {
				return;
			}
			printf(
				'<div class="notice notice-error"><p><strong>%1$s</strong> %2$s</p></div>',
				esc_html__( 'Fix MailerSend:', 'fix-mailersend' ),
				esc_html( (string) call_user_func( $message ) )
			);
		}
	);
}

if ( version_compare( PHP_VERSION, '7.4', '<' ) ) {
	fix_mailersend_requirement_notice(
		static function () {
			return sprintf(
				/* translators: 1: required PHP version, 2: running PHP version. */
				__( 'needs PHP %1$s or newer; this site runs PHP %2$s. Ask your host to update PHP. The plugin does nothing until then.', 'fix-mailersend' ),
				'7.4',
				PHP_VERSION
			);
		}
	);
	return;
}

if ( ! is_readable( FIX_MAILERSEND_DIR . 'build/index.asset.php' ) ) {
	// The checks, the REST API and the watch still run; only the screen needs the build.
	fix_mailersend_requirement_notice(
		static function () {
			return __( 'its screen has not been built (build/index.asset.php is missing). Install the plugin from its release zip, or run "npm ci && npm run build" in its folder.', 'fix-mailersend' );
		}
	);
}

if ( ! class_exists( 'FixMailerSend\Plugin' ) ) {
	if ( is_readable( FIX_MAILERSEND_DIR . 'vendor/autoload.php' ) ) {
		require_once FIX_MAILERSEND_DIR . 'vendor/autoload.php';
	} else {
		require_once FIX_MAILERSEND_DIR . 'includes/autoload.php';
	}
}

FixMailerSend\Plugin::boot( __FILE__ );
