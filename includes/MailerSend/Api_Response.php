<?php
/**
 * One answer from MailerSend (or the failure to get one).
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\MailerSend;

defined( 'ABSPATH' ) || exit;

/**
 * Immutable view of a MailerSend response: status, headers, decoded body, `#MS` codes,
 * or the transport error that prevented an answer.
 */
final class Api_Response {

	/**
	 * How much of the raw body is kept as evidence.
	 */
	const RAW_BODY_LIMIT = 500;

	/**
	 * What the request was, e.g. "GET /v1/api-quota".
	 *
	 * @var string
	 */
	private $endpoint;

	/**
	 * HTTP status; 0 when no answer arrived.
	 *
	 * @var int
	 */
	private $status;

	/**
	 * Response headers, lower-case names.
	 *
	 * @var array<string, string>
	 */
	private $headers;

	/**
	 * Full response body as received.
	 *
	 * @var string
	 */
	private $body;

	/**
	 * Transport error, when no answer arrived.
	 *
	 * @var \WP_Error|null
	 */
	private $transport_error;

	/**
	 * Decoded JSON object, or null when the body is not a JSON object/array.
	 *
	 * @var array<mixed>|null
	 */
	private $decoded;

	/**
	 * The timeout the request was sent with, in seconds; null when unknown or never sent.
	 *
	 * @var float|null
	 */
	private $timeout;

	/**
	 * The budget of the action's deadline (Support\Deadline) when that deadline cut this
	 * request's timeout short or kept it from starting; null otherwise.
	 *
	 * @var float|null
	 */
	private $deadline;

	/**
	 * Whether the request was sent at all.
	 *
	 * @var bool
	 */
	private $sent = true;

	/**
	 * Creates a response.
	 *
	 * @param string                                  $endpoint        What was asked, e.g. "GET /v1/api-quota".
	 * @param int                                     $status          HTTP status (0 on a transport error).
	 * @param array<string, string|array<int,string>> $headers         Response headers (any case).
	 * @param string                                  $body            Raw response body.
	 * @param \WP_Error|null                          $transport_error Transport error, if any.
	 */
	public function __construct( string $endpoint, int $status, array $headers = array(), string $body = '', ?\WP_Error $transport_error = null ) {
		$this->endpoint        = $endpoint;
		$this->status          = $transport_error ? 0 : $status;
		$this->headers         = self::normalise_headers( $headers );
		$this->body            = $body;
		$this->transport_error = $transport_error;

		$decoded       = '' === trim( $body ) ? null : json_decode( $body, true );
		$this->decoded = is_array( $decoded ) ? $decoded : null;
	}

	/**
	 * Builds a response from what the WordPress HTTP API returned.
	 *
	 * @param array<mixed>|\WP_Error $response Result of wp_remote_request() and friends.
	 * @param string                 $method   HTTP method.
	 * @param string                 $url      Requested URL (only its path is kept).
	 * @return self
	 */
	public static function from_wp_http( $response, string $method, string $url ): self {
		$endpoint = self::endpoint_label( $method, $url );

		if ( $response instanceof \WP_Error ) {
			return new self( $endpoint, 0, array(), '', $response );
		}
		if ( ! is_array( $response ) ) {
			return new self( $endpoint, 0, array(), '', new \WP_Error( 'http_request_failed', 'No response.' ) );
		}

		$status = isset( $response['response']['code'] ) && is_numeric( $response['response']['code'] ) ? (int) $response['response']['code'] : 0;
		$body   = isset( $response['body'] ) && is_string( $response['body'] ) ? $response['body'] : '';

		$headers = array();
		$raw     = isset( $response['headers'] ) ? $response['headers'] : array();
		if ( is_iterable( $raw ) ) {
			foreach ( $raw as $name => $value ) {
				if ( is_string( $value ) || is_numeric( $value ) ) {
					$headers[ (string) $name ] = (string) $value;
				} elseif ( is_array( $value ) ) {
					$headers[ (string) $name ] = array_map( 'strval', array_values( array_filter( $value, 'is_scalar' ) ) );
				}
			}
		}

		if ( 0 === $status ) {
			return new self( $endpoint, 0, $headers, $body, new \WP_Error( 'http_request_failed', 'The response had no HTTP status.' ) );
		}

		return new self( $endpoint, $status, $headers, $body );
	}

	/**
	 * The answer to a request that was not sent: the action's deadline left too little time
	 * for it to finish (transport error `fix_mailersend_deadline`).
	 *
	 * @param string $method   HTTP method.
	 * @param string $url      URL.
	 * @param float  $deadline The deadline's budget, in seconds.
	 * @return self
	 */
	public static function not_started( string $method, string $url, float $deadline ): self {
		$response           = new self( self::endpoint_label( $method, $url ), 0, array(), '', new \WP_Error( 'fix_mailersend_deadline', 'Not sent: too little time was left.' ) );
		$response->sent     = false;
		$response->deadline = $deadline;
		return $response;
	}

	/**
	 * A copy that knows the timeout the request had and whether the action's deadline shortened it.
	 *
	 * @param float|null $timeout  The request's timeout, in seconds.
	 * @param float|null $deadline The deadline's budget when it shortened the timeout, else null.
	 * @return self
	 */
	public function with_timing( ?float $timeout, ?float $deadline ): self {
		$copy           = clone $this;
		$copy->timeout  = $timeout;
		$copy->deadline = $deadline;
		return $copy;
	}

	/**
	 * The timeout the request was sent with, in seconds (null when unknown or not sent).
	 *
	 * @return float|null
	 */
	public function timeout(): ?float {
		return $this->timeout;
	}

	/**
	 * The budget of the deadline that shortened this request's timeout or kept it from being
	 * sent, in seconds; null when no deadline did.
	 *
	 * @return float|null
	 */
	public function deadline(): ?float {
		return $this->deadline;
	}

	/**
	 * Whether the request was sent (false: the deadline left too little time).
	 *
	 * @return bool
	 */
	public function was_sent(): bool {
		return $this->sent;
	}

	/**
	 * Builds the evidence label of a request: "GET /v1/api-quota" (no host, no query).
	 *
	 * @param string $method HTTP method.
	 * @param string $url    URL.
	 * @return string
	 */
	public static function endpoint_label( string $method, string $url ): string {
		$path = wp_parse_url( $url, PHP_URL_PATH );
		return strtoupper( $method ) . ' ' . ( is_string( $path ) && '' !== $path ? $path : '/' );
	}

	/**
	 * HTTP status; 0 on a transport error.
	 *
	 * @return int
	 */
	public function status(): int {
		return $this->status;
	}

	/**
	 * A response header (case-insensitive), or null when absent.
	 *
	 * @param string $name Header name.
	 * @return string|null
	 */
	public function header( string $name ): ?string {
		$name = strtolower( $name );
		return isset( $this->headers[ $name ] ) ? $this->headers[ $name ] : null;
	}

	/**
	 * All response headers, lower-case names.
	 *
	 * @return array<string, string>
	 */
	public function headers(): array {
		return $this->headers;
	}

	/**
	 * Decoded JSON body, or null when the body is empty or not a JSON object/array.
	 *
	 * @return array<mixed>|null
	 */
	public function body(): ?array {
		return $this->decoded;
	}

	/**
	 * The raw body, truncated for use as evidence.
	 *
	 * @return string
	 */
	public function raw_body(): string {
		if ( strlen( $this->body ) <= self::RAW_BODY_LIMIT ) {
			return $this->body;
		}
		$cut = function_exists( 'mb_strcut' ) ? mb_strcut( $this->body, 0, self::RAW_BODY_LIMIT, 'UTF-8' ) : substr( $this->body, 0, self::RAW_BODY_LIMIT );
		return $cut . '…';
	}

	/**
	 * MailerSend's `message`, or '' when there is none.
	 *
	 * @return string
	 */
	public function message(): string {
		if ( null !== $this->decoded && isset( $this->decoded['message'] ) && is_string( $this->decoded['message'] ) ) {
			return $this->decoded['message'];
		}
		return '';
	}

	/**
	 * MailerSend's `errors` object: field => list of messages.
	 *
	 * @return array<string, string[]>
	 */
	public function errors(): array {
		if ( null === $this->decoded || ! isset( $this->decoded['errors'] ) || ! is_array( $this->decoded['errors'] ) ) {
			return array();
		}
		$errors = array();
		foreach ( $this->decoded['errors'] as $field => $messages ) {
			$list = array();
			foreach ( is_array( $messages ) ? $messages : array( $messages ) as $message ) {
				if ( is_scalar( $message ) ) {
					$list[] = (string) $message;
				}
			}
			$errors[ (string) $field ] = $list;
		}
		return $errors;
	}

	/**
	 * Every `#MSxxxxx` code found in `message` and in every `errors` entry, in order, unique,
	 * without the "#" (e.g. "MS42207").
	 *
	 * @return string[]
	 */
	public function ms_codes(): array {
		$texts = array( $this->message() );
		foreach ( $this->errors() as $messages ) {
			foreach ( $messages as $message ) {
				$texts[] = $message;
			}
		}
		$codes = array();
		foreach ( $texts as $text ) {
			foreach ( self::find_ms_codes( $text ) as $code ) {
				$codes[] = $code;
			}
		}
		return array_values( array_unique( $codes ) );
	}

	/**
	 * The `#MSxxxxx` codes in a text, in order, unique, without "#".
	 *
	 * @param string $text Any text.
	 * @return string[]
	 */
	public static function find_ms_codes( string $text ): array {
		if ( ! preg_match_all( '/(?<![A-Za-z0-9])#?(MS\d{5})(?!\d)/', $text, $matches ) ) {
			return array();
		}
		return array_values( array_unique( $matches[1] ) );
	}

	/**
	 * The transport error (timeout, refused, blocked…), or null when MailerSend answered.
	 *
	 * @return \WP_Error|null
	 */
	public function transport_error(): ?\WP_Error {
		return $this->transport_error;
	}

	/**
	 * What was asked, e.g. "GET /v1/api-quota".
	 *
	 * @return string
	 */
	public function endpoint(): string {
		return $this->endpoint;
	}

	/**
	 * Lower-cases header names and flattens repeated headers.
	 *
	 * @param array<string, string|array<int,string>> $headers Headers.
	 * @return array<string, string>
	 */
	private static function normalise_headers( array $headers ): array {
		$normalised = array();
		foreach ( $headers as $name => $value ) {
			$normalised[ strtolower( (string) $name ) ] = is_array( $value ) ? implode( ', ', $value ) : (string) $value;
		}
		return $normalised;
	}
}
