<?php
/**
 * Base class of the multisite tests: the subdirectory network of a multisite profile
 * (`bash bin/test.sh php-multisite`, docs/harness.md), sites 1 (/) and 2 (/second/), Fix
 * MailerSend network-active, WP Mail SMTP active on each site with that site's own settings.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Multisite;

use FixMailerSend\Plugin;
use FixMailerSend\Tests\TestCase;
use FixMailerSend\Watch\Daily_Check;

/**
 * TestCase's transaction covers every site: switch_to_blog() keeps the database connection.
 */
abstract class Multisite_Test_Case extends TestCase {

	/**
	 * The second site's path.
	 */
	const SECOND_PATH = '/second/';

	/**
	 * This plugin's rows in a site's options table (LIKE patterns), transients included.
	 */
	const PLUGIN_OPTIONS = array(
		'fix\_mailersend\_%',
		'\_transient\_fix\_mailersend\_%',
		'\_transient\_timeout\_fix\_mailersend\_%',
	);

	/**
	 * Core's own PHP 8.2+ deprecation, logged whenever a network loads
	 * wp-includes/ms-functions.php (e.g. by the HTTP request of a test): not this plugin's.
	 */
	const CORE_MULTISITE_DEPRECATION = '#^\[[^\]]+\] PHP Deprecated:  Optional parameter \$\w+ declared before required parameter \$\w+ is implicitly treated as a required parameter in \S+/wp-includes/ms-functions\.php on line \d+\R#m';

	/**
	 * The running plugin.
	 *
	 * @var Plugin
	 */
	protected $plugin;

	protected function setUp(): void {
		parent::setUp();
		if ( ! is_multisite() ) {
			$this->fail( 'These tests need a multisite network: run them with `bash bin/test.sh php-multisite`.' );
		}
		$plugin = Plugin::instance();
		$this->assertNotNull( $plugin );
		$this->plugin = $plugin;
	}

	protected function tearDown(): void {
		while ( ms_is_switched() ) {
			restore_current_blog();
		}
		parent::tearDown();
	}

	/**
	 * The main site's id.
	 *
	 * @return int
	 */
	protected function main_site(): int {
		return get_main_site_id();
	}

	/**
	 * The second site's id.
	 *
	 * @return int
	 */
	protected function second_site(): int {
		$ids = get_sites(
			array(
				'path'   => self::SECOND_PATH,
				'fields' => 'ids',
			)
		);
		$this->assertCount( 1, $ids, 'The network has no site at ' . self::SECOND_PATH );
		return (int) $ids[0];
	}

	/**
	 * Acts on a site as a request to it does: switch_to_blog(), then WP Mail SMTP re-reads its
	 * settings (like the real plugin, it keeps one copy per request, read on the site the
	 * request is for, which switch_to_blog() does not change).
	 *
	 * @param int $site_id The site.
	 * @return void
	 */
	protected function on_site( int $site_id ): void {
		switch_to_blog( $site_id );
		self::refresh_wp_mail_smtp_options();
	}

	/**
	 * Back to the site before on_site().
	 *
	 * @return void
	 */
	protected function leave_site(): void {
		restore_current_blog();
		self::refresh_wp_mail_smtp_options();
	}

	/**
	 * Runs a callback on a site (see on_site()) and returns what it returns.
	 *
	 * @template T
	 * @param int             $site_id  The site.
	 * @param callable(): T   $callback What to do there.
	 * @return T
	 */
	protected function on( int $site_id, callable $callback ) {
		$this->on_site( $site_id );
		try {
			return $callback();
		} finally {
			$this->leave_site();
		}
	}

	/**
	 * The user who installed the network (`admin`): a super admin.
	 *
	 * @return int
	 */
	protected function super_admin(): int {
		$user = get_user_by( 'login', 'admin' );
		$this->assertInstanceOf( \WP_User::class, $user );
		$this->assertTrue( is_super_admin( $user->ID ) );
		return (int) $user->ID;
	}

	/**
	 * An option's bytes as stored in a site's options table (null when there is no row).
	 *
	 * @param int    $site_id The site.
	 * @param string $name    Option name.
	 * @return string|null
	 */
	protected function raw_option( int $site_id, string $name ): ?string {
		global $wpdb;
		$table = $wpdb->get_blog_prefix( $site_id ) . 'options';
		$value = $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM `$table` WHERE option_name = %s", $name ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- a core table name.
		return null === $value ? null : (string) $value;
	}

	/**
	 * This plugin's rows in a site's options table: name => value (not the held emails' schema
	 * version).
	 *
	 * @param int $site_id The site.
	 * @return array<string, string>
	 */
	protected function plugin_rows( int $site_id ): array {
		global $wpdb;
		$table = $wpdb->get_blog_prefix( $site_id ) . 'options';
		$where = implode( ' OR ', array_fill( 0, count( self::PLUGIN_OPTIONS ), 'option_name LIKE %s' ) );
		$rows  = $wpdb->get_results( $wpdb->prepare( "SELECT option_name, option_value FROM `$table` WHERE $where ORDER BY option_name", self::PLUGIN_OPTIONS ), ARRAY_A ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQLPlaceholders.UnfinishedPrepare -- a core table name, and one placeholder per pattern in $where.
		$found = array();
		foreach ( (array) $rows as $row ) {
			$found[ (string) $row['option_name'] ] = (string) $row['option_value'];
		}
		// The held emails' schema version is there once the site's tables are (TestCase creates
		// them on every site): installation, not something the plugin kept about the site.
		unset( $found[ \FixMailerSend\Recovery\Held_Store::DB_VERSION_OPTION ] );
		return $found;
	}

	/**
	 * The current site's events of the daily check's hook (the daily one and any retry).
	 *
	 * @return array<int, mixed>
	 */
	protected function daily_check_events(): array {
		$found = array();
		foreach ( _get_cron_array() as $hooks ) {
			foreach ( $hooks[ Daily_Check::HOOK ] ?? array() as $event ) {
				$found[] = $event;
			}
		}
		return $found;
	}

	/**
	 * WordPress's debug log since setUp(), without core's own multisite deprecation.
	 *
	 * @return string
	 */
	protected function debug_log_since_setup(): string {
		return (string) preg_replace( self::CORE_MULTISITE_DEPRECATION, '', parent::debug_log_since_setup() );
	}
}
