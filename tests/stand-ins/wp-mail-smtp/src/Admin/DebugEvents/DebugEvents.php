<?php
/**
 * Test stand-in: WP Mail SMTP's Debug Events (the table every failed send writes a row to).
 *
 * @package FixMailerSend\Tests\StandIns\WPMailSMTP
 */

namespace WPMailSMTP\Admin\DebugEvents;

/**
 * Like the real `DebugEvents::add()` (3.0+): one row per event in `{prefix}wpmailsmtp_debug_events`,
 * `content` the message (tags stripped, `<br>` turned into "\r\n"), `initiator` the JSON
 * `{file, line}` of the caller of the last `wp_mail()` (WPMailSMTP\WPMailInitiator, plus
 * `backtrace` when debug events are on), `event_type` 0 (error) or 1 (debug, only when
 * `debug_events.email_debug` is on), `created_at` the time in UTC.
 */
class DebugEvents {

	/**
	 * An error event.
	 *
	 * @var int
	 */
	const TYPE_ERROR = 0;

	/**
	 * A debug event.
	 *
	 * @var int
	 */
	const TYPE_DEBUG = 1;

	/**
	 * Whether the table exists, once it did (as the real one caches it).
	 *
	 * @var bool|null
	 */
	private static $is_valid;

	/**
	 * Adds an event; returns its id, or false when none was written.
	 *
	 * @param string|array $message The event's message (or data, JSON-encoded).
	 * @param int          $type    TYPE_ERROR or TYPE_DEBUG.
	 *
	 * @return int|false
	 */
	public static function add( $message = '', $type = self::TYPE_ERROR ) {
		global $wpdb;

		if ( ! self::is_valid_db() || ! in_array( $type, array( self::TYPE_ERROR, self::TYPE_DEBUG ), true ) ) {
			return false;
		}

		if ( self::TYPE_DEBUG === $type && ! self::is_debug_enabled() ) {
			return false;
		}

		$content = is_string( $message )
			? wp_strip_all_tags( str_replace( '<br>', "\r\n", $message ), false )
			: wp_json_encode( $message );

		$initiator = wp_mail_smtp()->get_wp_mail_initiator();
		$data      = '';

		if ( ! empty( $initiator->get_file() ) ) {
			$caller = array( 'file' => $initiator->get_file() );

			if ( ! empty( $initiator->get_line() ) ) {
				$caller['line'] = $initiator->get_line();
			}

			if ( self::is_debug_enabled() ) {
				$caller['backtrace'] = $initiator->get_backtrace();
			}

			$data = wp_json_encode( $caller );
		}

		// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery -- WP Mail SMTP's own table.
		$inserted = $wpdb->insert(
			self::get_table_name(),
			array(
				'content'    => $content,
				'initiator'  => $data,
				'event_type' => $type,
				'created_at' => gmdate( 'Y-m-d H:i:s' ),
			),
			array( '%s', '%s', '%s', '%s' )
		);

		return $inserted ? (int) $wpdb->insert_id : false;
	}

	/**
	 * Whether "Debug Email Sending" is on (`debug_events.email_debug`).
	 *
	 * @return bool
	 */
	public static function is_debug_enabled() {
		return (bool) \WPMailSMTP\Options::init()->get( 'debug_events', 'email_debug' );
	}

	/**
	 * The table's name on the current site.
	 *
	 * @return string
	 */
	public static function get_table_name() {
		global $wpdb;

		return $wpdb->prefix . 'wpmailsmtp_debug_events';
	}

	/**
	 * Whether the table exists (the answer is kept once it is yes, as the real one does).
	 *
	 * @return bool
	 */
	public static function is_valid_db() {
		global $wpdb;

		if ( true === self::$is_valid ) {
			return true;
		}

		$table = self::get_table_name();

		// phpcs:ignore WordPress.DB.DirectDatabaseQuery
		self::$is_valid = (bool) $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s;', $table ) );

		return self::$is_valid;
	}
}
