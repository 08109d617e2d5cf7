<?php
/**
 * Finishes a multisite profile's network (FMS_MULTISITE=1; see bin/lib.sh and docs/harness.md),
 * once bin/install-site.php installed the main site and the network's tables and wp-config.php
 * has the network's constants: the second site at /second/, WP Mail SMTP activated on each site
 * with that site's own settings (Lite's settings are per site), Fix MailerSend network-activated.
 * Each step is skipped when already done. Development and tests only.
 *
 * Usage: FMS_WP_DIR=… FMS_TOKENS_FILE=… php bin/install-network.php
 *
 * @package FixMailerSend
 */

// phpcs:disable WordPress.WP.AlternativeFunctions -- a command-line tool writes to STDOUT/STDERR.

$fms_wp_dir = getenv( 'FMS_WP_DIR' );
if ( ! $fms_wp_dir || ! file_exists( $fms_wp_dir . '/wp-load.php' ) ) {
	fwrite( STDERR, "FMS_WP_DIR must point at a WordPress directory.\n" );
	exit( 1 );
}

// wp-config.php adds the port that the network's domain has; wpmu_create_blog() logs the
// creator's address.
$_SERVER['HTTP_HOST']   = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REMOTE_ADDR'] = '127.0.0.1';

require $fms_wp_dir . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
require_once __DIR__ . '/site-defaults.php';

if ( ! is_multisite() ) {
	fwrite( STDERR, "wp-config.php does not define the network (MULTISITE).\n" );
	exit( 1 );
}

// No MTA here: the "new site" emails are skipped.
add_filter( 'pre_wp_mail', '__return_false' );

$fms_tokens_file = (string) getenv( 'FMS_TOKENS_FILE' );
$fms_network     = get_network();
$fms_admin       = get_user_by( 'login', 'admin' );
$fms_second      = get_site_by_path( $fms_network->domain, '/second/' );
if ( $fms_second && '/second/' === $fms_second->path ) {
	$fms_second_id = (int) $fms_second->blog_id;
} else {
	$fms_second_id = wpmu_create_blog( $fms_network->domain, '/second/', 'Second site (local)', $fms_admin ? $fms_admin->ID : 1, array( 'public' => 1 ), $fms_network->id );
	if ( is_wp_error( $fms_second_id ) ) {
		fwrite( STDERR, 'wpmu_create_blog: ' . $fms_second_id->get_error_message() . "\n" );
		exit( 1 );
	}
}

$fms_site_options = array(
	get_main_site_id() => fms_default_wp_mail_smtp_option( $fms_tokens_file ),
	$fms_second_id     => fms_second_site_wp_mail_smtp_option( $fms_tokens_file ),
);
foreach ( $fms_site_options as $fms_site_id => $fms_wp_mail_smtp ) {
	switch_to_blog( $fms_site_id );
	if ( false === get_option( 'wp_mail_smtp' ) ) {
		update_option( 'wp_mail_smtp', $fms_wp_mail_smtp, false );
	}
	update_option( 'timezone_string', 'UTC' );
	// Avatars come from the network, which this site must not reach.
	update_option( 'show_avatars', 0 );
	$fms_result = activate_plugin( 'wp-mail-smtp/wp_mail_smtp.php' );
	restore_current_blog();
	if ( is_wp_error( $fms_result ) ) {
		fwrite( STDERR, "wp-mail-smtp on site $fms_site_id: " . $fms_result->get_error_message() . "\n" );
		exit( 1 );
	}
}

$fms_result = activate_plugin( 'fix-mailersend/plugin.php', '', true );
if ( is_wp_error( $fms_result ) ) {
	fwrite( STDERR, 'fix-mailersend: ' . $fms_result->get_error_message() . "\n" );
	exit( 1 );
}
fwrite( STDOUT, "Network installed: sites 1 (/) and $fms_second_id (/second/), Fix MailerSend network-active.\n" );
