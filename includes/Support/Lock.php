<?php
/**
 * A lock shared by every request of a site: the database server's named locks.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Support;

defined( 'ABSPATH' ) || exit;

/**
 * Mutual exclusion across requests, PHP workers and WP-CLI processes of one site, for the
 * short read-modify-write sections that must not interleave (taking a throttle slot, writing
 * the token with its audit entry).
 *
 * Why MySQL/MariaDB named locks (`GET_LOCK( name, timeout )` / `RELEASE_LOCK( name )`) and
 * not a row in the options table or the object cache:
 * - exclusive: the server grants a name to one connection at a time; there is no "is it
 *   stale?" guess, so a fresh lock is never taken over (a lock row must be declared stale
 *   after some seconds, and a slow holder then loses it);
 * - released by the server when the connection closes, so a request that dies holding it
 *   (fatal error, killed worker) frees it at once;
 * - no rows, no InnoDB row or gap locks: none of the "Deadlock found … INSERT IGNORE" errors
 *   that concurrent insert/delete of a lock row produce;
 * - the object cache cannot serve: it may be per request (WordPress's default) or evict.
 * The wait happens inside the server (`timeout` seconds), without polling.
 *
 * Names are server-wide, so a name is scoped to this database, table prefix and site (the
 * options table's name holds the prefix and the blog id) and hashed: at most 64 characters.
 * Locks of this class never nest (MySQL before 5.7 releases a held lock when another is
 * taken). With the SQLite integration (`DB_ENGINE` `sqlite`, as in WordPress Playground, whose
 * PHP runs one request at a time) there are no named locks and the section runs unlocked.
 */
final class Lock {

	/**
	 * Longest wait for a lock another request holds, in seconds. The sections are a few
	 * queries long, never an HTTP call.
	 */
	const WAIT = 5;

	/**
	 * The server-wide name of a lock of this site.
	 *
	 * @param string   $purpose What the lock guards (`throttle`, `token`): a few letters.
	 * @param int|null $site    The site (blog id) whose data it guards; null: the current one.
	 * @return string At most 64 characters.
	 */
	public static function name( string $purpose, ?int $site = null ): string {
		global $wpdb;
		$database = defined( 'DB_NAME' ) ? (string) DB_NAME : '';
		$table    = null === $site ? $wpdb->options : $wpdb->get_blog_prefix( $site ) . 'options';
		return 'fix_mailersend_' . substr( $purpose, 0, 16 ) . '_' . md5( $database . '|' . $table );
	}

	/**
	 * Takes a lock, waiting up to $wait seconds for another request to release it.
	 *
	 * @param string   $purpose What the lock guards.
	 * @param int      $wait    Seconds to wait at most.
	 * @param int|null $site    The site (blog id) whose data it guards; null: the current one.
	 * @return bool False when another request held it for the whole wait.
	 */
	public static function acquire( string $purpose, int $wait = self::WAIT, ?int $site = null ): bool {
		global $wpdb;
		if ( self::unsupported() ) {
			return true;
		}
		if ( is_object( $wpdb ) && method_exists( $wpdb, 'send_reads_to_masters' ) ) {
			// HyperDB / LudicrousDB: the lock and the reads it guards on the primary, never on a
			// lagging replica (the lock would be another server's, the data stale).
			$wpdb->send_reads_to_masters();
		}
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- a named lock is a statement, not data.
		$taken = $wpdb->get_var( $wpdb->prepare( 'SELECT GET_LOCK( %s, %d )', self::name( $purpose, $site ), max( 0, $wait ) ) );
		return '1' === (string) $taken;
	}

	/**
	 * Releases a lock this request holds.
	 *
	 * @param string   $purpose What the lock guards.
	 * @param int|null $site    The site given to acquire().
	 * @return void
	 */
	public static function release( string $purpose, ?int $site = null ): void {
		global $wpdb;
		if ( self::unsupported() ) {
			return;
		}
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- a named lock is a statement, not data.
		$wpdb->query( $wpdb->prepare( 'DO RELEASE_LOCK( %s )', self::name( $purpose, $site ) ) );
	}

	/**
	 * Whether the database has no named locks (the SQLite integration).
	 *
	 * @return bool
	 */
	private static function unsupported(): bool {
		return defined( 'DB_ENGINE' ) && 'sqlite' === constant( 'DB_ENGINE' );
	}
}
