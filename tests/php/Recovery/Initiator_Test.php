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
		$this->assertSame( 'WordPress', Initiator::name_of( ABSPATH . WPINC . '/pluggable.php' ) );
		$this->assertSame( 'WordPress', Initiator::name_of( ABSPATH . 'wp-admin/includes/user.php' ) );
		$this->assertSame( 'WP Mail SMTP (test stand-in)', Initiator::name_of( WP_PLUGIN_DIR . '/wp-mail-smtp/src/MailCatcherV6.php' ) );
		$this->assertSame( 'Fix MailerSend', Initiator::name_of( WP_PLUGIN_DIR . '/fix-mailersend/includes/Service/Test_Email.php' ) );
		$this->assertSame( 'Fix MailerSend test limits (TEST ONLY)', Initiator::name_of( WPMU_PLUGIN_DIR . '/fms-test-limits.php' ) );
		$theme = wp_get_theme();
		$this->assertSame( $theme->get( 'Name' ), Initiator::name_of( $theme->get_stylesheet_directory() . '/functions.php' ) );
		// PHP names a file of a plugin whose folder is a symbolic link by its real path.
		$this->assertSame( 'Fix MailerSend', Initiator::name_of( FIX_MAILERSEND_DIR . 'includes/Service/Test_Email.php' ) );
		$this->assertSame( 'WP Mail SMTP (test stand-in)', Initiator::name_of( (string) realpath( WP_PLUGIN_DIR . '/wp-mail-smtp/src/MailCatcherV6.php' ) ) );
		$this->assertSame( 'Fix MailerSend test limits (TEST ONLY)', Initiator::name_of( (string) realpath( WPMU_PLUGIN_DIR . '/fms-test-limits.php' ) ) );
		$this->assertSame( '', Initiator::name_of( '/somewhere/else.php' ) );
		$this->assertSame( '', Initiator::name_of( '' ) );
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
}
