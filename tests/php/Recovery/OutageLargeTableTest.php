<?php
/**
 * The outage report on a Debug Events table of 100,000 rows: the answer is right, only the
 * primary key is used (EXPLAIN), and no more than the window's rows are read.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Recovery;

use FixMailerSend\Recovery\Outage_Report;
use FixMailerSend\Storage\Failure_Log;
use FixMailerSend\WpMailSmtp\Debug_Events;

final class OutageLargeTableTest extends Outage_Test_Case {

	/**
	 * 100,000 rows, oldest first:
	 * - 94,000 from 40 to 31 days ago (outside the window): debug events and old failures;
	 * - 3,000 failures from 10 to 4 days ago (the shop and WordPress);
	 * - 3,000 failures from 2 days ago to now: 2,000 from the shop (Unauthenticated.),
	 *   600 from the theme (#MS42207), 400 from WordPress (transport errors, no text).
	 *
	 * @return void
	 */
	private function fill(): void {
		$shop  = self::shop_file();
		$theme = get_theme_root() . '/' . self::THEME . '/functions.php';
		$core  = ABSPATH . WPINC . '/pluggable.php';
		$rows  = array();
		for ( $i = 0; $i < 94000; $i++ ) {
			$ago    = 40 * DAY_IN_SECONDS - (int) ( $i * ( 9 * DAY_IN_SECONDS ) / 94000 );
			$rows[] = 0 === $i % 3 ? array( 'Unauthenticated.', $shop, $ago, 0 ) : array( "Debug: request $i", $shop, $ago, 1 );
		}
		for ( $i = 0; $i < 3000; $i++ ) {
			$rows[] = array( 'Unauthenticated.', 0 === $i % 2 ? $shop : $core, 10 * DAY_IN_SECONDS - $i * 172, 0 );
		}
		for ( $i = 0; $i < 3000; $i++ ) {
			$ago = 2 * DAY_IN_SECONDS - $i * 57;
			if ( $i % 5 < 2 ) {
				$rows[] = 0 === $i % 5 ? array( 'The from.email domain must be verified in your account to send emails. #MS42207', $theme, $ago, 0 ) : array( '', $core, $ago, 0 );
			} else {
				$rows[] = array( 'Unauthenticated.', $shop, $ago, 0 );
			}
		}
		$this->insert_rows( $rows );
		$this->assertSame( 100000, (int) $GLOBALS['wpdb']->get_var( "SELECT COUNT(*) FROM {$this->table()}" ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared
	}

	public function test_a_100000_row_table(): void {
		update_option( 'timezone_string', 'UTC' );
		$this->fill();
		$now = time();

		// Mail worked 3 days ago (the first success after the older failures): the outage is
		// the newest 3,000 failures.
		update_option(
			Failure_Log::OPTION,
			array(
				'at'              => gmdate( 'c', $now - 60 ),
				'message'         => 'Unauthenticated.',
				'ms_code'         => null,
				'http_status'     => 401,
				'fingerprint'     => 'x',
				'succeeded_after' => array(),
				'success_at'      => gmdate( 'c', $now - 3 * DAY_IN_SECONDS ),
			),
			false
		);
		$queries = $this->queries_on_the_table(
			function (): void {
				$report = $this->report();
				$this->assertNotNull( $report );
				$this->assertTrue( $report['known'] );
				$this->assertTrue( $report['ongoing'] );
				$this->assertFalse( $report['truncated'] );
				$this->assertSame( 3000, $report['failed'] );
				$this->assertSame(
					array(
						array(
							'name'  => self::SHOP_NAME,
							'count' => 1800,
						),
						array(
							'name'  => self::THEME_NAME,
							'count' => 600,
						),
						array(
							'name'  => 'WordPress',
							'count' => 600,
						),
					),
					$report['senders']
				);
				$this->assertSame(
					array(
						array(
							'verdict' => 'unauthenticated',
							'title'   => 'MailerSend does not recognise this token',
							'count'   => 1800,
						),
						array(
							'verdict' => 'domain_unverified',
							'title'   => 'The From domain is not verified in this token’s MailerSend account',
							'count'   => 600,
						),
						array(
							'verdict' => 'network_error',
							'title'   => 'This site could not reach MailerSend',
							'count'   => 600,
						),
					),
					$report['causes']
				);
			}
		);
		$this->assert_only_by_primary_key( $queries, 4 );

		// No success known: the whole window, cut at 5,000 rows ("at least").
		delete_option( Failure_Log::OPTION );
		$queries = $this->queries_on_the_table(
			function () use ( $now ): void {
				$report = $this->report();
				$this->assertNotNull( $report );
				$this->assertTrue( $report['truncated'] );
				$this->assertSame( 5000, $report['failed'] );
				$this->assertStringStartsWith( 'Since ' . gmdate( 'j M, H:i', strtotime( (string) $report['since'] ) ) . ', at least 5,000 emails failed: ', $report['summary'] );
				$this->assertGreaterThan( $now - 10 * DAY_IN_SECONDS - 60, strtotime( (string) $report['since'] ) );
			}
		);
		$this->assert_only_by_primary_key( $queries, 5 );
	}

	public function test_the_query_uses_the_primary_key(): void {
		$this->fill();
		global $wpdb;
		$events = new Debug_Events();
		$max    = (int) $events->max_id();

		$plan = $wpdb->get_results( 'EXPLAIN ' . $events->newest_sql( $max + 1, Outage_Report::BATCH ), ARRAY_A ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.NotPrepared
		$this->assertCount( 1, $plan );
		$this->assertSame( 'PRIMARY', $plan[0]['key'], 'read through the primary key' );
		$this->assertSame( 'range', $plan[0]['type'], 'a range of it, not the whole table' );
		$this->assertStringNotContainsString( 'filesort', (string) $plan[0]['Extra'] );

		$plan = $wpdb->get_results( "EXPLAIN SELECT MAX(id) FROM {$this->table()}", ARRAY_A ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$this->assertStringContainsString( 'Select tables optimized away', (string) $plan[0]['Extra'], 'MAX(id) comes from the index' );
	}

	/**
	 * The queries made on the Debug Events table while $run runs.
	 *
	 * @param callable $run Code.
	 * @return string[]
	 */
	private function queries_on_the_table( callable $run ): array {
		$seen   = array();
		$table  = $this->table();
		$filter = static function ( $query ) use ( &$seen, $table ) {
			if ( is_string( $query ) && false !== strpos( $query, $table ) ) {
				$seen[] = $query;
			}
			return $query;
		};
		add_filter( 'query', $filter );
		try {
			$run();
		} finally {
			remove_filter( 'query', $filter );
		}
		return $seen;
	}

	/**
	 * Every query is the existence check, MAX(id), or a primary-key range of at most a batch,
	 * and at most $reads of those.
	 *
	 * @param string[] $queries Queries.
	 * @param int      $reads   Most row reads expected.
	 * @return void
	 */
	private function assert_only_by_primary_key( array $queries, int $reads ): void {
		$count = 0;
		foreach ( $queries as $query ) {
			if ( 0 === strpos( $query, 'SHOW TABLES LIKE' ) || 0 === strpos( $query, 'SELECT MAX(id) FROM' ) ) {
				continue;
			}
			$this->assertMatchesRegularExpression( '/^SELECT id, content, initiator, event_type, created_at FROM `\w+` WHERE id < \d+ ORDER BY id DESC LIMIT (\d+)$/', $query );
			preg_match( '/LIMIT (\d+)$/', $query, $limit );
			$this->assertLessThanOrEqual( Outage_Report::BATCH, (int) $limit[1] );
			++$count;
		}
		$this->assertGreaterThanOrEqual( 1, $count );
		$this->assertLessThanOrEqual( $reads, $count, implode( "\n", $queries ) );
	}
}
