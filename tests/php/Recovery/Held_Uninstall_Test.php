<?php
/**
 * Uninstall drops the held emails' tables for real (DDL: outside any transaction, so the
 * test puts back what uninstall.php removed from the site at rest).
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Recovery;

use FixMailerSend\Recovery\Held_Store;
use PHPUnit\Framework\Attributes\PreserveGlobalState;
use PHPUnit\Framework\Attributes\RunInSeparateProcess;

final class Held_Uninstall_Test extends Held_Test_Case {

	#[RunInSeparateProcess]
	#[PreserveGlobalState( false )]
	public function test_uninstall_drops_both_tables(): void {
		global $wpdb;
		// DROP TABLE commits: leave the test's transaction first, and keep the site's rows.
		$wpdb->query( 'ROLLBACK' ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
		$kept = Site_Rows::take( array( $wpdb->options ) );
		try {
			$id = $this->store->add(
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
			$this->assertIsInt( $id );
			$this->assertSame( array( $this->store->files_table(), $this->store->table() ), Site_Rows::tables( $wpdb->prefix ) );

			define( 'WP_UNINSTALL_PLUGIN', 'fix-mailersend/plugin.php' ); // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals -- WordPress's constant.
			require FIX_MAILERSEND_DIR . 'uninstall.php';
			wp_cache_flush();

			$this->assertSame( array(), Site_Rows::tables( $wpdb->prefix ) );
			$this->assertFalse( get_option( Held_Store::DB_VERSION_OPTION ) );
		} finally {
			Site_Rows::put_back( $kept );
			( new Held_Store() )->install();
		}
	}
}
