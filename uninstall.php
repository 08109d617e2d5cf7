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
 * Deletes this plugin's options and transients on the current site.
 *
 * @return void
 */
function fix_mailersend_uninstall_site() {
	// Storage\Audit_Trail, Check_Log, Failure_Log, Token_Expiry.
	$options = array(
		'fix_mailersend_audit',
		'fix_mailersend_last_check',
		'fix_mailersend_last_failure',
		'fix_mailersend_token_expires',
	);
	foreach ( $options as $option ) {
		delete_option( $option );
	}

	// Support\Throttle: one transient per bucket.
	foreach ( array( 'check', 'probe', 'send' ) as $bucket ) {
		delete_transient( 'fix_mailersend_throttle_' . $bucket );
	}
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
