<?php
/**
 * Test stand-in: creates WP Mail SMTP's Debug Events table, as its DebugEvents\Migration (3.0+).
 *
 * @package FixMailerSend\Tests\StandIns\WPMailSMTP
 */

namespace WPMailSMTP\Admin\DebugEvents;

/**
 * The table's structure is the real one's (DB version 1): `id` INT UNSIGNED AUTO_INCREMENT as
 * the PRIMARY KEY and no other index, `content` and `initiator` TEXT, `event_type` TINYINT
 * UNSIGNED (0 error, 1 debug), `created_at` TIMESTAMP.
 */
class Migration {

	/**
	 * Version of the table.
	 *
	 * @var int
	 */
	const DB_VERSION = 1;

	/**
	 * Option holding the table's version on this site (same name as the real one).
	 *
	 * @var string
	 */
	const OPTION_NAME = 'wp_mail_smtp_debug_events_db_version';

	/**
	 * Option where an error of the table's creation is kept (same name as the real one).
	 *
	 * @var string
	 */
	const ERROR_OPTION_NAME = 'wp_mail_smtp_debug_events_db_error';

	/**
	 * Creates the table when this site's version is older (activation, `admin_init`).
	 */
	public function maybe_migrate() {
		if ( (int) get_option( self::OPTION_NAME, 0 ) < self::DB_VERSION ) {
			$this->migrate_to_1();
		}
	}

	/**
	 * Creates the table (IF NOT EXISTS) and records the version.
	 */
	public function migrate_to_1() {
		global $wpdb;

		$table   = DebugEvents::get_table_name();
		$collate = $wpdb->get_charset_collate();

		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- DDL with the table's own name, as the real migration.
		$result = $wpdb->query(
			"CREATE TABLE IF NOT EXISTS `$table` (
				`id` INT UNSIGNED NOT NULL AUTO_INCREMENT,
				`content` TEXT DEFAULT NULL,
				`initiator` TEXT DEFAULT NULL,
				`event_type` TINYINT UNSIGNED NOT NULL DEFAULT '0',
				`created_at` TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
				PRIMARY KEY (id)
			)
			ENGINE='InnoDB'
			{$collate};"
		);
		// phpcs:enable

		if ( ! empty( $wpdb->last_error ) ) {
			update_option( self::ERROR_OPTION_NAME, $wpdb->last_error, false );
		}

		if ( false !== $result ) {
			update_option( self::OPTION_NAME, self::DB_VERSION, false );
		}
	}
}
