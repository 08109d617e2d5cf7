<?php
/**
 * Benchmarks (numbers, not assertions). Run through `npm run bench` (bin/bench.sh), which starts
 * the "bench" profile's site. Prints:
 *   - what Fix MailerSend adds to a front-end page load: callbacks hooked, classes loaded, time;
 *   - GET /status in-process latency (the Diagnose step's one request);
 *   - POST /token/check latency against the MailerSend stand-in (loopback, so this is the
 *     plugin's own overhead plus one HTTP round trip).
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

/**
 * Median and 95th percentile of a callable's wall time, in ms.
 *
 * @param callable $run  The work.
 * @param int      $runs How many times.
 * @return array{median: float, p95: float, runs: int}
 */
function fms_time( callable $run, int $runs ): array {
	$times = array();
	for ( $i = 0; $i < $runs; $i++ ) {
		$t = hrtime( true );
		$run();
		$times[] = ( hrtime( true ) - $t ) / 1e6;
	}
	sort( $times );
	return array(
		'median' => round( $times[ intdiv( $runs, 2 ) ], 2 ),
		'p95'    => round( $times[ (int) floor( $runs * 0.95 ) - 1 ], 2 ),
		'runs'   => $runs,
	);
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
