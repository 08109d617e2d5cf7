<?php
/**
 * The expiry date the user chose for the saved token in MailerSend.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Storage;

use FixMailerSend\Support\Db_Option;

defined( 'ABSPATH' ) || exit;

/**
 * MailerSend's API does not tell when a token expires: the user may say so when saving.
 * One non-autoloaded option (per site), cleared when a token is saved without a date.
 */
final class Token_Expiry {

	/**
	 * Option name.
	 */
	const OPTION = 'fix_mailersend_token_expires';

	/**
	 * Stores the expiry date of the token just saved, or forgets it (null).
	 *
	 * @param string|null $date YYYY-MM-DD, or null.
	 * @return bool Whether the database now holds what was asked (written straight to the
	 *              database; a removal is read back, as delete_option() also answers false
	 *              when there was nothing to remove).
	 */
	public function set( ?string $date ): bool {
		if ( null === $date || '' === $date ) {
			delete_option( self::OPTION );
			return null === Db_Option::get( self::OPTION );
		}
		return Db_Option::set( self::OPTION, $date );
	}

	/**
	 * The stored date (YYYY-MM-DD), or null.
	 *
	 * @return string|null
	 */
	public function get(): ?string {
		$date = get_option( self::OPTION, null );
		return is_string( $date ) && self::is_date( $date ) ? $date : null;
	}

	/**
	 * Whether a text is exactly a real calendar date written YYYY-MM-DD: nothing before or
	 * after it, not even a final newline (a `$` in a regular expression would allow one, and
	 * intval( "08\n" ) reads 8), and a day that exists. The one date rule of the plugin: the
	 * REST API, the command line and the stored value all go through it.
	 *
	 * @param string $date The text.
	 * @return bool
	 */
	public static function is_date( string $date ): bool {
		if ( 1 !== preg_match( '/\A([0-9]{4})-([0-9]{2})-([0-9]{2})\z/', $date, $parts ) ) {
			return false;
		}
		return checkdate( (int) $parts[2], (int) $parts[3], (int) $parts[1] );
	}
}
