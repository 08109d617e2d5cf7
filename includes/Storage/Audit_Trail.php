<?php
/**
 * Who changed the MailerSend token, when and how.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Storage;

use FixMailerSend\Support\Db_Option;
use FixMailerSend\Support\Mask;

defined( 'ABSPATH' ) || exit;

/**
 * A capped list of token changes in one non-autoloaded option (per site on multisite).
 *
 * Entries never hold a token: only its masked form ("mlsn.ab…wxyz"). record() reads and
 * writes the option straight from and to the database (Db_Option): called inside the `token`
 * Lock with the write it records (Token_Service::save()), parallel saves each get their entry.
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
	 * @return bool False when the database did not take the entry.
	 */
	public function record( string $how, string $before, string $after, ?\WP_User $user = null, ?string $expires_at = null ): bool {
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

		$entries   = self::entries( Db_Option::get( self::OPTION, array() ) );
		$entries[] = $entry;
		if ( count( $entries ) > self::LIMIT ) {
			$entries = array_slice( $entries, -self::LIMIT );
		}
		return Db_Option::set( self::OPTION, $entries );
	}

	/**
	 * Every entry, oldest first.
	 *
	 * @return array<int, array<string, mixed>>
	 */
	public function all(): array {
		return self::entries( get_option( self::OPTION, array() ) );
	}

	/**
	 * The entries of a stored value.
	 *
	 * @param mixed $stored The option's value.
	 * @return array<int, array<string, mixed>>
	 */
	private static function entries( $stored ): array {
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
