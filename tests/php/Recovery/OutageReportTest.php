<?php
/**
 * The outage report on the real stack: real wp_mail() calls from a plugin, a theme and
 * WordPress itself fail through WP Mail SMTP (stand-in) and the MailerSend stand-in, WP Mail
 * SMTP writes its Debug Events rows, and the report reads them.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Recovery;

use FixMailerSend\Recovery\Outage_Report;
use FixMailerSend\Storage\Failure_Log;

final class OutageReportTest extends Outage_Test_Case {

	/**
	 * Whether a test dropped the Debug Events table (tearDown() creates it again).
	 *
	 * @var bool
	 */
	private $dropped = false;

	protected function tearDown(): void {
		try {
			parent::tearDown();
		} finally {
			if ( $this->dropped ) {
				( new \WPMailSMTP\Admin\DebugEvents\Migration() )->migrate_to_1();
			}
		}
	}

	public function test_the_stand_in_writes_a_debug_event_per_failed_send_as_wp_mail_smtp_does(): void {
		$this->use_token( 'expired' );
		$failed = 0;
		$count  = static function () use ( &$failed ): void {
			++$failed;
		};
		add_action( 'wp_mail_failed', $count );
		try {
			$this->assertFalse( fms_outage_shop_send( 'customer@example.com' ) );
		} finally {
			remove_action( 'wp_mail_failed', $count );
		}

		$this->assertSame( 1, $failed, 'core’s wp_mail() fired wp_mail_failed' );
		$rows = $this->rows();
		$this->assertCount( 1, $rows );
		$this->assertSame( "Mailer: MailerSend\r\nUnauthenticated.", $rows[0]['content'] );
		$this->assertSame( '0', $rows[0]['event_type'] );
		$initiator = json_decode( $rows[0]['initiator'], true );
		$this->assertSame( array( 'file', 'line' ), array_keys( $initiator ) );
		$this->assertSame( realpath( self::shop_file() ), realpath( $initiator['file'] ) );
		$this->assertSame( 8, $initiator['line'], 'the line of the wp_mail() call in the plugin' );
		$this->assertEqualsWithDelta( time(), strtotime( $rows[0]['created_at'] . ' UTC' ), 60, 'created_at is UTC' );

		// A successful send writes nothing.
		$this->use_token( 'valid_full' );
		$this->assertTrue( fms_outage_shop_send( 'customer@example.com' ) );
		$this->assertCount( 1, $this->rows() );
	}

	public function test_several_senders_and_causes_from_real_failed_sends(): void {
		update_option( 'timezone_string', 'Europe/Berlin' );
		$this->use_token( 'expired' );
		for ( $i = 0; $i < 3; $i++ ) {
			$this->assertFalse( fms_outage_shop_send( "customer$i@example.com" ) );
		}
		$this->assertFalse( fms_outage_theme_send( 'owner@example.com' ) );
		$this->assertFalse( fms_outage_theme_send( 'owner@example.com' ) );
		// WordPress's own email: a password reset (wp-includes/user.php calls wp_mail()).
		$this->assertInstanceOf( \WP_Error::class, retrieve_password( 'admin' ) );
		$this->use_token( 'other_account' );
		$this->assertFalse( fms_outage_shop_send( 'customer@example.com' ) );

		$report = $this->report();

		$this->assertNotNull( $report );
		$first = strtotime( $this->rows()[0]['created_at'] . ' UTC' );
		$last  = strtotime( $this->rows()[6]['created_at'] . ' UTC' );
		$this->assertTrue( $report['known'] );
		$this->assertNull( $report['reason'] );
		$this->assertTrue( $report['ongoing'] );
		$this->assertFalse( $report['truncated'] );
		$this->assertSame( 7, $report['failed'] );
		$this->assertSame( $first, strtotime( $report['since'] ) );
		$this->assertSame( $last, strtotime( $report['last'] ) );
		$this->assertSame(
			array(
				array(
					'name'  => self::SHOP_NAME,
					'count' => 4,
				),
				array(
					'name'  => self::THEME_NAME,
					'count' => 2,
				),
				array(
					'name'  => 'WordPress',
					'count' => 1,
				),
			),
			$report['senders']
		);
		$this->assertSame(
			array(
				array(
					'verdict' => 'unauthenticated',
					'title'   => 'MailerSend does not recognise this token',
					'count'   => 6,
				),
				array(
					'verdict' => 'domain_unverified',
					'title'   => 'The From domain is not verified in this token’s MailerSend account',
					'count'   => 1,
				),
			),
			$report['causes']
		);
		$this->assertSame(
			'Since ' . self::local( $first, 'Europe/Berlin' ) . ', 7 emails failed: FMS Outage Shop 4, FMS Outage Theme 2, WordPress 1',
			$report['summary']
		);

		// The same in GET /status.
		$this->log_in_as( 'administrator' );
		$status = $this->json( $this->rest( 'GET', '/status' ) );
		$this->assertSame( $report, $status['outage'] );
		// And alone, in GET /outage.
		$this->assertSame( $report, $this->json( $this->rest( 'GET', '/outage' ) ) );
	}

	public function test_a_comment_notification_is_named_wordpress(): void {
		$this->use_token( 'expired' );
		$author  = $this->make_user( 'author' );
		$post    = wp_insert_post(
			array(
				'post_author' => $author,
				'post_title'  => 'Hello',
				'post_status' => 'publish',
			)
		);
		$comment = wp_insert_comment(
			array(
				'comment_post_ID'  => $post,
				'comment_content'  => 'Nice post.',
				'comment_approved' => 1,
				'comment_author'   => 'Visitor',
			)
		);
		$this->assertIsInt( $comment );
		wp_notify_postauthor( $comment );
		$this->assertCount( 1, $this->rows(), 'the notification failed' );
		$this->assertStringContainsString( '/wp-includes/', json_decode( $this->rows()[0]['initiator'], true )['file'] );

		$report = $this->report();
		$this->assertNotNull( $report );
		$this->assertSame(
			array(
				array(
					'name'  => 'WordPress',
					'count' => 1,
				),
			),
			$report['senders']
		);
	}

	public function test_test_emails_of_this_plugin_and_of_wp_mail_smtp_are_left_out(): void {
		$this->use_token( 'expired' );
		$this->log_in_as( 'administrator' );
		// This plugin's test email fails: WP Mail SMTP records it, the report leaves it out.
		$this->assertSame( 200, $this->rest( 'POST', '/test-email', array( 'to' => 'me@example.com' ) )->get_status() );
		$this->assertCount( 1, $this->rows() );
		// WP Mail SMTP's own Email Test tool, as recorded on a real site.
		$this->insert_rows( array( array( 'Unauthenticated.', WP_PLUGIN_DIR . '/wp-mail-smtp/src/Admin/Pages/TestTab.php', 30, 0 ) ) );
		// Another mailer's failure and a debug event are not MailerSend failures.
		$this->insert_rows( array( array( 'SMTP Error: Could not authenticate.', self::shop_file(), 20, 0 ) ), 'Other SMTP' );
		$this->insert_rows( array( array( 'Mailer: MailerSend\r\nSomething to debug', self::shop_file(), 10, 1 ) ) );

		$this->assertNull( $this->report() );
		$this->assertNull( $this->json( $this->rest( 'GET', '/status' ) )['outage'] );

		$this->assertFalse( fms_outage_shop_send( 'customer@example.com' ) );
		$report = $this->report();
		$this->assertNotNull( $report );
		$this->assertSame( 1, $report['failed'] );
	}

	public function test_a_stopped_outage_says_until_when_and_the_next_one_starts_after_the_success(): void {
		update_option( 'timezone_string', 'UTC' );
		$shop = self::shop_file();
		// Three hours ago to two hours ago: five failures; an hour ago mail went out again.
		$this->insert_rows(
			array(
				array( 'Unauthenticated.', $shop, 3 * HOUR_IN_SECONDS, 0 ),
				array( 'Unauthenticated.', $shop, 3 * HOUR_IN_SECONDS - 60, 0 ),
				array( 'Unauthenticated.', $shop, 150 * MINUTE_IN_SECONDS, 0 ),
				array( 'Unauthenticated.', $shop, 130 * MINUTE_IN_SECONDS, 0 ),
				array( 'Unauthenticated.', $shop, 2 * HOUR_IN_SECONDS, 0 ),
			)
		);
		$now = time();
		// What Failure_Log wrote: the failure, then the first success after it.
		update_option(
			Failure_Log::OPTION,
			array(
				'at'              => gmdate( 'c', $now - 2 * HOUR_IN_SECONDS ),
				'message'         => 'Unauthenticated.',
				'ms_code'         => null,
				'http_status'     => 401,
				'fingerprint'     => 'x',
				'succeeded_after' => array( 'x' ),
				'success_at'      => gmdate( 'c', $now - HOUR_IN_SECONDS ),
			),
			false
		);

		$report = $this->report();
		$this->assertNotNull( $report );
		$this->assertFalse( $report['ongoing'] );
		$this->assertSame( 5, $report['failed'] );
		$from  = gmdate( 'j M, H:i', $now - 3 * HOUR_IN_SECONDS );
		$until = gmdate( 'j M, H:i', $now - 2 * HOUR_IN_SECONDS );
		$this->assertSame( "From $from until $until, 5 emails failed: FMS Outage Shop 5", $report['summary'] );

		// Ten minutes ago it broke again: only the new failures are the outage.
		$this->insert_rows(
			array(
				array( 'This action is unauthorized. #MS40301', $shop, 10 * MINUTE_IN_SECONDS, 0 ),
				array( 'This action is unauthorized. #MS40301', $shop, 5 * MINUTE_IN_SECONDS, 0 ),
			)
		);
		( new Failure_Log() )->record( 'This action is unauthorized. #MS40301', 'MS40301', 403, 'x' );

		$report = $this->report();
		$this->assertNotNull( $report );
		$this->assertTrue( $report['ongoing'] );
		$this->assertSame( 2, $report['failed'] );
		$this->assertSame( gmdate( 'Y-m-d\TH:i:s\Z', $now - 10 * MINUTE_IN_SECONDS ), $report['since'] );
		$this->assertSame(
			array(
				array(
					'verdict' => 'missing_permission',
					'title'   => 'This token is not allowed to send email',
					'count'   => 2,
				),
			),
			$report['causes']
		);
	}

	public function test_failure_log_keeps_when_mail_worked_again(): void {
		$log = new Failure_Log();
		$this->assertSame(
			array(
				'at'     => null,
				'before' => null,
			),
			$log->successes()
		);
		$log->record_success( 'a' );
		$first = $log->successes()['at'];
		$this->assertNotNull( $first, 'the first success this plugin saw' );
		$this->assertNull( $log->get(), 'no failure is made up' );

		// Later successes without a failure between them change nothing (no write per send).
		update_option( Failure_Log::OPTION, array( 'success_at' => '2026-01-01T00:00:00+00:00' ), false );
		$log->record_success( 'a' );
		$this->assertSame( '2026-01-01T00:00:00+00:00', $log->successes()['at'] );

		// A failure keeps the success; the first success after it replaces it.
		$log->record( 'Unauthenticated.', '', 401, 'a' );
		$this->assertSame( '2026-01-01T00:00:00+00:00', $log->successes()['at'] );
		$log->record_success( 'b' );
		$this->assertSame( '2026-01-01T00:00:00+00:00', $log->successes()['before'] );
		$this->assertEqualsWithDelta( time(), strtotime( (string) $log->successes()['at'] ), 60 );
		$this->assertTrue( Failure_Log::resolved( (array) $log->get(), 'b' ) );
	}

	public function test_a_real_success_stops_the_outage(): void {
		$this->use_token( 'expired' );
		$this->assertFalse( fms_outage_shop_send( 'customer@example.com' ) );
		$this->assertTrue( $this->report()['ongoing'] ?? null );

		$this->use_token( 'valid_full' );
		$this->assertTrue( fms_outage_shop_send( 'customer@example.com' ) );

		$report = $this->report();
		$this->assertNotNull( $report );
		$this->assertFalse( $report['ongoing'] );
		$this->assertSame( 1, $report['failed'] );
		$this->assertStringStartsWith( 'From ', $report['summary'] );
	}

	public function test_an_emptied_table_says_what_is_not_known(): void {
		update_option( 'timezone_string', 'UTC' );
		$this->use_token( 'expired' );
		$this->assertFalse( fms_outage_shop_send( 'customer@example.com' ) );
		$this->assertFalse( fms_outage_theme_send( 'owner@example.com' ) );
		$at = (string) ( new Failure_Log() )->get()['at'];
		// Tools → Debug Events → "Delete All Events" (the real one TRUNCATEs; DELETE keeps the test's transaction).
		global $wpdb;
		$wpdb->query( "DELETE FROM {$this->table()}" ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared

		$report = $this->report();

		$this->assertNotNull( $report );
		$this->assertFalse( $report['known'] );
		$this->assertSame( 'emptied', $report['reason'] );
		$this->assertSame( 0, $report['failed'] );
		$this->assertSame( array(), $report['senders'] );
		$this->assertSame( array(), $report['causes'] );
		$this->assertNull( $report['since'] );
		$this->assertSame( strtotime( $at ), strtotime( (string) $report['last'] ) );
		$this->assertTrue( $report['ongoing'] );
		$this->assertSame(
			'WP Mail SMTP’s Debug Events were deleted, so how many emails failed through MailerSend, and which, is not known. The last one this plugin saw failed on ' . gmdate( 'j M, H:i', strtotime( $at ) ) . '.',
			$report['summary']
		);

		// Nothing known to this plugin either: nothing to report.
		delete_option( Failure_Log::OPTION );
		$this->assertNull( $this->report() );
	}

	public function test_a_missing_table_says_so(): void {
		global $wpdb;
		// DDL ends the transaction: first thing in the test, and a new transaction after it.
		$this->dropped = true;
		$wpdb->query( "DROP TABLE {$this->table()}" ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.DirectDatabaseQuery.SchemaChange
		$wpdb->query( 'START TRANSACTION' ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery

		$report = $this->report();
		$this->assertNotNull( $report );
		$this->assertFalse( $report['known'] );
		$this->assertSame( 'no_table', $report['reason'] );
		$this->assertNull( $report['last'] );
		$this->assertFalse( $report['ongoing'] );
		$this->assertSame( 'WP Mail SMTP’s Debug Events table is missing, so which emails failed through MailerSend is not known.', $report['summary'] );

		( new Failure_Log() )->record( 'Unauthenticated.', '', 401, 'x' );
		$this->log_in_as( 'administrator' );
		$status = $this->json( $this->rest( 'GET', '/status' ) );
		$this->assertSame( 'no_table', $status['outage']['reason'] );
		$this->assertTrue( $status['outage']['ongoing'] );
		$this->assertNotNull( $status['outage']['last'] );
	}

	public function test_the_report_is_computed_again_only_after_a_new_failure(): void {
		$this->use_token( 'expired' );
		$this->assertFalse( fms_outage_shop_send( 'customer@example.com' ) );

		$reads = $this->table_reads(
			function (): void {
				$this->assertSame( 1, $this->report()['failed'] ?? null );
			}
		);
		$this->assertGreaterThanOrEqual( 1, $reads, 'the first report reads the table' );
		$this->assertFalse( wp_load_alloptions()[ Outage_Report::OPTION ] ?? false, 'the cache is not autoloaded' );

		global $wpdb;
		$before = $wpdb->num_queries;
		$reads  = $this->table_reads(
			function (): void {
				$this->assertSame( 1, $this->report()['failed'] ?? null );
				$this->assertSame( 1, $this->report()['failed'] ?? null );
			}
		);
		$this->assertSame( 0, $reads, 'no row of the table is read again without a new failure' );
		$this->assertLessThanOrEqual( 6, $wpdb->num_queries - $before, 'two cached reports: the table exists, its MAX(id), the cache (per report)' );

		// A new failure: read again.
		$this->assertFalse( fms_outage_theme_send( 'owner@example.com' ) );
		$reads = $this->table_reads(
			function (): void {
				$this->assertSame( 2, $this->report()['failed'] ?? null );
			}
		);
		$this->assertGreaterThanOrEqual( 1, $reads );
	}

	/**
	 * How many queries read rows of the Debug Events table while $run runs.
	 *
	 * @param callable $run Code.
	 * @return int
	 */
	private function table_reads( callable $run ): int {
		$reads  = 0;
		$table  = $this->table();
		$filter = static function ( $query ) use ( &$reads, $table ) {
			if ( is_string( $query ) && false !== strpos( $query, $table ) && 0 === strpos( ltrim( $query ), 'SELECT id, content' ) ) {
				++$reads;
			}
			return $query;
		};
		add_filter( 'query', $filter );
		try {
			$run();
		} finally {
			remove_filter( 'query', $filter );
		}
		return $reads;
	}
}
