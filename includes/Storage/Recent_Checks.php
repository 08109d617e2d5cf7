<?php
/**
 * The deep checks of pasted tokens made in the last minutes, so that saving a token just
 * checked on the screen does not spend a second probe of MailerSend's daily quota.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Storage;

use FixMailerSend\Diagnosis\Verdict;
use FixMailerSend\Support\Token;

defined( 'ABSPATH' ) || exit;

/**
 * One transient per (token, From address), keyed by a salted fingerprint (never the token).
 * Transients are per site on multisite.
 */
final class Recent_Checks {

	/**
	 * How long a deep check's answer stands for a save.
	 */
	const TTL = 900;
	// 15 minutes.

	/**
	 * Transient name prefix.
	 */
	const PREFIX = 'fix_mailersend_deep_';

	/**
	 * Remembers the verdict of a deep check.
	 *
	 * @param Token   $token   The token (only its fingerprint is kept).
	 * @param string  $from    The From address it was checked with.
	 * @param Verdict $verdict The verdict.
	 * @return void
	 */
	public function remember( Token $token, string $from, Verdict $verdict ): void {
		set_transient( self::key( $token, $from ), $verdict->to_array(), self::TTL );
	}

	/**
	 * The verdict of a deep check of this token and From address in the last TTL seconds.
	 *
	 * @param Token  $token The token.
	 * @param string $from  The From address.
	 * @return Verdict|null
	 */
	public function recall( Token $token, string $from ): ?Verdict {
		return Verdict::from_array( get_transient( self::key( $token, $from ) ) );
	}

	/**
	 * The transient's name.
	 *
	 * @param Token  $token The token.
	 * @param string $from  The From address.
	 * @return string
	 */
	private static function key( Token $token, string $from ): string {
		return self::PREFIX . Token::hash( $token->value() . "\n" . strtolower( $from ) );
	}
}
