<?php
/**
 * Watches WP Mail SMTP's real sends through MailerSend.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\WpMailSmtp;

use FixMailerSend\MailerSend\Api_Response;
use FixMailerSend\Storage\Failure_Log;
use FixMailerSend\Support\Mask;

defined( 'ABSPATH' ) || exit;

/**
 * Two jobs, both cheap:
 * - record_failure() runs on WP Mail SMTP's `wp_mail_smtp_mailcatcher_send_failed` (hooked by
 *   Plugin) and keeps the last MailerSend failure (never a token);
 * - capture() wraps one test email: only while it runs does it listen to `http_api_debug` (to
 *   keep MailerSend's answer to `POST /v1/email`) and `wp_mail_failed`.
 */
class Send_Watcher {

	/**
	 * MailerSend's API host.
	 */
	const API_HOST = 'api.mailersend.com';

	/**
	 * Path of the sending endpoint.
	 */
	const EMAIL_PATH = '/v1/email';

	/**
	 * Where failures are kept.
	 *
	 * @var Failure_Log
	 */
	private $failures;

	/**
	 * For the fingerprint of the token in use.
	 *
	 * @var Adapter
	 */
	private $adapter;

	/**
	 * Whether a test email is being watched.
	 *
	 * @var bool
	 */
	private $capturing = false;

	/**
	 * MailerSend's answer to the test email.
	 *
	 * @var Api_Response|null
	 */
	private $response;

	/**
	 * The failure WP Mail SMTP reported during the test email.
	 *
	 * @var array{message: string, ms_code: string, http_status: int}|null
	 */
	private $failure;

	/**
	 * The message of `wp_mail_failed` during the test email.
	 *
	 * @var string|null
	 */
	private $mail_error;

	/**
	 * Creates the watcher.
	 *
	 * @param Failure_Log $failures Where failures are kept.
	 * @param Adapter     $adapter  The WP Mail SMTP adapter.
	 */
	public function __construct( Failure_Log $failures, Adapter $adapter ) {
		$this->failures = $failures;
		$this->adapter  = $adapter;
	}

	/**
	 * `wp_mail_smtp_mailcatcher_send_failed`: keeps a MailerSend failure.
	 *
	 * @param mixed $message     The error text (MailerSend's message; '' for a transport error).
	 * @param mixed $mailcatcher WP Mail SMTP's mail catcher (unused).
	 * @param mixed $mailer_slug The mailer; only `mailersend` is kept.
	 * @param mixed $error_code  Since WP Mail SMTP 4.8: `MSxxxxx`, else the first `errors` key, else the status.
	 * @param mixed $http_status Since 4.8: the HTTP status, 0 for a transport error.
	 * @return void
	 */
	public function record_failure( $message, $mailcatcher = null, $mailer_slug = '', $error_code = '', $http_status = 0 ): void {
		unset( $mailcatcher );
		if ( Adapter::MAILER !== $mailer_slug ) {
			return;
		}

		$text  = $this->scrub( is_scalar( $message ) ? (string) $message : '' );
		$code  = is_scalar( $error_code ) ? (string) $error_code : '';
		$codes = Api_Response::find_ms_codes( $code );
		if ( ! $codes ) {
			$codes = Api_Response::find_ms_codes( $text );
		}
		$ms_code = $codes ? $codes[0] : '';
		$status  = is_numeric( $http_status ) ? (int) $http_status : 0;
		if ( 0 === $status && 1 === preg_match( '/^\d{3}$/', $code ) ) {
			$status = (int) $code;
		}

		$this->failures->record( $text, $ms_code, $status, $this->adapter->token_fingerprint() );

		if ( $this->capturing ) {
			$this->failure = array(
				'message'     => $text,
				'ms_code'     => $ms_code,
				'http_status' => $status,
			);
		}
	}

	/**
	 * Runs one send (the test email) while watching what WP Mail SMTP and MailerSend do.
	 *
	 * @param callable $send Sends the email; returns wp_mail()'s result.
	 * @return array{sent: bool, response: Api_Response|null, failure: array{message: string, ms_code: string, http_status: int}|null, mail_error: string|null}
	 */
	public function capture( callable $send ): array {
		$this->capturing  = true;
		$this->response   = null;
		$this->failure    = null;
		$this->mail_error = null;

		// Scoped to this one call, on purpose: nothing listens to every HTTP request of the site.
		add_action( 'http_api_debug', array( $this, 'on_http_api_debug' ), 10, 5 );
		add_action( 'wp_mail_failed', array( $this, 'on_wp_mail_failed' ) );
		try {
			$sent = (bool) call_user_func( $send );
		} finally {
			remove_action( 'http_api_debug', array( $this, 'on_http_api_debug' ), 10 );
			remove_action( 'wp_mail_failed', array( $this, 'on_wp_mail_failed' ) );
			$this->capturing = false;
		}

		return array(
			'sent'       => $sent,
			'response'   => $this->response,
			'failure'    => $this->failure,
			'mail_error' => $this->mail_error,
		);
	}

	/**
	 * `http_api_debug` during capture(): keeps MailerSend's answer to `POST /v1/email`.
	 *
	 * @param mixed $response    The HTTP API's response array or WP_Error.
	 * @param mixed $context     'response'.
	 * @param mixed $transport   Transport class.
	 * @param mixed $parsed_args Request arguments.
	 * @param mixed $url         Request URL.
	 * @return void
	 */
	public function on_http_api_debug( $response, $context = '', $transport = '', $parsed_args = array(), $url = '' ): void {
		unset( $transport );
		if ( ! $this->capturing || 'response' !== $context || ! is_string( $url ) || ! self::is_send_url( $url ) ) {
			return;
		}
		$method = is_array( $parsed_args ) && isset( $parsed_args['method'] ) && is_string( $parsed_args['method'] ) ? $parsed_args['method'] : 'POST';
		if ( 'POST' !== strtoupper( $method ) ) {
			return;
		}
		if ( ! is_array( $response ) && ! $response instanceof \WP_Error ) {
			return;
		}
		$this->response = Api_Response::from_wp_http( $response, $method, $url );
	}

	/**
	 * `wp_mail_failed` during capture(): keeps WordPress's error text.
	 *
	 * @param mixed $error A WP_Error.
	 * @return void
	 */
	public function on_wp_mail_failed( $error ): void {
		if ( $this->capturing && $error instanceof \WP_Error ) {
			$this->mail_error = $this->scrub( $error->get_error_message() );
		}
	}

	/**
	 * Whether a URL is MailerSend's sending endpoint.
	 *
	 * @param string $url URL.
	 * @return bool
	 */
	public static function is_send_url( string $url ): bool {
		$parts = wp_parse_url( $url );
		if ( ! is_array( $parts ) || ! isset( $parts['host'], $parts['path'] ) ) {
			return false;
		}
		return self::API_HOST === strtolower( $parts['host'] ) && self::EMAIL_PATH === untrailingslashit( $parts['path'] );
	}

	/**
	 * Removes anything that looks like a token from a text.
	 *
	 * @param string $text Text.
	 * @return string
	 */
	private function scrub( string $text ): string {
		return Mask::scrub_tokens( Mask::scrub( $text, array( $this->adapter->token() ) ) );
	}
}
