<?php
/**
 * Who sent an email: the plugin, theme or part of WordPress that called wp_mail().
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Recovery;

defined( 'ABSPATH' ) || exit;

/**
 * Names a sender from a PHP file, as WP Mail SMTP names an email's initiator: the plugin's
 * name (its header's Name), a must-use plugin's, the theme's, or "WordPress" for core
 * (wp-includes, wp-admin); '' when the file is none of these. caller() finds the file that
 * called wp_mail() in the current call stack (only when an email failed: it costs a backtrace).
 */
final class Initiator {

	/**
	 * The name for WordPress itself.
	 */
	const WORDPRESS = 'WordPress';

	/**
	 * Names already found in this request, by file.
	 *
	 * @var array<string, string>
	 */
	private static $names = array();

	/**
	 * The file that called wp_mail() in the current call stack ('' when wp_mail() is not in it).
	 *
	 * @return string
	 */
	public static function caller(): string {
		// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_debug_backtrace -- who called wp_mail(), only after a failure.
		foreach ( debug_backtrace( DEBUG_BACKTRACE_IGNORE_ARGS ) as $frame ) {
			if ( isset( $frame['file'] ) && 'wp_mail' === $frame['function'] && ! isset( $frame['class'] ) ) {
				return (string) $frame['file'];
			}
		}
		return '';
	}

	/**
	 * The functions in the current call stack that led to wp_mail() (innermost first).
	 *
	 * @return string[]
	 */
	public static function callers(): array {
		$functions = array();
		$found     = false;
		// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_debug_backtrace -- only after a failure.
		foreach ( debug_backtrace( DEBUG_BACKTRACE_IGNORE_ARGS ) as $frame ) {
			if ( ! $found ) {
				$found = 'wp_mail' === $frame['function'] && ! isset( $frame['class'] );
				continue;
			}
			$functions[] = ( isset( $frame['class'] ) ? $frame['class'] . '::' : '' ) . $frame['function'];
		}
		return $functions;
	}

	/**
	 * The name of the plugin, theme or part of WordPress a file belongs to ('' when unknown).
	 *
	 * @param string $file Absolute path of a PHP file.
	 * @return string
	 */
	public static function name_of( string $file ): string {
		if ( '' === $file ) {
			return '';
		}
		if ( ! isset( self::$names[ $file ] ) ) {
			self::$names[ $file ] = self::find( wp_normalize_path( $file ) );
		}
		return self::$names[ $file ];
	}

	/**
	 * Finds a file's owner.
	 *
	 * @param string $file Normalised path.
	 * @return string
	 */
	private static function find( string $file ): string {
		$found = self::find_at( $file );
		if ( null === $found ) {
			$unresolved = self::unresolve( $file );
			$found      = $unresolved !== $file ? self::find_at( $unresolved ) : null;
		}
		return null === $found ? '' : $found;
	}

	/**
	 * Finds the owner of a file by where it is (null: nowhere known).
	 *
	 * @param string $file Normalised path.
	 * @return string|null
	 */
	private static function find_at( string $file ): ?string {
		$mu_dir = defined( 'WPMU_PLUGIN_DIR' ) ? trailingslashit( wp_normalize_path( WPMU_PLUGIN_DIR ) ) : '';
		if ( '' !== $mu_dir && 0 === strpos( $file, $mu_dir ) ) {
			return self::plugin_name( $mu_dir, substr( $file, strlen( $mu_dir ) ) );
		}
		$plugin_dir = defined( 'WP_PLUGIN_DIR' ) ? trailingslashit( wp_normalize_path( WP_PLUGIN_DIR ) ) : '';
		if ( '' !== $plugin_dir && 0 === strpos( $file, $plugin_dir ) ) {
			return self::plugin_name( $plugin_dir, substr( $file, strlen( $plugin_dir ) ) );
		}
		foreach ( (array) search_theme_directories() as $slug => $theme ) {
			$root = trailingslashit( wp_normalize_path( (string) ( is_array( $theme ) && isset( $theme['theme_root'] ) ? $theme['theme_root'] : get_theme_root() ) ) ) . $slug . '/';
			if ( 0 === strpos( $file, $root ) ) {
				$name = wp_get_theme( (string) $slug )->get( 'Name' );
				return is_string( $name ) && '' !== $name ? $name : (string) $slug;
			}
		}
		$abspath = trailingslashit( wp_normalize_path( ABSPATH ) );
		if ( 0 === strpos( $file, $abspath . WPINC . '/' ) || 0 === strpos( $file, $abspath . 'wp-admin/' ) || dirname( $file ) . '/' === $abspath ) {
			return self::WORDPRESS;
		}
		return null;
	}

	/**
	 * A file PHP reports by its real path (a plugin or must-use plugin folder that is a
	 * symbolic link) as the path under wp-content WordPress knows it by, as plugin_basename() does.
	 *
	 * @param string $file Normalised path.
	 * @return string
	 */
	private static function unresolve( string $file ): string {
		global $wp_plugin_paths;
		foreach ( function_exists( 'wp_get_mu_plugins' ) ? wp_get_mu_plugins() : array() as $mu ) {
			$real = realpath( $mu );
			if ( false !== $real && wp_normalize_path( $real ) === $file ) {
				return wp_normalize_path( $mu );
			}
		}
		// The deepest real folder wins (one plugin's folder may hold another's real one).
		$best = '';
		$dir  = '';
		foreach ( is_array( $wp_plugin_paths ) ? $wp_plugin_paths : array() as $link => $real ) {
			$real = wp_normalize_path( (string) $real );
			if ( '' !== $real && 0 === strpos( $file, $real . '/' ) && strlen( $real ) > strlen( $best ) ) {
				$best = $real;
				$dir  = wp_normalize_path( (string) $link );
			}
		}
		return '' === $best ? $file : $dir . substr( $file, strlen( $best ) );
	}

	/**
	 * The Name header of the plugin a file belongs to, relative to a plugins directory.
	 *
	 * @param string $dir      The plugins directory (with a trailing slash).
	 * @param string $relative The file, relative to it.
	 * @return string
	 */
	private static function plugin_name( string $dir, string $relative ): string {
		if ( ! function_exists( 'get_plugin_data' ) ) {
			// @phpstan-ignore requireOnce.fileNotFound
			require_once ABSPATH . 'wp-admin/includes/plugin.php';
		}
		$slash = strpos( $relative, '/' );
		if ( false === $slash ) {
			// A single-file plugin (or a must-use plugin): its own header.
			$name = get_plugin_data( $dir . $relative, false, false )['Name'];
			return '' !== $name ? $name : basename( $relative, '.php' );
		}
		$folder     = substr( $relative, 0, $slash );
		$candidates = glob( $dir . $folder . '/*.php' );
		foreach ( is_array( $candidates ) ? $candidates : array() as $candidate ) {
			$name = get_plugin_data( $candidate, false, false )['Name'];
			if ( '' !== $name ) {
				return $name;
			}
		}
		return $folder;
	}
}
