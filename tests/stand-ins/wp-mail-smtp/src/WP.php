<?php
/**
 * Test stand-in: `WPMailSMTP\WP`, WP Mail SMTP's WordPress shortcuts (only what Fix MailerSend uses).
 *
 * @package FixMailerSend\Tests\StandIns\WPMailSMTP
 */

namespace WPMailSMTP;

/**
 * WordPress shortcuts.
 */
class WP {

	/**
	 * Whether the network-wide settings (WP Mail SMTP Pro, multisite) are on: like the real
	 * `WP::use_global_plugin_settings()`, true when the main site's `wp_mail_smtp` option has a
	 * non-empty `['general']['network_wide']`. Then `Options::set()` writes the main site's option.
	 *
	 * @return bool
	 */
	public static function use_global_plugin_settings() {
		if ( ! is_multisite() ) {
			return false;
		}

		$main_site_options = get_blog_option( get_main_site_id(), Options::META_KEY, array() );

		return ! empty( $main_site_options['general']['network_wide'] );
	}
}
