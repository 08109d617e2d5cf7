<?php
/**
 * Writes src/verdict-ids.ts, the screen's verdict-id union, from the catalogue
 * (includes/Diagnosis/Verdicts.php): `npm run verdict-ids`. With --check, writes nothing and
 * exits 1 when the file is not what the catalogue gives (tests/php/Domain/Verdict_Policy_Test.php
 * checks the same).
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

// phpcs:disable WordPress.WP.AlternativeFunctions -- a build script, outside WordPress.

define( 'ABSPATH', __DIR__ . '/' ); // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.NonPrefixedConstantFound -- the classes' direct-access guard, outside WordPress.
require_once dirname( __DIR__ ) . '/includes/Diagnosis/Verdicts.php';

/**
 * The TypeScript source of the union.
 *
 * @return string
 */
function fms_verdict_ids_source(): string {
	$list = static function ( string $name, string $doc, array $ids ): string {
		$lines = array_map(
			static function ( string $id ): string {
				return "\t'" . $id . "',";
			},
			$ids
		);
		return "/** $doc */\nexport const $name = [\n" . implode( "\n", $lines ) . "\n] as const;\n";
	};
	return "/**\n"
		. " * Generated from includes/Diagnosis/Verdicts.php by `npm run verdict-ids` (bin/verdict-ids.php):\n"
		. " * do not edit. tests/php/Domain/Verdict_Policy_Test.php fails when it differs from the catalogue.\n"
		. " */\n\n"
		. $list( 'VERDICT_IDS', 'Every answer about a token (records of kind `token`), in the catalogue’s order.', \FixMailerSend\Diagnosis\Verdicts::ids() )
		. "\n"
		. $list( 'HEADLINE_IDS', 'The states of the site only the Diagnose headline uses (records of kind `site`).', \FixMailerSend\Diagnosis\Verdicts::ids_where( 'kind', 'site' ) );
}

$fms_target = dirname( __DIR__ ) . '/src/verdict-ids.ts';
$fms_source = fms_verdict_ids_source();
if ( in_array( '--check', $argv, true ) ) {
	$fms_same = is_file( $fms_target ) && file_get_contents( $fms_target ) === $fms_source;
	fwrite( STDERR, $fms_same ? "src/verdict-ids.ts is the catalogue's.\n" : "src/verdict-ids.ts differs from the catalogue: run npm run verdict-ids.\n" );
	exit( $fms_same ? 0 : 1 );
}
file_put_contents( $fms_target, $fms_source );
fwrite( STDOUT, "wrote src/verdict-ids.ts\n" );
