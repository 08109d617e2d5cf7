<?php
/**
 * Mask.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Domain;

use FixMailerSend\Support\Mask;
use PHPUnit\Framework\Attributes\DataProvider;

/**
 * Masked tokens show first 7 + "…" + last 4, and never more than half of a short secret.
 */
final class Mask_Test extends Domain_Test_Case {

	/**
	 * The masks of tests/fixtures/token-inspection.json, the table src/test/token.test.ts runs too.
	 *
	 * @return array<string, array{string, string}>
	 */
	public static function shared_masks(): array {
		$table = json_decode( (string) file_get_contents( __DIR__ . '/../../fixtures/token-inspection.json' ), true ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a local test file.
		$cases = array();
		foreach ( $table['masks'] as $row ) {
			$cases[ '"' . $row['token'] . '"' ] = array( $row['token'], $row['masked'] );
		}
		return $cases;
	}

	#[DataProvider( 'shared_masks' )]
	public function test_the_masks_both_sides_give( string $token, string $masked ): void {
		$this->assertSame( $masked, Mask::token( $token ) );
	}

	/**
	 * @return array<string, array{string}>
	 */
	public static function short_secrets(): array {
		$cases = array();
		foreach ( array( 1, 2, 5, 7, 8, 9, 12, 15, 16, 20, 21, 22 ) as $length ) {
			$cases[ "$length chars" ] = array( substr( 'mssp.ABCDEFGHIJKLMNOPQRSTUVWXYZ', 0, $length ) );
		}
		return $cases;
	}

	#[DataProvider( 'short_secrets' )]
	public function test_never_reveals_more_than_half( string $secret ): void {
		$masked  = Mask::token( $secret );
		$visible = mb_strlen( str_replace( array( '…', '•' ), '', $masked ) );
		$this->assertLessThanOrEqual( intdiv( strlen( $secret ), 2 ), $visible, $masked );
		$this->assertNotSame( $secret, $masked );
		if ( strlen( $secret ) < 8 ) {
			$this->assertSame( '••••', $masked, 'Under 8 characters the secret is hidden wholly.' );
		}
	}

	public function test_multibyte_input_is_cut_on_characters(): void {
		$this->assertTrue( mb_check_encoding( Mask::token( 'mlsn.ééééééééééééééééééééééééé' ), 'UTF-8' ) );
	}

	public function test_scrub_masks_every_occurrence(): void {
		$token = 'mlsn.abcdefghijklmnopqrstuvwxyz0123';
		$this->assertSame( 'a mlsn.ab…0123 b mlsn.ab…0123', Mask::scrub( "a $token b $token", array( $token ) ) );
		$this->assertSame( 'nothing', Mask::scrub( 'nothing', array( $token, '' ) ) );
	}

	public function test_scrub_tokens_masks_anything_token_shaped(): void {
		$api  = 'mlsn.abcdefghijklmnopqrstuvwxyz0123';
		$smtp = 'mssp.AbC123.xyz987QWE';
		$jwt  = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiIxIiwianRpIjoiZmFrZSJ9.c2lnbmF0dXJlZmFrZQ';

		// Literal expectations: an expectation built with Mask::token() would pass with the mask gone.
		$this->assertSame(
			'Bearer mlsn.ab…0123, password mssp.Ab…QWE, old eyJ0eXA…FrZQ (twice: mlsn.ab…0123)',
			Mask::scrub_tokens( "Bearer $api, password $smtp, old $jwt (twice: $api)" )
		);
		// Already masked, too short to be a token, or no token at all: unchanged.
		foreach ( array( 'mlsn.ab…0123', 'mlsn.short', 'The to field is required. #MS42209', 'See mlsn.example.com', 'eyJhbGciOiJIUzI1NiJ9' ) as $text ) {
			$this->assertSame( $text, Mask::scrub_tokens( $text ) );
		}
	}

	public function test_known_secrets_are_masked_by_value_whatever_their_shape(): void {
		$legacy = 'eyJhbGciOiJub25lIn0.eyJhIjoxfQ.c2lnbg';
		$other  = 'not-a-token-shape-at-all-42';
		$text   = "Authorization: Bearer $legacy; X-Key: $other; short: abc";
		// No shape gives them away.
		$this->assertSame( $text, Mask::scrub_tokens( $text ) );

		Mask::remember( $legacy, 'abc' );
		Mask::watch(
			'test',
			static function () use ( $other ): array {
				return array( $other );
			}
		);
		try {
			$this->assertSame( 'Authorization: Bearer eyJhbGc…lnbg; X-Key: not-a-t…l-42; short: abc', Mask::scrub_tokens( $text ) );
		} finally {
			Mask::watch( 'test', null );
			Mask::forget();
		}
		$this->assertSame( $text, Mask::scrub_tokens( $text ) );
	}
}
