<?php
/**
 * A MailerSend API token, normalised once where it enters.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Support;

defined( 'ABSPATH' ) || exit;

/**
 * What a person pasted, WP Mail SMTP stored, a constant holds or STDIN gave, cleaned once
 * (normalise()) where it enters the plugin: the REST argument's sanitizer, the CLI's STDIN
 * reader, the adapter's snapshot of WP Mail SMTP's settings. From there on it is passed as
 * this value, which says it is normalised: value() is what is checked, saved and sent.
 *
 * The text as given stays private: it is only told apart (has_ellipsis(): a copy cut short)
 * and remembered for masking by value (remember_for_masking()). No method prints it, and
 * var_dump()/print_r() show the masked form only.
 */
final class Token {

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
	 * The text as given (never shown).
	 *
	 * @var string
	 */
	private $raw;

	/**
	 * The normalised token.
	 *
	 * @var string
	 */
	private $value;

	/**
	 * Use from() or none().
	 *
	 * @param string $raw   As given.
	 * @param string $value Normalised.
	 */
	private function __construct( string $raw, string $value ) {
		$this->raw   = $raw;
		$this->value = $value;
	}

	/**
	 * A token from what was given (pasted, stored, piped), normalised here.
	 *
	 * @param string $raw As given.
	 * @return self
	 */
	public static function from( string $raw ): self {
		return new self( $raw, self::normalise( $raw ) );
	}

	/**
	 * No token.
	 *
	 * @return self
	 */
	public static function none(): self {
		return new self( '', '' );
	}

	/**
	 * The normalised token: what is checked, saved and sent. Never display it.
	 *
	 * @return string
	 */
	public function value(): string {
		return $this->value;
	}

	/**
	 * Whether there is no token (nothing left after normalising).
	 *
	 * @return bool
	 */
	public function is_empty(): bool {
		return '' === $this->value;
	}

	/**
	 * The masked form (Mask::token(): first 7 + "…" + last 4), '' for none.
	 *
	 * @return string
	 */
	public function masked(): string {
		return Mask::token( $this->value );
	}

	/**
	 * A short keyed hash of the normalised token that tells two tokens apart without revealing
	 * either ('' for none): what stored results remember of the token they were about.
	 *
	 * @return string
	 */
	public function fingerprint(): string {
		return self::hash( $this->value );
	}

	/**
	 * Whether this and another token are the same once normalised.
	 *
	 * @param Token $other Another token.
	 * @return bool
	 */
	public function equals( Token $other ): bool {
		return $this->value === $other->value;
	}

	/**
	 * Whether the text as given, or the token, holds an ellipsis (a copy cut short).
	 *
	 * @return bool
	 */
	public function has_ellipsis(): bool {
		return self::ellipsis_in( $this->value ) || self::ellipsis_in( self::valid_utf8( $this->raw ) );
	}

	/**
	 * From now on every text of this request masks this token by value, as given and as
	 * normalised (Mask::remember()), whatever its shape.
	 *
	 * @return void
	 */
	public function remember_for_masking(): void {
		Mask::remember( $this->raw, trim( $this->raw ), $this->value );
	}

	/**
	 * The token as given and as normalised, for masking by value only (Adapter::known_tokens()).
	 *
	 * @return string[]
	 */
	public function forms(): array {
		return array_values( array_unique( array_filter( array( $this->raw, $this->value ) ) ) );
	}

	/**
	 * What var_dump() and print_r() show: the masked form, never the token.
	 *
	 * @return array{masked: string}
	 */
	public function __debugInfo(): array {
		return array( 'masked' => $this->masked() );
	}

	/**
	 * A short keyed hash of a text ('' for ''): Token::fingerprint() and the keys of stored results.
	 *
	 * @param string $text Text.
	 * @return string
	 */
	public static function hash( string $text ): string {
		if ( '' === $text ) {
			return '';
		}
		return substr( hash_hmac( 'sha256', $text, wp_salt( 'auth' ) ), 0, 16 );
	}

	/**
	 * Cleans a pasted token.
	 *
	 * Removes surrounding and inner whitespace (incl. Unicode spaces, newlines, tabs,
	 * zero-width characters), surrounding quotes and backticks, a leading `Bearer ` or
	 * `Authorization: Bearer `, and unwraps a pasted `define( 'WPMS_MAILERSEND_API_KEY', '…' );`
	 * line. A trailing `…` or `...` is kept: Token_Inspector flags it as truncated.
	 * tests/fixtures/token-inspection.json holds its table (the screen's src/token.ts runs it too).
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
	 * Whether a text contains an ellipsis.
	 *
	 * @param string $text Text.
	 * @return bool
	 */
	public static function ellipsis_in( string $text ): bool {
		return false !== strpos( $text, '…' ) || false !== strpos( $text, '...' ) || false !== strpos( $text, '⋯' );
	}

	/**
	 * Replaces invalid UTF-8 sequences so that the Unicode patterns can run.
	 *
	 * @param string $text Text.
	 * @return string
	 */
	public static function valid_utf8( string $text ): string {
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
