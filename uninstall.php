<?php
/**
 * Uninstall: removes Fix MailerSend's own data, on every site of a network.
 *
 * WP Mail SMTP's settings (the `wp_mail_smtp` option, with the token) are never touched:
 * removing this plugin must not break sending.
 *
 * @package FixMailerSend
 */

if ( ! defined( 'WP_UNINSTALL_PLUGIN' ) ) {
	exit;
}

/**
 * Deletes this plugin's options, transients, cron events, per-site user options and tables
 * (the held emails) on the current site.
 *
 * @return void
 */
function fix_mailersend_uninstall_site() {
	global $wpdb;

	// Storage\Audit_Trail, Check_Log, Failure_Log, Token_Expiry; Watch\Watch_Log.
	$options = array(
		'fix_mailersend_audit',
		'fix_mailersend_last_check',
		'fix_mailersend_last_failure',
		'fix_mailersend_token_expires',
		'fix_mailersend_watch',
		// Recovery\Outage_Report's cache.
		'fix_mailersend_outage',
	);
	foreach ( $options as $option ) {
		delete_option( $option );
	}

	// Watch\Daily_Check: the daily event and any retry.
	wp_unschedule_hook( 'fix_mailersend_daily_check' );

	// Watch\Admin_Notice: dismissals, a user option (meta key prefixed with this site's tables).
	delete_metadata( 'user', 0, $wpdb->get_blog_prefix() . 'fix_mailersend_notice_dismissed', '', true );

	// Support\Throttle: one option per bucket (its lock is a database named lock: no row).
	foreach ( array( 'check', 'probe', 'send' ) as $bucket ) {
		delete_option( 'fix_mailersend_throttle_' . $bucket );
	}

	// Storage\Recent_Checks: deep checks of the last 15 minutes, one transient each (names are fingerprints).
	$recent = $wpdb->get_col( "SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE '\\_transient\\_fix\\_mailersend\\_deep\\_%'" ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
	foreach ( $recent as $name ) {
		delete_transient( substr( (string) $name, strlen( '_transient_' ) ) );
	}

	// Recovery\Held_Store: the held emails and their attachments (this site's tables), its options.
	// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching, WordPress.DB.DirectDatabaseQuery.SchemaChange
	$wpdb->query( "DROP TABLE IF EXISTS `{$wpdb->prefix}fix_mailersend_held_files`, `{$wpdb->prefix}fix_mailersend_held`" );
	delete_option( 'fix_mailersend_db_version' );
	delete_option( 'fix_mailersend_holding' );
}

if ( is_multisite() ) {
	$fix_mailersend_site_ids = get_sites(
		array(
			'fields' => 'ids',
			'number' => 0,
		)
	);
	foreach ( $fix_mailersend_site_ids as $fix_mailersend_site_id ) {
		switch_to_blog( (int) $fix_mailersend_site_id );
		fix_mailersend_uninstall_site();
		restore_current_blog();
	}
} else {
	fix_mailersend_uninstall_site();
}
