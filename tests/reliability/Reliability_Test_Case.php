<?php
/**
 * Base class of the reliability tests (`bash bin/test.sh reliability`): the real site of the
 * reliability profile served by `php -S` with 16 workers, so that parallel requests really run
 * at once, and a MailerSend stand-in that can answer late or never.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Reliability;

use FixMailerSend\Tests\Cli\Cli_Test_Case;

/**
 * Like the WP-CLI tests, these hold no database transaction (other processes must see what the
 * test sets up, and must not be locked out by it): Cli_Test_Case snapshots WP Mail SMTP's and
 * this plugin's option rows before each test and restores them afterwards.
 *
 * Assert invariants (how many requests reached the stand-in, what was stored, that an answer
 * came before a deadline plus a margin), never the speed of the machine.
 */
abstract class Reliability_Test_Case extends Cli_Test_Case {

	/**
	 * The user the HTTP requests are made as (bin/install-site.php creates it).
	 */
	const ADMIN_LOGIN = 'admin';

	/**
	 * Longest one HTTP request may take before the test gives up on it, in seconds.
	 */
	const HTTP_TIMEOUT = 60;

	/**
	 * Milliseconds between the starts of two parallel requests (see parallel()).
	 */
	const STAGGER_MS = 40;

	/**
	 * `login:application-password` of the admin, made once per process.
	 *
	 * @var string|null
	 */
	private static $credentials;

	/**
	 * Makes sure no stand-in fault outlives its test.
	 */
	protected function tearDown(): void {
		$this->calm_standin();
		parent::tearDown();
	}

	// ---------------------------------------------------------------------------------------
	// HTTP requests to the site, as the admin.
	// ---------------------------------------------------------------------------------------

	/**
	 * One REST request over real HTTP to /wp-json/fix-mailersend/v1<route> as the admin.
	 *
	 * @param string                    $method HTTP method.
	 * @param string                    $route  Route under the namespace, e.g. '/token/check'.
	 * @param array<string, mixed>|null $body   JSON body.
	 * @return array{status: int, body: mixed, seconds: float}
	 */
	protected function http( string $method, string $route, ?array $body = null ): array {
		$results = $this->parallel(
			array(
				array(
					'method' => $method,
					'route'  => $route,
					'body'   => $body,
				),
			)
		);
		return $results[0];
	}

	/**
	 * Many REST requests at once (curl_multi), as the admin; the answers in the same order.
	 *
	 * Each request gets its own connection, opened STAGGER_MS after the previous one: an idle
	 * `php -S` worker takes every connection waiting at the moment it wakes up and then serves
	 * them one after another, so connections opened in the same instant would mostly queue on
	 * one or two workers. A few milliseconds apart, each lands on a worker of its own (as a
	 * host's load balancer spreads them), and they still overlap for as long as each takes.
	 *
	 * @param array<int, array{method: string, route: string, body?: array<string, mixed>|null}> $requests Requests.
	 * @return array<int, array{status: int, body: mixed, seconds: float}>
	 */
	protected function parallel( array $requests ): array {
		$multi   = curl_multi_init(); // phpcs:ignore WordPress.WP.AlternativeFunctions.curl_curl_multi_init -- parallel requests are the point of the test.
		$handles = array();
		$running = 0;
		foreach ( array_values( $requests ) as $index => $request ) {
			$handle = curl_init( $this->rest_url( $request['route'] ) ); // phpcs:ignore WordPress.WP.AlternativeFunctions.curl_curl_init
			$body   = $request['body'] ?? null;
			// phpcs:ignore WordPress.WP.AlternativeFunctions.curl_curl_setopt_array
			curl_setopt_array(
				$handle,
				array(
					CURLOPT_CUSTOMREQUEST  => strtoupper( $request['method'] ),
					CURLOPT_RETURNTRANSFER => true,
					CURLOPT_TIMEOUT        => self::HTTP_TIMEOUT,
					CURLOPT_FRESH_CONNECT  => true,
					CURLOPT_FORBID_REUSE   => true,
					CURLOPT_USERPWD        => self::credentials(),
					CURLOPT_HTTPHEADER     => array( 'Content-Type: application/json', 'Accept: application/json' ),
					CURLOPT_POSTFIELDS     => null === $body ? '' : (string) wp_json_encode( (object) $body ),
				)
			);
			curl_multi_add_handle( $multi, $handle ); // phpcs:ignore WordPress.WP.AlternativeFunctions.curl_curl_multi_add_handle
			$handles[ $index ] = $handle;
			self::pump( $multi, $running, self::STAGGER_MS / 1000 );
		}

		do {
			$status = self::pump( $multi, $running, 0.5 );
		} while ( $running > 0 && CURLM_OK === $status );

		$results = array();
		foreach ( $handles as $index => $handle ) {
			$raw   = (string) curl_multi_getcontent( $handle ); // phpcs:ignore WordPress.WP.AlternativeFunctions.curl_curl_multi_getcontent
			$code  = (int) curl_getinfo( $handle, CURLINFO_RESPONSE_CODE ); // phpcs:ignore WordPress.WP.AlternativeFunctions.curl_curl_getinfo
			$time  = (float) curl_getinfo( $handle, CURLINFO_TOTAL_TIME ); // phpcs:ignore WordPress.WP.AlternativeFunctions.curl_curl_getinfo
			$error = curl_error( $handle ); // phpcs:ignore WordPress.WP.AlternativeFunctions.curl_curl_error
			$this->assertNotSame( 0, $code, "Request $index got no HTTP answer: $error" );
			curl_multi_remove_handle( $multi, $handle ); // phpcs:ignore WordPress.WP.AlternativeFunctions.curl_curl_multi_remove_handle
			curl_close( $handle ); // phpcs:ignore WordPress.WP.AlternativeFunctions.curl_curl_close
			$results[ $index ] = array(
				'status'  => $code,
				'body'    => '' === $raw ? null : json_decode( $raw, true ),
				'seconds' => $time,
			);
		}
		curl_multi_close( $multi ); // phpcs:ignore WordPress.WP.AlternativeFunctions.curl_curl_multi_close

		// What the workers wrote: the caches of this process must not hide it.
		wp_cache_flush();
		self::refresh_wp_mail_smtp_options();

		return $results;
	}

	/**
	 * Moves the transfers of a curl_multi handle on for about $seconds (or until all are done).
	 *
	 * @param \CurlMultiHandle $multi   The multi handle.
	 * @param int              $running Transfers still running (updated).
	 * @param float            $seconds How long to keep them moving.
	 * @return int The last curl_multi_exec() status.
	 */
	private static function pump( $multi, int &$running, float $seconds ): int {
		$until = microtime( true ) + $seconds;
		do {
			$status = curl_multi_exec( $multi, $running ); // phpcs:ignore WordPress.WP.AlternativeFunctions.curl_curl_multi_exec
			if ( $running > 0 ) {
				curl_multi_select( $multi, max( 0.001, min( 0.05, $until - microtime( true ) ) ) ); // phpcs:ignore WordPress.WP.AlternativeFunctions.curl_curl_multi_select
			}
		} while ( $running > 0 && CURLM_OK === $status && microtime( true ) < $until );
		return $status;
	}

	/**
	 * The full URL of a route of this plugin's namespace.
	 *
	 * @param string $route Route under the namespace.
	 * @return string
	 */
	protected function rest_url( string $route ): string {
		return rtrim( (string) getenv( 'FMS_SITE_URL' ), '/' ) . '/wp-json' . self::REST_NAMESPACE . $route;
	}

	/**
	 * The admin's application password (HTTP Basic), made once per process.
	 *
	 * @return string login:password
	 */
	private static function credentials(): string {
		if ( null === self::$credentials ) {
			$user = get_user_by( 'login', self::ADMIN_LOGIN );
			if ( ! $user ) {
				throw new \RuntimeException( 'The reliability site has no "admin" user.' );
			}
			$made = \WP_Application_Passwords::create_new_application_password( $user->ID, array( 'name' => 'reliability tests ' . wp_generate_password( 6, false ) ) );
			if ( is_wp_error( $made ) ) {
				throw new \RuntimeException( 'Could not make an application password: ' . $made->get_error_message() );
			}
			self::$credentials = self::ADMIN_LOGIN . ':' . $made[0];
		}
		return self::$credentials;
	}

	// ---------------------------------------------------------------------------------------
	// A MailerSend that answers late, or never.
	// ---------------------------------------------------------------------------------------

	/**
	 * Every MailerSend answer (the next $times, or all) comes $delay_ms late.
	 *
	 * @param int      $delay_ms Delay of each answer, in milliseconds.
	 * @param int|null $times    How many requests (null: until calm_standin()).
	 * @return void
	 */
	protected function slow_standin( int $delay_ms, ?int $times = null ): void {
		$this->standin(
			'POST',
			'/__standin/fault',
			array(
				'fault'    => 'slow',
				'times'    => $times,
				'delay_ms' => $delay_ms,
			)
		);
	}

	/**
	 * MailerSend reads every request (the next $times, or all) and never answers.
	 *
	 * @param int|null $times How many requests (null: until calm_standin()).
	 * @return void
	 */
	protected function hang_standin( ?int $times = null ): void {
		$this->set_fault( 'hang', $times );
	}

	/**
	 * MailerSend answers normally again.
	 *
	 * @return void
	 */
	protected function calm_standin(): void {
		$this->set_fault( null );
	}

	// ---------------------------------------------------------------------------------------
	// Many PHP processes at once.
	// ---------------------------------------------------------------------------------------

	/**
	 * Runs the same PHP code in $count processes at once, each with the site's WordPress loaded
	 * (wp-load.php, as a cron or CLI process would), and returns what each printed.
	 *
	 * @param string $code  PHP statements (no opening tag); WordPress is loaded.
	 * @param int    $count How many processes.
	 * @return array<int, array{exit: int, stdout: string, stderr: string}>
	 */
	protected function php_processes( string $code, int $count ): array {
		$boot    = '$_SERVER["HTTP_HOST"] = "127.0.0.1"; $_SERVER["REQUEST_URI"] = "/"; '
			. 'require ' . var_export( rtrim( (string) getenv( 'FMS_WP_DIR' ), '/' ) . '/wp-load.php', true ) . '; '; // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_var_export -- writes PHP source.
		$command = array( PHP_BINARY, '-d', 'display_errors=stderr', '-r', $boot . $code );
		return $this->run_processes( array_fill( 0, $count, $command ) );
	}
}
