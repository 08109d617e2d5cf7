<?php
/**
 * The live preview's runPHP step (inlined into blueprint.json by `npm run blueprint`): breaks the
 * Playground site the way a real one breaks. WP Mail SMTP is set to MailerSend with the revoked
 * demo token, through its own Options API; then one email goes out through wp_mail(), so WP Mail
 * SMTP itself records the failure (and Fix MailerSend sees it), as on a real site.
 *
 * Runs after demo-mailersend.php is in mu-plugins and FIX_MAILERSEND_DEMO is defined, so the
 * demo MailerSend answers that email's request.
 *
 * @package FixMailerSend\Preview
 */

// Playground's WordPress is in /wordpress (tests/e2e/preview.spec.ts puts the test site's path here).
require_once '/wordpress/wp-load.php';

// WP Mail SMTP would open its setup wizard on the first admin page after activation.
update_option( 'wp_mail_smtp_activation_prevent_redirect', true );
delete_transient( 'wp_mail_smtp_activation_redirect' );

$fms_preview_settings = array(
	'mail'       => array(
		'from_email'       => 'wordpress@example.com',
		'from_name'        => 'Fix MailerSend preview',
		'mailer'           => 'mailersend',
		'return_path'      => false,
		'from_email_force' => true,
		'from_name_force'  => false,
	),
	'mailersend' => array(
		'api_key'      => fms_demo_token( 'revoked' ),
		'has_pro_plan' => false,
	),
);
if ( class_exists( '\WPMailSMTP\Options' ) ) {
	\WPMailSMTP\Options::init()->set( $fms_preview_settings, false, false );
} else {
	update_option( 'wp_mail_smtp', $fms_preview_settings, false );
}

wp_mail( (string) get_option( 'admin_email' ), 'Your order #1042', 'Thanks for your order.' );
