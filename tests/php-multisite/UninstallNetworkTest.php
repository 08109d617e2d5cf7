<?php
/**
 * Uninstalling from the network removes this plugin's data on every site and leaves every
 * site's WP Mail SMTP settings as they were, byte for byte.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- WordPress's and WP Mail SMTP's own constant and hook.

namespace FixMailerSend\Tests\Multisite;

use FixMailerSend\Recovery\Held_Store;
use FixMailerSend\Watch\Admin_Notice;
use FixMailerSend\Watch\Daily_Check;
use PHPUnit\Framework\Attributes\PreserveGlobalState;
use PHPUnit\Framework\Attributes\RunInSeparateProcess;

require_once __DIR__ . '/Multisite_Test_Case.php';

final class UninstallNetworkTest extends Multisite_Test_Case {

	#[RunInSeparateProcess]
	#[PreserveGlobalState( false )]
	public function test_uninstall_cleans_every_site_and_keeps_every_sites_wp_mail_smtp_settings(): void {
		global $wpdb;
		$sites = array( $this->main_site(), $this->second_site() );
		$admin = $this->super_admin();
		wp_set_current_user( $admin );

		// Each site gets every kind of data this plugin keeps: a failure, a daily check (last
		// check, watch log, throttle), a checked save (audit, expiry, recent deep check), the
		// daily event and a dismissed notice.
		foreach ( $sites as $site ) {
			$this->on_site( $site );
			do_action( 'wp_mail_smtp_mailcatcher_send_failed', 'Unauthenticated.', null, 'mailersend', '', 401 );
			// WP Mail SMTP's record of it (a Debug Events row of the site), then the outage report's cache.
			\WPMailSMTP\Debug::set( "Mailer: MailerSend\r\nUnauthenticated." );
			$this->assertSame( 200, $this->rest( 'GET', '/status' )->get_status() );
			do_action( Daily_Check::HOOK );
			$checked = $this->deep_check( $this->token( 'valid_full' ) );
			$this->assertSame( 200, $checked->get_status() );
			$saved = $this->rest(
				'PUT',
				'/token',
				array(
					'token'      => $this->token( 'valid_full' ),
					'expires_at' => '2027-06-30',
				)
			);
			$this->assertSame( 200, $saved->get_status(), (string) wp_json_encode( $this->json( $saved ) ) );
			$this->plugin->schedule_daily_check();
			update_user_option( $admin, Admin_Notice::USER_OPTION, 'dismissed-on-' . $site );
			$this->assertIsInt(
				( new Held_Store() )->add(
					array(
						'verdict'    => 'unauthenticated',
						'recipients' => array( "a@site$site.example" ),
					)
				)
			);
			$this->leave_site();
		}

		$before = array();
		foreach ( $sites as $site ) {
			$before[ $site ] = $this->other_rows( $site );
			$this->assertNotNull( $this->raw_option( $site, 'wp_mail_smtp' ) );
			$this->assertEqualsCanonicalizing(
				array( 'fix_mailersend_audit', 'fix_mailersend_last_check', 'fix_mailersend_last_failure', 'fix_mailersend_outage', 'fix_mailersend_throttle_check', 'fix_mailersend_throttle_probe', 'fix_mailersend_token_expires', 'fix_mailersend_watch' ),
				array_values( array_filter( array_keys( $this->plugin_rows( $site ) ), static fn( $name ) => 0 === strpos( $name, 'fix_' ) ) ),
				"Site $site"
			);
			$this->assertNotEmpty( array_filter( array_keys( $this->plugin_rows( $site ) ), static fn( $name ) => 0 === strpos( $name, '_transient_fix_mailersend_deep_' ) ), "Site $site" );
			$this->assertNotSame( array(), $this->on( $site, fn() => $this->daily_check_events() ), "Site $site" );
			$this->assertSame( Held_Store::DB_VERSION, $this->raw_option( $site, Held_Store::DB_VERSION_OPTION ), "Site $site" );
		}
		$this->assertCount( 2, $this->dismissals( $admin ) );

		// As WordPress does it, from the network's main site.
		$dropped = $this->run_uninstall();
		// Each site's held-email tables (Held_Per_Site_Test drops them for real).
		$tables = array();
		foreach ( $sites as $site ) {
			$tables[] = $wpdb->get_blog_prefix( $site ) . 'fix_mailersend_held_files';
			$tables[] = $wpdb->get_blog_prefix( $site ) . 'fix_mailersend_held';
		}
		$this->assertSame( $tables, $dropped );
		wp_cache_flush();

		foreach ( $sites as $site ) {
			$this->assertSame( array(), $this->plugin_rows( $site ), "Site $site" );
			$this->assertNull( $this->raw_option( $site, Held_Store::DB_VERSION_OPTION ), "Site $site" );
			$this->assertSame( array(), $this->on( $site, fn() => $this->daily_check_events() ), "Site $site" );
			// Every other option, WP Mail SMTP's first, byte for byte.
			$this->assertSame( $before[ $site ], $this->other_rows( $site ), "Site $site" );
		}
		$this->assertSame( array(), $this->dismissals( $admin ) );
		$this->assertSame( get_main_site_id(), get_current_blog_id() );
	}

	/**
	 * A site's options rows that are neither this plugin's nor WordPress's cron list.
	 *
	 * @param int $site The site.
	 * @return array<string, string>
	 */
	private function other_rows( int $site ): array {
		global $wpdb;
		$table = $wpdb->get_blog_prefix( $site ) . 'options';
		$rows  = $wpdb->get_results( "SELECT option_name, option_value FROM `$table` WHERE option_name <> 'cron' ORDER BY option_name", ARRAY_A ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- a core table name.
		$found = array();
		foreach ( (array) $rows as $row ) {
			$found[ (string) $row['option_name'] ] = (string) $row['option_value'];
		}
		$ours = $this->plugin_rows( $site );
		$this->assertArrayHasKey( 'wp_mail_smtp', $found );
		return array_diff_key( $found, $ours + array( Held_Store::DB_VERSION_OPTION => '' ) );
	}

	/**
	 * A user's dismissals of the notice, on any site of the network.
	 *
	 * @param int $user_id User.
	 * @return array<int, string>
	 */
	private function dismissals( int $user_id ): array {
		global $wpdb;
		return $wpdb->get_col( $wpdb->prepare( "SELECT meta_key FROM {$wpdb->usermeta} WHERE user_id = %d AND meta_key LIKE %s", $user_id, '%' . $wpdb->esc_like( Admin_Notice::USER_OPTION ) ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
	}
}
