<?php
/**
 * Diagnosis::explain_failure() and parse_debug_text().
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Domain;

use FixMailerSend\Diagnosis\Diagnosis;
use PHPUnit\Framework\Attributes\DataProvider;

/**
 * WP Mail SMTP's record of a failed send, explained.
 */
final class Explain_Failure_Test extends Domain_Test_Case {

	/**
	 * @return array<string, array{string, string, int, string}>
	 */
	public static function hook_arguments(): array {
		return array(
			'401'                      => array( 'Unauthenticated.', '401', 401, 'unauthenticated' ),
			'Debug text, no status'    => array( 'Unauthenticated.', '', 0, 'unauthenticated' ),
			'403 MS40301'              => array( 'This action is unauthorized. #MS40301', 'MS40301', 403, 'missing_permission' ),
			'403 no code'              => array( 'This action is unauthorized.', '403', 403, 'unknown' ),
			'403 MS40302'              => array( 'API access is disabled for this account. #MS40302', 'MS40302', 403, 'account_blocked' ),
			'422 MS42207'              => array( 'The from.email domain must be verified in your account to send emails. #MS42207', 'MS42207', 422, 'domain_unverified' ),
			'422 MS42207 from text'    => array( 'The from.email domain must be verified in your account to send emails. #MS42207 (and 1 more error)', 'from.email', 422, 'domain_unverified' ),
			'422 MS42225 in code only' => array( 'The given data was invalid.', 'MS42225', 422, 'trial_limit' ),
			'422 MS42222 with #'       => array( 'The trial domain has reached its sending quota.', '#MS42222', 422, 'trial_limit' ),
			'422 MS42204'              => array( 'The sending quota set for this account has been reached. #MS42204', 'MS42204', 422, 'sending_quota_reached' ),
			'422 MS42216 errors key'   => array( 'Custom headers are not available on this account\'s plan. #MS42216', 'headers', 422, 'plan_feature_missing' ),
			'422 other'                => array( 'The to.0.email must be a valid email address. #MS42208', 'MS42208', 422, 'unknown' ),
			'429 no code'              => array( 'Too Many Attempts.', '429', 429, 'rate_limited' ),
			'429 MS42901'              => array( 'Your account reached its daily request quota of 100 requests. #MS42901', 'MS42901', 429, 'quota_exhausted' ),
			'429 MS42903'              => array( 'Your account reached its rate limit of 60 requests/min. #MS42903', 'MS42903', 429, 'rate_limited' ),
			'500 HTML'                 => array( "500: Internal Server Error\r\n<html><body>nginx</body></html>", '500', 500, 'mailersend_unavailable' ),
			'500 HTML from Debug text' => array( "500: Internal Server Error\r\n<html><body>nginx</body></html>", '', 0, 'mailersend_unavailable' ),
			'421'                      => array( 'MailerSend is down for maintenance. Please try again later.', '421', 421, 'mailersend_unavailable' ),
			'408'                      => array( 'Request Timeout', '408', 408, 'mailersend_unavailable' ),
			'transport error'          => array( '', '', 0, 'network_error' ),
			'blocked by WordPress'     => array( 'User has blocked requests through HTTP.', '', 0, 'blocked_by_site' ),
			'a 200 is a failure'       => array( 'OK', '200', 200, 'unknown' ),
			'English text only'        => array( 'Too Many Attempts.', '', 0, 'unknown' ),
			'code wins over status'    => array( 'Your account is suspended. #MS40304', 'MS40304', 500, 'account_blocked' ),
		);
	}

	#[DataProvider( 'hook_arguments' )]
	public function test_classification( string $message, string $code, int $status, string $id ): void {
		$verdict = $this->diagnosis()->explain_failure( $message, $code, $status );
		$this->assert_verdict( $id, $verdict );
		$this->assertSame( 'wp_mail_smtp', $verdict->evidence()['source'] );
		$this->assertSame( 'POST /v1/email', $verdict->evidence()['endpoint'] );
	}

	public function test_an_empty_message_is_explained_as_a_transport_error(): void {
		$verdict = $this->diagnosis()->explain_failure( '' );
		$this->assertStringContainsString( 'WP Mail SMTP records an empty error message', $verdict->explanation() );
	}

	public function test_account_blocked_keeps_the_code(): void {
		$verdict = $this->diagnosis()->explain_failure( 'Your IP address is not allowlisted. #MS40305', '', 403 );
		$this->assertSame( 'MS40305', $verdict->evidence()['ms_code'] );
		$this->assertStringContainsString( 'IP address', $verdict->title() );
	}

	public function test_parse_debug_text(): void {
		$this->assertSame(
			array(
				'message' => 'Unauthenticated.',
				'ms_code' => '',
			),
			Diagnosis::parse_debug_text( "Email Source: WP Core\r\nMailer: MailerSend\r\nUnauthenticated." )
		);
		$this->assertSame(
			array(
				'message' => 'The from.email domain must be verified in your account to send emails. #MS42207',
				'ms_code' => 'MS42207',
			),
			Diagnosis::parse_debug_text( "Mailer: MailerSend\nThe from.email domain must be verified in your account to send emails. #MS42207\n" )
		);
		$this->assertSame(
			array(
				'message' => '',
				'ms_code' => '',
			),
			Diagnosis::parse_debug_text( "Email Source: Contact Form\r\nMailer: MailerSend\r\n" )
		);
	}

	public function test_parse_debug_text_skips_the_conflicts_line(): void {
		// The real WP Mail SMTP (MailCatcherTrait::api_send) names conflicting plugins there.
		$this->assertSame(
			array(
				'message' => 'Unauthenticated.',
				'ms_code' => '',
			),
			Diagnosis::parse_debug_text( "Email Source: X\r\nMailer: MailerSend\r\nConflicts: Post SMTP\r\nUnauthenticated." )
		);
		$this->assertSame(
			array(
				'message' => 'The from.email domain must be verified in your account to send emails. #MS42207',
				'ms_code' => 'MS42207',
			),
			Diagnosis::parse_debug_text( "Mailer: MailerSend\nConflicts: Post SMTP, Easy WP SMTP\nThe from.email domain must be verified in your account to send emails. #MS42207" )
		);
		$this->assertSame( 'unauthenticated', $this->diagnosis()->explain_failure( Diagnosis::parse_debug_text( "Email Source: X\r\nMailer: MailerSend\r\nConflicts: Post SMTP\r\nUnauthenticated." )['message'] )->id() );
	}

	// -----------------------------------------------------------------------------------------
	// The real failure path: wp_mail() → WP Mail SMTP (stand-in) → MailerSend (stand-in).
	// -----------------------------------------------------------------------------------------

	/**
	 * Sends through wp_mail() with a token and returns what the failure hook and Debug saw.
	 *
	 * @param string $name Token name.
	 * @return array{hook: array{0: string, 1: string, 2: int}|null, debug: string}
	 */
	private function fail_through_wp_mail_smtp( string $name ): array {
		if ( ! class_exists( '\WPMailSMTP\Debug' ) ) {
			$this->markTestSkipped( 'WP Mail SMTP is not active on the test site.' );
		}
		$option                          = $this->wpms_option();
		$option['mail']['mailer']        = 'mailersend';
		$option['mailersend']['api_key'] = $this->token( $name );
		$option['mail']['from_email']    = self::FROM;
		$this->set_wpms_option( $option );

		$seen = null;
		$hook = static function ( $message, $mailcatcher, $mailer, $error_code = '', $http_status = 0 ) use ( &$seen ): void {
			$seen = array( (string) $message, (string) $error_code, (int) $http_status );
		};
		add_action( 'wp_mail_smtp_mailcatcher_send_failed', $hook, 10, 5 );
		try {
			$sent = wp_mail( 'admin@example.com', 'Fix MailerSend domain test', 'Body' );
		} finally {
			remove_action( 'wp_mail_smtp_mailcatcher_send_failed', $hook, 10 );
		}
		$this->assertFalse( $sent );

		return array(
			'hook'  => $seen,
			'debug' => (string) \WPMailSMTP\Debug::get_last(),
		);
	}

	/**
	 * @return array<string, array{string, string}>
	 */
	public static function real_failures(): array {
		return array(
			'expired'       => array( 'expired', 'unauthenticated' ),
			'other account' => array( 'other_account', 'domain_unverified' ),
			'no email'      => array( 'valid_no_email_scope', 'missing_permission' ),
			'suspended'     => array( 'account_suspended', 'account_blocked' ),
			'500 html'      => array( 'fault_500_html', 'mailersend_unavailable' ),
			'reset'         => array( 'fault_reset', 'network_error' ),
		);
	}

	#[DataProvider( 'real_failures' )]
	public function test_real_failures_are_explained_from_the_hook_and_from_debug_text( string $name, string $id ): void {
		$seen = $this->fail_through_wp_mail_smtp( $name );
		$this->assertNotNull( $seen['hook'], 'WP Mail SMTP fired its failure hook.' );

		list( $message, $code, $status ) = $seen['hook'];
		$from_hook                       = $this->diagnosis()->explain_failure( $message, $code, $status );
		$this->assert_verdict( $id, $from_hook );

		$parsed     = Diagnosis::parse_debug_text( $seen['debug'] );
		$from_debug = $this->diagnosis()->explain_failure( $parsed['message'], $parsed['ms_code'] );
		$this->assert_verdict( $id, $from_debug );
		$this->assert_no_leak( $this->token( $name ), array( $from_hook->to_array(), $from_debug->to_array() ) );
	}
}
