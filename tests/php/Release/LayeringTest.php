<?php
/**
 * Dependencies run one way: the `use` imports of every includes/ file follow the layers of
 * docs/architecture.md.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Release;

use FixMailerSend\Tests\TestCase;

final class LayeringTest extends TestCase {

	/**
	 * The layers, from the top: a file may import its own layer and the layers below it.
	 * `Plugin.php` wires everything (the composition root) and stands above them all.
	 */
	const LAYERS = array(
		// What people use: REST, WP-CLI, wp-admin's screen, notice and Site Health test.
		'interface' => array( 'Rest', 'Cli', 'Admin' ),
		// The flows the interfaces share.
		'service'   => array( 'Service' ),
		// What the plugin knows: verdicts and the check (Diagnosis), what is wrong now and the
		// daily check (Watch), the outage's recovery (Recovery).
		'domain'    => array( 'Diagnosis', 'Watch', 'Recovery' ),
		// What it talks to and keeps: MailerSend, WP Mail SMTP, its options, small tools.
		'bottom'    => array( 'MailerSend', 'WpMailSmtp', 'Storage', 'Support' ),
	);

	/**
	 * Files whose layer is not their folder's, and why.
	 */
	const FILES = array(
		// wp-admin views of the watch: they print what Watch_Status decided, next to the screen.
		'Watch/Admin_Notice.php'    => 'interface',
		'Watch/Site_Health.php'     => 'interface',
		// They store verdicts (Diagnosis\Verdict), as Watch/Watch_Log does.
		'Storage/Check_Log.php'     => 'domain',
		'Storage/Recent_Checks.php' => 'domain',
	);

	/**
	 * The layer of a file (path below includes/), or null for the composition root.
	 *
	 * @param string $file Path below includes/.
	 * @return string|null
	 */
	private static function layer_of_file( string $file ): ?string {
		if ( isset( self::FILES[ $file ] ) ) {
			return self::FILES[ $file ];
		}
		$folder = false !== strpos( $file, '/' ) ? strstr( $file, '/', true ) : '';
		return self::layer_of_folder( (string) $folder, $file );
	}

	/**
	 * The layer of a folder of includes/ (fails for a folder no layer names).
	 *
	 * @param string $folder Folder.
	 * @param string $what   What asks (for the message).
	 * @return string|null Null for the root files (Plugin.php, autoload.php).
	 */
	private static function layer_of_folder( string $folder, string $what ): ?string {
		if ( '' === $folder ) {
			return null;
		}
		foreach ( self::LAYERS as $layer => $folders ) {
			if ( in_array( $folder, $folders, true ) ) {
				return $layer;
			}
		}
		self::fail( "includes/$folder (from $what) is in no layer: add it to LayeringTest::LAYERS and docs/architecture.md." );
	}

	/**
	 * Every includes/ file's imports of the plugin's own classes.
	 *
	 * @return array<string, string[]> Path below includes/ → imported class paths (Folder/Class.php).
	 */
	private static function imports(): array {
		$root    = dirname( __DIR__, 3 ) . '/includes/';
		$imports = array();
		$files   = new \RecursiveIteratorIterator( new \RecursiveDirectoryIterator( $root, \FilesystemIterator::SKIP_DOTS ) );
		foreach ( $files as $file ) {
			if ( 'php' !== $file->getExtension() ) {
				continue;
			}
			$path   = substr( (string) $file->getPathname(), strlen( $root ) );
			$source = (string) file_get_contents( (string) $file->getPathname() ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a local source file.
			preg_match_all( '/^use\s+FixMailerSend\\\\([A-Za-z_\\\\]+)\s*;/m', $source, $found );
			$imports[ $path ] = array_map(
				static function ( string $name ): string {
					return str_replace( '\\', '/', $name ) . '.php';
				},
				$found[1]
			);
		}
		ksort( $imports );
		return $imports;
	}

	public function test_no_import_runs_against_the_layers(): void {
		$order   = array_keys( self::LAYERS );
		$against = array();
		$imports = self::imports();
		$this->assertArrayHasKey( 'WpMailSmtp/Adapter.php', $imports, 'The scan reads includes/.' );

		foreach ( $imports as $file => $classes ) {
			$layer = self::layer_of_file( $file );
			if ( null === $layer ) {
				continue;
			}
			foreach ( $classes as $class ) {
				$target = self::layer_of_file( $class );
				if ( null !== $target && array_search( $target, $order, true ) < array_search( $layer, $order, true ) ) {
					$against[] = "$file ($layer) imports $class ($target)";
				}
			}
		}
		$this->assertSame( array(), $against, 'Imports against the layering (' . implode( ' → ', $order ) . ').' );
	}

	public function test_the_adapter_does_not_import_the_diagnosis(): void {
		$this->assertSame( array(), preg_grep( '#^Diagnosis/#', self::imports()['WpMailSmtp/Adapter.php'] ) );
	}

	public function test_every_folder_has_a_layer(): void {
		$folders = array();
		foreach ( array_keys( self::imports() ) as $file ) {
			if ( false !== strpos( $file, '/' ) ) {
				$folders[ (string) strstr( $file, '/', true ) ] = true;
			}
		}
		foreach ( array_keys( $folders ) as $folder ) {
			$this->assertNotNull( self::layer_of_folder( $folder, 'the scan' ), $folder );
		}
	}
}
