<?php
/**
 * Test stand-in: the one part of WP Mail SMTP Pro's multisite support Fix MailerSend depends on,
 * its read path for network-wide settings.
 *
 * @package FixMailerSend\Tests\StandIns\WPMailSMTP
 */

namespace WPMailSMTP\Pro;

use WPMailSMTP\Options;
use WPMailSMTP\WP;

/**
 * Like `WPMailSMTP\Pro\Multisite::filter_populate_options()`: with the network-wide settings on,
 * every `Options` instance of every site reads the MAIN site's option
 * (`get_blog_option( get_main_site_id(), 'wp_mail_smtp' )`), through WordPress's options cache
 * of the main site. The stand-in is Lite, so this applies only while `wp_mail_smtp()->is_pro()`
 * says Pro (the filter `wp_mail_smtp_core_is_pro`): the switch tests turn on.
 */
class Multisite {

	/**
	 * Registers the filter (it decides at each read whether it applies).
	 */
	public function hooks() {
		add_filter( 'wp_mail_smtp_populate_options', array( $this, 'filter_populate_options' ) );
	}

	/**
	 * The main site's option when Pro runs with network-wide settings on a multisite network.
	 *
	 * @param array $options The current site's option.
	 *
	 * @return array
	 */
	public function filter_populate_options( $options ) {
		if ( ! is_multisite() || ! wp_mail_smtp()->is_pro() || ! WP::use_global_plugin_settings() ) {
			return $options;
		}

		return get_blog_option( get_main_site_id(), Options::META_KEY, array() );
	}
}
