<?php
/**
 * Reads WP Mail SMTP's Debug Events table.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\WpMailSmtp;

defined( 'ABSPATH' ) || exit;

/**
 * WP Mail SMTP (3.0 and later, Lite and Pro) records every failed send as a row of
 * `{prefix}wpmailsmtp_debug_events` (its DebugEvents\Migration): `id` INT UNSIGNED
 * AUTO_INCREMENT (the PRIMARY KEY, the table's only index), `content` TEXT, `initiator` TEXT
 * (JSON `{file, line}` of the caller of wp_mail()), `event_type` TINYINT (0 error, 1 debug),
 * `created_at` TIMESTAMP written in UTC. Read-only here, and only through the primary key:
 * every query is `WHERE id < N ORDER BY id DESC LIMIT n` (a range scan of the primary key that
 * reads at most n rows however large the table is), or `MAX(id)` (read from the index).
 * The other columns are filtered in PHP. No WP Mail SMTP code is called.
 */
class Debug_Events {

	/**
	 * The table's name without the site's prefix.
	 */
	const TABLE = 'wpmailsmtp_debug_events';

	/**
	 * `event_type` of an error.
	 */
	const TYPE_ERROR = 0;

	/**
	 * The table's name on the current site.
	 *
	 * @return string
	 */
	public function table(): string {
		global $wpdb;
		return $wpdb->prefix . self::TABLE;
	}

	/**
	 * Whether the table exists (as WP Mail SMTP's DebugEvents::is_valid_db() asks).
	 *
	 * @return bool
	 */
	public function exists(): bool {
		global $wpdb;
		$found = $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $this->table() ) ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
		return is_string( $found ) && $found === $this->table();
	}

	/**
	 * The newest row's id, null when the table is empty.
	 *
	 * @return int|null
	 */
	public function max_id(): ?int {
		global $wpdb;
		$table = $this->table();
		$max   = $wpdb->get_var( "SELECT MAX(id) FROM `{$table}`" ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the site's prefix and a constant name.
		return is_numeric( $max ) ? (int) $max : null;
	}

	/**
	 * Up to $limit rows older than $before_id, newest first.
	 *
	 * @param int $before_id Only rows with a smaller id.
	 * @param int $limit     At most this many rows.
	 * @return array<int, array{id: int, content: string, initiator: string, event_type: int, created_at: string}>
	 */
	public function newest( int $before_id, int $limit ): array {
		global $wpdb;
		$rows = $wpdb->get_results( $this->newest_sql( $before_id, $limit ), ARRAY_A ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.NotPrepared -- prepared in newest_sql().
		$out  = array();
		foreach ( is_array( $rows ) ? $rows : array() as $row ) {
			$out[] = array(
				'id'         => (int) $row['id'],
				'content'    => (string) $row['content'],
				'initiator'  => (string) $row['initiator'],
				'event_type' => (int) $row['event_type'],
				'created_at' => (string) $row['created_at'],
			);
		}
		return $out;
	}

	/**
	 * The query of newest() (public so that a test can EXPLAIN exactly it).
	 *
	 * @param int $before_id Only rows with a smaller id.
	 * @param int $limit     At most this many rows.
	 * @return string
	 */
	public function newest_sql( int $before_id, int $limit ): string {
		global $wpdb;
		$table = $this->table();
		return (string) $wpdb->prepare(
			"SELECT id, content, initiator, event_type, created_at FROM `{$table}` WHERE id < %d ORDER BY id DESC LIMIT %d", // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the site's prefix and a constant name.
			$before_id,
			max( 1, $limit )
		);
	}
}
