<?php
/**
 * Plugin Name: Demo Contact Form
 * Description: Fix MailerSend development site only. A stand-in for a form plugin on `npm start`'s site: emails a submission to the site's admin with the submission attached as a file, deleted right after wp_mail() returns, as form plugins do. Never shipped.
 *
 * @package FixMailerSend
 */

defined( 'ABSPATH' ) || exit;

/**
 * Emails a form submission to the admin, with a CSV of it attached.
 *
 * @param string $name    Sender's name.
 * @param string $email   Sender's address.
 * @param string $message Message.
 * @return bool wp_mail()'s result.
 */
function fms_demo_contact_form_send( string $name, string $email, string $message ): bool {
	$file = trailingslashit( get_temp_dir() ) . 'contact-submission-' . wp_generate_password( 8, false ) . '.csv';
	// phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_file_put_contents -- a temporary file, as form plugins write them.
	file_put_contents( $file, "name,email,message\n\"$name\",\"$email\",\"" . str_replace( '"', '""', $message ) . "\"\n" );
	try {
		return wp_mail(
			(string) get_option( 'admin_email' ),
			'New contact form submission from ' . $name,
			"Name: $name\nEmail: $email\n\n$message\n",
			array( 'Reply-To: ' . $name . ' <' . $email . '>' ),
			array( 'submission.csv' => $file )
		);
	} finally {
		wp_delete_file( $file );
	}
}
