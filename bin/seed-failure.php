<?php
/**
 * Leaves `npm start`'s site with a short outage, as a real site would have one: with the
 * broken token in place, a few site emails fail (WP Mail SMTP records the failure, Fix
 * MailerSend holds them to be resent): an order email, a comment notification, a password
 * reset (held as a login link: who and when only) and a contact-form email with an attachment,
 * the shop's and the form's from bin/dev-mu-plugins/ (linked as must-use plugins by start.sh). Once per site. Development only (npm start).
 *
 * @package FixMailerSend
 */

$fms_wp_dir             = (string) getenv( 'FMS_WP_DIR' );
$_SERVER['HTTP_HOST']   = '127.0.0.1'; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited
$_SERVER['REQUEST_URI'] = '/'; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited
$_SERVER['REMOTE_ADDR'] = '127.0.0.1'; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited
require $fms_wp_dir . '/wp-load.php';

if ( ! get_option( 'fms_dev_seeded' ) ) {
	update_option( 'fms_dev_seeded', 1, false );

	if ( function_exists( 'fms_demo_shop_order_email' ) ) {
		fms_demo_shop_order_email( 1042, 'customer@example.com' );
	}

	// A reader's comment: WordPress tells the post's author.
	$fms_post = wp_insert_post(
		array(
			'post_title'   => 'Opening hours over the holidays',
			'post_content' => 'We are open every day but the 25th.',
			'post_status'  => 'publish',
			'post_author'  => 1,
		)
	);
	if ( is_int( $fms_post ) && $fms_post > 0 ) {
		$fms_comment = wp_insert_comment(
			array(
				'comment_post_ID'      => $fms_post,
				'comment_author'       => 'Jane Reader',
				'comment_author_email' => 'jane@example.org',
				'comment_content'      => 'Are you open on the 26th?',
				'comment_approved'     => 1,
			)
		);
		if ( $fms_comment ) {
			wp_notify_postauthor( $fms_comment );
		}
	}

	// A customer who forgot their password.
	$fms_user = get_user_by( 'login', 'jane' );
	if ( ! $fms_user ) {
		wp_insert_user(
			array(
				'user_login' => 'jane',
				'user_email' => 'jane@example.org',
				'user_pass'  => wp_generate_password(),
				'role'       => 'subscriber',
			)
		);
	}
	retrieve_password( 'jane' );

	if ( function_exists( 'fms_demo_contact_form_send' ) ) {
		fms_demo_contact_form_send( 'Sam Visitor', 'sam@example.org', 'Could you send me a quote for 40 chairs?' );
	}
}//end if
