<?php
/**
 * Local checks of a pasted token (no HTTP).
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Diagnosis;

use FixMailerSend\Support\Mask;

defined( 'ABSPATH' ) || exit;

/**
 * Cleans what people paste and tells, without asking MailerSend, whether it can be a token.
 */
final class Token_Inspector {

	/**
	 * A current MailerSend API token (the API has the last word on the body).
	 */
	const TOKEN_PATTERN = '/^mlsn\.[A-Za-z0-9]{30,}$/';

	/**
	 * Prefix of current API tokens.
	 */
	const TOKEN_PREFIX = 'mlsn.';

	/**
	 * Prefix of MailerSend SMTP passwords (a different credential).
	 */
	const SMTP_PASSWORD_PREFIX = 'mssp.';

	/**
	 * Longest token accepted locally; anything longer is a paste gone wrong.
	 */
	const MAX_LENGTH = 512;

	/**
	 * Characters removed anywhere: whitespace (incl. no-break and other Unicode spaces),
	 * line and paragraph separators, zero-width characters and the byte-order mark.
	 */
	const INVISIBLE = '[\s\x{0085}\x{00A0}\x{1680}\x{180E}\x{2000}-\x{200D}\x{2028}\x{2029}\x{202F}\x{205F}\x{2060}\x{3000}\x{FEFF}]';

	/**
	 * Quote characters stripped around the token: straight, typographic, guillemets, backtick.
	 */
	const QUOTES = '[\'"`\x{2018}\x{2019}\x{201A}\x{201B}\x{201C}\x{201D}\x{201E}\x{201F}\x{00AB}\x{00BB}\x{2039}\x{203A}]';

	/**
	 * Cleans a pasted token.
	 *
	 * Removes surrounding and inner whitespace (incl. Unicode spaces, newlines, tabs,
	 * zero-width characters), surrounding quotes and backticks, a leading `Bearer ` or
	 * `Authorization: Bearer `, and unwraps a pasted `define( 'WPMS_MAILERSEND_API_KEY', '…' );`
	 * line. A trailing `…` or `...` is kept: inspect() flags it as truncated.
	 *
	 * @param string $raw What was pasted.
	 * @return string
	 */
	public static function normalise( string $raw ): string {
		$text = self::valid_utf8( $raw );

		// A whole define() line pasted from wp-config.php.
		if ( preg_match( '/define\s*\(\s*[\'"]WPMS_MAILERSEND_API_KEY[\'"]\s*,\s*[\'"]([^\'"]*)[\'"]/i', $text, $match ) ) {
			$text = $match[1];
		}

		$previous = null;
		for ( $round = 0; $round < 5 && $previous !== $text; $round++ ) {
			$previous = $text;
			$text     = (string) preg_replace( '/^' . self::INVISIBLE . '+|' . self::INVISIBLE . '+$/u', '', $text );
			$text     = (string) preg_replace( '/^' . self::QUOTES . '+|' . self::QUOTES . '+$/u', '', $text );
			$text     = (string) preg_replace( '/^(?:Authorization' . self::INVISIBLE . '*:' . self::INVISIBLE . '*)?Bearer(?:' . self::INVISIBLE . '+|' . self::INVISIBLE . '*:' . self::INVISIBLE . '*|$)/iu', '', $text );
			$text     = (string) preg_replace( '/^Authorization' . self::INVISIBLE . '*:' . self::INVISIBLE . '*/iu', '', $text );
		}

		return (string) preg_replace( '/' . self::INVISIBLE . '+/u', '', $text );
	}

	/**
	 * Local verdict on a normalised token, or null when its format looks right.
	 *
	 * - `missing`: empty;
	 * - `smtp_password_pasted`: starts with `mssp.`;
	 * - `truncated`: `mlsn.` with fewer than 30 letters/digits after it, or an ellipsis;
	 * - `legacy_token` (warning): `eyJ…`, JWT-style; the token must still be checked with MailerSend;
	 * - `malformed`: anything else that does not match `^mlsn\.[A-Za-z0-9]{30,}$`.
	 *
	 * @param string $normalised Output of normalise().
	 * @param string $raw        What was pasted (to notice an ellipsis that normalise() kept).
	 * @return Verdict|null
	 */
	public static function inspect( string $normalised, string $raw = '' ): ?Verdict {
		$evidence = array(
			'token'        => '' === $normalised ? null : Mask::token( $normalised ),
			'token_length' => self::length( $normalised ),
		);

		if ( '' === $normalised ) {
			return Verdicts::make( 'missing', $evidence );
		}

		if ( 0 === stripos( $normalised, self::SMTP_PASSWORD_PREFIX ) ) {
			return Verdicts::make( 'smtp_password_pasted', $evidence );
		}

		if ( self::has_ellipsis( $normalised ) || self::has_ellipsis( self::valid_utf8( $raw ) ) ) {
			return Verdicts::make( 'truncated', $evidence + array( 'reason' => 'ellipsis' ) );
		}

		if ( strlen( $normalised ) > self::MAX_LENGTH ) {
			return Verdicts::make( 'malformed', $evidence + array( 'reason' => 'too_long' ) );
		}

		if ( 1 === preg_match( self::TOKEN_PATTERN, $normalised ) ) {
			return null;
		}

		if ( 0 === strpos( $normalised, self::TOKEN_PREFIX ) && 1 === preg_match( '/^mlsn\.[A-Za-z0-9]*$/', $normalised ) ) {
			return Verdicts::make( 'truncated', $evidence + array( 'reason' => 'too_short' ) );
		}

		if ( 1 === preg_match( '/^eyJ[A-Za-z0-9_\-]+(?:\.[A-Za-z0-9_\-]+){0,2}$/', $normalised ) ) {
			return Verdicts::make( 'legacy_token', $evidence );
		}

		$reason = 0 === stripos( $normalised, self::TOKEN_PREFIX ) ? 'characters' : 'prefix';
		return Verdicts::make( 'malformed', $evidence + array( 'reason' => $reason ) );
	}

	/**
	 * Whether a normalised token's format is what MailerSend issues today.
	 *
	 * @param string $normalised Token.
	 * @return bool
	 */
	public static function looks_valid( string $normalised ): bool {
		return 1 === preg_match( self::TOKEN_PATTERN, $normalised );
	}

	/**
	 * Whether the text contains an ellipsis (a sign of a truncated copy).
	 *
	 * @param string $text Text.
	 * @return bool
	 */
	private static function has_ellipsis( string $text ): bool {
		return false !== strpos( $text, '…' ) || false !== strpos( $text, '...' ) || false !== strpos( $text, '⋯' );
	}

	/**
	 * Number of characters.
	 *
	 * @param string $text Text.
	 * @return int
	 */
	private static function length( string $text ): int {
		return function_exists( 'mb_strlen' ) ? (int) mb_strlen( $text, 'UTF-8' ) : strlen( $text );
	}

	/**
	 * Replaces invalid UTF-8 sequences so that the Unicode patterns can run.
	 *
	 * @param string $text Text.
	 * @return string
	 */
	private static function valid_utf8( string $text ): string {
		if ( '' === $text || 1 === preg_match( '//u', $text ) ) {
			return $text;
		}
		if ( function_exists( 'mb_convert_encoding' ) ) {
			$clean = mb_convert_encoding( $text, 'UTF-8', 'UTF-8' );
			if ( is_string( $clean ) ) {
				return $clean;
			}
		}
		return (string) preg_replace( '/[\x80-\xFF]/', '?', $text );
	}
}
