<?php
/**
 * Puts the e2e test site into a known state from the command line (test code only).
 *
 * Usage: php tests/e2e/support/site.php <command> [json]
 *   reset                 WP Mail SMTP settings as installed, this plugin's data (held emails too)
 *                         and WP Mail SMTP's Debug Events removed, no wp-config-local.php, both
 *                         plugins active, users' language the site's.
 *   wpms-merge <json>     merge <json> into the wp_mail_smtp option (as WP Mail SMTP would save it).
 *   wpms-get              print the raw wp_mail_smtp option as JSON.
 *   send-mail             the demo shop (bin/dev-mu-plugins/fms-demo-shop.php, copied into the site's
 *                         must-use plugins, removed by reset) emails order #1042 through wp_mail()
 *                         (to record a failure or a success).
 *   deactivate-wpms       deactivate WP Mail SMTP.
 *   activate-wpms         activate WP Mail SMTP.
 *   deactivate-fms        deactivate Fix MailerSend.
 *   user-locale <json>    {"user": login, "locale": "de_DE"}: the user's language (profile screen).
 *   send-comment-notification  a visitor's comment waits for moderation: WordPress emails the admin.
 *   send-password-reset   WordPress's "Password Reset" email to the user `subscriber` (retrieve_password()).
 *   send-contact-form     the demo contact form (bin/dev-mu-plugins/fms-demo-contact-form.php, copied
 *                         into the site's must-use plugins, removed by reset) emails a submission
 *                         with a file attached (submission.csv), deleted right after wp_mail().
 *   db-find <json>        {"needle": "…"}: the tables whose text holds it (every table of the site).
 *
 * @package FixMailerSend
 */

// phpcs:disable WordPress.WP.AlternativeFunctions -- a command-line helper.
// phpcs:disable WordPress.Security.EscapeOutput.OutputNotEscaped -- prints JSON to a terminal.

$fms_wp_dir             = (string) getenv( 'FMS_WP_DIR' );
$_SERVER['HTTP_HOST']   = '127.0.0.1'; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited
$_SERVER['REQUEST_URI'] = '/'; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited
$_SERVER['REMOTE_ADDR'] = '127.0.0.1'; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- retrieve_password() names the requester's address.
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
		// The demo shop and contact form that earlier tests copied in.
		@unlink( WPMU_PLUGIN_DIR . '/fms-demo-shop.php' ); // phpcs:ignore WordPress.PHP.NoSilencedErrors
		@unlink( WPMU_PLUGIN_DIR . '/fms-demo-contact-form.php' ); // phpcs:ignore WordPress.PHP.NoSilencedErrors
		// WP Mail SMTP's Debug Events of earlier tests (the outage report reads them).
		$fms_events = $wpdb->prefix . 'wpmailsmtp_debug_events';
		if ( $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $fms_events ) ) === $fms_events ) { // phpcs:ignore WordPress.DB
			$wpdb->query( "DELETE FROM `$fms_events`" ); // phpcs:ignore WordPress.DB
		}
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
		// The demo shop's order email: a plugin's email, as on a real site (an email sent from this
		// plugin's own folder would count as its test email and stay out of the outage report).
		copy( dirname( __DIR__, 3 ) . '/bin/dev-mu-plugins/fms-demo-shop.php', WPMU_PLUGIN_DIR . '/fms-demo-shop.php' );
		require_once WPMU_PLUGIN_DIR . '/fms-demo-shop.php';
		echo wp_json_encode( fms_demo_shop_order_email( 1042, 'customer@example.com' ) );
		break;
	case 'send-orders':
		// As send-mail, for orders 1 … count (different emails: none repeats another).
		copy( dirname( __DIR__, 3 ) . '/bin/dev-mu-plugins/fms-demo-shop.php', WPMU_PLUGIN_DIR . '/fms-demo-shop.php' );
		require_once WPMU_PLUGIN_DIR . '/fms-demo-shop.php';
		for ( $fms_order = 1; $fms_order <= (int) ( $fms_arg['count'] ?? 0 ); $fms_order++ ) {
			fms_demo_shop_order_email( $fms_order, "customer$fms_order@example.com" );
		}
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
	case 'send-comment-notification':
		update_option( 'moderation_notify', '1' );
		$fms_post    = wp_insert_post(
			array(
				'post_title'   => 'Opening hours',
				'post_content' => 'We are open from 9 to 5.',
				'post_status'  => 'publish',
			)
		);
		$fms_comment = wp_insert_comment(
			array(
				'comment_post_ID'      => $fms_post,
				'comment_author'       => 'Ada Visitor',
				'comment_author_email' => 'ada@example.org',
				'comment_content'      => 'Are you open on Sundays?',
				'comment_approved'     => 0,
			)
		);
		echo wp_json_encode( wp_notify_moderator( (int) $fms_comment ) );
		break;
	case 'send-password-reset':
		$fms_result = retrieve_password( 'subscriber' );
		echo wp_json_encode( true === $fms_result );
		break;
	case 'send-contact-form':
		// Installed as a must-use plugin (a copy, so that its path is the site's), loaded as a request would.
		copy( dirname( __DIR__, 3 ) . '/bin/dev-mu-plugins/fms-demo-contact-form.php', WPMU_PLUGIN_DIR . '/fms-demo-contact-form.php' );
		require_once WPMU_PLUGIN_DIR . '/fms-demo-contact-form.php';
		echo wp_json_encode( fms_demo_contact_form_send( 'Ada Visitor', 'ada@example.org', 'Please send me your price list.' ) );
		break;
	case 'db-find':
		global $wpdb;
		$fms_needle = (string) ( $fms_arg['needle'] ?? '' );
		if ( '' === $fms_needle ) {
			fwrite( STDERR, "No needle\n" );
			exit( 2 );
		}
		$fms_found = array();
		foreach ( $wpdb->get_col( 'SHOW TABLES' ) as $fms_table ) { // phpcs:ignore WordPress.DB
			$fms_columns = $wpdb->get_col( "SHOW COLUMNS FROM `$fms_table`" ); // phpcs:ignore WordPress.DB
			$fms_where   = implode(
				' OR ',
				array_map(
					static fn( string $column ): string => $wpdb->prepare( "CAST(`$column` AS BINARY) LIKE %s", '%' . $wpdb->esc_like( $fms_needle ) . '%' ), // phpcs:ignore WordPress.DB
					$fms_columns
				)
			);
			if ( (int) $wpdb->get_var( "SELECT COUNT(*) FROM `$fms_table` WHERE $fms_where" ) > 0 ) { // phpcs:ignore WordPress.DB
				$fms_found[] = $fms_table;
			}
		}
		echo wp_json_encode( $fms_found );
		break;
	default:
		fwrite( STDERR, "Unknown command: $fms_command\n" );
		exit( 2 );
}
