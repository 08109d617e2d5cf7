<?php
/**
 * The Fix MailerSend screen: menu entry, assets, mount point.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Admin;

use FixMailerSend\Rest\Rest_Controller;
use FixMailerSend\WpMailSmtp\Adapter;

defined( 'ABSPATH' ) || exit;

/**
 * "Fix MailerSend" under WP Mail SMTP's menu (under Tools when WP Mail SMTP is not active).
 * The React app (src/, built into build/) renders into #fix-mailersend-root and talks to
 * fix-mailersend/v1; it gets no token from here, only where things are.
 */
class Admin_Page {

	/**
	 * Page slug (admin.php?page=fix-mailersend or tools.php?page=fix-mailersend).
	 */
	const SLUG = 'fix-mailersend';

	/**
	 * Script and style handle.
	 */
	const HANDLE = 'fix-mailersend';

	/**
	 * The REST namespace's path, as the screen requests it.
	 */
	const REST_PATH = '/' . Rest_Controller::REST_NAMESPACE;

	/**
	 * Where MailerSend's API tokens are managed.
	 */
	const API_TOKENS_URL = 'https://app.mailersend.com/api-tokens';

	/**
	 * WP Mail SMTP adapter.
	 *
	 * @var Adapter
	 */
	private $adapter;

	/**
	 * The plugin's main file.
	 *
	 * @var string
	 */
	private $plugin_file;

	/**
	 * Hook suffix of the page, once registered.
	 *
	 * @var string|null
	 */
	private $hook_suffix;

	/**
	 * Creates the page.
	 *
	 * @param Adapter $adapter     WP Mail SMTP adapter.
	 * @param string  $plugin_file The plugin's main file.
	 */
	public function __construct( Adapter $adapter, string $plugin_file ) {
		$this->adapter     = $adapter;
		$this->plugin_file = $plugin_file;
	}

	/**
	 * The parent menu: WP Mail SMTP's when it runs, else Tools.
	 *
	 * @return string
	 */
	public function parent_slug(): string {
		return $this->adapter->is_loaded() ? Adapter::MENU_SLUG : 'tools.php';
	}

	/**
	 * `admin_menu`: adds the submenu entry.
	 *
	 * @return void
	 */
	public function register(): void {
		$hook = add_submenu_page(
			$this->parent_slug(),
			__( 'Fix MailerSend', 'fix-mailersend' ),
			__( 'Fix MailerSend', 'fix-mailersend' ),
			$this->adapter->capability(),
			self::SLUG,
			array( $this, 'render' )
		);

		$this->hook_suffix = is_string( $hook ) ? $hook : null;
	}

	/**
	 * The screen's URL.
	 *
	 * @return string
	 */
	public function url(): string {
		$base = Adapter::MENU_SLUG === $this->parent_slug() ? 'admin.php' : 'tools.php';
		return admin_url( $base . '?page=' . self::SLUG );
	}

	/**
	 * `admin_enqueue_scripts`: the app's script and styles, on this screen only.
	 *
	 * @param string $hook_suffix The current admin page.
	 * @return void
	 */
	public function enqueue( $hook_suffix ): void {
		if ( null === $this->hook_suffix || $hook_suffix !== $this->hook_suffix ) {
			return;
		}

		$dir        = plugin_dir_path( $this->plugin_file );
		$asset_file = $dir . 'build/index.asset.php';
		if ( ! is_readable( $asset_file ) ) {
			// plugin.php explains the missing build in a notice; render() says it too.
			return;
		}
		$asset = require $asset_file;
		$ver   = is_array( $asset ) && isset( $asset['version'] ) && is_string( $asset['version'] ) ? $asset['version'] : FIX_MAILERSEND_VERSION;
		$deps  = array();
		foreach ( is_array( $asset ) && isset( $asset['dependencies'] ) && is_array( $asset['dependencies'] ) ? $asset['dependencies'] : array() as $dep ) {
			if ( is_string( $dep ) && '' !== $dep ) {
				$deps[] = $dep;
			}
		}

		wp_enqueue_script( self::HANDLE, plugins_url( 'build/index.js', $this->plugin_file ), $deps, $ver, true );
		wp_set_script_translations( self::HANDLE, 'fix-mailersend', $dir . 'languages' );
		$this->chunk_translations( $dir );
		wp_add_inline_script( self::HANDLE, 'window.fixMailerSend = ' . wp_json_encode( $this->boot_data() ) . ';', 'before' );
		$this->preload();

		$style_deps = array( 'wp-components' );
		$styles     = array(
			'build/style-index.css' => self::HANDLE . '-style',
			'build/index.css'       => self::HANDLE,
		);
		foreach ( $styles as $file => $handle ) {
			if ( is_readable( $dir . $file ) ) {
				wp_enqueue_style( $handle, plugins_url( $file, $this->plugin_file ), $style_deps, $ver );
				wp_style_add_data( $handle, 'rtl', 'replace' );
				$style_deps[] = $handle;
			}
		}
	}

	/**
	 * The steps that load later (build/*-step.js, webpack chunks of the screen) are not scripts
	 * WordPress prints, so it loads no translations for them: language packs hold one JSON file
	 * per script file, named after its path. Each chunk's is printed before the screen's script,
	 * as core prints a script's own (WP_Scripts::print_translations()).
	 *
	 * @param string $dir The plugin's folder.
	 * @return void
	 */
	private function chunk_translations( string $dir ): void {
		$files = glob( $dir . 'build/*.js' );
		foreach ( false === $files ? array() : $files as $file ) {
			$name = basename( $file, '.js' );
			$src  = plugins_url( 'build/' . $name . '.js', $this->plugin_file );
			if ( 'index' === $name || '' === $src ) {
				continue;
			}
			$handle = self::HANDLE . '-' . $name;
			// Registered only so that load_script_textdomain() finds its file; never enqueued.
			wp_register_script( $handle, $src, array(), FIX_MAILERSEND_VERSION, true );
			$json = load_script_textdomain( $handle, 'fix-mailersend', $dir . 'languages' );
			if ( is_string( $json ) ) {
				wp_add_inline_script(
					self::HANDLE,
					sprintf( '( function( domain, translations ) { var localeData = translations.locale_data[ domain ] || translations.locale_data.messages; localeData[""].domain = domain; wp.i18n.setLocaleData( localeData, domain ); } )( "fix-mailersend", %s );', $json ),
					'before'
				);
			}
		}
	}

	/**
	 * GET /status answered into the page with core's REST preloading, as the block editor does:
	 * the screen's first `getStatus()` is served from it, without a second round trip. The path
	 * is exactly the one src/api.ts requests. The status holds no full token (masked only).
	 *
	 * @return void
	 */
	private function preload(): void {
		$preloaded = array_reduce( array( self::REST_PATH . '/status' ), 'rest_preload_api_request', array() );
		wp_add_inline_script(
			'wp-api-fetch',
			sprintf( 'wp.apiFetch.use( wp.apiFetch.createPreloadingMiddleware( %s ) );', wp_json_encode( $preloaded ) ),
			'after'
		);
	}

	/**
	 * What the app needs to start: where the REST API is, who the user is, where to link.
	 * Never a token.
	 *
	 * @return array<string, mixed>
	 */
	public function boot_data(): array {
		$user = wp_get_current_user();
		return array(
			'restPath' => self::REST_PATH,
			'user'     => array(
				'email' => (string) $user->user_email,
			),
			'links'    => array(
				'apiTokens'          => self::API_TOKENS_URL,
				'wpMailSmtpSettings' => $this->adapter->settings_url(),
				'emailTest'          => $this->adapter->email_test_url(),
			),
		);
	}

	/**
	 * The page: a heading and the mount point.
	 *
	 * @return void
	 */
	public function render(): void {
		$built = is_readable( plugin_dir_path( $this->plugin_file ) . 'build/index.asset.php' );
		?>
		<div class="wrap">
			<h1><?php esc_html_e( 'Fix MailerSend', 'fix-mailersend' ); ?></h1>
			<?php if ( ! $built ) : ?>
				<div class="notice notice-error inline"><p><?php esc_html_e( 'This screen has not been built: build/index.js is missing. Install Fix MailerSend from its release zip, or run "npm ci && npm run build" in the plugin folder.', 'fix-mailersend' ); ?></p></div>
			<?php endif; ?>
			<div id="fix-mailersend-root"></div>
			<noscript>
				<div class="notice notice-warning inline"><p><?php esc_html_e( 'Fix MailerSend needs JavaScript. Turn it on in your browser, or change the token in WP Mail SMTP’s own settings.', 'fix-mailersend' ); ?></p></div>
			</noscript>
		</div>
		<?php
	}

	/**
	 * `plugin_action_links_{plugin}`: a "Fix MailerSend" link on the plugins list.
	 *
	 * @param mixed $links Existing links.
	 * @return array<int|string, string>
	 */
	public function action_links( $links ): array {
		$links = is_array( $links ) ? $links : array();
		if ( ! current_user_can( $this->adapter->capability() ) ) {
			return $links;
		}
		array_unshift(
			$links,
			sprintf(
				'<a href="%1$s">%2$s</a>',
				esc_url( $this->url() ),
				esc_html__( 'Fix MailerSend', 'fix-mailersend' )
			)
		);
		return $links;
	}
}
