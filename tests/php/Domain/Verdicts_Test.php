<?php
/**
 * Verdict and Verdicts.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Domain;

use FixMailerSend\Cli\Command;
use FixMailerSend\Diagnosis\Verdict;
use FixMailerSend\Diagnosis\Verdicts;
use FixMailerSend\Support\Mask;
use PHPUnit\Framework\Attributes\DataProvider;

/**
 * The catalogue has plain text and next steps for every id of docs/architecture.md.
 */
final class Verdicts_Test extends Domain_Test_Case {

	/**
	 * The ids docs/architecture.md lists under "Verdict object": `- Ids:` (answers about a
	 * token) or `- Headline-only ids` (states of the site), in its order.
	 *
	 * @param string $bullet The bullet's first words.
	 * @return string[]
	 */
	private static function documented_ids( string $bullet ): array {
		$doc = (string) file_get_contents( dirname( __DIR__, 3 ) . '/docs/architecture.md' ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a local file.
		if ( 1 !== preg_match( '/^- ' . preg_quote( $bullet, '/' ) . '(.*?)(?=^\S|^- )/ms', $doc, $match ) ) {
			return array();
		}
		// The ids are the backticked words outside the parentheses that describe them.
		$text = (string) preg_replace( '/\([^()]*\)/s', '', $match[1] );
		preg_match_all( '/`([a-z_]+)`/', $text, $ids );
		return $ids[1];
	}

	public function test_the_catalogue_is_exactly_the_documented_ids(): void {
		$this->assertSame( self::documented_ids( 'Ids:' ), Verdicts::ids(), 'docs/architecture.md "- Ids:"' );
		$this->assertSame( self::documented_ids( 'Headline-only ids' ), Verdicts::ids_where( 'kind', 'site' ), 'docs/architecture.md "- Headline-only ids"' );
	}

	/**
	 * @return array<string, array{string}>
	 */
	public static function ids(): array {
		$ids = array();
		foreach ( Verdicts::all_ids() as $id ) {
			$ids[ $id ] = array( $id );
		}
		return $ids;
	}

	#[DataProvider( 'ids' )]
	public function test_every_id_has_text_and_steps( string $id ): void {
		$verdict = Verdicts::make( $id );
		$data    = $verdict->to_array();

		$this->assertSame( array( 'id', 'severity', 'title', 'explanation', 'steps', 'evidence' ), array_keys( $data ) );
		$this->assertSame( $id, $data['id'] );
		$this->assertContains( $data['severity'], array( 'success', 'info', 'warning', 'error' ) );
		$this->assertNotSame( '', $data['title'] );
		$this->assertStringNotContainsString( "\n", $data['title'], 'A title is one line.' );
		$this->assertGreaterThan( 20, strlen( $data['explanation'] ) );
		$this->assertNotEmpty( $data['steps'] );
		foreach ( $data['steps'] as $step ) {
			$this->assertIsString( $step );
			$this->assertNotSame( '', $step );
		}
		$this->assertSame( 'valid' === $id, $verdict->is_valid() );
		$this->assertStringNotContainsString( '%', $data['title'] . $data['explanation'] . implode( ' ', $data['steps'] ), 'No placeholder is left unfilled.' );
	}

	/**
	 * The steps are a list of things to do, each a sentence of its own: none is an alternative
	 * to the one before ("Or …"), with the evidence that adds text to some of them.
	 */
	#[DataProvider( 'ids' )]
	public function test_no_step_is_an_or_of_the_step_before( string $id ): void {
		$evidence = array(
			'from_domain'      => 'example.com',
			'verified_domains' => 'another-company.test',
			'quota_limit'      => 100,
			'quota_remaining'  => 0,
			'can_send'         => true,
		);
		foreach ( array( Verdicts::make( $id ), Verdicts::make( $id, $evidence ) ) as $verdict ) {
			foreach ( $verdict->steps() as $step ) {
				$this->assertDoesNotMatchRegularExpression( '/^Or\b/', $step );
			}
		}
	}

	public function test_severities(): void {
		$this->assertSame( 'success', Verdicts::make( 'valid' )->severity() );
		$this->assertSame( 'error', Verdicts::make( 'unauthenticated' )->severity() );
		$this->assertSame( 'warning', Verdicts::make( 'legacy_token' )->severity() );
		$this->assertSame( 'warning', Verdicts::make( 'send_paused' )->severity() );
		$this->assertSame( 'warning', Verdicts::make( 'mailersend_unavailable' )->severity() );
	}

	public function test_account_blocked_names_each_block(): void {
		$titles = array();
		foreach ( array( 'MS40302', 'MS40303', 'MS40304', 'MS40305' ) as $code ) {
			$verdict = Verdicts::make( 'account_blocked', array( 'ms_code' => $code ) );
			$this->assertStringContainsString( '#' . $code, $verdict->explanation() );
			$titles[ $code ] = $verdict->title();
		}
		$this->assertCount( 4, array_unique( $titles ) );
		$this->assertStringContainsString( 'switched off', $titles['MS40302'] );
		$this->assertStringContainsString( 'not authorised', $titles['MS40303'] );
		$this->assertStringContainsString( 'suspended', $titles['MS40304'] );
		$this->assertStringContainsString( 'IP address', $titles['MS40305'] );
	}

	public function test_unauthenticated_says_mailersend_does_not_say_which_and_leads_to_a_new_token(): void {
		$verdict = Verdicts::make( 'unauthenticated' );
		$this->assertStringContainsString( 'deleted, regenerated, expired or mistyped', $verdict->explanation() );
		$this->assertStringContainsString( 'MailerSend does not say which', $verdict->explanation() );
		$this->assertStringContainsString( 'https://app.mailersend.com/api-tokens', $verdict->steps()[0] );
	}

	public function test_domain_unverified_names_the_domain_and_the_other_account_cause(): void {
		$verdict = Verdicts::make(
			'domain_unverified',
			array(
				'from_domain'      => 'example.com',
				'verified_domains' => 'another-company.test',
			)
		);
		$this->assertStringContainsString( 'example.com', $verdict->explanation() );
		$this->assertStringContainsString( 'often a token from another MailerSend account', $verdict->explanation() );
		$this->assertStringContainsString( 'another-company.test', $verdict->explanation() );
	}

	public function test_rate_limited_gives_the_wait_and_quota_exhausted_the_reset(): void {
		$this->assertStringContainsString( '42 seconds', Verdicts::make( 'rate_limited', array( 'retry_after' => 42 ) )->explanation() );
		$this->assertStringContainsString( 'a minute', Verdicts::make( 'rate_limited' )->steps()[0] );

		$reset   = '2030-01-02T00:00:00+00:00';
		$verdict = Verdicts::make( 'quota_exhausted', array( 'quota_reset' => $reset ) );
		$this->assertStringContainsString( wp_date( (string) get_option( 'date_format' ), (int) strtotime( $reset ) ), $verdict->explanation() );
		$this->assertStringContainsString( 'midnight UTC', Verdicts::make( 'quota_exhausted' )->explanation() );
	}

	public function test_token_shaped_evidence_is_masked_however_the_verdict_is_built(): void {
		$api  = 'mlsn.' . str_repeat( 'a1B2', 16 );
		$smtp = 'mssp.AbC123.xyz987QWE';
		$jwt  = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiIxIiwianRpIjoiZmFrZSJ9.c2lnbmF0dXJlZmFrZQ';
		$text = "Bearer $api / $smtp / $jwt";
		$seen = array(
			'message'  => $text,
			'errors'   => 'api_key: ' . $text,
			'raw_body' => '<p>' . $text . '</p>',
		);

		$built = array(
			'make'          => Verdicts::make( 'unknown', $seen ),
			'with_evidence' => Verdicts::make( 'valid' )->with_evidence( $seen ),
			'from_array'    => Verdict::from_array(
				array(
					'id'       => 'unknown',
					'severity' => 'warning',
					'evidence' => $seen,
				)
			),
			'constructor'   => new Verdict( 'unknown', 'warning', 'T', 'E', array(), $seen ),
		);
		foreach ( $built as $how => $verdict ) {
			$this->assertNotNull( $verdict, $how );
			$json = (string) wp_json_encode( $verdict->to_array(), JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE );
			foreach ( array( $api, $smtp, $jwt ) as $secret ) {
				$this->assertStringNotContainsString( $secret, $json, $how );
				$this->assertStringContainsString( Mask::token( $secret ), $json, $how );
			}
			$this->assertStringStartsWith( 'Bearer ', (string) $verdict->evidence_value( 'message' ), $how );
		}

		// Evidence that is not token-shaped is kept as it was.
		$plain = Verdicts::make(
			'domain_unverified',
			array(
				'token'            => Mask::token( $api ),
				'message'          => 'The from.email domain must be verified in your account to send emails. #MS42207',
				'verified_domains' => 'example.com, mlsn.example.org',
				'http_status'      => 422,
				'token_accepted'   => true,
			)
		);
		$this->assertSame( Mask::token( $api ), $plain->evidence_value( 'token' ) );
		$this->assertSame( 'The from.email domain must be verified in your account to send emails. #MS42207', $plain->evidence_value( 'message' ) );
		$this->assertSame( 'example.com, mlsn.example.org', $plain->evidence_value( 'verified_domains' ) );
		$this->assertSame( 422, $plain->evidence_value( 'http_status' ) );
		$this->assertTrue( $plain->token_accepted() );
	}

	public function test_an_id_outside_the_catalogue_becomes_unknown(): void {
		$verdict = Verdicts::make( 'no_such_id', array( 'http_status' => 418 ) );
		$this->assertSame( 'unknown', $verdict->id() );
		$this->assertSame( 'no_such_id', $verdict->evidence()['verdict_id'] );
		$this->assertSame( 418, $verdict->evidence()['http_status'] );
	}

	public function test_verdict_value_object(): void {
		$verdict = new Verdict(
			'valid',
			'nonsense',
			'T',
			'E',
			array( 'one', 2 ),
			array(
				'http_status' => 200,
				'nested'      => array( 'no' ),
				0             => 'no',
				'ok'          => null,
				'flag'        => true,
			)
		);
		$this->assertSame( 'info', $verdict->severity(), 'An unknown severity falls back to info.' );
		$this->assertSame( array( 'one', '2' ), $verdict->steps() );
		$this->assertSame(
			array(
				'http_status' => 200,
				'ok'          => null,
				'flag'        => true,
			),
			$verdict->evidence()
		);

		$more = $verdict->with_evidence(
			array(
				'http_status'    => 201,
				'token_accepted' => true,
			)
		);
		$this->assertNotSame( $verdict, $more );
		$this->assertSame( 200, $verdict->evidence()['http_status'], 'Immutable.' );
		$this->assertSame( 201, $more->evidence()['http_status'] );
		$this->assertTrue( $more->token_accepted() );
		$this->assertFalse( $verdict->token_accepted() );

		$copy = Verdict::from_array( $more->to_array() );
		$this->assertNotNull( $copy );
		$this->assertSame( $more->to_array(), $copy->to_array() );
		$this->assertNull( Verdict::from_array( 'nope' ) );
		$this->assertNull( Verdict::from_array( array( 'id' => 'valid' ) ) );

		$refreshed = Verdicts::refresh( $copy );
		$this->assertSame( Verdicts::make( 'valid' )->title(), $refreshed->title() );
	}

	public function test_to_array_is_json_ready(): void {
		$json = wp_json_encode( Verdicts::make( 'rate_limited', array( 'retry_after' => 5 ) )->to_array() );
		$this->assertIsString( $json );
		$decoded = json_decode( $json, true );
		$this->assertIsArray( $decoded );
		$this->assertSame( 5, $decoded['evidence']['retry_after'] );
	}

	/**
	 * What the catalogue says of a few verdicts, written out: the screen's policy (step, proves
	 * the token, save anyway), the CLI's exit code, Site Health's status, whether a recent deep
	 * check that gave it stands at save time.
	 *
	 * @return array<string, array{string, array<string, bool>, array{step: string|null, proves_token: bool, save_anyway: bool}, int, string, bool}>
	 */
	public static function policies(): array {
		$accepted = array( 'token_accepted' => true );
		return array(
			'valid'                         => array( 'valid', $accepted, self::policy( 'test', true, false ), 0, 'good', false ),
			'unauthenticated'               => array( 'unauthenticated', array( 'token_accepted' => false ), self::policy( 'new-token', false, false ), 4, 'critical', true ),
			'rate_limited, token not known' => array( 'rate_limited', array(), self::policy( null, false, true ), 6, 'recommended', false ),
			'rate_limited, token accepted'  => array( 'rate_limited', $accepted, self::policy( null, true, false ), 6, 'good', false ),
			'network_error'                 => array( 'network_error', array(), self::policy( null, false, true ), 7, 'recommended', false ),
			'trial_limit'                   => array( 'trial_limit', $accepted, self::policy( null, false, false ), 6, 'critical', true ),
			'account_blocked'               => array( 'account_blocked', array( 'ms_code' => 'MS40304' ), self::policy( null, false, false ), 5, 'critical', true ),
			'legacy_token, not checked'     => array( 'legacy_token', array(), self::policy( 'new-token', false, false ), 3, 'recommended', false ),
		);
	}

	/**
	 * @param string|null $step         Step.
	 * @param bool        $proves_token Proves the token.
	 * @param bool        $save_anyway  May be saved anyway.
	 * @return array{step: string|null, proves_token: bool, save_anyway: bool}
	 */
	private static function policy( ?string $step, bool $proves_token, bool $save_anyway ): array {
		return array(
			'step'         => $step,
			'proves_token' => $proves_token,
			'save_anyway'  => $save_anyway,
		);
	}

	/**
	 * @param array<string, bool>                                              $evidence Evidence.
	 * @param array{step: string|null, proves_token: bool, save_anyway: bool} $policy   The screen's policy.
	 */
	#[DataProvider( 'policies' )]
	public function test_a_verdicts_policy_is_what_the_catalogue_says( string $id, array $evidence, array $policy, int $exit, string $health, bool $persists ): void {
		$verdict = Verdicts::make( $id, $evidence );

		$this->assertSame( $policy, Verdicts::policy( $verdict ) );
		$this->assertSame( $exit, Command::exit_code( $id ) );
		$this->assertSame( $health, Verdicts::health( $verdict ) );
		$this->assertSame( $persists, Verdicts::persists( $verdict ) );
	}

	public function test_the_headlines_site_states_have_a_policy_too(): void {
		$this->assertSame( 'paste', Verdicts::record( 'not_checked' )['step'] );
		$this->assertSame( 10, Command::exit_code( 'not_checked' ) );
		$this->assertSame( 'paste', Verdicts::record( 'mailer_not_mailersend' )['step'] );
		$this->assertSame( 8, Command::exit_code( 'wp_mail_smtp_missing' ) );
		$this->assertSame( 1, Command::exit_code( 'no_such_verdict' ) );
		$this->assertNotContains( 'not_checked', Verdicts::ids(), 'A state of the site is not an answer about a token.' );
	}

	public function test_holds_is_the_contracts_list(): void {
		$holding = array( 'missing', 'smtp_password_pasted', 'malformed', 'truncated', 'legacy_token', 'unauthenticated', 'missing_permission', 'account_blocked', 'domain_unverified', 'trial_limit', 'sending_quota_reached', 'plan_feature_missing', 'rate_limited', 'quota_exhausted', 'send_paused', 'blocked_by_site', 'mailersend_unavailable', 'network_error' );
		foreach ( Verdicts::all_ids() as $id ) {
			$this->assertSame( in_array( $id, $holding, true ), Verdicts::holds( $id ), $id );
		}
		$this->assertFalse( Verdicts::holds( 'no_such_verdict' ) );
	}
}
