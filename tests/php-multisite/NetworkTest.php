<?php
/**
 * The network the other multisite tests rely on is real: a subdirectory network of two sites
 * served over HTTP, Fix MailerSend network-active, WP Mail SMTP active and set up per site.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Multisite;

require_once __DIR__ . '/Multisite_Test_Case.php';

final class NetworkTest extends Multisite_Test_Case {

	public function test_a_subdirectory_network_of_two_sites_on_the_profiles_port(): void {
		$site_url = (string) getenv( 'FMS_SITE_URL' );
		$domain   = (string) wp_parse_url( $site_url, PHP_URL_HOST ) . ':' . (string) wp_parse_url( $site_url, PHP_URL_PORT );

		$this->assertFalse( is_subdomain_install() );
		$this->assertSame( $domain, DOMAIN_CURRENT_SITE, 'WordPress accepts the port in the network domain.' );
		$this->assertSame( $domain, get_network()->domain );
		$this->assertSame( array( '/', self::SECOND_PATH ), wp_list_pluck( get_sites( array( 'orderby' => 'id' ) ), 'path' ) );
		$this->assertSame( $this->main_site(), get_current_blog_id() );
		$this->assertSame( $site_url, get_home_url( $this->main_site() ) );
		$this->assertSame( $site_url . '/second', get_home_url( $this->second_site() ) );
	}

	public function test_fix_mailersend_is_network_active_and_wp_mail_smtp_active_on_each_site(): void {
		require_once ABSPATH . 'wp-admin/includes/plugin.php';
		$this->assertTrue( is_plugin_active_for_network( 'fix-mailersend/plugin.php' ) );
		$this->assertFalse( is_plugin_active_for_network( 'wp-mail-smtp/wp_mail_smtp.php' ) );
		foreach ( array( $this->main_site(), $this->second_site() ) as $site ) {
			$active = $this->on( $site, static fn() => (array) get_option( 'active_plugins' ) );
			$this->assertSame( array( 'wp-mail-smtp/wp_mail_smtp.php' ), $active, "Site $site" );
		}
	}

	public function test_each_site_has_its_own_wp_mail_smtp_settings(): void {
		$main   = $this->on( $this->main_site(), fn() => $this->wpms_option() );
		$second = $this->on( $this->second_site(), fn() => $this->wpms_option() );

		$this->assertSame( $this->token( 'expired' ), $main['mailersend']['api_key'] );
		$this->assertSame( 'wordpress@example.com', $main['mail']['from_email'] );
		$this->assertSame( $this->token( 'valid_full' ), $second['mailersend']['api_key'] );
		$this->assertSame( 'news@example.com', $second['mail']['from_email'] );
		$this->assertSame( 'mailersend', $second['mail']['mailer'] );
	}

	public function test_the_second_site_answers_over_http(): void {
		$second = $this->second_site();

		$index = wp_remote_get( get_rest_url( $second ), array( 'timeout' => 10 ) );
		$this->assertSame( 200, wp_remote_retrieve_response_code( $index ) );
		$data = json_decode( wp_remote_retrieve_body( $index ), true );
		$this->assertSame( 'Second site (local)', $data['name'] ?? null );
		$this->assertContains( 'fix-mailersend/v1', $data['namespaces'] ?? array() );

		// The plugin's route on that site, logged out.
		$status = wp_remote_get( get_rest_url( $second, 'fix-mailersend/v1/status' ), array( 'timeout' => 10 ) );
		$this->assertSame( 401, wp_remote_retrieve_response_code( $status ) );
		$this->assertSame( 'rest_forbidden', json_decode( wp_remote_retrieve_body( $status ), true )['code'] ?? null );
	}
}
