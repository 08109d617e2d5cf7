<?php
/**
 * `wp fix-mailersend set-token`: the token from STDIN only, checked as PUT /token checks it,
 * saved by merging (only the API key changes), audited as `cli`.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Cli;

use FixMailerSend\Cli\Command;
use FixMailerSend\Support\Mask;

final class SetTokenCommandTest extends Cli_Test_Case {

	/**
	 * WP Mail SMTP's option before the test's command, exactly as stored.
	 *
	 * @var string
	 */
	private $before = '';

	protected function setUp(): void {
		parent::setUp();
		// A token MailerSend rejects, and settings a careless save would wipe.
		$this->use_token( 'expired' );
		$this->give_wp_mail_smtp_other_settings();
		$this->before = (string) $this->raw_option( 'wp_mail_smtp' );
	}

	public function test_a_save_whose_audit_entry_the_database_refused_says_so(): void {
		// In the child only: the database refuses every write of the audit trail (wpdb::query()
		// answers false, as on an error). A pre-initialised hook: WordPress is not loaded yet.
		$this->local_config(
			"\$GLOBALS['wp_filter']['query'][10][] = array(\n"
			. "\t'function'      => static function ( \$query ) { return is_string( \$query ) && preg_match( '/^\\s*(INSERT|UPDATE)\\b/i', \$query ) && false !== strpos( \$query, \"'fix_mailersend_audit'\" ) ? '' : \$query; },\n"
			. "\t'accepted_args' => 1,\n"
			. ");\n"
		);
		$token = $this->token( 'valid_full' );

		$result = $this->wp( array( 'set-token' ), $token );
		$this->assertExit( 0, $result );
		$this->assertStringContainsString( 'Success: Saved the token', $result['stdout'] );
		$this->assertStringContainsString( 'Warning: The token was saved, but the database did not take its entry in the audit trail', $result['stderr'] );
		$this->assertSame( $token, unserialize( (string) $this->raw_option( 'wp_mail_smtp' ) )['mailersend']['api_key'] ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_unserialize
		$this->assertNull( $this->raw_option( 'fix_mailersend_audit' ), 'indeed not recorded' );

		$json = $this->json_of( $this->wp( array( 'set-token', '--format=json' ), $this->token( 'rotation_a' ) ) );
		$this->assertTrue( $json['saved'] );
		$this->assertSame( array( 'audit' ), $json['not_recorded'] );
	}

	public function test_a_token_from_stdin_is_checked_and_saved_and_nothing_else_changes(): void {
		$old   = $this->token( 'expired' );
		$token = $this->token( 'valid_full' );

		// Pasted with what pastes bring: quotes, spaces, a newline.
		$result = $this->wp( array( 'set-token', '--expires=2027-06-30', '--format=json' ), "  '" . $token . "'\n" );
		$data   = $this->json_of( $result );

		$this->assertExit( 0, $result );
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
		$this->assertTokenNotPrinted( $token, $result );
		$this->assertTokenNotPrinted( $old, $result );

		// Only the API key changed: the rest of the stored option is byte for byte the same.
		$expected                          = unserialize( $this->before ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_unserialize
		$expected['mailersend']['api_key'] = $token;
		$this->assertSame( serialize( $expected ), $this->raw_option( 'wp_mail_smtp' ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize

		// The deep check ran first, with the new token.
		$this->assertSame( 'Bearer ' . $token, $this->standin_requests_to( '/v1/api-quota' )[0]['headers']['authorization'] );
		$this->assertCount( 1, $this->standin_requests_to( '/v1/email' ) );

		// Audited as `cli`, masked; the expiry and the check are kept.
		$audit = $this->fresh_option( 'fix_mailersend_audit' );
		$this->assertIsArray( $audit );
		$this->assertCount( 1, $audit );
		$this->assertSame( 'cli', $audit[0]['how'] );
		$this->assertSame( 0, $audit[0]['user_id'] );
		$this->assertSame( Mask::token( $old ), $audit[0]['before'] );
		$this->assertSame( Mask::token( $token ), $audit[0]['after'] );
		$this->assertSame( '2027-06-30', $audit[0]['expires_at'] );
		$this->assertStringNotContainsString( $token, serialize( $audit ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
		$this->assertSame( '2027-06-30', $this->fresh_option( 'fix_mailersend_token_expires' ) );

		$status = $this->json_of( $this->wp( array( 'status', '--format=json' ) ) );
		$this->assertSame( 'valid', $status['headline']['id'] );
		$this->assertTrue( $status['last_check']['current'] );
	}

	public function test_the_readable_form(): void {
		$token  = $this->token( 'valid_full' );
		$result = $this->wp( array( 'set-token' ), $token . "\n" );

		$this->assertExit( 0, $result );
		$this->assertStringStartsWith( 'Success: The token works', $result['stdout'] );
		$this->assertStringContainsString( 'Success: Saved the token ' . Mask::token( $token ), $result['stdout'] );
		$this->assertStringContainsString( 'wp fix-mailersend test-email', $result['stdout'] );
		$this->assertTokenNotPrinted( $token, $result );
	}

	public function test_a_token_that_does_not_work_is_not_saved(): void {
		$token  = $this->token( 'other_account' );
		$result = $this->wp( array( 'set-token', '--format=json' ), $token );
		$data   = $this->json_of( $result );

		$this->assertExit( Command::EXIT_SENDING, $result );
		$this->assertFalse( $data['saved'] );
		$this->assertSame( 'fix_mailersend_token_rejected', $data['code'] );
		$this->assertSame( 'domain_unverified', $data['verdict']['id'] );
		$this->assertStringStartsWith( 'Error: The token did not pass the check', $result['stderr'] );
		$this->assertTokenNotPrinted( $token, $result );
		$this->assertSame( $this->before, $this->raw_option( 'wp_mail_smtp' ) );
		$this->assertNull( $this->fresh_option( 'fix_mailersend_audit' ) );
	}

	public function test_an_expired_token_exits_4_and_changes_nothing(): void {
		$token  = $this->token( 'expired' );
		$result = $this->wp( array( 'set-token' ), $token );

		$this->assertExit( Command::EXIT_UNAUTHENTICATED, $result );
		$this->assertStringContainsString( 'Error: MailerSend does not recognise this token', $result['stdout'] );
		$this->assertTokenNotPrinted( $token, $result );
		$this->assertSame( $this->before, $this->raw_option( 'wp_mail_smtp' ) );
	}

	public function test_save_anyway_only_when_mailersend_cannot_be_reached(): void {
		$token = $this->token( 'valid_full' );
		$this->set_fault( '503' );

		$refused = $this->wp( array( 'set-token' ), $token );
		$this->assertExit( Command::EXIT_UNREACHABLE, $refused );
		$this->assertStringContainsString( 'You may save it anyway', $refused['stderr'] );
		$this->assertSame( $this->before, $this->raw_option( 'wp_mail_smtp' ) );

		$saved = $this->wp( array( 'set-token', '--save-anyway', '--format=json' ), $token );
		$this->assertExit( 0, $saved );
		$this->assertTrue( $this->json_of( $saved )['saved'] );
		$this->assertSame( 'mailersend_unavailable', $this->json_of( $saved )['verdict']['id'] );
		$this->assertSame( $token, $this->wpms_option()['mailersend']['api_key'] );
		$this->assertTokenNotPrinted( $token, $refused );
		$this->assertTokenNotPrinted( $token, $saved );
	}

	public function test_a_429_before_the_token_was_accepted_needs_save_anyway(): void {
		$token = $this->token( 'rate_limited' );

		$refused = $this->wp( array( 'set-token' ), $token );
		$this->assertExit( Command::EXIT_SENDING, $refused );
		$this->assertStringContainsString( 'before checking the token', $refused['stdout'] );
		$this->assertStringContainsString( 'You may save it anyway', $refused['stderr'] );
		$this->assertSame( $this->before, $this->raw_option( 'wp_mail_smtp' ) );

		$saved = $this->wp( array( 'set-token', '--save-anyway', '--format=json' ), $token );
		$this->assertExit( 0, $saved );
		$this->assertTrue( $this->json_of( $saved )['saved'] );
		$this->assertSame( 'rate_limited', $this->json_of( $saved )['verdict']['id'] );
		$this->assertSame( $token, $this->wpms_option()['mailersend']['api_key'] );
	}

	public function test_switch_mailer(): void {
		$option                   = $this->wpms_option();
		$option['mail']['mailer'] = 'smtp';
		$this->set_wpms_option( $option );
		$token = $this->token( 'valid_full' );

		$result = $this->wp( array( 'set-token', '--switch-mailer', '--format=json' ), $token );

		$this->assertExit( 0, $result );
		$this->assertTrue( $this->json_of( $result )['mailer_switched'] );
		$this->assertSame( 'mailersend', $this->wpms_option()['mail']['mailer'] );
	}

	/**
	 * @return array<string, array{string[]}>
	 */
	public static function token_on_the_command_line(): array {
		return array(
			'as an argument' => array( array( 'set-token', '{token}' ) ),
			'after options'  => array( array( 'set-token', '--switch-mailer', '{token}' ) ),
			'as --token'     => array( array( 'set-token', '--token={token}' ) ),
		);
	}

	/**
	 * @param string[] $args Arguments; {token} stands for the token.
	 */
	#[\PHPUnit\Framework\Attributes\DataProvider( 'token_on_the_command_line' )]
	public function test_a_token_on_the_command_line_is_refused( array $args ): void {
		$token = $this->token( 'valid_full' );
		$args  = str_replace( '{token}', $token, $args );

		// Even with a good token on STDIN: the command line must not carry one.
		$result = $this->wp( $args, $token );

		$this->assertExit( Command::EXIT_USAGE, $result );
		$this->assertSame( '', $result['stdout'] );
		$this->assertStringContainsString( 'STDIN', $result['stderr'] );
		$this->assertStringContainsString( 'shell’s history', $result['stderr'] );
		$this->assertTokenNotPrinted( $token, $result );
		$this->assertSame( array(), $this->standin_requests() );
		$this->assertSame( $this->before, $this->raw_option( 'wp_mail_smtp' ) );
	}

	/**
	 * @return array<string, array{string[], string, string}>
	 */
	public static function usage_errors(): array {
		return array(
			'nothing on STDIN'    => array( array( 'set-token' ), '', 'No token on STDIN' ),
			'only whitespace'     => array( array( 'set-token' ), " \n\t\n", 'No token on STDIN' ),
			'not a date'          => array( array( 'set-token', '--expires=2027-02-30' ), '{token}', 'real date' ),
			'date, final newline' => array( array( 'set-token', "--expires=2026-12-08\n" ), '{token}', 'real date' ),
			'non-ASCII character' => array( array( 'set-token' ), 'mlsn.abc…', 'single line' ),
			'HTML'                => array( array( 'set-token' ), 'mlsn.<b>abc</b>', '"<" or ">"' ),
			'unknown option'      => array( array( 'set-token', '--force' ), '{token}', 'Unknown option --force' ),
		);
	}

	/**
	 * @param string[] $args     Arguments.
	 * @param string   $stdin    STDIN; {token} stands for a good token.
	 * @param string   $expected Part of the message.
	 */
	#[\PHPUnit\Framework\Attributes\DataProvider( 'usage_errors' )]
	public function test_usage_errors_exit_2_and_change_nothing( array $args, string $stdin, string $expected ): void {
		$result = $this->wp( $args, str_replace( '{token}', $this->token( 'valid_full' ), $stdin ) );

		$this->assertExit( Command::EXIT_USAGE, $result );
		$this->assertStringContainsString( $expected, $result['stderr'] );
		$this->assertSame( array(), $this->standin_requests() );
		$this->assertSame( $this->before, $this->raw_option( 'wp_mail_smtp' ) );
	}

	public function test_a_constant_owns_the_token_so_the_define_line_is_printed_and_nothing_written(): void {
		$old   = $this->token( 'expired' );
		$token = $this->token( 'valid_full' );
		$this->define_token_constant( $old );

		$result = $this->wp( array( 'set-token' ), "'" . $token . "'\n" );

		$this->assertExit( Command::EXIT_SETUP, $result );
		// The line to put in wp-config.php names the token by a placeholder: a command's
		// output ends up in scrollback and CI logs, so no token is ever printed.
		$define = "define( 'WPMS_MAILERSEND_API_KEY', 'YOUR-NEW-TOKEN' );";
		$this->assertStringContainsString( "\n    " . $define . "\n", $result['stdout'] );
		$this->assertStringContainsString( 'Replace YOUR-NEW-TOKEN with the token you piped in (' . Mask::token( $token ) . ')', $result['stdout'] );
		$this->assertTokenNotPrinted( $token, $result );
		$this->assertTokenNotPrinted( $old, $result );
		$this->assertStringContainsString( 'Error: The MailerSend token is set by the WPMS_MAILERSEND_API_KEY constant', $result['stderr'] );

		// Checked as PUT /token checks, and nothing written.
		$this->assertSame( 'Bearer ' . $token, $this->standin_requests_to( '/v1/api-quota' )[0]['headers']['authorization'] );
		$this->assertSame( $this->before, $this->raw_option( 'wp_mail_smtp' ) );
		$this->assertNull( $this->fresh_option( 'fix_mailersend_audit' ) );

		// JSON carries the same line.
		$json = $this->json_of( $this->wp( array( 'set-token', '--format=json' ), $token ) );
		$this->assertFalse( $json['saved'] );
		$this->assertSame( 'fix_mailersend_constant_defined', $json['code'] );
		$this->assertSame( 'WPMS_MAILERSEND_API_KEY', $json['constant'] );
		$this->assertSame( $define, $json['define'] );
		$this->assertSame( Mask::token( $token ), $json['token'] );
		$this->assertSame( 'valid', $json['verdict']['id'] );
	}

	public function test_with_a_constant_and_mailersend_unreachable_the_define_line_is_printed(): void {
		$this->define_token_constant( $this->token( 'expired' ) );
		$token = $this->token( 'fault_refused' );

		$result = $this->wp( array( 'set-token' ), $token );

		$this->assertExit( Command::EXIT_UNREACHABLE, $result );
		$this->assertStringContainsString( "\n    define( 'WPMS_MAILERSEND_API_KEY', 'YOUR-NEW-TOKEN' );\n", $result['stdout'] );
		$this->assertStringContainsString( 'MailerSend could not check this token', $result['stderr'] );
		$this->assertStringContainsString( 'Error: The MailerSend token is set by the WPMS_MAILERSEND_API_KEY constant', $result['stderr'] );
		$this->assertTokenNotPrinted( $token, $result );
		$this->assertSame( $this->before, $this->raw_option( 'wp_mail_smtp' ) );
		$this->assertNull( $this->fresh_option( 'fix_mailersend_audit' ) );
	}

	public function test_with_a_constant_a_token_that_does_not_work_gets_no_define_line(): void {
		$this->define_token_constant( $this->token( 'valid_full' ) );
		$token = $this->token( 'expired' );

		$result = $this->wp( array( 'set-token' ), $token );

		$this->assertExit( Command::EXIT_UNAUTHENTICATED, $result );
		$this->assertStringNotContainsString( 'define(', $result['stdout'] );
		$this->assertTokenNotPrinted( $token, $result );
		$this->assertSame( $this->before, $this->raw_option( 'wp_mail_smtp' ) );
	}

	public function test_a_recent_deep_check_stands_unless_deep_is_asked(): void {
		$token = $this->token( 'valid_full' );
		// The screen checked this token deeply a minute ago (committed, so the child sees it).
		$this->rest_as_admin_check( $token );
		$this->assertCount( 1, $this->standin_requests_to( '/v1/email' ) );

		$this->assertExit( 0, $this->wp( array( 'set-token' ), $token ) );
		$this->assertCount( 1, $this->standin_requests_to( '/v1/email' ), 'The recent deep check stood: no second probe.' );

		$this->assertExit( 0, $this->wp( array( 'set-token', '--deep' ), $token ) );
		$this->assertCount( 2, $this->standin_requests_to( '/v1/email' ), '--deep runs a fresh probe.' );
	}

	/**
	 * POST /token/check with a pasted token and deep, as the screen does, as the site's admin.
	 *
	 * @param string $token Token.
	 * @return void
	 */
	private function rest_as_admin_check( string $token ): void {
		wp_set_current_user( 1 );
		$response = $this->deep_check( $token );
		wp_set_current_user( 0 );
		$this->assertSame( 'valid', $this->json( $response )['verdict']['id'] );
	}
}
