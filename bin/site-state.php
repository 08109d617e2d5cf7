<?php
/**
 * Says which state the local site is in, for the banner of `npm start`: "broken" while WP Mail
 * SMTP still holds the token the site was seeded with (bin/site-defaults.php), else "changed"
 * and the token it holds now, masked. Development only.
 *
 * Usage: FMS_WP_DIR=… FMS_TOKENS_FILE=… php bin/site-state.php
 *
 * @package FixMailerSend
 */

$_SERVER['HTTP_HOST']   = '127.0.0.1'; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited
$_SERVER['REQUEST_URI'] = '/'; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited
require (string) getenv( 'FMS_WP_DIR' ) . '/wp-load.php';
require_once __DIR__ . '/site-defaults.php';

$fms_seeded = fms_default_wp_mail_smtp_option( (string) getenv( 'FMS_TOKENS_FILE' ) );
$fms_option = get_option( 'wp_mail_smtp', array() );
$fms_token  = is_array( $fms_option ) ? (string) ( $fms_option['mailersend']['api_key'] ?? '' ) : '';
$fms_mailer = is_array( $fms_option ) ? (string) ( $fms_option['mail']['mailer'] ?? '' ) : '';

if ( $fms_token === $fms_seeded['mailersend']['api_key'] && 'mailersend' === $fms_mailer ) {
	echo "broken\n";
} else {
	$fms_masked = '' === $fms_token ? 'no token' : \FixMailerSend\Support\Mask::token( $fms_token );
	echo 'changed ' . $fms_masked . ( 'mailersend' === $fms_mailer ? '' : ' (mailer: ' . $fms_mailer . ')' ) . "\n"; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- a command-line tool.
}
