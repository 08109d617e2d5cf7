<?php
/**
 * Who changed the MailerSend token, when and how.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Storage;

use FixMailerSend\Support\Mask;

defined( 'ABSPATH' ) || exit;

/**
 * A capped list of token changes in one non-autoloaded option (per site on multisite).
 *
 * Entries never hold a token: only its masked form ("mlsn.ab…wxyz").
 */
final class Audit_Trail {

	/**
	 * Option name.
	 */
	const OPTION = 'fix_mailersend_audit';

	/**
	 * Entries kept (the oldest go first).
	 */
	const LIMIT = 50;

	/**
	 * How a change was made: this plugin's screen, the REST API from elsewhere, WP-CLI.
	 */
	const HOW = array( 'screen', 'rest', 'cli' );

	/**
	 * Records one token change.
	 *
	 * @param string        $how        One of HOW ('rest' when unknown).
	 * @param string        $before     Token before the change ('' for none); stored masked.
	 * @param string        $after      Token after the change; stored masked.
	 * @param \WP_User|null $user       Who made it (null: the current user).
	 * @param string|null   $expires_at Expiry date the user gave (YYYY-MM-DD), if any.
	 * @return array{at: string, user_id: int, user_login: string, how: string, before: string|null, after: string|null, expires_at: string|null}
	 */
	public function record( string $how, string $before, string $after, ?\WP_User $user = null, ?string $expires_at = null ): array {
		if ( null === $user ) {
			$user = wp_get_current_user();
		}

		$entry = array(
			'at'         => gmdate( 'c' ),
			'user_id'    => (int) $user->ID,
			'user_login' => (string) $user->user_login,
			'how'        => in_array( $how, self::HOW, true ) ? $how : 'rest',
			'before'     => '' === $before ? null : Mask::token( $before ),
			'after'      => '' === $after ? null : Mask::token( $after ),
			'expires_at' => $expires_at,
		);

		$entries   = $this->all();
		$entries[] = $entry;
		if ( count( $entries ) > self::LIMIT ) {
			$entries = array_slice( $entries, -self::LIMIT );
		}
		update_option( self::OPTION, $entries, false );

		return $entry;
	}

	/**
	 * Every entry, oldest first.
	 *
	 * @return array<int, array<string, mixed>>
	 */
	public function all(): array {
		$stored = get_option( self::OPTION, array() );
		if ( ! is_array( $stored ) ) {
			return array();
		}
		return array_values( array_filter( $stored, 'is_array' ) );
	}

	/**
	 * The newest entry, or null.
	 *
	 * @return array<string, mixed>|null
	 */
	public function latest(): ?array {
		$entries = $this->all();
		return $entries ? $entries[ count( $entries ) - 1 ] : null;
	}
}
