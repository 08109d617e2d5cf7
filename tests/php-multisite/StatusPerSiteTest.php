<?php
/**
 * GET /status and who may use the API, site by site.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Multisite;

use FixMailerSend\Support\Mask;

require_once __DIR__ . '/Multisite_Test_Case.php';

final class StatusPerSiteTest extends Multisite_Test_Case {

	public function test_each_site_shows_its_own_wp_mail_smtp_settings(): void {
		wp_set_current_user( $this->super_admin() );

		$main   = $this->on( $this->main_site(), fn() => $this->json( $this->rest( 'GET', '/status' ) ) );
		$second = $this->on( $this->second_site(), fn() => $this->json( $this->rest( 'GET', '/status' ) ) );

		$this->assertSame( Mask::token( $this->token( 'expired' ) ), $main['token']['masked'] );
		$this->assertSame(
			array(
				'email'  => 'wordpress@example.com',
				'domain' => 'example.com',
			),
			$main['from']
		);
		$this->assertSame( get_admin_url( $this->main_site(), 'admin.php?page=wp-mail-smtp' ), $main['wp_mail_smtp']['settings_url'] );

		$this->assertSame( Mask::token( $this->token( 'valid_full' ) ), $second['token']['masked'] );
		$this->assertSame(
			array(
				'email'  => 'news@example.com',
				'domain' => 'example.com',
			),
			$second['from']
		);
		$this->assertSame( get_admin_url( $this->second_site(), 'admin.php?page=wp-mail-smtp' ), $second['wp_mail_smtp']['settings_url'] );
		$this->assertStringContainsString( '/second/wp-admin/', $second['wp_mail_smtp']['settings_url'] );

		foreach ( array( $main, $second ) as $status ) {
			$this->assertSame( 'active', $status['wp_mail_smtp']['state'] );
			$this->assertSame( 'database', $status['token']['source'] );
			$this->assertNull( $status['last_failure'] );
			$this->assertNull( $status['last_check'] );
		}
		$this->assertSame( array(), $this->standin_requests(), 'Status never asks MailerSend.' );
	}

	public function test_a_site_admin_uses_the_api_on_their_own_site_only(): void {
		$second = $this->second_site();
		$this->on_site( $second );
		$site_admin = $this->make_user( 'administrator' );
		wp_set_current_user( $site_admin );

		// WP Mail SMTP asks for manage_options, which a site's administrator has on a network too.
		$this->assertFalse( is_super_admin( $site_admin ) );
		$this->assertSame( 'manage_options', wp_mail_smtp()->get_capability_manage_options() );
		$this->assertSame( 'manage_options', $this->plugin->adapter()->capability() );
		$this->assertTrue( current_user_can( 'manage_options' ) );

		$status = $this->rest( 'GET', '/status' );
		$this->assertSame( 200, $status->get_status() );
		$this->assertSame( Mask::token( $this->token( 'valid_full' ) ), $this->json( $status )['token']['masked'] );
		$check = $this->rest( 'POST', '/token/check' );
		$this->assertSame( 200, $check->get_status() );
		$this->assertSame( 'valid', $this->json( $check )['verdict']['id'] );
		$this->leave_site();

		// Not on the main site, where they are not even a member.
		$this->on_site( $this->main_site() );
		$this->assertFalse( is_user_member_of_blog( $site_admin, $this->main_site() ) );
		$this->assertRestError( 403, 'rest_forbidden', $this->rest( 'GET', '/status' ) );
		$this->assertRestError( 403, 'rest_forbidden', $this->rest( 'POST', '/token/check' ) );
	}

	public function test_a_super_admin_uses_it_on_a_site_they_are_not_a_member_of(): void {
		$user = $this->make_user( 'subscriber' );
		$this->assertTrue( grant_super_admin( $user ) );
		wp_set_current_user( $user );

		$this->on_site( $this->second_site() );
		$this->assertFalse( is_user_member_of_blog( $user, $this->second_site() ) );
		$response = $this->rest( 'GET', '/status' );
		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( 'news@example.com', $this->json( $response )['from']['email'] );
	}

	public function test_an_editor_of_the_site_is_refused(): void {
		$this->on_site( $this->second_site() );
		$this->log_in_as( 'editor' );
		$this->assertRestError( 403, 'rest_forbidden', $this->rest( 'GET', '/status' ) );
	}
}
