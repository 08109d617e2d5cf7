<?php
/**
 * The only code that touches WP Mail SMTP.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\WpMailSmtp;

use FixMailerSend\MailerSend\Api_Response;
use FixMailerSend\Storage\Failure_Log;
use FixMailerSend\Support\Token;
use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * Reads WP Mail SMTP's state and MailerSend settings, writes the token by merging, knows its
 * constants, its capability and its last failure (see shared/docs/wp-mail-smtp.md).
 *
 * Everything here is guarded: WP Mail SMTP may be missing, inactive, too old, Lite or Pro.
 *
 * Its MailerSend settings are read once per request into a Snapshot (snapshot()), dropped
 * after this plugin's write and whenever WP Mail SMTP's option changes (forget_state(), hooked
 * by Plugin to the option's add/update/delete and to switch_blog).
 */
class Adapter {

	/**
	 * Oldest WP Mail SMTP release with the MailerSend mailer. 4.5–4.7 work: their failure hook
	 * passes the message without the #MS code and the HTTP status (those arrived in 4.8.0), and
	 * the diagnosis makes do with what each version gives.
	 */
	const MIN_VERSION = '4.5.0';

	/**
	 * WP Mail SMTP's slug for the MailerSend mailer.
	 */
	const MAILER = 'mailersend';

	/**
	 * The wp-config.php constant that can own the token.
	 */
	const CONSTANT = 'WPMS_MAILERSEND_API_KEY';

	/**
	 * Plugin folders: Lite and Pro.
	 */
	const FOLDER_LITE = 'wp-mail-smtp';
	const FOLDER_PRO  = 'wp-mail-smtp-pro';

	/**
	 * WP Mail SMTP's top-level menu slug (its Settings page).
	 */
	const MENU_SLUG = 'wp-mail-smtp';

	/**
	 * WP Mail SMTP's option (`WPMailSMTP\Options::META_KEY`), whose changes drop the snapshot.
	 */
	const OPTION = 'wp_mail_smtp';

	/**
	 * Where the failure hook's records are kept.
	 *
	 * @var Failure_Log
	 */
	private $failures;

	/**
	 * WP Mail SMTP's settings as read in this request (null: read them at the next question).
	 *
	 * @var Snapshot|null
	 */
	private $snapshot = null;

	/**
	 * Creates the adapter.
	 *
	 * @param Failure_Log $failures Failures recorded from WP Mail SMTP's hook.
	 */
	public function __construct( Failure_Log $failures ) {
		$this->failures = $failures;
	}

	// -----------------------------------------------------------------------------------------
	// The snapshot.
	// -----------------------------------------------------------------------------------------

	/**
	 * WP Mail SMTP's MailerSend settings, read once (memoised until forget_state()).
	 *
	 * @return Snapshot
	 */
	public function snapshot(): Snapshot {
		// Read again when WP Mail SMTP has loaded since (this plugin loads before it).
		if ( null === $this->snapshot || ( ! $this->snapshot->loaded() && $this->is_loaded() ) ) {
			$this->snapshot = $this->read_snapshot();
		}
		return $this->snapshot;
	}

	/**
	 * Drops the snapshot: the next question reads WP Mail SMTP's settings again. Hooked to
	 * changes of WP Mail SMTP's option (this site's, the network's) and to switch_blog.
	 *
	 * @return void
	 */
	public function forget_state(): void {
		$this->snapshot = null;
	}

	/**
	 * Reads the snapshot: one pass over WP Mail SMTP's Options.
	 *
	 * @return Snapshot
	 */
	private function read_snapshot(): Snapshot {
		$known = array();
		if ( defined( self::CONSTANT ) && is_string( constant( self::CONSTANT ) ) ) {
			$known[] = (string) constant( self::CONSTANT );
		}
		$values = array(
			'loaded'               => $this->is_loaded(),
			'mailer'               => null,
			'mailer_from_constant' => false,
			'token'                => Token::none(),
			'token_from_constant'  => false,
			'from_email'           => null,
			'network_wide'         => $this->read_network_wide(),
			'known_tokens'         => array(),
		);
		if ( $values['loaded'] ) {
			$options = \WPMailSMTP\Options::init();
			$mailer  = $options->get( 'mail', 'mailer' );
			$token   = $options->get( self::MAILER, 'api_key' );
			$token   = is_string( $token ) ? $token : '';
			$from    = $options->get( 'mail', 'from_email' );

			$values['mailer']               = is_string( $mailer ) && '' !== $mailer ? $mailer : 'mail';
			$values['mailer_from_constant'] = (bool) $options->is_const_defined( 'mail', 'mailer' );
			$values['token']                = Token::from( $token );
			$values['token_from_constant']  = (bool) $options->is_const_defined( self::MAILER, 'api_key' );
			$values['from_email']           = is_string( $from ) && is_email( $from ) ? $from : null;

			$known[] = $token;
			$known[] = $options->get( self::MAILER, 'api_key', false );
			$stored  = $values['network_wide'] ? get_blog_option( get_main_site_id(), \WPMailSMTP\Options::META_KEY ) : get_option( \WPMailSMTP\Options::META_KEY );
			if ( is_array( $stored ) && isset( $stored[ self::MAILER ]['api_key'] ) ) {
				$known[] = $stored[ self::MAILER ]['api_key'];
			}
		}
		foreach ( $known as $token ) {
			if ( is_string( $token ) && '' !== $token ) {
				$values['known_tokens'] = array_merge( $values['known_tokens'], Token::from( $token )->forms() );
			}
		}
		$values['known_tokens'] = array_values( array_unique( $values['known_tokens'] ) );
		return new Snapshot( $values );
	}

	// -----------------------------------------------------------------------------------------
	// Presence.
	// -----------------------------------------------------------------------------------------

	/**
	 * Whether WP Mail SMTP is loaded and usable in this request (cheap: no get_plugins()).
	 *
	 * @return bool
	 */
	public function is_loaded(): bool {
		return function_exists( 'wp_mail_smtp' ) && class_exists( '\WPMailSMTP\Options' );
	}

	/**
	 * `active` | `inactive` (installed, not running) | `missing` | `too_old` (running, < 4.5.0: no MailerSend mailer).
	 *
	 * Uses get_plugins() when WP Mail SMTP is not loaded: call it on admin or REST paths only.
	 *
	 * @return string
	 */
	public function state(): string {
		if ( $this->is_loaded() ) {
			$version = $this->version();
			return null !== $version && version_compare( $version, self::MIN_VERSION, '<' ) ? 'too_old' : 'active';
		}
		return null !== $this->installed_plugin() ? 'inactive' : 'missing';
	}

	/**
	 * WP Mail SMTP's version (running, else installed), or null when missing.
	 *
	 * @return string|null
	 */
	public function version(): ?string {
		if ( $this->is_loaded() && defined( 'WPMS_PLUGIN_VER' ) ) {
			return (string) constant( 'WPMS_PLUGIN_VER' );
		}
		$installed = $this->installed_plugin();
		return null !== $installed && '' !== $installed['version'] ? $installed['version'] : null;
	}

	/**
	 * Whether it is WP Mail SMTP Pro (running, else installed).
	 *
	 * @return bool
	 */
	public function is_pro(): bool {
		if ( $this->is_loaded() ) {
			// WP Mail SMTP's own answer first (whether its Pro code runs), the folder name only
			// when it cannot tell: a renamed folder says nothing about the edition.
			$core = wp_mail_smtp();
			if ( is_object( $core ) && method_exists( $core, 'is_pro' ) ) {
				return (bool) $core->is_pro();
			}
			return defined( 'WPMS_PLUGIN_FILE' )
				&& self::FOLDER_PRO === basename( dirname( (string) constant( 'WPMS_PLUGIN_FILE' ) ) );
		}
		$installed = $this->installed_plugin();
		return null !== $installed && $installed['pro'];
	}

	/**
	 * The installed (not necessarily active) WP Mail SMTP plugin: Pro first.
	 *
	 * @return array{file: string, version: string, pro: bool}|null
	 */
	private function installed_plugin(): ?array {
		if ( ! function_exists( 'get_plugins' ) ) {
			// @phpstan-ignore requireOnce.fileNotFound
			require_once ABSPATH . 'wp-admin/includes/plugin.php';
		}
		$found = null;
		foreach ( get_plugins() as $file => $data ) {
			$folder = dirname( (string) $file );
			if ( self::FOLDER_PRO !== $folder && self::FOLDER_LITE !== $folder ) {
				continue;
			}
			$entry = array(
				'file'    => (string) $file,
				'version' => isset( $data['Version'] ) ? (string) $data['Version'] : '',
				'pro'     => self::FOLDER_PRO === $folder,
			);
			if ( null === $found || $entry['pro'] ) {
				$found = $entry;
			}
		}
		return $found;
	}

	// -----------------------------------------------------------------------------------------
	// Capability and links.
	// -----------------------------------------------------------------------------------------

	/**
	 * Whether WP Mail SMTP (Pro) uses network-wide settings on this multisite network: then its
	 * Options::set() writes the MAIN site's option, so a save from any site changes the mailer
	 * and token of every site (`WP::use_global_plugin_settings()`: the main site's
	 * `['general']['network_wide']`). A release without that method has no such settings.
	 *
	 * @return bool
	 */
	public function network_wide_settings(): bool {
		return $this->snapshot()->network_wide();
	}

	/**
	 * Reads network_wide_settings() for the snapshot.
	 *
	 * @return bool
	 */
	private function read_network_wide(): bool {
		if ( ! is_multisite() || ! class_exists( '\WPMailSMTP\WP' ) ) {
			return false;
		}
		// @phpstan-ignore function.alreadyNarrowedType
		if ( ! method_exists( '\WPMailSMTP\WP', 'use_global_plugin_settings' ) ) {
			return false;
		}
		return (bool) \WPMailSMTP\WP::use_global_plugin_settings();
	}

	/**
	 * The capability WP Mail SMTP requires for its settings (`manage_options` unless filtered);
	 * `manage_network_options` when its settings are network-wide, since a save then changes
	 * the whole network's settings (a site's administrator must not).
	 *
	 * @return string
	 */
	public function capability(): string {
		if ( $this->network_wide_settings() ) {
			return 'manage_network_options';
		}
		if ( $this->is_loaded() ) {
			$core = wp_mail_smtp();
			if ( is_object( $core ) && method_exists( $core, 'get_capability_manage_options' ) ) {
				$capability = $core->get_capability_manage_options();
				if ( is_string( $capability ) && '' !== $capability ) {
					return $capability;
				}
			}
		}
		return 'manage_options';
	}

	/**
	 * Where the user goes to act on WP Mail SMTP: its settings when running, else the plugins
	 * screen (to activate or update it), else the plugin installer.
	 *
	 * @return string
	 */
	public function settings_url(): string {
		switch ( $this->state() ) {
			case 'active':
				return admin_url( 'admin.php?page=' . self::MENU_SLUG );
			case 'missing':
				return admin_url( 'plugin-install.php?s=WP+Mail+SMTP&tab=search&type=term' );
			default:
				return admin_url( 'plugins.php' );
		}
	}

	/**
	 * WP Mail SMTP's Email Test tool.
	 *
	 * @return string
	 */
	public function email_test_url(): string {
		return admin_url( 'admin.php?page=wp-mail-smtp-tools&tab=test' );
	}

	// -----------------------------------------------------------------------------------------
	// Mailer and token.
	// -----------------------------------------------------------------------------------------

	/**
	 * The active mailer's slug, or null when WP Mail SMTP is not loaded.
	 *
	 * @return string|null
	 */
	public function mailer(): ?string {
		return $this->snapshot()->mailer();
	}

	/**
	 * Whether WP Mail SMTP sends through MailerSend.
	 *
	 * @return bool
	 */
	public function is_mailersend(): bool {
		return self::MAILER === $this->mailer();
	}

	/**
	 * Whether a wp-config.php constant (WPMS_MAILER) chooses the mailer.
	 *
	 * @return bool
	 */
	public function mailer_from_constant(): bool {
		return $this->snapshot()->mailer_from_constant();
	}

	/**
	 * The MailerSend token in use (constant, else database), normalised where it enters
	 * (Support\Token); Token::none() when there is none. Never display it.
	 *
	 * @return Token
	 */
	public function current_token(): Token {
		return $this->snapshot()->token();
	}

	/**
	 * The MailerSend token in use, normalised (current_token()->value()), '' when none.
	 * Never display it.
	 *
	 * @return string
	 */
	public function token(): string {
		return $this->current_token()->value();
	}

	/**
	 * Every MailerSend token this site knows, to be masked wherever it is quoted (Mask::watch()):
	 * the one in use, the WPMS_MAILERSEND_API_KEY constant's (defined, whether WPMS_ON lets
	 * WP Mail SMTP use it or not) and the one saved in WP Mail SMTP's settings (which a
	 * constant hides). Raw, as stored and as normalised. Never display them.
	 *
	 * @return string[]
	 */
	public function known_tokens(): array {
		return $this->snapshot()->known_tokens();
	}

	/**
	 * Where the token comes from: `constant` | `database` | `none`.
	 *
	 * @return string
	 */
	public function token_source(): string {
		if ( ! $this->is_loaded() ) {
			return 'none';
		}
		if ( $this->token_from_constant() ) {
			return 'constant';
		}
		return '' !== $this->token() ? 'database' : 'none';
	}

	/**
	 * Whether WPMS_MAILERSEND_API_KEY (with WPMS_ON) owns the token.
	 *
	 * @return bool
	 */
	public function token_from_constant(): bool {
		return $this->snapshot()->token_from_constant();
	}

	/**
	 * Keyed fingerprint of the token in use ('' for none), to tell whether a stored result is
	 * about the current token.
	 *
	 * @return string
	 */
	public function token_fingerprint(): string {
		return $this->current_token()->fingerprint();
	}

	/**
	 * Saves the MailerSend token through WP Mail SMTP, merging: nothing else changes, except
	 * the mailer when $switch_mailer asks for MailerSend.
	 *
	 * Call it holding the `token` Lock (Token_Service::save()): `previous`, read from the
	 * database just before the write, is then the token this write replaced.
	 *
	 * @param Token $given         The (checked) token.
	 * @param bool  $switch_mailer Make MailerSend the active mailer (the user agreed).
	 * @return array{mailer_switched: bool, previous: string}|WP_Error `previous`: the token
	 *         saved before ('' for none).
	 */
	public function save_token( Token $given, bool $switch_mailer ) {
		$token = $given->value();
		if ( ! $this->is_loaded() ) {
			return new WP_Error(
				'fix_mailersend_wp_mail_smtp_unavailable',
				__( 'WP Mail SMTP is not active, so there is nowhere to save the token. Install or activate WP Mail SMTP first.', 'fix-mailersend' ),
				array( 'status' => 409 )
			);
		}
		if ( '' === $token ) {
			return new WP_Error( 'fix_mailersend_token_empty', __( 'There is no token to save.', 'fix-mailersend' ), array( 'status' => 400 ) );
		}
		if ( $this->token_from_constant() ) {
			return new WP_Error(
				'fix_mailersend_constant_defined',
				sprintf(
					/* translators: %s: constant name. */
					__( 'The MailerSend token is set by the %s constant in wp-config.php, so it cannot be changed here. Put the new token in wp-config.php instead.', 'fix-mailersend' ),
					self::CONSTANT
				),
				array(
					'status'   => 409,
					'constant' => self::CONSTANT,
				)
			);
		}

		// Merge into the settings as they are NOW, not into the copy WP Mail SMTP read when this
		// request started: another admin may have changed them during the MailerSend calls
		// (up to a minute), and merging into the stale copy would silently revert that change.
		// A new Options reads the option from the database (its cache entry dropped first);
		// its set() refreshes every instance, Options::init() included.
		self::forget_cached_option();
		$options = new \WPMailSMTP\Options();

		$mailer_const    = $this->mailer_from_constant();
		$previous_mailer = $options->get( 'mail', 'mailer', false );
		$was_mailersend  = self::MAILER === $previous_mailer;
		if ( $switch_mailer && ! $was_mailersend && $mailer_const ) {
			return new WP_Error(
				'fix_mailersend_mailer_constant_defined',
				__( 'The mailer is set by the WPMS_MAILER constant in wp-config.php, so it cannot be switched to MailerSend here. Set it to "mailersend" in wp-config.php.', 'fix-mailersend' ),
				array(
					'status'   => 409,
					'constant' => 'WPMS_MAILER',
				)
			);
		}
		$previous = $options->get( self::MAILER, 'api_key', false );
		$previous = is_string( $previous ) ? $previous : '';

		$partial = array( self::MAILER => array( 'api_key' => $token ) );
		// With the mailer in the saved data, WP Mail SMTP sanitizes the key as its own screen does.
		if ( ! $mailer_const && ( $was_mailersend || $switch_mailer ) ) {
			$partial['mail'] = array( 'mailer' => self::MAILER );
		}

		// The third argument false MERGES; the default (true) would replace every other setting.
		$errors_before = self::database_errors();
		$options->set( $partial, false, false );
		$this->forget_state();
		// WP Mail SMTP does not say whether update_option() worked: a database error logged
		// during set() tells a refused write from a filter that changed the value.
		$db_error = self::database_errors() > $errors_before;

		$kept = \WPMailSMTP\Options::init()->get( self::MAILER, 'api_key' );
		if ( $kept !== $token ) {
			if ( $db_error && $this->stored_token() === $previous ) {
				// Nothing reached the database: nothing to undo.
				return self::database_error( true );
			}
			return $this->undo_save( $options, $previous, isset( $partial['mail'] ) && ! $was_mailersend ? $previous_mailer : null, $db_error );
		}

		return array(
			'mailer_switched' => ! $was_mailersend && $this->is_mailersend(),
			'previous'        => $previous,
		);
	}

	/**
	 * How many database errors this request has had (wpdb::print_error() keeps each one in
	 * the global `$EZSQL_ERROR`, even when errors are suppressed).
	 *
	 * @return int
	 */
	private static function database_errors(): int {
		global $EZSQL_ERROR;
		return is_array( $EZSQL_ERROR ) ? count( $EZSQL_ERROR ) : 0;
	}

	/**
	 * The MailerSend token WP Mail SMTP's option holds in the database right now ('' for none),
	 * past every cached copy.
	 *
	 * @return string
	 */
	private function stored_token(): string {
		self::forget_cached_option();
		$token = ( new \WPMailSMTP\Options() )->get( self::MAILER, 'api_key', false );
		return is_string( $token ) ? $token : '';
	}

	/**
	 * The refusal when the database did not take WP Mail SMTP's write.
	 *
	 * @param bool $unchanged The database still holds the previous token.
	 * @return WP_Error 500 `fix_mailersend_save_failed`, data `reason` `database`.
	 */
	private static function database_error( bool $unchanged ): WP_Error {
		return new WP_Error(
			'fix_mailersend_save_failed',
			$unchanged
				? __( 'WP Mail SMTP could not save the new token: the database refused the write (a database error). The saved token was not changed, so WP Mail SMTP keeps sending with the previous one. Try again; if it fails again, ask your host to check the database (disk space, permissions) and its error log.', 'fix-mailersend' )
				: __( 'WP Mail SMTP could not save the new token: the database refused the write (a database error), and the MailerSend token in WP Mail SMTP’s settings may now be neither the previous one nor the new one, so emails may fail. Ask your host to check the database (disk space, permissions), then open WP Mail SMTP’s settings and check the MailerSend token.', 'fix-mailersend' ),
			array(
				'status'   => 500,
				'restored' => $unchanged,
				'reason'   => 'database',
			)
		);
	}

	/**
	 * After WP Mail SMTP kept something else than the token it was given (a filter on
	 * `wp_mail_smtp_options_set` changed it): puts the previous token (and mailer, when this
	 * save switched it) back through the same merge, and says what the settings hold now.
	 *
	 * @param \WPMailSMTP\Options $options         The instance the save went through.
	 * @param string              $previous        The token saved before (raw, '' for none).
	 * @param mixed               $previous_mailer The mailer to put back, or null when unchanged.
	 * @param bool                $db_error        The database refused the save (not a filter).
	 * @return WP_Error 500 `fix_mailersend_save_failed`, data `restored` and `reason`
	 *                  (`database` or `filtered`).
	 */
	private function undo_save( \WPMailSMTP\Options $options, string $previous, $previous_mailer, bool $db_error ): WP_Error {
		$undo = array( self::MAILER => array( 'api_key' => $previous ) );
		if ( is_string( $previous_mailer ) && '' !== $previous_mailer ) {
			$undo['mail'] = array( 'mailer' => $previous_mailer );
		}
		$options->set( $undo, false, false );
		$this->forget_state();

		$now      = \WPMailSMTP\Options::init()->get( self::MAILER, 'api_key', false );
		$restored = is_string( $now ) && $now === $previous;

		if ( $db_error ) {
			return self::database_error( $restored );
		}

		return new WP_Error(
			'fix_mailersend_save_failed',
			$restored
				? __( 'WP Mail SMTP did not keep the new token: something changed it while it was being saved (another plugin may be filtering WP Mail SMTP’s settings). The previous token was put back, so WP Mail SMTP keeps sending with it. Find what changes WP Mail SMTP’s settings before trying again.', 'fix-mailersend' )
				: __( 'WP Mail SMTP did not keep the new token: something changed it while it was being saved (another plugin may be filtering WP Mail SMTP’s settings), and putting the previous token back did not work either. The MailerSend token in WP Mail SMTP’s settings is now neither of them, so emails may fail. Open WP Mail SMTP’s settings and check the MailerSend token.', 'fix-mailersend' ),
			array(
				'status'   => 500,
				'restored' => $restored,
				'reason'   => 'filtered',
			)
		);
	}

	/**
	 * Drops this request's cached copies of WP Mail SMTP's option, so that the next read comes
	 * from the database (an autoloaded copy too, on sites where it is autoloaded): the current
	 * site's, and on a multisite network the main site's too. WP Mail SMTP Pro's network-wide
	 * settings are read from the main site on every site (its `wp_mail_smtp_populate_options`
	 * filter: `get_blog_option( get_main_site_id(), 'wp_mail_smtp' )`), through that site's
	 * options cache, which a refresh of the current site alone would leave stale.
	 *
	 * @return void
	 */
	private static function forget_cached_option(): void {
		self::forget_cached_option_of_this_site();
		if ( is_multisite() && get_current_blog_id() !== get_main_site_id() ) {
			switch_to_blog( get_main_site_id() );
			try {
				self::forget_cached_option_of_this_site();
			} finally {
				restore_current_blog();
			}
		}
	}

	/**
	 * Drops the current site's cached copy of WP Mail SMTP's option.
	 *
	 * @return void
	 */
	private static function forget_cached_option_of_this_site(): void {
		wp_cache_delete( \WPMailSMTP\Options::META_KEY, 'options' );
		$alloptions = wp_cache_get( 'alloptions', 'options' );
		if ( is_array( $alloptions ) && isset( $alloptions[ \WPMailSMTP\Options::META_KEY ] ) ) {
			wp_cache_delete( 'alloptions', 'options' );
		}
	}

	// -----------------------------------------------------------------------------------------
	// From address.
	// -----------------------------------------------------------------------------------------

	/**
	 * The From address MailerSend sees: WP Mail SMTP's `mail.from_email`, else WordPress's
	 * default `wordpress@<site host>`.
	 *
	 * @return string
	 */
	public function from_email(): string {
		$from = $this->snapshot()->from_email();
		return null !== $from ? $from : self::wordpress_default_from();
	}

	/**
	 * The From address's domain, lower case ('' when unknown).
	 *
	 * @return string
	 */
	public function from_domain(): string {
		$email = $this->from_email();
		$at    = strrpos( $email, '@' );
		return false === $at ? '' : strtolower( substr( $email, $at + 1 ) );
	}

	/**
	 * What wp_mail() uses when nobody sets a From address.
	 *
	 * @return string
	 */
	public static function wordpress_default_from(): string {
		$host = wp_parse_url( network_home_url(), PHP_URL_HOST );
		$host = is_string( $host ) ? strtolower( $host ) : '';
		if ( 0 === strpos( $host, 'www.' ) ) {
			$host = substr( $host, 4 );
		}
		return 'wordpress@' . $host;
	}

	// -----------------------------------------------------------------------------------------
	// Last failure.
	// -----------------------------------------------------------------------------------------

	/**
	 * WP Mail SMTP's last failed MailerSend email, or null.
	 *
	 * Combines what Send_Watcher recorded (from `wp_mail_smtp_mailcatcher_send_failed` with a
	 * MailerSend request behind it: when, text, #MS code, HTTP status, token fingerprint, the
	 * later successes) with `WPMailSMTP\Debug::get_last()` (text only; kept from before this
	 * plugin was installed):
	 * - Debug has the recorded failure's text, or a failure that never reached MailerSend
	 *   (Failure_Log::unsent(), e.g. a recipient PHPMailer refused), or nothing: the record;
	 * - Debug has another MailerSend text: that failure, `at` and `http_status` null, unresolved.
	 * `resolved` is Failure_Log::resolved() (later successes seen by Send_Watcher and the token
	 * in use), never "WP Mail SMTP's debug record is empty".
	 *
	 * @return array{at: string|null, message: string, ms_code: string|null, http_status: int|null, resolved: bool, current_token: bool|null, debug_text: string|null}|null
	 */
	public function last_failure(): ?array {
		$record = $this->failures->get();
		$debug  = $this->debug_last();

		if ( null !== $debug && '' !== $debug && ! self::debug_names_other_mailer( $debug ) ) {
			if ( null !== $record && self::same_failure( $record['message'], $debug ) ) {
				return $this->from_record( $record, $debug );
			}
			$unsent = $this->failures->unsent();
			if ( null === $unsent || ! self::same_failure( $unsent['message'], $debug ) ) {
				$parsed = self::parse_debug_text( $debug );
				return array(
					'at'            => null,
					'message'       => $parsed['message'],
					'ms_code'       => '' !== $parsed['ms_code'] ? $parsed['ms_code'] : null,
					'http_status'   => null,
					'resolved'      => false,
					'current_token' => null,
					'debug_text'    => $debug,
				);
			}
			// WP Mail SMTP's last failure never reached MailerSend: not a MailerSend failure.
		}

		if ( null === $record ) {
			return null;
		}
		return $this->from_record( $record, null );
	}

	/**
	 * Shapes a hook record.
	 *
	 * @param array{at: string, message: string, ms_code: string|null, http_status: int, fingerprint: string, succeeded_after: string[]} $record     Record.
	 * @param string|null                                                                                                                $debug_text WP Mail SMTP's text.
	 * @return array{at: string|null, message: string, ms_code: string|null, http_status: int|null, resolved: bool, current_token: bool|null, debug_text: string|null}
	 */
	private function from_record( array $record, ?string $debug_text ): array {
		$current = $this->token_fingerprint();
		return array(
			'at'            => $record['at'],
			'message'       => $record['message'],
			'ms_code'       => $record['ms_code'],
			'http_status'   => $record['http_status'],
			'resolved'      => Failure_Log::resolved( $record, $current ),
			'current_token' => '' === $record['fingerprint'] ? null : $record['fingerprint'] === $current,
			'debug_text'    => $debug_text,
		);
	}

	/**
	 * `WPMailSMTP\Debug::get_last()` as plain text; null when WP Mail SMTP has no Debug class.
	 *
	 * @return string|null
	 */
	private function debug_last(): ?string {
		if ( ! $this->is_loaded() || ! class_exists( '\WPMailSMTP\Debug' ) ) {
			return null;
		}
		$last = \WPMailSMTP\Debug::get_last();
		if ( ! is_string( $last ) ) {
			return '';
		}
		// It is HTML-escaped for its own screens.
		return trim( html_entity_decode( wp_strip_all_tags( $last ), ENT_QUOTES | ENT_HTML5, 'UTF-8' ) );
	}

	/**
	 * Whether WP Mail SMTP's debug text is about another mailer ("Mailer: Other SMTP").
	 *
	 * @param string $debug Debug text.
	 * @return bool
	 */
	private static function debug_names_other_mailer( string $debug ): bool {
		if ( ! preg_match( '/^\s*Mailer:\s*(.+)$/mi', $debug, $match ) ) {
			return false;
		}
		return false === stripos( $match[1], 'MailerSend' );
	}

	/**
	 * Whether the hook's message and WP Mail SMTP's debug text describe the same failure.
	 *
	 * @param string $message Hook message.
	 * @param string $debug   Debug text ("Email Source: …\r\nMailer: MailerSend\r\n<message>").
	 * @return bool
	 */
	private static function same_failure( string $message, string $debug ): bool {
		$message = trim( $message );
		if ( '' === $message ) {
			// A transport error: WP Mail SMTP's text ends with its "Mailer: MailerSend" line.
			return (bool) preg_match( '/Mailer:\s*MailerSend\s*$/i', $debug );
		}
		$normalise = static function ( string $text ): string {
			return (string) preg_replace( '/\s+/', ' ', trim( $text ) );
		};
		return false !== strpos( $normalise( $debug ), $normalise( $message ) );
	}

	/**
	 * Splits WP Mail SMTP's `Debug::get_last()` text into MailerSend's message and code.
	 *
	 * "Email Source: X\r\nMailer: MailerSend\r\nUnauthenticated." → message "Unauthenticated.".
	 * The `Conflicts: <plugins>` line the real WP Mail SMTP inserts (MailCatcherTrait::api_send)
	 * when other mail plugins are active is skipped too.
	 *
	 * @param string $text Debug text.
	 * @return array{message: string, ms_code: string}
	 */
	public static function parse_debug_text( string $text ): array {
		$lines = preg_split( '/\r\n|\r|\n/', $text );
		$kept  = array();
		foreach ( false === $lines ? array( $text ) : $lines as $line ) {
			if ( 1 === preg_match( '/^\s*(Email Source|Mailer|Conflicts)\s*:/i', $line ) ) {
				continue;
			}
			$kept[] = $line;
		}
		$message = trim( implode( "\r\n", $kept ) );
		$codes   = Api_Response::find_ms_codes( $message );

		return array(
			'message' => $message,
			'ms_code' => isset( $codes[0] ) ? $codes[0] : '',
		);
	}
}
