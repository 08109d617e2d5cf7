<?php
/**
 * Benchmarks of the held emails (numbers, not assertions), run by `npm run bench` (bin/bench.sh)
 * on the "bench" profile's site:
 *   - a page of GET /held with 10,000 held emails (in-process, and over HTTP as the screen asks
 *     it), deep in the list, searched, and GET /status with its `held` block;
 *   - resending 500 held emails as the screen does (POST /held/resend, then POST
 *     /held/resend/next until none is left), over real HTTP: every request's time beside the
 *     action deadline, the longest printed.
 * The rows are written straight into the table (the capture would cap them at 1,000), then
 * deleted.
 *
 * @package FixMailerSend
 */

// phpcs:disable WordPress.WP.AlternativeFunctions, WordPress.Security.EscapeOutput.OutputNotEscaped, WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL -- a command-line tool on a throwaway site.
// phpcs:disable WordPress.WP.GlobalVariablesOverride.Prohibited -- sets the request globals WordPress expects.

$_SERVER['HTTP_HOST']   = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
require (string) getenv( 'FMS_WP_DIR' ) . '/wp-load.php';
require __DIR__ . '/bench-lib.php';

use FixMailerSend\Recovery\Held_Store;
use FixMailerSend\Support\Deadline;

/**
 * Median, 95th percentile and maximum of a list of times (ms).
 *
 * @param float[] $times Times.
 * @return string
 */
function fms_held_stats( array $times ): string {
	sort( $times );
	$count = count( $times );
	return sprintf( 'median %6.1f ms, p95 %6.1f ms, max %6.1f ms (%d runs)', $times[ intdiv( $count, 2 ) ], $times[ max( 0, (int) ceil( $count * 0.95 ) - 1 ) ], $times[ $count - 1 ], $count );
}

/**
 * GET /status in-process, on a fresh REST server.
 *
 * @return void
 */
function fms_held_status(): void {
	$GLOBALS['wp_rest_server'] = null; // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals -- core's REST server, reset per run.
	rest_do_request( new WP_REST_Request( 'GET', '/fix-mailersend/v1/status' ) );
}

/**
 * GET /held in-process, on a fresh REST server.
 *
 * @param array<string, mixed> $params Query.
 * @return callable
 */
function fms_held_list( array $params ): callable {
	return static function () use ( $params ) {
		$GLOBALS['wp_rest_server'] = null; // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals -- core's REST server, reset per run.
		$request                   = new WP_REST_Request( 'GET', '/fix-mailersend/v1/held' );
		$request->set_query_params( $params );
		rest_do_request( $request );
	};
}

/**
 * Writes $count held emails straight into the table, 500 rows per INSERT.
 *
 * @param Held_Store $store Store.
 * @param int        $count How many.
 * @param bool       $all_whole Only whole emails (else one in 20 is a login link).
 * @return void
 */
function fms_held_seed( Held_Store $store, int $count, bool $all_whole ): void {
	global $wpdb;
	$senders = array( 'WooCommerce', 'WordPress', 'Contact Form 7', 'WPForms' );
	$now     = time();
	for ( $start = 0; $start < $count; $start += 500 ) {
		$values = array();
		$end    = min( $count, $start + 500 );
		for ( $i = $start; $i < $end; $i++ ) {
			$link    = ! $all_whole && 0 === $i % 20;
			$to      = 'customer' . $i . '@example.com';
			$subject = $link ? '[Shop] Password Reset' : 'Your order #' . ( 10000 + $i ) . ' has been received';
			$message = '<p>Hi,</p><p>thank you for your order #' . ( 10000 + $i ) . '.</p>' . str_repeat( '<p>Line of the order, with its price and quantity.</p>', 12 );
			$args    = $link ? null : (string) wp_json_encode(
				array(
					'to'      => array( $to ),
					'subject' => $subject,
					'message' => $message,
					'headers' => array( 'Content-Type: text/html; charset=UTF-8' ),
				)
			);
			// phpcs:ignore WordPress.DB.PreparedSQLPlaceholders.ReplacementsWrongNumber -- NULL args take no placeholder.
			$values[] = $wpdb->prepare(
				'(%s, %s, %s, %s, %s, %s, %s, %s, %s, ' . ( null === $args ? 'NULL' : '%s' ) . ', %d)',
				array_merge(
					array(
						gmdate( 'Y-m-d H:i:s', $now - ( $count - $i ) * 200 ),
						'held',
						$link ? 'link' : 'whole',
						'unauthenticated',
						$to,
						$subject,
						'shop@example.com',
						$senders[ $i % 4 ],
						sha1( $to . "\n" . $subject . "\n" . $message ),
					),
					null === $args ? array() : array( $args ),
					array( null === $args ? 0 : strlen( $args ) )
				)
			);
		}//end for
		$wpdb->query( "INSERT INTO {$store->table()} (created_at, status, kind, verdict, recipients, subject, sender, initiator, fingerprint, args, bytes) VALUES " . implode( ',', $values ) );
	}//end for
}

$fms_store = new Held_Store();
$fms_store->maybe_install();
$fms_store->delete_all();
wp_set_current_user( 1 );

$fms_admin    = get_user_by( 'login', 'admin' );
$fms_password = WP_Application_Passwords::create_new_application_password( $fms_admin->ID, array( 'name' => 'bench held ' . wp_generate_password( 6, false ) ) );
$fms_auth     = 'admin:' . $fms_password[0];

// 1. The list with 10,000 held emails.
fms_held_seed( $fms_store, 10000, false );
echo "GET /held with 10,000 held emails (in-process, admin):\n";
$fms_cases = array(
	'page 1 of 20'                   => array( array(), 30 ),
	'page 100 of 100 (per_page 100)' => array(
		array(
			'page'     => 100,
			'per_page' => 100,
		),
		20,
	),
	'search "customer4242"'          => array( array( 'search' => 'customer4242' ), 30 ),
);
foreach ( $fms_cases as $fms_label => $fms_case ) {
	printf( "  %-34s %s\n", $fms_label, fms_held_stats( fms_bench_times( fms_held_list( $fms_case[0] ), $fms_case[1] ) ) );
}
printf( "  %-34s %s\n", 'GET /status (with the held block)', fms_held_stats( fms_bench_times( 'fms_held_status', 30 ) ) );
$fms_http = array();
for ( $fms_i = 0; $fms_i < 20; $fms_i++ ) {
	$fms_http[] = fms_bench_rest( $fms_auth, 'GET', '/held' )[2] * 1000;
}
printf( "  %-34s %s\n", 'page 1 over HTTP (whole request)', fms_held_stats( $fms_http ) );
$fms_store->delete_all();

// 2. Resending 500, as the screen does.
$fms_tokens = json_decode( (string) file_get_contents( (string) getenv( 'FMS_TOKENS_FILE' ) ), true );
WPMailSMTP\Options::init()->set(
	array(
		'mail'       => array( 'mailer' => 'mailersend' ),
		'mailersend' => array( 'api_key' => $fms_tokens['tokens']['valid_full']['token'] ),
	),
	false,
	false
);
fms_held_seed( $fms_store, 500, true );
$fms_ids    = array_map( 'intval', $wpdb->get_col( "SELECT id FROM {$fms_store->table()} ORDER BY id" ) );
$fms_queued = fms_bench_rest( $fms_auth, 'POST', '/held/resend', array( 'ids' => $fms_ids ) )[1];
$fms_times  = array();
$fms_sent   = 0;
$fms_calls  = 0;
$fms_start  = hrtime( true );
do {
	list( $fms_status, $fms_answer, $fms_seconds ) = fms_bench_rest( $fms_auth, 'POST', '/held/resend/next' );

	$fms_times[] = $fms_seconds * 1000;
	$fms_sent   += is_array( $fms_answer ) ? count( $fms_answer['sent'] ) : 0;
	++$fms_calls;
} while ( 200 === $fms_status && is_array( $fms_answer ) && $fms_answer['left'] > 0 && null === $fms_answer['stopped'] && $fms_calls < 1000 );
$fms_total = ( hrtime( true ) - $fms_start ) / 1e9;
printf(
	"Resending 500 held emails over HTTP (stand-in on loopback): queued %d, sent %d in %d POST /held/resend/next requests, %.1f s in all\n",
	is_array( $fms_queued ) ? (int) $fms_queued['queued'] : 0,
	$fms_sent,
	$fms_calls,
	$fms_total
);
printf( "  /next requests: %s; the longest %.1f s beside the action deadline of %.0f s\n", fms_held_stats( $fms_times ), max( $fms_times ) / 1000, Deadline::start( 'resend' )->budget() );
$fms_store->delete_all();
