<?php
/**
 * The local site's WP Mail SMTP settings as its own screens would save them, pointing at
 * MailerSend with a token the stand-in rejects: the broken state the plugin exists to fix.
 * Shared by bin/install-site.php, bin/install-network.php and the e2e tests' reset
 * (tests/e2e/support/site.php).
 *
 * @package FixMailerSend
 */

/**
 * The `wp_mail_smtp` option of a freshly installed local site.
 *
 * @param string $tokens_file Path of the MailerSend stand-in's tokens.json.
 * @return array<string, array<string, mixed>>
 */
function fms_default_wp_mail_smtp_option( string $tokens_file ): array {
	return array(
		'mail'       => array(
			'from_email'       => 'wordpress@example.com',
			'from_name'        => 'Fix MailerSend (local)',
			'mailer'           => 'mailersend',
			'return_path'      => false,
			'from_email_force' => true,
			'from_name_force'  => false,
		),
		'mailersend' => array(
			'api_key'      => fms_standin_token( $tokens_file, 'expired' ),
			'has_pro_plan' => false,
		),
		'general'    => array(
			'summary_report_email_disabled' => true,
		),
	);
}

/**
 * The `wp_mail_smtp` option of a multisite profile's second site (/second/): its own From
 * address and a token the stand-in accepts, so that each site's settings are told apart.
 *
 * @param string $tokens_file Path of the MailerSend stand-in's tokens.json.
 * @return array<string, array<string, mixed>>
 */
function fms_second_site_wp_mail_smtp_option( string $tokens_file ): array {
	$option                          = fms_default_wp_mail_smtp_option( $tokens_file );
	$option['mail']['from_email']    = 'news@example.com';
	$option['mail']['from_name']     = 'Second site (local)';
	$option['mailersend']['api_key'] = fms_standin_token( $tokens_file, 'valid_full' );
	return $option;
}

/**
 * A token of the MailerSend stand-in by its name in tokens.json ('' when unknown).
 *
 * @param string $tokens_file Path of tokens.json.
 * @param string $name        The token's name (expired, valid_full, …).
 * @return string
 */
function fms_standin_token( string $tokens_file, string $name ): string {
	$tokens = json_decode( (string) file_get_contents( $tokens_file ), true ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a local file.
	return (string) ( $tokens['tokens'][ $name ]['token'] ?? '' );
}
