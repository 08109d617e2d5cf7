<?php
/**
 * The held emails and core's personal-data tools: the policy text, the exporter, the eraser;
 * and retention on the daily event.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- WordPress's own hooks, and this plugin's daily event.

namespace FixMailerSend\Tests\Recovery;

use FixMailerSend\Recovery\Held_Privacy;
use FixMailerSend\Watch\Daily_Check;

final class Held_Privacy_Test extends Held_Test_Case {

	public function test_the_exporter_finds_held_emails_by_recipient_or_sender_page_by_page(): void {
		$exporters = apply_filters( 'wp_privacy_personal_data_exporters', array() );
		$this->assertArrayHasKey( Held_Privacy::ID, $exporters );
		$export = $exporters[ Held_Privacy::ID ]['callback'];

		$ids = array();
		for ( $i = 0; $i < Held_Privacy::PER_PAGE + 1; $i++ ) {
			$ids[] = (int) $this->store->add( self::email( array( 'subject' => "Order $i" ) ) );
		}
		$this->store->add(
			self::email(
				array(
					'recipients' => array( 'someone@example.org' ),
					'sender'     => 'ann@example.org',
					'subject'    => 'Sent by Ann',
				)
			)
		);
		$this->store->add(
			self::email(
				array(
					'recipients' => array( 'joann@example.org' ),
					'subject'    => 'Not Ann',
				)
			)
		);

		$first = $export( 'ann@example.org', 1 );
		$this->assertCount( Held_Privacy::PER_PAGE, $first['data'] );
		$this->assertFalse( $first['done'] );
		$item = $first['data'][0];
		$this->assertSame( Held_Privacy::ID, $item['group_id'] );
		$this->assertSame( Held_Privacy::ID . '-' . $ids[0], $item['item_id'] );
		$fields = array_column( $item['data'], 'value', 'name' );
		$this->assertSame( 'Order 0', $fields['Subject'] );
		$this->assertSame( 'ann@example.org', $fields['To'] );
		$this->assertSame( 'Thank you for your order.', $fields['Message'] );

		$second = $export( 'ANN@example.org', 2 );
		$this->assertTrue( $second['done'] );
		$this->assertSame( array( 'Order 50', 'Sent by Ann' ), array_map( static fn( $item ) => array_column( $item['data'], 'value', 'name' )['Subject'], $second['data'] ) );
	}

	public function test_the_eraser_deletes_every_held_email_of_the_address_and_its_files(): void {
		$erasers = apply_filters( 'wp_privacy_personal_data_erasers', array() );
		$this->assertArrayHasKey( Held_Privacy::ID, $erasers );
		$erase = $erasers[ Held_Privacy::ID ]['callback'];

		for ( $i = 0; $i < Held_Privacy::PER_PAGE + 2; $i++ ) {
			$this->store->add(
				self::email(
					array(
						'files' => array(
							array(
								'name'    => 'a.txt',
								'type'    => 'text/plain',
								'content' => "file $i",
							),
						),
					)
				)
			);
		}
		$other = (int) $this->store->add( self::email( array( 'recipients' => array( 'bob@example.org' ) ) ) );

		$page = 1;
		do {
			$result = $erase( 'ann@example.org', $page++ );
			$this->assertTrue( $result['items_removed'] );
			$this->assertFalse( $result['items_retained'] );
		} while ( ! $result['done'] && $page < 10 );

		$this->assertSame( 2, $page - 1, 'Two batches.' );
		$this->assertSame( array( $other ), array_map( 'intval', array_column( $this->rows( 'SELECT id FROM {held}' ), 'id' ) ) );
		$this->assertSame( array(), $this->rows( "SELECT id FROM {files} WHERE email_id <> $other" ) );
		$this->assertFalse( $erase( 'ann@example.org', 1 )['items_removed'] );
	}

	public function test_the_privacy_policy_says_what_is_kept_why_how_long_and_where(): void {
		require_once ABSPATH . 'wp-admin/includes/class-wp-screen.php';
		require_once ABSPATH . 'wp-admin/includes/screen.php';
		require_once ABSPATH . 'wp-admin/includes/plugin.php';
		require_once ABSPATH . 'wp-admin/includes/class-wp-privacy-policy-content.php';
		$plugin = \FixMailerSend\Plugin::instance();
		$this->assertNotNull( $plugin );
		// As in wp-admin, where Plugin hooks it (core accepts policy text on `admin_init` only).
		set_current_screen( 'options-privacy' );
		add_action( 'admin_init', array( $plugin, 'add_privacy_policy_content' ) );
		try {
			do_action( 'admin_init' );
		} finally {
			remove_action( 'admin_init', array( $plugin, 'add_privacy_policy_content' ) );
			unset( $GLOBALS['current_screen'] );
		}
		$policies = \WP_Privacy_Policy_Content::get_suggested_policy_text();
		$ours     = array_values( array_filter( $policies, static fn( $policy ) => 'Fix MailerSend' === $policy['plugin_name'] ) );
		$this->assertCount( 1, $ours );
		$text = $ours[0]['policy_text'];
		foreach ( array( 'keeps a copy', 'send it again', 'attachments', 'password-reset', '30 days', 'database', 'switch this off' ) as $words ) {
			$this->assertStringContainsString( $words, $text );
		}
		$this->assertStringContainsString( Held_Privacy::policy_text(), file_get_contents( FIX_MAILERSEND_DIR . 'readme.txt' ), 'readme.txt says the same.' ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents
	}

	public function test_the_daily_event_prunes_old_emails(): void {
		$old   = (int) $this->store->add( self::email() );
		$young = (int) $this->store->add( self::email() );
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$wpdb->query( $wpdb->prepare( "UPDATE {$this->store->table()} SET created_at = %s WHERE id = %d", gmdate( 'Y-m-d H:i:s', time() - 31 * DAY_IN_SECONDS ), $old ) );

		do_action( Daily_Check::HOOK );

		$this->assertNull( $this->store->get( $old ) );
		$this->assertNotNull( $this->store->get( $young ) );
	}
}
