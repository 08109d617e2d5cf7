<?php
/**
 * WP Mail SMTP's MailerSend settings, read once.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\WpMailSmtp;

use FixMailerSend\Support\Token;

defined( 'ABSPATH' ) || exit;

/**
 * What the plugin needs of WP Mail SMTP's settings in one request, read in one go
 * (Adapter::snapshot()) instead of one Options getter call per question: the mailer and
 * whether a constant sets it, the token in use (normalised where it enters: Support\Token)
 * and whether a constant owns it, the From address, whether the settings are network-wide,
 * and every token the site knows (to mask them by value). Immutable: the adapter drops it
 * and reads a new one after a write of this plugin or a change of WP Mail SMTP's option.
 */
final class Snapshot {

	/**
	 * The values, by name.
	 *
	 * @var array{loaded: bool, mailer: string|null, mailer_from_constant: bool, token: Token, token_from_constant: bool, from_email: string|null, network_wide: bool, known_tokens: string[]}
	 */
	private $values;

	/**
	 * Creates the snapshot.
	 *
	 * @param array{loaded: bool, mailer: string|null, mailer_from_constant: bool, token: Token, token_from_constant: bool, from_email: string|null, network_wide: bool, known_tokens: string[]} $values The values.
	 */
	public function __construct( array $values ) {
		$this->values = $values;
	}

	/**
	 * Whether WP Mail SMTP was loaded when it was read.
	 *
	 * @return bool
	 */
	public function loaded(): bool {
		return $this->values['loaded'];
	}

	/**
	 * The active mailer's slug, or null when WP Mail SMTP is not loaded.
	 *
	 * @return string|null
	 */
	public function mailer(): ?string {
		return $this->values['mailer'];
	}

	/**
	 * Whether WPMS_MAILER chooses the mailer.
	 *
	 * @return bool
	 */
	public function mailer_from_constant(): bool {
		return $this->values['mailer_from_constant'];
	}

	/**
	 * The token in use (the constant's, else the database's), normalised.
	 *
	 * @return Token
	 */
	public function token(): Token {
		return $this->values['token'];
	}

	/**
	 * Whether WPMS_MAILERSEND_API_KEY (with WPMS_ON) owns the token.
	 *
	 * @return bool
	 */
	public function token_from_constant(): bool {
		return $this->values['token_from_constant'];
	}

	/**
	 * WP Mail SMTP's From address when it is a valid one, else null.
	 *
	 * @return string|null
	 */
	public function from_email(): ?string {
		return $this->values['from_email'];
	}

	/**
	 * Whether WP Mail SMTP's settings are network-wide (multisite, Pro).
	 *
	 * @return bool
	 */
	public function network_wide(): bool {
		return $this->values['network_wide'];
	}

	/**
	 * Every token the site knows, as given and normalised (for masking only).
	 *
	 * @return string[]
	 */
	public function known_tokens(): array {
		return $this->values['known_tokens'];
	}
}
