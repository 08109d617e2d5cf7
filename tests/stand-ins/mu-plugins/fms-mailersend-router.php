<?php
/**
 * Plugin Name: Fix MailerSend test router (TEST ONLY)
 * Description: TEST CODE, never shipped. Routes WordPress's HTTP requests for api.mailersend.com to the local MailerSend stand-in (FIX_MAILERSEND_STANDIN_URL in wp-config.php).
 * Version: 0.1.0
 * License: GPL-2.0-or-later
 *
 * Installed by bin/ as a must-use plugin of the local test sites only.
 *
 * How a request for https://api.mailersend.com/<path>?<query> is handled:
 * - WordPress would block it (WP_HTTP_BLOCK_EXTERNAL without api.mailersend.com in
 *   WP_ACCESSIBLE_HOSTS): the router steps aside, so core returns its real
 *   "User has blocked requests through HTTP." error and fires http_api_debug itself.
 * - Otherwise the same request (method, headers, body, timeout, …) goes to the stand-in at
 *   FIX_MAILERSEND_STANDIN_URL/<path>?<query> through wp_remote_request(), so timeouts and
 *   WP_Error values are WordPress's own. A token marked "transport": "refused" in
 *   tests/stand-ins/mailersend/tokens.json goes to http://127.0.0.1:1 instead (connection refused).
 * - core skips http_api_debug when pre_http_request answers, so the router fires it for the
 *   original URL, as core would have. The inner request to 127.0.0.1 fires its own
 *   http_api_debug for the 127.0.0.1 URL (harmless: the plugin only watches api.mailersend.com)
 *   and does not come back here (its host is not api.mailersend.com), so there is no recursion.
 *
 * @package FixMailerSend\Tests
 */

defined( 'ABSPATH' ) || exit;

/** The host this router takes over. */
const FMS_TEST_MAILERSEND_HOST = 'api.mailersend.com';

/** Where tokens marked "transport": "refused" go: nothing listens on port 1. */
const FMS_TEST_REFUSED_BASE_URL = 'http://127.0.0.1:1';

// Late, so that a test's own pre_http_request mock (priority 10) answers first and is left alone.
add_filter( 'pre_http_request', 'fms_test_route_mailersend_request', 100, 3 );

/**
 * Answers a request for api.mailersend.com with the stand-in's answer.
 *
 * @param false|array|WP_Error $response    A preemptive answer, or false.
 * @param array                $parsed_args The request's arguments, after WP_Http's defaults.
 * @param string               $url         The request URL.
 * @return false|array|WP_Error The stand-in's answer, or $response unchanged when not ours.
 */
function fms_test_route_mailersend_request( $response, $parsed_args, $url ) {
	if ( false !== $response || ! fms_test_is_mailersend_url( $url ) ) {
		return $response;
	}

	// Let WordPress produce its own "blocked" error (this is how `blocked_by_site` is tested).
	if ( ( new WP_Http() )->block_request( $url ) ) {
		return $response;
	}

	$target = fms_test_standin_url( $url, $parsed_args );
	if ( is_wp_error( $target ) ) {
		$result = $target;
	} else {
		$inner_args                       = $parsed_args;
		$inner_args['reject_unsafe_urls'] = false;

		$result = wp_remote_request( $target, $inner_args );
		fms_test_restore_original_url( $result, $url );
	}

	/** This action is documented in wp-includes/class-wp-http.php */
	do_action( 'http_api_debug', $result, 'response', 'WpOrg\Requests\Requests', $parsed_args, $url ); // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.NonPrefixedHooknameFound -- Core's own hook, fired as core would.

	return $result;
}

/**
 * Whether a URL is MailerSend's API.
 *
 * @param string $url URL.
 * @return bool True for https://api.mailersend.com/….
 */
function fms_test_is_mailersend_url( $url ) {
	$host = wp_parse_url( $url, PHP_URL_HOST );

	return is_string( $host ) && FMS_TEST_MAILERSEND_HOST === strtolower( $host );
}

/**
 * The stand-in URL for a MailerSend URL: same path and query on the stand-in, or on a closed
 * port for a token marked "transport": "refused".
 *
 * @param string $url         MailerSend URL.
 * @param array  $parsed_args Request arguments.
 * @return string|WP_Error Stand-in URL, or an error when the stand-in is not usable.
 */
function fms_test_standin_url( $url, $parsed_args ) {
	if ( ! defined( 'FIX_MAILERSEND_STANDIN_URL' ) || '' === (string) FIX_MAILERSEND_STANDIN_URL ) {
		return fms_test_router_error( 'FIX_MAILERSEND_STANDIN_URL is not defined in wp-config.php.' );
	}

	$token = fms_test_bearer_token( isset( $parsed_args['headers'] ) ? $parsed_args['headers'] : array() );
	$base  = in_array( $token, fms_test_refused_tokens(), true ) ? FMS_TEST_REFUSED_BASE_URL : (string) FIX_MAILERSEND_STANDIN_URL;

	$path   = wp_parse_url( $url, PHP_URL_PATH );
	$query  = wp_parse_url( $url, PHP_URL_QUERY );
	$target = untrailingslashit( $base ) . ( is_string( $path ) ? $path : '/' ) . ( is_string( $query ) ? '?' . $query : '' );

	// The stand-in must be reachable under the site's own blocking rules (it is on the site's host).
	if ( ( new WP_Http() )->block_request( $target ) ) {
		return fms_test_router_error( 'WordPress blocks the stand-in URL ' . $target . '; serve it on the site\'s host.' );
	}

	return $target;
}

/**
 * The token after "Bearer " in the Authorization header.
 *
 * @param array|string $headers Request headers (an array, or raw header lines).
 * @return string Token, or '' when there is none.
 */
function fms_test_bearer_token( $headers ) {
	if ( is_string( $headers ) ) {
		$processed = WP_Http::processHeaders( $headers );
		$headers   = $processed['headers'];
	}

	foreach ( (array) $headers as $name => $value ) {
		if ( 'authorization' === strtolower( (string) $name ) && is_string( $value ) && 0 === strpos( $value, 'Bearer ' ) ) {
			return trim( substr( $value, strlen( 'Bearer ' ) ) );
		}
	}

	return '';
}

/**
 * Tokens of tokens.json marked "transport": "refused".
 *
 * The table is found at FIX_MAILERSEND_TOKENS_FILE (constant), else $FMS_TOKENS_FILE
 * (environment), else beside this file's real location (bin/ symlinks it).
 *
 * @return string[] Tokens.
 */
function fms_test_refused_tokens() {
	static $refused = null;

	if ( null !== $refused ) {
		return $refused;
	}

	$refused = array();
	$file    = defined( 'FIX_MAILERSEND_TOKENS_FILE' ) ? (string) FIX_MAILERSEND_TOKENS_FILE : (string) getenv( 'FMS_TOKENS_FILE' );
	if ( '' === $file ) {
		$file = dirname( __DIR__ ) . '/mailersend/tokens.json';
	}

	$json  = is_readable( $file ) ? file_get_contents( $file ) : false; // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- A local test file.
	$table = is_string( $json ) ? json_decode( $json, true ) : null;
	if ( ! is_array( $table ) || ! isset( $table['tokens'] ) || ! is_array( $table['tokens'] ) ) {
		fms_test_router_error( 'Cannot read the scripted tokens from ' . $file . '.' );
		return $refused;
	}

	foreach ( $table['tokens'] as $entry ) {
		if ( isset( $entry['transport'], $entry['token'] ) && 'refused' === $entry['transport'] ) {
			$refused[] = (string) $entry['token'];
		}
	}

	return $refused;
}

/**
 * Makes the stand-in's response report the MailerSend URL it stands for.
 *
 * @param array|WP_Error $result Response from wp_remote_request().
 * @param string         $url    Original MailerSend URL.
 */
function fms_test_restore_original_url( $result, $url ) {
	if ( is_array( $result ) && isset( $result['http_response'] ) && $result['http_response'] instanceof WP_HTTP_Requests_Response ) {
		$result['http_response']->get_response_object()->url = $url;
	}
}

/**
 * Reports a broken test set-up loudly (a notice in debug.log fails the test run).
 *
 * @param string $message What is wrong.
 * @return WP_Error The error to answer with, so nothing goes to the real MailerSend.
 */
function fms_test_router_error( $message ) {
	_doing_it_wrong( 'fms_test_route_mailersend_request', esc_html( $message ), '0.1.0' );

	return new WP_Error( 'fms_test_router_misconfigured', $message );
}
