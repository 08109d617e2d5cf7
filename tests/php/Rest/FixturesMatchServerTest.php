<?php
/**
 * The screen's test fixtures (tests/fixtures/rest-answers.json, read by src/test/fixtures.ts)
 * against the real REST routes: each scenario is produced here on the real stack, and its
 * answer must have the fixture's shape (keys and value types, recursively), verdict ids, policies and
 * error codes. A field renamed on either side fails this test.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Rest;

use FixMailerSend\Tests\TestCase;
use WP_REST_Response;

final class FixturesMatchServerTest extends TestCase {

	/**
	 * The fixture file, shared with the Jest tests.
	 */
	const FILE = __DIR__ . '/../../fixtures/rest-answers.json';

	protected function setUp(): void {
		parent::setUp();
		$this->log_in_as( 'administrator' );
	}

	/**
	 * Every scenario of the file is produced here, and nothing else is in it.
	 *
	 * @return void
	 */
	public function test_every_fixture_has_a_scenario(): void {
		$names = array_keys( get_object_vars( self::fixtures() ) );
		$names = array_values( array_filter( $names, static fn( string $name ): bool => '_' !== $name[0] ) );
		sort( $names );
		$scenarios = array_keys( self::scenarios() );
		sort( $scenarios );
		$this->assertSame( $scenarios, $names );
	}

	/**
	 * @return array<string, array{string}>
	 */
	public static function scenarios(): array {
		$names = array(
			'status_broken',
			'status_healthy',
			'status-outage',
			'check_pasted_valid',
			'save_valid',
			'test_email_accepted',
			'test_email_send_paused',
			'test_email_recipients_suppressed',
			'test_email_failed',
			'test_email_not_via_mailersend',
			'error_token_rejected',
			'error_check_throttled',
			'error_send_throttled',
			'error_mailer_not_mailersend',
			'error_invalid_token',
			'error_invalid_recipient',
			'error_not_sent',
		);
		return array_combine( $names, array_map( static fn( string $name ): array => array( $name ), $names ) );
	}

	#[\PHPUnit\Framework\Attributes\DataProvider( 'scenarios' )]
	public function test_the_fixture_has_the_shape_of_the_real_answer( string $name ): void {
		$fixtures = self::fixtures();
		$this->assertTrue( isset( $fixtures->$name ), "tests/fixtures/rest-answers.json has no \"$name\"." );
		$actual = $this->produce( $name );
		$this->assert_same_shape( $fixtures->$name, $actual, $name );
	}

	/**
	 * Produces one scenario's real answer.
	 *
	 * @param string $name Scenario.
	 * @return mixed The decoded JSON (objects as stdClass).
	 */
	private function produce( string $name ) {
		switch ( $name ) {
			case 'status_broken':
				// The harness site: a token MailerSend rejects, a failed email, a re-check.
				$this->saved_token( 'expired' );
				$this->assertFalse( wp_mail( 'customer@example.com', 'Order', 'Thanks.' ) );
				$this->assertSame( 200, $this->rest( 'POST', '/token/check' )->get_status() );
				return $this->answer( $this->rest( 'GET', '/status' ), 200 );
			case 'status_healthy':
				$this->saved_token( 'valid_full' );
				$this->assertSame( 200, $this->rest( 'POST', '/token/check', array( 'deep' => true ) )->get_status() );
				return $this->answer( $this->rest( 'GET', '/status' ), 200 );
			case 'status-outage':
				// An outage: WordPress's own password reset fails through the real stack, and WP
				// Mail SMTP's Debug Events hold earlier failures of two other plugins.
				$this->saved_token( 'expired' );
				$this->assertInstanceOf( \WP_Error::class, retrieve_password( 'admin' ) );
				$this->debug_events(
					array(
						array( 'woocommerce/includes/class-wc-emails.php', 'Unauthenticated.' ),
						array( 'woocommerce/includes/class-wc-emails.php', 'Unauthenticated.' ),
						array( 'contact-form-7/includes/mail.php', 'The from.email domain must be verified in your account to send emails. #MS42207' ),
					)
				);
				$this->assertSame( 200, $this->rest( 'POST', '/token/check' )->get_status() );
				return $this->answer( $this->rest( 'GET', '/status' ), 200 );
			case 'check_pasted_valid':
				return $this->answer( $this->deep_check( $this->token( 'valid_full' ) ), 200 );
			case 'save_valid':
				return $this->answer( $this->rest( 'PUT', '/token', array( 'token' => $this->token( 'valid_full' ) ) ), 200 );
			case 'test_email_accepted':
				return $this->test_email( 'valid_full' );
			case 'test_email_send_paused':
				return $this->test_email( 'valid_paused_domain' );
			case 'test_email_recipients_suppressed':
				return $this->test_email( 'suppressed_some' );
			case 'test_email_failed':
				return $this->test_email( 'other_account' );
			case 'test_email_not_via_mailersend':
				$takeover = static fn() => true;
				add_filter( 'pre_wp_mail', $takeover );
				try {
					return $this->test_email( 'valid_full' );
				} finally {
					remove_filter( 'pre_wp_mail', $takeover );
				}
			case 'error_token_rejected':
				return $this->answer( $this->rest( 'PUT', '/token', array( 'token' => $this->token( 'expired' ) ) ), 422 );
			case 'error_check_throttled':
			case 'error_send_throttled':
				$bucket = 'error_check_throttled' === $name ? 'check' : 'send';
				$limits = static function ( array $limits ) use ( $bucket ): array {
					$limits[ $bucket ]['limit'] = 0;
					return $limits;
				};
				add_filter( 'fix_mailersend_throttle_limits', $limits );
				try {
					return 'check' === $bucket
						? $this->answer( $this->rest( 'POST', '/token/check' ), 429 )
						: $this->test_email( 'valid_full', 429 );
				} finally {
					remove_filter( 'fix_mailersend_throttle_limits', $limits );
				}
			case 'error_mailer_not_mailersend':
				$option                   = $this->wpms_option();
				$option['mail']['mailer'] = 'smtp';
				$this->set_wpms_option( $option );
				return $this->answer( $this->rest( 'POST', '/test-email', array( 'to' => 'someone@example.com' ) ), 409 );
			case 'error_invalid_token':
				return $this->answer( $this->rest( 'PUT', '/token', array( 'token' => "mlsn.abc\ndef" ) ), 400 );
			case 'error_invalid_recipient':
				return $this->answer( $this->rest( 'POST', '/test-email', array( 'to' => str_repeat( 'a', 65 ) . '@example.com' ) ), 400 );
			case 'error_not_sent':
				$strip = static function ( $phpmailer ): void {
					$phpmailer->clearAllRecipients();
				};
				add_action( 'phpmailer_init', $strip );
				try {
					return $this->test_email( 'valid_full', 500 );
				} finally {
					remove_action( 'phpmailer_init', $strip );
				}
		}
		$this->fail( "No scenario \"$name\"." );
	}

	/**
	 * Rows of WP Mail SMTP's Debug Events as it writes them for failed MailerSend sends (a
	 * minute ago), from files of other plugins.
	 *
	 * @param array<int, array{0: string, 1: string}> $events Each: the file under the plugins folder, the error text.
	 * @return void
	 */
	private function debug_events( array $events ): void {
		global $wpdb;
		foreach ( $events as $event ) {
			$wpdb->insert( // phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery
				$wpdb->prefix . 'wpmailsmtp_debug_events',
				array(
					'content'    => "Mailer: MailerSend\r\n" . $event[1],
					'initiator'  => wp_json_encode(
						array(
							'file' => WP_PLUGIN_DIR . '/' . $event[0],
							'line' => 40,
						)
					),
					'event_type' => 0,
					'created_at' => gmdate( 'Y-m-d H:i:s', time() - 60 ),
				)
			);
		}
	}

	/**
	 * POST /test-email with a stand-in token saved.
	 *
	 * @param string $token  Token name.
	 * @param int    $status Expected HTTP status.
	 * @return mixed
	 */
	private function test_email( string $token, int $status = 200 ) {
		$this->saved_token( $token );
		return $this->answer( $this->rest( 'POST', '/test-email', array( 'to' => 'someone@example.com' ) ), $status );
	}

	/**
	 * A response as the browser decodes it: objects stay objects, `{}` is not `[]`.
	 *
	 * @param WP_REST_Response $response Response.
	 * @param int              $status   Expected HTTP status.
	 * @return mixed
	 */
	private function answer( WP_REST_Response $response, int $status ) {
		$json = (string) wp_json_encode( rest_get_server()->response_to_data( $response, false ) );
		$this->assertSame( $status, $response->get_status(), $json );
		return json_decode( $json, false );
	}

	/**
	 * Asserts that two decoded JSON values have the same shape: the same keys (recursively),
	 * the same value types, the same verdict ids, verdict policies and error codes.
	 *
	 * @param mixed  $expected The fixture.
	 * @param mixed  $actual   The server's answer.
	 * @param string $path     Where, for messages.
	 * @return void
	 */
	private function assert_same_shape( $expected, $actual, string $path ): void {
		$this->assertSame( self::type( $expected ), self::type( $actual ), "$path: type (fixture vs server)" );
		if ( $expected instanceof \stdClass && $actual instanceof \stdClass ) {
			$keys   = array_keys( get_object_vars( $expected ) );
			$server = array_keys( get_object_vars( $actual ) );
			sort( $keys );
			sort( $server );
			$this->assertSame( $server, $keys, "$path: keys (server's, then the fixture's)" );
			if ( self::is_verdict( $expected ) ) {
				$this->assertSame( $actual->id, $expected->id, "$path.id: verdict id" );
				$this->assertSame( (array) $expected->policy, (array) $actual->policy, "$path.policy: the verdict's policy (fixture vs server)" );
			}
			if ( isset( $expected->code ) && is_string( $expected->code ) ) {
				$this->assertSame( $actual->code, $expected->code, "$path.code: error code" );
			}
			foreach ( $keys as $key ) {
				$this->assert_same_shape( $expected->$key, $actual->$key, "$path.$key" );
			}
			return;
		}
		if ( is_array( $expected ) && is_array( $actual ) ) {
			$objects = array_filter( array_merge( $expected, $actual ), 'is_object' );
			if ( $objects ) {
				// Lists of objects (warnings): the same ones, in order.
				$this->assertCount( count( $actual ), $expected, "$path: items" );
				foreach ( $expected as $index => $item ) {
					$this->assert_same_shape( $item, $actual[ $index ], "{$path}[$index]" );
				}
				return;
			}
			// Lists of scalars (steps): the same item type.
			$types = array_unique( array_map( array( self::class, 'type' ), array_merge( $expected, $actual ) ) );
			$this->assertLessThanOrEqual( 1, count( $types ), "$path: item types " . implode( ', ', $types ) );
		}
	}

	/**
	 * JSON type of a decoded value.
	 *
	 * @param mixed $value Value.
	 * @return string
	 */
	private static function type( $value ): string {
		if ( null === $value ) {
			return 'null';
		}
		if ( is_bool( $value ) ) {
			return 'boolean';
		}
		if ( is_int( $value ) || is_float( $value ) ) {
			return 'number';
		}
		if ( is_string( $value ) ) {
			return 'string';
		}
		return is_array( $value ) ? 'array' : 'object';
	}

	/**
	 * Whether a decoded object is a verdict.
	 *
	 * @param \stdClass $value Object.
	 * @return bool
	 */
	private static function is_verdict( \stdClass $value ): bool {
		return isset( $value->id, $value->severity, $value->title, $value->evidence );
	}

	/**
	 * The fixture file.
	 *
	 * @return \stdClass
	 */
	private static function fixtures(): \stdClass {
		$json = file_get_contents( self::FILE ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a local test file.
		$data = is_string( $json ) ? json_decode( $json, false ) : null;
		if ( ! $data instanceof \stdClass ) {
			self::fail( 'Cannot read ' . self::FILE );
		}
		return $data;
	}

	/**
	 * Puts a stand-in token in WP Mail SMTP's settings.
	 *
	 * @param string $name Token name in tokens.json.
	 * @return void
	 */
	private function saved_token( string $name ): void {
		$option                          = $this->wpms_option();
		$option['mailersend']['api_key'] = $this->token( $name );
		$this->set_wpms_option( $option );
	}
}
