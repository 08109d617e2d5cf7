<?php
/**
 * Installs the local site for a profile: WordPress, the WP Mail SMTP stand-in and Fix MailerSend
 * active, users per role, and WP Mail SMTP set to MailerSend with a token the stand-in rejects
 * (the broken state the plugin exists to fix). Development and tests only.
 *
 * With FMS_MULTISITE=1 this site becomes the main site of a subdirectory network instead: the
 * network's tables and rows are added here (as wp-admin/network.php does), no plugin is
 * activated, and bin/install-network.php finishes once wp-config.php has the network's constants.
 *
 * Usage: FMS_WP_DIR=… FMS_TOKENS_FILE=… [FMS_MULTISITE=1] php bin/install-site.php
 *
 * @package FixMailerSend
 */

// phpcs:disable WordPress.WP.AlternativeFunctions -- a command-line tool writes to STDOUT/STDERR and reads a local JSON file.

$fms_wp_dir = getenv( 'FMS_WP_DIR' );
if ( ! $fms_wp_dir || ! file_exists( $fms_wp_dir . '/wp-load.php' ) ) {
	fwrite( STDERR, "FMS_WP_DIR must point at a WordPress directory.\n" );
	exit( 1 );
}

$_SERVER['HTTP_HOST']   = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';

define( 'WP_INSTALLING', true ); // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.NonPrefixedConstantFound -- core's constant.
require $fms_wp_dir . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
require_once __DIR__ . '/site-defaults.php';

if ( is_blog_installed() ) {
	if ( '1' === getenv( 'FMS_MULTISITE' ) ) {
		// bin/lib.sh runs this for a network only when the network's tables are missing.
		fwrite( STDERR, "This profile holds a single site: install the network afresh with FMS_FRESH=1.\n" );
		exit( 1 );
	}
	fwrite( STDOUT, "Site already installed.\n" );
	exit( 0 );
}

// No MTA here: the installer's "new site" email is skipped.
add_filter( 'pre_wp_mail', '__return_false' );

wp_install( 'Fix MailerSend (local)', 'admin', 'admin@example.com', false, '', 'password' );
update_option( 'permalink_structure', '/%postname%/' );
update_option( 'timezone_string', 'UTC' );
// Avatars come from the network, which this site must not reach.
update_option( 'show_avatars', 0 );

foreach ( array( 'editor', 'author', 'subscriber' ) as $fms_role ) {
	wp_insert_user(
		array(
			'user_login' => $fms_role,
			'user_pass'  => 'password',
			'user_email' => $fms_role . '@example.com',
			'role'       => $fms_role,
		)
	);
}

update_option( 'wp_mail_smtp', fms_default_wp_mail_smtp_option( (string) getenv( 'FMS_TOKENS_FILE' ) ), false );

if ( '1' === getenv( 'FMS_MULTISITE' ) ) {
	// The network's tables get their names only on a network, or here (as wp-admin/network.php does).
	foreach ( $wpdb->tables( 'ms_global' ) as $fms_table => $fms_prefixed_table ) {
		$wpdb->$fms_table = $fms_prefixed_table;
	}
	install_network();
	// The domain keeps the port: it is what browsers send in the Host header.
	$fms_home   = (array) wp_parse_url( home_url() );
	$fms_domain = $fms_home['host'] . ( isset( $fms_home['port'] ) ? ':' . $fms_home['port'] : '' );
	$fms_result = populate_network( 1, $fms_domain, 'admin@example.com', 'Fix MailerSend (network)', '/', false );
	if ( is_wp_error( $fms_result ) ) {
		fwrite( STDERR, 'populate_network: ' . $fms_result->get_error_message() . "\n" );
		exit( 1 );
	}
	fwrite( STDOUT, "Main site and network tables installed ($fms_domain).\n" );
	exit( 0 );
}

foreach ( array( 'wp-mail-smtp/wp_mail_smtp.php', 'fix-mailersend/plugin.php' ) as $fms_plugin ) {
	$fms_result = activate_plugin( $fms_plugin );
	if ( is_wp_error( $fms_result ) ) {
		fwrite( STDERR, $fms_plugin . ': ' . $fms_result->get_error_message() . "\n" );
		exit( 1 );
	}
}
fwrite( STDOUT, "Site installed.\n" );
