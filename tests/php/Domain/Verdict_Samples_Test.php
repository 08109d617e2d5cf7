<?php
/**
 * The screen's sample of every verdict (tests/fixtures/verdicts.json, src/test/fixtures.ts)
 * is what the catalogue builds from each sample's evidence: the texts and policy are the
 * server's, never copied by hand. `FMS_UPDATE_FIXTURES=1` rewrites it from the catalogue
 * (a new id gets a sample with empty evidence; a removed one goes).
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Domain;

use FixMailerSend\Diagnosis\Verdicts;
use FixMailerSend\Service\Token_Service;

final class Verdict_Samples_Test extends Domain_Test_Case {

	/**
	 * The file.
	 *
	 * @return string
	 */
	private static function path(): string {
		return dirname( __DIR__, 3 ) . '/tests/fixtures/verdicts.json';
	}

	/**
	 * What the catalogue builds for every id from the samples' evidence, as JSON data.
	 *
	 * @param array<string, mixed> $samples The samples as stored.
	 * @return array<string, mixed>
	 */
	private static function built( array $samples ): array {
		$built = array();
		foreach ( Verdicts::all_ids() as $id ) {
			$evidence     = isset( $samples[ $id ]['evidence'] ) && is_array( $samples[ $id ]['evidence'] ) ? $samples[ $id ]['evidence'] : array();
			$built[ $id ] = json_decode( (string) wp_json_encode( Token_Service::verdict_data( Verdicts::make( $id, $evidence ) ) ), true );
		}
		return $built;
	}

	public function test_every_sample_is_what_the_catalogue_builds(): void {
		$samples = json_decode( (string) file_get_contents( self::path() ), true ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a local test file.
		$this->assertIsArray( $samples );
		$built = self::built( $samples );

		if ( '1' === getenv( 'FMS_UPDATE_FIXTURES' ) ) {
			$objects = array_map(
				static function ( array $verdict ): array {
					// Evidence is an object in JSON, `{}` when empty.
					$verdict['evidence'] = (object) $verdict['evidence'];
					return $verdict;
				},
				$built
			);
			$json    = (string) wp_json_encode( $objects, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE );
			// The JSON style of the repository: tabs.
			$json = (string) preg_replace_callback(
				'/^( {4})+/m',
				static function ( array $match ): string {
					return str_repeat( "\t", (int) ( strlen( $match[0] ) / 4 ) );
				},
				$json
			);
			file_put_contents( self::path(), $json . "\n" ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_file_put_contents -- a local test file.
			$samples = $built;
		}

		$this->assertSame( array_keys( $built ), array_keys( $samples ), 'One sample per id, in the catalogue’s order (FMS_UPDATE_FIXTURES=1 rewrites tests/fixtures/verdicts.json).' );
		foreach ( $built as $id => $verdict ) {
			$this->assertSame( $verdict, $samples[ $id ], "The sample of $id is not what the catalogue builds from its evidence (FMS_UPDATE_FIXTURES=1 rewrites it)." );
		}
	}
}
