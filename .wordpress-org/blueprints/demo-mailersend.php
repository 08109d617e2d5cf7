<?php
/**
 * Plugin Name: Fix MailerSend live preview: demo MailerSend
 * Description: LIVE PREVIEW ONLY. Answers MailerSend's API for three demo tokens inside WordPress Playground, which cannot reach MailerSend. Does nothing anywhere else.
 * Version: 0.1.0
 * License: GPL-2.0-or-later
 *
 * The wordpress.org live preview (.wordpress-org/blueprints/blueprint.json) writes this file into
 * wp-content/mu-plugins/ of a WordPress Playground site. It is not part of the plugin (never in
 * the zip).
 *
 * It turns itself on only when all three hold (see fms_demo_enabled()):
 * 1. wp-config.php defines FIX_MAILERSEND_DEMO as 'playground' — the blueprint's
 *    defineWpConfigConsts step writes it;
 * 2. PHP runs on WebAssembly: php_uname( 's' ) is 'Emscripten' (Emscripten's uname(), which
 *    Playground's PHP is built with); PHP on a server says Linux, Darwin, FreeBSD, Windows NT…;
 * 3. php.ini's auto_prepend_file is Playground's own /internal/shared/auto_prepend_file.php.
 * A real site never meets 2 and 3, even with this file copied into its mu-plugins and the
 * constant defined by mistake: its requests to MailerSend stay untouched. Anything that cannot
 * be read (php_uname() disabled, …) counts as "not Playground".
 *
 * When on, it answers every request for https://api.mailersend.com/ itself (`pre_http_request`),
 * so nothing leaves the preview:
 * - the revoked demo token (the one the preview starts with): 401 "Unauthenticated." everywhere;
 * - the working demo token: the quota, example.com verified, sends accepted (202);
 * - the demo token of another MailerSend account: only another-company.test verified, so a send
 *   from @example.com is refused (422 #MS42207);
 * - any other token: a transport error that says the preview cannot reach MailerSend.
 * Answers follow MailerSend's documented shapes (as the test stand-in in tests/stand-ins/
 * mailersend/ does) and carry `x-fix-mailersend-demo: 1`. On the Fix MailerSend screen a notice
 * says that MailerSend is a demo here and which token to paste.
 *
 * @package FixMailerSend\Preview
 */

defined( 'ABSPATH' ) || exit;

/** The value of FIX_MAILERSEND_DEMO that the live preview's blueprint defines. */
const FMS_DEMO_MARKER = 'playground';

/** Playground's php.ini auto_prepend_file (@php-wasm/universal). */
const FMS_DEMO_PLAYGROUND_PREPEND = '/internal/shared/auto_prepend_file.php';

/**
 * MailerSend's token prefix. Kept apart from the rest of each demo token so that no literal in
 * this file looks like a real token to a secret scanner: the demo tokens are fake and public.
 */
const FMS_DEMO_TOKEN_PREFIX = 'mlsn.';

/** Demo token => what it stands for. Fake, public, and useless outside the preview. */
const FMS_DEMO_TOKENS = array(
	FMS_DEMO_TOKEN_PREFIX . 'DEMOpreviewRevokedToken0000000000000000000000000000000000000Gone' => 'revoked',
	FMS_DEMO_TOKEN_PREFIX . 'DEMOpreviewWorkingToken0000000000000000000000000000000000000Work' => 'working',
	FMS_DEMO_TOKEN_PREFIX . 'DEMOpreviewOtherAccount0000000000000000000000000000000000000Othr' => 'other_account',
);

/**
 * Whether the facts describe WordPress Playground's PHP.
 *
 * @param string $os      php_uname( 's' ).
 * @param string $prepend ini_get( 'auto_prepend_file' ).
 * @return bool
 */
function fms_demo_is_playground_runtime( $os, $prepend ) {
	return 'Emscripten' === $os && FMS_DEMO_PLAYGROUND_PREPEND === $prepend;
}

/**
 * Whether the demo may run here: the preview's constant, in Playground's PHP.
 *
 * @return bool
 */
function fms_demo_enabled() {
	if ( ! defined( 'FIX_MAILERSEND_DEMO' ) || FMS_DEMO_MARKER !== FIX_MAILERSEND_DEMO ) {
		return false;
	}
	$os      = function_exists( 'php_uname' ) ? (string) php_uname( 's' ) : '';
	$prepend = (string) ini_get( 'auto_prepend_file' );
	return fms_demo_is_playground_runtime( $os, $prepend );
}

/**
 * A demo token by what it stands for.
 *
 * @param string $kind 'revoked', 'working' or 'other_account'.
 * @return string
 */
function fms_demo_token( $kind ) {
	return (string) array_search( $kind, FMS_DEMO_TOKENS, true );
}

/**
 * Hooks the demo in. Called below only when fms_demo_enabled().
 */
function fms_demo_boot() {
	add_filter( 'pre_http_request', 'fms_demo_pre_http_request', 5, 3 );
	add_action( 'admin_notices', 'fms_demo_notice' );
}

/**
 * Answers WordPress's requests for api.mailersend.com.
 *
 * @param false|array|WP_Error $response    A preemptive answer, or false.
 * @param array                $parsed_args The request's arguments.
 * @param string               $url         The request URL.
 * @return false|array|WP_Error
 */
function fms_demo_pre_http_request( $response, $parsed_args, $url ) {
	$host = wp_parse_url( $url, PHP_URL_HOST );
	if ( false !== $response || ! is_string( $host ) || 'api.mailersend.com' !== strtolower( $host ) ) {
		return $response;
	}

	$method = strtoupper( isset( $parsed_args['method'] ) ? (string) $parsed_args['method'] : 'GET' );
	$path   = (string) wp_parse_url( $url, PHP_URL_PATH );
	$query  = array();
	wp_parse_str( (string) wp_parse_url( $url, PHP_URL_QUERY ), $query );
	$body = isset( $parsed_args['body'] ) && is_string( $parsed_args['body'] ) ? json_decode( $parsed_args['body'], true ) : null;
	$kind = fms_demo_token_kind( isset( $parsed_args['headers'] ) ? $parsed_args['headers'] : array() );

	if ( null === $kind ) {
		$result = new WP_Error( 'http_request_failed', 'This live preview cannot reach MailerSend: only its demo tokens get an answer here.' );
	} else {
		$answer = fms_demo_answer( $kind, $method, $path, $query, $body );
		$result = fms_demo_http_response( $answer, $url, $parsed_args );
	}

	// Core skips http_api_debug when pre_http_request answers; fire it as core would have
	// (WP Mail SMTP's and Fix MailerSend's observers listen to it).
	do_action( 'http_api_debug', $result, 'response', 'WpOrg\Requests\Requests', $parsed_args, $url ); // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.NonPrefixedHooknameFound -- core's own hook.

	return $result;
}

/**
 * Which demo token the request carries.
 *
 * @param array|string $headers Request headers.
 * @return string|null 'revoked', 'working', 'other_account', or null for any other token.
 */
function fms_demo_token_kind( $headers ) {
	if ( is_string( $headers ) ) {
		$processed = WP_Http::processHeaders( $headers );
		$headers   = $processed['headers'];
	}
	foreach ( (array) $headers as $name => $value ) {
		if ( 'authorization' === strtolower( (string) $name ) && is_string( $value ) && 0 === strpos( $value, 'Bearer ' ) ) {
			$token = trim( substr( $value, 7 ) );
			return array_key_exists( $token, FMS_DEMO_TOKENS ) ? FMS_DEMO_TOKENS[ $token ] : null;
		}
	}
	return null;
}

/**
 * MailerSend's answer for a demo token.
 *
 * @param string     $kind   What the token stands for.
 * @param string     $method HTTP method.
 * @param string     $path   URL path, e.g. /v1/api-quota.
 * @param array      $query  Query parameters.
 * @param mixed|null $body   Decoded JSON body.
 * @return array{0: int, 1: array<string, string>, 2: string} Status, headers, body.
 */
function fms_demo_answer( $kind, $method, $path, $query, $body ) {
	$routes = array(
		'/v1/api-quota' => 'GET',
		'/v1/domains'   => 'GET',
		'/v1/email'     => 'POST',
	);
	if ( ! isset( $routes[ $path ] ) ) {
		return fms_demo_json( 404, array( 'message' => 'The route ' . ltrim( $path, '/' ) . ' could not be found.' ) );
	}
	if ( $routes[ $path ] !== $method && ! ( 'HEAD' === $method && 'GET' === $routes[ $path ] ) ) {
		return fms_demo_json( 405, array( 'message' => 'The ' . $method . ' method is not supported for route ' . ltrim( $path, '/' ) . '.' ) );
	}
	if ( 'revoked' === $kind ) {
		return fms_demo_json( 401, array( 'message' => 'Unauthenticated.' ) );
	}

	$domain = 'working' === $kind ? 'example.com' : 'another-company.test';
	$reset  = gmdate( 'Y-m-d\T00:00:00\Z', time() + DAY_IN_SECONDS );
	$quota  = array(
		'x-apiquota-remaining' => '999',
		'x-apiquota-reset'     => $reset,
	);

	if ( '/v1/api-quota' === $path ) {
		return fms_demo_json(
			200,
			array(
				'quota'     => 1000,
				'remaining' => 999,
				'reset'     => $reset,
			),
			$quota
		);
	}
	if ( '/v1/domains' === $path ) {
		return fms_demo_json( 200, fms_demo_domain_page( $domain, $query ), $quota );
	}

	$errors = fms_demo_email_errors( is_array( $body ) ? $body : array(), $domain );
	if ( $errors ) {
		$all     = call_user_func_array( 'array_merge', array_values( $errors ) );
		$message = $all[0] . ( count( $all ) > 1 ? sprintf( ' (and %d more %s)', count( $all ) - 1, 2 === count( $all ) ? 'error' : 'errors' ) : '' );
		return fms_demo_json(
			422,
			array(
				'message' => $message,
				'errors'  => $errors,
			),
			$quota
		);
	}
	return array(
		202,
		array_merge(
			array(
				'content-type' => 'text/html; charset=UTF-8',
				'x-message-id' => bin2hex( random_bytes( 12 ) ),
			),
			$quota
		),
		'',
	);
}

/**
 * GET /v1/domains: one page holding the account's one verified domain.
 *
 * @param string $domain The account's domain.
 * @param array  $query  Query parameters (limit 10..100, page).
 * @return array
 */
function fms_demo_domain_page( $domain, $query ) {
	$limit = isset( $query['limit'] ) ? (int) $query['limit'] : 25;
	$page  = isset( $query['page'] ) ? max( 1, (int) $query['page'] ) : 1;
	$data  = 1 === $page ? array(
		array(
			'id'              => substr( sha1( $domain ), 0, 16 ),
			'name'            => $domain,
			'dkim'            => true,
			'spf'             => true,
			'is_verified'     => true,
			'is_dns_active'   => true,
			'domain_settings' => array( 'send_paused' => false ),
		),
	) : array();
	$base  = 'https://api.mailersend.com/v1/domains';
	return array(
		'data'  => $data,
		'links' => array(
			'first' => $base . '?page=1',
			'last'  => $base . '?page=1',
			'prev'  => $page > 1 ? $base . '?page=' . ( $page - 1 ) : null,
			'next'  => null,
		),
		'meta'  => array(
			'current_page' => $page,
			'from'         => $data ? 1 : null,
			'last_page'    => 1,
			'path'         => $base,
			'per_page'     => $limit,
			'to'           => $data ? 1 : null,
			'total'        => 1,
		),
	);
}

/**
 * MailerSend's validation of POST /v1/email, in its order: from, to, subject, content.
 *
 * @param array  $input  The request body.
 * @param string $domain The account's verified domain.
 * @return array<string, string[]> Field => messages; empty when the email may go.
 */
function fms_demo_email_errors( $input, $domain ) {
	$errors = array();
	$from   = isset( $input['from']['email'] ) ? (string) $input['from']['email'] : '';
	if ( '' === $from ) {
		$errors['from.email'][] = 'The from.email field is required. #MS42209';
	} elseif ( ! is_email( $from ) ) {
		$errors['from.email'][] = 'The from.email must be a valid email address. #MS42208';
	} else {
		$from_domain = strtolower( substr( $from, strrpos( $from, '@' ) + 1 ) );
		if ( $from_domain !== $domain && substr( $from_domain, -strlen( '.' . $domain ) ) !== '.' . $domain ) {
			$errors['from.email'][] = 'The from.email domain must be verified in your account to send emails. #MS42207';
		}
	}
	$to = isset( $input['to'] ) ? $input['to'] : null;
	if ( ! is_array( $to ) || array() === $to ) {
		$errors['to'][] = 'The to field is required. #MS42209';
	} elseif ( count( $to ) > 50 ) {
		$errors['to'][] = 'The to may not have more than 50 items. #MS42205';
	} else {
		foreach ( array_values( $to ) as $i => $recipient ) {
			if ( ! is_array( $recipient ) || ! isset( $recipient['email'] ) || ! is_email( (string) $recipient['email'] ) ) {
				$errors[ "to.$i.email" ][] = "The to.$i.email must be a valid email address. #MS42208";
			}
		}
	}
	$template = ! empty( $input['template_id'] );
	if ( empty( $input['subject'] ) && ! $template ) {
		$errors['subject'][] = 'The subject field is required. #MS42209';
	}
	if ( empty( $input['html'] ) && empty( $input['text'] ) && ! $template ) {
		$errors['text'][] = 'You must provide one of html, text or template_id. #MS42211';
	}
	return $errors;
}

/**
 * A JSON answer, encoded as MailerSend's PHP does (slashes escaped).
 *
 * @param int                   $status  HTTP status.
 * @param array                 $data    Body.
 * @param array<string, string> $headers Extra headers.
 * @return array{0: int, 1: array<string, string>, 2: string}
 */
function fms_demo_json( $status, $data, $headers = array() ) {
	return array(
		$status,
		array_merge( array( 'content-type' => 'application/json' ), $headers ),
		(string) wp_json_encode( $data ),
	);
}

/**
 * The answer as WordPress's HTTP API returns one (as WP_Http::request() builds it).
 *
 * @param array{0: int, 1: array<string, string>, 2: string} $answer      Status, headers, body.
 * @param string                                             $url         The request URL.
 * @param array                                              $parsed_args The request's arguments.
 * @return array
 */
function fms_demo_http_response( $answer, $url, $parsed_args ) {
	list( $status, $headers, $body ) = $answer;

	$raw                              = new WpOrg\Requests\Response();
	$raw->status_code                 = $status;
	$raw->protocol_version            = 1.1;
	$raw->success                     = $status >= 200 && $status < 300;
	$raw->url                         = $url;
	$raw->body                        = $body;
	$raw->raw                         = $body;
	$headers['x-fix-mailersend-demo'] = '1';
	foreach ( $headers as $name => $value ) {
		$raw->headers[ $name ] = $value;
	}

	$http_response             = new WP_HTTP_Requests_Response( $raw, isset( $parsed_args['filename'] ) ? $parsed_args['filename'] : null );
	$response                  = $http_response->to_array();
	$response['http_response'] = $http_response;
	return $response;
}

/**
 * On the Fix MailerSend screen: MailerSend is a demo here, and the token to paste.
 */
function fms_demo_notice() {
	// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- which screen this is; nothing is changed.
	if ( ! isset( $_GET['page'] ) || 'fix-mailersend' !== $_GET['page'] ) {
		return;
	}
	$revoked = fms_demo_token( 'revoked' );
	?>
	<div class="notice notice-info fms-demo-notice">
		<p><strong>Live preview — demo MailerSend.</strong> This WordPress runs in your browser and cannot reach MailerSend: a demo MailerSend answers instead, for demo tokens only. Nothing is sent anywhere.</p>
		<p>WP Mail SMTP holds a demo token MailerSend has revoked (<code><?php echo esc_html( substr( $revoked, 0, 7 ) . '…' . substr( $revoked, -4 ) ); ?></code>), and an email has failed. To fix it, paste this working demo token in step 3:</p>
		<p><code class="fms-demo-token"><?php echo esc_html( fms_demo_token( 'working' ) ); ?></code></p>
		<p>To see what a token of another MailerSend account does: <code><?php echo esc_html( fms_demo_token( 'other_account' ) ); ?></code></p>
	</div>
	<?php
}

if ( fms_demo_enabled() ) {
	fms_demo_boot();
}
