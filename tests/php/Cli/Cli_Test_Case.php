<?php
/**
 * Base class of the WP-CLI tests: the REAL WP-CLI (vendor/wp-cli/wp-cli) run as a child
 * process against the harness site and the MailerSend stand-in.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Cli;

use FixMailerSend\Tests\TestCase;

/**
 * The child process commits its own writes, outside any transaction of this process. So,
 * unlike TestCase, a test here holds no transaction while a child runs (a parent transaction
 * that wrote rows would lock the child out; one that only read would hide the child's writes):
 * setUp() ends TestCase's transaction at once, before anything is written, and snapshots the
 * rows a child may write (WP Mail SMTP's options and Debug Events, this plugin's options and transients);
 * tearDown() puts those rows back exactly as they were and deletes the ones the test created.
 * Whatever the test itself writes to set the scene is committed at once and undone the same way.
 */
abstract class Cli_Test_Case extends TestCase {

	/**
	 * This plugin's options and transients (LIKE patterns on option_name).
	 */
	const PLUGIN_OPTIONS = array(
		'fix\_mailersend\_%',
		'\_transient\_fix\_mailersend\_%',
		'\_transient\_timeout\_fix\_mailersend\_%',
	);

	/**
	 * The rows restored after each test: WP Mail SMTP's options and this plugin's.
	 */
	const OWNED_OPTIONS = array(
		'wp\_mail\_smtp%',
		'fix\_mailersend\_%',
		'\_transient\_fix\_mailersend\_%',
		'\_transient\_timeout\_fix\_mailersend\_%',
	);

	/**
	 * Longest a child may run, in seconds.
	 */
	const TIMEOUT = 90;

	/**
	 * The options rows as they were before the test.
	 *
	 * @var array<int, array<string, mixed>>
	 */
	private $snapshot = array();

	/**
	 * The newest row of WP Mail SMTP's Debug Events before the test (rows after it, written by
	 * the test or its children's failed sends, are deleted afterwards); null without the table.
	 *
	 * @var int|null
	 */
	private $debug_events_before;

	/**
	 * Whether this test wrote wp-config-local.php.
	 *
	 * @var bool
	 */
	private $wrote_local_config = false;

	protected function setUp(): void {
		parent::setUp();

		global $wpdb;
		// End TestCase's transaction before anything is written (setUp() wrote nothing):
		// from here on every statement of this process commits at once and holds no lock.
		$wpdb->query( 'ROLLBACK' ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery

		$this->assertFileDoesNotExist( self::local_config_path(), 'wp-config-local.php is left over from another test.' );

		$rows           = $wpdb->get_results( 'SELECT * FROM ' . $wpdb->options . ' WHERE ' . self::owned_where(), ARRAY_A ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.NotPrepared -- constant patterns, escaped in owned_where().
		$this->snapshot = is_array( $rows ) ? $rows : array();

		$events                    = new \FixMailerSend\WpMailSmtp\Debug_Events();
		$this->debug_events_before = $events->exists() ? (int) $events->max_id() : null;

		// Every test starts without this plugin's state (no last check, failure, audit trail,
		// expiry; the whole throttle budget); the snapshot brings it back afterwards.
		$wpdb->query( 'DELETE FROM ' . $wpdb->options . ' WHERE ' . self::owned_where( self::PLUGIN_OPTIONS ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.NotPrepared -- see above.
		wp_cache_flush();
	}

	protected function tearDown(): void {
		if ( $this->wrote_local_config ) {
			wp_delete_file( self::local_config_path() );
			$this->wrote_local_config = false;
		}

		global $wpdb;
		$wpdb->query( 'DELETE FROM ' . $wpdb->options . ' WHERE ' . self::owned_where() ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.NotPrepared -- see setUp().
		foreach ( $this->snapshot as $row ) {
			$wpdb->insert( $wpdb->options, $row ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
		}
		$this->snapshot = array();

		if ( null !== $this->debug_events_before ) {
			$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->prefix}wpmailsmtp_debug_events WHERE id > %d", $this->debug_events_before ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
			$this->debug_events_before = null;
		}

		// TestCase's ROLLBACK finds no transaction; it flushes the caches and checks debug.log.
		parent::tearDown();
	}

	// ---------------------------------------------------------------------------------------
	// Running WP-CLI.
	// ---------------------------------------------------------------------------------------

	/**
	 * Runs `wp --path=<site> fix-mailersend <args…>` in a child process.
	 *
	 * @param string[] $args  Arguments after `fix-mailersend`.
	 * @param string   $stdin What the child reads on STDIN (closed afterwards).
	 * @return array{exit: int, stdout: string, stderr: string}
	 */
	protected function wp( array $args, string $stdin = '' ): array {
		$command = array_merge(
			array(
				PHP_BINARY,
				dirname( __DIR__, 3 ) . '/vendor/wp-cli/wp-cli/php/boot-fs.php',
				'--path=' . rtrim( (string) getenv( 'FMS_WP_DIR' ), '/' ),
				'--allow-root',
				'--skip-packages',
				'--no-color',
				'fix-mailersend',
			),
			$args
		);
		$results = $this->run_processes( array( $command ), $stdin );
		return $results[0];
	}

	/**
	 * Runs commands as child processes, all at once, in the site's folder, and waits for all.
	 *
	 * @param array<int, string[]> $commands Each an argv array.
	 * @param string               $stdin    What each child reads on STDIN (closed afterwards).
	 * @return array<int, array{exit: int, stdout: string, stderr: string}> In the same order.
	 */
	protected function run_processes( array $commands, string $stdin = '' ): array {
		$site = rtrim( (string) getenv( 'FMS_WP_DIR' ), '/' );
		$env  = getenv();
		$env  = array_merge( is_array( $env ) ? $env : array(), array( 'WP_CLI_CONFIG_PATH' => '/dev/null' ) );

		$children = array();
		foreach ( array_values( $commands ) as $index => $command ) {
			// phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.system_calls_proc_open -- the test runs real child processes.
			$process = proc_open(
				$command,
				array(
					0 => array( 'pipe', 'r' ),
					1 => array( 'pipe', 'w' ),
					2 => array( 'pipe', 'w' ),
				),
				$pipes,
				$site,
				$env
			);
			if ( ! is_resource( $process ) ) {
				$this->fail( 'Could not start ' . implode( ' ', $command ) );
			}
			fwrite( $pipes[0], $stdin ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_fwrite -- a pipe to the child.
			fclose( $pipes[0] ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_fclose -- a pipe to the child.
			stream_set_blocking( $pipes[1], false );
			stream_set_blocking( $pipes[2], false );
			$children[ $index ] = array(
				'process' => $process,
				'open'    => array(
					1 => $pipes[1],
					2 => $pipes[2],
				),
				'out'     => array(
					1 => '',
					2 => '',
				),
			);
		}

		$deadline = microtime( true ) + self::TIMEOUT;
		while ( microtime( true ) < $deadline ) {
			$read = array();
			foreach ( $children as $child ) {
				$read = array_merge( $read, array_values( $child['open'] ) );
			}
			if ( ! $read ) {
				break;
			}
			$write  = null;
			$except = null;
			if ( false === stream_select( $read, $write, $except, 1 ) ) {
				break;
			}
			foreach ( $children as $index => $child ) {
				foreach ( $child['open'] as $stream => $pipe ) {
					$chunk = fread( $pipe, 65536 ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_fread -- a pipe from the child.
					if ( is_string( $chunk ) ) {
						$children[ $index ]['out'][ $stream ] .= $chunk;
					}
					if ( feof( $pipe ) ) {
						fclose( $pipe ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_fclose -- a pipe from the child.
						unset( $children[ $index ]['open'][ $stream ] );
					}
				}
			}
		}

		$results = array();
		$late    = array();
		foreach ( $children as $index => $child ) {
			if ( $child['open'] ) {
				proc_terminate( $child['process'], 9 );
				$late[] = "child $index\nSTDOUT:\n" . $child['out'][1] . "\nSTDERR:\n" . $child['out'][2];
			}
			$results[ $index ] = array(
				'exit'   => proc_close( $child['process'] ),
				'stdout' => $child['out'][1],
				'stderr' => $child['out'][2],
			);
		}
		if ( $late ) {
			$this->fail( 'A child process did not finish within ' . self::TIMEOUT . " s.\n" . implode( "\n", $late ) );
		}

		// What the children wrote: the caches of this process must not hide it.
		wp_cache_flush();
		self::refresh_wp_mail_smtp_options();

		return $results;
	}

	/**
	 * The child's STDOUT as JSON.
	 *
	 * @param array{exit: int, stdout: string, stderr: string} $result A result of wp().
	 * @return array<string, mixed>
	 */
	protected function json_of( array $result ): array {
		$data = json_decode( $result['stdout'], true );
		$this->assertIsArray( $data, 'STDOUT is not a JSON object: ' . self::describe( $result ) );
		return $data;
	}

	/**
	 * Asserts the exit code, showing the child's output when it differs.
	 *
	 * @param int                                              $expected Expected exit code.
	 * @param array{exit: int, stdout: string, stderr: string} $result   A result of wp().
	 * @return void
	 */
	protected function assertExit( int $expected, array $result ): void {
		$this->assertSame( $expected, $result['exit'], 'Exit code. ' . self::describe( $result ) );
	}

	/**
	 * Asserts that a token appears nowhere in the child's output (STDOUT and STDERR).
	 *
	 * @param string                                           $token  The full token.
	 * @param array{exit: int, stdout: string, stderr: string} $result A result of wp().
	 * @return void
	 */
	protected function assertTokenNotPrinted( string $token, array $result ): void {
		$this->assertStringNotContainsString( $token, $result['stdout'], 'The full token is on STDOUT.' );
		$this->assertStringNotContainsString( $token, $result['stderr'], 'The full token is on STDERR.' );
		// Not even most of it (the mask shows 7 + 4 characters).
		$this->assertStringNotContainsString( substr( $token, 0, 20 ), $result['stdout'] . $result['stderr'] );
	}

	/**
	 * The child's output, for failure messages.
	 *
	 * @param array{exit: int, stdout: string, stderr: string} $result A result of wp().
	 * @return string
	 */
	protected static function describe( array $result ): string {
		return sprintf( "exit %d\nSTDOUT:\n%s\nSTDERR:\n%s", $result['exit'], $result['stdout'], $result['stderr'] );
	}

	// ---------------------------------------------------------------------------------------
	// The site's state.
	// ---------------------------------------------------------------------------------------

	/**
	 * Saves a token of tokens.json in WP Mail SMTP (committed; undone in tearDown()).
	 *
	 * @param string $name   The token's name.
	 * @param string $mailer The active mailer.
	 * @return string The token.
	 */
	protected function use_token( string $name, string $mailer = 'mailersend' ): string {
		$token                           = $this->token( $name );
		$option                          = $this->wpms_option();
		$option['mail']['mailer']        = $mailer;
		$option['mailersend']['api_key'] = $token;
		$this->set_wpms_option( $option );
		return $token;
	}

	/**
	 * An option's value exactly as stored (the serialized string), or null when absent.
	 *
	 * @param string $name Option name.
	 * @return string|null
	 */
	protected function raw_option( string $name ): ?string {
		global $wpdb;
		$value = $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", $name ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
		return null === $value ? null : (string) $value;
	}

	/**
	 * An option's value read from the database (no cache).
	 *
	 * @param string $name Option name.
	 * @return mixed
	 */
	protected function fresh_option( string $name ) {
		wp_cache_flush();
		return get_option( $name, null );
	}

	/**
	 * Puts WPMS_ON and WPMS_MAILERSEND_API_KEY in wp-config-local.php (the site requires it
	 * when present; removed in tearDown()). Only the child sees them.
	 *
	 * @param string $token The constant's token.
	 * @return void
	 */
	protected function define_token_constant( string $token ): void {
		$this->local_config(
			"define( 'WPMS_ON', true );\n"
			. "define( 'WPMS_MAILERSEND_API_KEY', " . var_export( $token, true ) . " );\n" // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_var_export -- writes PHP source.
		);
	}

	/**
	 * Adds PHP lines to the site's wp-config-local.php (required by wp-config.php when present,
	 * so every child process and web request reads it; removed in tearDown()).
	 *
	 * @param string $php PHP statements, without the opening tag.
	 * @return void
	 */
	protected function local_config( string $php ): void {
		$path = self::local_config_path();
		if ( ! $this->wrote_local_config ) {
			$this->wrote_local_config = true;
			$this->assertNotFalse( file_put_contents( $path, "<?php\n// Written by a Fix MailerSend test; removed when it ends.\n" ) ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_file_put_contents -- the harness site's config.
		}
		$this->assertNotFalse( file_put_contents( $path, $php, FILE_APPEND ) ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_file_put_contents -- the harness site's config.
	}

	/**
	 * The site's wp-config-local.php.
	 *
	 * @return string
	 */
	private static function local_config_path(): string {
		return rtrim( (string) getenv( 'FMS_WP_DIR' ), '/' ) . '/wp-config-local.php';
	}

	/**
	 * The WHERE clause selecting options by LIKE patterns.
	 *
	 * @param string[] $patterns Patterns (OWNED_OPTIONS by default).
	 * @return string
	 */
	private static function owned_where( array $patterns = self::OWNED_OPTIONS ): string {
		$clauses = array();
		foreach ( $patterns as $pattern ) {
			$clauses[] = "option_name LIKE '" . esc_sql( $pattern ) . "'";
		}
		return '(' . implode( ' OR ', $clauses ) . ')';
	}
}
