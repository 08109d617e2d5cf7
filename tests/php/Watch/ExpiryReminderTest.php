<?php
/**
 * The expiry reminder: from a week before the date the user gave, and after it.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Watch;

use FixMailerSend\Diagnosis\Verdicts;
use FixMailerSend\Storage\Audit_Trail;
use FixMailerSend\Storage\Check_Log;
use FixMailerSend\Storage\Token_Expiry;
use FixMailerSend\Watch\Admin_Notice;
use FixMailerSend\Support\Token;

final class ExpiryReminderTest extends Watch_Test_Case {

	protected function setUp(): void {
		parent::setUp();
		$this->log_in_as( 'administrator' );
	}

	/**
	 * Saves the working token through the screen's route, with an expiry date.
	 *
	 * @param string $date YYYY-MM-DD.
	 * @return void
	 */
	private function save_with_expiry( string $date ): void {
		$response = $this->rest(
			'PUT',
			'/token',
			array(
				'token'      => $this->token( 'valid_full' ),
				'expires_at' => $date,
			)
		);
		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( $date, ( new Token_Expiry() )->get() );
	}

	/**
	 * The reminder a date gives today, or null.
	 *
	 * @return array<string, mixed>|null
	 */
	private function reminder(): ?array {
		return $this->plugin->watch_status()->expiry_problem();
	}

	public function test_only_an_exact_date_is_read_back(): void {
		// What an older release stored from `expires_at: "2026-12-08\n"`: it never parsed as a
		// date, so the reminder silently never came. It is not shown as a date either.
		update_option( Token_Expiry::OPTION, self::day( 3 ) . "\n", false );
		$this->assertNull( ( new Token_Expiry() )->get() );
		$this->assertNull( $this->json( $this->rest( 'GET', '/status' ) )['token']['expires_at'] );

		update_option( Token_Expiry::OPTION, self::day( 3 ), false );
		$this->assertSame( self::day( 3 ), ( new Token_Expiry() )->get() );
	}

	public function test_the_service_refuses_a_date_with_a_final_newline_before_asking_mailersend(): void {
		$result = $this->plugin->token_service()->save( Token::from( $this->token( 'valid_full' ) ), false, false, "2026-12-08\n", 'rest' );

		$this->assertInstanceOf( \WP_Error::class, $result );
		$this->assertSame( 'fix_mailersend_invalid_date', $result->get_error_code() );
		$this->assertSame( 400, $result->get_error_data()['status'] ?? null );
		$this->assertSame( array(), $this->standin_requests() );
		$this->assertFalse( get_option( Token_Expiry::OPTION ) );
		$this->assertFalse( get_option( Audit_Trail::OPTION ) );
	}

	public function test_the_date_rule(): void {
		$this->assertTrue( Token_Expiry::is_date( '2026-12-08' ) );
		$this->assertTrue( Token_Expiry::is_date( '2028-02-29' ) );
		foreach ( array( "2026-12-08\n", "2026-12-08\r\n", ' 2026-12-08', '2026-12-08 ', "2026-12-0\n8", '2027-02-29', '2026-13-01', '2026-1-08', '26-12-08', '' ) as $text ) {
			$this->assertFalse( Token_Expiry::is_date( $text ), (string) wp_json_encode( $text ) );
		}
	}

	public function test_no_reminder_more_than_a_week_ahead(): void {
		$this->save_with_expiry( self::day( 8 ) );
		$this->assertNull( $this->reminder() );
		$this->assertFalse( $this->notice_shown() );
	}

	public function test_reminders_from_a_week_before(): void {
		foreach ( array( 7, 3, 1 ) as $days ) {
			$this->save_with_expiry( self::day( $days ) );
			$reminder = $this->reminder();
			$this->assertNotNull( $reminder, "$days days" );
			$this->assertSame( 'expiry_soon', $reminder['kind'] );
			$this->assertSame( $days, $reminder['days'] );
			$this->assertSame( 'expiry_soon@' . self::day( $days ), $reminder['key'] );
		}

		$html = $this->notices();
		$this->assertStringContainsString( 'notice-warning is-dismissible', $html );
		$this->assertStringContainsString( 'expires in 1 day, on ' . Admin_Notice::format_date( self::day( 1 ) ), $html );
		$this->assertStringContainsString( 'create a new token in MailerSend and save it before then', $html );
		$this->assertStringContainsString( 'Fix MailerSend →</a>', $html );
	}

	public function test_on_the_day(): void {
		$this->save_with_expiry( self::day( 0 ) );
		$this->assertSame( 0, $this->reminder()['days'] ?? null );
		$this->assertStringContainsString( 'expires today (' . Admin_Notice::format_date( self::day( 0 ) ) . ')', $this->notices() );
	}

	public function test_after_the_date_it_has_probably_expired(): void {
		$this->save_with_expiry( self::day( 3 ) );
		// The check made when saving is older than the date now.
		( new Token_Expiry() )->set( self::day( -2 ) );
		$stored       = get_option( Check_Log::OPTION );
		$stored['at'] = gmdate( 'c', time() - 5 * DAY_IN_SECONDS );
		update_option( Check_Log::OPTION, $stored, false );

		$reminder = $this->reminder();
		$this->assertNotNull( $reminder );
		$this->assertSame( 'expired', $reminder['kind'] );
		$this->assertSame( -2, $reminder['days'] );
		$html = $this->notices();
		$this->assertStringContainsString( 'notice-error', $html );
		$this->assertStringContainsString( 'has probably expired (its expiration date was ' . Admin_Notice::format_date( self::day( -2 ) ) . ')', $html );

		// A check after the date that still works: the date given was not the real one.
		$this->assertSame( 'good', $this->plugin->daily_check()->run() );
		$this->assertNull( $this->reminder() );
		$this->assertFalse( $this->notice_shown() );
	}

	public function test_dismissed_until_the_next_stage(): void {
		$this->save_with_expiry( self::day( 2 ) );
		$key = $this->reminder()['key'] ?? '';
		$this->assertTrue( $this->plugin->admin_notice()->dismiss( get_current_user_id(), $key ) );
		$this->assertFalse( $this->notice_shown() );

		// The date passes (and no check since): the "probably expired" notice is another one.
		( new Token_Expiry() )->set( self::day( -1 ) );
		$stored       = get_option( Check_Log::OPTION );
		$stored['at'] = gmdate( 'c', time() - 3 * DAY_IN_SECONDS );
		update_option( Check_Log::OPTION, $stored, false );
		$this->assertTrue( $this->notice_shown() );
	}

	public function test_a_token_problem_comes_before_the_reminder(): void {
		$this->save_with_expiry( self::day( 2 ) );
		( new Check_Log() )->record( Verdicts::make( 'unauthenticated', array( 'token_accepted' => false ) ), Token::from( $this->token( 'valid_full' ) ) );
		$this->assertSame( 'check', $this->plugin->watch_status()->problem()['kind'] ?? null );
	}

	public function test_no_reminder_for_a_token_changed_elsewhere_or_from_a_constant(): void {
		$this->save_with_expiry( self::day( 2 ) );
		$this->assertNotNull( $this->reminder() );

		// WP Mail SMTP's own screen saved another token: the date was about the previous one.
		$this->use_settings( 'mlsn.' . str_repeat( 'Q', 60 ) . 'zz' );
		$this->assertNull( $this->reminder() );
		$this->assertFalse( $this->notice_shown() );

		// Back to the token saved with the date.
		$this->use_settings( $this->token( 'valid_full' ) );
		$this->assertNotNull( $this->reminder() );

		// The token comes from wp-config.php: the date was given for the one in the database.
		$this->assertSame( 1, count( ( new Audit_Trail() )->all() ) );
	}

	public function test_nothing_without_a_date(): void {
		$this->save_with_expiry( self::day( 2 ) );
		$this->assertSame( 200, $this->rest( 'PUT', '/token', array( 'token' => $this->token( 'valid_full' ) ) )->get_status() );
		$this->assertNull( ( new Token_Expiry() )->get() );
		$this->assertNull( $this->reminder() );
	}
}
