<?php
/**
 * The admin notice: who sees it, where, for which problems, and its dismissal.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- WordPress's and WP Mail SMTP's own hooks.

namespace FixMailerSend\Tests\Watch;

use FixMailerSend\Diagnosis\Verdicts;
use FixMailerSend\Storage\Check_Log;
use FixMailerSend\Storage\Failure_Log;
use FixMailerSend\Watch\Admin_Notice;
use FixMailerSend\Support\Token;

final class AdminNoticeTest extends Watch_Test_Case {

	public function test_a_token_failure_shows_the_notice_to_administrators_only(): void {
		$this->failed_send();

		$this->log_in_as( 'administrator' );
		$html = $this->notices();
		$this->assertStringContainsString( 'id="fix-mailersend-notice"', $html );
		$this->assertStringContainsString( 'notice-error is-dismissible', $html );
		$this->assertStringContainsString( 'MailerSend does not recognise this token', $html );
		$this->assertStringContainsString( 'href="' . esc_url( admin_url( 'admin.php?page=fix-mailersend' ) ) . '"', $html );
		$this->assertStringContainsString( 'Fix MailerSend →</a>', $html );
		$this->assertStringNotContainsString( $this->token( 'expired' ), $html );
		// On other admin screens too, WP Mail SMTP's own included.
		$this->assertTrue( $this->notice_shown( 'edit-post' ) );
		$this->assertTrue( $this->notice_shown( 'toplevel_page_wp-mail-smtp' ) );

		foreach ( array( 'editor', 'author', 'subscriber', 'logged_out' ) as $role ) {
			$this->log_in_as( $role );
			$this->assertFalse( $this->notice_shown(), $role );
		}
	}

	public function test_wp_mail_smtps_capability_decides(): void {
		$this->failed_send();
		$filter = static function () {
			return 'edit_others_posts';
		};
		add_filter( 'wp_mail_smtp_core_get_capability_manage_options', $filter );
		try {
			$this->log_in_as( 'editor' );
			$this->assertTrue( $this->notice_shown() );
		} finally {
			remove_filter( 'wp_mail_smtp_core_get_capability_manage_options', $filter );
		}
	}

	public function test_not_on_the_fix_mailersend_screen(): void {
		$this->failed_send();
		$this->log_in_as( 'administrator' );

		$this->assertFalse( $this->notice_shown( 'wp-mail-smtp_page_fix-mailersend' ) );
		$this->assertFalse( $this->notice_shown( 'tools_page_fix-mailersend' ) );
		$this->assertTrue( $this->notice_shown( 'dashboard' ) );
	}

	public function test_nothing_when_all_is_well(): void {
		$this->log_in_as( 'administrator' );
		$this->assertFalse( $this->notice_shown() );

		$this->use_settings( $this->token( 'valid_full' ) );
		$this->assertTrue( wp_mail( 'customer@example.com', 'Order', 'Thanks.' ) );
		$this->assertFalse( $this->notice_shown() );
	}

	public function test_one_off_failures_do_not_show_it(): void {
		$this->log_in_as( 'administrator' );

		$this->set_fault( '503', 1 );
		$this->failed_send();
		$this->assertSame( 503, get_option( Failure_Log::OPTION )['http_status'] );
		$this->assertFalse( $this->notice_shown(), 'mailersend_unavailable' );

		$this->set_fault( 'reset', 1 );
		$this->failed_send();
		$this->assertFalse( $this->notice_shown(), 'network_error' );

		$this->use_settings( $this->token( 'rate_limited' ) );
		$this->failed_send();
		$this->assertFalse( $this->notice_shown(), 'rate_limited' );
	}

	public function test_other_persistent_reasons_show_it(): void {
		$this->log_in_as( 'administrator' );

		$this->use_settings( $this->token( 'account_suspended' ) );
		$this->failed_send();
		$this->assertStringContainsString( 'This MailerSend account is suspended', $this->notices() );

		$this->use_settings( $this->token( 'other_account' ) );
		$this->failed_send();
		$this->assertStringContainsString( 'The From domain is not verified', $this->notices() );

		$this->use_settings( $this->token( 'valid_no_email_scope' ) );
		$this->failed_send();
		$this->assertStringContainsString( 'This token is not allowed to send email', $this->notices() );
	}

	public function test_a_later_successful_email_or_another_token_hides_it(): void {
		$this->log_in_as( 'administrator' );
		$this->failed_send();
		$this->assertTrue( $this->notice_shown() );
		$this->assertSame( 'critical', $this->plugin->site_health()->result()['status'] );

		// The token was replaced (e.g. in WP Mail SMTP's own screen): the failure is about the old one.
		$this->use_settings( $this->token( 'valid_full' ) );
		$this->assertFalse( $this->notice_shown() );

		// An email goes out with the new token: resolved.
		$this->assertTrue( wp_mail( 'customer@example.com', 'Order', 'Thanks.' ) );
		$this->assertFalse( $this->notice_shown() );
	}

	public function test_the_failing_token_back_in_use_is_not_resolved_by_another_tokens_email(): void {
		$this->log_in_as( 'administrator' );
		$this->failed_send();

		// Another token sends an email (WP Mail SMTP empties its debug record)…
		$this->use_settings( $this->token( 'valid_full' ) );
		$this->assertTrue( wp_mail( 'customer@example.com', 'Order', 'Thanks.' ) );
		$this->assertSame( '', (string) \WPMailSMTP\Debug::get_last() );
		$this->assertFalse( $this->notice_shown() );

		// …then the token that failed is back (restored from a backup, or the constant): nothing it
		// sent has succeeded since, so its failure stands again, in the notice and in Site Health.
		$this->use_settings( $this->token( 'expired' ) );
		$this->assertTrue( $this->notice_shown() );
		$this->assertStringContainsString( 'MailerSend does not recognise', $this->notices() );
		$health = $this->plugin->site_health()->result();
		$this->assertSame( 'critical', $health['status'] );
	}

	public function test_an_emptied_wp_mail_smtp_log_is_not_a_later_success(): void {
		$this->log_in_as( 'administrator' );
		$this->failed_send();

		// An admin empties WP Mail SMTP's Debug Events: no email went out, the failure stands.
		\WPMailSMTP\Debug::clear();
		$this->assertTrue( $this->notice_shown() );
	}

	public function test_not_when_wp_mail_smtp_sends_with_another_mailer(): void {
		$this->log_in_as( 'administrator' );
		$this->failed_send();
		$this->use_settings( $this->token( 'expired' ), 'smtp' );
		$this->assertFalse( $this->notice_shown() );
	}

	public function test_a_bad_daily_check_shows_it(): void {
		$this->log_in_as( 'administrator' );
		$this->assertSame( 'bad', $this->plugin->daily_check()->run() );

		$html = $this->notices();
		$this->assertStringContainsString( 'id="fix-mailersend-notice"', $html );
		$this->assertStringContainsString( 'failed its last check (MailerSend does not recognise this token)', $html );

		// A good check afterwards (the account was repaired, or a new token) hides it.
		$this->use_settings( $this->token( 'valid_full' ) );
		$this->assertSame( 'good', $this->plugin->daily_check()->run() );
		$this->assertFalse( $this->notice_shown() );
	}

	public function test_an_inconclusive_check_keeps_a_bad_verdict(): void {
		$this->log_in_as( 'administrator' );
		$this->assertSame( 'bad', $this->plugin->daily_check()->run() );
		$this->set_fault( '503', 1 );
		$this->assertSame( 'inconclusive', $this->plugin->daily_check()->run() );
		$this->assertTrue( $this->notice_shown() );
	}

	public function test_a_good_check_after_a_failure_hides_it_when_it_can_tell(): void {
		$this->log_in_as( 'administrator' );
		$this->failed_send();
		$this->backdate_failure( 120 );
		// The quota check cannot see a sending problem (unauthenticated it can).
		$this->use_settings( $this->token( 'valid_full' ) );
		$this->plugin->daily_check()->run();
		$this->use_settings( $this->token( 'expired' ) );
		$this->assertTrue( $this->notice_shown(), 'The good check was about another token.' );

		// A good check of this very token after the failure (say, MailerSend fixed the account).
		( new Check_Log() )->record( Verdicts::make( 'valid', array( 'token_accepted' => true ) ), Token::from( $this->token( 'expired' ) ) );
		$this->assertFalse( $this->notice_shown() );

		$this->use_settings( $this->token( 'other_account' ) );
		$this->failed_send();
		$this->backdate_failure( 120 );
		$this->assertSame( 'good', $this->plugin->daily_check()->run() );
		$this->assertTrue( $this->notice_shown(), 'A quota check says nothing about the From domain.' );
	}

	public function test_dismissal_is_per_user_and_per_failure(): void {
		$admin = $this->log_in_as( 'administrator' );
		$this->failed_send();
		$this->backdate_failure( 60 );

		$problem = $this->plugin->admin_notice()->current_problem();
		$this->assertNotNull( $problem );
		$this->assertSame( 'failure', $problem['kind'] );
		$this->assertStringContainsString( (string) $problem['at'], $problem['key'] );

		$this->assertFalse( $this->plugin->admin_notice()->dismiss( $admin, 'failure@1999-01-01T00:00:00+00:00' ), 'Only the problem shown.' );
		$this->assertTrue( $this->plugin->admin_notice()->dismiss( $admin, $problem['key'] ) );
		$this->assertFalse( $this->notice_shown() );

		// Per site: a user option with the site's table prefix.
		global $wpdb;
		$this->assertSame( $problem['key'], get_user_meta( $admin, $wpdb->get_blog_prefix() . Admin_Notice::USER_OPTION, true ) );

		// Another administrator still sees it.
		$this->log_in_as( 'administrator' );
		$this->assertTrue( $this->notice_shown() );

		// A new failure shows it again.
		wp_set_current_user( $admin );
		$this->failed_send();
		$this->assertTrue( $this->notice_shown() );
	}

	public function test_dismissal_through_admin_ajax(): void {
		$this->log_in_as( 'administrator' );
		$this->failed_send();
		$html = $this->notices();
		$this->assertSame( 1, preg_match( '/data-key="([^"]+)" data-nonce="([^"]+)"/', $html, $match ) );
		$this->assertStringContainsString( '<script', $html );
		$this->assertStringContainsString( 'fix_mailersend_dismiss_notice', $html );

		$denied = $this->ajax(
			array(
				'key'         => html_entity_decode( $match[1] ),
				'_ajax_nonce' => 'wrong',
			)
		);
		$this->assertFalse( $denied['success'] );
		$this->assertTrue( $this->notice_shown() );

		$answer = $this->ajax(
			array(
				'key'         => html_entity_decode( $match[1] ),
				'_ajax_nonce' => $match[2],
			)
		);
		$this->assertTrue( $answer['success'] );
		$this->assertFalse( $this->notice_shown() );

		$stale = $this->ajax(
			array(
				'key'         => 'check@2001-01-01T00:00:00+00:00',
				'_ajax_nonce' => $match[2],
			)
		);
		$this->assertFalse( $stale['success'] );
		$this->assertSame( 'stale', $stale['data']['code'] );
	}

	/**
	 * Moves the recorded failure back in time, so that the next one has another time stamp.
	 *
	 * @param int $seconds Seconds.
	 * @return void
	 */
	private function backdate_failure( int $seconds ): void {
		$stored = get_option( Failure_Log::OPTION );
		$this->assertIsArray( $stored );
		$stored['at'] = gmdate( 'c', time() - $seconds );
		update_option( Failure_Log::OPTION, $stored, false );
	}

	/**
	 * Runs the dismissal as admin-ajax.php would, and returns its JSON answer.
	 *
	 * @param array<string, string> $post The POST fields.
	 * @return array<string, mixed>
	 */
	private function ajax( array $post ): array {
		$post['action'] = Admin_Notice::AJAX_ACTION;
		$_POST          = $post;
		$_REQUEST       = $post;

		$doing_ajax = static function () {
			return true;
		};
		$die        = static function () {
			return static function () {
				throw new \RuntimeException( 'wp_die' );
			};
		};
		add_filter( 'wp_doing_ajax', $doing_ajax );
		add_filter( 'wp_die_ajax_handler', $die );
		ob_start();
		try {
			$this->plugin->dismiss_admin_notice();
			$this->fail( 'The handler must end with wp_die().' );
		} catch ( \RuntimeException $e ) {
			$this->assertSame( 'wp_die', $e->getMessage() );
		} finally {
			$output = (string) ob_get_clean();
			remove_filter( 'wp_doing_ajax', $doing_ajax );
			remove_filter( 'wp_die_ajax_handler', $die );
			$_POST    = array();
			$_REQUEST = array();
		}
		$data = json_decode( $output, true );
		$this->assertIsArray( $data, $output );
		return $data;
	}
}
