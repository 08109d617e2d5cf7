<?php
/**
 * What wordpress.org's Plugin Check reads in readme.txt, the plugin header and the shipped PHP
 * files, checked against the WordPress these tests run on.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Release;

use FixMailerSend\Tests\TestCase;

final class ReadmeTest extends TestCase {

	/**
	 * The plugin's folder, with a trailing slash.
	 */
	private static function dir(): string {
		return dirname( __DIR__, 3 ) . '/';
	}

	/**
	 * The readme.txt headers (name => value) and its text.
	 *
	 * @return array{0: array<string, string>, 1: string}
	 */
	private static function readme(): array {
		$text    = (string) file_get_contents( self::dir() . 'readme.txt' ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents
		$head    = explode( "\n\n", $text, 2 )[0];
		$headers = array();
		foreach ( explode( "\n", $head ) as $line ) {
			if ( preg_match( '/^([A-Za-z ]+):\s*(.+)$/', $line, $match ) ) {
				$headers[ $match[1] ] = trim( $match[2] );
			}
		}
		return array( $headers, $text );
	}

	/**
	 * The plugin header, as WordPress reads it.
	 *
	 * @return array<string, string>
	 */
	private static function plugin_header(): array {
		require_once ABSPATH . 'wp-admin/includes/plugin.php';
		return get_plugin_data( self::dir() . 'plugin.php', false, false );
	}

	/**
	 * The PHP files the zip ships (package.json `files`): plugin.php, uninstall.php, includes/.
	 *
	 * @return list<string> Paths relative to the plugin folder.
	 */
	private static function shipped_php_files(): array {
		$files    = array( 'plugin.php', 'uninstall.php' );
		$iterator = new \RecursiveIteratorIterator( new \RecursiveDirectoryIterator( self::dir() . 'includes', \FilesystemIterator::SKIP_DOTS ) );
		foreach ( $iterator as $file ) {
			if ( $file instanceof \SplFileInfo && 'php' === $file->getExtension() ) {
				$files[] = substr( $file->getPathname(), strlen( self::dir() ) );
			}
		}
		sort( $files );
		return $files;
	}

	public function test_tested_up_to_is_the_wordpress_these_tests_run_on(): void {
		global $wp_version;
		list( $headers ) = self::readme();
		$this->assertMatchesRegularExpression( '/^\d+\.\d+/', (string) $wp_version );
		preg_match( '/^\d+\.\d+/', (string) $wp_version, $major_minor );
		// Plugin Check wants a released major.minor; these tests ran on this one.
		$this->assertSame( $major_minor[0], $headers['Tested up to'] ?? null, 'readme.txt "Tested up to" must name the WordPress the tests run on (bin/lib.sh: .cache/wordpress/current).' );
	}

	public function test_the_readme_agrees_with_the_plugin_header(): void {
		list( $headers, $text ) = self::readme();
		$plugin                 = self::plugin_header();

		$this->assertStringStartsWith( '=== ' . $plugin['Name'] . " ===\n", $text );
		$this->assertSame( $plugin['Version'], $headers['Stable tag'] ?? null );
		$this->assertSame( FIX_MAILERSEND_VERSION, $plugin['Version'] );
		$this->assertSame( $plugin['RequiresWP'], $headers['Requires at least'] ?? null );
		$this->assertSame( $plugin['RequiresPHP'], $headers['Requires PHP'] ?? null );
		$this->assertSame( 'fix-mailersend', $plugin['TextDomain'] );
		$this->assertSame( '/languages', $plugin['DomainPath'] );
		$this->assertFileExists( self::dir() . 'languages/fix-mailersend.pot', 'Domain Path names a folder that ships' );
	}

	public function test_the_readme_has_the_sections_wordpress_org_shows(): void {
		list( $headers, $text ) = self::readme();
		foreach ( array( 'Description', 'Installation', 'Frequently Asked Questions', 'Screenshots', 'Privacy and external services', 'Changelog' ) as $section ) {
			$this->assertStringContainsString( "\n== $section ==\n", $text );
		}
		$this->assertLessThanOrEqual( 5, count( explode( ',', $headers['Tags'] ?? '' ) ), 'wordpress.org shows 5 tags at most' );

		// The short description: the first paragraph after the headers, 150 characters at most.
		$short = explode( "\n\n", $text, 3 )[1] ?? '';
		$this->assertNotSame( '', trim( $short ) );
		$this->assertLessThanOrEqual( 150, mb_strlen( trim( $short ) ) );
	}

	public function test_no_section_is_cut_short_on_wordpress_org(): void {
		list( , $text ) = self::readme();
		// wordpress.org's readme parser: sections it does not know join the Description; each
		// section is cut after 2500 words (FAQ and Changelog: 5000).
		$known    = array( 'description', 'installation', 'frequently_asked_questions', 'screenshots', 'changelog', 'upgrade_notice' );
		$sections = array();
		$current  = null;
		foreach ( explode( "\n", $text ) as $line ) {
			if ( preg_match( '/^== (.+) ==$/', $line, $match ) ) {
				$name    = strtolower( str_replace( ' ', '_', $match[1] ) );
				$current = in_array( $name, $known, true ) ? $name : 'description';
				continue;
			}
			if ( null !== $current ) {
				$sections[ $current ] = ( $sections[ $current ] ?? '' ) . $line . "\n";
			}
		}
		$this->assertArrayHasKey( 'description', $sections );
		foreach ( $sections as $name => $content ) {
			$limit = in_array( $name, array( 'frequently_asked_questions', 'changelog' ), true ) ? 5000 : 2500;
			$words = count( (array) preg_split( '/\s+/u', trim( $content ) ) );
			$this->assertLessThanOrEqual( $limit, $words, "== $name == has $words words" );
		}
	}

	public function test_every_release_in_changelog_md_is_in_the_readme_changelog(): void {
		list( , $text ) = self::readme();
		$changelog      = (string) file_get_contents( self::dir() . 'CHANGELOG.md' ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents
		preg_match_all( '/^## (\d+\.\d+\.\d+)/m', $changelog, $versions );
		$this->assertNotEmpty( $versions[1] );
		$readme_changelog = explode( "\n== Changelog ==\n", $text, 2 )[1] ?? '';
		foreach ( $versions[1] as $version ) {
			$this->assertStringContainsString( "\n= $version =\n", "\n" . $readme_changelog );
		}
		$this->assertContains( FIX_MAILERSEND_VERSION, $versions[1] );
	}

	public function test_every_shipped_php_file_refuses_direct_access(): void {
		$files = self::shipped_php_files();
		$this->assertContains( 'includes/Plugin.php', $files );
		foreach ( $files as $file ) {
			$lines = array_slice( (array) file( self::dir() . $file ), 0, 50 );
			$head  = implode( '', $lines );
			// What Plugin Check's direct_file_access looks for in a file's first 50 lines.
			$guard = 'uninstall.php' === $file
				? "/if \\( ! defined\\( 'WP_UNINSTALL_PLUGIN' \\) \\) \\{\\s*exit;/"
				: "/(?:defined\\( 'ABSPATH' \\) \\|\\| exit;|if \\( ! defined\\( 'ABSPATH' \\) \\) \\{\\s*exit;)/";
			$this->assertMatchesRegularExpression( $guard, $head, "$file has no direct-access guard in its first 50 lines" );
		}
	}

	public function test_phpcs_ignores_in_shipped_files_hold_under_wpcs_2_and_3(): void {
		// WPCS 3 (Plugin Check) renamed AlternativeFunctions' file_system_read group to
		// file_system_operations: an ignore naming either code holds under one version only.
		foreach ( self::shipped_php_files() as $file ) {
			$code = (string) file_get_contents( self::dir() . $file ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents
			$this->assertDoesNotMatchRegularExpression( '/AlternativeFunctions\.file_system_(?:read|operations)_/', $code, $file );
		}
	}
}
