<?php
/**
 * PUT /token writes the settings of the site it is sent to, and that site's audit trail.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Multisite;

use FixMailerSend\Storage\Audit_Trail;
use FixMailerSend\Support\Mask;

require_once __DIR__ . '/Multisite_Test_Case.php';

final class TokenSavePerSiteTest extends Multisite_Test_Case {

	public function test_saving_on_the_second_site_changes_its_settings_only(): void {
		$main          = $this->main_site();
		$second        = $this->second_site();
		$main_wpms     = $this->raw_option( $main, 'wp_mail_smtp' );
		$second_before = $this->on( $second, fn() => $this->wpms_option() );
		$this->assertNotNull( $main_wpms );

		$this->on_site( $second );
		$site_admin = $this->make_user( 'administrator' );
		wp_set_current_user( $site_admin );
		$response = $this->rest(
			'PUT',
			'/token',
			array(
				'token'      => $this->token( 'valid_all_scopes' ),
				'expires_at' => '2027-06-30',
			)
		);
		$this->assertSame( 200, $response->get_status(), (string) wp_json_encode( $this->json( $response ) ) );
		$this->assertTrue( $this->json( $response )['saved'] );

		// The second site: the new token, nothing else changed.
		$expected                          = $second_before;
		$expected['mailersend']['api_key'] = $this->token( 'valid_all_scopes' );
		$this->assertSame( $expected, $this->wpms_option() );

		// Its audit trail: this save, by its administrator.
		$audit = ( new Audit_Trail() )->all();
		$this->assertCount( 1, $audit );
		$this->assertSame( $site_admin, $audit[0]['user_id'] );
		$this->assertSame( Mask::token( $this->token( 'valid_full' ) ), $audit[0]['before'] );
		$this->assertSame( Mask::token( $this->token( 'valid_all_scopes' ) ), $audit[0]['after'] );
		$this->assertSame( '2027-06-30', get_option( 'fix_mailersend_token_expires' ) );
		$this->leave_site();

		// The main site: WP Mail SMTP's option byte for byte, and none of this plugin's data.
		$this->assertSame( $main_wpms, $this->raw_option( $main, 'wp_mail_smtp' ) );
		$this->assertNull( $this->raw_option( $main, Audit_Trail::OPTION ) );
		$this->assertSame( array(), $this->plugin_rows( $main ) );
		$this->assertSame( array(), $this->on( $main, static fn() => ( new Audit_Trail() )->all() ) );
	}

	public function test_saving_on_the_main_site_leaves_the_second_site_alone(): void {
		$second      = $this->second_site();
		$second_wpms = $this->raw_option( $second, 'wp_mail_smtp' );
		$this->assertNotNull( $second_wpms );

		wp_set_current_user( $this->super_admin() );
		$this->on_site( $this->main_site() );
		$response = $this->rest( 'PUT', '/token', array( 'token' => $this->token( 'valid_full' ) ) );
		$this->assertSame( 200, $response->get_status(), (string) wp_json_encode( $this->json( $response ) ) );
		$this->assertSame( $this->token( 'valid_full' ), $this->wpms_option()['mailersend']['api_key'] );
		$this->assertCount( 1, ( new Audit_Trail() )->all() );
		$this->leave_site();

		$this->assertSame( $second_wpms, $this->raw_option( $second, 'wp_mail_smtp' ) );
		$this->assertSame( array(), $this->plugin_rows( $second ) );
	}
}
