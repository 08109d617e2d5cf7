<?php
/**
 * Sends one email through the local site so WP Mail SMTP records the failure a broken token
 * causes, as a real site would have. Development only (npm start).
 *
 * @package FixMailerSend
 */

$fms_wp_dir             = (string) getenv( 'FMS_WP_DIR' );
$_SERVER['HTTP_HOST']   = '127.0.0.1'; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited
$_SERVER['REQUEST_URI'] = '/'; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited
require $fms_wp_dir . '/wp-load.php';

if ( ! get_option( 'fms_dev_seeded' ) ) {
	wp_mail( 'customer@example.com', 'Your order #1042', 'Thanks for your order.' );
	update_option( 'fms_dev_seeded', 1, false );
}
