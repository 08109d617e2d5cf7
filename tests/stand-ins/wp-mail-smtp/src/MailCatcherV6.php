<?php
/**
 * Test stand-in: WP Mail SMTP's replacement for WordPress's PHPMailer.
 *
 * Like the real MailCatcher it takes over `send()`: with the `mailersend` mailer
 * it posts the message to MailerSend's API the way WP Mail SMTP 4.8 does, and
 * reports failures through the same channels (exception for `wp_mail_failed`,
 * `Debug::set()`, `wp_mail_smtp_mailcatcher_send_failed`). Test code only.
 *
 * @package FixMailerSend\Tests\StandIns\WPMailSMTP
 */

namespace WPMailSMTP;

use PHPMailer\PHPMailer\Exception as PHPMailerException;
use PHPMailer\PHPMailer\PHPMailer;

/**
 * The global `$phpmailer` while the stand-in is active.
 */
class MailCatcherV6 extends PHPMailer {

	/**
	 * MailerSend's sending endpoint.
	 *
	 * @var string
	 */
	const MAILERSEND_URL = 'https://api.mailersend.com/v1/email';

	/**
	 * Header value that marks WP Mail SMTP's own test email.
	 *
	 * @var string
	 */
	const TEST_EMAIL_HEADER = 'WPMailSMTP/Admin/Test';

	/**
	 * Whether the message being sent is a test email.
	 *
	 * @var bool
	 */
	private $is_test_email = false;

	/**
	 * The last error recorded by `send()`, with the "Mailer:" line.
	 *
	 * @var string
	 */
	protected $latest_error = '';

	/**
	 * Send the prepared message.
	 *
	 * @throws PHPMailerException When sending fails (WordPress turns it into `wp_mail_failed`).
	 *
	 * @return bool
	 */
	public function send() {
		$this->latest_error  = '';
		$this->is_test_email = false;

		$blocked = wp_mail_smtp()->is_blocked();

		// The Email Test tool's header always gets through "Do Not Send".
		foreach ( (array) $this->getCustomHeaders() as $header ) {
			if ( isset( $header[0], $header[1] ) && 'X-Mailer-Type' === $header[0] && self::TEST_EMAIL_HEADER === trim( $header[1] ) ) {
				$blocked             = false;
				$this->is_test_email = true;
			}
		}

		// "Do Not Send": nothing leaves, wp_mail() returns false, no error is recorded.
		if ( $blocked ) {
			return false;
		}

		$mailer_slug = Options::init()->get( 'mail', 'mailer' );

		// phpcs:ignore WordPress.NamingConventions.ValidVariableName.UsedPropertyNotSnakeCase -- PHPMailer property.
		$this->XMailer = 'WPMailSMTP/Mailer/' . $mailer_slug . ' ' . WPMS_PLUGIN_VER;

		if ( 'mailersend' === $mailer_slug ) {
			return $this->mailersend_send();
		}

		return $this->offline_send( $mailer_slug );
	}

	/**
	 * Every mailer other than MailerSend (including the default `mail`).
	 *
	 * DELIBERATE DEVIATION: the real plugin would call PHP's mail() or an SMTP
	 * server or another provider's API here. The stand-in must never reach a
	 * real MTA or service, so it only prepares the message (PHPMailer's own
	 * checks, e.g. "You must provide at least one recipient email address.",
	 * still fail the send) and then reports success without sending or
	 * recording anything.
	 *
	 * @param string $mailer_slug Active mailer.
	 *
	 * @throws PHPMailerException When the message cannot be prepared.
	 *
	 * @return bool
	 */
	private function offline_send( $mailer_slug ) {
		try {
			if ( ! $this->preSend() ) {
				// phpcs:ignore WordPress.NamingConventions.ValidVariableName.UsedPropertyNotSnakeCase -- PHPMailer property.
				throw new PHPMailerException( $this->ErrorInfo );
			}

			return true;
		} catch ( PHPMailerException $e ) {
			$this->mailHeader = ''; // phpcs:ignore WordPress.NamingConventions.ValidVariableName.UsedPropertyNotSnakeCase -- PHPMailer property.

			/** This action is documented below in mailersend_send(). */
			do_action( 'wp_mail_smtp_mailcatcher_send_failed', $e->getMessage(), $this, $mailer_slug, '', 0 );

			if ( $this->exceptions ) {
				throw $e;
			}

			return false;
		}
	}

	/**
	 * Send through MailerSend's API as WP Mail SMTP 4.8 does.
	 *
	 * @throws PHPMailerException When MailerSend does not answer 202.
	 *
	 * @return bool
	 */
	private function mailersend_send() {
		$error_code  = '';
		$http_status = 0;

		try {
			// Let PHPMailer prepare headers as for PHP's mail(); nothing is sent by it.
			$this->Mailer = 'mail'; // phpcs:ignore WordPress.NamingConventions.ValidVariableName.UsedPropertyNotSnakeCase -- PHPMailer property.

			if ( ! $this->preSend() ) {
				// phpcs:ignore WordPress.NamingConventions.ValidVariableName.UsedPropertyNotSnakeCase -- PHPMailer property.
				throw new PHPMailerException( $this->ErrorInfo );
			}

			$options = Options::init();
			$timeout = (int) ini_get( 'max_execution_time' );

			$response = wp_safe_remote_post(
				self::MAILERSEND_URL,
				array(
					'timeout'     => $timeout ? $timeout : 30,
					'httpversion' => '1.1',
					'blocking'    => true,
					'headers'     => array(
						'Authorization' => 'Bearer ' . $options->get( 'mailersend', 'api_key' ),
						'Accept'        => 'application/json',
						'Content-Type'  => 'application/json',
					),
					'body'        => wp_json_encode( $this->get_mailersend_body( (bool) $options->get( 'mailersend', 'has_pro_plan' ) ) ),
				)
			);

			if ( is_wp_error( $response ) ) {
				// A transport error (timeout, refused, blocked): MailerSend said nothing, so the message is empty.
				throw new PHPMailerException( '' );
			}

			$http_status = (int) wp_remote_retrieve_response_code( $response );
			$raw_body    = wp_remote_retrieve_body( $response );
			$body        = self::decode_json( $raw_body );

			// Only 202 counts as sent (the raw code is compared strictly, as the real plugin does).
			if ( 202 === wp_remote_retrieve_response_code( $response ) ) {
				$message_id = wp_remote_retrieve_header( $response, 'x-message-id' );

				if ( ! empty( $message_id ) ) {
					$this->addCustomHeader( 'X-Msg-ID', $message_id );
				}

				Debug::clear();

				return true;
			}

			$error_code = self::get_error_code( $body, $http_status );

			throw new PHPMailerException( self::get_error_message( $response, $body, $raw_body ) );
		} catch ( PHPMailerException $e ) {
			$this->latest_error = 'Mailer: MailerSend' . "\r\n" . $e->getMessage();

			Debug::set( $this->latest_error );

			/**
			 * Fires when sending failed (same hook and arguments as WP Mail SMTP 4.8).
			 *
			 * @param string        $error_message MailerSend's message ('' for a transport error).
			 * @param MailCatcherV6 $mailcatcher   This object.
			 * @param string        $mailer_slug   'mailersend'.
			 * @param string        $error_code    #MS code, else first `errors` key, else the HTTP status ('' without a response).
			 * @param int           $http_status   HTTP status, 0 without a response.
			 */
			if ( self::passes_status() ) {
				do_action( 'wp_mail_smtp_mailcatcher_send_failed', $e->getMessage(), $this, 'mailersend', $error_code, $http_status );
			} else {
				// WP Mail SMTP 4.5–4.7: the message, the mail catcher and the mailer only.
				do_action( 'wp_mail_smtp_mailcatcher_send_failed', $e->getMessage(), $this, 'mailersend' );
			}

			if ( $this->exceptions ) {
				throw $e;
			}

			return false;
		}
	}

	/**
	 * MailerSend's JSON body built from this PHPMailer's state.
	 *
	 * @param bool $has_pro_plan Whether custom headers may be sent (MailerSend Professional plan).
	 *
	 * @return array
	 */
	private function get_mailersend_body( $has_pro_plan ) {
		// phpcs:disable WordPress.NamingConventions.ValidVariableName.UsedPropertyNotSnakeCase -- PHPMailer properties.
		$body = array();

		if ( filter_var( $this->From, FILTER_VALIDATE_EMAIL ) ) {
			$body['from'] = array( 'email' => $this->From );

			if ( ! empty( $this->FromName ) ) {
				$body['from']['name'] = sanitize_text_field( $this->FromName );
			}
		}

		$recipients = array(
			'to'  => $this->getToAddresses(),
			'cc'  => $this->getCcAddresses(),
			'bcc' => $this->getBccAddresses(),
		);

		foreach ( $recipients as $type => $addresses ) {
			$list = array();

			foreach ( $addresses as $address ) {
				$entry = self::address( $address );

				if ( $entry ) {
					$list[] = $entry;
				}
			}

			if ( $list ) {
				$body[ $type ] = $list;
			}
		}

		$reply_to = $this->getReplyToAddresses();

		if ( $reply_to ) {
			// MailerSend takes a single reply-to address: the first one.
			$entry = self::address( reset( $reply_to ) );

			if ( $entry ) {
				$body['reply_to'] = $entry;
			}
		}

		$body['subject'] = $this->Subject;

		if ( 'text/plain' === $this->ContentType ) {
			if ( ! empty( $this->Body ) ) {
				$body['text'] = $this->Body;
			}
		} else {
			if ( ! empty( $this->AltBody ) ) {
				$body['text'] = $this->AltBody;
			}

			if ( ! empty( $this->Body ) ) {
				$body['html'] = $this->Body;
			}
		}

		$attachments = $this->get_mailersend_attachments();

		if ( $attachments ) {
			$body['attachments'] = $attachments;
		}

		if ( $has_pro_plan ) {
			$headers = array();

			foreach ( (array) $this->getCustomHeaders() as $header ) {
				$name  = isset( $header[0] ) ? sanitize_text_field( $header[0] ) : '';
				$value = isset( $header[1] ) ? sanitize_text_field( $header[1] ) : '';

				if ( '' !== $name && '' !== $value ) {
					$headers[] = array(
						'name'  => $name,
						'value' => $value,
					);
				}
			}

			$headers[] = array(
				'name'  => 'X-Mailer',
				'value' => 'WPMailSMTP/Mailer/mailersend ' . WPMS_PLUGIN_VER,
			);

			$body['headers'] = $headers;
		}
		// phpcs:enable

		return $body;
	}

	/**
	 * Attachments in MailerSend's format.
	 *
	 * @return array
	 */
	private function get_mailersend_attachments() {
		$data = array();

		foreach ( $this->getAttachments() as $attachment ) {
			// PHPMailer keeps: 0 path or content, 2 name, 4 MIME type, 5 string flag, 6 disposition, 7 content id.
			if ( true === $attachment[5] ) {
				$content = $attachment[0];
			} elseif ( is_file( $attachment[0] ) && is_readable( $attachment[0] ) ) {
				$content = file_get_contents( $attachment[0] ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- Local file, as WP Mail SMTP reads it.
			} else {
				continue;
			}

			$data[] = array(
				// As the real mailer: a nameless one gets a random name ending in its MIME type.
				'filename'    => '' !== trim( (string) $attachment[2] ) ? trim( $attachment[2] ) : 'file-' . wp_hash( microtime() ) . '.' . str_replace( ';', '', trim( (string) $attachment[4] ) ),
				'content'     => base64_encode( $content ), // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode -- MailerSend wants base64.
				'type'        => $attachment[4],
				'disposition' => 'inline' === $attachment[6] ? 'inline' : 'attachment',
				'id'          => empty( $attachment[7] ) ? '' : trim( (string) $attachment[7] ),
			);
		}

		return $data;
	}

	/**
	 * One PHPMailer address pair as MailerSend's `{email, name?}`, or null when invalid.
	 *
	 * @param array $address PHPMailer's [ address, name ].
	 *
	 * @return array|null
	 */
	private static function address( $address ) {
		$email = isset( $address[0] ) ? $address[0] : '';

		if ( ! filter_var( $email, FILTER_VALIDATE_EMAIL ) ) {
			return null;
		}

		$entry = array( 'email' => $email );

		if ( ! empty( $address[1] ) ) {
			$entry['name'] = $address[1];
		}

		return $entry;
	}

	/**
	 * Decode a JSON body, or return null when it is not JSON.
	 *
	 * @param string $raw Raw body.
	 *
	 * @return mixed|null
	 */
	private static function decode_json( $raw ) {
		if ( ! is_string( $raw ) || '' === trim( $raw ) ) {
			return null;
		}

		$decoded = json_decode( $raw );

		return JSON_ERROR_NONE === json_last_error() ? $decoded : null;
	}

	/**
	 * The error text WP Mail SMTP shows: MailerSend's `message` only (per-field
	 * errors are not appended); without one, "<status>: <reason>\r\n<raw body>".
	 *
	 * @param array      $response Response from the HTTP API.
	 * @param mixed|null $body     Decoded body.
	 * @param string     $raw_body Raw body.
	 *
	 * @return string
	 */
	private static function get_error_message( $response, $body, $raw_body ) {
		if ( is_object( $body ) && ! empty( $body->message ) ) {
			return is_string( $body->message ) ? $body->message : wp_json_encode( $body->message );
		}

		$status = wp_remote_retrieve_response_code( $response );
		$text   = '';

		if ( ! empty( $status ) ) {
			$text .= $status . ': ';
		}

		$text .= wp_remote_retrieve_response_message( $response );

		if ( null !== $body && ! is_string( $body ) ) {
			$raw_body = wp_json_encode( $body );
		}

		if ( ! empty( $raw_body ) ) {
			$text .= "\r\n" . $raw_body;
		}

		return $text;
	}

	/**
	 * The error code passed to `wp_mail_smtp_mailcatcher_send_failed`: the #MS code in
	 * `message`, else the first key of `errors`, else the HTTP status.
	 *
	 * @param mixed|null $body        Decoded body.
	 * @param int        $http_status HTTP status.
	 *
	 * @return string
	 */
	private static function get_error_code( $body, $http_status ) {
		if ( is_object( $body ) ) {
			if ( ! empty( $body->message ) && is_string( $body->message ) && preg_match( '/#(MS\d+)/', $body->message, $matches ) ) {
				return $matches[1];
			}

			if ( ! empty( $body->errors ) && is_object( $body->errors ) ) {
				$keys = array_keys( get_object_vars( $body->errors ) );

				if ( ! empty( $keys[0] ) ) {
					return (string) $keys[0];
				}
			}
		}

		return $http_status ? (string) $http_status : '';
	}

	/**
	 * Whether the failure hook gets `$error_code` and `$http_status` (WP Mail SMTP 4.8.0 and
	 * later). Tests fake an older version with WPMS_PLUGIN_VER, or in-process with the
	 * stand-in's own filter `wp_mail_smtp_standin_version`.
	 *
	 * @return bool
	 */
	private static function passes_status() {
		$version = (string) apply_filters( 'wp_mail_smtp_standin_version', WPMS_PLUGIN_VER );

		return version_compare( $version, '4.8.0', '>=' );
	}

	/**
	 * Whether the message being (or last) sent is a test email.
	 *
	 * @return bool
	 */
	public function is_test_email() {
		return $this->is_test_email;
	}

	/**
	 * The last error recorded by `send()` ("Mailer: MailerSend\r\n…"), or ''.
	 *
	 * @return string
	 */
	public function get_latest_error() {
		return $this->latest_error;
	}
}
