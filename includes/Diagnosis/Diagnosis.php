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
use FixMailerSend\Support\Token;
use FixMailerSend\Support\Throttle;
use FixMailerSend\WpMailSmtp\Adapter;

defined( 'ABSPATH' ) || exit;

/**
 * The diagnosis: runs a token check (the throttle, the deadline, the MailerSend calls in
 * order) and answers for WP Mail SMTP's last failure and test-email answers. Classifying
 * MailerSend's answers is Answer_Classifier's job, reading them into evidence
 * Response_Reader's: dependencies run Diagnosis → Answer_Classifier → Response_Reader.
 */
class Diagnosis {

	/**
	 * Most pages of verified domains read in one check (100 domains each).
	 */
	const MAX_DOMAIN_PAGES = 5;

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
	 * @param Token         $given      The token (normalised where it entered).
	 * @param string        $from_email The From address the site sends with (for the deep check).
	 * @param bool          $deep       Also probe sending and the From domain.
	 * @param Deadline|null $deadline   The action's deadline (null: a new one, Deadline::start()).
	 * @return Verdict|\WP_Error A verdict, or a WP_Error `fix_mailersend_throttled` with
	 *                           data `{ status: 429, retry_after: int, bucket: string }` when the
	 *                           per-site throttle refuses the call (nothing was sent).
	 */
	public function check_token( Token $given, string $from_email = '', bool $deep = false, ?Deadline $deadline = null ) {
		$token = $given->value();

		// From now on every text of this request masks it by value, whatever its shape (a
		// MailerSend or proxy answer may quote it): Verdict's evidence, failure texts, output.
		$given->remember_for_masking();

		$local = Token_Inspector::inspect( $given );
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
	 * Explains WP Mail SMTP's last failed send (Answer_Classifier::explain_failure()).
	 *
	 * @param string $message     WP Mail SMTP's error text (MailerSend's message).
	 * @param string $ms_code     MailerSend code ("MS42207" or "#MS42207"), an errors key or the status.
	 * @param int    $http_status HTTP status, 0 when unknown or a transport error.
	 * @return Verdict
	 */
	public function explain_failure( string $message, string $ms_code = '', int $http_status = 0 ): Verdict {
		return Answer_Classifier::explain_failure( $message, $ms_code, $http_status );
	}

	/**
	 * Splits WP Mail SMTP's `Debug::get_last()` text (Adapter::parse_debug_text()).
	 *
	 * @param string $text Debug text.
	 * @return array{message: string, ms_code: string}
	 */
	public static function parse_debug_text( string $text ): array {
		return Adapter::parse_debug_text( $text );
	}

	/**
	 * Explains MailerSend's answer to a real send (Answer_Classifier::explain_send_response()).
	 *
	 * @param Api_Response $response   The answer to `POST /v1/email`.
	 * @param string       $from_email The From address used (optional, for the text).
	 * @return array{accepted: true, message_id: string|null, warnings: Verdict[]}|array{accepted: false, verdict: Verdict}
	 */
	public function explain_send_response( Api_Response $response, string $from_email = '' ): array {
		return Answer_Classifier::explain_send_response( $response, $from_email );
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
		$deep      = $deep && '' !== Response_Reader::domain_of( $from_email );

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
		$domain = Response_Reader::domain_of( $from_email );

		// Step 2: the free quota endpoint.
		$quota      = $this->client->get_quota( $token );
		$quota_seen = Response_Reader::quota_evidence( $quota );
		$problem    = Answer_Classifier::verdict_for( $quota, 'quota', $domain, $this->client->timeout() );

		$scope_only = null !== $problem && $problem->is( 'unknown' ) && 403 === $quota->status() && in_array( Answer_Classifier::PERMISSION_CODE, $quota->ms_codes(), true );
		if ( null !== $problem && ! ( $scope_only && $deep ) ) {
			if ( $scope_only ) {
				$problem = $problem->with_evidence( array( 'token_accepted' => true ) );
			}
			return $problem->with_evidence( $masked );
		}
		if ( null === $quota_seen && ! $scope_only ) {
			// A 2xx without the quota fields.
			return Verdicts::make( 'unknown', Response_Reader::response_evidence( $quota, null, true ) + $masked );
		}

		if ( null !== $quota_seen ) {
			$evidence = $masked + $quota_seen;
		} else {
			// 403 #MS40301 on the quota endpoint: the token is known but lacks that scope; the probe decides.
			$evidence = $masked + array(
				'endpoint'      => $quota->endpoint(),
				'quota_status'  => $quota->status(),
				'quota_ms_code' => Answer_Classifier::PERMISSION_CODE,
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
		$problem    = Answer_Classifier::verdict_for( $probe, 'probe', $domain, $this->client->timeout() );

		if ( null !== $problem ) {
			if ( $problem->is( 'domain_unverified' ) ) {
				$domains = $this->verified_domains( $token );
				if ( $domains['checked'] && $domains['complete'] ) {
					$problem = Verdicts::make( 'domain_unverified', $problem->evidence() + array( 'verified_domains' => Response_Reader::domain_list( $domains['names'] ) ) );
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
				$evidence += Response_Reader::deadline_evidence( 'domains', $domains['deadline'] );
			}
			return $this->success( $local, $evidence );
		}
		$evidence['verified_domains'] = Response_Reader::domain_list( $domains['names'] );

		$match = Response_Reader::match_domain( $domain, array_keys( $domains['names'] ) );
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
			$read     = Response_Reader::domain_page( $response, $page );
			if ( null === $read ) {
				$checked  = false;
				$deadline = Response_Reader::ran_out_of_time( $response ) ? $response->deadline() : null;
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

}
