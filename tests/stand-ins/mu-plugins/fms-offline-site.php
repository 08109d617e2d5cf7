<?php
/**
 * Plugin Name: Offline site (Fix MailerSend test harness)
 * Description: Test code. The local dev/test site cannot reach WordPress.org: skip core's update,
 *              translation and browser/PHP version checks, which would otherwise log warnings
 *              (and a PHP message in debug.log fails a test). Never shipped.
 *
 * @package FixMailerSend
 */

add_action(
	'init',
	static function () {
		remove_action( 'admin_init', '_maybe_update_core' );
		remove_action( 'admin_init', '_maybe_update_plugins' );
		remove_action( 'admin_init', '_maybe_update_themes' );
		remove_action( 'admin_init', '_wp_check_for_scheduled_update_checks' );
		remove_action( 'wp_version_check', 'wp_version_check' );
		remove_action( 'wp_update_plugins', 'wp_update_plugins' );
		remove_action( 'wp_update_themes', 'wp_update_themes' );
		foreach ( array( 'load-plugins.php', 'load-update.php', 'load-update-core.php' ) as $fms_screen ) {
			remove_action( $fms_screen, 'wp_update_plugins' );
		}
		foreach ( array( 'load-themes.php', 'load-update.php', 'load-update-core.php' ) as $fms_screen ) {
			remove_action( $fms_screen, 'wp_update_themes' );
		}
	}
);

// After a plugin is installed from a zip, core asks WordPress.org for updates again
// (wp-admin/includes/admin-filters.php, loaded after init).
add_action(
	'admin_init',
	static function () {
		remove_action( 'upgrader_process_complete', 'wp_version_check' );
		remove_action( 'upgrader_process_complete', 'wp_update_plugins' );
		remove_action( 'upgrader_process_complete', 'wp_update_themes' );
	}
);

// The profile and settings screens' language list (only the installed language here).
add_filter( 'pre_site_transient_available_translations', '__return_empty_array' );

// The dashboard's "browse happy" and PHP version nags, and Site Health, ask api.wordpress.org:
// answer as it would for an up-to-date browser and PHP.
add_filter(
	'pre_site_transient_browser_' . md5( isset( $_SERVER['HTTP_USER_AGENT'] ) ? (string) $_SERVER['HTTP_USER_AGENT'] : '' ), // phpcs:ignore WordPress.Security.ValidatedSanitizedInput
	static function () {
		return array(
			'name'            => 'Chrome',
			'version'         => '156',
			'platform'        => 'Linux',
			'update_url'      => '',
			'img_src'         => '',
			'img_src_ssl'     => '',
			'current_version' => '156',
			'upgrade'         => false,
			'insecure'        => false,
			'mobile'          => false,
		);
	}
);
add_filter(
	'pre_site_transient_php_check_' . md5( PHP_VERSION ),
	static function () {
		return array(
			'recommended_version' => PHP_VERSION,
			'minimum_version'     => '7.4',
			'is_supported'        => true,
			'is_secure'           => true,
			'is_acceptable'       => true,
		);
	}
);

// Site Health's tests that need WordPress.org (update checks, core checksums, the connection
// to WordPress.org) cannot pass here and log warnings: leave them out of the offline site.
add_filter(
	'site_status_tests',
	static function ( $tests ) {
		unset( $tests['async']['background_updates'], $tests['async']['dotorg_communication'] );
		return $tests;
	},
	100
);
