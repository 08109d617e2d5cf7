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
}
