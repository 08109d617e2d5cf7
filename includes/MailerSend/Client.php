<?php
/**
 * The only code that talks HTTP to MailerSend.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\MailerSend;

use FixMailerSend\Support\Deadline;

defined( 'ABSPATH' ) || exit;

/**
 * A small MailerSend API client: three read-mostly calls, no retries, no redirects.
 *
 * The token is only ever placed in the Authorization header: never in a URL, an error
 * message or a log line.
 */
class Client {

	/**
	 * MailerSend's API base URL (the only version).
	 */
	const DEFAULT_BASE_URL = 'https://api.mailersend.com/v1';

	/**
	 * Default timeout of one request, in seconds.
	 */
	const DEFAULT_TIMEOUT = 10;

	/**
	 * Largest response body read, in bytes (a domain list with 100 domains fits easily).
	 */
	const MAX_RESPONSE_BYTES = 1048576;

	/**
	 * Domains asked for per page (MailerSend's maximum).
	 */
	const DOMAINS_PER_PAGE = 100;

	/**
	 * Subject of the deep-check probe (never delivered: it has no recipients).
	 */
	const PROBE_SUBJECT = 'Fix MailerSend token check';

	/**
	 * Base URL without a trailing slash.
	 *
	 * @var string
	 */
	private $base_url;

	/**
	 * Timeout in seconds.
	 *
	 * @var float
	 */
	private $timeout;

	/**
	 * The deadline of the action this client works for (within()), or null.
	 *
	 * @var Deadline|null
	 */
	private $deadline;

	/**
	 * Creates a client.
	 *
	 * @param string $base_url Base URL of the API, e.g. https://api.mailersend.com/v1.
	 * @param float  $timeout  Timeout of one request, in seconds (the caller may filter it).
	 */
	public function __construct( string $base_url = self::DEFAULT_BASE_URL, float $timeout = self::DEFAULT_TIMEOUT ) {
		$this->base_url = untrailingslashit( '' !== $base_url ? $base_url : self::DEFAULT_BASE_URL );
		$this->timeout  = $timeout > 0 ? $timeout : (float) self::DEFAULT_TIMEOUT;
	}

	/**
	 * Timeout of one request, in seconds.
	 *
	 * @return float
	 */
	public function timeout(): float {
		return $this->timeout;
	}

	/**
	 * A copy bound to an action's deadline: a call starts only when the deadline allows it
	 * (Deadline::allows()), and its timeout is the smaller of timeout() and what is left
	 * (Deadline::timeout_for()). Null: no deadline.
	 *
	 * @param Deadline|null $deadline The action's deadline.
	 * @return self
	 */
	public function within( ?Deadline $deadline ): self {
		$copy           = clone $this;
		$copy->deadline = $deadline;
		return $copy;
	}

	/**
	 * Whether a call may still start under the deadline (always, without one).
	 *
	 * @return bool
	 */
	public function can_start(): bool {
		return null === $this->deadline || $this->deadline->allows( $this->timeout );
	}

	/**
	 * `GET /v1/api-quota`: the cheapest check; does not count against the daily quota.
	 *
	 * @param string $token API token.
	 * @return Api_Response
	 */
	public function get_quota( string $token ): Api_Response {
		return $this->request( 'GET', '/api-quota', $token );
	}

	/**
	 * `GET /v1/domains?verified=true&limit=100&page=N` (needs the `domains_read` scope).
	 *
	 * @param string $token API token.
	 * @param int    $page  Page number, from 1.
	 * @return Api_Response
	 */
	public function list_verified_domains( string $token, int $page = 1 ): Api_Response {
		$query = http_build_query(
			array(
				'verified' => 'true',
				'limit'    => self::DOMAINS_PER_PAGE,
				'page'     => max( 1, $page ),
			),
			'',
			'&'
		);
		return $this->request( 'GET', '/domains?' . $query, $token );
	}

	/**
	 * `POST /v1/email` with no recipients and the real From address.
	 *
	 * Nothing is delivered, but MailerSend counts the request against the daily quota:
	 * call it only for the deep check the user asked for, and never in a loop.
	 * A 422 answers "this token may send"; `#MS40301` "it may not"; `#MS42207` on
	 * `from.email` "the From domain is not verified in this token's account".
	 *
	 * @param string $token      API token.
	 * @param string $from_email The From address the site sends with.
	 * @return Api_Response
	 */
	public function probe_send( string $token, string $from_email ): Api_Response {
		$payload = array(
			'from'    => array( 'email' => $from_email ),
			'to'      => array(),
			'subject' => self::PROBE_SUBJECT,
			'text'    => 'This request has no recipients: it only checks what the token may do. Nothing is sent.',
		);
		return $this->request( 'POST', '/email', $token, $payload );
	}

	/**
	 * Sends one request; never retries, never follows redirects. Under a deadline, a request
	 * that could not finish in what is left is not sent (Api_Response::not_started()), and one
	 * that is sent gets at most what is left as its timeout.
	 *
	 * @param string            $method  GET or POST.
	 * @param string            $path    Path below the base URL, with its query.
	 * @param string            $token   API token.
	 * @param array<mixed>|null $payload JSON body for POST.
	 * @return Api_Response
	 */
	private function request( string $method, string $path, string $token, ?array $payload = null ): Api_Response {
		$url      = $this->base_url . $path;
		$timeout  = $this->timeout;
		$deadline = null;
		if ( null !== $this->deadline ) {
			if ( ! $this->deadline->allows( $this->timeout ) ) {
				return Api_Response::not_started( $method, $url, $this->deadline->budget() );
			}
			$timeout = $this->deadline->timeout_for( $this->timeout );
			if ( $timeout < $this->timeout ) {
				$deadline = $this->deadline->budget();
			}
		}

		$args = array(
			'method'              => $method,
			'timeout'             => $timeout,
			'redirection'         => 0,
			'limit_response_size' => self::MAX_RESPONSE_BYTES,
			'headers'             => array(
				'Authorization' => 'Bearer ' . $token,
				'Accept'        => 'application/json',
				'Content-Type'  => 'application/json',
			),
		);

		if ( null !== $payload ) {
			$body = wp_json_encode( $payload );
			if ( false === $body ) {
				return Api_Response::from_wp_http( new \WP_Error( 'fix_mailersend_json', 'The request body could not be encoded.' ), $method, $url );
			}
			$args['body'] = $body;
		}

		$response = 'POST' === $method ? wp_safe_remote_post( $url, $args ) : wp_safe_remote_get( $url, $args );

		if ( $response instanceof \WP_Error ) {
			$response = self::without_secret( $response, $token );
		}

		return Api_Response::from_wp_http( $response, $method, $url )->with_timing( $timeout, $deadline );
	}

	/**
	 * Returns a copy of a transport error whose messages cannot contain the token.
	 *
	 * @param \WP_Error $error Error from the HTTP API.
	 * @param string    $token Token to remove.
	 * @return \WP_Error
	 */
	private static function without_secret( \WP_Error $error, string $token ): \WP_Error {
		if ( '' === $token ) {
			return $error;
		}
		$clean = new \WP_Error();
		foreach ( $error->get_error_codes() as $code ) {
			foreach ( $error->get_error_messages( $code ) as $message ) {
				$clean->add( $code, str_replace( $token, '[token]', $message ) );
			}
			$data = $error->get_error_data( $code );
			if ( null !== $data && ! ( is_string( $data ) && false !== strpos( $data, $token ) ) ) {
				$clean->add_data( $data, $code );
			}
		}
		return $clean;
	}
}
