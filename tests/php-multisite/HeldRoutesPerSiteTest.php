<?php
/**
 * The /held routes on a network: each site lists, resends and counts its own held emails only.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Multisite;

use FixMailerSend\Recovery\Held_Store;

require_once __DIR__ . '/Multisite_Test_Case.php';

final class HeldRoutesPerSiteTest extends Multisite_Test_Case {

	/**
	 * Keeps an email on the current site.
	 *
	 * @param string $subject Subject.
	 * @return int
	 */
	private function hold( string $subject ): int {
		$id = ( new Held_Store() )->add(
			array(
				'verdict'    => 'unauthenticated',
				'recipients' => array( 'ann@example.org' ),
				'subject'    => $subject,
				'sender'     => 'shop@example.com',
				'initiator'  => 'WooCommerce',
				'args'       => array(
					'to'      => array( 'ann@example.org' ),
					'subject' => $subject,
					'message' => 'Thanks.',
					'headers' => array(),
				),
			)
		);
		$this->assertIsInt( $id );
		return (int) $id;
	}

	public function test_each_site_sees_and_resends_its_own_held_emails_only(): void {
		wp_set_current_user( $this->super_admin() );
		$main_id   = $this->on( $this->main_site(), fn() => $this->hold( 'On the main site' ) );
		$second_id = $this->on( $this->second_site(), fn() => $this->hold( 'On the second site' ) );

		$this->on_site( $this->second_site() );
		$list = $this->rest( 'GET', '/held' );
		$this->assertSame( '1', $list->get_headers()['X-WP-Total'] );
		$this->assertSame( array( 'On the second site' ), array_column( $this->json( $list ), 'subject' ) );
		$this->assertSame( 1, $this->json( $this->rest( 'GET', '/status' ) )['held']['waiting'] );
		// Queued on the second site: its own email (ids are per site's table and may coincide).
		$this->assertSame( array( 'queued' => 1 ), $this->json( $this->rest( 'POST', '/held/resend', array( 'ids' => array( $second_id ) ) ) ) );
		$this->assertSame( 1, $this->json( $this->rest( 'GET', '/status' ) )['held']['queued'] );
		$this->leave_site();

		$this->on_site( $this->main_site() );
		$this->assertSame( array( 'On the main site' ), array_column( $this->json( $this->rest( 'GET', '/held' ) ), 'subject' ) );
		$this->assertSame( 'held', ( new Held_Store() )->get( $main_id )['status'] ?? null, 'The main site\'s email is not queued.' );
		$this->assertSame( 0, $this->json( $this->rest( 'GET', '/status' ) )['held']['queued'] );
		$this->leave_site();
	}
}
