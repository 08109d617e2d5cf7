<?php
/**
 * WP Mail SMTP Pro's network-wide settings: its Options::set() then writes the MAIN site's
 * option, so only someone who may manage the network may save (or even see) the token.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Multisite;

use FixMailerSend\Support\Mask;

require_once __DIR__ . '/Multisite_Test_Case.php';

final class NetworkWideSettingsTest extends Multisite_Test_Case {

	protected function tearDown(): void {
		global $submenu, $_registered_pages, $_wp_submenu_nopriv;
		unset( $submenu['wp-mail-smtp'], $_wp_submenu_nopriv['wp-mail-smtp'] );
		foreach ( array_keys( (array) $_registered_pages ) as $hook ) {
			if ( false !== strpos( (string) $hook, 'fix-mailersend' ) ) {
				unset( $_registered_pages[ $hook ] );
			}
		}
		parent::tearDown();
	}

	/**
	 * Turns WP Mail SMTP's "network-wide settings" on or off: `['general']['network_wide']` in
	 * the main site's option, where WP Mail SMTP Pro keeps it.
	 *
	 * @param bool $on On or off.
	 * @return void
	 */
	private function set_network_wide( bool $on ): void {
		$main = $this->main_site();
		switch_to_blog( $main );
		$option                            = get_option( 'wp_mail_smtp', array() );
		$option                            = is_array( $option ) ? $option : array();
		$option['general']['network_wide'] = $on;
		update_option( 'wp_mail_smtp', $option, false );
		restore_current_blog();
		self::refresh_wp_mail_smtp_options();
	}

	/**
	 * A new administrator of the second site (not a super admin), logged in, on that site.
	 *
	 * @return int
	 */
	private function site_admin_on_second_site(): int {
		$this->on_site( $this->second_site() );
		$site_admin = $this->make_user( 'administrator' );
		wp_set_current_user( $site_admin );
		$this->assertFalse( is_super_admin( $site_admin ) );
		$this->assertTrue( current_user_can( 'manage_options' ) );
		$this->assertFalse( current_user_can( 'manage_network_options' ) );
		return $site_admin;
	}

	public function test_the_stand_in_reports_network_wide_settings_like_wp_mail_smtp(): void {
		$this->assertTrue( method_exists( '\WPMailSMTP\WP', 'use_global_plugin_settings' ) );
		$this->assertFalse( \WPMailSMTP\WP::use_global_plugin_settings() );
		$this->set_network_wide( true );
		$this->assertTrue( \WPMailSMTP\WP::use_global_plugin_settings() );
		$this->assertTrue( $this->on( $this->second_site(), static fn() => \WPMailSMTP\WP::use_global_plugin_settings() ) );
	}

	public function test_with_network_wide_settings_a_site_admin_is_refused(): void {
		$main = $this->main_site();
		$this->set_network_wide( true );
		$main_wpms = $this->raw_option( $main, 'wp_mail_smtp' );
		$this->assertNotNull( $main_wpms );

		$this->site_admin_on_second_site();
		$this->assertRestError( 403, 'rest_forbidden', $this->rest( 'PUT', '/token', array( 'token' => $this->token( 'valid_all_scopes' ) ) ) );
		$this->assertRestError( 403, 'rest_forbidden', $this->rest( 'GET', '/status' ) );
		$this->assertRestError( 403, 'rest_forbidden', $this->rest( 'POST', '/token/check', array( 'token' => $this->token( 'valid_all_scopes' ) ) ) );
		$this->assertRestError( 403, 'rest_forbidden', $this->rest( 'POST', '/test-email', array( 'to' => 'someone@example.com' ) ) );
		$this->assertTrue( $this->plugin->adapter()->network_wide_settings() );
		$this->assertSame( 'manage_network_options', $this->plugin->adapter()->capability() );
		$this->leave_site();

		// Nothing reached MailerSend, and the whole network's settings are untouched.
		$this->assertSame( array(), $this->standin_requests() );
		$this->assertSame( $main_wpms, $this->raw_option( $main, 'wp_mail_smtp' ) );
	}

	public function test_with_network_wide_settings_the_menu_entry_needs_network_rights(): void {
		global $submenu;
		require_once ABSPATH . 'wp-admin/includes/plugin.php';
		$this->set_network_wide( true );

		$this->site_admin_on_second_site();
		$this->plugin->admin_page()->register();
		$this->assertNotContains( 'fix-mailersend', array_column( $submenu['wp-mail-smtp'] ?? array(), 2 ) );
		$this->assertSame( array( 'deactivate' => 'x' ), $this->plugin->admin_page()->action_links( array( 'deactivate' => 'x' ) ) );

		wp_set_current_user( $this->super_admin() );
		$this->plugin->admin_page()->register();
		$entries = array_column( $submenu['wp-mail-smtp'] ?? array(), 1, 2 );
		$this->assertSame( 'manage_network_options', $entries['fix-mailersend'] ?? null );
		$this->leave_site();
	}

	public function test_with_network_wide_settings_a_super_admin_may_and_status_says_so(): void {
		$this->set_network_wide( true );
		wp_set_current_user( $this->super_admin() );

		$status = $this->on( $this->second_site(), fn() => $this->rest( 'GET', '/status' ) );
		$this->assertSame( 200, $status->get_status() );
		$this->assertTrue( $this->json( $status )['wp_mail_smtp']['network_wide'] );
	}

	public function test_without_network_wide_settings_a_site_admin_may(): void {
		$this->set_network_wide( false );
		$this->site_admin_on_second_site();

		$saved = $this->rest( 'PUT', '/token', array( 'token' => $this->token( 'valid_all_scopes' ) ) );
		$this->assertSame( 200, $saved->get_status(), (string) wp_json_encode( $this->json( $saved ) ) );
		$this->assertSame( $this->token( 'valid_all_scopes' ), $this->wpms_option()['mailersend']['api_key'] );

		$status = $this->rest( 'GET', '/status' );
		$this->assertSame( 200, $status->get_status() );
		$this->assertSame( Mask::token( $this->token( 'valid_all_scopes' ) ), $this->json( $status )['token']['masked'] );
		$this->assertFalse( $this->json( $status )['wp_mail_smtp']['network_wide'] );
		$this->assertFalse( $this->plugin->adapter()->network_wide_settings() );
		$this->assertSame( 'manage_options', $this->plugin->adapter()->capability() );
		$this->leave_site();
	}

	/**
	 * What another request does to a site's WP Mail SMTP option: writes the database, and this
	 * request's copies (WP Mail SMTP's Options, the options cache) know nothing of it.
	 *
	 * @param int                  $site_id The site.
	 * @param array<string, mixed> $option  WP Mail SMTP's whole option.
	 * @return void
	 */
	private function write_from_another_request( int $site_id, array $option ): void {
		global $wpdb;
		$wpdb->update( $wpdb->get_blog_prefix( $site_id ) . 'options', array( 'option_value' => maybe_serialize( $option ) ), array( 'option_name' => 'wp_mail_smtp' ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
	}

	/**
	 * @return array<string, array{string}>
	 */
	public static function sites(): array {
		return array(
			'from the main site (/)'          => array( 'main' ),
			'from the second site (/second/)' => array( 'second' ),
		);
	}

	/**
	 * WP Mail SMTP Pro with network-wide settings: every site reads the MAIN site's option
	 * (Pro's populate filter, get_blog_option( get_main_site_id() )), so the save must merge
	 * into a fresh copy of that option, whichever site it runs on.
	 *
	 * @param string $which The site the save is sent to.
	 */
	#[\PHPUnit\Framework\Attributes\DataProvider( 'sites' )]
	public function test_with_pro_a_save_keeps_a_change_made_during_it( string $which ): void {
		$main = $this->main_site();
		$site = 'main' === $which ? $main : $this->second_site();
		add_filter( 'wp_mail_smtp_core_is_pro', '__return_true' );
		try {
			$this->set_network_wide( true );
			$option                      = get_blog_option( $main, 'wp_mail_smtp' );
			$option['mail']['from_name'] = 'Before';
			update_blog_option( $main, 'wp_mail_smtp', $option );
			wp_set_current_user( $this->super_admin() );
			$this->on_site( $site );
			// As Pro does, this request read the main site's settings when it started.
			$this->assertSame( 'Before', \WPMailSMTP\Options::init()->get( 'mail', 'from_name' ) );

			// While the save waits for MailerSend, another admin renames the sender: another
			// request, so the database only (this request's caches know nothing of it).
			$renamed                      = $option;
			$renamed['mail']['from_name'] = 'Renamed meanwhile';
			$meanwhile                    = function ( $pre ) use ( $main, $renamed ) {
				$this->write_from_another_request( $main, $renamed );
				return $pre;
			};
			add_filter( 'pre_http_request', $meanwhile, 5 );
			try {
				$response = $this->rest( 'PUT', '/token', array( 'token' => $this->token( 'valid_all_scopes' ) ) );
			} finally {
				remove_filter( 'pre_http_request', $meanwhile, 5 );
			}
			$this->leave_site();
		} finally {
			remove_filter( 'wp_mail_smtp_core_is_pro', '__return_true' );
		}

		$this->assertSame( 200, $response->get_status(), (string) wp_json_encode( $this->json( $response ) ) );
		$saved = maybe_unserialize( (string) $this->raw_option( $main, 'wp_mail_smtp' ) );
		$this->assertIsArray( $saved );
		$this->assertSame( 'Renamed meanwhile', $saved['mail']['from_name'] );
		$this->assertSame( $this->token( 'valid_all_scopes' ), $saved['mailersend']['api_key'] );
		$this->assertTrue( $saved['general']['network_wide'] );
	}
}
