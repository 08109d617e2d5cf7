<?php
/**
 * What is wrong now: the one rule behind the headline, the admin notice, Site Health and the CLI.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Diagnosis;

use FixMailerSend\Storage\Failure_Log;
use FixMailerSend\Support\Token;
use FixMailerSend\WpMailSmtp\Adapter;

defined( 'ABSPATH' ) || exit;

/**
 * Decides, from stored facts only (never calling MailerSend), what is wrong now. GET /status's
 * headline (the screen and `wp fix-mailersend status`) is its `headline`; the admin notice and
 * Site Health show its `problem`. Watch\Watch_Status gathers the facts.
 *
 * 1. WP Mail SMTP missing or inactive, or another mailer: that state of the site
 *    (`wp_mail_smtp_missing`, `wp_mail_smtp_inactive`, `mailer_not_mailersend`); no problem
 *    to watch.
 * 2. No token: `missing`.
 * 3. The findings about the token in use, oldest first: WP Mail SMTP's last failure while it
 *    stands (Failure_Log::stands()), the last check and the daily check's last conclusive one.
 *    A check at least as new as the failure comes after it (Failure_Log::yields_to_check():
 *    on a tie the check wins). Each finding replaces the one before, except a lasting problem
 *    (Verdicts::is_lasting(): a failure or a bad check that repeats until someone acts), which
 *    only a bad check replaces, or a good check that can tell it is gone (the failure's record
 *    `cleared_by`: any check, a deep check, or none but a send). An inconclusive check or a
 *    one-off failure leaves a lasting problem standing.
 * 4. The headline is the finding left; without one, the local format check of the token, else
 *    `not_checked`. WP Mail SMTP older than 4.5.0 replaces a success/info headline with
 *    `wp_mail_smtp_too_old`.
 * 5. The problem is the finding left when it is a lasting one (kind `failure` or `check`),
 *    else the expiry reminder (`expiry_soon`, `expired`) when there is one.
 */
final class Now {

	/**
	 * Decides.
	 *
	 * @param array<string, mixed> $facts {state, version, mailer, token: Token, failure: ?array{at: ?string, resolved: bool, current_token: ?bool, verdict: Verdict, key?: string}, check: ?array{at: string, current: bool, verdict: Verdict}, memory: ?array{at: string, status: string, verdict: Verdict}, expiry: ?array}.
	 * @return array{headline: Verdict, problem: array{kind: string, key: string, at: string|null, verdict: Verdict|null, date: string|null, days: int|null}|null}
	 */
	public static function decide( array $facts ): array {
		$state   = (string) ( $facts['state'] ?? 'missing' );
		$version = isset( $facts['version'] ) && is_string( $facts['version'] ) && '' !== $facts['version'] ? $facts['version'] : null;
		$mailer  = isset( $facts['mailer'] ) && is_string( $facts['mailer'] ) ? $facts['mailer'] : 'mail';

		if ( 'missing' === $state ) {
			return self::answer( Verdicts::make( 'wp_mail_smtp_missing', array( 'wp_mail_smtp_state' => 'missing' ) ), null );
		}
		if ( 'inactive' === $state ) {
			return self::answer( Verdicts::make( 'wp_mail_smtp_inactive', self::site_evidence( 'inactive', $version ) ), null );
		}
		if ( Adapter::MAILER !== $mailer ) {
			return self::answer( Verdicts::make( 'mailer_not_mailersend', array( 'mailer' => $mailer ) ), null );
		}

		$token   = isset( $facts['token'] ) && $facts['token'] instanceof Token ? $facts['token'] : Token::none();
		$finding = self::last_finding( $facts );
		$problem = null !== $finding && 'bad' === $finding['status'] ? self::problem_of( $finding ) : null;
		if ( null === $problem && isset( $facts['expiry'] ) && is_array( $facts['expiry'] ) ) {
			/**
			 * Watch_Status::expiry_problem()'s shape.
			 *
			 * @var array{kind: string, key: string, at: string|null, verdict: Verdict|null, date: string|null, days: int|null} $expiry
			 */
			$expiry  = $facts['expiry'];
			$problem = $expiry;
		}

		if ( $token->is_empty() ) {
			$headline = Verdicts::make( 'missing', array( 'token' => null ) );
		} elseif ( null !== $finding ) {
			$headline = $finding['verdict'];
		} else {
			$local    = Token_Inspector::inspect( $token );
			$headline = null !== $local ? $local : Verdicts::make( 'not_checked' );
		}

		if ( 'too_old' === $state && in_array( $headline->severity(), array( 'success', 'info' ), true ) ) {
			$headline = Verdicts::make( 'wp_mail_smtp_too_old', self::site_evidence( 'too_old', $version ) );
		}
		return self::answer( $headline, $problem );
	}

	/**
	 * Step 3: the finding left after the findings replaced one another, oldest first.
	 *
	 * @param array<string, mixed> $facts Facts.
	 * @return array{source: string, at: string|null, verdict: Verdict, status: string|null, key: string}|null
	 */
	private static function last_finding( array $facts ): ?array {
		$left = null;
		foreach ( self::findings( $facts ) as $finding ) {
			if ( null === $left || self::replaces( $finding, $left ) ) {
				$left = $finding;
			}
		}
		return $left;
	}

	/**
	 * The findings, oldest first: the checks by time (the last check after the daily check's
	 * memory of the same moment), the standing failure before the first check it yields to.
	 *
	 * @param array<string, mixed> $facts Facts.
	 * @return array<int, array{source: string, at: string|null, verdict: Verdict, status: string|null, key: string}>
	 */
	private static function findings( array $facts ): array {
		$checks = array();
		$memory = isset( $facts['memory'] ) && is_array( $facts['memory'] ) ? $facts['memory'] : null;
		if ( null !== $memory && $memory['verdict'] instanceof Verdict ) {
			$checks[] = self::check_finding( (string) $memory['at'], $memory['verdict'], in_array( $memory['status'], array( 'good', 'bad' ), true ) ? (string) $memory['status'] : null );
		}
		$check = isset( $facts['check'] ) && is_array( $facts['check'] ) && ! empty( $facts['check']['current'] ) ? $facts['check'] : null;
		if ( null !== $check && $check['verdict'] instanceof Verdict ) {
			$last = self::check_finding( (string) $check['at'], $check['verdict'], self::status_of( $check['verdict'] ) );
			if ( isset( $checks[0] ) && self::time( $checks[0]['at'] ) > self::time( $last['at'] ) ) {
				array_unshift( $checks, $last );
			} else {
				$checks[] = $last;
			}
		}

		$failure = isset( $facts['failure'] ) && is_array( $facts['failure'] ) ? $facts['failure'] : null;
		if ( null === $failure || ! ( $failure['verdict'] ?? null ) instanceof Verdict || ! Failure_Log::stands( $failure ) ) {
			return $checks;
		}
		$at    = is_string( $failure['at'] ?? null ) ? $failure['at'] : null;
		$entry = array(
			'source'  => 'failure',
			'at'      => $at,
			'verdict' => $failure['verdict'],
			'status'  => Verdicts::is_lasting( $failure['verdict'] ) ? 'bad' : null,
			'key'     => isset( $failure['key'] ) && is_string( $failure['key'] ) ? $failure['key'] : 'failure@' . (string) $at,
		);
		$place = count( $checks );
		foreach ( $checks as $index => $found ) {
			if ( Failure_Log::yields_to_check( $at, (string) $found['at'] ) ) {
				$place = $index;
				break;
			}
		}
		array_splice( $checks, $place, 0, array( $entry ) );
		return $checks;
	}

	/**
	 * Whether a newer finding replaces the one left so far: always, unless that one is a
	 * lasting problem, which a bad check replaces, and a good check that can tell it is gone.
	 *
	 * @param array{source: string, at: string|null, verdict: Verdict, status: string|null, key: string} $newer The newer finding.
	 * @param array{source: string, at: string|null, verdict: Verdict, status: string|null, key: string} $older The one left so far.
	 * @return bool
	 */
	private static function replaces( array $newer, array $older ): bool {
		if ( 'bad' !== $older['status'] || 'bad' === $newer['status'] ) {
			return true;
		}
		if ( 'good' !== $newer['status'] ) {
			return false;
		}
		return 'check' === $older['source'] || self::disproves( $newer['verdict'], $older['verdict'] );
	}

	/**
	 * Whether a good check disproves a failure (the failure's record `cleared_by`): a check of
	 * the quota endpoint says nothing about sending permissions or the From domain, which a
	 * deep check (the send probe and the domain list) does; nothing but a send disproves a
	 * trial limit.
	 *
	 * @param Verdict $good    The good check.
	 * @param Verdict $failure The failure's verdict.
	 * @return bool
	 */
	public static function disproves( Verdict $good, Verdict $failure ): bool {
		switch ( Verdicts::cleared_by( $failure ) ) {
			case 'check':
				return true;
			case 'deep_check':
				return true === $good->evidence_value( 'deep_checked' );
			default:
				return false;
		}
	}

	/**
	 * `good` (Verdicts::accepted_by_quota_check()), `bad` (Verdicts::is_lasting()), or null
	 * (inconclusive: MailerSend busy or unreachable, …).
	 *
	 * @param Verdict $verdict Verdict.
	 * @return string|null
	 */
	public static function status_of( Verdict $verdict ): ?string {
		if ( Verdicts::accepted_by_quota_check( $verdict ) ) {
			return 'good';
		}
		return Verdicts::is_lasting( $verdict ) ? 'bad' : null;
	}

	/**
	 * A check as a finding.
	 *
	 * @param string      $at      When.
	 * @param Verdict     $verdict Its verdict.
	 * @param string|null $status  good | bad | null.
	 * @return array{source: string, at: string|null, verdict: Verdict, status: string|null, key: string}
	 */
	private static function check_finding( string $at, Verdict $verdict, ?string $status ): array {
		return array(
			'source'  => 'check',
			'at'      => $at,
			'verdict' => $verdict,
			'status'  => $status,
			'key'     => 'check@' . $at,
		);
	}

	/**
	 * A lasting finding as the problem the notice and Site Health show.
	 *
	 * @param array{source: string, at: string|null, verdict: Verdict, status: string|null, key: string} $finding The finding.
	 * @return array{kind: string, key: string, at: string|null, verdict: Verdict|null, date: string|null, days: int|null}
	 */
	private static function problem_of( array $finding ): array {
		return array(
			'kind'    => $finding['source'],
			'key'     => $finding['key'],
			'at'      => $finding['at'],
			'verdict' => $finding['verdict'],
			'date'    => null,
			'days'    => null,
		);
	}

	/**
	 * Evidence of a state of WP Mail SMTP.
	 *
	 * @param string      $state   inactive | too_old.
	 * @param string|null $version Its version.
	 * @return array<string, string|null>
	 */
	private static function site_evidence( string $state, ?string $version ): array {
		return array(
			'wp_mail_smtp_state'   => $state,
			'wp_mail_smtp_version' => $version,
		);
	}

	/**
	 * A Unix time (0 when unreadable).
	 *
	 * @param string|null $at ISO 8601.
	 * @return int
	 */
	private static function time( ?string $at ): int {
		$time = null !== $at ? strtotime( $at ) : false;
		return false === $time ? 0 : $time;
	}

	/**
	 * Shapes the answer.
	 *
	 * @param Verdict    $headline The headline.
	 * @param array|null $problem  The problem.
	 * @return array{headline: Verdict, problem: array{kind: string, key: string, at: string|null, verdict: Verdict|null, date: string|null, days: int|null}|null}
	 *
	 * @phpstan-param array{kind: string, key: string, at: string|null, verdict: Verdict|null, date: string|null, days: int|null}|null $problem
	 */
	private static function answer( Verdict $headline, ?array $problem ): array {
		return array(
			'headline' => $headline,
			'problem'  => $problem,
		);
	}
}
