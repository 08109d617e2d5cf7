<?php
/**
 * Signatures of the parts of WP Mail SMTP (4.8, awesomemotive/WP-Mail-SMTP) that Fix MailerSend
 * calls, for static analysis only. Never loaded at run time.
 *
 * @package FixMailerSend
 */

namespace WPMailSMTP {

	class Core {
		/** @return string */
		public function get_capability_manage_options() {}
		/** @return bool */
		public function is_pro() {}
	}

	class Options {
		const META_KEY = 'wp_mail_smtp';
		/** Reads the option from the database. */
		public function __construct() {}
		/** @return static */
		public static function init() {}
		/**
		 * @param string $group
		 * @param string $key
		 * @param bool   $strip_slashes
		 * @return mixed
		 */
		public function get( $group, $key, $strip_slashes = true ) {}
		/**
		 * @param array<string, array<string, mixed>> $options
		 * @param bool                                $once
		 * @param bool                                $overwrite_existing
		 * @return void
		 */
		public function set( $options, $once = false, $overwrite_existing = true ) {}
		/**
		 * @param string $group
		 * @param string $key
		 * @return bool
		 */
		public function is_const_defined( $group, $key ) {}
		/**
		 * @param string $constant
		 * @return string
		 */
		public function get_const_set_message( $constant ) {}
		/**
		 * @param string $mailer
		 * @return bool
		 */
		public function is_mailer_active( $mailer ) {}
	}

	class WP {
		/** @return bool */
		public static function use_global_plugin_settings() {}
	}

	class Debug {
		/** @return string */
		public static function get_last() {}
	}
}

namespace {
	/** @return \WPMailSMTP\Core */
	function wp_mail_smtp() {}
}
