<?php
/**
 * Test stand-in: the core object returned by `wp_mail_smtp()`.
 *
 * @package FixMailerSend\Tests\StandIns\WPMailSMTP
 */

namespace WPMailSMTP;

/**
 * Wires the stand-in into WordPress, as WP Mail SMTP's Core and Processor do.
 */
class Core {

	/**
	 * Plugin folder path, without trailing slash.
	 *
	 * @var string
	 */
	public $plugin_path;

	/**
	 * Plugin folder URL, without trailing slash.
	 *
	 * @var string
	 */
	public $plugin_url;

	/**
	 * Who called `wp_mail()` last.
	 *
	 * @var WPMailInitiator
	 */
	private $wp_mail_initiator;

	/**
	 * Constructor: register hooks.
	 */
	public function __construct() {
		$this->plugin_path = rtrim( plugin_dir_path( WPMS_PLUGIN_FILE ), '/\\' );
		$this->plugin_url  = rtrim( plugin_dir_url( WPMS_PLUGIN_FILE ), '/\\' );

		register_activation_hook( WPMS_PLUGIN_FILE, array( $this, 'activate' ) );

		// The caller of each wp_mail(), noted where the real Processor notes it (late `wp_mail` filter).
		$this->wp_mail_initiator = new WPMailInitiator();
		add_filter( 'wp_mail', array( $this->wp_mail_initiator, 'capture_wp_mail_call' ), PHP_INT_MAX );

		// The Debug Events table, created on activation and (as the real migrations) on admin_init.
		add_action( 'admin_init', array( $this, 'run_migrations' ) );

		add_action( 'plugins_loaded', array( $this, 'replace_phpmailer' ) );

		// Run last, so that only a forced setting overrides what other code chose.
		add_filter( 'wp_mail_from', array( $this, 'filter_mail_from_email' ), PHP_INT_MAX );
		add_filter( 'wp_mail_from_name', array( $this, 'filter_mail_from_name' ), PHP_INT_MAX );

		// WP Mail SMTP Pro's read path for network-wide settings, while is_pro() says Pro.
		( new Pro\Multisite() )->hooks();

		if ( is_admin() ) {
			( new Admin() )->hooks();
		}
	}

	/**
	 * Activation: save the default options once (never over existing ones).
	 */
	public function activate() {
		add_option( 'wp_mail_smtp_initial_version', WPMS_PLUGIN_VER, '', false );
		update_option( 'wp_mail_smtp_version', WPMS_PLUGIN_VER, false );

		Options::init()->set( Options::get_defaults(), true );

		( new Admin\DebugEvents\Migration() )->maybe_migrate();
	}

	/**
	 * `admin_init`: creates the Debug Events table when this site lacks it (not in AJAX or cron
	 * requests, as the real migrations).
	 */
	public function run_migrations() {
		if ( wp_doing_ajax() || wp_doing_cron() ) {
			return;
		}

		( new Admin\DebugEvents\Migration() )->maybe_migrate();
	}

	/**
	 * Who called `wp_mail()` last (file, line, backtrace).
	 *
	 * @return WPMailInitiator
	 */
	public function get_wp_mail_initiator() {
		return $this->wp_mail_initiator;
	}

	/**
	 * Capability needed for WP Mail SMTP's screens.
	 *
	 * @return string
	 */
	public function get_capability_manage_options() {
		/**
		 * Filters the capability for WP Mail SMTP's screens (same hook as the real plugin).
		 *
		 * @param string $capability Capability.
		 */
		return apply_filters( 'wp_mail_smtp_core_get_capability_manage_options', 'manage_options' );
	}

	/**
	 * This stand-in is the Lite edition; like the real one, the filter `wp_mail_smtp_core_is_pro`
	 * may say otherwise (the real default is whether its Pro code is loaded).
	 *
	 * @return bool
	 */
	public function is_pro() {
		return (bool) apply_filters( 'wp_mail_smtp_core_is_pro', false );
	}

	/**
	 * Whether "Do Not Send" is on.
	 *
	 * @return bool
	 */
	public function is_blocked() {
		return (bool) Options::init()->get( 'general', 'do_not_send' );
	}

	/**
	 * Replace the global `$phpmailer` with the mail catcher.
	 *
	 * @return MailCatcherV6
	 */
	public function replace_phpmailer() {
		global $phpmailer;

		$phpmailer = $this->generate_mail_catcher( true ); // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- That is the point, as in WP Mail SMTP.

		return $phpmailer;
	}

	/**
	 * A new mail catcher (loads WordPress's PHPMailer first).
	 *
	 * @param bool $exceptions Throw exceptions, as wp_mail() expects.
	 *
	 * @return MailCatcherV6
	 */
	public function generate_mail_catcher( $exceptions = null ) {
		if ( ! class_exists( '\PHPMailer\PHPMailer\PHPMailer', false ) ) {
			require_once ABSPATH . WPINC . '/PHPMailer/PHPMailer.php';
		}

		if ( ! class_exists( '\PHPMailer\PHPMailer\Exception', false ) ) {
			require_once ABSPATH . WPINC . '/PHPMailer/Exception.php';
		}

		if ( ! class_exists( '\PHPMailer\PHPMailer\SMTP', false ) ) {
			require_once ABSPATH . WPINC . '/PHPMailer/SMTP.php';
		}

		return new MailCatcherV6( $exceptions );
	}

	/**
	 * WordPress's default From address: wordpress@ the site's domain (without www.).
	 *
	 * @return string '' when the domain is unknown.
	 */
	public function get_default_email() {
		$host = wp_parse_url( network_home_url(), PHP_URL_HOST );

		if ( empty( $host ) ) {
			return '';
		}

		$host = strtolower( $host );

		if ( 0 === strpos( $host, 'www.' ) ) {
			$host = substr( $host, 4 );
		}

		return 'wordpress@' . $host;
	}

	/**
	 * `wp_mail_from`: the saved From email replaces WordPress's default address,
	 * and any address when "Force From Email" is on.
	 *
	 * @param string $wp_email From email chosen so far.
	 *
	 * @return string
	 */
	public function filter_mail_from_email( $wp_email ) {
		$options    = Options::init();
		$forced     = $options->get( 'mail', 'from_email_force' );
		$from_email = $options->get( 'mail', 'from_email' );
		$default    = $this->get_default_email();

		if ( $forced && ! empty( $from_email ) ) {
			return $from_email;
		}

		if ( ! empty( $default ) && $wp_email !== $default ) {
			return $wp_email;
		}

		return ! empty( $from_email ) ? $from_email : $wp_email;
	}

	/**
	 * `wp_mail_from_name`: the saved From name replaces WordPress's default
	 * "WordPress", and any name when "Force From Name" is on.
	 *
	 * @param string $name From name chosen so far.
	 *
	 * @return string
	 */
	public function filter_mail_from_name( $name ) {
		$options = Options::init();

		if ( ! $options->get( 'mail', 'from_name_force' ) && 'WordPress' !== $name ) {
			return $name;
		}

		return $options->get( 'mail', 'from_name' );
	}
}
