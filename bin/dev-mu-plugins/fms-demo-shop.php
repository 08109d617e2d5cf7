<?php
/**
 * Plugin Name: Demo Shop
 * Description: Fix MailerSend development site only. A stand-in for a shop plugin on `npm start`'s site: emails an order confirmation. Never shipped.
 *
 * @package FixMailerSend
 */

defined( 'ABSPATH' ) || exit;

/**
 * Emails an order confirmation to a customer.
 *
 * @param int    $order Order number.
 * @param string $to    Customer's address.
 * @return bool wp_mail()'s result.
 */
function fms_demo_shop_order_email( int $order, string $to ): bool {
	return wp_mail( $to, "Your order #$order", "Thanks for your order.\n\nWe will email you again when it ships." );
}
