<?php
/**
 * The screen: its place under WP Mail SMTP's menu, its assets, its boot data, the plugins-list link.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\WpMailSmtp;

use FixMailerSend\Admin\Admin_Page;
use FixMailerSend\Plugin;
use FixMailerSend\Tests\TestCase;

final class AdminPageTest extends TestCase {

	/**
	 * The running plugin's page.
	 *
	 * @var Admin_Page
	 */
	private $page;

	protected function setUp(): void {
		parent::setUp();
		require_once ABSPATH . 'wp-admin/includes/plugin.php';
		$plugin = Plugin::instance();
		$this->assertNotNull( $plugin );
		$this->page = $plugin->admin_page();
	}

	public function test_it_sits_under_wp_mail_smtp(): void {
		$this->assertSame( 'wp-mail-smtp', $this->page->parent_slug() );
		$this->assertSame( admin_url( 'admin.php?page=fix-mailersend' ), $this->page->url() );
	}

	public function test_boot_data_has_no_token(): void {
		$this->log_in_as( 'administrator' );
		$data = $this->page->boot_data();

		$this->assertSame( '/fix-mailersend/v1', $data['restPath'] );
		$this->assertSame( wp_get_current_user()->user_email, $data['user']['email'] );
		$this->assertSame( 'https://app.mailersend.com/api-tokens', $data['links']['apiTokens'] );
		$this->assertSame( admin_url( 'admin.php?page=wp-mail-smtp' ), $data['links']['wpMailSmtpSettings'] );
		$this->assertSame( admin_url( 'admin.php?page=wp-mail-smtp-tools&tab=test' ), $data['links']['emailTest'] );
		$this->assertStringNotContainsString( $this->token( 'expired' ), (string) wp_json_encode( $data ) );
	}

	public function test_render_prints_the_mount_point_escaped(): void {
		ob_start();
		$this->page->render();
		$html = (string) ob_get_clean();

		$this->assertStringContainsString( '<div class="wrap">', $html );
		$this->assertStringContainsString( '<h1>Fix MailerSend</h1>', $html );
		$this->assertStringContainsString( '<div id="fix-mailersend-root"></div>', $html );
		$this->assertStringContainsString( '<noscript>', $html );
		$this->assertStringNotContainsString( $this->token( 'expired' ), $html );
	}

	public function test_menu_and_assets_for_an_administrator(): void {
		global $submenu, $_registered_pages;
		$this->log_in_as( 'administrator' );

		$this->page->register();
		$titles = array_column( $submenu['wp-mail-smtp'] ?? array(), 2 );
		$this->assertContains( 'fix-mailersend', $titles );

		$hook = get_plugin_page_hookname( 'fix-mailersend', 'wp-mail-smtp' );
		$this->assertArrayHasKey( $hook, $_registered_pages );

		$this->page->enqueue( 'dashboard' );
		$this->assertFalse( wp_script_is( 'fix-mailersend', 'enqueued' ), 'Only on its own screen.' );

		if ( ! is_readable( FIX_MAILERSEND_DIR . 'build/index.asset.php' ) ) {
			$this->markTestIncomplete( 'build/ is missing: run npm run build to test the assets.' );
		}
		$this->page->enqueue( $hook );
		$this->assertTrue( wp_script_is( 'fix-mailersend', 'enqueued' ) );
		$this->assertTrue( wp_style_is( 'fix-mailersend', 'enqueued' ) || wp_style_is( 'fix-mailersend-style', 'enqueued' ) );
		$inline = implode( '', (array) wp_scripts()->get_data( 'fix-mailersend', 'before' ) );
		$this->assertStringContainsString( 'window.fixMailerSend = ', $inline );
		$this->assertStringNotContainsString( $this->token( 'expired' ), $inline );

		wp_dequeue_script( 'fix-mailersend' );
		wp_dequeue_style( 'fix-mailersend' );
		wp_dequeue_style( 'fix-mailersend-style' );
	}

	public function test_the_status_is_preloaded_into_the_page_without_the_token(): void {
		$this->log_in_as( 'administrator' );
		$this->page->register();
		if ( ! is_readable( FIX_MAILERSEND_DIR . 'build/index.asset.php' ) ) {
			$this->markTestIncomplete( 'build/ is missing: run npm run build to test the assets.' );
		}
		// What this page load adds (the other tests enqueue in the same process).
		$before = count( (array) wp_scripts()->get_data( 'wp-api-fetch', 'after' ) );
		$this->page->enqueue( (string) get_plugin_page_hookname( 'fix-mailersend', 'wp-mail-smtp' ) );
		$added = array_slice( (array) wp_scripts()->get_data( 'wp-api-fetch', 'after' ), $before );
		wp_dequeue_script( 'fix-mailersend' );

		$lines = array_values( array_filter( $added, fn( $line ) => is_string( $line ) && str_contains( $line, 'createPreloadingMiddleware' ) ) );
		$this->assertCount( 1, $lines, 'One preloading middleware, on wp-api-fetch.' );
		$this->assertSame( 1, preg_match( '/^wp\.apiFetch\.use\( wp\.apiFetch\.createPreloadingMiddleware\( (.*) \) \);$/s', $lines[0], $match ) );
		$preloaded = json_decode( $match[1], true );

		// The path the screen requests (src/api.ts: restPath + '/status'), with GET /status's answer.
		$this->assertIsArray( $preloaded );
		$this->assertSame( array( '/fix-mailersend/v1/status' ), array_keys( $preloaded ) );
		$body = $preloaded['/fix-mailersend/v1/status']['body'];
		$this->assertSame( json_decode( (string) wp_json_encode( $this->rest( 'GET', '/status' )->get_data() ), true ), $body );
		$this->assertSame( 'database', $body['token']['source'] );
		$this->assertSame( 'mlsn.FA…Xpir', $body['token']['masked'] );
		$this->assertStringNotContainsString( $this->token( 'expired' ), $lines[0] );
	}

	public function test_plugins_list_link(): void {
		$this->log_in_as( 'administrator' );
		$links = $this->page->action_links( array( 'deactivate' => '<a href="#">Deactivate</a>' ) );
		$this->assertCount( 2, $links );
		$this->assertStringContainsString( 'admin.php?page=fix-mailersend', (string) reset( $links ) );

		$this->log_in_as( 'editor' );
		$this->assertSame( array( 'x' ), $this->page->action_links( array( 'x' ) ) );
	}
}
