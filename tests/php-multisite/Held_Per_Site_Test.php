<?php
/**
 * Held emails on a network: each site has its own tables, created for that site, and
 * uninstall drops them on every site (for real: outside any transaction, putting back what
 * uninstall.php removed from the network at rest).
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Multisite;

use FixMailerSend\Recovery\Held_Store;
use FixMailerSend\Tests\Recovery\Site_Rows;
use PHPUnit\Framework\Attributes\PreserveGlobalState;
use PHPUnit\Framework\Attributes\RunInSeparateProcess;

require_once __DIR__ . '/Multisite_Test_Case.php';

final class Held_Per_Site_Test extends Multisite_Test_Case {

	#[RunInSeparateProcess]
	#[PreserveGlobalState( false )]
	public function test_each_site_has_its_own_tables_and_uninstall_drops_them_all(): void {
		global $wpdb;
		$main   = $this->main_site();
		$second = $this->second_site();
		$wpdb->query( 'ROLLBACK' ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- DDL below commits anyway.
		$kept = Site_Rows::take( array( $wpdb->get_blog_prefix( $main ) . 'options', $wpdb->get_blog_prefix( $second ) . 'options', $wpdb->usermeta ) );
		try {
			// From nothing: uninstall first, then each site creates its own tables on its first held email.
			$this->run_real_uninstall();
			$this->assertSame( array(), Site_Rows::tables( $wpdb->get_blog_prefix( $second ) ) );

			$on_second = $this->on(
				$second,
				static fn() => ( new Held_Store() )->add(
					array(
						'verdict'    => 'network_error',
						'recipients' => array( 'b@example.org' ),
						'subject'    => 'From the second site',
					)
				)
			);
			$this->assertIsInt( $on_second );
			$this->assertSame( array( $wpdb->get_blog_prefix( $second ) . 'fix_mailersend_held_files', $wpdb->get_blog_prefix( $second ) . 'fix_mailersend_held' ), Site_Rows::tables( $wpdb->get_blog_prefix( $second ) ) );
			$this->assertSame( array(), Site_Rows::tables( $wpdb->get_blog_prefix( $main ) ), 'The main site has none until it needs them.' );
			$this->assertSame( 0, ( new Held_Store() )->query( array() )['total'], 'The main site does not see the second site\'s emails.' );

			$this->assertIsInt(
				( new Held_Store() )->add(
					array(
						'verdict'    => 'unauthenticated',
						'recipients' => array( 'a@example.org' ),
					)
				)
			);
			$this->assertSame( 1, ( new Held_Store() )->query( array() )['total'] );
			$this->assertSame( array( 'From the second site' ), $this->on( $second, static fn() => array_column( ( new Held_Store() )->query( array() )['items'], 'subject' ) ) );

			$this->run_real_uninstall();
			$this->assertSame( array(), Site_Rows::tables( $wpdb->get_blog_prefix( $main ) ) );
			$this->assertSame( array(), Site_Rows::tables( $wpdb->get_blog_prefix( $second ) ) );
		} finally {
			Site_Rows::put_back( $kept );
			foreach ( array( $main, $second ) as $site ) {
				$this->on( $site, static fn() => ( new Held_Store() )->install() );
			}
		}
	}

	/**
	 * Runs uninstall.php as WordPress does it from the main site (each call in a fresh scope).
	 */
	private function run_real_uninstall(): void {
		if ( ! defined( 'WP_UNINSTALL_PLUGIN' ) ) {
			define( 'WP_UNINSTALL_PLUGIN', 'fix-mailersend/plugin.php' ); // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals -- WordPress's constant.
		}
		if ( ! function_exists( 'fix_mailersend_uninstall_site' ) ) {
			require FIX_MAILERSEND_DIR . 'uninstall.php';
		} else {
			foreach ( get_sites( array( 'fields' => 'ids' ) ) as $site ) {
				switch_to_blog( (int) $site );
				fix_mailersend_uninstall_site();
				restore_current_blog();
			}
		}
		wp_cache_flush();
	}
}
