<?php
/**
 * The policy every REST verdict carries (Verdicts::policy()), id by id: what the screen used to
 * work out itself (src/steps.ts: nextStepFor(), isSavable(), maySaveAnyway(), whose literal
 * expectations moved here), and the screen's verdict-id union (src/types.ts) against the catalogue.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Domain;

use FixMailerSend\Diagnosis\Verdict;
use FixMailerSend\Diagnosis\Verdicts;
use PHPUnit\Framework\Attributes\DataProvider;

final class Verdict_Policy_Test extends Domain_Test_Case {

	/**
	 * Every id → the step of the screen that comes next or fixes it.
	 *
	 * @return array<string, array{string, string|null}>
	 */
	public static function steps(): array {
		$steps = array(
			'valid'                  => 'test',
			'missing'                => 'new-token',
			'smtp_password_pasted'   => 'new-token',
			'malformed'              => 'new-token',
			'truncated'              => 'new-token',
			'legacy_token'           => 'new-token',
			'unauthenticated'        => 'new-token',
			'missing_permission'     => 'new-token',
			'domain_unverified'      => 'new-token',
			'account_blocked'        => null,
			'trial_limit'            => null,
			'sending_quota_reached'  => null,
			'plan_feature_missing'   => null,
			'rate_limited'           => null,
			'quota_exhausted'        => null,
			'send_paused'            => null,
			'recipients_suppressed'  => null,
			'blocked_by_site'        => null,
			'mailersend_unavailable' => null,
			'network_error'          => null,
			'unknown'                => null,
			// The headline's states of the site.
			'wp_mail_smtp_missing'   => null,
			'wp_mail_smtp_inactive'  => null,
			'wp_mail_smtp_too_old'   => null,
			'mailer_not_mailersend'  => 'paste',
			'not_checked'            => 'paste',
		);
		$cases = array();
		foreach ( $steps as $id => $step ) {
			$cases[ $id ] = array( $id, $step );
		}
		return $cases;
	}

	#[DataProvider( 'steps' )]
	public function test_the_step_a_verdict_leads_to( string $id, ?string $step ): void {
		$this->assertSame( $step, Verdicts::policy( self::verdict( $id ) )['step'] );
	}

	/**
	 * A verdict with an id, from the catalogue (the headline's states of the site included).
	 *
	 * @param string               $id       Id.
	 * @param array<string, mixed> $evidence Evidence.
	 * @return Verdict
	 */
	private static function verdict( string $id, array $evidence = array() ): Verdict {
		return Verdicts::make( $id, $evidence );
	}

	public function test_every_id_here_is_in_the_catalogue_and_every_step_is_the_screens(): void {
		// The table above states the policy of the ids it names literally; a new verdict's
		// policy is its record, and its own test row (the classification) proves it.
		$this->assertSame( array(), array_diff( array_keys( self::steps() ), Verdicts::all_ids() ) );
		foreach ( Verdicts::all_ids() as $id ) {
			$this->assertContains( Verdicts::policy( self::verdict( $id ) )['step'], array( 'new-token', 'paste', 'test', null ), $id );
		}
	}

	/**
	 * Every id, once MailerSend accepted the token where it could have → proves it, may be saved anyway.
	 *
	 * @return array<string, array{string, bool, bool}>
	 */
	public static function savable(): array {
		$proving  = array( 'valid', 'legacy_token', 'rate_limited', 'send_paused', 'recipients_suppressed' );
		$unproven = array( 'mailersend_unavailable', 'network_error' );
		$cases    = array();
		foreach ( array_keys( self::steps() ) as $id ) {
			$cases[ $id ] = array( $id, in_array( $id, $proving, true ), in_array( $id, $unproven, true ) );
		}
		return $cases;
	}

	#[DataProvider( 'savable' )]
	public function test_what_an_accepted_token_lets_the_screen_save( string $id, bool $proves, bool $save_anyway ): void {
		$policy = Verdicts::policy( self::verdict( $id, array( 'token_accepted' => true ) ) );
		$this->assertSame( $proves, $policy['proves_token'] );
		$this->assertSame( $save_anyway, $policy['save_anyway'] );
	}

	public function test_a_proving_warning_without_token_accepted_proves_nothing(): void {
		foreach ( array( 'legacy_token', 'send_paused', 'recipients_suppressed' ) as $id ) {
			$policy = Verdicts::policy( Verdicts::make( $id, array( 'token_accepted' => false ) ) );
			$this->assertFalse( $policy['proves_token'], $id );
			$this->assertFalse( $policy['save_anyway'], $id );
		}
		// A 429 before MailerSend accepted the token proves nothing: save anyway, after a warning.
		$this->assertSame(
			array(
				'step'         => null,
				'proves_token' => false,
				'save_anyway'  => true,
			),
			Verdicts::policy( Verdicts::make( 'rate_limited', array( 'http_status' => 429 ) ) )
		);
	}

	public function test_unknown_and_unreachable_answers_never_prove_the_token(): void {
		// What the deep check gives when the send probe was refused without a #MS code, timed
		// out or met an outage, after the quota call accepted the token.
		$evidence = array(
			'endpoint'       => 'POST /v1/email',
			'token_accepted' => true,
			'deep_checked'   => true,
		);
		foreach ( array( 'unknown', 'network_error', 'mailersend_unavailable' ) as $id ) {
			$this->assertFalse( Verdicts::policy( Verdicts::make( $id, $evidence ) )['proves_token'], $id );
		}
		$this->assertFalse( Verdicts::policy( Verdicts::make( 'unknown', $evidence ) )['save_anyway'] );
		$this->assertFalse( Verdicts::policy( Verdicts::make( 'blocked_by_site' ) )['save_anyway'] );
		$this->assertFalse( Verdicts::policy( Verdicts::make( 'unauthenticated' ) )['save_anyway'] );
	}

	/**
	 * The string ids of one `export const NAME = [ … ] as const;` list of src/verdict-ids.ts
	 * (generated from the catalogue by `npm run verdict-ids`; src/types.ts re-exports it).
	 *
	 * @param string $name The constant.
	 * @return string[]
	 */
	private static function typescript_ids( string $name ): array {
		$source = (string) file_get_contents( dirname( __DIR__, 3 ) . '/src/verdict-ids.ts' ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a local source file.
		if ( 1 !== preg_match( '/export const ' . $name . ' = \[(.*?)\] as const;/s', $source, $match ) ) {
			return array();
		}
		preg_match_all( "/'([a-z_]+)'/", $match[1], $ids );
		return $ids[1];
	}

	public function test_the_screens_id_union_is_the_catalogues(): void {
		$this->assertSame( Verdicts::ids(), self::typescript_ids( 'VERDICT_IDS' ), 'src/verdict-ids.ts VERDICT_IDS: the answers about a token, in the catalogue’s order (npm run verdict-ids).' );
		$this->assertSame( Verdicts::ids_where( 'kind', 'site' ), self::typescript_ids( 'HEADLINE_IDS' ), 'src/verdict-ids.ts HEADLINE_IDS: the states of the site (npm run verdict-ids).' );
	}
}
