<?php
/**
 * An option read and written straight from and to the database.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Support;

defined( 'ABSPATH' ) || exit;

/**
 * For the values other requests change while this one runs (throttle stamps, the audit
 * trail): get_option() answers from the request's object cache (and `notoptions`), which may
 * be seconds old, and update_option() skips the write when that stale copy equals the new
 * value. Read under a Lock, these give the current value; a write says whether the database
 * took it. Options written here are not autoloaded; the cache entries are dropped after a
 * write so that get_option() elsewhere sees it too. Values are stored as WordPress stores
 * them (maybe_serialize()), so get_option() reads them unchanged.
 */
final class Db_Option {

	/**
	 * The option's current value in the database, or $default when there is no such row.
	 *
	 * @param string $name    Option name.
	 * @param mixed  $default Value when absent.
	 * @return mixed
	 */
	public static function get( string $name, $default = null ) {
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- the point is to bypass the request's cache.
		$row = $wpdb->get_row( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s LIMIT 1", $name ) );
		if ( ! is_object( $row ) || ! isset( $row->option_value ) ) {
			return $default;
		}
		return maybe_unserialize( (string) $row->option_value );
	}

	/**
	 * Writes the option (inserted when absent), not autoloaded.
	 *
	 * @param string $name  Option name.
	 * @param mixed  $value Value (serialised as WordPress does).
	 * @return bool False when the database refused the write.
	 */
	public static function set( string $name, $value ): bool {
		global $wpdb;
		$stored = maybe_serialize( $value );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- one atomic upsert, whatever the request's cache says.
		$result = $wpdb->query( $wpdb->prepare( "INSERT INTO {$wpdb->options} (option_name, option_value, autoload) VALUES (%s, %s, 'off') ON DUPLICATE KEY UPDATE option_value = %s", $name, $stored, $stored ) );
		self::forget( $name );
		return false !== $result;
	}

	/**
	 * Drops this request's cached copy of the option (and its "does not exist" note).
	 *
	 * @param string $name Option name.
	 * @return void
	 */
	public static function forget( string $name ): void {
		wp_cache_delete( $name, 'options' );
		$notoptions = wp_cache_get( 'notoptions', 'options' );
		if ( is_array( $notoptions ) && isset( $notoptions[ $name ] ) ) {
			unset( $notoptions[ $name ] );
			wp_cache_set( 'notoptions', $notoptions, 'options' );
		}
	}
}
