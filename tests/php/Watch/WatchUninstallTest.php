<?php
/**
 * Uninstalling removes what keeping watch added: its option, its cron events, dismissals.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- WordPress's own constant.

namespace FixMailerSend\Tests\Watch;

use FixMailerSend\Watch\Admin_Notice;
use FixMailerSend\Watch\Daily_Check;
use FixMailerSend\Watch\Watch_Log;
use PHPUnit\Framework\Attributes\PreserveGlobalState;
use PHPUnit\Framework\Attributes\RunInSeparateProcess;

final class WatchUninstallTest extends Watch_Test_Case {

	#[RunInSeparateProcess]
	#[PreserveGlobalState( false )]
	public function test_uninstall_removes_the_watch_data(): void {
		global $wpdb;
		$admin = $this->log_in_as( 'administrator' );
		$other = $this->make_user( 'editor' );

		$this->failed_send();
		$this->assertSame( 'bad', $this->plugin->daily_check()->run() );
		$problem = $this->plugin->admin_notice()->current_problem();
		$this->assertNotNull( $problem );
		$this->assertTrue( $this->plugin->admin_notice()->dismiss( $admin, $problem['key'] ) );
		Daily_Check::schedule();
		wp_schedule_single_event( time() + 600, Daily_Check::HOOK, array( Daily_Check::RETRY ) );
		update_user_meta( $other, 'fms_unrelated', 'kept' );

		$meta_key = $wpdb->get_blog_prefix() . Admin_Notice::USER_OPTION;
		$this->assertNotFalse( get_option( Watch_Log::OPTION ) );
		$this->assertIsInt( wp_next_scheduled( Daily_Check::HOOK ) );
		$this->assertNotSame( '', get_user_meta( $admin, $meta_key, true ) );
		$wpms = serialize( $this->wpms_option() ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize

		$this->run_uninstall();

		$this->assertFalse( get_option( Watch_Log::OPTION ) );
		$this->assertFalse( get_option( 'fix_mailersend_last_check' ) );
		$this->assertFalse( wp_next_scheduled( Daily_Check::HOOK ) );
		$this->assertFalse( wp_next_scheduled( Daily_Check::HOOK, array( Daily_Check::RETRY ) ) );
		$this->assertSame( '', get_user_meta( $admin, $meta_key, true ) );
		$this->assertSame( 'kept', get_user_meta( $other, 'fms_unrelated', true ) );
		$this->assertSame( $wpms, serialize( $this->wpms_option() ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
	}
}
