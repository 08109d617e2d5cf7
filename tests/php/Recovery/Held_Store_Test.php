<?php
/**
 * The held emails' store (contract §2): what it keeps, lists, claims, discards and prunes.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Recovery;

use FixMailerSend\Recovery\Held_Store;

final class Held_Store_Test extends Held_Test_Case {

	public function test_an_email_is_kept_whole_with_its_attachments_byte_for_byte(): void {
		// Random bytes (NULs, invalid UTF-8) over two chunks: written and read in pieces.
		$binary = random_bytes( Held_Store::CHUNK + 1000 );
		$id     = $this->store->add(
			self::email(
				array(
					'files' => array(
						array(
							'name'    => 'invoice.pdf',
							'type'    => 'application/pdf',
							'content' => $binary,
						),
						array(
							'name'    => 'note.txt',
							'type'    => 'text/plain',
							'content' => 'hello',
						),
					),
				)
			)
		);
		$this->assertIsInt( $id );

		$item = $this->store->get( (int) $id );
		$this->assertNotNull( $item );
		$this->assertSame( 'held', $item['status'] );
		$this->assertSame( 'whole', $item['kind'] );
		$this->assertSame( array( 'ann@example.org' ), $item['to'] );
		$this->assertSame( 'shop@example.com', $item['sender'] );
		$this->assertSame( 'WooCommerce', $item['initiator'] );
		$this->assertSame( 2, $this->store->query( array() )['items'][0]['attachments'], 'The list counts them.' );
		$this->assertTrue( $item['sendable'] );
		$this->assertFalse( $item['repeat'] );
		$this->assertMatchesRegularExpression( '/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/', $item['created_at'] );
		$this->assertSame( 'Thank you for your order.', $item['args']['message'] );
		$this->assertSame( array( 'Ann@Example.org' ), $item['args']['to'] );
		$this->assertSame( array( 'Content-Type: text/plain' ), $item['args']['headers'] );
		$this->assertSame(
			array(
				array(
					'name'  => 'invoice.pdf',
					'type'  => 'application/pdf',
					'bytes' => strlen( $binary ),
				),
				array(
					'name'  => 'note.txt',
					'type'  => 'text/plain',
					'bytes' => 5,
				),
			),
			$item['attachments']
		);
		$this->assertGreaterThan( strlen( $binary ), $item['bytes'] );

		$files = $this->store->files( (int) $id );
		$this->assertCount( 2, $files );
		$this->assertSame( 'invoice.pdf', $files[0]['name'] );
		$this->assertTrue( $binary === $files[0]['content'], 'The attachment reads back byte for byte.' );
		$this->assertSame( 'hello', $files[1]['content'] );
	}

	public function test_an_email_over_the_per_email_cap_keeps_only_who_when_and_subject(): void {
		add_filter( 'fix_mailersend_hold_max_email_bytes', array( $this, 'thousand' ) );
		$id = (int) $this->store->add(
			self::email(
				array(
					'files' => array(
						array(
							'name'    => 'big.bin',
							'type'    => 'application/octet-stream',
							'content' => str_repeat( 'x', 2000 ),
						),
					),
				)
			)
		);
		remove_filter( 'fix_mailersend_hold_max_email_bytes', array( $this, 'thousand' ) );

		$item = $this->store->get( $id );
		$this->assertSame( 'too_large', $item['kind'] );
		$this->assertNull( $item['args'] );
		$this->assertFalse( $item['sendable'] );
		$this->assertSame( 'Your order', $item['subject'] );
		$this->assertSame( array(), $this->store->files( $id ) );
		$this->assertSame( array(), $this->rows( "SELECT id FROM {files} WHERE email_id = $id" ) );
		$this->assertSame( 0, $this->store->queue( array( $id ) ), 'Not sendable, not queued.' );
	}

	public function test_a_link_email_keeps_no_body_and_is_not_sendable(): void {
		$id   = (int) $this->store->add(
			self::email(
				array(
					'kind' => 'link',
					'args' => array( 'message' => 'secret-body' ),
				)
			)
		);
		$item = $this->store->get( $id );
		$this->assertSame( 'link', $item['kind'] );
		$this->assertNull( $item['args'] );
		$this->assertFalse( $item['sendable'] );
		$this->assertSame( array(), $this->rows( "SELECT id FROM {held} WHERE args LIKE '%secret-body%'" ) );
	}

	public function test_nothing_is_kept_while_holding_is_off_and_turning_it_off_deletes_everything(): void {
		$id = (int) $this->store->add(
			self::email(
				array(
					'files' => array(
						array(
							'name'    => 'a.txt',
							'type'    => 'text/plain',
							'content' => 'a',
						),
					),
				)
			)
		);
		$this->assertTrue( $this->store->holding() );

		$this->store->set_holding( false );
		$this->assertFalse( $this->store->holding() );
		$this->assertSame( '0', get_option( Held_Store::HOLDING_OPTION ) );
		$this->assertNull( $this->store->get( $id ) );
		$this->assertSame( array(), $this->rows( 'SELECT id FROM {held}' ) );
		$this->assertSame( array(), $this->rows( 'SELECT id FROM {files}' ) );
		$this->assertNull( $this->store->add( self::email() ) );
		$this->assertSame( array(), $this->rows( 'SELECT id FROM {held}' ) );

		$this->store->set_holding( true );
		$this->assertIsInt( $this->store->add( self::email() ) );
	}

	public function test_the_list_is_paged_newest_first_searchable_and_filtered_by_status(): void {
		$ids = array();
		for ( $i = 1; $i <= 5; $i++ ) {
			$ids[ $i ] = (int) $this->store->add(
				self::email(
					array(
						'recipients' => array( "user$i@example.org" ),
						'subject'    => "Subject $i",
						'created_at' => gmdate( 'Y-m-d H:i:s', time() - ( 10 - $i ) * 60 ),
					)
				)
			);
		}
		$page = $this->store->query( array( 'per_page' => 2 ) );
		$this->assertSame( 5, $page['total'] );
		$this->assertSame( array( $ids[5], $ids[4] ), array_column( $page['items'], 'id' ) );
		$this->assertArrayNotHasKey( 'args', $page['items'][0] );

		$page = $this->store->query(
			array(
				'per_page' => 2,
				'page'     => 3,
			)
		);
		$this->assertSame( array( $ids[1] ), array_column( $page['items'], 'id' ) );

		$found = $this->store->query( array( 'search' => 'user3@' ) );
		$this->assertSame( array( $ids[3] ), array_column( $found['items'], 'id' ) );
		$this->assertSame( 1, $found['total'] );
		$this->assertSame( 5, $this->store->query( array( 'search' => 'WooCommerce' ) )['total'] );

		$this->assertSame( 1, $this->store->discard( array( $ids[2] ) ) );
		$this->assertSame( 4, $this->store->query( array() )['total'], 'Discarded emails are not listed by default.' );
		$this->assertSame( array( $ids[2] ), array_column( $this->store->query( array( 'status' => array( 'discarded' ) ) )['items'], 'id' ) );

		$before = $this->store->query( array( 'before' => gmdate( 'Y-m-d H:i:s', time() - 7 * 60 ) ) );
		$this->assertSame( array( $ids[1] ), array_column( $before['items'], 'id' ) );
	}

	public function test_queue_claim_and_finish(): void {
		$a    = (int) $this->store->add(
			self::email(
				array(
					'files' => array(
						array(
							'name'    => 'a.txt',
							'type'    => 'text/plain',
							'content' => 'a',
						),
					),
				)
			)
		);
		$b    = (int) $this->store->add( self::email( array( 'subject' => 'Other' ) ) );
		$link = (int) $this->store->add( self::email( array( 'kind' => 'link' ) ) );

		$this->assertSame( 2, $this->store->queue( array( $a, $b, $link ) ) );
		$this->assertSame( 2, $this->store->counts()['queued'] );

		$first = $this->store->claim_next( 'claim-1' );
		$this->assertSame( $a, $first['id'] );
		$this->assertSame( 'sending', $first['status'] );
		$this->assertSame( 'Thank you for your order.', $first['args']['message'] );
		$second = $this->store->claim_next( 'claim-2' );
		$this->assertSame( $b, $second['id'] );
		$this->assertNull( $this->store->claim_next( 'claim-3' ), 'Nothing left to claim.' );

		$this->assertFalse( $this->store->finish( $a, 'claim-2', 'sent', 'x', null ), 'Another claim cannot finish it.' );
		$this->assertTrue( $this->store->finish( $a, 'claim-1', 'sent', '5f0c0ffee0c0ffee0c0ffee0', null ) );
		$this->assertFalse( $this->store->finish( $a, 'claim-1', 'sent', '5f0c0ffee0c0ffee0c0ffee0', null ), 'Only once.' );
		$this->assertTrue( $this->store->finish( $b, 'claim-2', 'failed', null, 'unauthenticated' ) );

		$sent = $this->store->get( $a );
		$this->assertSame( 'sent', $sent['status'] );
		$this->assertSame( '5f0c0ffee0c0ffee0c0ffee0', $sent['result_id'] );
		$this->assertNull( $sent['result_verdict'] );
		$this->assertNull( $sent['args'], 'A delivered email keeps no body.' );
		$this->assertSame( array(), $this->store->files( $a ) );

		$failed = $this->store->get( $b );
		$this->assertSame( 'failed', $failed['status'] );
		$this->assertSame( 'unauthenticated', $failed['result_verdict'] );
		$this->assertTrue( $failed['sendable'] );
		$this->assertNotNull( $failed['args'] );

		$counts = $this->store->counts();
		$this->assertSame( 1, $counts['sent'] );
		$this->assertSame( 1, $counts['failed'] );
		$this->assertSame( 1, $counts['held'] );
		$this->assertSame( 1, $counts['waiting'], 'The failed one: the link email (held) can never be resent.' );
	}

	public function test_a_stale_claim_is_released_and_a_stopped_run_unqueued(): void {
		global $wpdb;
		$a = (int) $this->store->add( self::email() );
		$b = (int) $this->store->add( self::email( array( 'subject' => 'B' ) ) );
		$this->store->queue( array( $a, $b ) );
		$this->assertSame( $a, $this->store->claim_next( 'dead-request' )['id'] );

		$this->assertSame( 0, $this->store->release_stale( 120 ), 'A fresh claim stays.' );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$wpdb->query( $wpdb->prepare( "UPDATE {$this->store->table()} SET claimed_at = %s WHERE id = %d", gmdate( 'Y-m-d H:i:s', time() - 300 ), $a ) );
		$this->assertSame( 1, $this->store->release_stale( 120 ) );
		$this->assertSame( 'queued', $this->store->get( $a )['status'] );
		$this->assertFalse( $this->store->finish( $a, 'dead-request', 'sent', 'x', null ), 'The dead request lost its claim.' );

		$this->assertSame( 2, $this->store->unqueue_all() );
		$this->assertSame( 2, $this->store->counts()['held'] );
	}

	public function test_discard_keeps_who_when_and_subject_only(): void {
		$a = (int) $this->store->add(
			self::email(
				array(
					'files' => array(
						array(
							'name'    => 'a.txt',
							'type'    => 'text/plain',
							'content' => 'a',
						),
					),
				)
			)
		);
		$b = (int) $this->store->add( self::email( array( 'created_at' => gmdate( 'Y-m-d H:i:s', time() - 3600 ) ) ) );
		$c = (int) $this->store->add( self::email( array( 'created_at' => gmdate( 'Y-m-d H:i:s', time() - 7200 ) ) ) );

		$this->assertSame( 1, $this->store->discard( array( $a ) ) );
		$item = $this->store->get( $a );
		$this->assertSame( 'discarded', $item['status'] );
		$this->assertNull( $item['args'] );
		$this->assertSame( 'Your order', $item['subject'] );
		$this->assertSame( array(), $this->rows( "SELECT id FROM {files} WHERE email_id = $a" ) );
		$this->assertSame( 0, $this->store->discard( array( $a ) ), 'Once.' );

		$this->assertSame( 1, $this->store->discard_all( gmdate( 'Y-m-d H:i:s', time() - 5400 ) ), 'Only the one before the time.' );
		$this->assertSame( 'discarded', $this->store->get( $c )['status'] );
		$this->assertSame( 'held', $this->store->get( $b )['status'] );
		$this->assertSame( 1, $this->store->discard_all() );
		$this->assertSame( 0, $this->store->counts()['waiting'] );
	}

	public function test_repeats_of_one_message_to_one_recipient(): void {
		$first = (int) $this->store->add( self::email() );
		$again = (int) $this->store->add( self::email( array( 'recipients' => array( 'ANN@example.org' ) ) ) );
		$other = (int) $this->store->add( self::email( array( 'args' => array( 'message' => 'Another body' ) ) ) );
		$third = (int) $this->store->add( self::email() );

		$this->assertSame( array( $again, $third ), $this->store->repeats( array( $first, $again, $other, $third ) ) );
		$list = array_column( $this->store->query( array() )['items'], 'repeat', 'id' );
		$this->assertFalse( $list[ $first ] );
		$this->assertTrue( $list[ $again ] );
		$this->assertFalse( $list[ $other ] );

		$this->store->discard( array( $first ) );
		$this->assertSame( array( $third ), $this->store->repeats( array( $again, $third ) ), 'A discarded email is not the one a later copy repeats.' );
	}

	public function test_retention_drops_old_emails_first(): void {
		$old   = (int) $this->store->add( self::email( array( 'created_at' => gmdate( 'Y-m-d H:i:s', time() - 31 * DAY_IN_SECONDS ) ) ) );
		$young = (int) $this->store->add( self::email( array( 'created_at' => gmdate( 'Y-m-d H:i:s', time() - 29 * DAY_IN_SECONDS ) ) ) );
		$this->assertNull( $this->store->get( $old ), 'add() prunes: older than 30 days is gone.' );
		$this->assertNotNull( $this->store->get( $young ) );

		add_filter( 'fix_mailersend_hold_days', array( $this, 'seven' ) );
		$this->assertSame( 1, $this->store->prune() );
		remove_filter( 'fix_mailersend_hold_days', array( $this, 'seven' ) );
		$this->assertNull( $this->store->get( $young ) );
	}

	public function test_the_count_cap_drops_the_oldest(): void {
		add_filter( 'fix_mailersend_hold_max_emails', array( $this, 'three' ) );
		$ids = array();
		for ( $i = 0; $i < 5; $i++ ) {
			$ids[] = (int) $this->store->add( self::email( array( 'subject' => "S$i" ) ) );
		}
		remove_filter( 'fix_mailersend_hold_max_emails', array( $this, 'three' ) );
		$this->assertSame( array( $ids[4], $ids[3], $ids[2] ), array_column( $this->store->query( array( 'status' => Held_Store::STATUSES ) )['items'], 'id' ) );
	}

	public function test_the_size_cap_drops_the_oldest_and_their_files(): void {
		add_filter( 'fix_mailersend_hold_max_bytes', array( $this, 'ten_thousand' ) );
		$ids = array();
		for ( $i = 0; $i < 4; $i++ ) {
			$ids[] = (int) $this->store->add(
				self::email(
					array(
						'subject' => "S$i",
						'files'   => array(
							array(
								'name'    => 'f.bin',
								'type'    => 'application/octet-stream',
								'content' => str_repeat( 'y', 4000 ),
							),
						),
					)
				)
			);
		}
		remove_filter( 'fix_mailersend_hold_max_bytes', array( $this, 'ten_thousand' ) );
		$kept = array_column( $this->store->query( array( 'status' => Held_Store::STATUSES ) )['items'], 'id' );
		$this->assertSame( array( $ids[3], $ids[2] ), $kept, 'Two emails of ~4 KB fit in 10 KB.' );
		$this->assertSame( 2, count( $this->rows( 'SELECT id FROM {files}' ) ) );
	}

	public function test_find_by_address_matches_whole_addresses_of_recipients_and_sender(): void {
		$to     = (int) $this->store->add( self::email( array( 'recipients' => array( 'bob@example.org', 'ann@example.org' ) ) ) );
		$from   = (int) $this->store->add(
			self::email(
				array(
					'sender'     => 'Ann@Example.org',
					'recipients' => array( 'carl@example.org' ),
				)
			)
		);
		$nobody = (int) $this->store->add( self::email( array( 'recipients' => array( 'joann@example.org' ) ) ) );

		$found = array_column( $this->store->find_by_address( 'ann@example.org', 1, 10 ), 'id' );
		$this->assertSame( array( $to, $from ), $found );
		$this->assertNotContains( $nobody, $found );
		$this->assertSame( array( $from ), array_column( $this->store->find_by_address( 'ann@example.org', 2, 1 ), 'id' ) );
	}

	public function test_install_is_idempotent_and_records_the_version(): void {
		$this->assertSame( Held_Store::DB_VERSION, get_option( Held_Store::DB_VERSION_OPTION ) );
		$this->assertTrue( $this->store->exists() );
		$columns = array_column( $this->rows( 'SHOW COLUMNS FROM {held}' ), 'Field' );
		$this->assertSame( array( 'id', 'created_at', 'status', 'kind', 'verdict', 'recipients', 'subject', 'sender', 'initiator', 'fingerprint', 'args', 'bytes', 'claim', 'claimed_at', 'result_id', 'result_verdict', 'finished_at' ), $columns );
		$this->assertSame( array( 'id', 'email_id', 'name', 'type', 'bytes', 'content' ), array_column( $this->rows( 'SHOW COLUMNS FROM {files}' ), 'Field' ) );
		$keys = array_unique( array_column( $this->rows( 'SHOW INDEX FROM {held}' ), 'Key_name' ) );
		sort( $keys );
		$this->assertSame( array( 'PRIMARY', 'created_at', 'fingerprint', 'status_created' ), $keys );
	}

	/** Filter value. */
	public function three(): int {
		return 3;
	}

	/** Filter value. */
	public function seven(): int {
		return 7;
	}

	/** Filter value. */
	public function thousand(): int {
		return 1000;
	}

	/** Filter value. */
	public function ten_thousand(): int {
		return 10000;
	}
}
