<?php
/**
 * Wires the services and registers every hook.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend;

use FixMailerSend\Admin\Admin_Page;
use FixMailerSend\Cli\Command;
use FixMailerSend\Diagnosis\Diagnosis;
use FixMailerSend\MailerSend\Client;
use FixMailerSend\Recovery\Held_Emails;
use FixMailerSend\Recovery\Held_Capture;
use FixMailerSend\Recovery\Held_Privacy;
use FixMailerSend\Recovery\Held_Store;
use FixMailerSend\Recovery\Initiator;
use FixMailerSend\Recovery\Outage_Report;
use FixMailerSend\Recovery\Resender;
use FixMailerSend\Cli\Held_Command;
use FixMailerSend\Rest\Held_Controller;
use FixMailerSend\Rest\Rest_Controller;
use FixMailerSend\Service\Test_Email;
use FixMailerSend\Service\Token_Service;
use FixMailerSend\Storage\Audit_Trail;
use FixMailerSend\Storage\Check_Log;
use FixMailerSend\Storage\Recent_Checks;
use FixMailerSend\Storage\Failure_Log;
use FixMailerSend\Storage\Token_Expiry;
use FixMailerSend\Support\Mask;
use FixMailerSend\Support\Throttle;
use FixMailerSend\Watch\Admin_Notice;
use FixMailerSend\Watch\Daily_Check;
use FixMailerSend\Watch\Site_Health;
use FixMailerSend\Watch\Watch_Log;
use FixMailerSend\Watch\Watch_Status;
use FixMailerSend\WpMailSmtp\Adapter;
use FixMailerSend\WpMailSmtp\Debug_Events;
use FixMailerSend\WpMailSmtp\Send_Watcher;

defined( 'ABSPATH' ) || exit;

/**
 * The plugin. Every add_action/add_filter of the plugin is here (the one exception: the test
 * email's own scoped listeners in Send_Watcher::capture()).
 *
 * On a front-end page load only hooks are registered; services are built when a hook needs
 * them (REST on rest_api_init, the screen on admin hooks, the watcher on WP Mail SMTP's
 * failure hook, the daily check on its WP-Cron event, the Site Health test on
 * `site_status_tests`, the admin notice on `admin_notices`, the WP-CLI command when one of
 * its subcommands runs).
 */
final class Plugin {

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
	 * Built on demand.
	 *
	 * @var Diagnosis|null
	 */
	private $diagnosis;

	/**
	 * Built on demand.
	 *
	 * @var Watch_Status|null
	 */
	private $watch_status;

	/**
	 * Built on demand.
	 *
	 * @var Daily_Check|null
	 */
	private $daily_check;

	/**
	 * Built on demand.
	 *
	 * @var Admin_Notice|null
	 */
	private $admin_notice;

	/**
	 * Built on demand.
	 *
	 * @var Site_Health|null
	 */
	private $site_health;

	/**
	 * Built on demand.
	 *
	 * @var Token_Service|null
	 */
	private $token_service;

	/**
	 * Built on demand.
	 *
	 * @var Test_Email|null
	 */
	private $test_email;

	/**
	 * Built on demand.
	 *
	 * @var Held_Store|null
	 */
	private $held_store;

	/**
	 * Built on demand.
	 *
	 * @var Held_Emails|null
	 */
	private $held_emails;

	/**
	 * Built on demand.
	 *
	 * @var Resender|null
	 */
	private $resender;

	/**
	 * Built on demand.
	 *
	 * @var Held_Capture|null
	 */
	private $held_capture;

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
		// Fired by WP Mail SMTP only: costs nothing when it never fires.
		add_action( 'wp_mail_smtp_mailcatcher_send_failed', array( $this, 'on_send_failed' ), 10, 5 );
		// Each wp_mail() send, last thing before PHPMailer's send(): whether it reaches MailerSend.
		add_action( 'phpmailer_init', array( $this, 'on_phpmailer_init' ), PHP_INT_MAX );
		// Fired by core only when wp_mail() failed: keeps the email when its failure holds.
		add_action( 'wp_mail_failed', array( $this, 'on_wp_mail_failed' ) );
		add_action( 'rest_api_init', array( $this, 'register_rest_routes' ) );

		// Keeping watch: the daily check (per site), its schedule, and the Site Health test
		// (core also runs direct tests from its own weekly cron, so not only in wp-admin).
		register_activation_hook( $this->file, array( $this, 'on_activate' ) );
		register_deactivation_hook( $this->file, array( $this, 'on_deactivate' ) );
		add_action( Daily_Check::HOOK, array( $this, 'run_daily_check' ) );
		add_filter( 'site_status_tests', array( $this, 'site_status_tests' ) );

		// Held emails and personal data: core applies these filters in its privacy tools only.
		add_filter( 'wp_privacy_personal_data_exporters', array( $this, 'privacy_exporters' ) );
		add_filter( 'wp_privacy_personal_data_erasers', array( $this, 'privacy_erasers' ) );
		if ( wp_doing_cron() ) {
			add_action( 'init', array( $this, 'schedule_daily_check' ) );
		}

		// `wp fix-mailersend …`: the same services as the REST API's, given to the command.
		if ( defined( 'WP_CLI' ) && WP_CLI && class_exists( '\WP_CLI' ) ) {
			\WP_CLI::add_command( Command::NAME, new Command( $this->token_service(), $this->test_email(), $this->adapter(), $this->held_emails() ), array( 'longdesc' => Command::longdesc() ) );
			\WP_CLI::add_command( Command::NAME . ' ' . Held_Command::NAME, new Held_Command( $this->held_emails(), $this->resender() ) );
		}

		if ( is_admin() ) {
			// After WP Mail SMTP adds its top-level menu (default priority).
			add_action( 'admin_menu', array( $this, 'register_admin_page' ), 20 );
			add_action( 'admin_enqueue_scripts', array( $this, 'enqueue_admin_page' ) );
			add_filter( 'plugin_action_links_' . plugin_basename( $this->file ), array( $this, 'plugin_action_links' ) );

			add_action( 'admin_init', array( $this, 'schedule_daily_check' ) );
			add_action( 'admin_init', array( $this, 'install_held_store' ) );
			add_action( 'admin_init', array( $this, 'add_privacy_policy_content' ) );
			add_action( 'admin_notices', array( $this, 'render_admin_notice' ) );
			add_action( 'wp_ajax_' . Admin_Notice::AJAX_ACTION, array( $this, 'dismiss_admin_notice' ) );
		}
	}

	/**
	 * Activation (on the site it is activated on; network activation schedules the other
	 * sites lazily, from their own requests).
	 *
	 * @param mixed $network_wide Whether it is network-activated.
	 * @return void
	 */
	public function on_activate( $network_wide = false ): void {
		unset( $network_wide );
		Daily_Check::schedule();
		$this->held_store()->maybe_install();
	}

	/**
	 * Deactivation: removes the current site's daily check (uninstall removes every site's).
	 *
	 * @param mixed $network_wide Whether it is network-deactivated.
	 * @return void
	 */
	public function on_deactivate( $network_wide = false ): void {
		unset( $network_wide );
		Daily_Check::unschedule();
	}

	/**
	 * `admin_init`, and `init` of a WP-Cron request: schedules the daily check when missing.
	 *
	 * @return void
	 */
	public function schedule_daily_check(): void {
		Daily_Check::schedule();
	}

	/**
	 * `admin_init`: creates or upgrades this site's held-email tables when their version differs.
	 *
	 * @return void
	 */
	public function install_held_store(): void {
		$this->held_store()->maybe_install();
	}

	/**
	 * `fix_mailersend_daily_check` (WP-Cron).
	 *
	 * @param mixed $context '' for the daily event, 'retry' after the throttle refused it.
	 * @return void
	 */
	public function run_daily_check( $context = '' ): void {
		unset( $context );
		// The held emails' retention rides on the same daily event.
		$this->held_store()->prune();
		$this->daily_check()->run();
	}

	/**
	 * `wp_privacy_personal_data_exporters`.
	 *
	 * @param mixed $exporters Exporters.
	 * @return mixed
	 */
	public function privacy_exporters( $exporters ) {
		return ( new Held_Privacy( $this->held_store() ) )->register_exporter( $exporters );
	}

	/**
	 * `wp_privacy_personal_data_erasers`.
	 *
	 * @param mixed $erasers Erasers.
	 * @return mixed
	 */
	public function privacy_erasers( $erasers ) {
		return ( new Held_Privacy( $this->held_store() ) )->register_eraser( $erasers );
	}

	/**
	 * `admin_init`: the held emails' text for the site's privacy policy.
	 *
	 * @return void
	 */
	public function add_privacy_policy_content(): void {
		( new Held_Privacy( $this->held_store() ) )->add_policy_content();
	}

	/**
	 * `site_status_tests`.
	 *
	 * @param mixed $tests Core's tests.
	 * @return mixed
	 */
	public function site_status_tests( $tests ) {
		return $this->site_health()->register( $tests );
	}

	/**
	 * `admin_notices`.
	 *
	 * @return void
	 */
	public function render_admin_notice(): void {
		$this->admin_notice()->render();
	}

	/**
	 * `wp_ajax_fix_mailersend_dismiss_notice`.
	 *
	 * @return void
	 */
	public function dismiss_admin_notice(): void {
		$this->admin_notice()->ajax_dismiss();
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
	 * `phpmailer_init`: a wp_mail() send is about to start.
	 *
	 * @return void
	 */
	public function on_phpmailer_init(): void {
		$this->watcher()->begin_send();
	}

	/**
	 * `wp_mail_failed`: the held emails' capture.
	 *
	 * @param mixed $error Core's WP_Error with wp_mail()'s arguments.
	 * @return void
	 */
	public function on_wp_mail_failed( $error ): void {
		try {
			$this->held_capture()->capture( $error );
		} catch ( \Throwable $e ) {
			// Keeping a copy must never break the caller's handling of its failed email.
			unset( $e );
		}
	}

	/**
	 * `rest_api_init`: the fix-mailersend/v1 routes.
	 *
	 * @return void
	 */
	public function register_rest_routes(): void {
		$controller = new Rest_Controller( $this->adapter(), $this->token_service(), $this->test_email() );
		$controller->register_routes();
		// The held emails' routes, with the same permission callback.
		( new Held_Controller( $this->held_emails(), $this->resender(), array( $controller, 'permissions_check' ) ) )->register_routes();
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
			$adapter       = new Adapter( $this->failures() );
			$this->adapter = $adapter;
			// From the first use of WP Mail SMTP's settings on (every flow that shows a verdict,
			// a failure or a token starts there), the site's tokens (saved, the constant's) are
			// masked by value wherever a text quotes them, whatever their shape.
			Mask::watch( 'site', array( $adapter, 'known_tokens' ) );
			// Its snapshot of WP Mail SMTP's settings is read again after any change of them:
			// this site's option, the network's, or another site's (switch_blog).
			foreach ( array( 'add_option_', 'update_option_', 'delete_option_', 'add_site_option_', 'update_site_option_', 'delete_site_option_' ) as $hook ) {
				add_action( $hook . Adapter::OPTION, array( $adapter, 'forget_state' ), 0, 0 );
			}
			add_action( 'switch_blog', array( $adapter, 'forget_state' ), 0, 0 );
		}
		return $this->adapter;
	}

	/**
	 * Status, check and save of the token (shared by the REST API and WP-CLI).
	 *
	 * @return Token_Service
	 */
	public function token_service(): Token_Service {
		if ( null === $this->token_service ) {
			$this->token_service = new Token_Service(
				$this->adapter(),
				$this->diagnosis(),
				new Audit_Trail(),
				new Check_Log(),
				new Token_Expiry(),
				new Recent_Checks(),
				$this->watch_status(),
				$this->outage_report()
			);
		}
		return $this->token_service;
	}

	/**
	 * The outage report (read from WP Mail SMTP's Debug Events; built when asked).
	 *
	 * @return Outage_Report
	 */
	public function outage_report(): Outage_Report {
		return new Outage_Report( new Debug_Events(), $this->failures(), $this->diagnosis(), Initiator::for_site( $this->file ) );
	}

	/**
	 * The test email (shared by the REST API and WP-CLI).
	 *
	 * @return Test_Email
	 */
	public function test_email(): Test_Email {
		if ( null === $this->test_email ) {
			$this->test_email = new Test_Email( $this->adapter(), $this->diagnosis(), $this->watcher(), $this->throttle() );
		}
		return $this->test_email;
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
	 * The held emails (Recovery).
	 *
	 * @return Held_Store
	 */
	public function held_store(): Held_Store {
		if ( null === $this->held_store ) {
			$this->held_store = new Held_Store();
		}
		return $this->held_store;
	}

	/**
	 * The held emails as REST and WP-CLI show and change them.
	 *
	 * @return Held_Emails
	 */
	public function held_emails(): Held_Emails {
		if ( null === $this->held_emails ) {
			$this->held_emails = new Held_Emails( $this->held_store(), $this->watch_status() );
		}
		return $this->held_emails;
	}

	/**
	 * The resender of held emails (REST and WP-CLI).
	 *
	 * @return Resender
	 */
	public function resender(): Resender {
		if ( null === $this->resender ) {
			/** This filter is documented in includes/Plugin.php (diagnosis()). */
			$timeout        = apply_filters( 'fix_mailersend_request_timeout', Client::DEFAULT_TIMEOUT );
			$this->resender = new Resender( $this->held_store(), $this->watcher(), $this->diagnosis(), $this->adapter(), is_numeric( $timeout ) ? (float) $timeout : Client::DEFAULT_TIMEOUT );
		}
		return $this->resender;
	}

	/**
	 * The held emails' capture.
	 *
	 * @return Held_Capture
	 */
	public function held_capture(): Held_Capture {
		if ( null === $this->held_capture ) {
			$this->held_capture = new Held_Capture( $this->held_store(), $this->watcher(), $this->adapter() );
		}
		return $this->held_capture;
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
	 * What keeping watch found (stored results only).
	 *
	 * @return Watch_Status
	 */
	public function watch_status(): Watch_Status {
		if ( null === $this->watch_status ) {
			$this->watch_status = new Watch_Status(
				$this->adapter(),
				$this->diagnosis(),
				new Check_Log(),
				new Watch_Log(),
				new Token_Expiry(),
				new Audit_Trail()
			);
		}
		return $this->watch_status;
	}

	/**
	 * The daily check.
	 *
	 * @return Daily_Check
	 */
	public function daily_check(): Daily_Check {
		if ( null === $this->daily_check ) {
			$this->daily_check = new Daily_Check( $this->adapter(), $this->diagnosis(), new Check_Log(), new Watch_Log() );
		}
		return $this->daily_check;
	}

	/**
	 * The admin notice.
	 *
	 * @return Admin_Notice
	 */
	public function admin_notice(): Admin_Notice {
		if ( null === $this->admin_notice ) {
			$this->admin_notice = new Admin_Notice( $this->watch_status(), $this->admin_page(), $this->held_emails() );
		}
		return $this->admin_notice;
	}

	/**
	 * The Site Health test.
	 *
	 * @return Site_Health
	 */
	public function site_health(): Site_Health {
		if ( null === $this->site_health ) {
			$this->site_health = new Site_Health( $this->watch_status(), $this->admin_page(), $this->held_emails() );
		}
		return $this->site_health;
	}

	/**
	 * The diagnosis (shared by the daily check and the watch status).
	 *
	 * @return Diagnosis
	 */
	private function diagnosis(): Diagnosis {
		if ( null === $this->diagnosis ) {
			/**
			 * Filters the timeout of one MailerSend call, in seconds (default 10). Every call of
			 * an action also fits in the action's deadline (`fix_mailersend_action_deadline`).
			 *
			 * @since 0.2.0
			 *
			 * @param float|int $seconds The timeout.
			 */
			$timeout         = apply_filters( 'fix_mailersend_request_timeout', Client::DEFAULT_TIMEOUT );
			$this->diagnosis = new Diagnosis( new Client( Client::DEFAULT_BASE_URL, is_numeric( $timeout ) ? (float) $timeout : Client::DEFAULT_TIMEOUT ), $this->throttle() );
		}
		return $this->diagnosis;
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
