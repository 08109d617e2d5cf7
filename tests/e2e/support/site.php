<?php
/**
 * Puts the e2e test site into a known state from the command line (test code only).
 *
 * Usage: php tests/e2e/support/site.php <command> [json]
 *   reset                 WP Mail SMTP settings as installed, this plugin's data (held emails too) removed,
 *                         no wp-config-local.php, both plugins active, users' language the site's.
 *   wpms-merge <json>     merge <json> into the wp_mail_smtp option (as WP Mail SMTP would save it).
 *   wpms-get              print the raw wp_mail_smtp option as JSON.
 *   send-mail             send one email through wp_mail() (to record a failure or a success).
 *   deactivate-wpms       deactivate WP Mail SMTP.
 *   activate-wpms         activate WP Mail SMTP.
 *   deactivate-fms        deactivate Fix MailerSend.
 *   user-locale <json>    {"user": login, "locale": "de_DE"}: the user's language (profile screen).
 *
 * @package FixMailerSend
 */

// phpcs:disable WordPress.WP.AlternativeFunctions -- a command-line helper.
// phpcs:disable WordPress.Security.EscapeOutput.OutputNotEscaped -- prints JSON to a terminal.

$fms_wp_dir             = (string) getenv( 'FMS_WP_DIR' );
$_SERVER['HTTP_HOST']   = '127.0.0.1'; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited
$_SERVER['REQUEST_URI'] = '/'; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited
require $fms_wp_dir . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
require_once dirname( __DIR__, 3 ) . '/bin/site-defaults.php';

$fms_command = $argv[1] ?? '';
$fms_arg     = isset( $argv[2] ) ? json_decode( $argv[2], true ) : null;

switch ( $fms_command ) {
	case 'reset':
		@unlink( $fms_wp_dir . '/wp-config-local.php' ); // phpcs:ignore WordPress.PHP.NoSilencedErrors
		activate_plugin( 'wp-mail-smtp/wp_mail_smtp.php' );
		activate_plugin( 'fix-mailersend/plugin.php' );
		delete_metadata( 'user', 0, 'locale', '', true );
		update_option( 'wp_mail_smtp', fms_default_wp_mail_smtp_option( (string) getenv( 'FMS_TOKENS_FILE' ) ), false );
		delete_option( 'wp_mail_smtp_debug' );
		global $wpdb;
		$wpdb->query( "DELETE FROM {$wpdb->options} WHERE option_name LIKE 'fix\\_mailersend\\_%' OR option_name LIKE '\\_transient\\_fix\\_mailersend\\_%' OR option_name LIKE '\\_transient\\_timeout\\_fix\\_mailersend\\_%'" ); // phpcs:ignore WordPress.DB
		// The held emails (the tables stay, as the plugin is active).
		( new FixMailerSend\Recovery\Held_Store() )->delete_all();
		wp_cache_flush();
		break;
	case 'wpms-merge':
		$fms_current = get_option( 'wp_mail_smtp', array() );
		update_option( 'wp_mail_smtp', array_replace_recursive( is_array( $fms_current ) ? $fms_current : array(), (array) $fms_arg ), false );
		break;
	case 'wpms-get':
		echo wp_json_encode( get_option( 'wp_mail_smtp' ) );
		break;
	case 'send-mail':
		echo wp_json_encode( wp_mail( 'customer@example.com', 'Your order #1042', 'Thanks for your order.' ) );
		break;
	case 'deactivate-wpms':
		deactivate_plugins( 'wp-mail-smtp/wp_mail_smtp.php' );
		break;
	case 'activate-wpms':
		activate_plugin( 'wp-mail-smtp/wp_mail_smtp.php' );
		break;
	case 'deactivate-fms':
		deactivate_plugins( 'fix-mailersend/plugin.php' );
		break;
	case 'user-locale':
		$fms_user = get_user_by( 'login', (string) ( $fms_arg['user'] ?? '' ) );
		if ( ! $fms_user ) {
			fwrite( STDERR, "No such user\n" );
			exit( 2 );
		}
		update_user_meta( $fms_user->ID, 'locale', (string) ( $fms_arg['locale'] ?? '' ) );
		break;
	default:
		fwrite( STDERR, "Unknown command: $fms_command\n" );
		exit( 2 );
}
