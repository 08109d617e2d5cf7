<?php
/**
 * Turns local checks and MailerSend's answers into verdicts.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Diagnosis;

use FixMailerSend\MailerSend\Api_Response;
use FixMailerSend\MailerSend\Client;
use FixMailerSend\Support\Deadline;
use FixMailerSend\Support\Mask;
use FixMailerSend\Support\Throttle;

defined( 'ABSPATH' ) || exit;

/**
 * The diagnosis: token checks, WP Mail SMTP's last failure, and test-email answers.
 *
 * Every MailerSend answer is classified in one place, classify(): by `#MS` code first,
 * then by HTTP status, never by MailerSend's English text.
 */
class Diagnosis {

	/**
	 * Most pages of verified domains read in one check (100 domains each).
	 */
	const MAX_DOMAIN_PAGES = 5;

	/**
	 * Codes of an account-level block: API/SMTP access off, not authorised, suspended, IP not allowlisted.
	 */
	const ACCOUNT_CODES = array( 'MS40302', 'MS40303', 'MS40304', 'MS40305' );

	/**
	 * The token lacks the permission (scope) for this call.
	 */
	const PERMISSION_CODE = 'MS40301';

	/**
	 * From domain not verified in the token's account.
	 */
	const DOMAIN_CODE = 'MS42207';

	/**
	 * Trial limits: unique recipients, domain quota.
	 */
	const TRIAL_CODES = array( 'MS42225', 'MS42222' );

	/**
	 * Daily request quota used up.
	 */
	const QUOTA_CODE = 'MS42901';

	/**
	 * Per-minute rate limit.
	 */
	const RATE_CODE = 'MS42903';

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
	 * MailerSend client.
	 *
	 * @var Client
	 */
	private $client;

	/**
	 * Per-site throttle.
	 *
	 * @var Throttle
	 */
	private $throttle;

	/**
	 * Creates the diagnosis.
	 *
	 * @param Client   $client   MailerSend client.
	 * @param Throttle $throttle Per-site throttle.
	 */
	public function __construct( Client $client, Throttle $throttle ) {
		$this->client   = $client;
		$this->throttle = $throttle;
	}

	/**
	 * Checks a token: locally, then with `GET /v1/api-quota`, then (deep only) with the
	 * `to: []` send probe and the verified-domain list.
	 *
	 * - A local problem (`missing`, `smtp_password_pasted`, `truncated`, `malformed`) is returned
	 *   without any request. `legacy_token` is returned only when MailerSend accepted the token.
	 * - The deep check needs `$from_email`; it costs one request of the account's daily quota
	 *   (throttle bucket `probe`). Without a From address the deep part is skipped
	 *   (evidence `deep_checked` false).
	 * - Every verdict carries evidence `token` (masked) and, once MailerSend answered about the
	 *   token, `token_accepted` (true/false). The full token is never in a verdict.
	 * - Every call shares the action's deadline: one that cannot finish in what is left is not
	 *   made, and the verdict then says which step ran out of time (evidence `reason`
	 *   `deadline`, `step`, `deadline`): the quota call → `network_error`; the probe →
	 *   `network_error` with `token_accepted` (as an unanswered probe); the domain pages →
	 *   domains not checked (as when they are unreadable).
	 *
	 * @param string        $raw_token  The token as pasted or stored (normalised here).
	 * @param string        $from_email The From address the site sends with (for the deep check).
	 * @param bool          $deep       Also probe sending and the From domain.
	 * @param Deadline|null $deadline   The action's deadline (null: a new one, Deadline::start()).
	 * @return Verdict|\WP_Error A verdict, or a WP_Error `fix_mailersend_throttled` with
	 *                           data `{ status: 429, retry_after: int, bucket: string }` when the
	 *                           per-site throttle refuses the call (nothing was sent).
	 */
	public function check_token( string $raw_token, string $from_email = '', bool $deep = false, ?Deadline $deadline = null ) {
		$token = Token_Inspector::normalise( $raw_token );

		// From now on every text of this request masks it by value, whatever its shape (a
		// MailerSend or proxy answer may quote it): Verdict's evidence, failure texts, output.
		Mask::remember( $raw_token, trim( $raw_token ), $token );

		$local = Token_Inspector::inspect( $token, $raw_token );
		if ( null !== $local && ! $local->is( 'legacy_token' ) ) {
			return $local;
		}

		$client       = $this->client;
		$this->client = $client->within( null !== $deadline ? $deadline : Deadline::start( $deep ? 'deep_check' : 'check' ) );
		try {
			return $this->check_remote( $token, $local, $from_email, $deep );
		} finally {
			$this->client = $client;
		}
	}

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
	public function explain_failure( string $message, string $ms_code = '', int $http_status = 0 ): Verdict {
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
			'message'     => self::truncate( $message ),
			'endpoint'    => self::SEND_ENDPOINT,
		);

		if ( empty( $codes ) && 0 === $status ) {
			if ( false !== stripos( $trimmed, 'User has blocked requests through HTTP' ) ) {
				return Verdicts::make( 'blocked_by_site', $evidence + array( 'error_code' => 'http_request_not_executed' ) );
			}
			if ( '' === $trimmed ) {
				$id = $this->site_blocks_mailersend() ? 'blocked_by_site' : 'network_error';
				return Verdicts::make( $id, $evidence );
			}
			if ( 'Unauthenticated.' === $trimmed ) {
				return Verdicts::make( 'unauthenticated', $evidence + array( 'token_accepted' => false ) );
			}
			if ( 1 === preg_match( '/cURL error (\d+)/', $trimmed, $curl ) ) {
				return Verdicts::make( 'network_error', $evidence + array( 'reason' => self::curl_reason( (int) $curl[1] ) ) );
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
	 * Splits WP Mail SMTP's `Debug::get_last()` text into MailerSend's message and code.
	 *
	 * "Email Source: X\r\nMailer: MailerSend\r\nUnauthenticated." → message "Unauthenticated.".
	 * The `Conflicts: <plugins>` line the real WP Mail SMTP inserts (MailCatcherTrait::api_send)
	 * when other mail plugins are active is skipped too.
	 *
	 * @param string $text Debug text.
	 * @return array{message: string, ms_code: string}
	 */
	public static function parse_debug_text( string $text ): array {
		$lines = preg_split( '/\r\n|\r|\n/', $text );
		$kept  = array();
		foreach ( false === $lines ? array( $text ) : $lines as $line ) {
			if ( 1 === preg_match( '/^\s*(Email Source|Mailer|Conflicts)\s*:/i', $line ) ) {
				continue;
			}
			$kept[] = $line;
		}
		$message = trim( implode( "\r\n", $kept ) );
		$codes   = Api_Response::find_ms_codes( $message );

		return array(
			'message' => $message,
			'ms_code' => isset( $codes[0] ) ? $codes[0] : '',
		);
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
	public function explain_send_response( Api_Response $response, string $from_email = '' ): array {
		$domain = self::domain_of( $from_email );

		if ( null === $response->transport_error() && 202 === $response->status() ) {
			return self::accepted_send( $response, $domain );
		}

		$verdict = $this->verdict_for( $response, 'send', $domain );
		if ( null === $verdict ) {
			// Any other 2xx: WP Mail SMTP treats it as a failure too.
			$verdict = Verdicts::make( 'unknown', $this->response_evidence( $response, null, true ) );
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
		$suppressed = self::suppressed( $response );
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
	 * The remote part of check_token().
	 *
	 * @param string       $token      Normalised token.
	 * @param Verdict|null $local      Local warning (legacy_token) or null.
	 * @param string       $from_email From address.
	 * @param bool         $deep       Deep check.
	 * @return Verdict|\WP_Error
	 */
	private function check_remote( string $token, ?Verdict $local, string $from_email, bool $deep ) {
		$requested = $deep;
		$deep      = $deep && '' !== self::domain_of( $from_email );

		// A deep check takes its probe slot with its check slot, atomically and before anything
		// is sent: N deep checks at once send at most the probes left, and one that the probe
		// budget cannot serve sends nothing, not even the quota call. Reading remaining()
		// first and taking the slot after the quota call let parallel checks all pass.
		$slots = $this->throttle->acquire_all( $deep ? array( Throttle::BUCKET_PROBE, Throttle::BUCKET_CHECK ) : array( Throttle::BUCKET_CHECK ) );
		if ( $slots['wait'] > 0 ) {
			return $this->throttled( $slots['bucket'], $slots['wait'] );
		}

		$probe_sent = false;
		try {
			return $this->ask_mailersend( $token, $local, $from_email, $deep, $requested, $probe_sent );
		} finally {
			if ( $deep && ! $probe_sent ) {
				// The token was refused (or the quota used up) before the probe: no probe, no slot.
				$this->throttle->give_back( Throttle::BUCKET_PROBE, $slots['at'] );
			}
		}
	}

	/**
	 * The MailerSend calls of check_remote(), once the throttle gave their slots.
	 *
	 * @param string       $token      Normalised token.
	 * @param Verdict|null $local      Local warning (legacy_token) or null.
	 * @param string       $from_email From address.
	 * @param bool         $deep       Deep check (a From address is known).
	 * @param bool         $requested  A deep check was asked for.
	 * @param bool         $probe_sent Set to true once the probe is sent (its slot is used).
	 * @return Verdict
	 */
	private function ask_mailersend( string $token, ?Verdict $local, string $from_email, bool $deep, bool $requested, bool &$probe_sent ): Verdict {
		$masked = array( 'token' => Mask::token( $token ) );
		$domain = self::domain_of( $from_email );

		// Step 2: the free quota endpoint.
		$quota      = $this->client->get_quota( $token );
		$quota_seen = $this->quota_evidence( $quota );
		$problem    = $this->verdict_for( $quota, 'quota', $domain );

		$scope_only = null !== $problem && $problem->is( 'unknown' ) && 403 === $quota->status() && in_array( self::PERMISSION_CODE, $quota->ms_codes(), true );
		if ( null !== $problem && ! ( $scope_only && $deep ) ) {
			if ( $scope_only ) {
				$problem = $problem->with_evidence( array( 'token_accepted' => true ) );
			}
			return $problem->with_evidence( $masked );
		}
		if ( null === $quota_seen && ! $scope_only ) {
			// A 2xx without the quota fields.
			return Verdicts::make( 'unknown', $this->response_evidence( $quota, null, true ) + $masked );
		}

		if ( null !== $quota_seen ) {
			$evidence = $masked + $quota_seen;
		} else {
			// 403 #MS40301 on the quota endpoint: the token is known but lacks that scope; the probe decides.
			$evidence = $masked + array(
				'endpoint'      => $quota->endpoint(),
				'quota_status'  => $quota->status(),
				'quota_ms_code' => self::PERMISSION_CODE,
			);
		}
		$evidence['token_accepted'] = true;

		if ( isset( $evidence['quota_remaining'], $evidence['quota_limit'] ) && 0 === $evidence['quota_remaining'] && $evidence['quota_limit'] > 0 ) {
			// The quota endpoint is free, but nothing else will pass today (-1 means unlimited).
			return Verdicts::make( 'quota_exhausted', $evidence );
		}

		if ( ! $deep ) {
			if ( $requested ) {
				$evidence['deep_checked'] = false;
				$evidence['deep_skipped'] = 'no_from_email';
			}
			return $this->success( $local, $evidence );
		}

		// Step 3: the `to: []` probe (counts against the daily quota; its slot was taken with the
		// check's). A probe the deadline leaves no time for is not sent: its slot is given back.
		$probe_sent = $this->client->can_start();
		$probe      = $this->client->probe_send( $token, $from_email );
		$problem    = $this->verdict_for( $probe, 'probe', $domain );

		if ( null !== $problem ) {
			if ( $problem->is( 'domain_unverified' ) ) {
				$domains = $this->verified_domains( $token );
				if ( $domains['checked'] && $domains['complete'] ) {
					$problem = Verdicts::make( 'domain_unverified', $problem->evidence() + array( 'verified_domains' => self::domain_list( $domains['names'] ) ) );
				}
			}
			$more = $masked + array( 'deep_checked' => true );
			if ( ! array_key_exists( 'token_accepted', $problem->evidence() ) ) {
				// MailerSend already accepted the token on the quota endpoint. That alone does not
				// make an `unknown` or an unreachable probe savable: Verdicts::proves_token().
				$more['token_accepted'] = true;
			}
			// Rebuilt, not with_evidence(): the text may depend on `token_accepted` (rate_limited).
			return Verdicts::make( $problem->id(), array_merge( $problem->evidence(), $more ) );
		}

		$evidence['deep_checked'] = true;
		$evidence['can_send']     = true;
		$evidence['from_domain']  = $domain;
		$evidence['probe_status'] = $probe->status();

		// Step 4: match the From domain with the verified domains (needs domains_read).
		$domains                     = $this->verified_domains( $token );
		$evidence['domains_checked'] = $domains['checked'];
		if ( ! $domains['checked'] ) {
			if ( null !== $domains['deadline'] ) {
				$evidence += self::deadline_evidence( 'domains', $domains['deadline'] );
			}
			return $this->success( $local, $evidence );
		}
		$evidence['verified_domains'] = self::domain_list( $domains['names'] );

		$match = self::match_domain( $domain, array_keys( $domains['names'] ) );
		if ( null !== $match ) {
			$evidence['matched_domain'] = $match;
			if ( true === $domains['names'][ $match ] ) {
				return Verdicts::make( 'send_paused', array_merge( $evidence, array( 'endpoint' => 'GET /v1/domains' ) ) );
			}
			return $this->success( $local, $evidence );
		}

		if ( $domains['complete'] ) {
			$evidence['can_send'] = false;
			return Verdicts::make( 'domain_unverified', array_merge( $evidence, array( 'endpoint' => 'GET /v1/domains' ) ) );
		}
		return $this->success( $local, $evidence );
	}

	/**
	 * `valid`, or the accepted `legacy_token` warning.
	 *
	 * @param Verdict|null $local    Local warning.
	 * @param array<mixed> $evidence Evidence.
	 * @return Verdict
	 */
	private function success( ?Verdict $local, array $evidence ): Verdict {
		$id = null !== $local && $local->is( 'legacy_token' ) ? 'legacy_token' : 'valid';
		return Verdicts::make( $id, $evidence );
	}

	/**
	 * The verdict for an answer in a context, or null when the answer shows no problem.
	 *
	 * @param Api_Response $response Answer.
	 * @param string       $context  quota|probe|domains|send.
	 * @param string       $domain   From domain, for the evidence of domain_unverified.
	 * @return Verdict|null
	 */
	private function verdict_for( Api_Response $response, string $context, string $domain ): ?Verdict {
		$error = $response->transport_error();
		if ( null !== $error ) {
			return $this->transport_verdict( $response, $error, $context );
		}

		$found = self::classify( $response->ms_codes(), $response->status(), $context, array_keys( $response->errors() ) );
		if ( null === $found ) {
			return null;
		}

		$evidence = $this->response_evidence( $response, $found['ms_code'], 'unknown' === $found['id'] );
		if ( 'domain_unverified' === $found['id'] || 'send_paused' === $found['id'] ) {
			$evidence['from_domain'] = '' !== $domain ? $domain : null;
		}
		if ( 'domain_unverified' === $found['id'] && 'probe' === $context ) {
			$evidence['can_send'] = false;
		}
		return Verdicts::make( $found['id'], $evidence + Verdicts::accepted_evidence( $found['id'] ) );
	}

	/**
	 * The one classification of MailerSend answers: by `#MS` code first, then by HTTP status.
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
		foreach ( $codes as $code ) {
			if ( in_array( $code, self::ACCOUNT_CODES, true ) ) {
				return self::found( 'account_blocked', $code );
			}
		}
		if ( in_array( self::PERMISSION_CODE, $codes, true ) ) {
			// On the quota and domain endpoints this is only a missing scope, never "cannot send".
			return in_array( $context, array( 'quota', 'domains' ), true )
				? self::found( 'unknown', self::PERMISSION_CODE )
				: self::found( 'missing_permission', self::PERMISSION_CODE );
		}
		if ( in_array( self::DOMAIN_CODE, $codes, true ) ) {
			return self::found( 'domain_unverified', self::DOMAIN_CODE );
		}
		foreach ( $codes as $code ) {
			if ( in_array( $code, self::TRIAL_CODES, true ) ) {
				return self::found( 'trial_limit', $code );
			}
		}
		if ( in_array( self::QUOTA_CODE, $codes, true ) ) {
			return self::found( 'quota_exhausted', self::QUOTA_CODE );
		}
		if ( in_array( self::RATE_CODE, $codes, true ) ) {
			return self::found( 'rate_limited', self::RATE_CODE );
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
	 * @return Verdict
	 */
	private function transport_verdict( Api_Response $response, \WP_Error $error, string $context ): Verdict {
		$code     = (string) $error->get_error_code();
		$message  = $error->get_error_message();
		$evidence = array(
			'http_status' => null,
			'ms_code'     => null,
			'endpoint'    => $response->endpoint(),
			'error_code'  => $code,
			'message'     => self::truncate( $message ),
		);
		$step     = isset( self::STEPS[ $context ] ) ? self::STEPS[ $context ] : $context;
		$deadline = $response->deadline();

		if ( ! $response->was_sent() && null !== $deadline ) {
			$evidence['message'] = null;
			return Verdicts::make( 'network_error', $evidence + self::deadline_evidence( $step, $deadline ) );
		}

		if ( 'http_request_not_executed' === $code || $this->site_blocks_mailersend() ) {
			return Verdicts::make( 'blocked_by_site', $evidence );
		}

		$evidence['reason']  = 1 === preg_match( '/cURL error (\d+)/', $message, $curl ) ? self::curl_reason( (int) $curl[1] ) : 'other';
		$timeout             = null !== $response->timeout() ? $response->timeout() : $this->client->timeout();
		$evidence['timeout'] = Deadline::round_seconds( $timeout );
		if ( null !== $deadline && self::ran_out_of_time( $response ) ) {
			$evidence = array_merge( $evidence, self::deadline_evidence( $step, $deadline ) );
		}
		return Verdicts::make( 'network_error', $evidence );
	}

	/**
	 * Evidence of a step the action's deadline stopped.
	 *
	 * @param string $step     quota|send_probe|domains|test_email.
	 * @param float  $deadline The deadline, in seconds.
	 * @return array{reason: string, step: string, deadline: int|float}
	 */
	private static function deadline_evidence( string $step, float $deadline ): array {
		return array(
			'reason'   => 'deadline',
			'step'     => $step,
			'deadline' => Deadline::round_seconds( $deadline ),
		);
	}

	/**
	 * Whether WordPress's own HTTP block refuses MailerSend's API host.
	 *
	 * @return bool
	 */
	private function site_blocks_mailersend(): bool {
		if ( ! class_exists( '\WP_Http' ) ) {
			return false;
		}
		return ( new \WP_Http() )->block_request( Client::DEFAULT_BASE_URL . '/email' );
	}

	/**
	 * A short word for a cURL error number (numbers, not English text).
	 *
	 * @param int $number cURL error number.
	 * @return string timeout|dns|refused|reset|tls|other
	 */
	private static function curl_reason( int $number ): string {
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
	 * Evidence of an answer: status, code, message, endpoint, retry-after, quota headers.
	 *
	 * @param Api_Response $response Answer.
	 * @param string|null  $ms_code  The code that decided (else the first one found).
	 * @param bool         $raw      Include the raw body (for `unknown`).
	 * @return array<string, string|int|float|bool|null>
	 */
	private function response_evidence( Api_Response $response, ?string $ms_code, bool $raw ): array {
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
	private function quota_evidence( Api_Response $response ): ?array {
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
	 * Reads every page of verified domains (up to MAX_DOMAIN_PAGES).
	 *
	 * A 403 #MS40301 only means "no domains_read scope"; that and any other failure give
	 * `checked` false: no conclusion is drawn.
	 *
	 * @param string $token Token.
	 * @return array{checked: bool, complete: bool, names: array<string, bool>, deadline: float|null}
	 *         names: domain => sending paused; deadline: the deadline's budget when it stopped a page.
	 */
	private function verified_domains( string $token ): array {
		$names    = array();
		$checked  = true;
		$complete = false;
		$deadline = null;
		for ( $page = 1; $page <= self::MAX_DOMAIN_PAGES && ! $complete; $page++ ) {
			$response = $this->client->list_verified_domains( $token, $page );
			$read     = self::domain_page( $response, $page );
			if ( null === $read ) {
				$checked  = false;
				$deadline = self::ran_out_of_time( $response ) ? $response->deadline() : null;
				break;
			}
			$names   += $read['names'];
			$complete = $read['last'];
		}
		return array(
			'checked'  => $checked,
			'complete' => $checked && $complete,
			'names'    => $names,
			'deadline' => $deadline,
		);
	}

	/**
	 * Whether the action's deadline stopped a request: it was not sent, or its shortened
	 * timeout ran out (cURL error 28).
	 *
	 * @param Api_Response $response Answer.
	 * @return bool
	 */
	private static function ran_out_of_time( Api_Response $response ): bool {
		if ( null === $response->deadline() ) {
			return false;
		}
		$error = $response->transport_error();
		return ! $response->was_sent() || ( null !== $error && 1 === preg_match( '/cURL error 28\b/', $error->get_error_message() ) );
	}

	/**
	 * One page of `GET /v1/domains`.
	 *
	 * @param Api_Response $response Answer.
	 * @param int          $page     Page number.
	 * @return array{names: array<string, bool>, last: bool}|null Null when the page is not a domain list.
	 */
	private static function domain_page( Api_Response $response, int $page ): ?array {
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
	 * The verified domain that covers the From domain (equal, or a parent), most specific first.
	 *
	 * @param string   $domain   From domain.
	 * @param string[] $verified Verified domain names.
	 * @return string|null
	 */
	private static function match_domain( string $domain, array $verified ): ?string {
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
	private static function domain_list( array $names ): string {
		$list = array_keys( $names );
		$more = count( $list ) - 20;
		$text = implode( ', ', array_slice( $list, 0, 20 ) );
		return $more > 0 ? $text . ', … (+' . $more . ')' : $text;
	}

	/**
	 * Suppression warning of a 202, or null.
	 *
	 * @param Api_Response $response Answer.
	 * @return array<string, string|int>|null
	 */
	private static function suppressed( Api_Response $response ): ?array {
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
	private static function retry_after( Api_Response $response ): ?int {
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
	private static function iso_time( string $value ): ?string {
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
	private static function domain_of( string $email ): string {
		$email = trim( $email );
		$at    = strrpos( $email, '@' );
		if ( false === $at || ! is_email( $email ) ) {
			return '';
		}
		return strtolower( substr( $email, $at + 1 ) );
	}

	/**
	 * Throttled error.
	 *
	 * @param string $bucket Bucket.
	 * @param int    $wait   Seconds to wait.
	 * @return \WP_Error
	 */
	private function throttled( string $bucket, int $wait ): \WP_Error {
		$wait = max( 1, $wait );
		return new \WP_Error(
			'fix_mailersend_throttled',
			sprintf(
				/* translators: %s: number of seconds. */
				_n( 'Too many checks in a short time. Try again in %s second.', 'Too many checks in a short time. Try again in %s seconds.', $wait, 'fix-mailersend' ),
				number_format_i18n( $wait )
			),
			array(
				'status'      => 429,
				'retry_after' => $wait,
				'bucket'      => $bucket,
			)
		);
	}

	/**
	 * Truncates a text for evidence.
	 *
	 * @param string $text Text.
	 * @return string
	 */
	private static function truncate( string $text ): string {
		if ( strlen( $text ) <= Api_Response::RAW_BODY_LIMIT ) {
			return $text;
		}
		return ( function_exists( 'mb_strcut' ) ? mb_strcut( $text, 0, Api_Response::RAW_BODY_LIMIT, 'UTF-8' ) : substr( $text, 0, Api_Response::RAW_BODY_LIMIT ) ) . '…';
	}
}
