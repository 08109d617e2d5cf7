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
	 * Shortest secret masked by value: shorter strings are too likely to be ordinary words.
	 */
	const MIN_SECRET_LENGTH = 8;

	/**
	 * Secrets remembered during this request (e.g. the token being checked).
	 *
	 * @var array<string, true>
	 */
	private static $remembered = array();

	/**
	 * Where the secrets known to the site come from (the saved token, the constant's), by name:
	 * asked at each scrub, so a token saved during the request is known at once.
	 *
	 * @var array<string, callable(): string[]>
	 */
	private static $sources = array();

	/**
	 * Whether a source is being asked (a source must not scrub through this class).
	 *
	 * @var bool
	 */
	private static $asking = false;

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
			if ( strlen( $secret ) < self::MIN_SECRET_LENGTH || false === strpos( $text, $secret ) ) {
				continue;
			}
			$text = str_replace( $secret, self::token( $secret ), $text );
		}
		return $text;
	}

	/**
	 * Remembers secrets for the rest of the request: scrub_tokens() masks them by value from
	 * then on, whatever their shape (e.g. the token being checked, however it looks).
	 *
	 * @param string ...$secrets Secrets (empty and very short ones are ignored).
	 * @return void
	 */
	public static function remember( string ...$secrets ): void {
		foreach ( $secrets as $secret ) {
			if ( strlen( $secret ) >= self::MIN_SECRET_LENGTH ) {
				self::$remembered[ $secret ] = true;
			}
		}
	}

	/**
	 * Registers (or, with null, removes) a named source of the secrets the site knows, asked at
	 * every scrub_tokens(): the saved token, the constant's (Adapter::known_tokens()).
	 *
	 * @param string                      $name   Name of the source.
	 * @param (callable(): string[])|null $source Returns the secrets.
	 * @return void
	 */
	public static function watch( string $name, ?callable $source ): void {
		if ( null === $source ) {
			unset( self::$sources[ $name ] );
			return;
		}
		self::$sources[ $name ] = $source;
	}

	/**
	 * Forgets the remembered secrets (the sources stay). For tests.
	 *
	 * @return void
	 */
	public static function forget(): void {
		self::$remembered = array();
	}

	/**
	 * Every secret known now, longest first (so that a secret containing another is masked whole).
	 *
	 * @return string[]
	 */
	public static function known_secrets(): array {
		$secrets = self::$remembered;
		if ( ! self::$asking ) {
			self::$asking = true;
			try {
				foreach ( self::$sources as $source ) {
					foreach ( (array) $source() as $secret ) {
						if ( is_string( $secret ) && strlen( $secret ) >= self::MIN_SECRET_LENGTH ) {
							$secrets[ $secret ] = true;
						}
					}
				}
			} finally {
				self::$asking = false;
			}
		}
		$secrets = array_map( 'strval', array_keys( $secrets ) );
		usort(
			$secrets,
			static function ( string $a, string $b ): int {
				return strlen( $b ) <=> strlen( $a );
			}
		);
		return $secrets;
	}

	/**
	 * Masks every known secret in a text by value (known_secrets(): the saved token, the
	 * constant's, the one being checked), then everything token-shaped (TOKEN_SHAPES), whatever
	 * token it is: for text that MailerSend, a proxy or WP Mail SMTP wrote, which may repeat any
	 * token, including a legacy one whose shape nothing can tell. Every verdict's evidence goes
	 * through here (Verdict), and every failure text this plugin stores or answers.
	 *
	 * @param string $text Text that might contain a token.
	 * @return string
	 */
	public static function scrub_tokens( string $text ): string {
		if ( '' === $text ) {
			return $text;
		}
		$text = self::scrub( $text, self::known_secrets() );
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
