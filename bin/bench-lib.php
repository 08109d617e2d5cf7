<?php
/**
 * What the benchmark scripts share (bin/bench.php, bin/bench-held.php): timing a callable and
 * one REST request over real HTTP as the admin. Loaded after wp-load.php.
 *
 * @package FixMailerSend
 */

// phpcs:disable WordPress.WP.AlternativeFunctions -- a command-line tool: curl is what it measures with.

/**
 * A callable's wall times, in ms, one per run.
 *
 * @param callable $run  The work.
 * @param int      $runs How many times.
 * @return float[]
 */
function fms_bench_times( callable $run, int $runs ): array {
	$times = array();
	for ( $i = 0; $i < $runs; $i++ ) {
		$start = hrtime( true );
		$run();
		$times[] = ( hrtime( true ) - $start ) / 1e6;
	}
	return $times;
}

/**
 * Median and 95th percentile of a callable's wall time, in ms.
 *
 * @param callable $run  The work.
 * @param int      $runs How many times.
 * @return array{median: float, p95: float, runs: int}
 */
function fms_time( callable $run, int $runs ): array {
	$times = fms_bench_times( $run, $runs );
	sort( $times );
	return array(
		'median' => round( $times[ intdiv( $runs, 2 ) ], 2 ),
		'p95'    => round( $times[ max( 0, (int) floor( $runs * 0.95 ) - 1 ) ], 2 ),
		'runs'   => $runs,
	);
}

/**
 * One request to the plugin's REST API over HTTP, as the admin (an application password).
 *
 * @param string               $auth   login:application-password.
 * @param string               $method Method.
 * @param string               $route  Route under the namespace (with its query).
 * @param array<string, mixed> $body   JSON body (not sent with GET).
 * @return array{0: int, 1: mixed, 2: float} Status, decoded body, seconds.
 */
function fms_bench_rest( string $auth, string $method, string $route, array $body = array() ): array {
	$handle = curl_init( rtrim( (string) getenv( 'FMS_SITE_URL' ), '/' ) . '/wp-json/fix-mailersend/v1' . $route );
	curl_setopt_array(
		$handle,
		array(
			CURLOPT_CUSTOMREQUEST  => $method,
			CURLOPT_RETURNTRANSFER => true,
			CURLOPT_TIMEOUT        => 120,
			CURLOPT_USERPWD        => $auth,
			CURLOPT_HTTPHEADER     => array( 'Content-Type: application/json' ),
			CURLOPT_POSTFIELDS     => 'GET' === $method ? null : (string) wp_json_encode( (object) $body ),
		)
	);
	$raw     = (string) curl_exec( $handle );
	$status  = (int) curl_getinfo( $handle, CURLINFO_RESPONSE_CODE );
	$seconds = (float) curl_getinfo( $handle, CURLINFO_TOTAL_TIME );
	curl_close( $handle );
	return array( $status, json_decode( $raw, true ), $seconds );
}
