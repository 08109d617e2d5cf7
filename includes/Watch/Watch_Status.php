<?php
/**
 * What "keeping watch" knows, from stored results only.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Watch;

use FixMailerSend\Diagnosis\Diagnosis;
use FixMailerSend\Diagnosis\Now;
use FixMailerSend\Diagnosis\Verdict;
use FixMailerSend\Diagnosis\Verdicts;
use FixMailerSend\Storage\Audit_Trail;
use FixMailerSend\Storage\Check_Log;
use FixMailerSend\Storage\Failure_Log;
use FixMailerSend\Storage\Token_Expiry;
use FixMailerSend\Support\Mask;
use FixMailerSend\WpMailSmtp\Adapter;

defined( 'ABSPATH' ) || exit;

/**
 * Reads WP Mail SMTP's last MailerSend failure, the last checks and the token's expiry date
 * (facts()), and asks the one rule of what is wrong now (Diagnosis\Now) for GET /status's
 * headline, the CLI, the admin notice and the Site Health test. Never calls MailerSend;
 * reads small non-autoloaded options only.
 *
 * A problem (decision()'s `problem`) is one of:
 * - `failure`: WP Mail SMTP's last MailerSend send failed for a persistent reason (see
 *   Verdicts::is_lasting()), with the token in use, no email went out since, and no later check proved
 *   the reason gone;
 * - `check`: the newest conclusive check of the token in use (daily or "Re-check") is bad;
 * - `expiry_soon` / `expired`: the expiry date the user gave for the saved token is at most
 *   REMIND_DAYS away / has passed (and no check since that date proved the token still works).
 */
final class Watch_Status {

	/**
	 * Days before the expiry date from which the reminder shows.
	 */
	const REMIND_DAYS = 7;

	/**
	 * Age, in days, after which a good check no longer counts as current (the daily check is
	 * then probably not running).
	 */
	const STALE_DAYS = 7;

	/**
	 * Seconds in a day.
	 */
	const DAY = 86400;

	/**
	 * WP Mail SMTP adapter.
	 *
	 * @var Adapter
	 */
	private $adapter;

	/**
	 * The diagnosis (only explain_failure(), which makes no request).
	 *
	 * @var Diagnosis
	 */
	private $diagnosis;

	/**
	 * Last check of the saved token.
	 *
	 * @var Check_Log
	 */
	private $checks;

	/**
	 * The daily check's memory.
	 *
	 * @var Watch_Log
	 */
	private $log;

	/**
	 * Expiry date of the saved token.
	 *
	 * @var Token_Expiry
	 */
	private $expiry;

	/**
	 * Token changes (to tell whether the expiry date is about the token in use).
	 *
	 * @var Audit_Trail
	 */
	private $audit;

	/**
	 * Current Unix time.
	 *
	 * @var callable(): int
	 */
	private $clock;

	/**
	 * Creates the status.
	 *
	 * @param Adapter                $adapter   WP Mail SMTP adapter.
	 * @param Diagnosis              $diagnosis The diagnosis.
	 * @param Check_Log              $checks    Last check.
	 * @param Watch_Log              $log       The daily check's memory.
	 * @param Token_Expiry           $expiry    Token expiry.
	 * @param Audit_Trail            $audit     Token changes.
	 * @param (callable(): int)|null $clock     Current Unix time (tests); defaults to time().
	 */
	public function __construct( Adapter $adapter, Diagnosis $diagnosis, Check_Log $checks, Watch_Log $log, Token_Expiry $expiry, Audit_Trail $audit, ?callable $clock = null ) {
		$this->adapter   = $adapter;
		$this->diagnosis = $diagnosis;
		$this->checks    = $checks;
		$this->log       = $log;
		$this->expiry    = $expiry;
		$this->audit     = $audit;
		$this->clock     = null !== $clock ? $clock : 'time';
	}

	/**
	 * The WP Mail SMTP adapter.
	 *
	 * @return Adapter
	 */
	public function adapter(): Adapter {
		return $this->adapter;
	}

	/**
	 * Whether watching makes sense: WP Mail SMTP runs and sends through MailerSend.
	 *
	 * @return bool
	 */
	public function applies(): bool {
		return $this->adapter->is_loaded() && $this->adapter->is_mailersend();
	}

	/**
	 * `good`, `bad`, or null (inconclusive: MailerSend busy or unreachable, …): Now::status_of().
	 *
	 * @param Verdict $verdict Verdict.
	 * @return string|null
	 */
	public static function status_of( Verdict $verdict ): ?string {
		return Now::status_of( $verdict );
	}

	/**
	 * What is wrong now (Diagnosis\Now, the one rule): the headline GET /status and the CLI
	 * lead with, and the problem the admin notice and Site Health show.
	 *
	 * @return array{headline: Verdict, problem: array{kind: string, key: string, at: string|null, verdict: Verdict|null, date: string|null, days: int|null}|null}
	 */
	public function decision(): array {
		return Now::decide( $this->facts() );
	}

	/**
	 * The one problem the admin notice and Site Health show (decision()'s `problem`); null when
	 * there is nothing to say or watching does not apply (the rule's answer then, found
	 * without reading the installed plugins).
	 *
	 * @return array{kind: string, key: string, at: string|null, verdict: Verdict|null, date: string|null, days: int|null}|null
	 */
	public function problem(): ?array {
		if ( ! $this->applies() ) {
			return null;
		}
		return $this->decision()['problem'];
	}

	/**
	 * What the rule decides from (Now::decide()): WP Mail SMTP's state and mailer, the token in
	 * use, WP Mail SMTP's last MailerSend failure with its verdict, the last check (`current`:
	 * about the token in use), the daily check's last conclusive check of the token in use,
	 * and the expiry reminder.
	 *
	 * @return array{state: string, version: string|null, mailer: string|null, token: \FixMailerSend\Support\Token, token_source: string, failure: array<string, mixed>|null, check: array{at: string, current: bool, verdict: Verdict}|null, memory: array{at: string, status: string, verdict: Verdict}|null, expiry: array{kind: string, key: string, at: string|null, verdict: Verdict|null, date: string|null, days: int|null}|null}
	 */
	public function facts(): array {
		$fingerprint = $this->adapter->token_fingerprint();

		$failure = $this->adapter->last_failure();
		if ( null !== $failure ) {
			$failure['verdict'] = $this->diagnosis->explain_failure( $failure['message'], (string) $failure['ms_code'], (int) $failure['http_status'] );
			// WP Mail SMTP's own log has no time: the text tells one failure from another.
			$failure['key'] = 'failure@' . ( null !== $failure['at'] ? $failure['at'] : 'debug-' . substr( md5( (string) $failure['debug_text'] ), 0, 12 ) );
		}

		$check = $this->checks->get();
		if ( null !== $check ) {
			$check = array(
				'at'      => $check['at'],
				'current' => '' !== $check['fingerprint'] && $check['fingerprint'] === $fingerprint,
				'verdict' => $check['verdict'],
			);
		}

		$memory = $this->log->conclusive();
		if ( null !== $memory ) {
			$memory = '' !== $fingerprint && $memory['fingerprint'] === $fingerprint
				? array(
					'at'      => $memory['at'],
					'status'  => $memory['status'],
					'verdict' => $memory['verdict'],
				)
				: null;
		}

		return array(
			'state'        => $this->adapter->state(),
			'version'      => $this->adapter->version(),
			'mailer'       => $this->adapter->mailer(),
			'token'        => $this->adapter->current_token(),
			'token_source' => $this->adapter->token_source(),
			'failure'      => $failure,
			'check'        => $check,
			'memory'       => $memory,
			'expiry'       => $this->expiry_problem(),
		);
	}

	/**
	 * The expiry reminder: from REMIND_DAYS before the date the user gave for the saved token
	 * (`expiry_soon`), and after it (`expired`) until a check proves the token still works.
	 *
	 * @return array{kind: string, key: string, at: string|null, verdict: Verdict|null, date: string|null, days: int|null}|null
	 */
	public function expiry_problem(): ?array {
		$date = $this->expiry_date();
		if ( null === $date ) {
			return null;
		}
		$days = $this->days_until( $date );
		if ( null === $days || $days > self::REMIND_DAYS ) {
			return null;
		}
		if ( $days >= 0 ) {
			return array(
				'kind'    => 'expiry_soon',
				'key'     => 'expiry_soon@' . $date,
				'at'      => null,
				'verdict' => null,
				'date'    => $date,
				'days'    => $days,
			);
		}

		$check = $this->conclusive_check();
		if ( null !== $check && 'good' === $check['status'] ) {
			$checked_on = strtotime( $check['at'] );
			if ( false !== $checked_on && wp_date( 'Y-m-d', $checked_on ) > $date ) {
				// Checked after the date and it worked: the date given was not the real one.
				return null;
			}
		}
		return array(
			'kind'    => 'expired',
			'key'     => 'expired@' . $date,
			'at'      => null,
			'verdict' => null,
			'date'    => $date,
			'days'    => $days,
		);
	}

	/**
	 * The expiry date the user gave for the token in use (YYYY-MM-DD), or null: none given,
	 * the token comes from a constant, or it was changed elsewhere since (WP Mail SMTP's own
	 * screen), which makes the date about another token.
	 *
	 * @return string|null
	 */
	public function expiry_date(): ?string {
		if ( 'database' !== $this->adapter->token_source() ) {
			return null;
		}
		$date = $this->expiry->get();
		if ( null === $date ) {
			return null;
		}
		$latest = $this->audit->latest();
		if ( null !== $latest && isset( $latest['after'] ) && is_string( $latest['after'] ) && Mask::token( $this->adapter->token() ) !== $latest['after'] ) {
			return null;
		}
		return $date;
	}

	/**
	 * Whole days from today (site time zone) to a date; negative once it has passed.
	 *
	 * @param string $date YYYY-MM-DD.
	 * @return int|null Null for an unreadable date.
	 */
	public function days_until( string $date ): ?int {
		$utc    = new \DateTimeZone( 'UTC' );
		$target = \DateTimeImmutable::createFromFormat( '!Y-m-d', $date, $utc );
		$today  = \DateTimeImmutable::createFromFormat( '!Y-m-d', (string) wp_date( 'Y-m-d', $this->now() ), $utc );
		if ( false === $target || false === $today ) {
			return null;
		}
		return (int) round( ( $target->getTimestamp() - $today->getTimestamp() ) / self::DAY );
	}

	/**
	 * The newest conclusive (good or bad) check of the token in use: the last check (daily or
	 * "Re-check") when it was conclusive, or what the daily check remembers, whichever is newer.
	 *
	 * @return array{status: string, verdict: Verdict, at: string}|null
	 */
	public function conclusive_check(): ?array {
		$fingerprint = $this->adapter->token_fingerprint();
		if ( '' === $fingerprint ) {
			return null;
		}
		$found = null;

		$check = $this->checks->get();
		if ( null !== $check && $check['fingerprint'] === $fingerprint ) {
			$status = self::status_of( $check['verdict'] );
			if ( null !== $status ) {
				$found = array(
					'status'  => $status,
					'verdict' => $check['verdict'],
					'at'      => $check['at'],
				);
			}
		}

		$memory = $this->log->conclusive();
		if ( null !== $memory && $memory['fingerprint'] === $fingerprint ) {
			$memory_at = strtotime( $memory['at'] );
			$found_at  = null !== $found ? strtotime( $found['at'] ) : false;
			if ( null === $found || ( false !== $memory_at && ( false === $found_at || $memory_at > $found_at ) ) ) {
				$found = array(
					'status'  => $memory['status'],
					'verdict' => $memory['verdict'],
					'at'      => $memory['at'],
				);
			}
		}
		return $found;
	}

	/**
	 * The last check of the token in use, conclusive or not, or null.
	 *
	 * @return array{at: string, verdict: Verdict}|null
	 */
	public function current_check(): ?array {
		$check = $this->checks->get();
		if ( null === $check || '' === $check['fingerprint'] || $check['fingerprint'] !== $this->adapter->token_fingerprint() ) {
			return null;
		}
		return array(
			'at'      => $check['at'],
			'verdict' => $check['verdict'],
		);
	}

	/**
	 * Whether a time is older than STALE_DAYS.
	 *
	 * @param string $at ISO 8601.
	 * @return bool
	 */
	public function is_stale( string $at ): bool {
		$time = strtotime( $at );
		return false === $time || $this->now() - $time > self::STALE_DAYS * self::DAY;
	}

	/**
	 * Whether the token is proven since the last failure (the Recover step, the held emails'
	 * reminder): nothing is wrong now (problem(), an expiry only coming up aside), and a proof is
	 * newer than WP Mail SMTP's last MailerSend failure: MailerSend accepted a later send (a
	 * test email or any email: Failure_Log::resolved()), or the newest conclusive check of the
	 * token in use (daily, "Re-check", or the save's own check) is good and not older than it.
	 *
	 * @return bool
	 */
	public function token_proven(): bool {
		$problem = $this->problem();
		if ( ! $this->applies() || ( null !== $problem && 'expiry_soon' !== $problem['kind'] ) ) {
			return false;
		}
		$failure = $this->adapter->last_failure();
		if ( null !== $failure && ! empty( $failure['resolved'] ) ) {
			return true;
		}
		$check = $this->conclusive_check();
		return null !== $check && 'good' === $check['status'] && ( null === $failure || Failure_Log::yields_to_check( $failure['at'], $check['at'] ) );
	}

	/**
	 * Current Unix time.
	 *
	 * @return int
	 */
	public function now(): int {
		return (int) call_user_func( $this->clock );
	}
}
