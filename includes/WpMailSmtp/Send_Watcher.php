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
use FixMailerSend\Support\Deadline;
use FixMailerSend\Support\Mask;
use FixMailerSend\Support\Token;

defined( 'ABSPATH' ) || exit;

/**
 * Three jobs, all cheap:
 * - begin_send() runs on core's `phpmailer_init` (last, just before PHPMailer's send()): from
 *   there until the send ends (`wp_mail_succeeded` / `wp_mail_failed`) it listens to
 *   `http_api_debug` for MailerSend's answer to `POST /v1/email`. A 202 is kept as a success of
 *   the token that made the request (Failure_Log::record_success(): what "resolved" is made of);
 * - record_failure() runs on WP Mail SMTP's `wp_mail_smtp_mailcatcher_send_failed` (hooked by
 *   Plugin) and keeps the last MailerSend failure (never a token), but only a failure that came
 *   from MailerSend: a MailerSend request was made during this send, or WP Mail SMTP (4.8+)
 *   passed MailerSend's HTTP status. A failure before any request (PHPMailer refused a
 *   recipient, the From address, …) is WP Mail SMTP's, not MailerSend's: only its text is kept,
 *   so that WP Mail SMTP's debug record of it is not taken for a MailerSend failure;
 * - capture() wraps one test email and hands back what the send saw (MailerSend's answer and
 *   the timeout that request really had); while it runs, `http_request_args` caps the timeout
 *   WP Mail SMTP gives its request to `POST /v1/email` (`max_execution_time`, or 30 s) to what
 *   is left of the test email's deadline.
 * Nothing listens to HTTP requests outside a send.
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
	 * Priority of the timeout cap on `http_request_args`: late, so that it caps what other
	 * filters set.
	 */
	const CAP_PRIORITY = 1000;

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
	 * The test email's deadline, while capture() runs with one.
	 *
	 * @var Deadline|null
	 */
	private $deadline;

	/**
	 * The deadline's budget when it shortened the timeout of the request being sent, else null.
	 *
	 * @var float|null
	 */
	private $capped;

	/**
	 * The failure WP Mail SMTP reported during the test email (`mailersend`: whether it came
	 * from MailerSend, i.e. was recorded as a MailerSend failure).
	 *
	 * @var array{message: string, ms_code: string, http_status: int, mailersend: bool}|null
	 */
	private $failure;

	/**
	 * Whether a wp_mail() send is under way (from `phpmailer_init` to its end).
	 *
	 * @var bool
	 */
	private $in_send = false;

	/**
	 * MailerSend's answer to the current (or last) send's `POST /v1/email`, null when the send
	 * made no request to MailerSend.
	 *
	 * @var Api_Response|null
	 */
	private $send_response;

	/**
	 * Fingerprint of the token the current send's request carried ('' when none was seen).
	 *
	 * @var string
	 */
	private $send_fingerprint = '';

	/**
	 * The MailerSend failure of the current send (what Failure_Log recorded: message, #MS code,
	 * HTTP status), until take_send_failure() takes it or the send ends. The domain classifies
	 * it (Recovery\Held_Capture, with Answer_Classifier): this adapter only observes.
	 *
	 * @var array{message: string, ms_code: string, http_status: int}|null
	 */
	private $send_failure;

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

		$text     = $this->scrub( is_scalar( $message ) ? (string) $message : '' );
		$code     = is_scalar( $error_code ) ? (string) $error_code : '';
		$status   = is_numeric( $http_status ) ? (int) $http_status : 0;
		$response = $this->in_send ? $this->send_response : null;
		if ( 0 === $status && null !== $response ) {
			// WP Mail SMTP before 4.8 passes no status: MailerSend's answer has it.
			$status = $response->status();
		}
		if ( 0 === $status && 1 === preg_match( '/^\d{3}$/', $code ) ) {
			$status = (int) $code;
		}

		// Only what came from MailerSend is a MailerSend failure: a request to it during this
		// send (an answer or a transport error), or MailerSend's HTTP status from WP Mail SMTP.
		$from_mailersend = null !== $response || $status >= 100;
		if ( ! $from_mailersend ) {
			$this->failures->record_unsent( $text );
			if ( $this->capturing ) {
				$this->failure = array(
					'message'     => $text,
					'ms_code'     => '',
					'http_status' => 0,
					'mailersend'  => false,
				);
			}
			return;
		}

		$codes = Api_Response::find_ms_codes( $code );
		if ( ! $codes ) {
			$codes = Api_Response::find_ms_codes( $text );
		}
		$ms_code     = $codes ? $codes[0] : '';
		$fingerprint = null !== $response && '' !== $this->send_fingerprint ? $this->send_fingerprint : $this->adapter->token_fingerprint();

		$this->failures->record( $text, $ms_code, $status, $fingerprint );
		// Recovery\Held_Capture takes it on `wp_mail_failed` (and classifies it).
		$this->send_failure = array(
			'message'     => $text,
			'ms_code'     => $ms_code,
			'http_status' => $status,
		);

		if ( $this->capturing ) {
			$this->failure = array(
				'message'     => $text,
				'ms_code'     => $ms_code,
				'http_status' => $status,
				'mailersend'  => true,
			);
		}
	}

	/**
	 * `phpmailer_init`: a wp_mail() send starts; listen for its request to MailerSend until it ends.
	 *
	 * @return void
	 */
	public function begin_send(): void {
		$this->in_send          = true;
		$this->send_response    = null;
		$this->send_fingerprint = '';
		$this->send_failure     = null;
		add_action( 'http_api_debug', array( $this, 'on_http_api_debug' ), 10, 5 );
		add_action( 'wp_mail_succeeded', array( $this, 'end_send' ), PHP_INT_MAX );
		add_action( 'wp_mail_failed', array( $this, 'end_send' ), PHP_INT_MAX );
	}

	/**
	 * `wp_mail_succeeded` / `wp_mail_failed` after begin_send(): the send is over.
	 *
	 * @return void
	 */
	public function end_send(): void {
		$this->in_send      = false;
		$this->send_failure = null;
		remove_action( 'http_api_debug', array( $this, 'on_http_api_debug' ), 10 );
		remove_action( 'wp_mail_succeeded', array( $this, 'end_send' ), PHP_INT_MAX );
		remove_action( 'wp_mail_failed', array( $this, 'end_send' ), PHP_INT_MAX );
	}

	/**
	 * The MailerSend failure of the send under way, once (null when it made none, or when it
	 * was taken already).
	 *
	 * @return array{message: string, ms_code: string, http_status: int}|null
	 */
	public function take_send_failure(): ?array {
		$failure            = $this->send_failure;
		$this->send_failure = null;
		return $failure;
	}

	/**
	 * Whether the test email is being sent (capture()).
	 *
	 * @return bool
	 */
	public function is_capturing(): bool {
		return $this->capturing;
	}

	/**
	 * Runs one send (the test email) while watching what WP Mail SMTP and MailerSend do.
	 *
	 * `response` is MailerSend's answer to the email, null when no request reached MailerSend
	 * (WordPress or PHPMailer refused it first, or another plugin sent it instead).
	 *
	 * With a deadline, WP Mail SMTP's request to MailerSend's `POST /v1/email` gets at most what
	 * is left of it as its timeout (cap_send_timeout()); other requests are left alone.
	 *
	 * @param callable      $send     Sends the email; returns wp_mail()'s result.
	 * @param Deadline|null $deadline The test email's deadline.
	 * @return array{sent: bool, response: Api_Response|null, failure: array{message: string, ms_code: string, http_status: int, mailersend: bool}|null, mail_error: string|null}
	 */
	public function capture( callable $send, ?Deadline $deadline = null ): array {
		$this->capturing     = true;
		$this->send_response = null;
		$this->failure       = null;
		$this->mail_error    = null;
		$this->deadline      = $deadline;
		$this->capped        = null;

		add_action( 'wp_mail_failed', array( $this, 'on_wp_mail_failed' ) );
		add_filter( 'http_request_args', array( $this, 'cap_send_timeout' ), self::CAP_PRIORITY, 2 );
		try {
			$sent = (bool) call_user_func( $send );
		} finally {
			remove_action( 'wp_mail_failed', array( $this, 'on_wp_mail_failed' ) );
			remove_filter( 'http_request_args', array( $this, 'cap_send_timeout' ), self::CAP_PRIORITY );
			if ( $this->in_send ) {
				// wp_mail() always ends a send; a replacement of it may not.
				$this->end_send();
			}
			$this->capturing = false;
			$this->deadline  = null;
		}

		return array(
			'sent'       => $sent,
			'response'   => $this->send_response,
			'failure'    => $this->failure,
			'mail_error' => $this->mail_error,
		);
	}

	/**
	 * `http_request_args` during capture(): a `POST /v1/email` to MailerSend gets the smaller of
	 * its own timeout and what is left of the deadline (never less than the shortest call
	 * the deadline starts, Deadline::MIN_CALL: Test_Email checks that much is left first).
	 *
	 * @param mixed $args The request's arguments.
	 * @param mixed $url  The request URL.
	 * @return mixed
	 */
	public function cap_send_timeout( $args, $url = '' ) {
		if ( ! $this->capturing || null === $this->deadline || ! is_array( $args ) || ! is_string( $url ) || ! self::is_send_url( $url ) ) {
			return $args;
		}
		if ( isset( $args['method'] ) && is_string( $args['method'] ) && 'POST' !== strtoupper( $args['method'] ) ) {
			return $args;
		}
		$own          = isset( $args['timeout'] ) && is_numeric( $args['timeout'] ) && (float) $args['timeout'] > 0 ? (float) $args['timeout'] : 5.0;
		$capped       = max( $this->deadline->timeout_for( $own ), min( Deadline::MIN_CALL, $own ) );
		$this->capped = null;
		if ( $capped < $own ) {
			$args['timeout'] = $capped;
			$this->capped    = $this->deadline->budget();
		}
		return $args;
	}

	/**
	 * `http_api_debug` during a send: keeps MailerSend's answer to `POST /v1/email` (with the
	 * timeout that request really had), and a 202 as a success of the token the request carried.
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
		if ( ! $this->in_send || 'response' !== $context || ! is_string( $url ) || ! self::is_send_url( $url ) ) {
			return;
		}
		$method = is_array( $parsed_args ) && isset( $parsed_args['method'] ) && is_string( $parsed_args['method'] ) ? $parsed_args['method'] : 'POST';
		if ( 'POST' !== strtoupper( $method ) ) {
			return;
		}
		if ( ! is_array( $response ) && ! $response instanceof \WP_Error ) {
			return;
		}
		$timeout                = is_array( $parsed_args ) && isset( $parsed_args['timeout'] ) && is_numeric( $parsed_args['timeout'] ) ? (float) $parsed_args['timeout'] : null;
		$this->send_response    = Api_Response::from_wp_http( $response, $method, $url )->with_timing( $timeout, $this->capped );
		$token                  = self::bearer_token( is_array( $parsed_args ) ? $parsed_args : array() );
		$this->send_fingerprint = '' !== $token ? Token::from( $token )->fingerprint() : $this->adapter->token_fingerprint();

		// WP Mail SMTP counts only a 202 as sent.
		if ( 202 === $this->send_response->status() ) {
			$this->failures->record_success( $this->send_fingerprint );
		}
	}

	/**
	 * The token after "Bearer " in a request's Authorization header ('' when none).
	 *
	 * @param array<mixed> $parsed_args Request arguments.
	 * @return string
	 */
	private static function bearer_token( array $parsed_args ): string {
		$headers = $parsed_args['headers'] ?? array();
		if ( is_string( $headers ) ) {
			return 1 === preg_match( '/^Authorization:\s*Bearer\s+(\S+)/mi', $headers, $match ) ? $match[1] : '';
		}
		if ( ! is_array( $headers ) ) {
			return '';
		}
		foreach ( $headers as $name => $value ) {
			if ( is_string( $value ) && 'authorization' === strtolower( (string) $name ) && 1 === preg_match( '/^Bearer\s+(\S+)/i', $value, $match ) ) {
				return $match[1];
			}
		}
		return '';
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
	 * Masks every known token and anything that looks like one in a text (Mask::scrub_tokens()).
	 *
	 * @param string $text Text.
	 * @return string
	 */
	private function scrub( string $text ): string {
		return Mask::scrub_tokens( $text );
	}
}
