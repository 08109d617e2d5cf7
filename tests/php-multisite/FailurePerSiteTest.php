<?php
/**
 * A failed email is recorded on the site that sent it, and shown there only.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- WP Mail SMTP's own hook.

namespace FixMailerSend\Tests\Multisite;

require_once __DIR__ . '/Multisite_Test_Case.php';

final class FailurePerSiteTest extends Multisite_Test_Case {

	public function test_a_failure_recorded_on_the_main_site_does_not_show_on_the_second(): void {
		wp_set_current_user( $this->super_admin() );

		$this->on_site( $this->main_site() );
		do_action( 'wp_mail_smtp_mailcatcher_send_failed', 'Unauthenticated.', null, 'mailersend', '', 401 );
		$main = $this->json( $this->rest( 'GET', '/status' ) );
		$this->leave_site();
		$this->assertSame( 'Unauthenticated.', $main['last_failure']['message'] );
		$this->assertSame( 401, $main['last_failure']['http_status'] );

		$this->on_site( $this->second_site() );
		$this->assertNull( $this->json( $this->rest( 'GET', '/status' ) )['last_failure'] );
		$this->assertSame( array(), $this->plugin_rows( $this->second_site() ) );
	}

	public function test_a_real_failed_email_alerts_its_own_site_only(): void {
		wp_set_current_user( $this->super_admin() );

		// The main site's token is rejected; the second site's email goes out afterwards.
		$this->on_site( $this->main_site() );
		$this->assertFalse( wp_mail( 'customer@example.com', 'Your order', 'Thanks.' ) );
		$this->leave_site();
		$this->on_site( $this->second_site() );
		$this->assertTrue( wp_mail( 'reader@example.com', 'Newsletter', 'Hello.' ) );
		$this->leave_site();

		$sent = $this->standin_requests_to( '/v1/email' );
		$this->assertSame( array( 'expired', 'valid_full' ), array_column( $sent, 'token_name' ) );

		$this->on_site( $this->main_site() );
		$main = $this->json( $this->rest( 'GET', '/status' ) );
		$this->assertFalse( $main['last_failure']['resolved'], "The second site's good send does not resolve the main site's failure." );
		$this->assertSame( 'unauthenticated', $main['headline']['id'] );
		$this->assertNotNull( $this->plugin->admin_notice()->current_problem(), 'The main site shows the notice.' );
		$this->leave_site();

		$this->on_site( $this->second_site() );
		$second = $this->json( $this->rest( 'GET', '/status' ) );
		$this->assertNull( $second['last_failure'] );
		$this->assertSame( 'not_checked', $second['headline']['id'] );
		$this->assertNull( $this->plugin->admin_notice()->current_problem(), 'The second site shows no notice.' );
	}

	public function test_a_failure_on_the_second_site_does_not_show_on_the_main_site(): void {
		wp_set_current_user( $this->super_admin() );

		$this->on( $this->second_site(), static fn() => do_action( 'wp_mail_smtp_mailcatcher_send_failed', 'This action is unauthorized.', null, 'mailersend', 'MS40301', 403 ) );

		$second = $this->on( $this->second_site(), fn() => $this->json( $this->rest( 'GET', '/status' ) ) );
		$this->assertSame( 'MS40301', $second['last_failure']['ms_code'] );
		$main = $this->on( $this->main_site(), fn() => $this->json( $this->rest( 'GET', '/status' ) ) );
		$this->assertNull( $main['last_failure'] );
		$this->assertSame( array(), $this->plugin_rows( $this->main_site() ) );
	}
}
