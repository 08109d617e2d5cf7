<?php
/**
 * The last check of the saved token.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Storage;

use FixMailerSend\Diagnosis\Verdict;
use FixMailerSend\Diagnosis\Verdicts;
use FixMailerSend\Support\Token;

defined( 'ABSPATH' ) || exit;

/**
 * One non-autoloaded option (per site on multisite): when the saved token was last checked,
 * the verdict, and a keyed fingerprint of the token that was checked (never the token), so a
 * token changed elsewhere (WP Mail SMTP's own screen) makes the old result stale.
 */
final class Check_Log {

	/**
	 * Option name.
	 */
	const OPTION = 'fix_mailersend_last_check';

	/**
	 * Stores the result of checking the saved token.
	 *
	 * @param Verdict $verdict The verdict.
	 * @param Token   $token   The token that was checked (only its fingerprint is kept).
	 * @return array{at: string, verdict: array<string, mixed>}
	 */
	public function record( Verdict $verdict, Token $token ): array {
		$entry = array(
			'at'          => gmdate( 'c' ),
			'verdict'     => $verdict->to_array(),
			'fingerprint' => $token->fingerprint(),
		);
		update_option( self::OPTION, $entry, false );

		return array(
			'at'      => $entry['at'],
			'verdict' => $entry['verdict'],
		);
	}

	/**
	 * The last check, or null.
	 *
	 * @return array{at: string, verdict: Verdict, fingerprint: string}|null
	 */
	public function get(): ?array {
		$stored = get_option( self::OPTION, null );
		if ( ! is_array( $stored ) || ! isset( $stored['at'] ) || ! is_string( $stored['at'] ) ) {
			return null;
		}
		$verdict = Verdict::from_array( $stored['verdict'] ?? null );
		if ( null === $verdict ) {
			return null;
		}
		return array(
			'at'          => $stored['at'],
			// The text in the current language.
			'verdict'     => Verdicts::exists( $verdict->id() ) ? Verdicts::refresh( $verdict ) : $verdict,
			'fingerprint' => isset( $stored['fingerprint'] ) && is_string( $stored['fingerprint'] ) ? $stored['fingerprint'] : '',
		);
	}

	/**
	 * Forgets the last check.
	 *
	 * @return void
	 */
	public function clear(): void {
		delete_option( self::OPTION );
	}
}
