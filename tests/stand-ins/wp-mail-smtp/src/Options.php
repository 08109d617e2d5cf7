<?php
/**
 * Test stand-in: the options store of WP Mail SMTP Lite 4.8.
 *
 * Behaves like the real `WPMailSMTP\Options` for the parts Fix MailerSend
 * depends on: read order (constant, database, default), the difference between
 * overwriting and merging on save, when the MailerSend key is sanitized, and
 * how a constant-owned value is written to the database. Test code only.
 *
 * @package FixMailerSend\Tests\StandIns\WPMailSMTP
 */

namespace WPMailSMTP;

/**
 * Options stored in the `wp_mail_smtp` option, shaped `[group][key]`.
 */
class Options {

	/**
	 * Name of the WordPress option.
	 *
	 * @var string
	 */
	const META_KEY = 'wp_mail_smtp';

	/**
	 * Keys that always answer `get_group()` (with their defaults), per group.
	 *
	 * @var array<string, string[]>
	 */
	private static $map = array(
		'mail'       => array( 'from_name', 'from_email', 'mailer', 'return_path', 'from_name_force', 'from_email_force' ),
		'mailersend' => array( 'api_key', 'has_pro_plan' ),
	);

	/**
	 * Mailer slugs WP Mail SMTP 4.8 accepts on save (besides `mail`).
	 * Any other slug is saved as `mail`.
	 *
	 * @var string[]
	 */
	public static $mailers = array(
		'sendlayer',
		'smtpcom',
		'sendinblue',
		'amazonses',
		'gmail',
		'mailgun',
		'mailjet',
		'mailersend',
		'mandrill',
		'outlook',
		'postmark',
		'sendgrid',
		'sparkpost',
		'zoho',
		'elasticemail',
		'smtp2go',
		'smtp',
		'pepipost',
		'pepipostapi',
		'mailtrap',
	);

	/**
	 * Every instance, so that all of them re-read the option after a save.
	 *
	 * @var Options[]
	 */
	protected static $update_observers = array();

	/**
	 * This instance's copy of the option.
	 *
	 * @var array
	 */
	protected $options = array();

	/**
	 * Constructor. `Options::init()` is the usual way in.
	 */
	public function __construct() {
		static::$update_observers[] = $this;

		$this->populate_options();
	}

	/**
	 * The shared instance.
	 *
	 * @return Options
	 */
	public static function init() {
		static $instance;

		if ( ! $instance ) {
			$instance = new self();
		}

		return $instance;
	}

	/**
	 * Options saved on plugin activation (only when none exist yet).
	 *
	 * @return array
	 */
	public static function get_defaults() {
		return array(
			'mail' => array(
				'from_email'       => get_option( 'admin_email' ),
				'from_name'        => get_bloginfo( 'name' ),
				'mailer'           => 'mail',
				'return_path'      => false,
				'from_email_force' => true,
				'from_name_force'  => false,
			),
		);
	}

	/**
	 * The mailers this stand-in knows by name: slug => title.
	 * Only `mailersend` sends anything; every other slug is accepted and stored.
	 *
	 * @return array<string, string>
	 */
	public static function get_mailers() {
		$titles = array(
			'mail'       => 'Default (none)',
			'mailersend' => 'MailerSend',
			'smtp'       => 'Other SMTP',
		);

		foreach ( self::$mailers as $slug ) {
			if ( ! isset( $titles[ $slug ] ) ) {
				$titles[ $slug ] = ucfirst( $slug );
			}
		}

		return $titles;
	}

	/**
	 * (Re)read the option into this instance, through the filter `wp_mail_smtp_populate_options`
	 * (same hook as WP Mail SMTP; Pro's network-wide settings use it, see Pro\Multisite).
	 */
	protected function populate_options() {
		$this->options = (array) apply_filters( 'wp_mail_smtp_populate_options', get_option( static::META_KEY, array() ) );
	}

	/**
	 * All options, each value resolved through `get()` (so constants win).
	 *
	 * @return array
	 */
	public function get_all() {
		$options = $this->options;

		foreach ( $options as $group => $values ) {
			foreach ( (array) $values as $key => $value ) {
				$options[ $group ][ $key ] = $this->get( $group, $key );
			}
		}

		return $options;
	}

	/**
	 * Like `get_all()`, without stripping slashes: what a merge-save starts from.
	 *
	 * @return array
	 */
	public function get_all_raw() {
		$options = $this->options;

		foreach ( $options as $group => $values ) {
			foreach ( (array) $values as $key => $value ) {
				$options[ $group ][ $key ] = $this->get( $group, $key, false );
			}
		}

		return $options;
	}

	/**
	 * One group: the saved keys plus the known keys of that group, constant-aware.
	 *
	 * @param string $group Group, e.g. `mailersend`.
	 *
	 * @return array
	 */
	public function get_group( $group ) {
		$group   = sanitize_key( $group );
		$options = isset( $this->options[ $group ] ) ? (array) $this->options[ $group ] : array();

		if ( isset( self::$map[ $group ] ) ) {
			foreach ( self::$map[ $group ] as $key ) {
				$options[ $key ] = $this->get( $group, $key );
			}
		}

		return $options;
	}

	/**
	 * One value: the constant when it applies, else the database, else the default.
	 *
	 * @param string $group         Group, e.g. `mailersend`.
	 * @param string $key           Key, e.g. `api_key`.
	 * @param bool   $strip_slashes Strip slashes from database strings.
	 *
	 * @return mixed Null when the key is unknown everywhere.
	 */
	public function get( $group, $key, $strip_slashes = true ) {
		$group = sanitize_key( $group );
		$key   = sanitize_key( $key );
		$value = null;

		if ( $this->is_const_defined( $group, $key ) ) {
			$value = $this->get_const_value( $group, $key );
		} elseif ( isset( $this->options[ $group ] ) ) {
			$value = isset( $this->options[ $group ][ $key ] )
				? $this->options[ $group ][ $key ]
				: $this->get_default_value( $group, $key );
		} elseif ( isset( self::$map[ $group ] ) && in_array( $key, self::$map[ $group ], true ) ) {
			$value = $this->get_default_value( $group, $key );
		}

		// Only database values are unslashed; constants are used as they are.
		if ( $strip_slashes && is_string( $value ) && ! $this->is_const_defined( $group, $key ) ) {
			$value = stripslashes( $value );
		}

		return $value;
	}

	/**
	 * Default for a key missing from the database.
	 *
	 * @param string $group Group.
	 * @param string $key   Key.
	 *
	 * @return mixed
	 */
	protected function get_default_value( $group, $key ) {
		switch ( $key ) {
			case 'mailer':
				return 'mail';

			case 'from_email_force':
			case 'from_name_force':
			case 'return_path':
				return 'mail' !== $group;
		}

		return '';
	}

	/**
	 * Whether constants are honoured at all: only when `WPMS_ON` is exactly `true`.
	 *
	 * @return bool
	 */
	public function is_const_enabled() {
		return defined( 'WPMS_ON' ) && true === WPMS_ON;
	}

	/**
	 * Whether a constant supplies this value (the settings screen locks such fields).
	 *
	 * @param string $group Group.
	 * @param string $key   Key.
	 *
	 * @return bool
	 */
	public function is_const_defined( $group, $key ) {
		if ( ! $this->is_const_enabled() ) {
			return false;
		}

		$id = sanitize_key( $group ) . '.' . sanitize_key( $key );

		switch ( $id ) {
			case 'mail.from_name':
				return self::truthy_constant( 'WPMS_MAIL_FROM_NAME' );

			case 'mail.from_email':
				return self::truthy_constant( 'WPMS_MAIL_FROM' );

			case 'mail.mailer':
				return self::truthy_constant( 'WPMS_MAILER' );

			case 'mail.from_name_force':
				return self::true_constant( 'WPMS_MAIL_FROM_NAME_FORCE' );

			case 'mail.from_email_force':
				return self::true_constant( 'WPMS_MAIL_FROM_FORCE' );

			case 'mailersend.api_key':
				return self::truthy_constant( 'WPMS_MAILERSEND_API_KEY' );

			case 'mailersend.has_pro_plan':
				// Defined at all counts; its value is parsed as a boolean.
				return defined( 'WPMS_MAILERSEND_HAS_PRO_PLAN' );
		}

		return false;
	}

	/**
	 * The constant's value for a key (call only when `is_const_defined()` says so).
	 *
	 * @param string $group Group.
	 * @param string $key   Key.
	 *
	 * @return mixed
	 */
	protected function get_const_value( $group, $key ) {
		$constants = array(
			'mail.from_name'          => 'WPMS_MAIL_FROM_NAME',
			'mail.from_email'         => 'WPMS_MAIL_FROM',
			'mail.mailer'             => 'WPMS_MAILER',
			'mail.from_name_force'    => 'WPMS_MAIL_FROM_NAME_FORCE',
			'mail.from_email_force'   => 'WPMS_MAIL_FROM_FORCE',
			'mailersend.api_key'      => 'WPMS_MAILERSEND_API_KEY',
			'mailersend.has_pro_plan' => 'WPMS_MAILERSEND_HAS_PRO_PLAN',
		);

		$id = $group . '.' . $key;

		if ( ! isset( $constants[ $id ] ) || ! defined( $constants[ $id ] ) ) {
			return null;
		}

		$value = constant( $constants[ $id ] );

		if ( 'mailersend.has_pro_plan' === $id ) {
			$value = is_bool( $value ) ? $value : 'true' === trim( (string) $value );
		}

		return $value;
	}

	/**
	 * Save options.
	 *
	 * `$overwrite_existing = true` (the default) REPLACES the whole option with
	 * `$options`: a partial array wipes every other setting, and a missing or
	 * unknown mailer reads back as `mail`. `false` merges `$options` recursively
	 * into what is saved. The active mailer's `api_key` in the data being saved
	 * goes through `sanitize_text_field()`, or is written empty when a constant
	 * owns it; any other mailer's key is stored as given.
	 *
	 * @param array $options            Options to save.
	 * @param bool  $once               Only add the option if it does not exist yet.
	 * @param bool  $overwrite_existing Replace (true) or merge into (false) the saved option.
	 */
	public function set( $options, $once = false, $overwrite_existing = true ) {
		if ( ! $overwrite_existing ) {
			$options = self::array_merge_recursive( $this->get_all_raw(), (array) $options );
		}

		$options = $this->process_generic_options( (array) $options );
		$options = $this->process_mailer_specific_options( $options );

		/**
		 * Filters the options about to be saved (same hook as WP Mail SMTP).
		 *
		 * @param array $options Options to save.
		 */
		$options = apply_filters( 'wp_mail_smtp_options_set', $options );

		if ( $once ) {
			add_option( static::META_KEY, $options, '', false );
		} elseif ( is_multisite() && WP::use_global_plugin_settings() ) {
			// Like the real save_options(): network-wide settings live on the main site.
			update_blog_option( get_main_site_id(), static::META_KEY, $options );
		} else {
			update_option( static::META_KEY, $options, false );
		}

		foreach ( static::$update_observers as $observer ) {
			$observer->populate_options();
		}

		/**
		 * Fires after the options were saved (same hook as WP Mail SMTP).
		 *
		 * @param array $options Saved options.
		 */
		do_action( 'wp_mail_smtp_options_set_after', $options );
	}

	/**
	 * Normalise the `mail` group (and the Do Not Send switch).
	 *
	 * @param array $options Options to save.
	 *
	 * @return array
	 */
	protected function process_generic_options( $options ) {
		foreach ( $options as $group => $keys ) {
			foreach ( (array) $keys as $name => $value ) {
				if ( 'mail' === $group ) {
					switch ( $name ) {
						case 'from_name':
							$options[ $group ][ $name ] = sanitize_text_field( $value );
							break;

						case 'mailer':
							$mailer = sanitize_text_field( $value );

							$options[ $group ][ $name ] = in_array( $mailer, self::$mailers, true ) ? $mailer : 'mail';
							break;

						case 'from_email':
							$options[ $group ][ $name ] = filter_var( $value, FILTER_VALIDATE_EMAIL )
								? sanitize_email( $value )
								: sanitize_email( wp_mail_smtp()->get_default_email() );
							break;

						case 'return_path':
						case 'from_name_force':
						case 'from_email_force':
							$options[ $group ][ $name ] = (bool) $value;
							break;
					}
				} elseif ( 'general' === $group && 'do_not_send' === $name ) {
					$options[ $group ][ $name ] = (bool) $value;
				}
			}
		}

		return $options;
	}

	/**
	 * Sanitize the credentials of the mailer that is active in the data being saved.
	 *
	 * @param array $options Options to save.
	 *
	 * @return array
	 */
	protected function process_mailer_specific_options( $options ) {
		if (
			empty( $options['mail']['mailer'] ) ||
			! isset( $options[ $options['mail']['mailer'] ] ) ||
			! in_array( $options['mail']['mailer'], self::$mailers, true )
		) {
			return $options;
		}

		$mailer = $options['mail']['mailer'];

		foreach ( (array) $options[ $mailer ] as $name => $value ) {
			if ( 'api_key' === $name ) {
				$options[ $mailer ][ $name ] = $this->is_const_defined( $mailer, $name ) ? '' : sanitize_text_field( $value );
			} elseif ( 'has_pro_plan' === $name ) {
				$options[ $mailer ][ $name ] = $this->is_const_defined( $mailer, $name ) ? false : (bool) $value;
			}
		}

		return $options;
	}

	/**
	 * Whether the given mailer is the active one.
	 *
	 * @param string $mailer Mailer slug.
	 *
	 * @return bool
	 */
	public function is_mailer_active( $mailer ) {
		return $this->get( 'mail', 'mailer' ) === sanitize_key( $mailer );
	}

	/**
	 * WP Mail SMTP's own sentence for a field set by a constant (HTML with <code>).
	 *
	 * @param string $constant Constant name.
	 *
	 * @return string
	 */
	public function get_const_set_message( $constant ) {
		return sprintf(
			/* translators: %1$s - constant that was used; %2$s - file where it was used. */
			esc_html__( 'The value of this field was set using a constant %1$s most likely inside %2$s of your WordPress installation.', 'wp-mail-smtp' ),
			'<code>' . esc_html( $constant ) . '</code>',
			'<code>wp-config.php</code>'
		);
	}

	/**
	 * Recursive merge where later string keys replace earlier ones and
	 * sub-arrays are merged key by key; numeric keys are appended.
	 *
	 * @param array ...$arrays Arrays to merge, later wins.
	 *
	 * @return array
	 */
	public static function array_merge_recursive( ...$arrays ) {
		$merged = array();

		foreach ( $arrays as $array ) {
			if ( ! is_array( $array ) ) {
				return array();
			}

			foreach ( $array as $key => $value ) {
				if ( is_int( $key ) ) {
					$merged[] = $value;
				} elseif ( is_array( $value ) && isset( $merged[ $key ] ) && is_array( $merged[ $key ] ) ) {
					$merged[ $key ] = self::array_merge_recursive( $merged[ $key ], $value );
				} else {
					$merged[ $key ] = $value;
				}
			}
		}

		return $merged;
	}

	/**
	 * Whether a constant is defined with a truthy value.
	 *
	 * @param string $name Constant name.
	 *
	 * @return bool
	 */
	private static function truthy_constant( $name ) {
		return defined( $name ) && (bool) constant( $name );
	}

	/**
	 * Whether a constant is defined as `true` or `'true'`.
	 *
	 * @param string $name Constant name.
	 *
	 * @return bool
	 */
	private static function true_constant( $name ) {
		return defined( $name ) && in_array( constant( $name ), array( true, 'true' ), true );
	}
}
