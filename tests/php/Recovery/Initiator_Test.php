<?php
/**
 * Initiator: who called wp_mail(), named as WP Mail SMTP names it ("WordPress" for core).
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Recovery;

use FixMailerSend\Recovery\Initiator;
use FixMailerSend\Tests\TestCase;

final class Initiator_Test extends TestCase {

	public function test_core_plugins_must_use_plugins_and_themes_are_named(): void {
		$this->assertSame( 'WordPress', Initiator::for_site( FIX_MAILERSEND_FILE )->name( ABSPATH . WPINC . '/pluggable.php' ) );
		$this->assertSame( 'WordPress', Initiator::for_site( FIX_MAILERSEND_FILE )->name( ABSPATH . 'wp-admin/includes/user.php' ) );
		$this->assertSame( 'WP Mail SMTP (test stand-in)', Initiator::for_site( FIX_MAILERSEND_FILE )->name( WP_PLUGIN_DIR . '/wp-mail-smtp/src/MailCatcherV6.php' ) );
		$this->assertSame( 'Fix MailerSend', Initiator::for_site( FIX_MAILERSEND_FILE )->name( WP_PLUGIN_DIR . '/fix-mailersend/includes/Service/Test_Email.php' ) );
		$this->assertSame( 'Fix MailerSend test limits (TEST ONLY)', Initiator::for_site( FIX_MAILERSEND_FILE )->name( WPMU_PLUGIN_DIR . '/fms-test-limits.php' ) );
		$theme = wp_get_theme();
		$this->assertSame( $theme->get( 'Name' ), Initiator::for_site( FIX_MAILERSEND_FILE )->name( $theme->get_stylesheet_directory() . '/functions.php' ) );
		// PHP names a file of a plugin whose folder is a symbolic link by its real path.
		$this->assertSame( 'Fix MailerSend', Initiator::for_site( FIX_MAILERSEND_FILE )->name( FIX_MAILERSEND_DIR . 'includes/Service/Test_Email.php' ) );
		$this->assertSame( 'WP Mail SMTP (test stand-in)', Initiator::for_site( FIX_MAILERSEND_FILE )->name( (string) realpath( WP_PLUGIN_DIR . '/wp-mail-smtp/src/MailCatcherV6.php' ) ) );
		$this->assertSame( 'Fix MailerSend test limits (TEST ONLY)', Initiator::for_site( FIX_MAILERSEND_FILE )->name( (string) realpath( WPMU_PLUGIN_DIR . '/fms-test-limits.php' ) ) );
		$this->assertSame( 'N/A', Initiator::for_site( FIX_MAILERSEND_FILE )->name( '/somewhere/else.php' ) );
		$this->assertSame( 'N/A', Initiator::for_site( FIX_MAILERSEND_FILE )->name( '' ) );
	}

	public function test_the_caller_is_the_file_that_called_wp_mail(): void {
		$seen = array();
		$spy  = static function ( $atts ) use ( &$seen ) {
			$seen[] = Initiator::caller();
			return $atts;
		};
		add_filter( 'wp_mail', $spy );
		wp_mail( 'ann@example.org', 'Hi', 'Body' );
		remove_filter( 'wp_mail', $spy );
		$this->assertSame( array( __FILE__ ), $seen );
		$this->assertSame( '', Initiator::caller(), 'Outside wp_mail(), nobody.' );
	}

	public function test_test_emails_are_this_plugins_and_wp_mail_smtps_only(): void {
		$namer = Initiator::for_site( FIX_MAILERSEND_FILE );
		$this->assertTrue( $namer->own( WP_PLUGIN_DIR . '/fix-mailersend/includes/Service/Test_Email.php' ) );
		$this->assertTrue( $namer->own( FIX_MAILERSEND_DIR . 'includes/Service/Test_Email.php' ), 'By its real path.' );
		$this->assertTrue( $namer->own( WP_PLUGIN_DIR . '/wp-mail-smtp/src/Admin/Pages/TestTab.php' ) );
		$this->assertFalse( $namer->own( ABSPATH . WPINC . '/pluggable.php' ) );
		$this->assertFalse( $namer->own( WPMU_PLUGIN_DIR . '/fms-test-limits.php' ) );
		// The test site links its must-use plugins from this plugin's folder (tests/stand-ins):
		// PHP reports them by that real path, and they are still must-use plugins, not ours.
		$real = (string) realpath( WPMU_PLUGIN_DIR . '/fms-test-limits.php' );
		$this->assertStringStartsWith( wp_normalize_path( FIX_MAILERSEND_DIR ), wp_normalize_path( $real ) );
		$this->assertFalse( $namer->own( $real ) );
	}
}
