<?php
/**
 * PHPUnit bootstrap: Composer's autoloader, then the REAL WordPress site of a harness profile
 * (docs/harness.md). Nothing of WordPress is mocked: tests run against its database, its hooks,
 * the WP Mail SMTP stand-in and the MailerSend stand-in.
 *
 * @package FixMailerSend
 */

// phpcs:disable WordPress.WP.AlternativeFunctions.file_system_read_fwrite -- a CLI bootstrap reports to STDERR.
// phpcs:disable WordPress.WP.GlobalVariablesOverride.Prohibited -- WordPress expects these request globals.

require_once dirname( __DIR__, 2 ) . '/vendor/autoload.php';

$fms_missing = array();
foreach ( array( 'FMS_WP_DIR', 'FMS_STANDIN_URL', 'FMS_TOKENS_FILE', 'FMS_DEBUG_LOG' ) as $fms_var ) {
	if ( false === getenv( $fms_var ) || '' === getenv( $fms_var ) ) {
		$fms_missing[] = $fms_var;
	}
}
if ( $fms_missing ) {
	fwrite(
		STDERR,
		'Fix MailerSend PHP tests run against a real site. Missing environment: ' . implode( ', ', $fms_missing ) . ".\n" .
		"Run them with `bash bin/test.sh php` (it starts the site), or `eval \"\$(bash bin/env.sh up)\"` first.\n"
	);
	exit( 1 );
}

$fms_wp_dir = rtrim( (string) getenv( 'FMS_WP_DIR' ), '/' );
if ( ! is_file( $fms_wp_dir . '/wp-load.php' ) ) {
	fwrite( STDERR, "FMS_WP_DIR ($fms_wp_dir) has no wp-load.php.\n" );
	exit( 1 );
}

$fms_host                   = parse_url( (string) getenv( 'FMS_SITE_URL' ), PHP_URL_HOST ); // phpcs:ignore WordPress.WP.AlternativeFunctions.parse_url_parse_url -- WordPress is not loaded yet.
$_SERVER['HTTP_HOST']       = is_string( $fms_host ) && '' !== $fms_host ? $fms_host : '127.0.0.1';
$_SERVER['SERVER_NAME']     = is_string( $fms_host ) && '' !== $fms_host ? $fms_host : '127.0.0.1';
$_SERVER['REQUEST_URI']     = '/';
$_SERVER['REQUEST_METHOD']  = 'GET';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
$_SERVER['REMOTE_ADDR']     = '127.0.0.1';

/*
 * PHPUnit includes this file from inside a method: wp-config.php's `$table_prefix` and the
 * variables WordPress's files set without `global` must land in the global scope.
 */
global $table_prefix, $wpdb, $wp_version, $wp_db_version, $wp_filter, $wp_actions, $wp_current_filter, $wp_rewrite, $wp, $wp_query, $wp_the_query, $wp_roles, $wp_locale, $current_user, $pagenow, $blog_id, $phpmailer, $shortcode_tags, $wp_theme_directories, $wp_embed, $wp_widget_factory, $wp_object_cache, $locale;

require $fms_wp_dir . '/wp-load.php';

if ( ! function_exists( 'rest_do_request' ) || ! class_exists( \FixMailerSend\Plugin::class ) ) {
	fwrite( STDERR, "WordPress loaded, but Fix MailerSend is not active on the site in $fms_wp_dir.\n" );
	exit( 1 );
}
