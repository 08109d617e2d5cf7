<?php
/**
 * PUT /token: checked first, saved into WP Mail SMTP by merging, audited; nothing else lost.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- WP Mail SMTP's and WordPress's own constants and hooks.

namespace FixMailerSend\Tests\Rest;

use FixMailerSend\Support\Mask;
use FixMailerSend\Tests\TestCase;
use PHPUnit\Framework\Attributes\DataProvider;
use PHPUnit\Framework\Attributes\PreserveGlobalState;
use PHPUnit\Framework\Attributes\RunInSeparateProcess;

final class TokenSaveTest extends TestCase {

	/**
	 * The administrator doing the saves.
	 *
	 * @var int
	 */
	private $admin_id = 0;

	/**
	 * The `http_request_args` filter of hang_the_next_probe(), while attached.
	 *
	 * @var callable|null
	 */
	private $probe_hang;

	protected function setUp(): void {
		parent::setUp();
		$this->admin_id = $this->log_in_as( 'administrator' );
		// Settings a real site has, which a careless save would wipe.
		$this->give_wp_mail_smtp_other_settings();
	}

	protected function tearDown(): void {
		if ( null !== $this->probe_hang ) {
			remove_filter( 'http_request_args', $this->probe_hang, 10 );
			$this->probe_hang = null;
		}
		parent::tearDown();
	}

	public function test_a_valid_token_is_saved_and_nothing_else_changes(): void {
		$token    = $this->token( 'valid_full' );
		$before   = $this->wpms_option();
		$response = $this->rest( 'PUT', '/token', array( 'token' => $token ) );
		$data     = $this->json( $response );

		$this->assertSame( 200, $response->get_status(), (string) wp_json_encode( $data ) );
		$this->assertTrue( $data['saved'] );
		$this->assertSame( 'valid', $data['verdict']['id'] );
		$this->assertSame(
			array(
				'masked' => Mask::token( $token ),
				'source' => 'database',
			),
			$data['token']
		);
		$this->assertFalse( $data['mailer_switched'] );
		$this->assertSame( array(), $data['not_recorded'], 'everything was recorded' );

		$after = $this->wpms_option();
		$this->assertSame( $token, $after['mailersend']['api_key'] );
		$expected                          = $before;
		$expected['mailersend']['api_key'] = $token;
		$this->assertSame( serialize( $expected ), serialize( $after ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize

		// WP Mail SMTP itself now uses it.
		$this->assertSame( $token, \WPMailSMTP\Options::init()->get( 'mailersend', 'api_key' ) );
		// MailerSend was asked first, with the new token.
		$this->assertSame( 'Bearer ' . $token, $this->standin_requests_to( '/v1/api-quota' )[0]['headers']['authorization'] );
		$this->assertStringNotContainsString( $token, (string) wp_json_encode( $data ) );
	}

	public function test_the_save_is_audited_masked(): void {
		$old   = $this->token( 'expired' );
		$token = $this->token( 'valid_full' );
		$user  = get_userdata( $this->admin_id );

		$this->assertSame(
			200,
			$this->rest(
				'PUT',
				'/token',
				array(
					'token'      => $token,
					'expires_at' => '2027-06-30',
				)
			)->get_status()
		);

		$audit = get_option( 'fix_mailersend_audit' );
		$this->assertIsArray( $audit );
		$this->assertCount( 1, $audit );
		$entry = $audit[0];
		$this->assertSame( $this->admin_id, $entry['user_id'] );
		$this->assertSame( $user->user_login, $entry['user_login'] );
		$this->assertSame( 'rest', $entry['how'] );
		$this->assertSame( Mask::token( $old ), $entry['before'] );
		$this->assertSame( Mask::token( $token ), $entry['after'] );
		$this->assertSame( '2027-06-30', $entry['expires_at'] );
		$this->assertMatchesRegularExpression( '/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/', $entry['at'] );
		$this->assertEqualsWithDelta( time(), strtotime( $entry['at'] ), 60 );

		$raw = serialize( $audit ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
		$this->assertStringNotContainsString( $old, $raw );
		$this->assertStringNotContainsString( $token, $raw );

		// Not autoloaded.
		global $wpdb;
		$autoload = $wpdb->get_var( $wpdb->prepare( "SELECT autoload FROM {$wpdb->options} WHERE option_name = %s", 'fix_mailersend_audit' ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
		$this->assertContains( $autoload, array( 'no', 'off' ) );

		// The expiry and the check are kept for the status.
		$status = $this->json( $this->rest( 'GET', '/status' ) );
		$this->assertSame( '2027-06-30', $status['token']['expires_at'] );
		$this->assertSame( 'valid', $status['last_check']['verdict']['id'] );
		$this->assertTrue( $status['last_check']['current'] );
		$this->assertSame( 'valid', $status['headline']['id'] );
	}

	public function test_the_audit_entry_says_which_token_the_write_replaced(): void {
		$this->rest( 'GET', '/status' );
		// Another admin saves another token after this request started (and read the settings).
		$meanwhile                          = $this->wpms_option();
		$meanwhile['mailersend']['api_key'] = $this->token( 'rotation_b' );
		global $wpdb;
		$wpdb->update( $wpdb->options, array( 'option_value' => maybe_serialize( $meanwhile ) ), array( 'option_name' => 'wp_mail_smtp' ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery

		$token = $this->token( 'rotation_a' );
		$this->assertSame( 200, $this->rest( 'PUT', '/token', array( 'token' => $token ) )->get_status() );

		$audit = get_option( 'fix_mailersend_audit' );
		$this->assertIsArray( $audit );
		$this->assertSame( Mask::token( $this->token( 'rotation_b' ) ), $audit[0]['before'], 'the token in the database when it was replaced, not the one read when the request started' );
		$this->assertSame( Mask::token( $token ), $audit[0]['after'] );
	}

	public function test_an_entry_written_meanwhile_is_kept(): void {
		// This request has read the audit trail (its cache holds it)…
		$this->assertFalse( get_option( 'fix_mailersend_audit' ) );
		// …and another request records a save meanwhile.
		$other = array(
			'at'         => gmdate( 'c' ),
			'user_id'    => 1,
			'user_login' => 'admin',
			'how'        => 'cli',
			'before'     => Mask::token( $this->token( 'expired' ) ),
			'after'      => Mask::token( $this->token( 'rotation_c' ) ),
			'expires_at' => null,
		);
		global $wpdb;
		$wpdb->insert( // phpcs:ignore WordPress.DB.DirectDatabaseQuery
			$wpdb->options,
			array(
				'option_name'  => 'fix_mailersend_audit',
				'option_value' => maybe_serialize( array( $other ) ),
				'autoload'     => 'off',
			)
		);

		$this->assertSame( 200, $this->rest( 'PUT', '/token', array( 'token' => $this->token( 'rotation_a' ) ) )->get_status() );

		wp_cache_delete( 'fix_mailersend_audit', 'options' );
		$audit = get_option( 'fix_mailersend_audit' );
		$this->assertIsArray( $audit );
		$this->assertCount( 2, $audit, 'one entry per save' );
		$this->assertSame( $other, $audit[0] );
		$this->assertSame( Mask::token( $this->token( 'rotation_a' ) ), $audit[1]['after'] );
	}

	/**
	 * Data: the option whose write fails, and what the save then says was not recorded.
	 *
	 * @return array<string, array{0: string, 1: string}>
	 */
	public static function unrecorded_writes(): array {
		return array(
			'audit entry' => array( 'fix_mailersend_audit', 'audit' ),
			'expiry date' => array( 'fix_mailersend_token_expires', 'expiry' ),
		);
	}

	/**
	 * The token is saved, and what the database did not take is said.
	 *
	 * @param string $option       The option whose write the database refuses.
	 * @param string $not_recorded What the answer says was not recorded.
	 */
	#[DataProvider( 'unrecorded_writes' )]
	public function test_a_write_that_fails_after_the_save_is_reported( string $option, string $not_recorded ): void {
		$token = $this->token( 'valid_full' );
		$fail  = static function ( $query ) use ( $option ) {
			if ( is_string( $query ) && 1 === preg_match( '/^\s*(INSERT|UPDATE)\b/i', $query ) && false !== strpos( $query, "'" . $option . "'" ) ) {
				return ''; // wpdb::query() answers false, as for a database error.
			}
			return $query;
		};
		add_filter( 'query', $fail );
		try {
			$response = $this->rest(
				'PUT',
				'/token',
				array(
					'token'      => $token,
					'expires_at' => '2027-06-30',
				)
			);
		} finally {
			remove_filter( 'query', $fail );
		}
		$data = $this->json( $response );

		$this->assertSame( 200, $response->get_status(), (string) wp_json_encode( $data ) );
		$this->assertTrue( $data['saved'], 'the token was saved' );
		$this->assertSame( array( $not_recorded ), $data['not_recorded'] );
		$this->assertSame( $token, $this->wpms_option()['mailersend']['api_key'] );
		wp_cache_delete( $option, 'options' );
		$this->assertFalse( get_option( $option ), 'indeed not recorded' );
	}

	public function test_a_save_without_expiry_forgets_the_previous_one(): void {
		update_option( 'fix_mailersend_token_expires', '2026-12-31', false );

		$response = $this->rest(
			'PUT',
			'/token',
			array(
				'token'      => $this->token( 'valid_full' ),
				'expires_at' => null,
			)
		);

		$this->assertSame( 200, $response->get_status() );
		$this->assertFalse( get_option( 'fix_mailersend_token_expires' ) );
		$this->assertNull( $this->json( $this->rest( 'GET', '/status' ) )['token']['expires_at'] );
	}

	public function test_a_save_from_the_screen_is_audited_as_screen(): void {
		$response = $this->rest( 'PUT', '/token', array( 'token' => $this->token( 'valid_full' ) ), array( 'X-WP-Nonce' => wp_create_nonce( 'wp_rest' ) ) );

		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( 'screen', get_option( 'fix_mailersend_audit' )[0]['how'] );
	}

	public function test_the_audit_trail_keeps_the_last_50(): void {
		$trail = new \FixMailerSend\Storage\Audit_Trail();
		for ( $i = 0; $i < 55; $i++ ) {
			$trail->record( 'cli', 'mlsn.before' . $i . 'xxxxxxxx', 'mlsn.after' . $i . 'xxxxxxxxx' );
		}
		$all = $trail->all();

		$this->assertCount( 50, $all );
		$this->assertSame( Mask::token( 'mlsn.after54xxxxxxxxx' ), $all[49]['after'] );
		$this->assertSame( Mask::token( 'mlsn.after5xxxxxxxxx' ), $all[0]['after'] );
	}

	/**
	 * @return array<string, array{string, string}>
	 */
	public static function rejected_tokens(): array {
		return array(
			'expired'            => array( 'expired', 'unauthenticated' ),
			'account suspended'  => array( 'account_suspended', 'account_blocked' ),
			'403 without a code' => array( 'forbidden_no_code', 'unknown' ),
			'MailerSend 503'     => array( 'fault_503', 'mailersend_unavailable' ),
			'connection reset'   => array( 'fault_reset', 'network_error' ),
			'quota exhausted'    => array( 'quota_exhausted', 'quota_exhausted' ),
			// Only the deep check sees these: every email with them would fail.
			'another account'    => array( 'other_account', 'domain_unverified' ),
			'no Email access'    => array( 'valid_no_email_scope', 'missing_permission' ),
			// MailerSend knows the token but refuses the probe without saying why (no #MS code).
			'send 403, no code'  => array( 'valid_email_forbidden_no_code', 'unknown' ),
		);
	}

	#[DataProvider( 'rejected_tokens' )]
	public function test_a_token_that_fails_the_check_is_not_saved( string $name, string $id ): void {
		$before   = serialize( $this->wpms_option() ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
		$response = $this->rest( 'PUT', '/token', array( 'token' => $this->token( $name ) ) );
		$data     = $this->json( $response );

		$this->assertRestError( 422, 'fix_mailersend_token_rejected', $response );
		$this->assertSame( $id, $data['data']['verdict']['id'] );
		$this->assertSame( $before, serialize( $this->wpms_option() ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
		$this->assertFalse( get_option( 'fix_mailersend_audit' ) );
		$this->assertFalse( get_option( 'fix_mailersend_last_check' ) );
		$this->assertStringNotContainsString( $this->token( $name ), (string) wp_json_encode( $data ) );
	}

	public function test_a_save_runs_the_deep_check_when_the_token_was_not_just_checked(): void {
		$response = $this->rest( 'PUT', '/token', array( 'token' => $this->token( 'valid_full' ) ) );

		$this->assertSame( 200, $response->get_status() );
		$this->assertCount( 1, $this->standin_requests_to( '/v1/api-quota' ) );
		$this->assertCount( 1, $this->standin_requests_to( '/v1/email' ), 'the permission and From-domain probe' );
	}

	public function test_check_then_save_spends_one_probe_of_the_daily_quota(): void {
		$token = $this->token( 'valid_full' );
		$check = $this->deep_check( $token );
		$this->assertSame( 'valid', $this->json( $check )['verdict']['id'] );

		$save = $this->rest( 'PUT', '/token', array( 'token' => $token ) );

		$this->assertSame( 200, $save->get_status() );
		$this->assertSame( 'valid', $this->json( $save )['verdict']['id'] );
		$this->assertCount( 1, $this->standin_requests_to( '/v1/email' ), 'the save reuses the check made minutes ago' );
		$this->assertCount( 2, $this->standin_requests_to( '/v1/api-quota' ), 'but still confirms the token is active' );
	}

	public function test_a_recent_deep_rejection_stands_at_save_time(): void {
		$token = $this->token( 'other_account' );
		$this->deep_check( $token );
		$before = serialize( $this->wpms_option() ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize

		$save = $this->rest( 'PUT', '/token', array( 'token' => $token ) );

		$this->assertRestError( 422, 'fix_mailersend_token_rejected', $save );
		$this->assertSame( 'domain_unverified', $this->json( $save )['data']['verdict']['id'] );
		$this->assertSame( $before, serialize( $this->wpms_option() ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
		$this->assertCount( 1, $this->standin_requests_to( '/v1/email' ) );
	}

	public function test_the_recent_check_is_kept_without_the_token(): void {
		$token = $this->token( 'valid_full' );
		$this->deep_check( $token );
		global $wpdb;
		$stored = $wpdb->get_col( "SELECT option_value FROM {$wpdb->options} WHERE option_name LIKE '\\_transient\\_fix\\_mailersend\\_deep\\_%'" ); // phpcs:ignore WordPress.DB

		$this->assertCount( 1, $stored );
		$this->assertStringNotContainsString( $token, $stored[0] );
	}

	public function test_a_locally_invalid_token_is_not_saved_and_not_sent(): void {
		$before   = serialize( $this->wpms_option() ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
		$response = $this->rest( 'PUT', '/token', array( 'token' => 'mlsn.tooShort' ) );

		$this->assertRestError( 422, 'fix_mailersend_token_rejected', $response );
		$this->assertSame( 'truncated', $this->json( $response )['data']['verdict']['id'] );
		$this->assertSame( $before, serialize( $this->wpms_option() ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
		$this->assertSame( array(), $this->standin_requests() );
	}

	public function test_save_anyway_when_mailersend_is_unreachable(): void {
		$token    = $this->token( 'fault_503' );
		$response = $this->rest(
			'PUT',
			'/token',
			array(
				'token'       => $token,
				'save_anyway' => true,
			)
		);
		$data     = $this->json( $response );

		$this->assertSame( 200, $response->get_status(), (string) wp_json_encode( $data ) );
		$this->assertSame( 'mailersend_unavailable', $data['verdict']['id'] );
		$this->assertSame( $token, $this->wpms_option()['mailersend']['api_key'] );
	}

	public function test_save_anyway_does_not_override_a_rejection(): void {
		$before   = serialize( $this->wpms_option() ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
		$response = $this->rest(
			'PUT',
			'/token',
			array(
				'token'       => $this->token( 'expired' ),
				'save_anyway' => true,
			)
		);

		$this->assertRestError( 422, 'fix_mailersend_token_rejected', $response );
		$this->assertSame( $before, serialize( $this->wpms_option() ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
	}

	public function test_a_deep_check_that_could_not_reach_mailersend_is_saved_only_anyway(): void {
		$token  = $this->token( 'valid_full' );
		$before = serialize( $this->wpms_option() ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize

		// The quota call answers (MailerSend knows the token), then the send probe times out.
		$this->hang_the_next_probe();
		$refused = $this->rest( 'PUT', '/token', array( 'token' => $token ) );
		$data    = $this->json( $refused );

		$this->assertRestError( 422, 'fix_mailersend_token_rejected', $refused );
		$this->assertSame( 'network_error', $data['data']['verdict']['id'] );
		$this->assertTrue( $data['data']['verdict']['evidence']['deep_checked'] );
		$this->assertStringContainsString( 'save it anyway', $data['message'] );
		$this->assertSame( $before, serialize( $this->wpms_option() ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
		$this->assertFalse( get_option( 'fix_mailersend_audit' ) );

		// As with an unreachable quota call, the user may insist.
		$this->hang_the_next_probe();
		$saved = $this->rest(
			'PUT',
			'/token',
			array(
				'token'       => $token,
				'save_anyway' => true,
			)
		);

		$this->assertSame( 200, $saved->get_status(), (string) wp_json_encode( $this->json( $saved ) ) );
		$this->assertSame( 'network_error', $this->json( $saved )['verdict']['id'] );
		$this->assertSame( $token, $this->wpms_option()['mailersend']['api_key'] );
	}

	public function test_save_anyway_does_not_override_an_unexplained_refusal(): void {
		$response = $this->rest(
			'PUT',
			'/token',
			array(
				'token'       => $this->token( 'valid_email_forbidden_no_code' ),
				'save_anyway' => true,
			)
		);

		$this->assertRestError( 422, 'fix_mailersend_token_rejected', $response );
		$this->assertSame( 'unknown', $this->json( $response )['data']['verdict']['id'] );
		$this->assertNotSame( $this->token( 'valid_email_forbidden_no_code' ), $this->wpms_option()['mailersend']['api_key'] ?? '' );
	}

	public function test_an_inconclusive_recent_deep_check_is_not_reused(): void {
		$token = $this->token( 'valid_full' );
		$this->hang_the_next_probe();
		$check = $this->deep_check( $token );
		$this->assertSame( 'network_error', $this->json( $check )['verdict']['id'] );

		// MailerSend answers again: the save runs its own deep check instead of the timed-out one.
		$save = $this->rest( 'PUT', '/token', array( 'token' => $token ) );

		$this->assertSame( 200, $save->get_status(), (string) wp_json_encode( $this->json( $save ) ) );
		$this->assertSame( 'valid', $this->json( $save )['verdict']['id'] );
		$this->assertTrue( $this->json( $save )['verdict']['evidence']['deep_checked'] );
		$this->assertCount( 2, $this->standin_requests_to( '/v1/email' ), 'a second probe, for the save' );
	}

	public function test_an_unexplained_recent_deep_refusal_is_checked_again(): void {
		$token = $this->token( 'valid_email_forbidden_no_code' );
		$check = $this->deep_check( $token );
		$this->assertSame( 'unknown', $this->json( $check )['verdict']['id'] );

		$save = $this->rest( 'PUT', '/token', array( 'token' => $token ) );

		$this->assertRestError( 422, 'fix_mailersend_token_rejected', $save );
		$this->assertSame( 'unknown', $this->json( $save )['data']['verdict']['id'] );
		$this->assertCount( 2, $this->standin_requests_to( '/v1/email' ), 'an unknown answer is not remembered as the answer' );
	}

	public function test_a_recent_deep_refusal_stands_when_mailersend_is_unreachable_at_save_time(): void {
		$token = $this->token( 'other_account' );
		$this->deep_check( $token );
		$before = serialize( $this->wpms_option() ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize

		// The confirming quota call gets no answer: that must not turn the refusal into "save anyway".
		$this->set_fault( 'reset', 1 );
		$save = $this->rest(
			'PUT',
			'/token',
			array(
				'token'       => $token,
				'save_anyway' => true,
			)
		);

		$this->assertRestError( 422, 'fix_mailersend_token_rejected', $save );
		$this->assertSame( 'domain_unverified', $this->json( $save )['data']['verdict']['id'] );
		$this->assertSame( $before, serialize( $this->wpms_option() ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
	}

	public function test_a_recent_deep_check_that_proves_the_token_stands(): void {
		$token = $this->token( 'valid_paused_domain' );
		$check = $this->deep_check( $token );
		$this->assertSame( 'send_paused', $this->json( $check )['verdict']['id'] );

		$save = $this->rest( 'PUT', '/token', array( 'token' => $token ) );

		$this->assertSame( 200, $save->get_status(), (string) wp_json_encode( $this->json( $save ) ) );
		$this->assertSame( 'send_paused', $this->json( $save )['verdict']['id'] );
		$this->assertCount( 1, $this->standin_requests_to( '/v1/email' ), 'the save reuses the conclusive check' );
	}

	public function test_a_warning_that_proves_the_token_is_saved(): void {
		// The quota call accepted the token, then the probe hit the per-minute limit.
		$token    = $this->token( 'valid_rate_limited_on_send' );
		$response = $this->rest( 'PUT', '/token', array( 'token' => $token ) );

		$this->assertSame( 200, $response->get_status(), (string) wp_json_encode( $this->json( $response ) ) );
		$this->assertSame( 'rate_limited', $this->json( $response )['verdict']['id'] );
		$this->assertTrue( $this->json( $response )['verdict']['evidence']['token_accepted'] );
		$this->assertSame( $token, $this->wpms_option()['mailersend']['api_key'] );
	}

	public function test_a_429_before_the_token_was_accepted_is_not_proof(): void {
		// MailerSend may limit requests before it authenticates them: a mistyped token would
		// get the same 429. Not saved without the user's consent.
		$before   = serialize( $this->wpms_option() ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
		$token    = $this->token( 'rate_limited' );
		$response = $this->rest( 'PUT', '/token', array( 'token' => $token ) );
		$data     = $this->json( $response );

		$this->assertRestError( 422, 'fix_mailersend_token_rejected', $response );
		$this->assertSame( 'MailerSend could not check the token, so it was not saved. The saved token was not changed. You may save it anyway.', $data['message'] );
		$this->assertSame( 'rate_limited', $data['data']['verdict']['id'] );
		$this->assertArrayNotHasKey( 'token_accepted', $data['data']['verdict']['evidence'] );
		$this->assertSame( $before, serialize( $this->wpms_option() ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
		$this->assertFalse( get_option( 'fix_mailersend_audit' ) );

		// With the user's consent it is saved, as for an unreachable MailerSend.
		$anyway = $this->rest(
			'PUT',
			'/token',
			array(
				'token'       => $token,
				'save_anyway' => true,
			)
		);
		$this->assertSame( 200, $anyway->get_status(), (string) wp_json_encode( $this->json( $anyway ) ) );
		$this->assertTrue( $this->json( $anyway )['saved'] );
		$this->assertSame( $token, $this->wpms_option()['mailersend']['api_key'] );
	}

	public function test_another_mailer_is_kept_unless_switching(): void {
		$option                   = $this->wpms_option();
		$option['mail']['mailer'] = 'smtp';
		$this->set_wpms_option( $option );
		$before = $this->wpms_option();
		$token  = $this->token( 'valid_full' );

		$data = $this->json( $this->rest( 'PUT', '/token', array( 'token' => $token ) ) );

		$this->assertTrue( $data['saved'] );
		$this->assertFalse( $data['mailer_switched'] );
		$expected                          = $before;
		$expected['mailersend']['api_key'] = $token;
		$this->assertSame( serialize( $expected ), serialize( $this->wpms_option() ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
		$this->assertSame( 'smtp', \WPMailSMTP\Options::init()->get( 'mail', 'mailer' ) );
	}

	public function test_switching_the_mailer_changes_only_the_mailer_and_the_key(): void {
		$option                   = $this->wpms_option();
		$option['mail']['mailer'] = 'smtp';
		$this->set_wpms_option( $option );
		$before = $this->wpms_option();
		$token  = $this->token( 'valid_full' );

		$data = $this->json(
			$this->rest(
				'PUT',
				'/token',
				array(
					'token'         => $token,
					'switch_mailer' => true,
				)
			)
		);

		$this->assertTrue( $data['saved'] );
		$this->assertTrue( $data['mailer_switched'] );
		$expected                          = $before;
		$expected['mailersend']['api_key'] = $token;
		$expected['mail']['mailer']        = 'mailersend';
		$this->assertSame( serialize( $expected ), serialize( $this->wpms_option() ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
		$this->assertTrue( \WPMailSMTP\Options::init()->is_mailer_active( 'mailersend' ) );
	}

	public function test_wp_mail_smtp_filters_and_actions_see_a_merge(): void {
		$seen   = null;
		$filter = static function ( $options ) use ( &$seen ) {
			$seen = $options;
			return $options;
		};
		add_filter( 'wp_mail_smtp_options_set', $filter );
		try {
			$this->assertSame( 200, $this->rest( 'PUT', '/token', array( 'token' => $this->token( 'valid_full' ) ) )->get_status() );
		} finally {
			remove_filter( 'wp_mail_smtp_options_set', $filter );
		}
		$this->assertIsArray( $seen );
		$this->assertSame( 'smtp.example.com', $seen['smtp']['host'] );
		$this->assertSame( 'kept-as-is', $seen['sendlayer']['api_key'] );
	}

	#[RunInSeparateProcess]
	#[PreserveGlobalState( false )]
	public function test_a_constant_owns_the_key_409(): void {
		$constant = $this->token( 'expired' );
		define( 'WPMS_ON', true );
		define( 'WPMS_MAILERSEND_API_KEY', $constant );

		$before   = serialize( $this->wpms_option() ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
		$token    = $this->token( 'valid_full' );
		$response = $this->rest( 'PUT', '/token', array( 'token' => $token ) );
		$data     = $this->json( $response );

		$this->assertRestError( 409, 'fix_mailersend_constant_defined', $response );
		$this->assertSame( 'WPMS_MAILERSEND_API_KEY', $data['data']['constant'] );
		$this->assertSame( 'valid', $data['data']['verdict']['id'] );
		$this->assertSame( $before, serialize( $this->wpms_option() ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
		$this->assertFalse( get_option( 'fix_mailersend_audit' ) );
		// The server never echoes a token, not even the one just pasted.
		$json = (string) wp_json_encode( $data );
		$this->assertStringNotContainsString( $token, $json );
		$this->assertStringNotContainsString( $constant, $json );

		// Status and the re-check say where the token comes from.
		$status = $this->json( $this->rest( 'GET', '/status' ) );
		$this->assertSame( 'constant', $status['token']['source'] );
		$this->assertSame( Mask::token( $constant ), $status['token']['masked'] );
		$check = $this->json( $this->rest( 'POST', '/token/check' ) );
		$this->assertSame( 'constant', $check['token']['source'] );
		$this->assertSame( 'unauthenticated', $check['verdict']['id'] );
		$this->assertStringNotContainsString( $constant, (string) wp_json_encode( array( $status, $check ) ) );
	}

	#[RunInSeparateProcess]
	#[PreserveGlobalState( false )]
	public function test_a_constant_owns_the_key_409_even_when_mailersend_is_unreachable(): void {
		// The service's own constant check, not the adapter's: without it a token MailerSend
		// could not check would get "You may save it anyway", which cannot work here.
		define( 'WPMS_ON', true );
		define( 'WPMS_MAILERSEND_API_KEY', $this->token( 'expired' ) );

		$before   = serialize( $this->wpms_option() ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
		$response = $this->rest( 'PUT', '/token', array( 'token' => $this->token( 'fault_refused' ) ) );
		$data     = $this->json( $response );

		$this->assertRestError( 409, 'fix_mailersend_constant_defined', $response );
		$this->assertSame( 'WPMS_MAILERSEND_API_KEY', $data['data']['constant'] );
		$this->assertSame( 'network_error', $data['data']['verdict']['id'] );
		$this->assertStringContainsString( 'Replace the token in wp-config.php instead', $data['message'] );
		$this->assertSame( $before, serialize( $this->wpms_option() ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
		$this->assertFalse( get_option( 'fix_mailersend_audit' ) );
	}

	#[RunInSeparateProcess]
	#[PreserveGlobalState( false )]
	public function test_constants_without_wpms_on_do_not_count(): void {
		define( 'WPMS_MAILERSEND_API_KEY', $this->token( 'expired' ) );

		$response = $this->rest( 'PUT', '/token', array( 'token' => $this->token( 'valid_full' ) ) );

		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( $this->token( 'valid_full' ), $this->wpms_option()['mailersend']['api_key'] );
	}

	#[RunInSeparateProcess]
	#[PreserveGlobalState( false )]
	public function test_a_mailer_constant_blocks_switching(): void {
		define( 'WPMS_ON', true );
		define( 'WPMS_MAILER', 'smtp' );

		$before   = serialize( $this->wpms_option() ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
		$response = $this->rest(
			'PUT',
			'/token',
			array(
				'token'         => $this->token( 'valid_full' ),
				'switch_mailer' => true,
			)
		);

		$this->assertRestError( 409, 'fix_mailersend_mailer_constant_defined', $response );
		$this->assertSame( $before, serialize( $this->wpms_option() ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
	}

	/**
	 * Makes the next send probe time out: just before it reaches the stand-in (after the quota
	 * call has answered), the stand-in's `hang` fault is injected for that one request and the
	 * request's timeout is cut to 2 seconds, so cURL gives up as it would after 10.
	 *
	 * @return void
	 */
	private function hang_the_next_probe(): void {
		if ( null !== $this->probe_hang ) {
			remove_filter( 'http_request_args', $this->probe_hang, 10 );
		}
		$standin          = rtrim( (string) getenv( 'FMS_STANDIN_URL' ), '/' ) . '/v1/email';
		$armed            = false;
		$this->probe_hang = function ( $args, $url ) use ( $standin, &$armed ) {
			if ( $armed || ! is_string( $url ) || 0 !== strpos( $url, $standin ) || ! is_array( $args ) ) {
				return $args;
			}
			$armed = true;
			$this->set_fault( 'hang', 1 );
			$args['timeout'] = 2;
			return $args;
		};
		add_filter( 'http_request_args', $this->probe_hang, 10, 2 );
	}
}
