<?php
/**
 * Rows of core tables taken before a test that must leave its transaction (DDL) and put back
 * after it.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Recovery;

final class Site_Rows {

	/**
	 * Every row of tables.
	 *
	 * @param string[] $tables Tables.
	 * @return array<string, array<int, array<string, mixed>>>
	 */
	public static function take( array $tables ): array {
		global $wpdb;
		$kept = array();
		foreach ( $tables as $table ) {
			$rows           = $wpdb->get_results( "SELECT * FROM `$table`", ARRAY_A ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared
			$kept[ $table ] = is_array( $rows ) ? $rows : array();
		}
		return $kept;
	}

	/**
	 * Puts tables back as take() found them.
	 *
	 * @param array<string, array<int, array<string, mixed>>> $kept What take() returned.
	 */
	public static function put_back( array $kept ): void {
		global $wpdb;
		foreach ( $kept as $table => $rows ) {
			$wpdb->query( "DELETE FROM `$table`" ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared
			foreach ( $rows as $row ) {
				$wpdb->insert( $table, $row ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
			}
		}
		wp_cache_flush();
	}

	/**
	 * The held emails' tables that exist with a prefix.
	 *
	 * @param string $prefix Table prefix of a site.
	 * @return string[]
	 */
	public static function tables( string $prefix ): array {
		global $wpdb;
		$found = $wpdb->get_col( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $prefix . 'fix_mailersend_held' ) . '%' ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
		$found = is_array( $found ) ? array_values( array_filter( $found, static fn( $t ) => 1 === preg_match( '/^' . preg_quote( $prefix, '/' ) . 'fix_mailersend_held(_files)?$/', (string) $t ) ) ) : array();
		rsort( $found );
		return $found;
	}
}
