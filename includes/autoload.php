<?php
/**
 * Fallback PSR-4 autoloader for installs without Composer's vendor/ (the plugin zip).
 *
 * Maps FixMailerSend\Dir\Class_Name to includes/Dir/Class_Name.php, as composer.json does.
 *
 * @package FixMailerSend
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

spl_autoload_register(
	static function ( $class_name ) {
		$prefix = 'FixMailerSend\\';
		if ( 0 !== strpos( $class_name, $prefix ) ) {
			return;
		}
		$relative = substr( $class_name, strlen( $prefix ) );
		// Only plain PSR-4 names: no "..", no stray characters.
		if ( ! preg_match( '/^[A-Za-z0-9_\\\\]+$/', $relative ) ) {
			return;
		}
		$file = __DIR__ . '/' . str_replace( '\\', '/', $relative ) . '.php';
		if ( is_readable( $file ) ) {
			require_once $file;
		}
	}
);
