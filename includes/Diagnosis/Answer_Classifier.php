<?php
/**
 * Classifies MailerSend's answers into verdicts.
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
 * Every MailerSend answer is classified here, classify(): by `#MS` code first (CODE_RULES),
 * then by HTTP status, never by MailerSend's English text. Answers to the check's calls
 * (verdict_for()), to a real send (explain_send_response()) and WP Mail SMTP's record of a
 * failed send (explain_failure()). Makes no request; reads answers with Response_Reader.
 */
final class Answer_Classifier {

	/**
	 * The classification by `#MS` code: code → verdict id, the first rule that matches an
	 * answer's codes wins (an account block over everything, the token's permission, the From
	 * domain, the account's limits, then MailerSend's request limits). One line per code.
	 */
	const CODE_RULES = array(
		// API and SMTP access switched off.
		'MS40302' => 'account_blocked',
		// Account not authorised.
		'MS40303' => 'account_blocked',
		// Account suspended.
		'MS40304' => 'account_blocked',
		// IP address not allowlisted.
		'MS40305' => 'account_blocked',
		// The token lacks the scope (see classify()).
		'MS40301' => 'missing_permission',
		// From domain not verified in the token's account.
		'MS42207' => 'domain_unverified',
		// Trial: unique recipients.
		'MS42225' => 'trial_limit',
		// Trial: the domain's quota.
		'MS42222' => 'trial_limit',
		// The account's own sending quota, set in MailerSend.
		'MS42204' => 'sending_quota_reached',
		// A feature the account's plan lacks (e.g. custom headers).
		'MS42216' => 'plan_feature_missing',
		// Daily request quota used up.
		'MS42901' => 'quota_exhausted',
		// Per-minute rate limit.
		'MS42903' => 'rate_limited',
	);

	/**
	 * The token lacks the permission (scope) for this call.
	 */
	const PERMISSION_CODE = 'MS40301';

	/**
	 * The endpoint WP Mail SMTP sends through (for evidence and the block check).
	 */
	const SEND_ENDPOINT = 'POST /v1/email';

	/**
	 * The step named in the evidence (`step`) when the action's deadline stopped a request,
	 * by the context of verdict_for().
	 */
	const STEPS = array(
		'quota'   => 'quota',
		'probe'   => 'send_probe',
		'domains' => 'domains',
		'send'    => 'test_email',
	);

	/**
	 * Explains WP Mail SMTP's last failed send.
	 *
	 * Pass what `wp_mail_smtp_mailcatcher_send_failed` gave (`$message`, `$error_code`,
	 * `$http_status`), or the fields of parse_debug_text() (status 0). Classified by `#MS`
	 * code, then status; an empty message with no status is a transport error (WP Mail SMTP
	 * records an empty message then); WordPress's "User has blocked requests through HTTP"
	 * is `blocked_by_site`; "Unauthenticated." with no status (Debug text) is `unauthenticated`.
	 *
	 * @param string $message     WP Mail SMTP's error text (MailerSend's message).
	 * @param string $ms_code     MailerSend code ("MS42207" or "#MS42207"); WP Mail SMTP may
	 *                            pass an errors key or the status instead, which is tolerated.
	 * @param int    $http_status HTTP status, 0 when unknown or a transport error.
	 * @return Verdict
	 */
	public static function explain_failure( string $message, string $ms_code = '', int $http_status = 0 ): Verdict {
		$codes  = array();
		$param  = trim( $ms_code );
		$status = max( 0, $http_status );

		if ( 1 === preg_match( '/^#?(MS\d{5})$/i', $param, $match ) ) {
			$codes[] = strtoupper( $match[1] );
		} elseif ( 0 === $status && 1 === preg_match( '/^[1-5]\d\d$/', $param ) ) {
			$status = (int) $param;
		}
		foreach ( Api_Response::find_ms_codes( $message ) as $code ) {
			$codes[] = $code;
		}
		$codes = array_values( array_unique( $codes ) );

		$trimmed = trim( $message );
		if ( 0 === $status && 1 === preg_match( '/^([1-5]\d\d):\s/', $trimmed, $match ) ) {
			// WP Mail SMTP's form for a non-JSON answer: "500: Internal Server Error\r\n<html>…".
			$status = (int) $match[1];
		}

		$evidence = array(
			'source'      => 'wp_mail_smtp',
			'http_status' => $status > 0 ? $status : null,
			'ms_code'     => isset( $codes[0] ) ? $codes[0] : null,
			'message'     => Response_Reader::truncate( $message ),
			'endpoint'    => self::SEND_ENDPOINT,
		);

		if ( empty( $codes ) && 0 === $status ) {
			if ( false !== stripos( $trimmed, 'User has blocked requests through HTTP' ) ) {
				return Verdicts::make( 'blocked_by_site', $evidence + array( 'error_code' => 'http_request_not_executed' ) );
			}
			if ( '' === $trimmed ) {
				$id = self::site_blocks_mailersend() ? 'blocked_by_site' : 'network_error';
				return Verdicts::make( $id, $evidence );
			}
			if ( 'Unauthenticated.' === $trimmed ) {
				return Verdicts::make( 'unauthenticated', $evidence + array( 'token_accepted' => false ) );
			}
			if ( 1 === preg_match( '/cURL error (\d+)/', $trimmed, $curl ) ) {
				return Verdicts::make( 'network_error', $evidence + array( 'reason' => Response_Reader::curl_reason( (int) $curl[1] ) ) );
			}
			return Verdicts::make( 'unknown', $evidence );
		}

		$found = self::classify( $codes, $status, 'failure', array() );
		if ( null === $found ) {
			return Verdicts::make( 'unknown', $evidence );
		}
		if ( null !== $found['ms_code'] ) {
			$evidence['ms_code'] = $found['ms_code'];
		}
		return Verdicts::make( $found['id'], $evidence + Verdicts::accepted_evidence( $found['id'] ) );
	}

	/**
	 * Explains MailerSend's answer to a real send (the test email, as observed on its way
	 * through WP Mail SMTP).
	 *
	 * Only 202 is success, as for WP Mail SMTP. On 202 the warnings are `send_paused`
	 * (`x-send-paused: true`) and `recipients_suppressed` (SOME_SUPPRESSED / ALL_SUPPRESSED).
	 *
	 * @param Api_Response $response   The answer to `POST /v1/email`.
	 * @param string       $from_email The From address used (optional, for the text).
	 * @return array{accepted: true, message_id: string|null, warnings: Verdict[]}|array{accepted: false, verdict: Verdict}
	 */
	public static function explain_send_response( Api_Response $response, string $from_email = '' ): array {
		$domain = Response_Reader::domain_of( $from_email );

		if ( null === $response->transport_error() && 202 === $response->status() ) {
			return self::accepted_send( $response, $domain );
		}

		$verdict = self::verdict_for( $response, 'send', $domain );
		if ( null === $verdict ) {
			// Any other 2xx: WP Mail SMTP treats it as a failure too.
			$verdict = Verdicts::make( 'unknown', Response_Reader::response_evidence( $response, null, true ) );
		}

		return array(
			'accepted' => false,
			'verdict'  => $verdict,
		);
	}

	/**
	 * The result of a send MailerSend accepted (202), with its warnings.
	 *
	 * @param Api_Response $response The 202.
	 * @param string       $domain   From domain, or ''.
	 * @return array{accepted: true, message_id: string|null, warnings: Verdict[]}
	 */
	private static function accepted_send( Api_Response $response, string $domain ): array {
		$message_id = $response->header( 'x-message-id' );
		$message_id = null !== $message_id && '' !== $message_id ? $message_id : null;
		$base       = array(
			'http_status'    => 202,
			'endpoint'       => $response->endpoint(),
			'message_id'     => $message_id,
			'token_accepted' => true,
		);
		if ( '' !== $domain ) {
			$base['from_domain'] = $domain;
		}

		$warnings = array();
		if ( 'true' === strtolower( trim( (string) $response->header( 'x-send-paused' ) ) ) ) {
			$warnings[] = Verdicts::make( 'send_paused', $base );
		}
		$suppressed = Response_Reader::suppressed( $response );
		if ( null !== $suppressed ) {
			$warnings[] = Verdicts::make( 'recipients_suppressed', $base + $suppressed );
		}

		return array(
			'accepted'   => true,
			'message_id' => $message_id,
			'warnings'   => $warnings,
		);
	}

	/**
	 * The verdict for an answer in a context, or null when the answer shows no problem.
	 *
	 * @param Api_Response $response Answer.
	 * @param string       $context  quota|probe|domains|send.
	 * @param string       $domain   From domain, for the evidence of domain_unverified.
	 * @param float        $timeout  The client's timeout (a transport error's evidence when the
	 *                               answer does not say the request's own).
	 * @return Verdict|null
	 */
	public static function verdict_for( Api_Response $response, string $context, string $domain, float $timeout = Client::DEFAULT_TIMEOUT ): ?Verdict {
		$error = $response->transport_error();
		if ( null !== $error ) {
			return self::transport_verdict( $response, $error, $context, $timeout );
		}

		$found = self::classify( $response->ms_codes(), $response->status(), $context, array_keys( $response->errors() ) );
		if ( null === $found ) {
			return null;
		}

		$evidence = Response_Reader::response_evidence( $response, $found['ms_code'], 'unknown' === $found['id'] );
		if ( 'domain_unverified' === $found['id'] || 'send_paused' === $found['id'] ) {
			$evidence['from_domain'] = '' !== $domain ? $domain : null;
		}
		if ( 'domain_unverified' === $found['id'] && 'probe' === $context ) {
			$evidence['can_send'] = false;
		}
		return Verdicts::make( $found['id'], $evidence + Verdicts::accepted_evidence( $found['id'] ) );
	}

	/**
	 * The one classification of MailerSend answers: by `#MS` code first (CODE_RULES), then by HTTP status.
	 *
	 * Contexts: `quota` (GET /v1/api-quota), `probe` (POST /v1/email with `to: []`),
	 * `domains` (GET /v1/domains), `send` (a real POST /v1/email), `failure` (WP Mail SMTP's
	 * record of a send). Returns null when the answer shows no problem in that context
	 * (a 2xx; on the probe, a 422 whose only errors are about `to`).
	 *
	 * @param string[] $codes  `MSxxxxx` codes, in order.
	 * @param int      $status HTTP status (> 0).
	 * @param string   $context Context.
	 * @param string[] $fields Keys of the `errors` object.
	 * @return array{id: string, ms_code: string|null}|null
	 */
	private static function classify( array $codes, int $status, string $context, array $fields ): ?array {
		foreach ( self::CODE_RULES as $code => $id ) {
			if ( ! in_array( $code, $codes, true ) ) {
				continue;
			}
			if ( self::PERMISSION_CODE === $code && in_array( $context, array( 'quota', 'domains' ), true ) ) {
				// On the quota and domain endpoints this is only a missing scope, never "cannot send".
				return self::found( 'unknown', $code );
			}
			return self::found( $id, $code );
		}

		$first = isset( $codes[0] ) ? $codes[0] : null;

		if ( $status >= 200 && $status < 300 ) {
			return 'failure' === $context ? self::found( 'unknown', $first ) : null;
		}
		if ( 401 === $status ) {
			return self::found( 'unauthenticated', $first );
		}
		if ( 429 === $status ) {
			return self::found( 'rate_limited', $first );
		}
		if ( 408 === $status || 421 === $status || $status >= 500 ) {
			return self::found( 'mailersend_unavailable', $first );
		}
		if ( 422 === $status && 'probe' === $context && self::only_recipient_errors( $fields ) ) {
			// The token may send: MailerSend got as far as validating the message.
			return null;
		}
		return self::found( 'unknown', $first );
	}

	/**
	 * Result of classify().
	 *
	 * @param string      $id      Verdict id.
	 * @param string|null $ms_code Code that decided, if any.
	 * @return array{id: string, ms_code: string|null}
	 */
	private static function found( string $id, ?string $ms_code ): array {
		return array(
			'id'      => $id,
			'ms_code' => $ms_code,
		);
	}

	/**
	 * Whether a 422's errors are only about the (deliberately empty) recipients.
	 *
	 * @param string[] $fields Keys of `errors`.
	 * @return bool
	 */
	private static function only_recipient_errors( array $fields ): bool {
		foreach ( $fields as $field ) {
			if ( 'to' !== $field && 0 !== strpos( $field, 'to.' ) ) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Verdict for a request that got no answer: `blocked_by_site` or `network_error`.
	 *
	 * `timeout` is the timeout the request really had. When the action's deadline kept the
	 * request from being sent, or cut its timeout short and it timed out, `reason` is
	 * `deadline`, with the `step` that ran out of time and the `deadline` in seconds.
	 *
	 * @param Api_Response $response Response holding the transport error.
	 * @param \WP_Error    $error    Transport error.
	 * @param string       $context  quota|probe|domains|send (see verdict_for()).
	 * @param float        $timeout  The client's timeout.
	 * @return Verdict
	 */
	private static function transport_verdict( Api_Response $response, \WP_Error $error, string $context, float $timeout ): Verdict {
		$code     = (string) $error->get_error_code();
		$message  = $error->get_error_message();
		$evidence = array(
			'http_status' => null,
			'ms_code'     => null,
			'endpoint'    => $response->endpoint(),
			'error_code'  => $code,
			'message'     => Response_Reader::truncate( $message ),
		);
		$step     = isset( self::STEPS[ $context ] ) ? self::STEPS[ $context ] : $context;
		$deadline = $response->deadline();

		if ( ! $response->was_sent() && null !== $deadline ) {
			$evidence['message'] = null;
			return Verdicts::make( 'network_error', $evidence + Response_Reader::deadline_evidence( $step, $deadline ) );
		}

		if ( 'http_request_not_executed' === $code || self::site_blocks_mailersend() ) {
			return Verdicts::make( 'blocked_by_site', $evidence );
		}

		$evidence['reason']  = 1 === preg_match( '/cURL error (\d+)/', $message, $curl ) ? Response_Reader::curl_reason( (int) $curl[1] ) : 'other';
		$timeout             = null !== $response->timeout() ? $response->timeout() : $timeout;
		$evidence['timeout'] = Deadline::round_seconds( $timeout );
		if ( null !== $deadline && Response_Reader::ran_out_of_time( $response ) ) {
			$evidence = array_merge( $evidence, Response_Reader::deadline_evidence( $step, $deadline ) );
		}
		return Verdicts::make( 'network_error', $evidence );
	}

	/**
	 * Whether WordPress's own HTTP block refuses MailerSend's API host.
	 *
	 * @return bool
	 */
	private static function site_blocks_mailersend(): bool {
		if ( ! class_exists( '\WP_Http' ) ) {
			return false;
		}
		return ( new \WP_Http() )->block_request( Client::DEFAULT_BASE_URL . '/email' );
	}
}
