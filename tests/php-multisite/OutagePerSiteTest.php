<?php
/**
 * The outage report reads the Debug Events table of the site it is asked on.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Multisite;

require_once __DIR__ . '/Multisite_Test_Case.php';

final class OutagePerSiteTest extends Multisite_Test_Case {

	public function test_each_site_reports_its_own_failures(): void {
		wp_set_current_user( $this->super_admin() );

		// WP Mail SMTP's record of two failed MailerSend sends of WordPress on the second site.
		$this->on_site( $this->second_site() );
		global $wpdb;
		foreach ( array( 120, 60 ) as $ago ) {
			$wpdb->insert( // phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery
				$wpdb->prefix . 'wpmailsmtp_debug_events',
				array(
					'content'    => "Mailer: MailerSend\r\nUnauthenticated.",
					'initiator'  => wp_json_encode(
						array(
							'file' => ABSPATH . WPINC . '/pluggable.php',
							'line' => 1500,
						)
					),
					'event_type' => 0,
					'created_at' => gmdate( 'Y-m-d H:i:s', time() - $ago ),
				)
			);
		}
		$second = $this->json( $this->rest( 'GET', '/status' ) )['outage'];
		$this->leave_site();

		$this->assertSame( 2, $second['failed'] );
		$this->assertSame(
			array(
				array(
					'name'  => 'WordPress',
					'count' => 2,
				),
			),
			$second['senders']
		);
		$this->assertNull( $this->on( $this->main_site(), fn() => $this->json( $this->rest( 'GET', '/status' ) )['outage'] ) );
	}
}
