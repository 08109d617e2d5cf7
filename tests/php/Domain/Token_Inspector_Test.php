<?php
/**
 * Token_Inspector.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Domain;

use FixMailerSend\Diagnosis\Token_Inspector;
use FixMailerSend\Support\Token;
use FixMailerSend\Support\Mask;
use PHPUnit\Framework\Attributes\DataProvider;

/**
 * Normalisation of pasted tokens and the local verdicts.
 */
final class Token_Inspector_Test extends Domain_Test_Case {

	/**
	 * The rows of tests/fixtures/token-inspection.json, the table src/test/token.test.ts runs too.
	 *
	 * @return array<string, array{array{label: string, raw: string, normalised: string, verdict: string|null, reason: string|null, masked: string}}>
	 */
	public static function shared_table(): array {
		$table = json_decode( (string) file_get_contents( __DIR__ . '/../../fixtures/token-inspection.json' ), true ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a local test file.
		$cases = array();
		foreach ( $table['inspection'] as $row ) {
			$cases[ $row['label'] ] = array( $row );
		}
		return $cases;
	}

	/**
	 * @param array{label: string, raw: string, normalised: string, verdict: string|null, reason: string|null, masked: string} $row A row.
	 */
	#[DataProvider( 'shared_table' )]
	public function test_the_table_both_sides_run( array $row ): void {
		$normalised = Token::from( $row['raw'] )->value();
		$this->assertSame( $row['normalised'], $normalised );
		$verdict = Token_Inspector::inspect( Token::from( $row['raw'] ) );
		$this->assertSame( $row['verdict'], null === $verdict ? null : $verdict->id() );
		$this->assertSame( $row['reason'], null === $verdict ? null : ( $verdict->evidence()['reason'] ?? null ) );
		$this->assertSame( $row['masked'], Mask::token( $normalised ) );
		if ( null === $verdict ) {
			$this->assertTrue( Token_Inspector::looks_valid( $normalised ) );
			return;
		}
		$this->assertNotSame( '', $verdict->title() );
		$this->assertNotEmpty( $verdict->steps() );
		$this->assertFalse( $verdict->token_accepted(), 'A local verdict never claims MailerSend accepted the token.' );
		if ( strlen( $normalised ) >= 8 ) {
			$this->assert_no_leak( $normalised, $verdict->to_array() );
		}
	}

	public function test_invalid_utf8_is_malformed(): void {
		// PHP only: a JavaScript string cannot hold invalid UTF-8.
		$raw     = "mlsn.0123456789abcdefghij\xC3\x28ABCDEFGHIJ0123";
		$verdict = Token_Inspector::inspect( Token::from( $raw ) );
		$this->assertNotNull( $verdict );
		$this->assertSame( 'malformed', $verdict->id() );
	}

	public function test_severities_of_local_verdicts(): void {
		$missing = Token_Inspector::inspect( Token::none() );
		$this->assertNotNull( $missing );
		$this->assertSame( 'error', $missing->severity() );
		$legacy = Token_Inspector::inspect( Token::from( 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc' ) );
		$this->assertNotNull( $legacy );
		$this->assertSame( 'warning', $legacy->severity() );
	}

	public function test_ten_kilobytes_of_paste_are_handled_quickly(): void {
		$raw = str_repeat( "mlsn.abc \u{00A0}\n\t\"", 1500 );
		$this->assertGreaterThan( 10000, strlen( $raw ) );
		$start      = microtime( true );
		$normalised = Token::from( $raw )->value();
		$verdict    = Token_Inspector::inspect( Token::from( $raw ) );
		$this->assertLessThan( 0.5, microtime( true ) - $start );
		$this->assertNotNull( $verdict );
		$this->assertSame( 'malformed', $verdict->id() );
		$this->assertSame( 'too_long', $verdict->evidence()['reason'] );

		$long    = 'mlsn.' . str_repeat( 'A', 10240 );
		$verdict = Token_Inspector::inspect( Token::from( $long ) );
		$this->assertNotNull( $verdict );
		$this->assertSame( 'malformed', $verdict->id() );
		$this->assertSame( 'mlsn.AA…AAAA', $verdict->evidence()['token'] );
	}
}
