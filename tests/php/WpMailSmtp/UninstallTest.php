<?php
/**
 * Uninstalling removes this plugin's data and never WP Mail SMTP's settings.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- WP Mail SMTP's and WordPress's own constants and hooks.

namespace FixMailerSend\Tests\WpMailSmtp;

use FixMailerSend\Recovery\Held_Store;
use FixMailerSend\Tests\TestCase;
use PHPUnit\Framework\Attributes\PreserveGlobalState;
use PHPUnit\Framework\Attributes\RunInSeparateProcess;

final class UninstallTest extends TestCase {

	#[RunInSeparateProcess]
	#[PreserveGlobalState( false )]
	public function test_uninstall_keeps_wp_mail_smtp_settings(): void {
		$this->log_in_as( 'administrator' );
		$this->deep_check( $this->token( 'valid_full' ) );
		$this->assertSame(
			200,
			$this->rest(
				'PUT',
				'/token',
				array(
					'token'      => $this->token( 'valid_full' ),
					'expires_at' => '2027-01-31',
				)
			)->get_status()
		);
		do_action( 'wp_mail_smtp_mailcatcher_send_failed', 'Unauthenticated.', null, 'mailersend', '', 401 );
		// WP Mail SMTP's record of it (a Debug Events row); GET /status keeps the outage report's cache.
		\WPMailSMTP\Debug::set( "Mailer: MailerSend\r\nUnauthenticated." );
		$this->assertSame( 200, $this->rest( 'GET', '/status' )->get_status() );
		$wpms = serialize( $this->wpms_option() ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize

		foreach ( array( 'fix_mailersend_audit', 'fix_mailersend_last_check', 'fix_mailersend_last_failure', 'fix_mailersend_token_expires', 'fix_mailersend_outage' ) as $option ) {
			$this->assertNotFalse( get_option( $option ), $option );
		}
		$this->assertNotFalse( get_option( 'fix_mailersend_throttle_check' ) );
		$this->assertNotFalse( get_option( 'fix_mailersend_throttle_probe' ) );
		$this->assertCount( 1, $this->recent_check_transients() );
		// A held email (its tables exist, outside this transaction), and the holding switch.
		$this->assertIsInt(
			( new Held_Store() )->add(
				array(
					'verdict'    => 'unauthenticated',
					'recipients' => array( 'a@example.org' ),
				)
			)
		);
		update_option( Held_Store::HOLDING_OPTION, '1' );
		$this->assertNotFalse( get_option( Held_Store::DB_VERSION_OPTION ) );

		global $wpdb;
		$dropped = $this->run_uninstall();
		$this->assertSame( array( $wpdb->prefix . 'fix_mailersend_held_files', $wpdb->prefix . 'fix_mailersend_held' ), $dropped, 'The held emails\' tables are dropped (Held_Uninstall_Test drops them for real).' );
		$this->assertFalse( get_option( Held_Store::HOLDING_OPTION ) );
		$this->assertFalse( get_option( Held_Store::DB_VERSION_OPTION ) );

		foreach ( array( 'fix_mailersend_audit', 'fix_mailersend_last_check', 'fix_mailersend_last_failure', 'fix_mailersend_token_expires', 'fix_mailersend_outage' ) as $option ) {
			$this->assertFalse( get_option( $option ), $option );
		}
		$this->assertFalse( get_option( 'fix_mailersend_throttle_check' ) );
		$this->assertFalse( get_option( 'fix_mailersend_throttle_probe' ) );
		$this->assertSame( array(), $this->recent_check_transients() );
		$this->assertSame( $wpms, serialize( $this->wpms_option() ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
	}

	/**
	 * Names of the recent deep checks' transients.
	 *
	 * @return string[]
	 */
	private function recent_check_transients(): array {
		global $wpdb;
		return $wpdb->get_col( "SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE '\\_transient\\_fix\\_mailersend\\_deep\\_%'" ); // phpcs:ignore WordPress.DB
	}
}
