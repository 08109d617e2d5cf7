<?php
/**
 * The lock that serialises token saves guards the option the save writes: the site's own, or
 * with WP Mail SMTP's network-wide settings the main site's, from whichever site.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Multisite;

use FixMailerSend\Service\Token_Service;
use FixMailerSend\Support\Lock;

// phpcs:disable WordPress.DB.RestrictedClasses -- a second connection plays another request.

require_once __DIR__ . '/Multisite_Test_Case.php';

final class TokenLockNetworkTest extends Multisite_Test_Case {

	/**
	 * Another request's connection, holding a lock.
	 *
	 * @var \mysqli|null
	 */
	private $other;

	protected function tearDown(): void {
		if ( null !== $this->other ) {
			$this->other->close();
			$this->other = null;
		}
		parent::tearDown();
	}

	/**
	 * Another request takes the token lock of a site (and keeps it until the test ends).
	 *
	 * @param int $site_id The site whose option the lock guards.
	 * @return void
	 */
	private function another_request_saves_on( int $site_id ): void {
		$host        = explode( ':', DB_HOST );
		$this->other = new \mysqli( $host[0], DB_USER, DB_PASSWORD, DB_NAME, isset( $host[1] ) && is_numeric( $host[1] ) ? (int) $host[1] : 3306, isset( $host[1] ) && ! is_numeric( $host[1] ) ? $host[1] : null );
		$name        = $this->other->real_escape_string( Lock::name( Token_Service::LOCK, $site_id ) );
		$result      = $this->other->query( "SELECT GET_LOCK( '$name', 0 )" );
		$this->assertInstanceOf( \mysqli_result::class, $result );
		$this->assertSame( '1', (string) $result->fetch_row()[0] );
	}

	/**
	 * Turns WP Mail SMTP's network-wide settings on or off (the main site's option).
	 *
	 * @param bool $on On or off.
	 * @return void
	 */
	private function set_network_wide( bool $on ): void {
		switch_to_blog( $this->main_site() );
		$option                            = get_option( 'wp_mail_smtp', array() );
		$option                            = is_array( $option ) ? $option : array();
		$option['general']['network_wide'] = $on;
		update_option( 'wp_mail_smtp', $option, false );
		restore_current_blog();
		self::refresh_wp_mail_smtp_options();
	}

	public function test_with_network_wide_settings_a_save_from_a_sub_site_waits_for_the_main_sites_lock(): void {
		$this->set_network_wide( true );
		wp_set_current_user( $this->super_admin() );
		$before = $this->raw_option( $this->main_site(), 'wp_mail_smtp' );
		$this->another_request_saves_on( $this->main_site() );

		$response = $this->on( $this->second_site(), fn() => $this->rest( 'PUT', '/token', array( 'token' => $this->token( 'valid_all_scopes' ) ) ) );

		$this->assertRestError( 409, 'fix_mailersend_busy', $response );
		$this->assertStringContainsString( 'Nothing was changed', $this->json( $response )['message'] );
		$this->assertSame( $before, $this->raw_option( $this->main_site(), 'wp_mail_smtp' ) );
	}

	public function test_without_network_wide_settings_each_site_has_its_own_lock(): void {
		$this->set_network_wide( false );
		wp_set_current_user( $this->super_admin() );
		$this->another_request_saves_on( $this->main_site() );

		$response = $this->on( $this->second_site(), fn() => $this->rest( 'PUT', '/token', array( 'token' => $this->token( 'valid_all_scopes' ) ) ) );

		$this->assertSame( 200, $response->get_status(), (string) wp_json_encode( $this->json( $response ) ) );
	}
}
