<?php
/**
 * Keeping watch knows about held emails: once the token is proven, the admin notice and Site
 * Health say "N emails are waiting to be resent" (with a link to the Recover step) until they
 * are resent or discarded; GET /status's `held.token_proven` follows the same rule.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- WordPress's own hooks.

namespace FixMailerSend\Tests\Watch;

use FixMailerSend\Recovery\Held_Store;

final class HeldReminderTest extends Watch_Test_Case {

	/**
	 * The store.
	 *
	 * @var Held_Store
	 */
	private $store;

	protected function setUp(): void {
		$this->store = new Held_Store();
		// Before the test's transaction: the tables' DDL would commit it.
		$this->store->maybe_install();
		parent::setUp();
		delete_option( Held_Store::HOLDING_OPTION );
	}

	/**
	 * The outage: an email fails with a token MailerSend refuses, and $count emails are held
	 * (only these: whatever the failure itself kept is cleared first).
	 *
	 * @param int $count Held emails.
	 * @return int[] Their ids.
	 */
	private function outage( int $count ): array {
		$this->use_settings( $this->token( 'expired' ) );
		$this->failed_send();
		$this->store->delete_all();
		$ids = array();
		for ( $i = 1; $i <= $count; $i++ ) {
			$ids[] = (int) $this->store->add(
				array(
					'verdict'    => 'unauthenticated',
					'recipients' => array( "customer$i@example.com" ),
					'subject'    => "Order $i",
					'sender'     => 'shop@example.com',
					'initiator'  => 'WooCommerce',
					'args'       => array(
						'to'      => array( "customer$i@example.com" ),
						'subject' => "Order $i",
						'message' => 'Thanks.',
						'headers' => array(),
					),
				)
			);
		}
		return $ids;
	}

	/**
	 * The fix: a working token saved, and checked (the good check proves it).
	 *
	 * @return void
	 */
	private function fix(): void {
		$this->use_settings( $this->token( 'valid_full' ) );
		$checked = $this->plugin->token_service()->check( null, false );
		$this->assertIsArray( $checked );
		$this->assertSame( 'valid', $checked['verdict']->id() );
	}

	/**
	 * GET /status's held block, as an administrator sees it.
	 *
	 * @return array<string, mixed>
	 */
	private function held_status(): array {
		$user = get_current_user_id();
		wp_set_current_user( 1 );
		$status = $this->json( $this->rest( 'GET', '/status' ) );
		wp_set_current_user( $user );
		$this->assertIsArray( $status );
		return $status['held'];
	}

	public function test_before_the_fix_the_notice_speaks_of_the_failure_not_of_the_held_emails(): void {
		$this->outage( 2 );
		$this->log_in_as( 'administrator' );

		$notices = $this->notices();
		$this->assertStringContainsString( 'Email from this site is failing', $notices );
		$this->assertStringNotContainsString( 'waiting to be resent', $notices );
		$this->assertStringNotContainsString( 'waiting to be resent', $this->plugin->site_health()->result()['label'] );
		$this->assertSame( 'critical', $this->plugin->site_health()->result()['status'] );
		$this->assertSame(
			array(
				'holding'      => true,
				'waiting'      => 2,
				'queued'       => 0,
				'sending'      => 0,
				'token_proven' => false,
			),
			$this->held_status()
		);
	}

	public function test_after_the_fix_the_notice_and_site_health_say_how_many_wait_until_they_are_discarded(): void {
		$ids = $this->outage( 2 );
		$this->fix();
		$this->log_in_as( 'administrator' );
		$this->assertTrue( $this->held_status()['token_proven'] );

		$notices = $this->notices();
		$this->assertStringContainsString( '<div id="fix-mailersend-held-notice" class="notice notice-info"><p>2 emails are waiting to be resent.', $notices );
		$this->assertStringContainsString( 'href="' . esc_url( admin_url( 'admin.php?page=fix-mailersend#recover' ) ) . '"', $notices );
		$this->assertStringNotContainsString( 'is failing', $notices );

		$health = $this->plugin->site_health()->result();
		$this->assertSame( 'recommended', $health['status'] );
		$this->assertSame( '2 emails are waiting to be resent.', $health['label'] );
		$this->assertStringContainsString( 'href="' . esc_url( admin_url( 'admin.php?page=fix-mailersend#recover' ) ) . '"', $health['actions'] );

		// Not to someone who cannot act on it, nor on the screen itself.
		$this->assertStringNotContainsString( 'waiting to be resent', $this->notices( 'wp-mail-smtp_page_fix-mailersend' ) );
		$this->log_in_as( 'editor' );
		$this->assertStringNotContainsString( 'waiting to be resent', $this->notices() );

		$this->store->discard( array( $ids[0] ) );
		$this->log_in_as( 'administrator' );
		$this->assertStringContainsString( '1 email is waiting to be resent.', $this->notices() );

		$this->store->discard( array( $ids[1] ) );
		$this->assertSame( '', trim( $this->notices() ), 'Nothing left to resend: no notice.' );
		$health = $this->plugin->site_health()->result();
		$this->assertSame( 'good', $health['status'] );
		$this->assertStringNotContainsString( 'waiting to be resent', $health['description'] );
		$this->assertSame( 0, $this->held_status()['waiting'] );
	}

	public function test_an_email_mailersend_accepted_after_the_failure_proves_the_token_too(): void {
		$this->outage( 1 );
		$this->use_settings( $this->token( 'valid_full' ) );
		$this->assertTrue( wp_mail( 'someone@example.com', 'After the fix', 'Hello.' ) );
		$this->log_in_as( 'administrator' );

		$this->assertTrue( $this->held_status()['token_proven'] );
		$this->assertStringContainsString( '1 email is waiting to be resent.', $this->notices() );
	}

	public function test_a_check_older_than_the_failure_proves_nothing(): void {
		$this->use_settings( $this->token( 'valid_full' ) );
		$this->plugin->token_service()->check( null, false );
		// The check's time, then a failure one second later with the same token.
		sleep( 1 );
		$this->outage( 1 );
		$this->use_settings( $this->token( 'valid_full' ) );
		$this->log_in_as( 'administrator' );

		$this->assertFalse( $this->held_status()['token_proven'] );
		$this->assertStringNotContainsString( 'waiting to be resent', $this->notices() );
	}
}
