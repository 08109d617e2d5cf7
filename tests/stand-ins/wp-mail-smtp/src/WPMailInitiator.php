<?php
/**
 * Test stand-in: who called `wp_mail()` (WP Mail SMTP 3.7+'s WPMailInitiator).
 *
 * @package FixMailerSend\Tests\StandIns\WPMailSMTP
 */

namespace WPMailSMTP;

/**
 * Set on every `wp_mail()` call, from the `wp_mail` filter at the last priority (where the real
 * Processor fires `wp_mail_smtp_processor_capture_wp_mail_call`), and kept until the next
 * call: the file and line of the `wp_mail()` call in the backtrace, and the backtrace from it.
 */
class WPMailInitiator {

	/**
	 * The file that called `wp_mail()`.
	 *
	 * @var string|null
	 */
	private $file;

	/**
	 * Its line.
	 *
	 * @var int|null
	 */
	private $line;

	/**
	 * The backtrace from the `wp_mail()` call on.
	 *
	 * @var array|null
	 */
	private $backtrace;

	/**
	 * `wp_mail` (last priority): note the caller, pass the arguments on unchanged.
	 *
	 * @param array $args wp_mail()'s arguments.
	 *
	 * @return array
	 */
	public function capture_wp_mail_call( $args ) {
		$this->file      = null;
		$this->line      = null;
		$this->backtrace = null;

		// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_debug_backtrace -- Finding the caller of wp_mail(), as WP Mail SMTP does.
		$backtrace = debug_backtrace( DEBUG_BACKTRACE_IGNORE_ARGS );

		foreach ( $backtrace as $i => $item ) {
			if ( isset( $item['function'] ) && 'wp_mail' === $item['function'] ) {
				$this->file      = isset( $item['file'] ) ? $item['file'] : null;
				$this->line      = isset( $item['line'] ) ? $item['line'] : null;
				$this->backtrace = array_slice( $backtrace, $i );
				break;
			}
		}

		return $args;
	}

	/**
	 * The file that called `wp_mail()` last, or null.
	 *
	 * @return string|null
	 */
	public function get_file() {
		return $this->file;
	}

	/**
	 * Its line, or null.
	 *
	 * @return int|null
	 */
	public function get_line() {
		return $this->line;
	}

	/**
	 * The backtrace from that call on, or null.
	 *
	 * @return array|null
	 */
	public function get_backtrace() {
		return $this->backtrace;
	}
}
