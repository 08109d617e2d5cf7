<?php
/**
 * Benchmarks (numbers, not assertions). Run through `npm run bench` (bin/bench.sh), which starts
 * the "bench" profile's site. Prints:
 *   - what Fix MailerSend adds to a front-end page load: callbacks hooked, classes loaded, time;
 *   - GET /status in-process latency (the Diagnose step's one request);
 *   - POST /token/check latency against the MailerSend stand-in (loopback, so this is the
 *     plugin's own overhead plus one HTTP round trip);
 *   - `deadlines`: each action's worst case under a slow and a hanging MailerSend, beside its
 *     deadline (fms_bench_deadlines()).
 *   - `held`: what keeping a failed email adds to its wp_mail() (fms_bench_held(); the list and
 *     resending are bin/bench-held.php's);
 *   - `outage`: the outage report on 100,000 Debug Events rows (fms_bench_outage()).
 *
 * @package FixMailerSend
 */

// phpcs:disable WordPress.WP.AlternativeFunctions, WordPress.Security.EscapeOutput.OutputNotEscaped -- a command-line tool.
// phpcs:disable WordPress.WP.GlobalVariablesOverride.Prohibited -- sets the request globals WordPress expects.

$fms_mode               = $argv[1] ?? 'all';
$_SERVER['HTTP_HOST']   = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';

$fms_start = hrtime( true );
require (string) getenv( 'FMS_WP_DIR' ) . '/wp-load.php';
$fms_load_ms = ( hrtime( true ) - $fms_start ) / 1e6;
require __DIR__ . '/bench-lib.php';

/**
 * Whether a hooked callback belongs to Fix MailerSend.
 *
 * @param mixed $callback The callback as stored in WP_Hook.
 */
function fms_is_ours( $callback ): bool {
	if ( is_array( $callback ) ) {
		$owner = is_object( $callback[0] ) ? get_class( $callback[0] ) : (string) $callback[0];
	} elseif ( $callback instanceof Closure ) {
		$owner = (string) ( new ReflectionFunction( $callback ) )->getFileName();
		return 0 === strpos( $owner, (string) realpath( dirname( __DIR__ ) . '/includes' ) );
	} else {
		$owner = is_string( $callback ) ? $callback : '';
	}
	return 0 === strpos( $owner, 'FixMailerSend\\' ) || 0 === strpos( $owner, 'fix_mailersend' );
}

if ( 'frontend' === $fms_mode ) {
	// What the plugin put on the hooks of a plain front-end load.
	$fms_hooks = array();
	foreach ( $GLOBALS['wp_filter'] as $fms_hook => $fms_filter ) {
		foreach ( $fms_filter->callbacks as $fms_list ) {
			foreach ( $fms_list as $fms_callback ) {
				if ( fms_is_ours( $fms_callback['function'] ) ) {
					$fms_hooks[] = $fms_hook;
				}
			}
		}
	}
	echo wp_json_encode(
		array(
			'wp_load_ms' => round( $fms_load_ms, 2 ),
			'callbacks'  => count( $fms_hooks ),
			'hooks'      => array_values( array_unique( $fms_hooks ) ),
			'classes'    => array_values( preg_grep( '/^FixMailerSend\\\\/', get_declared_classes() ) ),
		)
	), "\n";
	exit( 0 );
}//end if

if ( 'deadlines' === $fms_mode ) {
	fms_bench_deadlines();
	exit( 0 );
}

if ( 'held' === $fms_mode ) {
	fms_bench_held();
	exit( 0 );
}

if ( 'outage' === $fms_mode ) {
	fms_bench_outage();
	exit( 0 );
}

/**
 * What holding costs a failing wp_mail() (broken token, MailerSend stand-in on loopback): with
 * holding off and on (the list and resending are bin/bench-held.php's). Leaves the site's token
 * and held emails as they were.
 */
function fms_bench_held(): void {
	$store                           = new FixMailerSend\Recovery\Held_Store();
	$tokens                          = json_decode( (string) file_get_contents( (string) getenv( 'FMS_TOKENS_FILE' ) ), true );
	$wpms                            = get_option( 'wp_mail_smtp' );
	$broken                          = is_array( $wpms ) ? $wpms : array();
	$broken['mailersend']['api_key'] = $tokens['tokens']['expired']['token'];
	update_option( 'wp_mail_smtp', $broken, false );
	$store->install();
	$store->delete_all();
	$holding = get_option( FixMailerSend\Recovery\Held_Store::HOLDING_OPTION );

	$send = static function () {
		wp_mail( 'customer@example.com', 'Your order #1042', str_repeat( 'Thanks for your order. ', 40 ) );
	};
	$store->set_holding( false );
	$off = fms_time( $send, 30 );
	$store->set_holding( true );
	$on     = fms_time( $send, 30 );
	$result = array(
		'failing_wp_mail_ms' => array(
			'holding_off' => $off,
			'holding_on'  => $on,
		),
	);
	$store->delete_all();
	if ( false === $holding ) {
		delete_option( FixMailerSend\Recovery\Held_Store::HOLDING_OPTION );
	} else {
		update_option( FixMailerSend\Recovery\Held_Store::HOLDING_OPTION, $holding );
	}
	update_option( 'wp_mail_smtp', $wpms, false );
	echo wp_json_encode( $result ), "\n";
}

/**
 * The outage report on a Debug Events table of 100,000 rows (94,000 older than the 30-day
 * window, 6,000 MailerSend failures of three senders in it), in one transaction rolled back at
 * the end: cold (the cache dropped before each run: the table read) and cached (what every
 * GET /status costs until the next failure), for an outage of 3,000 failures since a known
 * success and for the whole window cut at 5,000 rows. Also GET /status with it.
 *
 * @return void
 */
function fms_bench_outage(): void {
	global $wpdb;
	$table = $wpdb->prefix . 'wpmailsmtp_debug_events';
	$shop  = WP_PLUGIN_DIR . '/woocommerce/includes/class-wc-emails.php';
	$form  = WP_PLUGIN_DIR . '/contact-form-7/includes/mail.php';
	$core  = ABSPATH . WPINC . '/pluggable.php';
	$now   = time();

	$wpdb->query( 'START TRANSACTION' ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
	$rows = array();
	for ( $i = 0; $i < 100000; $i++ ) {
		if ( $i < 94000 ) {
			$ago = 40 * DAY_IN_SECONDS - (int) ( $i * 9 * DAY_IN_SECONDS / 94000 );
			$row = 0 === $i % 3 ? array( "Mailer: MailerSend\r\nUnauthenticated.", $shop, 0 ) : array( "Debug: request $i", $shop, 1 );
		} elseif ( $i < 97000 ) {
			$ago = 10 * DAY_IN_SECONDS - ( $i - 94000 ) * 172;
			$row = array( "Mailer: MailerSend\r\nUnauthenticated.", 0 === $i % 2 ? $shop : $core, 0 );
		} else {
			$ago = 2 * DAY_IN_SECONDS - ( $i - 97000 ) * 57;
			$row = 0 === $i % 5 ? array( "Mailer: MailerSend\r\nThe from.email domain must be verified in your account to send emails. #MS42207", $form, 0 ) : array( "Mailer: MailerSend\r\nUnauthenticated.", 0 === $i % 5 - 1 ? $core : $shop, 0 );
		}
		$rows[] = $wpdb->prepare(
			'(%s, %s, %d, %s)',
			$row[0],
			(string) wp_json_encode(
				array(
					'file' => $row[1],
					'line' => 12,
				)
			),
			$row[2],
			gmdate( 'Y-m-d H:i:s', $now - $ago )
		);
		if ( 1000 === count( $rows ) ) {
			$wpdb->query( "INSERT INTO {$table} (content, initiator, event_type, created_at) VALUES " . implode( ',', $rows ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.PreparedSQL.InterpolatedNotPrepared
			$rows = array();
		}
	}//end for

	$report = FixMailerSend\Plugin::instance()->outage_report();
	$result = array( 'rows' => (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$table}" ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared
	$cases  = array(
		'since_success_3000' => gmdate( 'c', $now - 3 * DAY_IN_SECONDS ),
		'window_cut_at_5000' => null,
	);
	foreach ( $cases as $case => $success ) {
		delete_option( 'fix_mailersend_last_failure' );
		if ( null !== $success ) {
			update_option( 'fix_mailersend_last_failure', array( 'success_at' => $success ), false );
		}
		$cold    = fms_time(
			static function () use ( $report ) {
				delete_option( FixMailerSend\Recovery\Outage_Report::OPTION );
				$report->get();
			},
			20
		);
		$answer  = $report->get();
		$queries = $wpdb->num_queries;
		$report->get();
		$queries         = $wpdb->num_queries - $queries;
		$cached          = fms_time(
			static function () use ( $report ) {
				$report->get();
			},
			200
		);
		$status          = fms_time(
			static function () {
				$GLOBALS['wp_rest_server'] = null; // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals -- core's REST server, reset per run.
				rest_do_request( new WP_REST_Request( 'GET', '/fix-mailersend/v1/status' ) );
			},
			50
		);
		$result[ $case ] = array(
			'failed'            => $answer['failed'] ?? null,
			'truncated'         => $answer['truncated'] ?? null,
			'cold_ms'           => $cold,
			'cached_ms'         => $cached,
			'cached_queries'    => $queries,
			'status_with_it_ms' => $status,
		);
	}//end foreach
	$wpdb->query( 'ROLLBACK' ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
	echo wp_json_encode( $result ), "\n";
}

/**
 * Each action's worst case under a slow MailerSend (every answer after 9.5 s, just under the
 * 10 s per-call timeout) and a hanging one, beside its deadline: one run per action and
 * MailerSend, real delays (a few minutes). REST over real HTTP as the admin (an application
 * password), the daily check as WP-Cron runs it, WP-CLI as a child process.
 *
 * @return void
 */
function fms_bench_deadlines(): void {
	$tokens   = json_decode( (string) file_get_contents( (string) getenv( 'FMS_TOKENS_FILE' ) ), true );
	$token    = $tokens['tokens']['valid_full']['token'];
	$deadline = ( new FixMailerSend\Support\Deadline() )->budget();
	$admin    = get_user_by( 'login', 'admin' );
	$password = WP_Application_Passwords::create_new_application_password( $admin->ID, array( 'name' => 'bench ' . wp_generate_password( 6, false ) ) );
	$auth     = 'admin:' . $password[0];
	$site     = rtrim( (string) getenv( 'FMS_WP_DIR' ), '/' );
	$wp_cli   = array( PHP_BINARY, dirname( __DIR__ ) . '/vendor/wp-cli/wp-cli/php/boot-fs.php', '--path=' . $site, '--allow-root', '--skip-packages', 'fix-mailersend' );

	// WP Mail SMTP sends with the token the test email and the daily check use.
	WPMailSMTP\Options::init()->set(
		array(
			'mail'       => array( 'mailer' => 'mailersend' ),
			'mailersend' => array( 'api_key' => $token ),
		),
		false,
		false
	);

	$rest = static function ( string $method, string $route, array $body ) use ( $auth ): string {
		list( $status, $answer ) = fms_bench_rest( $auth, $method, $route, $body );
		$verdict                 = $answer['verdict'] ?? $answer['data']['verdict'] ?? null;
		return $status . ' ' . fms_bench_outcome( $answer, $verdict );
	};
	$cli  = static function ( array $args, string $stdin = '' ) use ( $wp_cli, $site ): string {
		// phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.system_calls_proc_open -- runs WP-CLI, as a shell would.
		$process = proc_open( array_merge( $wp_cli, $args, array( '--format=json' ) ), array( array( 'pipe', 'r' ), array( 'pipe', 'w' ), array( 'pipe', 'w' ) ), $pipes, $site, array_merge( getenv(), array( 'WP_CLI_CONFIG_PATH' => '/dev/null' ) ) );
		fwrite( $pipes[0], $stdin );
		fclose( $pipes[0] );
		$out = (string) stream_get_contents( $pipes[1] );
		stream_get_contents( $pipes[2] );
		fclose( $pipes[1] );
		fclose( $pipes[2] );
		$exit   = proc_close( $process );
		$answer = json_decode( $out, true );
		return 'exit ' . $exit . ' ' . fms_bench_outcome( $answer, $answer['verdict'] ?? null );
	};

	$actions = array(
		'check (POST /token/check)'           => static fn() => $rest( 'POST', '/token/check', array( 'token' => $token ) ),
		'deep check (POST /token/check deep)' => static fn() => $rest( 'POST', '/token/check', array( 'token' => $token, 'deep' => true ) ), // phpcs:ignore WordPress.Arrays.ArrayDeclarationSpacing.AssociativeArrayFound
		'save (PUT /token)'                   => static fn() => $rest( 'PUT', '/token', array( 'token' => $token ) ),
		'test email (POST /test-email)'       => static fn() => $rest( 'POST', '/test-email', array( 'to' => 'someone@example.com' ) ),
		'daily check (WP-Cron hook)'          => static function (): string {
			do_action( 'fix_mailersend_daily_check' );
			wp_cache_delete( 'fix_mailersend_last_check', 'options' );
			$check = get_option( 'fix_mailersend_last_check' );
			return fms_bench_outcome( null, is_array( $check ) ? $check['verdict'] : null );
		},
		'wp fix-mailersend set-token'         => static fn() => $cli( array( 'set-token' ), $token ),
		'wp fix-mailersend check --deep'      => static fn() => $cli( array( 'check', '--deep' ) ),
		'wp fix-mailersend test-email'        => static fn() => $cli( array( 'test-email' ) ),
	);

	printf( "%-38s %-9s %9s %9s  %s\n", 'action', 'MailerSend', 'seconds', 'deadline', 'answer' );
	foreach ( array( 'slow' => array( 'fault' => 'slow', 'delay_ms' => 9500 ), 'hanging' => array( 'fault' => 'hang' ) ) as $label => $fault ) { // phpcs:ignore WordPress.Arrays.ArrayDeclarationSpacing.AssociativeArrayFound
		foreach ( $actions as $name => $run ) {
			( new FixMailerSend\Support\Throttle() )->reset();
			fms_bench_standin( $fault );
			$start   = hrtime( true );
			$outcome = $run();
			$seconds = ( hrtime( true ) - $start ) / 1e9;
			fms_bench_standin( array( 'fault' => null ) );
			printf( "%-38s %-9s %9.1f %9.0f  %s\n", $name, $label, $seconds, $deadline, $outcome );
		}
	}
}

/**
 * Sets the MailerSend stand-in's fault (and forgets its requests).
 *
 * @param array<string, mixed> $fault `{ fault, delay_ms? }`; `fault` null: answer normally.
 * @return void
 */
function fms_bench_standin( array $fault ): void {
	$base = rtrim( (string) getenv( 'FMS_STANDIN_URL' ), '/' );
	wp_remote_request( $base . '/__standin/requests', array( 'method' => 'DELETE' ) );
	wp_remote_post(
		$base . '/__standin/fault',
		array(
			'headers' => array( 'Content-Type' => 'application/json' ),
			'body'    => (string) wp_json_encode( $fault + array( 'times' => null ) ),
		)
	);
}

/**
 * One line about an answer: saved / accepted / the verdict id, and the step that ran out of time.
 *
 * @param mixed $answer  The decoded answer.
 * @param mixed $verdict Its verdict, if any.
 * @return string
 */
function fms_bench_outcome( $answer, $verdict ): string {
	$parts = array();
	if ( is_array( $answer ) && isset( $answer['saved'] ) ) {
		$parts[] = $answer['saved'] ? 'saved' : 'not saved';
	}
	if ( is_array( $answer ) && isset( $answer['accepted'] ) ) {
		$parts[] = $answer['accepted'] ? 'accepted' : 'not accepted';
	}
	if ( is_array( $verdict ) ) {
		$evidence = (array) ( $verdict['evidence'] ?? array() );
		$parts[]  = (string) $verdict['id'];
		if ( 'deadline' === ( $evidence['reason'] ?? null ) ) {
			$parts[] = 'ran out of time at ' . $evidence['step'] . ( isset( $evidence['timeout'] ) ? ' (its call had ' . $evidence['timeout'] . ' s)' : ' (not started)' );
		} elseif ( isset( $evidence['reason'] ) ) {
			$parts[] = $evidence['reason'] . ( isset( $evidence['timeout'] ) ? ' after ' . $evidence['timeout'] . ' s' : '' );
		}
	}
	return implode( ', ', $parts );
}

// No throttle for the benchmark's own loop (the throttle itself is still consulted).
add_filter(
	'fix_mailersend_throttle_limits',
	static function ( $limits ) {
		foreach ( $limits as $bucket => $limit ) {
			$limits[ $bucket ] = array(
				'limit'  => 1000000,
				'window' => 60,
			);
		}
		return $limits;
	}
);
wp_set_current_user( 1 );
$fms_tokens = json_decode( (string) file_get_contents( (string) getenv( 'FMS_TOKENS_FILE' ) ), true );

$fms_status = fms_time(
	static function () {
		$GLOBALS['wp_rest_server'] = null; // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals -- core's REST server, reset per run.
		rest_do_request( new WP_REST_Request( 'GET', '/fix-mailersend/v1/status' ) );
	},
	50
);
$fms_check  = fms_time(
	static function () use ( $fms_tokens ) {
		$request = new WP_REST_Request( 'POST', '/fix-mailersend/v1/token/check' );
		$request->set_param( 'token', $fms_tokens['tokens']['valid_full']['token'] );
		rest_do_request( $request );
	},
	30
);
$fms_deep   = fms_time(
	static function () use ( $fms_tokens ) {
		$request = new WP_REST_Request( 'POST', '/fix-mailersend/v1/token/check' );
		$request->set_param( 'token', $fms_tokens['tokens']['valid_full']['token'] );
		$request->set_param( 'deep', true );
		rest_do_request( $request );
	},
	20
);
echo wp_json_encode(
	array(
		'status_ms'     => $fms_status,
		'check_ms'      => $fms_check,
		'deep_check_ms' => $fms_deep,
	)
), "\n";
