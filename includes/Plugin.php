<?php
/**
 * Wires the services and registers every hook.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend;

use FixMailerSend\Admin\Admin_Page;
use FixMailerSend\Diagnosis\Diagnosis;
use FixMailerSend\MailerSend\Client;
use FixMailerSend\Rest\Rest_Controller;
use FixMailerSend\Storage\Audit_Trail;
use FixMailerSend\Storage\Check_Log;
use FixMailerSend\Storage\Failure_Log;
use FixMailerSend\Storage\Token_Expiry;
use FixMailerSend\Support\Throttle;
use FixMailerSend\WpMailSmtp\Adapter;
use FixMailerSend\WpMailSmtp\Send_Watcher;

/**
 * The plugin. Every add_action/add_filter of the plugin is here (the one exception: the test
 * email's own scoped listeners in Send_Watcher::capture()).
 *
 * On a front-end page load only hooks are registered; services are built when a hook needs
 * them (REST on rest_api_init, the screen on admin hooks, the watcher on WP Mail SMTP's
 * failure hook).
 */
final class Plugin {

	/**
	 * WP Mail SMTP is a plugin loaded after this one (alphabetically): resolve it after it.
	 */
	const WP_MAIL_SMTP_PRIORITY = 30;

	/**
	 * The instance.
	 *
	 * @var Plugin|null
	 */
	private static $instance;

	/**
	 * The plugin's main file.
	 *
	 * @var string
	 */
	private $file;

	/**
	 * Built on demand.
	 *
	 * @var Adapter|null
	 */
	private $adapter;

	/**
	 * Built on demand.
	 *
	 * @var Failure_Log|null
	 */
	private $failures;

	/**
	 * Built on demand.
	 *
	 * @var Send_Watcher|null
	 */
	private $watcher;

	/**
	 * Built on demand.
	 *
	 * @var Throttle|null
	 */
	private $throttle;

	/**
	 * Built on demand.
	 *
	 * @var Admin_Page|null
	 */
	private $admin_page;

	/**
	 * Creates the plugin.
	 *
	 * @param string $file The plugin's main file.
	 */
	private function __construct( string $file ) {
		$this->file = $file;
	}

	/**
	 * Starts the plugin once: registers hooks, nothing else.
	 *
	 * @param string $file The plugin's main file.
	 * @return void
	 */
	public static function boot( string $file ): void {
		if ( null !== self::$instance ) {
			return;
		}
		self::$instance = new self( $file );
		self::$instance->register_hooks();
	}

	/**
	 * The running plugin, if booted.
	 *
	 * @return Plugin|null
	 */
	public static function instance(): ?Plugin {
		return self::$instance;
	}

	/**
	 * Every hook of the plugin.
	 *
	 * @return void
	 */
	private function register_hooks(): void {
		add_action( 'plugins_loaded', array( $this, 'on_plugins_loaded' ), self::WP_MAIL_SMTP_PRIORITY );
		add_action( 'rest_api_init', array( $this, 'register_rest_routes' ) );

		if ( is_admin() ) {
			// After WP Mail SMTP adds its top-level menu (default priority).
			add_action( 'admin_menu', array( $this, 'register_admin_page' ), 20 );
			add_action( 'admin_enqueue_scripts', array( $this, 'enqueue_admin_page' ) );
			add_filter( 'plugin_action_links_' . plugin_basename( $this->file ), array( $this, 'plugin_action_links' ) );
		}
	}

	/**
	 * `plugins_loaded` (late): when WP Mail SMTP runs, watch its failed sends.
	 *
	 * @return void
	 */
	public function on_plugins_loaded(): void {
		if ( ! $this->adapter()->is_loaded() ) {
			return;
		}
		add_action( 'wp_mail_smtp_mailcatcher_send_failed', array( $this, 'on_send_failed' ), 10, 5 );
	}

	/**
	 * `wp_mail_smtp_mailcatcher_send_failed`: WP Mail SMTP passes 3 arguments before 4.8, 5 since.
	 *
	 * @param mixed $message     Error text.
	 * @param mixed $mailcatcher Mail catcher.
	 * @param mixed $mailer_slug Mailer.
	 * @param mixed $error_code  #MS code (4.8+).
	 * @param mixed $http_status HTTP status (4.8+).
	 * @return void
	 */
	public function on_send_failed( $message, $mailcatcher = null, $mailer_slug = '', $error_code = '', $http_status = 0 ): void {
		$this->watcher()->record_failure( $message, $mailcatcher, $mailer_slug, $error_code, $http_status );
	}

	/**
	 * `rest_api_init`: the fix-mailersend/v1 routes.
	 *
	 * @return void
	 */
	public function register_rest_routes(): void {
		$throttle   = $this->throttle();
		$controller = new Rest_Controller(
			$this->adapter(),
			new Diagnosis( new Client(), $throttle ),
			$this->watcher(),
			new Audit_Trail(),
			new Check_Log(),
			new Token_Expiry(),
			$throttle
		);
		$controller->register_routes();
	}

	/**
	 * `admin_menu`.
	 *
	 * @return void
	 */
	public function register_admin_page(): void {
		$this->admin_page()->register();
	}

	/**
	 * `admin_enqueue_scripts`.
	 *
	 * @param mixed $hook_suffix The current admin page.
	 * @return void
	 */
	public function enqueue_admin_page( $hook_suffix ): void {
		$this->admin_page()->enqueue( is_string( $hook_suffix ) ? $hook_suffix : '' );
	}

	/**
	 * `plugin_action_links_{plugin}`.
	 *
	 * @param mixed $links Links.
	 * @return array<int|string, string>
	 */
	public function plugin_action_links( $links ): array {
		return $this->admin_page()->action_links( $links );
	}

	/**
	 * The WP Mail SMTP adapter.
	 *
	 * @return Adapter
	 */
	public function adapter(): Adapter {
		if ( null === $this->adapter ) {
			$this->adapter = new Adapter( $this->failures() );
		}
		return $this->adapter;
	}

	/**
	 * The send watcher.
	 *
	 * @return Send_Watcher
	 */
	public function watcher(): Send_Watcher {
		if ( null === $this->watcher ) {
			$this->watcher = new Send_Watcher( $this->failures(), $this->adapter() );
		}
		return $this->watcher;
	}

	/**
	 * The admin page.
	 *
	 * @return Admin_Page
	 */
	public function admin_page(): Admin_Page {
		if ( null === $this->admin_page ) {
			$this->admin_page = new Admin_Page( $this->adapter(), $this->file );
		}
		return $this->admin_page;
	}

	/**
	 * The failure log.
	 *
	 * @return Failure_Log
	 */
	private function failures(): Failure_Log {
		if ( null === $this->failures ) {
			$this->failures = new Failure_Log();
		}
		return $this->failures;
	}

	/**
	 * The throttle.
	 *
	 * @return Throttle
	 */
	private function throttle(): Throttle {
		if ( null === $this->throttle ) {
			$this->throttle = new Throttle();
		}
		return $this->throttle;
	}
}
