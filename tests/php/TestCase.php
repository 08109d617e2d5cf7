<?php
/**
 * Base class of every PHP integration test: the real WordPress + MariaDB of a harness profile,
 * a database transaction per test, the MailerSend stand-in reset per test, and a debug.log
 * that must stay quiet.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests;

use WP_REST_Request;
use WP_REST_Response;

/**
 * Extend this class; call parent::setUp() / parent::tearDown() when overriding them.
 */
abstract class TestCase extends \PHPUnit\Framework\TestCase {

	/**
	 * The REST namespace, prefixed to routes given to rest() without one.
	 */
	const REST_NAMESPACE = '/fix-mailersend/v1';

	/**
	 * Size of the debug log when the test started.
	 *
	 * @var int
	 */
	private $debug_log_offset = 0;

	/**
	 * Decoded tokens.json, shared by all tests of the process.
	 *
	 * @var array<string, mixed>|null
	 */
	private static $tokens_file;

	/**
	 * Starts a transaction, resets the stand-in and notes where the debug log ends.
	 */
	protected function setUp(): void {
		parent::setUp();

		global $wpdb;
		// Creating a table commits: the held emails' tables exist before the transaction starts.
		self::ensure_held_tables();
		$wpdb->query( 'START TRANSACTION' ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery

		$this->debug_log_offset = self::debug_log_size();

		// Tokens an earlier test checked would otherwise stay masked by value in this process.
		\FixMailerSend\Support\Mask::forget();

		$this->standin( 'DELETE', '/__standin/requests' );
		$this->set_fault( null );

		wp_set_current_user( 0 );
		$GLOBALS['wp_rest_server'] = null; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited
	}

	/**
	 * Rolls the database back, forgets every cache, logs out, and fails the test when
	 * WordPress logged anything (a PHP notice is a defect).
	 */
	protected function tearDown(): void {
		global $wpdb;
		$wpdb->query( 'ROLLBACK' ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
		wp_cache_flush();
		self::refresh_wp_mail_smtp_options();
		wp_set_current_user( 0 );
		$GLOBALS['wp_rest_server'] = null; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited

		$logged = $this->debug_log_since_setup();

		parent::tearDown();

		if ( '' !== trim( $logged ) ) {
			$this->fail( "WordPress's debug log gained lines during this test:\n" . $logged );
		}
	}

	// ---------------------------------------------------------------------------------------
	// Users.
	// ---------------------------------------------------------------------------------------

	/**
	 * Creates a user with a role (rolled back after the test) and returns its id.
	 *
	 * @param string $role A role name: administrator, editor, author, subscriber, …
	 * @return int
	 */
	protected function make_user( string $role ): int {
		$login = 'fms_' . $role . '_' . wp_generate_password( 8, false, false );
		$id    = wp_insert_user(
			array(
				'user_login' => strtolower( $login ),
				'user_pass'  => wp_generate_password( 24 ),
				'user_email' => strtolower( $login ) . '@example.com',
				'role'       => $role,
			)
		);
		if ( is_wp_error( $id ) ) {
			$this->fail( 'Could not create a user: ' . $id->get_error_message() );
		}
		return (int) $id;
	}

	/**
	 * Creates a user with a role and logs them in; 'logged_out' logs out and returns 0.
	 *
	 * @param string $role A role name, or 'logged_out'.
	 * @return int
	 */
	protected function log_in_as( string $role ): int {
		if ( 'logged_out' === $role ) {
			wp_set_current_user( 0 );
			return 0;
		}
		$id = $this->make_user( $role );
		wp_set_current_user( $id );
		return $id;
	}

	// ---------------------------------------------------------------------------------------
	// Tokens the MailerSend stand-in knows.
	// ---------------------------------------------------------------------------------------

	/**
	 * A token from tests/stand-ins/mailersend/tokens.json by its name (valid_full, expired, …).
	 *
	 * @param string $name The token's name.
	 * @return string
	 */
	protected function token( string $name ): string {
		$tokens = self::tokens_file();
		$entry  = $tokens['tokens'][ $name ] ?? null;
		if ( is_array( $entry ) && isset( $entry['token'] ) && is_string( $entry['token'] ) ) {
			return $entry['token'];
		}
		if ( is_string( $entry ) ) {
			return $entry;
		}
		$this->fail( "No token named '$name' in " . getenv( 'FMS_TOKENS_FILE' ) );
	}

	/**
	 * The whole decoded tokens.json.
	 *
	 * @return array<string, mixed>
	 */
	protected static function tokens_file(): array {
		if ( null === self::$tokens_file ) {
			$path = (string) getenv( 'FMS_TOKENS_FILE' );
			$json = is_readable( $path ) ? (string) file_get_contents( $path ) : ''; // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a local fixture.
			$data = json_decode( $json, true );
			if ( ! is_array( $data ) ) {
				throw new \RuntimeException( "FMS_TOKENS_FILE ($path) is not readable JSON." );
			}
			self::$tokens_file = $data;
		}
		return self::$tokens_file;
	}

	// ---------------------------------------------------------------------------------------
	// The MailerSend stand-in.
	// ---------------------------------------------------------------------------------------

	/**
	 * The requests the MailerSend stand-in received since the test started, oldest first.
	 *
	 * @return array<int, array<string, mixed>>
	 */
	protected function standin_requests(): array {
		$data = $this->standin( 'GET', '/__standin/requests' );
		if ( is_array( $data ) && isset( $data['requests'] ) && is_array( $data['requests'] ) ) {
			$data = $data['requests'];
		}
		if ( ! is_array( $data ) ) {
			$this->fail( 'The MailerSend stand-in did not list its requests.' );
		}
		return array_values( $data );
	}

	/**
	 * The stand-in's requests to one path (e.g. '/v1/email'), oldest first.
	 *
	 * @param string $path Request path without the query string.
	 * @return array<int, array<string, mixed>>
	 */
	protected function standin_requests_to( string $path ): array {
		return array_values(
			array_filter(
				$this->standin_requests(),
				static function ( $request ) use ( $path ): bool {
					$url = (string) ( $request['path'] ?? $request['url'] ?? '' );
					return strtok( $url, '?' ) === $path;
				}
			)
		);
	}

	/**
	 * Makes the stand-in misbehave on the next MailerSend requests (null: behave again).
	 *
	 * @param string|null $fault A fault name of tests/stand-ins/mailersend/server.mjs: hang, slow,
	 *                           reset, 500_html, 503, 408, 421, malformed_json.
	 * @param int|null    $times How many requests get it (null: until cleared).
	 * @return void
	 */
	protected function set_fault( ?string $fault, ?int $times = null ): void {
		$this->standin(
			'POST',
			'/__standin/fault',
			array(
				'fault' => $fault,
				'times' => null === $fault ? null : $times,
			)
		);
	}

	/**
	 * One call to the stand-in's control API; fails the test when it does not answer 2xx.
	 *
	 * @param string                    $method HTTP method.
	 * @param string                    $path   Path under the stand-in's URL.
	 * @param array<string, mixed>|null $body   JSON body.
	 * @return mixed The decoded JSON answer (null when empty).
	 */
	protected function standin( string $method, string $path, ?array $body = null ) {
		$url  = rtrim( (string) getenv( 'FMS_STANDIN_URL' ), '/' ) . $path;
		$args = array(
			'method'  => $method,
			'timeout' => 5,
			'headers' => array( 'Content-Type' => 'application/json' ),
		);
		if ( null !== $body ) {
			$args['body'] = (string) wp_json_encode( $body );
		}
		$response = wp_remote_request( $url, $args );
		if ( is_wp_error( $response ) ) {
			$this->fail( "The MailerSend stand-in did not answer $method $path: " . $response->get_error_message() );
		}
		$code = (int) wp_remote_retrieve_response_code( $response );
		if ( $code < 200 || $code > 299 ) {
			$this->fail( "The MailerSend stand-in answered $method $path with $code: " . wp_remote_retrieve_body( $response ) );
		}
		$raw = wp_remote_retrieve_body( $response );
		return '' === $raw ? null : json_decode( $raw, true );
	}

	/**
	 * Creates the held emails' tables on every site where they are missing (outside any
	 * transaction: DDL commits it). Otherwise the first failed wp_mail() of a test would create
	 * them and commit the test's data.
	 *
	 * @return void
	 */
	public static function ensure_held_tables(): void {
		global $wpdb;
		$sites = is_multisite() ? get_sites(
			array(
				'fields' => 'ids',
				'number' => 0,
			)
		) : array( 0 );
		foreach ( $sites as $site ) {
			if ( $site ) {
				switch_to_blog( (int) $site );
			}
			$store = new \FixMailerSend\Recovery\Held_Store();
			// phpcs:ignore WordPress.DB.DirectDatabaseQuery
			if ( \FixMailerSend\Recovery\Held_Store::DB_VERSION !== get_option( \FixMailerSend\Recovery\Held_Store::DB_VERSION_OPTION ) || $store->table() !== $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $store->table() ) ) ) ) {
				$store->install();
			}
			if ( $site ) {
				restore_current_blog();
			}
		}
	}

	/**
	 * Runs uninstall.php as WordPress does, inside the test's transaction: its DROP TABLE of
	 * the held emails' tables (DDL, which would commit the transaction and keep the test's data)
	 * is recorded instead of run. Tests of the real drop: tests/php/Recovery/Held_Uninstall_Test.
	 *
	 * @return string[] The tables uninstall.php dropped, in order.
	 */
	protected function run_uninstall(): array {
		$dropped = array();
		$record  = static function ( $query ) use ( &$dropped ) {
			if ( is_string( $query ) && 1 === preg_match( '/^\s*DROP TABLE IF EXISTS (.+)$/is', $query, $match ) ) {
				foreach ( explode( ',', $match[1] ) as $table ) {
					$dropped[] = trim( $table, " `\t\n" );
				}
				return 'SELECT 1';
			}
			return $query;
		};
		add_filter( 'query', $record, PHP_INT_MAX );
		if ( ! defined( 'WP_UNINSTALL_PLUGIN' ) ) {
			define( 'WP_UNINSTALL_PLUGIN', 'fix-mailersend/plugin.php' ); // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals -- WordPress's constant.
		}
		try {
			require FIX_MAILERSEND_DIR . 'uninstall.php';
		} finally {
			remove_filter( 'query', $record, PHP_INT_MAX );
		}
		wp_cache_flush();
		return $dropped;
	}

	// ---------------------------------------------------------------------------------------
	// REST.
	// ---------------------------------------------------------------------------------------

	/**
	 * POST /token/check with the deep check (permission to send, the From domain).
	 *
	 * @param string $token The pasted token.
	 * @return WP_REST_Response
	 */
	protected function deep_check( string $token ): WP_REST_Response {
		return $this->rest(
			'POST',
			'/token/check',
			array(
				'token' => $token,
				'deep'  => true,
			)
		);
	}

	/**
	 * Dispatches a REST request in-process, as the current user (no nonce needed here).
	 *
	 * GET/DELETE parameters go in the query string; others as a JSON body (types are kept).
	 *
	 * @param string               $method  HTTP method.
	 * @param string               $route   '/status' or a full route '/fix-mailersend/v1/status'.
	 * @param array<string, mixed> $params  Parameters.
	 * @param array<string, mixed> $headers Extra headers.
	 * @return WP_REST_Response
	 */
	protected function rest( string $method, string $route, array $params = array(), array $headers = array() ): WP_REST_Response {
		if ( 0 !== strpos( $route, self::REST_NAMESPACE . '/' ) ) {
			$route = self::REST_NAMESPACE . $route;
		}
		$request = new WP_REST_Request( $method, $route );
		if ( in_array( strtoupper( $method ), array( 'GET', 'DELETE', 'HEAD' ), true ) ) {
			$request->set_query_params( $params );
		} else {
			$request->set_header( 'Content-Type', 'application/json' );
			$request->set_body( (string) wp_json_encode( (object) $params ) );
		}
		foreach ( $headers as $name => $value ) {
			$request->set_header( $name, (string) $value );
		}
		return $this->dispatch( $request );
	}

	/**
	 * Dispatches a REST request with a raw body (e.g. to send JSON that PHP arrays cannot express).
	 *
	 * @param string $method HTTP method.
	 * @param string $route  Route as for rest().
	 * @param string $body   Raw JSON body.
	 * @return WP_REST_Response
	 */
	protected function rest_raw( string $method, string $route, string $body ): WP_REST_Response {
		if ( 0 !== strpos( $route, self::REST_NAMESPACE . '/' ) ) {
			$route = self::REST_NAMESPACE . $route;
		}
		$request = new WP_REST_Request( $method, $route );
		$request->set_header( 'Content-Type', 'application/json' );
		$request->set_body( $body );
		return $this->dispatch( $request );
	}

	/**
	 * Runs a prepared request through the REST server.
	 *
	 * @param WP_REST_Request<array<string, mixed>> $request The request.
	 * @return WP_REST_Response
	 */
	protected function dispatch( WP_REST_Request $request ): WP_REST_Response {
		$response = rest_do_request( $request );
		if ( ! $response instanceof WP_REST_Response ) {
			$this->fail( 'rest_do_request() did not return a WP_REST_Response.' );
		}
		return $response;
	}

	/**
	 * The response data as the client receives it (JSON round trip).
	 *
	 * @param WP_REST_Response $response A response.
	 * @return mixed
	 */
	protected function json( WP_REST_Response $response ) {
		return json_decode( (string) wp_json_encode( rest_get_server()->response_to_data( $response, false ) ), true );
	}

	/**
	 * Asserts a REST error status and code.
	 *
	 * @param int              $status   Expected HTTP status.
	 * @param string           $code     Expected error code.
	 * @param WP_REST_Response $response The response.
	 * @return void
	 */
	protected function assertRestError( int $status, string $code, WP_REST_Response $response ): void {
		$data = $this->json( $response );
		$this->assertSame( $status, $response->get_status(), 'Status; body: ' . wp_json_encode( $data ) );
		$this->assertIsArray( $data );
		$this->assertSame( $code, $data['code'] ?? null, 'Error code; body: ' . wp_json_encode( $data ) );
	}

	// ---------------------------------------------------------------------------------------
	// WP Mail SMTP's settings.
	// ---------------------------------------------------------------------------------------

	/**
	 * WP Mail SMTP's whole option, raw from the database (no constants, no defaults).
	 *
	 * @return array<string, mixed>
	 */
	protected function wpms_option(): array {
		wp_cache_delete( 'wp_mail_smtp', 'options' );
		$value = get_option( 'wp_mail_smtp', array() );
		return is_array( $value ) ? $value : array();
	}

	/**
	 * Replaces WP Mail SMTP's whole option (the test's transaction undoes it) and makes
	 * WP Mail SMTP re-read it.
	 *
	 * @param array<string, mixed> $value The option.
	 * @return void
	 */
	protected function set_wpms_option( array $value ): void {
		update_option( 'wp_mail_smtp', $value, false );
		self::refresh_wp_mail_smtp_options();
	}

	/**
	 * Gives WP Mail SMTP the settings a real site has besides the MailerSend key (other
	 * mailers' credentials, flags, non-ASCII text): what a careless save would wipe.
	 *
	 * @return void
	 */
	protected function give_wp_mail_smtp_other_settings(): void {
		$option                                = $this->wpms_option();
		$option['mail']['from_name']           = 'Shop & Co — "Ünïcode"';
		$option['mailersend']['has_pro_plan']  = true;
		$option['smtp']                        = array(
			'host' => 'smtp.example.com',
			'port' => 587,
			'user' => 'legacy',
		);
		$option['general']['do_not_send']      = false;
		$option['debug_events']['email_debug'] = true;
		$option['sendlayer']['api_key']        = 'kept-as-is';
		$this->set_wpms_option( $option );
	}

	/**
	 * Makes WP Mail SMTP's in-memory copy of its settings match the database again (after a
	 * rollback, or after a test wrote the option directly).
	 *
	 * @return void
	 */
	protected static function refresh_wp_mail_smtp_options(): void {
		// The plugin's snapshot of WP Mail SMTP's settings too (a rollback fires no option hook).
		$plugin = \FixMailerSend\Plugin::instance();
		if ( null !== $plugin ) {
			$plugin->adapter()->forget_state();
		}
		if ( ! class_exists( '\WPMailSMTP\Options' ) || ! method_exists( '\WPMailSMTP\Options', 'init' ) ) {
			return;
		}
		$options = \WPMailSMTP\Options::init();
		foreach ( array( 'refresh', 'populate_options' ) as $method ) {
			if ( method_exists( $options, $method ) ) {
				$reflection = new \ReflectionMethod( $options, $method );
				if ( PHP_VERSION_ID < 80100 ) {
					$reflection->setAccessible( true );
				}
				$reflection->invoke( $options );
				return;
			}
		}
	}

	// ---------------------------------------------------------------------------------------
	// The debug log.
	// ---------------------------------------------------------------------------------------

	/**
	 * Everything WordPress's debug log gained since setUp().
	 *
	 * @return string
	 */
	protected function debug_log_since_setup(): string {
		$path = (string) getenv( 'FMS_DEBUG_LOG' );
		clearstatcache( true, $path );
		if ( ! is_readable( $path ) ) {
			return '';
		}
		$size = (int) filesize( $path );
		if ( $size <= $this->debug_log_offset ) {
			return '';
		}
		$contents = (string) file_get_contents( $path, false, null, $this->debug_log_offset ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a local log file.
		return $contents;
	}

	/**
	 * The whole debug log (to check that a secret never reached it).
	 *
	 * @return string
	 */
	protected function debug_log(): string {
		$path = (string) getenv( 'FMS_DEBUG_LOG' );
		clearstatcache( true, $path );
		return is_readable( $path ) ? (string) file_get_contents( $path ) : ''; // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a local log file.
	}

	/**
	 * Current size of the debug log in bytes.
	 *
	 * @return int
	 */
	private static function debug_log_size(): int {
		$path = (string) getenv( 'FMS_DEBUG_LOG' );
		clearstatcache( true, $path );
		return is_file( $path ) ? (int) filesize( $path ) : 0;
	}
}
