<?php
/**
 * Plugin Name: Fix MailerSend test limits (TEST ONLY)
 * Description: TEST CODE, never shipped. Lets tests shorten Fix MailerSend's time limits through constants in wp-config-local.php: FMS_TEST_ACTION_DEADLINE (seconds, the filter fix_mailersend_action_deadline) and FMS_TEST_REQUEST_TIMEOUT (seconds, the filter fix_mailersend_request_timeout).
 * Version: 0.1.0
 * License: GPL-2.0-or-later
 *
 * Installed by bin/ as a must-use plugin of the local test sites only. The shipped plugin reads
 * no test constant: it only offers the two filters, which this file uses.
 *
 * @package FixMailerSend\Tests
 */

defined( 'ABSPATH' ) || exit;

if ( defined( 'FMS_TEST_ACTION_DEADLINE' ) && is_numeric( FMS_TEST_ACTION_DEADLINE ) ) {
	add_filter(
		'fix_mailersend_action_deadline',
		static function () {
			return (float) FMS_TEST_ACTION_DEADLINE;
		}
	);
}

if ( defined( 'FMS_TEST_REQUEST_TIMEOUT' ) && is_numeric( FMS_TEST_REQUEST_TIMEOUT ) ) {
	add_filter(
		'fix_mailersend_request_timeout',
		static function () {
			return (float) FMS_TEST_REQUEST_TIMEOUT;
		}
	);
}
