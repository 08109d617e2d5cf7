<?php
/**
 * Reads MailerSend's HTTP answers into evidence.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Diagnosis;

use FixMailerSend\MailerSend\Api_Response;
use FixMailerSend\MailerSend\Client;
use FixMailerSend\Support\Deadline;

defined( 'ABSPATH' ) || exit;

/**
 * Pure functions from an answer (status, headers, body) to flat evidence: no verdict, no
 * request. Used by the classifier (Answer_Classifier) and the check (Diagnosis).
 */
final class Response_Reader {

	/**
	 * Daily request quota used up (its reset time is estimated when MailerSend gives none).
	 */
	const QUOTA_CODE = 'MS42901';

	/**
	 * Evidence of an answer: status, code, message, endpoint, retry-after, quota headers.
	 *
	 * @param Api_Response $response Answer.
	 * @param string|null  $ms_code  The code that decided (else the first one found).
	 * @param bool         $raw      Include the raw body (for `unknown`).
	 * @return array<string, string|int|float|bool|null>
	 */
	public static function response_evidence( Api_Response $response, ?string $ms_code, bool $raw ): array {
		$codes    = $response->ms_codes();
		$evidence = array(
			'http_status' => $response->status(),
			'ms_code'     => null !== $ms_code ? $ms_code : ( isset( $codes[0] ) ? $codes[0] : null ),
			'message'     => self::truncate( $response->message() ),
			'endpoint'    => $response->endpoint(),
		);

		$errors = array();
		foreach ( $response->errors() as $field => $messages ) {
			$errors[] = $field . ': ' . implode( ' ', $messages );
		}
		if ( ! empty( $errors ) ) {
			$evidence['errors'] = self::truncate( implode( ' | ', $errors ) );
		}

		$retry = self::retry_after( $response );
		if ( null !== $retry ) {
			$evidence['retry_after'] = $retry;
		}

		$remaining = $response->header( 'x-apiquota-remaining' );
		if ( null !== $remaining && is_numeric( trim( $remaining ) ) ) {
			$evidence['quota_remaining'] = (int) trim( $remaining );
		}
		$reset = self::iso_time( (string) $response->header( 'x-apiquota-reset' ) );
		if ( null !== $reset ) {
			$evidence['quota_reset'] = $reset;
		} elseif ( in_array( self::QUOTA_CODE, $codes, true ) ) {
			// MailerSend's daily quota resets at 00:00 UTC.
			$evidence['quota_reset']           = gmdate( 'Y-m-d', time() + 86400 ) . 'T00:00:00+00:00';
			$evidence['quota_reset_estimated'] = true;
		}

		if ( $raw ) {
			$evidence['raw_body']     = $response->raw_body();
			$evidence['content_type'] = $response->header( 'content-type' );
		}

		return $evidence;
	}

	/**
	 * Evidence of a successful `GET /v1/api-quota`, or null when the body is not a quota.
	 *
	 * @param Api_Response $response Answer.
	 * @return array<string, string|int|float|bool|null>|null
	 */
	public static function quota_evidence( Api_Response $response ): ?array {
		if ( null !== $response->transport_error() || $response->status() < 200 || $response->status() >= 300 ) {
			return null;
		}
		$body = $response->body();
		if ( null === $body || ! isset( $body['remaining'] ) || ! is_numeric( $body['remaining'] ) ) {
			return null;
		}
		$reset = isset( $body['reset'] ) && is_string( $body['reset'] ) ? self::iso_time( $body['reset'] ) : null;
		return array(
			'http_status'     => $response->status(),
			'ms_code'         => null,
			'endpoint'        => $response->endpoint(),
			'quota_limit'     => isset( $body['quota'] ) && is_numeric( $body['quota'] ) ? (int) $body['quota'] : null,
			'quota_remaining' => (int) $body['remaining'],
			'quota_reset'     => $reset,
		);
	}

	/**
	 * One page of `GET /v1/domains`.
	 *
	 * @param Api_Response $response Answer.
	 * @param int          $page     Page number.
	 * @return array{names: array<string, bool>, last: bool}|null Null when the page is not a domain list.
	 */
	public static function domain_page( Api_Response $response, int $page ): ?array {
		$body = $response->body();
		if ( null !== $response->transport_error() || 200 !== $response->status() || null === $body || ! isset( $body['data'] ) || ! is_array( $body['data'] ) ) {
			return null;
		}
		$names = array();
		foreach ( $body['data'] as $domain ) {
			if ( ! is_array( $domain ) || ! isset( $domain['name'] ) || ! is_string( $domain['name'] ) ) {
				continue;
			}
			if ( array_key_exists( 'is_verified', $domain ) && true !== $domain['is_verified'] && 1 !== $domain['is_verified'] ) {
				continue;
			}
			$settings = isset( $domain['domain_settings'] ) && is_array( $domain['domain_settings'] ) ? $domain['domain_settings'] : array();

			$names[ strtolower( $domain['name'] ) ] = isset( $settings['send_paused'] ) && ( true === $settings['send_paused'] || 1 === $settings['send_paused'] );
		}
		$last_page = isset( $body['meta']['last_page'] ) && is_numeric( $body['meta']['last_page'] ) ? (int) $body['meta']['last_page'] : null;
		return array(
			'names' => $names,
			'last'  => null === $last_page ? count( $body['data'] ) < Client::DOMAINS_PER_PAGE : $page >= $last_page,
		);
	}

	/**
	 * Whether the action's deadline stopped a request: it was not sent, or its shortened
	 * timeout ran out (cURL error 28).
	 *
	 * @param Api_Response $response Answer.
	 * @return bool
	 */
	public static function ran_out_of_time( Api_Response $response ): bool {
		if ( null === $response->deadline() ) {
			return false;
		}
		$error = $response->transport_error();
		return ! $response->was_sent() || ( null !== $error && 1 === preg_match( '/cURL error 28\b/', $error->get_error_message() ) );
	}

	/**
	 * Evidence of a step the action's deadline stopped.
	 *
	 * @param string $step     quota|send_probe|domains|test_email.
	 * @param float  $deadline The deadline, in seconds.
	 * @return array{reason: string, step: string, deadline: int|float}
	 */
	public static function deadline_evidence( string $step, float $deadline ): array {
		return array(
			'reason'   => 'deadline',
			'step'     => $step,
			'deadline' => Deadline::round_seconds( $deadline ),
		);
	}

	/**
	 * A short word for a cURL error number (numbers, not English text).
	 *
	 * @param int $number cURL error number.
	 * @return string timeout|dns|refused|reset|tls|other
	 */
	public static function curl_reason( int $number ): string {
		$reasons = array(
			'timeout' => array( 28 ),
			'dns'     => array( 5, 6 ),
			'refused' => array( 7 ),
			'reset'   => array( 52, 55, 56 ),
			'tls'     => array( 35, 51, 53, 54, 58, 59, 60, 77, 80, 82, 83, 90, 91 ),
		);
		foreach ( $reasons as $reason => $numbers ) {
			if ( in_array( $number, $numbers, true ) ) {
				return $reason;
			}
		}
		return 'other';
	}

	/**
	 * Suppression warning of a 202, or null.
	 *
	 * @param Api_Response $response Answer.
	 * @return array<string, string|int>|null
	 */
	public static function suppressed( Api_Response $response ): ?array {
		$body = $response->body();
		if ( null === $body || ! isset( $body['warnings'] ) || ! is_array( $body['warnings'] ) ) {
			return null;
		}
		$kind       = null;
		$recipients = array();
		foreach ( $body['warnings'] as $warning ) {
			if ( ! is_array( $warning ) || ! isset( $warning['type'] ) || ! is_string( $warning['type'] ) ) {
				continue;
			}
			if ( 'ALL_SUPPRESSED' === $warning['type'] ) {
				$kind = 'all';
			} elseif ( 'SOME_SUPPRESSED' === $warning['type'] && null === $kind ) {
				$kind = 'some';
			} else {
				continue;
			}
			if ( isset( $warning['recipients'] ) && is_array( $warning['recipients'] ) ) {
				foreach ( $warning['recipients'] as $recipient ) {
					if ( is_array( $recipient ) && isset( $recipient['email'] ) && is_string( $recipient['email'] ) ) {
						$recipients[] = $recipient['email'];
					}
				}
			}
		}
		if ( null === $kind ) {
			return null;
		}
		$evidence = array(
			'suppressed' => $kind,
			'message'    => self::truncate( $response->message() ),
		);
		if ( ! empty( $recipients ) ) {
			$evidence['suppressed_recipients'] = self::truncate( implode( ', ', array_unique( $recipients ) ) );
		}
		return $evidence;
	}

	/**
	 * Seconds to wait, from `retry-after` (seconds or HTTP date) or `x-ratelimit-reset`.
	 *
	 * @param Api_Response $response Answer.
	 * @return int|null
	 */
	public static function retry_after( Api_Response $response ): ?int {
		$value = trim( (string) $response->header( 'retry-after' ) );
		if ( '' !== $value ) {
			if ( is_numeric( $value ) ) {
				return max( 0, (int) ceil( (float) $value ) );
			}
			$time = strtotime( $value );
			if ( false !== $time ) {
				return max( 0, $time - time() );
			}
		}
		$reset = trim( (string) $response->header( 'x-ratelimit-reset' ) );
		if ( '' !== $reset && is_numeric( $reset ) ) {
			$reset = (int) $reset;
			// A Unix time stamp, or a number of seconds.
			return $reset > 1000000000 ? max( 0, $reset - time() ) : max( 0, $reset );
		}
		return null;
	}

	/**
	 * A time in ISO 8601 (UTC), or null when it cannot be read.
	 *
	 * @param string $value Time as MailerSend gave it.
	 * @return string|null
	 */
	public static function iso_time( string $value ): ?string {
		$value = trim( $value );
		if ( '' === $value ) {
			return null;
		}
		$time = is_numeric( $value ) ? (int) $value : strtotime( $value );
		return false === $time || $time <= 0 ? null : gmdate( 'Y-m-d\TH:i:s+00:00', $time );
	}

	/**
	 * The lower-case domain of an email address, or ''.
	 *
	 * @param string $email Email address.
	 * @return string
	 */
	public static function domain_of( string $email ): string {
		$email = trim( $email );
		$at    = strrpos( $email, '@' );
		if ( false === $at || ! is_email( $email ) ) {
			return '';
		}
		return strtolower( substr( $email, $at + 1 ) );
	}

	/**
	 * The verified domain that covers the From domain (equal, or a parent), most specific first.
	 *
	 * @param string   $domain   From domain.
	 * @param string[] $verified Verified domain names.
	 * @return string|null
	 */
	public static function match_domain( string $domain, array $verified ): ?string {
		$best = null;
		foreach ( $verified as $name ) {
			$name = strtolower( $name );
			if ( $domain === $name || substr( $domain, -strlen( '.' . $name ) ) === '.' . $name ) {
				if ( null === $best || strlen( $name ) > strlen( $best ) ) {
					$best = $name;
				}
			}
		}
		return $best;
	}

	/**
	 * Comma list of domain names, capped for evidence.
	 *
	 * @param array<string, bool> $names Domain => paused.
	 * @return string
	 */
	public static function domain_list( array $names ): string {
		$list = array_keys( $names );
		$more = count( $list ) - 20;
		$text = implode( ', ', array_slice( $list, 0, 20 ) );
		return $more > 0 ? $text . ', … (+' . $more . ')' : $text;
	}

	/**
	 * Truncates a text for evidence.
	 *
	 * @param string $text Text.
	 * @return string
	 */
	public static function truncate( string $text ): string {
		if ( strlen( $text ) <= Api_Response::RAW_BODY_LIMIT ) {
			return $text;
		}
		return ( function_exists( 'mb_strcut' ) ? mb_strcut( $text, 0, Api_Response::RAW_BODY_LIMIT, 'UTF-8' ) : substr( $text, 0, Api_Response::RAW_BODY_LIMIT ) ) . '…';
	}
}
