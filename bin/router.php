<?php
/**
 * Router for PHP's built-in web server (development and tests only): static files as they
 * are, PHP files run, everything else goes to WordPress's index.php (pretty permalinks, REST).
 *
 * @package FixMailerSend
 */

$fms_path = (string) parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH ); // phpcs:ignore
$fms_file = $_SERVER['DOCUMENT_ROOT'] . urldecode( $fms_path ); // phpcs:ignore

// A subdirectory network (FMS_MULTISITE=1): /second/wp-admin/…, /second/wp-includes/… and
// /second/*.php are the main site's files, as the .htaccess WordPress gives such networks says.
$fms_site_file = '1' === getenv( 'FMS_MULTISITE' ) && ! file_exists( $fms_file )
	&& preg_match( '#^/[_0-9a-zA-Z-]+(/wp-(?:content|admin|includes)(?:/.*)?|/.*\.php)$#', urldecode( $fms_path ), $fms_match );
if ( $fms_site_file ) {
	$fms_file = $_SERVER['DOCUMENT_ROOT'] . $fms_match[1]; // phpcs:ignore
}

if ( is_dir( $fms_file ) && file_exists( rtrim( $fms_file, '/' ) . '/index.php' ) ) {
	$fms_file = rtrim( $fms_file, '/' ) . '/index.php';
}
if ( is_file( $fms_file ) && '.php' !== substr( $fms_file, -4 ) ) {
	if ( ! $fms_site_file ) {
		// php -S serves the requested path itself.
		return false;
	}
	$fms_types = array(
		'css' => 'text/css',
		'js'  => 'text/javascript',
		'svg' => 'image/svg+xml',
	);
	header( 'Content-Type: ' . ( $fms_types[ strtolower( pathinfo( $fms_file, PATHINFO_EXTENSION ) ) ] ?? mime_content_type( $fms_file ) ) );
	readfile( $fms_file ); // phpcs:ignore
	return true;
}
if ( is_file( $fms_file ) ) {
	$_SERVER['SCRIPT_NAME']     = substr( $fms_file, strlen( $_SERVER['DOCUMENT_ROOT'] ) ); // phpcs:ignore
	$_SERVER['SCRIPT_FILENAME'] = $fms_file;
	chdir( dirname( $fms_file ) );
	require $fms_file;
	return true;
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
require $_SERVER['DOCUMENT_ROOT'] . '/index.php'; // phpcs:ignore
