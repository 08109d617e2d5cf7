<?php
/**
 * Masks secrets for display.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Support;

defined( 'ABSPATH' ) || exit;

/**
 * Shows a token the way MailerSend's own CLI does: the first 7 and the last 4 characters.
 */
final class Mask {

	/**
	 * Characters kept at the start of a long token.
	 */
	const HEAD = 7;

	/**
	 * Characters kept at the end of a long token.
	 */
	const TAIL = 4;

	/**
	 * What stands for the hidden part.
	 */
	const ELLIPSIS = '…';

	/**
	 * What a short secret is shown as: nothing of it at all.
	 */
	const HIDDEN = '••••';

	/**
	 * Anything shaped like a MailerSend secret: an API token (`mlsn.` + 20 or more letters and
	 * digits), an SMTP password (`mssp.`…) or a legacy JWT-style token (`eyJ…` header + payload).
	 * A masked form (with its "…") never matches, so masking twice changes nothing.
	 */
	const TOKEN_SHAPES = '/mlsn\.[A-Za-z0-9]{20,}|mssp\.[A-Za-z0-9.]{10,}|eyJ[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_.-]+/';

	/**
	 * Masks a token: first 7 + "…" + last 4 characters.
	 *
	 * Never reveals more than half of the string: shorter strings show
	 * proportionally less, and strings under 8 characters are hidden wholly.
	 *
	 * @param string $token The secret (a token, an SMTP password, anything pasted).
	 * @return string The masked form, or '' for an empty string.
	 */
	public static function token( string $token ): string {
		if ( '' === $token ) {
			return '';
		}

		$chars  = self::chars( $token );
		$length = count( $chars );

		if ( $length < 8 ) {
			return self::HIDDEN;
		}

		$head = self::HEAD;
		$tail = self::TAIL;
		if ( ( $head + $tail ) * 2 > $length ) {
			// Keep what is shown to at most a half, split the same way.
			$tail = intdiv( $length, 6 );
			$head = intdiv( $length, 2 ) - $tail;
		}

		return implode( '', array_slice( $chars, 0, $head ) ) . self::ELLIPSIS . implode( '', array_slice( $chars, $length - $tail ) );
	}

	/**
	 * Replaces every occurrence of the given secrets in a text by their masked form.
	 *
	 * @param string   $text    Text that might contain a secret.
	 * @param string[] $secrets Secrets to hide (empty and very short ones are ignored).
	 * @return string
	 */
	public static function scrub( string $text, array $secrets ): string {
		foreach ( $secrets as $secret ) {
			if ( strlen( $secret ) < 8 || false === strpos( $text, $secret ) ) {
				continue;
			}
			$text = str_replace( $secret, self::token( $secret ), $text );
		}
		return $text;
	}

	/**
	 * Masks everything token-shaped in a text (TOKEN_SHAPES), whatever token it is: for text
	 * that MailerSend, a proxy or WP Mail SMTP wrote, which may repeat any token.
	 *
	 * @param string $text Text that might contain a token.
	 * @return string
	 */
	public static function scrub_tokens( string $text ): string {
		if ( false === strpos( $text, 'mlsn.' ) && false === strpos( $text, 'mssp.' ) && false === strpos( $text, 'eyJ' ) ) {
			return $text;
		}
		$scrubbed = preg_replace_callback(
			self::TOKEN_SHAPES,
			static function ( array $match ): string {
				return self::token( $match[0] );
			},
			$text
		);
		return null === $scrubbed ? '' : $scrubbed;
	}

	/**
	 * Splits a string into characters (UTF-8 aware, byte-wise for invalid UTF-8).
	 *
	 * @param string $text Text.
	 * @return string[]
	 */
	private static function chars( string $text ): array {
		$chars = preg_split( '//u', $text, -1, PREG_SPLIT_NO_EMPTY );
		if ( false === $chars ) {
			$chars = str_split( $text );
		}
		return $chars;
	}
}
