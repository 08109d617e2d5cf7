<?php
/**
 * Test stand-in: WP Mail SMTP's "last sending error" store.
 *
 * The real plugin keeps debug events in a table and their ids in the option
 * `wp_mail_smtp_debug`; this stand-in keeps the messages themselves in that
 * option. Only the public methods are meant to match. Test code only.
 *
 * @package FixMailerSend\Tests\StandIns\WPMailSMTP
 */

namespace WPMailSMTP;

/**
 * Sending errors, newest last.
 */
class Debug {

	/**
	 * Option holding the recorded errors.
	 *
	 * @var string
	 */
	const OPTION_KEY = 'wp_mail_smtp_debug';

	/**
	 * Record an error, e.g. "Mailer: MailerSend\r\nUnauthenticated.".
	 *
	 * When called while `wp_mail()` runs, the caller of `wp_mail()` is kept and
	 * `get_last()` prefixes "Email Source: <name>" like the real debug events.
	 *
	 * @param string|array $message Error text (tags are stripped) or data (JSON-encoded).
	 */
	public static function set( $message ) {
		if ( empty( $message ) ) {
			return;
		}

		$content = is_string( $message )
			? wp_strip_all_tags( str_replace( '<br>', "\r\n", $message ), false )
			: wp_json_encode( $message );

		// Like the real one: every message is also a Debug Events row (an error event).
		Admin\DebugEvents\DebugEvents::add( $message );

		$all   = self::get_raw();
		$all[] = array(
			'content'   => $content,
			'initiator' => self::get_wp_mail_initiator(),
		);

		update_option( self::OPTION_KEY, $all, false );
	}

	/**
	 * Forget every recorded error (a successful send does this).
	 */
	public static function clear() {
		update_option( self::OPTION_KEY, array(), false );
	}

	/**
	 * Every recorded error, formatted as `get_last()` formats one.
	 *
	 * @return string[]
	 */
	public static function get() {
		$messages = array();

		foreach ( self::get_raw() as $item ) {
			$lines = array();

			if ( ! empty( $item['initiator'] ) ) {
				/* translators: %s - Email initiator/source name. */
				$lines[] = sprintf( esc_html__( 'Email Source: %s', 'wp-mail-smtp' ), esc_html( $item['initiator'] ) );
			}

			$lines[] = esc_html( isset( $item['content'] ) ? $item['content'] : '' );

			$messages[] = implode( "\r\n", $lines );
		}

		return $messages;
	}

	/**
	 * The newest error, e.g. "Email Source: WP Core\r\nMailer: MailerSend\r\nUnauthenticated.",
	 * or an empty string when there is none (as the real plugin returns).
	 *
	 * @return string
	 */
	public static function get_last() {
		$all = self::get();

		return empty( $all ) ? '' : (string) end( $all );
	}

	/**
	 * The stored list.
	 *
	 * @return array
	 */
	private static function get_raw() {
		$all = get_option( self::OPTION_KEY, array() );

		return is_array( $all ) ? array_values( array_filter( $all, 'is_array' ) ) : array();
	}

	/**
	 * Name of whoever called `wp_mail()` in the current call stack, or ''.
	 *
	 * Plugin or must-use plugin => its "Plugin Name" (folder name if unknown),
	 * theme => its name, wp-includes / wp-admin => "WP Core", elsewhere => "N/A".
	 *
	 * @return string
	 */
	private static function get_wp_mail_initiator() {
		$file = '';

		// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_debug_backtrace -- Finding the caller of wp_mail(), as WP Mail SMTP does.
		foreach ( debug_backtrace( DEBUG_BACKTRACE_IGNORE_ARGS ) as $frame ) {
			if ( isset( $frame['function'], $frame['file'] ) && 'wp_mail' === $frame['function'] && ! isset( $frame['class'] ) ) {
				$file = wp_normalize_path( $frame['file'] );
				break;
			}
		}

		if ( '' === $file ) {
			return '';
		}

		$dirs = array(
			'plugin'    => defined( 'WP_PLUGIN_DIR' ) ? WP_PLUGIN_DIR : '',
			'mu-plugin' => defined( 'WPMU_PLUGIN_DIR' ) ? WPMU_PLUGIN_DIR : '',
		);

		foreach ( $dirs as $type => $dir ) {
			$dir = trailingslashit( wp_normalize_path( $dir ) );

			if ( '/' === $dir || 0 !== strpos( $file, $dir ) ) {
				continue;
			}

			$first = strtok( substr( $file, strlen( $dir ) ), '/' );
			$slug  = preg_replace( '/\.php$/', '', $first );

			if ( ! function_exists( 'get_plugins' ) ) {
				require_once ABSPATH . 'wp-admin/includes/plugin.php';
			}

			$plugins = 'plugin' === $type ? get_plugins() : get_mu_plugins();

			foreach ( $plugins as $basename => $data ) {
				if ( ( 0 === strpos( $basename, $slug . '/' ) || $basename === $slug . '.php' ) && ! empty( $data['Name'] ) ) {
					return $data['Name'];
				}
			}

			return $slug;
		}

		$themes = trailingslashit( wp_normalize_path( get_theme_root() ) );

		if ( 0 === strpos( $file, $themes ) ) {
			$slug  = strtok( substr( $file, strlen( $themes ) ), '/' );
			$theme = wp_get_theme( $slug );

			return $theme->exists() ? $theme->get( 'Name' ) : $slug;
		}

		$abspath = wp_normalize_path( ABSPATH );

		if ( 0 === strpos( $file, $abspath . WPINC . '/' ) || 0 === strpos( $file, $abspath . 'wp-admin/' ) ) {
			return __( 'WP Core', 'wp-mail-smtp' );
		}

		return __( 'N/A', 'wp-mail-smtp' );
	}
}
