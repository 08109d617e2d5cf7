<?php
/**
 * The headline of GET /status in every WP Mail SMTP state, including those the stand-in
 * cannot take in one process (missing, inactive, too old).
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Rest;

use FixMailerSend\Diagnosis\Verdicts;
use FixMailerSend\Diagnosis\Now;
use FixMailerSend\Diagnosis\Verdict;
use FixMailerSend\Support\Token;
use FixMailerSend\Tests\TestCase;

final class HeadlineTest extends TestCase {

	/**
	 * Facts of a healthy site, for one test to vary.
	 *
	 * @param array<string, mixed> $overrides Changes.
	 * @return array<string, mixed>
	 */
	private function facts( array $overrides = array() ): array {
		return array_merge(
			array(
				'state'        => 'active',
				'version'      => '4.8.0',
				'mailer'       => 'mailersend',
				'token_source' => 'database',
				'token'        => Token::from( $this->token( 'valid_full' ) ),
				'failure'      => null,
				'check'        => null,
			),
			$overrides
		);
	}

	/**
	 * The headline the one rule gives (Now::decide(), as GET /status leads with it).
	 *
	 * @param array<string, mixed> $facts Facts.
	 * @return Verdict
	 */
	private static function pick( array $facts ): Verdict {
		return Now::decide( $facts )['headline'];
	}

	public function test_wp_mail_smtp_missing_or_inactive_leads(): void {
		$this->assertSame( 'wp_mail_smtp_missing', self::pick( $this->facts( array( 'state' => 'missing' ) ) )->id() );
		$inactive = self::pick(
			$this->facts(
				array(
					'state'   => 'inactive',
					'version' => '4.7.1',
				)
			)
		);
		$this->assertSame( 'wp_mail_smtp_inactive', $inactive->id() );
		$this->assertSame( 'error', $inactive->severity() );
		$this->assertNotEmpty( $inactive->steps() );
	}

	public function test_too_old_replaces_only_good_news(): void {
		$this->assertSame(
			'wp_mail_smtp_too_old',
			self::pick(
				$this->facts(
					array(
						'state'   => 'too_old',
						'version' => '4.4.2',
					)
				)
			)->id()
		);

		$bad = $this->facts(
			array(
				'state' => 'too_old',
				'token' => Token::from( 'mlsn.short' ),
			)
		);
		$this->assertSame( 'truncated', self::pick( $bad )->id() );
	}

	public function test_other_mailer_then_missing_token(): void {
		$this->assertSame( 'mailer_not_mailersend', self::pick( $this->facts( array( 'mailer' => 'smtp' ) ) )->id() );
		$this->assertSame(
			'missing',
			self::pick(
				$this->facts(
					array(
						'token_source' => 'none',
						'token'        => Token::none(),
					)
				)
			)->id()
		);
	}

	public function test_newest_of_failure_and_check_wins(): void {
		$failure = array(
			'at'            => '2026-01-01T10:00:00+00:00',
			'resolved'      => false,
			'current_token' => true,
			'verdict'       => Verdicts::make( 'unauthenticated' ),
		);
		$check   = array(
			'at'      => '2026-01-01T11:00:00+00:00',
			'current' => true,
			'verdict' => Verdicts::make( 'valid' ),
		);

		$this->assertSame( 'valid', self::pick( $this->facts( compact( 'failure', 'check' ) ) )->id() );

		$failure['at'] = '2026-01-01T12:00:00+00:00';
		$this->assertSame( 'unauthenticated', self::pick( $this->facts( compact( 'failure', 'check' ) ) )->id() );

		// A failure of another token, or one followed by a successful send, does not lead.
		$this->assertSame(
			'valid',
			self::pick(
				$this->facts(
					array(
						'failure' => array( 'current_token' => false ) + $failure,
						'check'   => $check,
					)
				)
			)->id()
		);
		$this->assertSame( 'not_checked', self::pick( $this->facts( array( 'failure' => array( 'resolved' => true ) + $failure ) ) )->id() );

		// A failure of unknown time yields to a current check, not to nothing.
		$failure['at'] = null;
		$this->assertSame( 'valid', self::pick( $this->facts( compact( 'failure', 'check' ) ) )->id() );
		$this->assertSame( 'unauthenticated', self::pick( $this->facts( array( 'failure' => $failure ) ) )->id() );

		// A check of another token does not lead.
		$check['current'] = false;
		$this->assertSame( 'not_checked', self::pick( $this->facts( array( 'check' => $check ) ) )->id() );
	}

	public function test_not_checked_offers_both_ways_in_one_step(): void {
		$this->assertSame(
			array( 'Click "Re-check saved token" to ask MailerSend, or send a test email in step 4.' ),
			self::pick( $this->facts() )->steps()
		);
	}
}
