<?php
/**
 * Local checks of a pasted token (no HTTP).
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Diagnosis;

use FixMailerSend\Support\Mask;
use FixMailerSend\Support\Token;

defined( 'ABSPATH' ) || exit;

/**
 * Tells, without asking MailerSend, whether a token (Support\Token: cleaned where it entered)
 * can be one.
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
	 * Local verdict on a normalised token, or null when its format looks right.
	 *
	 * - `missing`: empty;
	 * - `smtp_password_pasted`: starts with `mssp.`;
	 * - `truncated`: `mlsn.` with fewer than 30 letters/digits after it, or an ellipsis;
	 * - `legacy_token` (warning): `eyJ…`, JWT-style; the token must still be checked with MailerSend;
	 * - `malformed`: anything else that does not match `^mlsn\.[A-Za-z0-9]{30,}$`.
	 *
	 * @param Token $token The token (normalised where it entered; its text as given tells an ellipsis).
	 * @return Verdict|null
	 */
	public static function inspect( Token $token ): ?Verdict {
		$normalised = $token->value();
		$evidence   = array(
			'token'        => '' === $normalised ? null : Mask::token( $normalised ),
			'token_length' => self::length( $normalised ),
		);

		if ( '' === $normalised ) {
			return Verdicts::make( 'missing', $evidence );
		}

		if ( 0 === stripos( $normalised, self::SMTP_PASSWORD_PREFIX ) ) {
			return Verdicts::make( 'smtp_password_pasted', $evidence );
		}

		if ( $token->has_ellipsis() ) {
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
	 * Number of characters.
	 *
	 * @param string $text Text.
	 * @return int
	 */
	private static function length( string $text ): int {
		return function_exists( 'mb_strlen' ) ? (int) mb_strlen( $text, 'UTF-8' ) : strlen( $text );
	}
}
