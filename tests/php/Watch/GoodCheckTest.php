<?php
/**
 * What keeping watch counts as a good check: the save rule for a deep check, and for a check
 * of the quota endpoint alone (the daily check) an answer in which MailerSend accepted the token.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Watch;

use FixMailerSend\Diagnosis\Verdicts;
use FixMailerSend\Storage\Check_Log;
use FixMailerSend\Watch\Watch_Status;
use PHPUnit\Framework\Attributes\DataProvider;
use FixMailerSend\Support\Token;

final class GoodCheckTest extends Watch_Test_Case {

	/**
	 * Verdicts as the diagnosis builds them, and what keeping watch makes of them.
	 *
	 * @return array<string, array{string, array<string, mixed>, string|null}>
	 */
	public static function checks(): array {
		$quota = array(
			'token_accepted' => true,
			'endpoint'       => 'GET /v1/api-quota',
		);
		$deep  = array(
			'token_accepted' => true,
			'deep_checked'   => true,
			'endpoint'       => 'POST /v1/email',
		);
		return array(
			'valid'                                  => array( 'valid', $quota, 'good' ),
			'accepted legacy token'                  => array( 'legacy_token', $quota, 'good' ),
			'rate limited after an accepted call'    => array( 'rate_limited', $quota, 'good' ),
			'rate limited before the token was seen' => array( 'rate_limited', array( 'endpoint' => 'GET /v1/api-quota' ), null ),
			// A token without the quota scope: 403 #MS40301 there, MailerSend knows it.
			'quota-only 403 #MS40301'                => array( 'unknown', $quota + array( 'ms_code' => 'MS40301' ), 'good' ),
			'quota-only 403 without a code'          => array( 'unknown', array( 'endpoint' => 'GET /v1/api-quota' ), null ),
			'quota exhausted'                        => array( 'quota_exhausted', $quota, null ),
			'quota call unreachable'                 => array( 'network_error', array( 'endpoint' => 'GET /v1/api-quota' ), null ),
			'unauthenticated'                        => array( 'unauthenticated', array( 'token_accepted' => false ), 'bad' ),
			'deep: sending paused'                   => array( 'send_paused', $deep, 'good' ),
			'deep: probe unreachable'                => array( 'network_error', $deep, null ),
			'deep: MailerSend unavailable'           => array( 'mailersend_unavailable', $deep, null ),
			'deep: probe refused without a #MS code' => array( 'unknown', $deep, null ),
			'deep: another account'                  => array( 'domain_unverified', $deep, 'bad' ),
		);
	}

	/**
	 * @param string               $id       Verdict id.
	 * @param array<string, mixed> $evidence Evidence.
	 * @param string|null          $status   Expected status.
	 */
	#[DataProvider( 'checks' )]
	public function test_status_of( string $id, array $evidence, ?string $status ): void {
		$this->assertSame( $status, Watch_Status::status_of( Verdicts::make( $id, $evidence ) ) );
	}

	public function test_a_deep_check_whose_probe_got_no_answer_does_not_clear_a_sending_failure(): void {
		$token = $this->token( 'valid_full' );
		$this->use_settings( $token );
		\WPMailSMTP\Debug::set( "Mailer: MailerSend\r\nThe from.email domain must be verified in your account to send emails. #MS42207" );
		$status = $this->plugin->watch_status();
		$this->assertSame( 'failure', $status->problem()['kind'] ?? null );

		( new Check_Log() )->record(
			Verdicts::make(
				'network_error',
				array(
					'token_accepted' => true,
					'deep_checked'   => true,
					'endpoint'       => 'POST /v1/email',
					'reason'         => 'timeout',
				)
			),
			Token::from( $token )
		);
		$this->assertSame( 'failure', $status->problem()['kind'] ?? null, 'nobody knows yet whether the From domain is fixed' );

		( new Check_Log() )->record( Verdicts::make( 'valid', array( 'deep_checked' => true ) ), Token::from( $token ) );
		$this->assertNull( $status->problem(), 'a deep check that passed does clear it' );
	}
}
