<?php
/**
 * Token_Inspector.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Domain;

use FixMailerSend\Diagnosis\Token_Inspector;
use PHPUnit\Framework\Attributes\DataProvider;

/**
 * Normalisation of pasted tokens and the local verdicts.
 */
final class Token_Inspector_Test extends Domain_Test_Case {

	const TOKEN = 'mlsn.0123456789abcdefghijABCDEFGHIJ0123456789abcdef';

	/**
	 * @return array<string, array{string}>
	 */
	public static function harmless_wrappings(): array {
		$t = self::TOKEN;
		return array(
			'as is'                     => array( $t ),
			'spaces around'             => array( "   $t   " ),
			'newlines and tabs around'  => array( "\n\t$t\r\n" ),
			'newline inside'            => array( substr( $t, 0, 20 ) . "\n" . substr( $t, 20 ) ),
			'spaces inside'             => array( substr( $t, 0, 10 ) . '  ' . substr( $t, 10 ) ),
			'no-break space'            => array( "\u{00A0}$t\u{00A0}" ),
			'zero-width space inside'   => array( substr( $t, 0, 9 ) . "\u{200B}" . substr( $t, 9 ) ),
			'byte-order mark'           => array( "\u{FEFF}$t" ),
			'ideographic space'         => array( "\u{3000}$t" ),
			'double quotes'             => array( "\"$t\"" ),
			'single quotes'             => array( "'$t'" ),
			'backticks'                 => array( "`$t`" ),
			'typographic quotes'        => array( "\u{201C}$t\u{201D}" ),
			'Bearer'                    => array( "Bearer $t" ),
			'bearer lower case'         => array( "bearer   $t" ),
			'Authorization: Bearer'     => array( "Authorization: Bearer $t" ),
			'quoted Bearer'             => array( "\"Bearer $t\"" ),
			'Bearer then quoted'        => array( "Bearer \"$t\"" ),
			'Authorization header line' => array( "  authorization:Bearer $t\n" ),
			'define() line'             => array( "define( 'WPMS_MAILERSEND_API_KEY', '$t' );" ),
		);
	}

	#[DataProvider( 'harmless_wrappings' )]
	public function test_harmless_wrappings_are_removed( string $raw ): void {
		$normalised = Token_Inspector::normalise( $raw );
		$this->assertSame( self::TOKEN, $normalised );
		$this->assertNull( Token_Inspector::inspect( $normalised, $raw ) );
	}

	public function test_a_trailing_ellipsis_is_kept_and_flagged(): void {
		foreach ( array( 'mlsn.0123456789abcdefghijABCDEFGHIJ…', 'mlsn.0123456789abcdefghijABCDEFGHIJ...', 'mlsn.01…wxyz' ) as $raw ) {
			$normalised = Token_Inspector::normalise( $raw );
			$this->assertSame( $raw, $normalised );
			$verdict = Token_Inspector::inspect( $normalised, $raw );
			$this->assertNotNull( $verdict );
			$this->assertSame( 'truncated', $verdict->id() );
			$this->assertSame( 'ellipsis', $verdict->evidence()['reason'] );
		}
	}

	/**
	 * @return array<string, array{string, string|null}>
	 */
	public static function local_verdicts(): array {
		return array(
			'empty'                  => array( '', 'missing' ),
			'only whitespace'        => array( " \n\t\u{00A0}", 'missing' ),
			'only quotes'            => array( '""', 'missing' ),
			'only Bearer'            => array( 'Bearer ', 'missing' ),
			'SMTP password'          => array( 'mssp.AbC123.someSmtpPasswordValue', 'smtp_password_pasted' ),
			'SMTP password quoted'   => array( "'mssp.x1y2z3'", 'smtp_password_pasted' ),
			'short body'             => array( 'mlsn.abc123', 'truncated' ),
			'29 characters'          => array( 'mlsn.' . str_repeat( 'a', 29 ), 'truncated' ),
			'prefix only'            => array( 'mlsn.', 'truncated' ),
			'30 characters'          => array( 'mlsn.' . str_repeat( 'a', 30 ), null ),
			'other prefix'           => array( 'sk_live_0123456789abcdefghij0123456789', 'malformed' ),
			'upper-case prefix'      => array( 'MLSN.0123456789abcdefghijABCDEFGHIJ', 'malformed' ),
			'dash inside'            => array( 'mlsn.0123456789abcdef-ghijABCDEFGHIJ0123', 'malformed' ),
			'non-ASCII letter'       => array( 'mlsn.0123456789abcdéfghijABCDEFGHIJ0123', 'malformed' ),
			'cyrillic look-alike'    => array( "mlsn.0123456789abcdefghij\u{0410}BCDEFGHIJ0123", 'malformed' ),
			'two tokens pasted'      => array( self::TOKEN . ' ' . self::TOKEN, 'malformed' ),
			'control character'      => array( "mlsn.0123456789abcdefghij\x00ABCDEFGHIJ0123", 'malformed' ),
			'invalid UTF-8'          => array( "mlsn.0123456789abcdefghij\xC3\x28ABCDEFGHIJ0123", 'malformed' ),
			'JWT-style legacy token' => array( 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiIxIn0.c2lnbmF0dXJl', 'legacy_token' ),
			'URL pasted'             => array( 'https://example.test/where-my-token-was', 'malformed' ),
		);
	}

	#[DataProvider( 'local_verdicts' )]
	public function test_local_verdicts( string $raw, ?string $expected ): void {
		$normalised = Token_Inspector::normalise( $raw );
		$verdict    = Token_Inspector::inspect( $normalised, $raw );
		if ( null === $expected ) {
			$this->assertNull( $verdict );
			$this->assertTrue( Token_Inspector::looks_valid( $normalised ) );
			return;
		}
		$this->assertNotNull( $verdict );
		$this->assertSame( $expected, $verdict->id() );
		$this->assertNotSame( '', $verdict->title() );
		$this->assertNotEmpty( $verdict->steps() );
		$this->assertFalse( $verdict->token_accepted(), 'A local verdict never claims MailerSend accepted the token.' );
		if ( '' !== $normalised && strlen( $normalised ) >= 8 ) {
			$this->assert_no_leak( $normalised, $verdict->to_array() );
		}
	}

	public function test_severities_of_local_verdicts(): void {
		$missing = Token_Inspector::inspect( '' );
		$this->assertNotNull( $missing );
		$this->assertSame( 'error', $missing->severity() );
		$legacy = Token_Inspector::inspect( 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc' );
		$this->assertNotNull( $legacy );
		$this->assertSame( 'warning', $legacy->severity() );
	}

	public function test_ten_kilobytes_of_paste_are_handled_quickly(): void {
		$raw = str_repeat( "mlsn.abc \u{00A0}\n\t\"", 1500 );
		$this->assertGreaterThan( 10000, strlen( $raw ) );
		$start      = microtime( true );
		$normalised = Token_Inspector::normalise( $raw );
		$verdict    = Token_Inspector::inspect( $normalised, $raw );
		$this->assertLessThan( 0.5, microtime( true ) - $start );
		$this->assertNotNull( $verdict );
		$this->assertSame( 'malformed', $verdict->id() );
		$this->assertSame( 'too_long', $verdict->evidence()['reason'] );

		$long    = 'mlsn.' . str_repeat( 'A', 10240 );
		$verdict = Token_Inspector::inspect( Token_Inspector::normalise( $long ), $long );
		$this->assertNotNull( $verdict );
		$this->assertSame( 'malformed', $verdict->id() );
		$this->assertSame( 'mlsn.AA…AAAA', $verdict->evidence()['token'] );
	}
}
