<?php
/**
 * The Site Health test "MailerSend API token".
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- WordPress's own hooks.

namespace FixMailerSend\Tests\Watch;

use FixMailerSend\Diagnosis\Verdicts;
use FixMailerSend\Storage\Check_Log;
use FixMailerSend\Storage\Token_Expiry;
use FixMailerSend\Watch\Site_Health;
use FixMailerSend\Support\Token;

final class SiteHealthTest extends Watch_Test_Case {

	/**
	 * The result, checked for its shape, and for making no request to MailerSend.
	 *
	 * @return array<string, mixed>
	 */
	private function health(): array {
		$this->standin( 'DELETE', '/__standin/requests' );
		$result = $this->plugin->site_health()->result();
		$this->assertSame( array(), $this->standin_requests(), 'Site Health must not call MailerSend.' );

		$this->assertSame( Site_Health::TEST, $result['test'] );
		$this->assertSame(
			array(
				'label' => 'Email',
				'color' => 'blue',
			),
			$result['badge']
		);
		$this->assertContains( $result['status'], array( 'good', 'recommended', 'critical' ) );
		$this->assertNotSame( '', $result['label'] );
		$this->assertStringContainsString( 'checked daily', $result['description'] );
		$this->assertStringContainsString( 'href="' . esc_url( admin_url( 'admin.php?page=fix-mailersend' ) ) . '"', $result['actions'] );
		$this->assertStringNotContainsString( $this->token( 'expired' ), wp_json_encode( $result ) );
		$this->assertStringNotContainsString( $this->token( 'valid_full' ), wp_json_encode( $result ) );
		return $result;
	}

	public function test_the_test_is_registered_as_a_direct_test(): void {
		$tests = apply_filters(
			'site_status_tests',
			array(
				'direct' => array(),
				'async'  => array(),
			)
		);
		$this->assertArrayHasKey( Site_Health::TEST, $tests['direct'] );
		$this->assertSame( 'MailerSend API token', $tests['direct'][ Site_Health::TEST ]['label'] );
		$this->assertIsCallable( $tests['direct'][ Site_Health::TEST ]['test'] );
		$result = call_user_func( $tests['direct'][ Site_Health::TEST ]['test'] );
		$this->assertSame( Site_Health::TEST, $result['test'] );
	}

	public function test_never_checked_is_recommended(): void {
		$result = $this->health();
		$this->assertSame( 'recommended', $result['status'] );
		$this->assertSame( 'The MailerSend API token has not been checked yet', $result['label'] );
	}

	public function test_a_current_good_check_is_good(): void {
		$this->use_settings( $this->token( 'valid_full' ) );
		$this->assertSame( 'good', $this->plugin->daily_check()->run() );

		$result = $this->health();
		$this->assertSame( 'good', $result['status'] );
		$this->assertSame( 'The MailerSend API token works', $result['label'] );
	}

	public function test_a_good_check_of_another_token_or_an_old_one_is_not_good(): void {
		$this->use_settings( $this->token( 'valid_full' ) );
		$this->plugin->daily_check()->run();
		$this->use_settings( $this->token( 'valid_all_scopes' ) );
		$this->assertSame( 'recommended', $this->health()['status'] );

		( new Check_Log() )->record( Verdicts::make( 'valid', array( 'token_accepted' => true ) ), Token::from( $this->token( 'valid_all_scopes' ) ) );
		$this->assertSame( 'good', $this->health()['status'] );

		$stored       = get_option( Check_Log::OPTION );
		$stored['at'] = gmdate( 'c', time() - 10 * DAY_IN_SECONDS );
		update_option( Check_Log::OPTION, $stored, false );
		$result = $this->health();
		$this->assertSame( 'recommended', $result['status'] );
		$this->assertSame( 'The MailerSend API token has not been checked recently', $result['label'] );
	}

	public function test_a_bad_check_is_critical(): void {
		$this->assertSame( 'bad', $this->plugin->daily_check()->run() );
		$result = $this->health();
		$this->assertSame( 'critical', $result['status'] );
		$this->assertSame( 'The MailerSend API token does not work', $result['label'] );
		$this->assertStringContainsString( 'MailerSend does not recognise this token', $result['description'] );
	}

	public function test_a_token_failure_is_critical_and_a_one_off_is_not(): void {
		$this->set_fault( '503', 1 );
		$this->failed_send();
		$this->assertSame( 'recommended', $this->health()['status'] );

		$this->failed_send();
		$result = $this->health();
		$this->assertSame( 'critical', $result['status'] );
		$this->assertSame( 'Email through MailerSend is failing', $result['label'] );
	}

	public function test_an_inconclusive_check_alone_is_recommended(): void {
		$this->set_fault( '503', 1 );
		$this->assertSame( 'inconclusive', $this->plugin->daily_check()->run() );
		$result = $this->health();
		$this->assertSame( 'recommended', $result['status'] );
		$this->assertSame( 'The MailerSend API token could not be checked', $result['label'] );
	}

	public function test_no_token_is_critical_and_another_mailer_recommended(): void {
		$this->use_settings( '' );
		$result = $this->health();
		$this->assertSame( 'critical', $result['status'] );
		$this->assertSame( 'No MailerSend API token is set', $result['label'] );

		$this->use_settings( $this->token( 'expired' ), 'smtp' );
		$result = $this->health();
		$this->assertSame( 'recommended', $result['status'] );
		$this->assertSame( 'WP Mail SMTP does not send through MailerSend', $result['label'] );
	}

	public function test_an_expiry_within_a_week_is_recommended(): void {
		$this->log_in_as( 'administrator' );
		$response = $this->rest(
			'PUT',
			'/token',
			array(
				'token'      => $this->token( 'valid_full' ),
				'expires_at' => self::day( 5 ),
			)
		);
		$this->assertSame( 200, $response->get_status() );

		$result = $this->health();
		$this->assertSame( 'recommended', $result['status'] );
		$this->assertSame( 'The MailerSend API token expires soon', $result['label'] );
		$this->assertStringContainsString( 'expires in 5 days', $result['description'] );

		( new Token_Expiry() )->set( self::day( 30 ) );
		$this->assertSame( 'good', $this->health()['status'] );
	}
}
