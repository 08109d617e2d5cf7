<?php
/**
 * Base of the outage report's tests: senders placed as a real plugin and a real theme of the
 * site, WP Mail SMTP's Debug Events table (the stand-in's, created as the real migration does),
 * and rows written as WP Mail SMTP writes them.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Recovery;

use FixMailerSend\Plugin;
use FixMailerSend\Recovery\Outage_Report;
use FixMailerSend\Storage\Failure_Log;
use FixMailerSend\Tests\TestCase;

abstract class Outage_Test_Case extends TestCase {

	/**
	 * The plugin that sends mail (folder under the site's plugins folder).
	 */
	const SHOP = 'fms-outage-shop';

	/**
	 * Its "Plugin Name".
	 */
	const SHOP_NAME = 'FMS Outage Shop';

	/**
	 * The theme that sends mail (folder under the site's themes folder).
	 */
	const THEME = 'fms-outage-theme';

	/**
	 * Its "Theme Name".
	 */
	const THEME_NAME = 'FMS Outage Theme';

	/**
	 * Creates the sender plugin and theme in the site (kept for the whole class).
	 */
	public static function setUpBeforeClass(): void {
		parent::setUpBeforeClass();
		$shop = WP_PLUGIN_DIR . '/' . self::SHOP;
		if ( ! is_dir( $shop ) ) {
			mkdir( $shop ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_mkdir
		}
		file_put_contents( // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_file_put_contents
			$shop . '/' . self::SHOP . '.php',
			"<?php\n/**\n * Plugin Name: " . self::SHOP_NAME . "\n * Description: Test sender of the outage report's tests.\n */\n\nfunction fms_outage_shop_send( \$to ) {\n\treturn wp_mail( \$to, 'Your order', 'Thanks for your order.' );\n}\n"
		);
		$theme = get_theme_root() . '/' . self::THEME;
		if ( ! is_dir( $theme ) ) {
			mkdir( $theme ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_mkdir
		}
		file_put_contents( $theme . '/style.css', "/*\nTheme Name: " . self::THEME_NAME . "\n*/\n" ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_file_put_contents
		file_put_contents( // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_file_put_contents
			$theme . '/functions.php',
			"<?php\n\nfunction fms_outage_theme_send( \$to ) {\n\treturn wp_mail( \$to, 'Contact form', 'Someone wrote to you.' );\n}\n"
		);
		require_once $shop . '/' . self::SHOP . '.php';
		require_once $theme . '/functions.php';
	}

	/**
	 * Removes the sender plugin and theme.
	 */
	public static function tearDownAfterClass(): void {
		foreach ( array( WP_PLUGIN_DIR . '/' . self::SHOP . '/' . self::SHOP . '.php', get_theme_root() . '/' . self::THEME . '/style.css', get_theme_root() . '/' . self::THEME . '/functions.php' ) as $file ) {
			if ( is_file( $file ) ) {
				unlink( $file ); // phpcs:ignore WordPress.WP.AlternativeFunctions.unlink_unlink
			}
		}
		foreach ( array( WP_PLUGIN_DIR . '/' . self::SHOP, get_theme_root() . '/' . self::THEME ) as $dir ) {
			if ( is_dir( $dir ) ) {
				rmdir( $dir ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_rmdir
			}
		}
		parent::tearDownAfterClass();
	}

	/**
	 * The Debug Events table exists (created outside the test's transaction: DDL commits),
	 * then every test starts with it empty, no failure or success known and no cached report.
	 */
	protected function setUp(): void {
		( new \WPMailSMTP\Admin\DebugEvents\Migration() )->migrate_to_1();
		parent::setUp();
		global $wpdb;
		$wpdb->query( "DELETE FROM {$this->table()}" ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		delete_option( Failure_Log::OPTION );
		delete_option( Outage_Report::OPTION );
		wp_cache_delete( 'plugins', 'plugins' );
		delete_transient( 'wp_mail_smtp_initiators_data' );
	}

	/**
	 * The report as the plugin builds it.
	 *
	 * @return array<string, mixed>|null
	 */
	protected function report(): ?array {
		$plugin = Plugin::instance();
		$this->assertNotNull( $plugin );
		return $plugin->outage_report()->get();
	}

	/**
	 * WP Mail SMTP's table on this site.
	 *
	 * @return string
	 */
	protected function table(): string {
		global $wpdb;
		return $wpdb->prefix . 'wpmailsmtp_debug_events';
	}

	/**
	 * Every row of the table, oldest first.
	 *
	 * @return array<int, array<string, string>>
	 */
	protected function rows(): array {
		global $wpdb;
		return $wpdb->get_results( "SELECT * FROM {$this->table()} ORDER BY id", ARRAY_A ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared
	}

	/**
	 * Puts a stand-in token in WP Mail SMTP's settings.
	 *
	 * @param string $name Token name in tokens.json.
	 * @return void
	 */
	protected function use_token( string $name ): void {
		$option                          = $this->wpms_option();
		$option['mailersend']['api_key'] = $this->token( $name );
		$this->set_wpms_option( $option );
	}

	/**
	 * Inserts rows as WP Mail SMTP writes them, in multi-row INSERTs of up to 1,000 rows.
	 *
	 * @param array<int, array{0: string, 1: string, 2: int, 3: int}> $rows Each: error text (after
	 *        the "Mailer: MailerSend" line; null-ish "" for a transport error), the caller's file,
	 *        seconds ago, event type (0 error, 1 debug).
	 * @param string                                                  $mailer The "Mailer:" line's name.
	 * @return void
	 */
	protected function insert_rows( array $rows, string $mailer = 'MailerSend' ): void {
		global $wpdb;
		$now = time();
		foreach ( array_chunk( $rows, 1000 ) as $chunk ) {
			$values = array();
			foreach ( $chunk as $row ) {
				$content  = 1 === $row[3] ? $row[0] : "Mailer: $mailer\r\n" . $row[0];
				$values[] = $wpdb->prepare(
					'(%s, %s, %d, %s)',
					$content,
					(string) wp_json_encode(
						array(
							'file' => $row[1],
							'line' => 12,
						)
					),
					$row[3],
					gmdate( 'Y-m-d H:i:s', $now - $row[2] )
				);
			}
			$wpdb->query( "INSERT INTO {$this->table()} (content, initiator, event_type, created_at) VALUES " . implode( ',', $values ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		}
	}

	/**
	 * The sender plugin's main file (where its wp_mail() call is).
	 *
	 * @return string
	 */
	protected static function shop_file(): string {
		return WP_PLUGIN_DIR . '/' . self::SHOP . '/' . self::SHOP . '.php';
	}

	/**
	 * A date of the sentence as a reader in the site's time zone expects it ("1 Dec, 14:02"),
	 * computed without WordPress's date functions.
	 *
	 * @param int    $time     Unix time.
	 * @param string $timezone Time zone.
	 * @return string
	 */
	protected static function local( int $time, string $timezone ): string {
		return ( new \DateTimeImmutable( '@' . $time ) )->setTimezone( new \DateTimeZone( $timezone ) )->format( 'j M, H:i' );
	}
}
