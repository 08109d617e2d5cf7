<?php
/**
 * Router for PHP's built-in web server (development and tests only): static files as they
 * are, PHP files run, everything else goes to WordPress's index.php (pretty permalinks, REST).
 *
 * @package FixMailerSend
 */

$fms_path = (string) parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH ); // phpcs:ignore
$fms_file = $_SERVER['DOCUMENT_ROOT'] . urldecode( $fms_path ); // phpcs:ignore

if ( is_dir( $fms_file ) && file_exists( rtrim( $fms_file, '/' ) . '/index.php' ) ) {
	$fms_file = rtrim( $fms_file, '/' ) . '/index.php';
}
if ( is_file( $fms_file ) ) {
	if ( '.php' !== substr( $fms_file, -4 ) ) {
		return false;
	}
	$_SERVER['SCRIPT_NAME']     = substr( $fms_file, strlen( $_SERVER['DOCUMENT_ROOT'] ) ); // phpcs:ignore
	$_SERVER['SCRIPT_FILENAME'] = $fms_file;
	chdir( dirname( $fms_file ) );
	require $fms_file;
	return true;
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
require $_SERVER['DOCUMENT_ROOT'] . '/index.php'; // phpcs:ignore
