<?php
/**
 * POST /test-email: a real wp_mail() through WP Mail SMTP to the MailerSend stand-in, explained.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Rest;

use FixMailerSend\Tests\TestCase;

final class TestEmailTest extends TestCase {

	protected function setUp(): void {
		parent::setUp();
		$this->log_in_as( 'administrator' );
	}

	public function test_an_html_test_email_is_accepted(): void {
		$token = $this->use_token( 'valid_full' );

		$response = $this->rest(
			'POST',
			'/test-email',
			array(
				'to'   => 'someone@example.com',
				'html' => true,
			)
		);
		$data     = $this->json( $response );

		$this->assertSame( 200, $response->get_status(), (string) wp_json_encode( $data ) );
		$this->assertTrue( $data['accepted'] );
		$this->assertTrue( $data['via_mailersend'] );
		$this->assertIsString( $data['message_id'] );
		$this->assertNotSame( '', $data['message_id'] );
		$this->assertSame( array(), $data['warnings'] );

		// What MailerSend received, exactly once.
		$sent = $this->standin_requests_to( '/v1/email' );
		$this->assertCount( 1, $sent );
		$this->assertSame( 'POST', $sent[0]['method'] );
		$this->assertSame( 'Bearer ' . $token, $sent[0]['headers']['authorization'] );
		$body = $sent[0]['body'];
		$this->assertSame( 'wordpress@example.com', $body['from']['email'] );
		$this->assertSame( array( array( 'email' => 'someone@example.com' ) ), array_map( array( self::class, 'email_only' ), $body['to'] ) );
		$this->assertStringContainsString( 'Fix MailerSend', $body['subject'] );
		$this->assertArrayHasKey( 'html', $body );
		$this->assertStringContainsString( '<p>', $body['html'] );
		$this->assertStringNotContainsString( $token, (string) wp_json_encode( $data ) );
	}

	public function test_a_plain_text_test_email(): void {
		$this->use_token( 'valid_full' );

		$data = $this->json(
			$this->rest(
				'POST',
				'/test-email',
				array(
					'to'   => 'someone@example.com',
					'html' => false,
				)
			)
		);

		$this->assertTrue( $data['accepted'] );
		$body = $this->standin_requests_to( '/v1/email' )[0]['body'];
		$this->assertArrayHasKey( 'text', $body );
		$this->assertArrayNotHasKey( 'html', $body );
		$this->assertStringNotContainsString( '<p>', $body['text'] );
	}

	public function test_html_is_the_default(): void {
		$this->use_token( 'valid_full' );

		$this->rest( 'POST', '/test-email', array( 'to' => 'someone@example.com' ) );

		$this->assertArrayHasKey( 'html', $this->standin_requests_to( '/v1/email' )[0]['body'] );
	}

	public function test_a_failed_test_email_is_explained_and_becomes_the_last_failure(): void {
		$token = $this->token( 'expired' );

		$response = $this->rest( 'POST', '/test-email', array( 'to' => 'someone@example.com' ) );
		$data     = $this->json( $response );

		$this->assertSame( 200, $response->get_status() );
		$this->assertFalse( $data['accepted'] );
		$this->assertSame( 'unauthenticated', $data['verdict']['id'] );
		$this->assertSame( 401, $data['verdict']['evidence']['http_status'] );
		$this->assertSame( 'Bearer ' . $token, $this->standin_requests_to( '/v1/email' )[0]['headers']['authorization'] );

		$status = $this->json( $this->rest( 'GET', '/status' ) );
		$this->assertSame( 'Unauthenticated.', $status['last_failure']['message'] );
		$this->assertSame( 401, $status['last_failure']['http_status'] );
		$this->assertSame( 'unauthenticated', $status['headline']['id'] );

		$stored = serialize( get_option( 'fix_mailersend_last_failure' ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
		$this->assertStringNotContainsString( $token, $stored );
		$this->assertStringNotContainsString( $token, $this->debug_log() );
	}

	/**
	 * @return array<string, array{string, bool, string}>
	 */
	public static function outcomes(): array {
		return array(
			'another account'      => array( 'other_account', false, 'domain_unverified' ),
			'trial limit'          => array( 'trial_unique_recipients', false, 'trial_limit' ),
			'no email scope'       => array( 'valid_no_email_scope', false, 'missing_permission' ),
			'MailerSend HTML 500'  => array( 'fault_500_html', false, 'mailersend_unavailable' ),
			'connection reset'     => array( 'fault_reset', false, 'network_error' ),
			'paused domain'        => array( 'valid_paused_domain', true, 'send_paused' ),
			'suppressed recipient' => array( 'suppressed_some', true, 'recipients_suppressed' ),
		);
	}

	#[\PHPUnit\Framework\Attributes\DataProvider( 'outcomes' )]
	public function test_outcomes_are_explained( string $name, bool $accepted, string $id ): void {
		$this->use_token( $name );

		$response = $this->rest( 'POST', '/test-email', array( 'to' => 'someone@example.com' ) );
		$data     = $this->json( $response );

		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( $accepted, $data['accepted'], (string) wp_json_encode( $data ) );
		if ( $accepted ) {
			$this->assertSame( array( $id ), array_column( $data['warnings'], 'id' ) );
		} else {
			$this->assertSame( $id, $data['verdict']['id'] );
		}
		$this->assertStringNotContainsString( $this->token( $name ), (string) wp_json_encode( $data ) );
	}

	/**
	 * Answers to a send that repeat what they were sent, token included: status, content type,
	 * body, the verdict, and the evidence that shows the rest of the text (the token masked).
	 *
	 * @return array<string, array{int, string, string, string, string|null}>
	 */
	public static function echoing_answers(): array {
		$jwt  = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiIxIiwianRpIjoiZmFrZSJ9.c2lnbmF0dXJlZmFrZQ';
		$page = '<html><head><title>%1$s</title></head><body><h1>%1$s</h1><pre>Authorization: Bearer {token}' . "\n" . 'X-Old: ' . $jwt . ' mssp.AbCdEf123456.ghi</pre></body></html>';
		return array(
			'HTML 500 (a proxy page)' => array( 500, 'text/html', sprintf( $page, '500 Internal Server Error' ), 'mailersend_unavailable', null ),
			'HTML 403 (a firewall)'   => array( 403, 'text/html', sprintf( $page, '403 Forbidden' ), 'unknown', 'raw_body' ),
			'422 message and errors'  => array(
				422,
				'application/json',
				'{"message":"The token {token} is not valid here. #MS42209","errors":{"api_key":["{token} was rejected","mssp.AbCdEf123456.ghi was rejected"]}}',
				'unknown',
				'errors',
			),
		);
	}

	#[\PHPUnit\Framework\Attributes\DataProvider( 'echoing_answers' )]
	public function test_an_answer_that_echoes_a_token_never_shows_it( int $status, string $type, string $body, string $id, ?string $shown_in ): void {
		$token = $this->use_token( 'valid_full' );
		$body  = str_replace( '{token}', $token, $body );
		$mock  = static function ( $pre, $args, $url ) use ( $status, $type, $body ) {
			if ( false !== $pre || ! is_string( $url ) || 'https://api.mailersend.com/v1/email' !== $url ) {
				return $pre;
			}
			$response = array(
				'headers'  => array( 'content-type' => $type ),
				'body'     => $body,
				'response' => array(
					'code'    => $status,
					'message' => get_status_header_desc( $status ),
				),
				'cookies'  => array(),
				'filename' => null,
			);
			// As the router (and core, for a real request) does: what the send watcher reads.
			do_action( 'http_api_debug', $response, 'response', 'WpOrg\Requests\Requests', $args, $url ); // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.NonPrefixedHooknameFound -- core's hook.
			return $response;
		};
		add_filter( 'pre_http_request', $mock, 10, 3 );
		try {
			$response = $this->rest( 'POST', '/test-email', array( 'to' => 'someone@example.com' ) );
		} finally {
			remove_filter( 'pre_http_request', $mock, 10 );
		}
		$data = $this->json( $response );
		$json = (string) wp_json_encode( $data );

		$this->assertSame( 200, $response->get_status() );
		$this->assertFalse( $data['accepted'] );
		$this->assertSame( $id, $data['verdict']['id'], $json );
		$this->assertStringNotContainsString( $token, $json );
		$this->assertStringNotContainsString( 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQ', $json );
		$this->assertStringNotContainsString( 'mssp.AbCdEf123456.ghi', $json );
		if ( null !== $shown_in ) {
			// The rest of the text is kept, the token masked.
			$this->assertStringContainsString( \FixMailerSend\Support\Mask::token( $token ), $data['verdict']['evidence'][ $shown_in ] );
		}

		// Nor does the status screen, which now leads with that failure.
		$status = (string) wp_json_encode( $this->json( $this->rest( 'GET', '/status' ) ) );
		$this->assertStringNotContainsString( $token, $status );
		$this->assertStringNotContainsString( 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQ', $status );
	}

	public function test_a_failed_test_email_quoting_a_legacy_token_shows_it_masked(): void {
		// The saved token is an older JWT-style one with short segments: no shape gives it away.
		$legacy                          = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOjJ9.bWFpbA';
		$option                          = $this->wpms_option();
		$option['mailersend']['api_key'] = $legacy;
		$this->set_wpms_option( $option );
		$mock = static function ( $pre, $args, $url ) {
			if ( false !== $pre || ! is_string( $url ) || 'https://api.mailersend.com/v1/email' !== $url ) {
				return $pre;
			}
			$response = array(
				'headers'  => array( 'content-type' => 'text/html' ),
				'body'     => '<html><body><h1>403 Forbidden</h1><pre>Authorization: ' . $args['headers']['Authorization'] . '</pre></body></html>',
				'response' => array(
					'code'    => 403,
					'message' => 'Forbidden',
				),
				'cookies'  => array(),
				'filename' => null,
			);
			do_action( 'http_api_debug', $response, 'response', 'WpOrg\Requests\Requests', $args, $url ); // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.NonPrefixedHooknameFound -- core's hook.
			return $response;
		};
		add_filter( 'pre_http_request', $mock, 10, 3 );
		try {
			$data = $this->json( $this->rest( 'POST', '/test-email', array( 'to' => 'someone@example.com' ) ) );
		} finally {
			remove_filter( 'pre_http_request', $mock, 10 );
		}

		$this->assertFalse( $data['accepted'] );
		$this->assertSame( 'unknown', $data['verdict']['id'] );
		$this->assertStringNotContainsString( $legacy, (string) wp_json_encode( $data ) );
		$this->assertStringContainsString( 'Authorization: Bearer eyJhbGc…FpbA', (string) $data['verdict']['evidence']['raw_body'] );

		// What was stored as the site's last failure, and the status built from it.
		$this->assertStringNotContainsString( $legacy, (string) wp_json_encode( get_option( 'fix_mailersend_last_failure' ) ) );
		$status = $this->json( $this->rest( 'GET', '/status' ) );
		$this->assertStringNotContainsString( $legacy, (string) wp_json_encode( $status ) );
		$this->assertStringContainsString( 'eyJhbGc…FpbA', (string) $status['last_failure']['verdict']['evidence']['message'] );
	}

	/**
	 * Recipients is_email() accepts and PHPMailer refuses, so wp_mail() would fail before MailerSend.
	 *
	 * @return array<string, array{string}>
	 */
	public static function recipients_phpmailer_refuses(): array {
		return array(
			'local part of 65 characters' => array( str_repeat( 'a', 65 ) . '@example.com' ),
			'two dots in a row'           => array( 'first..last@example.com' ),
			'a dot at the end'            => array( 'first.@example.com' ),
		);
	}

	#[\PHPUnit\Framework\Attributes\DataProvider( 'recipients_phpmailer_refuses' )]
	public function test_a_recipient_phpmailer_refuses_is_a_400_and_no_mailersend_failure( string $to ): void {
		$this->use_token( 'expired' );
		$this->assertTrue( (bool) is_email( $to ), 'is_email() lets it through' );
		$before = get_option( 'fix_mailersend_last_failure' );

		$response = $this->rest( 'POST', '/test-email', array( 'to' => $to ) );

		$this->assertRestError( 400, 'fix_mailersend_invalid_recipient', $response );
		$this->assertStringContainsString( 'PHPMailer', $this->json( $response )['message'] );
		$this->assertSame( array(), $this->standin_requests() );
		$this->assertSame( $before, get_option( 'fix_mailersend_last_failure' ) );
		$status = $this->json( $this->rest( 'GET', '/status' ) );
		$this->assertNull( $status['last_failure'] );
		$this->assertNotSame( 'unknown', $status['headline']['id'] );
		// Nothing of the throttle was used.
		$this->assertFalse( get_transient( 'fix_mailersend_throttle_send' ) );
	}

	public function test_an_ordinary_long_address_is_sent(): void {
		$this->use_token( 'valid_full' );
		$to = str_repeat( 'a', 64 ) . '@example.com';

		$data = $this->json( $this->rest( 'POST', '/test-email', array( 'to' => $to ) ) );

		$this->assertTrue( $data['accepted'], (string) wp_json_encode( $data ) );
		$this->assertSame( $to, $this->standin_requests_to( '/v1/email' )[0]['body']['to'][0]['email'] );
	}

	public function test_an_email_refused_before_mailersend_is_not_a_mailersend_answer(): void {
		$this->use_token( 'expired' );
		// Another plugin empties the recipients just before the send: PHPMailer refuses the email.
		$strip = static function ( $phpmailer ): void {
			$phpmailer->clearAllRecipients();
		};
		add_action( 'phpmailer_init', $strip );
		try {
			$response = $this->rest( 'POST', '/test-email', array( 'to' => 'someone@example.com' ) );
		} finally {
			remove_action( 'phpmailer_init', $strip );
		}

		$this->assertRestError( 500, 'fix_mailersend_not_sent', $response );
		$message = $this->json( $response )['message'];
		$this->assertStringContainsString( 'never reached MailerSend', $message );
		$this->assertStringContainsString( 'recipient', $message );
		$this->assertStringNotContainsString( 'unexpected answer', $message );
		$this->assertSame( array(), $this->standin_requests_to( '/v1/email' ) );
		$this->assertNull( $this->json( $this->rest( 'GET', '/status' ) )['last_failure'] );
	}

	public function test_sent_by_another_plugin_is_not_called_accepted_by_mailersend(): void {
		$this->use_token( 'valid_full' );
		// Another plugin takes over wp_mail() and says it sent the email.
		$takeover = static fn() => true;
		add_filter( 'pre_wp_mail', $takeover );
		try {
			$response = $this->rest( 'POST', '/test-email', array( 'to' => 'someone@example.com' ) );
		} finally {
			remove_filter( 'pre_wp_mail', $takeover );
		}
		$data = $this->json( $response );

		$this->assertSame( 200, $response->get_status() );
		$this->assertTrue( $data['accepted'] );
		$this->assertFalse( $data['via_mailersend'] );
		$this->assertNull( $data['message_id'] );
		$this->assertSame( array(), $this->standin_requests_to( '/v1/email' ) );
	}

	public function test_a_failure_resolved_by_another_token_stands_again_when_that_token_is_back(): void {
		// The saved token fails…
		$this->assertFalse( $this->json( $this->rest( 'POST', '/test-email', array( 'to' => 'someone@example.com' ) ) )['accepted'] );
		$this->assertSame( 'unauthenticated', $this->json( $this->rest( 'GET', '/status' ) )['headline']['id'] );

		// …another token sends: the failure is resolved.
		$this->use_token( 'valid_full' );
		$this->assertTrue( $this->json( $this->rest( 'POST', '/test-email', array( 'to' => 'someone@example.com' ) ) )['accepted'] );
		$status = $this->json( $this->rest( 'GET', '/status' ) );
		$this->assertTrue( $status['last_failure']['resolved'] );
		$this->assertFalse( $status['last_failure']['current_token'] );
		$this->assertNotSame( 'unauthenticated', $status['headline']['id'] );

		// The failing token is back (e.g. through WPMS_MAILERSEND_API_KEY): its failure stands.
		$this->use_token( 'expired' );
		$status = $this->json( $this->rest( 'GET', '/status' ) );
		$this->assertFalse( $status['last_failure']['resolved'] );
		$this->assertTrue( $status['last_failure']['current_token'] );
		$this->assertSame( 'unauthenticated', $status['headline']['id'] );
	}

	public function test_a_failure_is_resolved_when_the_same_token_sends_later(): void {
		$this->use_token( 'valid_full' );
		$this->set_fault( '503', 1 );
		$this->assertFalse( $this->json( $this->rest( 'POST', '/test-email', array( 'to' => 'someone@example.com' ) ) )['accepted'] );
		$status = $this->json( $this->rest( 'GET', '/status' ) );
		$this->assertFalse( $status['last_failure']['resolved'] );
		$this->assertSame( 'mailersend_unavailable', $status['headline']['id'] );

		$this->assertTrue( $this->json( $this->rest( 'POST', '/test-email', array( 'to' => 'someone@example.com' ) ) )['accepted'] );
		$status = $this->json( $this->rest( 'GET', '/status' ) );
		$this->assertTrue( $status['last_failure']['resolved'] );
		$this->assertTrue( $status['last_failure']['current_token'] );
		$this->assertNotSame( 'mailersend_unavailable', $status['headline']['id'] );
	}

	public function test_the_test_header_gets_through_do_not_send(): void {
		$this->use_token( 'valid_full' );
		$option                           = $this->wpms_option();
		$option['general']['do_not_send'] = true;
		$this->set_wpms_option( $option );

		$data = $this->json( $this->rest( 'POST', '/test-email', array( 'to' => 'someone@example.com' ) ) );

		$this->assertTrue( $data['accepted'] );
		$this->assertCount( 1, $this->standin_requests_to( '/v1/email' ) );
	}

	public function test_refused_when_wp_mail_smtp_uses_another_mailer(): void {
		$option                   = $this->wpms_option();
		$option['mail']['mailer'] = 'smtp';
		$this->set_wpms_option( $option );

		$this->assertRestError( 409, 'fix_mailersend_mailer_not_mailersend', $this->rest( 'POST', '/test-email', array( 'to' => 'someone@example.com' ) ) );
		$this->assertSame( array(), $this->standin_requests() );
	}

	public function test_the_throttle_answers_429(): void {
		$this->use_token( 'valid_full' );
		$limits = static function ( array $limits ): array {
			$limits['send']['limit'] = 1;
			return $limits;
		};
		add_filter( 'fix_mailersend_throttle_limits', $limits );
		try {
			$this->assertSame( 200, $this->rest( 'POST', '/test-email', array( 'to' => 'someone@example.com' ) )->get_status() );
			$response = $this->rest( 'POST', '/test-email', array( 'to' => 'someone@example.com' ) );
		} finally {
			remove_filter( 'fix_mailersend_throttle_limits', $limits );
		}

		$this->assertRestError( 429, 'fix_mailersend_throttled', $response );
		$this->assertGreaterThan( 0, $this->json( $response )['data']['retry_after'] );
		$this->assertCount( 1, $this->standin_requests_to( '/v1/email' ) );
	}

	/**
	 * Saves a token of tokens.json as WP Mail SMTP's key and returns it.
	 *
	 * @param string $name Token name.
	 * @return string
	 */
	private function use_token( string $name ): string {
		$token                           = $this->token( $name );
		$option                          = $this->wpms_option();
		$option['mailersend']['api_key'] = $token;
		$this->set_wpms_option( $option );
		return $token;
	}

	/**
	 * @param array<string, mixed> $recipient A MailerSend recipient.
	 * @return array<string, mixed>
	 */
	private static function email_only( array $recipient ): array {
		return array( 'email' => $recipient['email'] ?? null );
	}
}
