<?php
/**
 * What the daily check remembers between runs.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Watch;

use FixMailerSend\Diagnosis\Verdict;
use FixMailerSend\Diagnosis\Verdicts;
use FixMailerSend\Support\Token;

defined( 'ABSPATH' ) || exit;

/**
 * One small non-autoloaded option (per site on multisite), written by the daily check only:
 * - the last *conclusive* verdict about the token in use (`good` or `bad`), when it was reached,
 *   and the fingerprint of the token it is about (never the token);
 * - when the daily check last ran, and how that run ended.
 *
 * Check_Log keeps the very last check (the screen's "Re-check" writes it too, and a network
 * error is a result there); this log is what lets the daily check tell "good before, bad now"
 * although a re-check or an inconclusive answer happened in between.
 */
final class Watch_Log {

	/**
	 * Option name.
	 */
	const OPTION = 'fix_mailersend_watch';

	/**
	 * Remembers a conclusive verdict.
	 *
	 * @param string  $status  `good` or `bad`.
	 * @param Verdict $verdict The verdict.
	 * @param Token   $token   The token it is about (only its fingerprint is kept).
	 * @return void
	 */
	public function remember( string $status, Verdict $verdict, Token $token ): void {
		$stored = $this->raw();
		$now    = gmdate( 'c' );

		$stored['status']      = $status;
		$stored['verdict']     = $verdict->to_array();
		$stored['fingerprint'] = $token->fingerprint();
		$stored['at']          = $now;
		update_option( self::OPTION, $stored, false );
	}

	/**
	 * Notes that the daily check ran, and how it ended.
	 *
	 * @param string $outcome `good` | `bad` | `inconclusive` | `throttled` | `skipped`.
	 * @return void
	 */
	public function ran( string $outcome ): void {
		$stored             = $this->raw();
		$stored['last_run'] = gmdate( 'c' );
		$stored['outcome']  = $outcome;
		update_option( self::OPTION, $stored, false );
	}

	/**
	 * The last conclusive verdict, or null.
	 *
	 * @return array{status: string, verdict: Verdict, fingerprint: string, at: string}|null
	 */
	public function conclusive(): ?array {
		$stored = $this->raw();
		if ( ! isset( $stored['status'], $stored['at'] ) || ! in_array( $stored['status'], array( 'good', 'bad' ), true ) || ! is_string( $stored['at'] ) ) {
			return null;
		}
		$verdict = Verdict::from_array( $stored['verdict'] ?? null );
		if ( null === $verdict ) {
			return null;
		}
		return array(
			'status'      => $stored['status'],
			// The text in the current language.
			'verdict'     => Verdicts::exists( $verdict->id() ) ? Verdicts::refresh( $verdict ) : $verdict,
			'fingerprint' => isset( $stored['fingerprint'] ) && is_string( $stored['fingerprint'] ) ? $stored['fingerprint'] : '',
			'at'          => $stored['at'],
		);
	}

	/**
	 * When the daily check last ran and how it ended, or null when it never ran.
	 *
	 * @return array{at: string, outcome: string}|null
	 */
	public function last_run(): ?array {
		$stored = $this->raw();
		if ( ! isset( $stored['last_run'] ) || ! is_string( $stored['last_run'] ) ) {
			return null;
		}
		return array(
			'at'      => $stored['last_run'],
			'outcome' => isset( $stored['outcome'] ) && is_string( $stored['outcome'] ) ? $stored['outcome'] : '',
		);
	}

	/**
	 * Forgets everything.
	 *
	 * @return void
	 */
	public function clear(): void {
		delete_option( self::OPTION );
	}

	/**
	 * The stored array.
	 *
	 * @return array<string, mixed>
	 */
	private function raw(): array {
		$stored = get_option( self::OPTION, array() );
		return is_array( $stored ) ? $stored : array();
	}
}
