<?php
/**
 * Plugin Name: RTL switch (Fix MailerSend test harness)
 * Description: Test code. With the cookie fms_rtl=1, wp-admin renders right-to-left, as it does
 *              for Arabic or Hebrew (no language pack can be downloaded here). Never shipped.
 *
 * @package FixMailerSend
 */

add_action(
	'init',
	static function () {
		if ( isset( $_COOKIE['fms_rtl'] ) && '1' === $_COOKIE['fms_rtl'] ) {
			$GLOBALS['wp_locale']->text_direction = 'rtl'; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited
			// Styles may have been set up before init, with the direction of that moment.
			wp_styles()->text_direction = 'rtl';
		}
	}
);
