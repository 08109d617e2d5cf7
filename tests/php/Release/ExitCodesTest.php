<?php
/**
 * The exit codes people read (README.md "WP-CLI", `wp help fix-mailersend`: Command::longdesc(),
 * which Plugin gives WP_CLI::add_command()) list the verdicts of each code as the catalogue
 * (Diagnosis\Verdicts, column `exit`) gives them.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Release;

use FixMailerSend\Cli\Command;
use FixMailerSend\Diagnosis\Verdicts;
use FixMailerSend\Tests\TestCase;

final class ExitCodesTest extends TestCase {

	/**
	 * README.md's exit-code table: code → the verdict ids of its last column.
	 *
	 * @return array<int, string[]>
	 */
	private static function readme_table(): array {
		$readme = (string) file_get_contents( dirname( __DIR__, 3 ) . '/README.md' ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a local file.
		preg_match_all( '/^\| (\d+) \|[^|\n]*\|([^|\n]*)\|$/m', $readme, $rows, PREG_SET_ORDER );
		$table = array();
		foreach ( $rows as $row ) {
			preg_match_all( '/`([a-z_]+)`/', $row[2], $ids );
			$table[ (int) $row[1] ] = $ids[1];
		}
		return $table;
	}

	public function test_the_readme_table_lists_each_codes_verdicts(): void {
		$table = self::readme_table();
		$this->assertSame( array_keys( Command::EXIT_MEANINGS ), array_keys( $table ), 'README.md: one row per exit code.' );
		foreach ( $table as $code => $ids ) {
			$this->assertEqualsCanonicalizing( Verdicts::ids_where( 'exit', $code ), $ids, "README.md, exit code $code: the verdicts whose record has `exit` $code." );
		}
	}

	public function test_wp_help_lists_each_codes_verdicts(): void {
		$help = Command::longdesc();
		$this->assertSame( 1, preg_match( '/## EXIT CODES\n(.*?)\n## /s', $help, $section ) );
		// Each code's paragraph: from "    N   " to the next code.
		preg_match_all( '/^    (\d+) +(.*?)(?=^    \d+ |\z)/ms', $section[1], $paragraphs, PREG_SET_ORDER );
		$listed = array();
		foreach ( $paragraphs as $paragraph ) {
			// The ids close the paragraph: "…: id, id, id".
			$text                          = trim( (string) preg_replace( '/\s+/', ' ', $paragraph[2] ) );
			$listed[ (int) $paragraph[1] ] = 1 === preg_match( '/: ([a-z_]+(?:, [a-z_]+)*)$/', $text, $ids ) ? explode( ', ', $ids[1] ) : array();
		}
		$this->assertSame( array_keys( Command::EXIT_MEANINGS ), array_keys( $listed ) );
		foreach ( $listed as $code => $ids ) {
			$this->assertEqualsCanonicalizing( Verdicts::ids_where( 'exit', $code ), $ids, "wp help, exit code $code" );
		}
		$this->assertStringContainsString( '    6   domain, trial, quota, plan or rate: domain_unverified,', $help );
	}
}
