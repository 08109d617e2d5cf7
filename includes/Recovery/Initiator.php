<?php
/**
 * Who called wp_mail(): a file path turned into the name WP Mail SMTP shows for it.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Recovery;

defined( 'ABSPATH' ) || exit;

/**
 * Names the caller of wp_mail() from its file the way WP Mail SMTP names the "Email Source" of
 * its Debug Events (`WPMailSMTP\WP::get_initiator()`), without calling WP Mail SMTP. The name
 * is the first of these:
 * - a plugin: the folder (or single file) after `/<plugins folder>/` in the path, named by
 *   get_plugins()'s "Plugin Name" (the folder name when it is not installed any more);
 * - a must-use plugin: the same under the must-use folder, named by get_mu_plugins();
 * - a theme: the folder after `/<content folder>/themes/`, named by wp_get_theme();
 * - WordPress itself (wp-includes, wp-admin): "WordPress" (WP Mail SMTP says "WP Core");
 * - anything else: "N/A".
 * Paths are matched by their folder names, as WP Mail SMTP does, so an event recorded before
 * the site moved to another directory is still named.
 *
 * The method own() tells the test emails apart: a caller inside this plugin (its test email,
 * its resends) or inside WP Mail SMTP (its Email Test tool).
 *
 * caller() finds the file that called wp_mail() in the current call stack (only after a failure:
 * it costs a backtrace); callers() the functions that led there.
 *
 * One instance per computation: names are remembered per file.
 */
final class Initiator {

	/**
	 * Names already found, by file.
	 *
	 * @var array<string, string>
	 */
	private $names = array();

	/**
	 * Folders of the plugins whose emails are tests (own()), normalised with a trailing slash.
	 *
	 * @var string[]
	 */
	private $own_dirs;

	/**
	 * Folder names (slugs) of the same plugins, as installed under the plugins folder.
	 *
	 * @var string[]
	 */
	private $own_slugs;

	/**
	 * Creates the namer.
	 *
	 * @param string   $plugin_file This plugin's main file.
	 * @param string[] $other_files Main files of other plugins whose emails are tests (WP Mail SMTP's).
	 */
	public function __construct( string $plugin_file, array $other_files = array() ) {
		$this->own_dirs  = array();
		$this->own_slugs = array( 'wp-mail-smtp', 'wp-mail-smtp-pro' );
		foreach ( array_merge( array( $plugin_file ), $other_files ) as $file ) {
			if ( '' === (string) $file ) {
				continue;
			}
			$this->own_dirs[] = trailingslashit( wp_normalize_path( dirname( $file ) ) );
			// plugin_basename() follows a symlinked plugin folder back to its name under plugins/.
			$slug = strtok( plugin_basename( $file ), '/' );
			if ( false !== $slug && false === strpos( $slug, '.php' ) ) {
				$this->own_slugs[] = $slug;
			}
		}
		$this->own_slugs = array_values( array_unique( $this->own_slugs ) );
	}

	/**
	 * The namer for this site: this plugin and, when it runs, WP Mail SMTP.
	 *
	 * @param string $plugin_file This plugin's main file.
	 * @return self
	 */
	public static function for_site( string $plugin_file ): self {
		$others = array();
		if ( defined( 'WPMS_PLUGIN_FILE' ) && is_string( WPMS_PLUGIN_FILE ) ) {
			$others[] = WPMS_PLUGIN_FILE;
		}
		return new self( $plugin_file, $others );
	}

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
	 * The name of the plugin, theme or part of WordPress a file belongs to.
	 *
	 * @param string $file Absolute path of the caller of wp_mail() ('' when unknown).
	 * @return string
	 */
	public function name( string $file ): string {
		if ( isset( $this->names[ $file ] ) ) {
			return $this->names[ $file ];
		}
		$path = wp_normalize_path( $file );
		$name = '' === $path ? null : $this->find( $path );
		if ( null === $name && '' !== $path ) {
			$real = self::unresolve( $path );
			$name = $real !== $path ? $this->find( $real ) : null;
		}
		if ( null === $name ) {
			$name = __( 'N/A', 'fix-mailersend' );
		}
		$this->names[ $file ] = $name;
		return $name;
	}

	/**
	 * The owner's name by where the file is, or null when it is nowhere known.
	 *
	 * @param string $path Normalised path.
	 * @return string|null
	 */
	private function find( string $path ): ?string {
		$name = $this->plugin_name( $path, false );
		if ( null === $name ) {
			$name = $this->plugin_name( $path, true );
		}
		if ( null === $name ) {
			$name = self::theme_name( $path );
		}
		if ( null === $name && self::is_core( $path ) ) {
			$name = __( 'WordPress', 'fix-mailersend' );
		}
		return $name;
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
	 * Whether the file is inside this plugin or WP Mail SMTP (a test email, not site mail).
	 *
	 * A file counts as inside a plugin's folder when that folder is the deepest known folder
	 * holding it (a development copy may keep the whole site inside the plugin's folder: a file
	 * of that site's wp-includes is WordPress's, not the plugin's).
	 *
	 * @param string $file Absolute path of the caller of wp_mail().
	 * @return bool
	 */
	public function own( string $file ): bool {
		$path = wp_normalize_path( $file );
		if ( '' === $path ) {
			return false;
		}
		// Where WordPress knows a file from outside the site: a must-use plugin or plugin folder
		// linked from elsewhere (even from inside this plugin's folder) is that plugin, not this one.
		if ( ! self::in_site( $path ) ) {
			$path = self::unresolve( $path );
		}
		$slug = self::folder_after( $path, self::base( WP_PLUGIN_DIR ) );
		if ( null !== $slug && in_array( preg_replace( '/\.php$/', '', $slug ), $this->own_slugs, true ) ) {
			return true;
		}

		$deepest = '';
		$is_own  = false;
		$roots   = array_merge(
			array_fill_keys( $this->own_dirs, true ),
			array_fill_keys(
				array(
					trailingslashit( wp_normalize_path( ABSPATH ) ),
					trailingslashit( wp_normalize_path( WP_CONTENT_DIR ) ),
					trailingslashit( wp_normalize_path( WP_PLUGIN_DIR ) ),
					trailingslashit( wp_normalize_path( WPMU_PLUGIN_DIR ) ),
					trailingslashit( wp_normalize_path( get_theme_root() ) ),
				),
				false
			)
		);
		foreach ( $roots as $root => $own ) {
			$root = (string) $root;
			if ( strlen( $root ) > strlen( $deepest ) && 0 === strpos( $path, $root ) ) {
				$deepest = $root;
				$is_own  = $own;
			}
		}
		return $is_own;
	}

	/**
	 * Whether a path is inside the site's own folders (WordPress or its content folder).
	 *
	 * @param string $path Normalised path.
	 * @return bool
	 */
	private static function in_site( string $path ): bool {
		foreach ( array( ABSPATH, WP_CONTENT_DIR ) as $root ) {
			if ( 0 === strpos( $path, trailingslashit( wp_normalize_path( $root ) ) ) ) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A plugin's (or must-use plugin's) name from the path, or null when it is not one.
	 *
	 * @param string $path Normalised path.
	 * @param bool   $mu   Must-use plugins instead of plugins.
	 * @return string|null
	 */
	private function plugin_name( string $path, bool $mu ): ?string {
		$slug = self::folder_after( $path, self::base( $mu ? WPMU_PLUGIN_DIR : WP_PLUGIN_DIR ) );
		if ( null === $slug ) {
			return null;
		}
		$slug = (string) preg_replace( '/\.php$/', '', $slug );
		if ( ! function_exists( 'get_plugins' ) ) {
			// @phpstan-ignore requireOnce.fileNotFound
			require_once ABSPATH . 'wp-admin/includes/plugin.php';
		}
		$plugins = $mu ? get_mu_plugins() : get_plugins();
		foreach ( $plugins as $basename => $data ) {
			$basename = (string) $basename;
			if ( ( 0 === strpos( $basename, $slug . '/' ) || $slug . '.php' === $basename ) && isset( $data['Name'] ) && '' !== $data['Name'] ) {
				return (string) $data['Name'];
			}
		}
		return $slug;
	}

	/**
	 * A theme's name from the path, or null when it is not in a theme.
	 *
	 * @param string $path Normalised path.
	 * @return string|null
	 */
	private static function theme_name( string $path ): ?string {
		$slug = self::folder_after( $path, self::base( WP_CONTENT_DIR ) . '/themes' );
		if ( null === $slug ) {
			return null;
		}
		$theme = wp_get_theme( $slug );
		$name  = $theme->exists() ? $theme->get( 'Name' ) : '';
		return is_string( $name ) && '' !== $name ? $name : $slug;
	}

	/**
	 * Whether the path is in WordPress's wp-includes or wp-admin.
	 *
	 * @param string $path Normalised path.
	 * @return bool
	 */
	private static function is_core( string $path ): bool {
		$root = trailingslashit( wp_normalize_path( ABSPATH ) );
		return 0 === strpos( $path, $root . WPINC . '/' ) || 0 === strpos( $path, $root . 'wp-admin/' );
	}

	/**
	 * The folder or file name right after `/<parent>/` in a path (the first such place), or null.
	 *
	 * @param string $path   Normalised path.
	 * @param string $parent One or more folder names, e.g. `plugins` or `wp-content/themes`.
	 * @return string|null
	 */
	private static function folder_after( string $path, string $parent ): ?string {
		if ( '' === $parent ) {
			return null;
		}
		$needle = '/' . $parent . '/';
		$at     = strpos( $path, $needle );
		if ( false === $at ) {
			return null;
		}
		$rest = substr( $path, $at + strlen( $needle ) );
		$name = strtok( $rest, '/' );
		if ( false === $name ) {
			return null;
		}
		// A file directly in the folder is a plugin only when it is a PHP file (hello.php).
		if ( $name === $rest && '.php' !== substr( $name, -4 ) ) {
			return null;
		}
		return $name;
	}

	/**
	 * The last folder name of a path.
	 *
	 * @param string $dir A folder.
	 * @return string
	 */
	private static function base( string $dir ): string {
		return basename( wp_normalize_path( $dir ) );
	}
}
