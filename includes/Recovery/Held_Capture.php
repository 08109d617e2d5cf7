<?php
/**
 * Keeps the emails that fail through MailerSend for a reason the admin can fix.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Recovery;

use FixMailerSend\Diagnosis\Answer_Classifier;
use FixMailerSend\Diagnosis\Verdicts;
use FixMailerSend\WpMailSmtp\Adapter;
use FixMailerSend\WpMailSmtp\Send_Watcher;

defined( 'ABSPATH' ) || exit;

// phpcs:disable WordPress.NamingConventions.ValidVariableName.UsedPropertyNotSnakeCase -- PHPMailer's properties.

/**
 * Runs on core's `wp_mail_failed` only (nothing on a successful send). WP Mail SMTP fires
 * `wp_mail_smtp_mailcatcher_send_failed` first, in the same wp_mail(): Send_Watcher records
 * that failure; capture() takes it (take_send_failure()), classifies it (Answer_Classifier,
 * the one classification of a failed send) and keeps the email
 * in the Held_Store when the verdict `holds` (Verdicts::holds()), holding is on, and the send
 * is neither a resend (suspend()) nor a test email (WP Mail SMTP's or this plugin's).
 *
 * What is kept: To (as given), subject, body, headers rebuilt from what wp_mail() gave
 * PHPMailer (Cc, Bcc, Reply-To, Content-Type, the caller's own headers; From only when it is
 * not WP Mail SMTP's From address, so that a changed From setting applies on resend; WP Mail
 * SMTP's internal X-WP-Mail-SMTP-* and X-Mailer-Type headers dropped), and the attachments,
 * read now (the caller may delete them as soon as wp_mail() returns) into the database.
 * A login-link email (is_login_link()) keeps only who, when, subject and sender (kind `link`);
 * an email over the per-email cap likewise (kind `too_large`).
 */
final class Held_Capture {

	/**
	 * Headers WP Mail SMTP adds for itself (lower case; a name that starts with a prefix).
	 */
	const INTERNAL_HEADERS = array( 'x-wp-mail-smtp-', 'x-mailer-type', 'x-msg-id' );

	/**
	 * Core functions whose emails carry a password-reset, set-password, confirmation or
	 * activation link with a secret key.
	 */
	const LINK_SENDERS = array(
		'retrieve_password',
		'wp_new_user_notification',
		'wp_send_user_request',
		'send_confirmation_on_profile_email',
		'update_option_new_admin_email',
		'update_network_option_new_admin_email',
		'wpmu_signup_blog_notification',
		'wpmu_signup_user_notification',
	);

	/**
	 * Query parameters that carry a login secret in a link.
	 */
	const SECRET_PARAMS = '/^(key|rp_key|token|login_token|magic|magic_token|magic_link|auth|auth_token|access_token|hash|adminhash|newuseremail|confirm_key|activation_key|activate|otp|code|nonce|ticket|sig|signature)$/i';

	/**
	 * Paths of login, reset or confirmation pages.
	 */
	const LOGIN_PATHS = '#(wp-login\.php|wp-activate\.php|log-?in|sign-?in|reset|password|passwordless|magic|auth|verify|confirm|activat)#i';

	/**
	 * Resends under way (suspend() / resume()): nothing is kept while > 0.
	 *
	 * @var int
	 */
	private static $suspended = 0;

	/**
	 * Where emails are kept.
	 *
	 * @var Held_Store
	 */
	private $store;

	/**
	 * The send watcher (the failure's verdict).
	 *
	 * @var Send_Watcher
	 */
	private $watcher;

	/**
	 * WP Mail SMTP (its From address).
	 *
	 * @var Adapter
	 */
	private $adapter;

	/**
	 * Names who called wp_mail() (made on the first failure).
	 *
	 * @var Initiator|null
	 */
	private $initiator;

	/**
	 * Creates the capture.
	 *
	 * @param Held_Store   $store   Where emails are kept.
	 * @param Send_Watcher $watcher The send watcher.
	 * @param Adapter      $adapter WP Mail SMTP.
	 */
	public function __construct( Held_Store $store, Send_Watcher $watcher, Adapter $adapter ) {
		$this->store   = $store;
		$this->watcher = $watcher;
		$this->adapter = $adapter;
	}

	/**
	 * The namer of wp_mail()'s callers, as the outage report names them.
	 *
	 * @return Initiator
	 */
	private function initiator(): Initiator {
		if ( null === $this->initiator ) {
			$this->initiator = Initiator::for_site( FIX_MAILERSEND_FILE );
		}
		return $this->initiator;
	}

	/**
	 * A resend starts: the Resender's own wp_mail() failures must not be kept again (call
	 * resume() after it, in a `finally`). Nests.
	 *
	 * @return void
	 */
	public static function suspend(): void {
		++self::$suspended;
	}

	/**
	 * The resend is over.
	 *
	 * @return void
	 */
	public static function resume(): void {
		self::$suspended = max( 0, self::$suspended - 1 );
	}

	/**
	 * Whether capture is suspended (a resend is under way).
	 *
	 * @return bool
	 */
	public static function is_suspended(): bool {
		return self::$suspended > 0;
	}

	/**
	 * `wp_mail_failed`: keeps the email when its MailerSend failure holds.
	 *
	 * @param mixed $error Core's WP_Error, with wp_mail()'s arguments as data.
	 * @return int|null The held email's id, or null when not kept.
	 */
	public function capture( $error ): ?int {
		// Taken in every case, so that it never outlives this send.
		$failure = $this->watcher->take_send_failure();
		$verdict = null !== $failure ? Answer_Classifier::explain_failure( $failure['message'], $failure['ms_code'], $failure['http_status'] )->id() : null;
		if ( null === $verdict || ! Verdicts::holds( $verdict ) || self::is_suspended() || $this->watcher->is_capturing() ) {
			return null;
		}
		if ( ! $error instanceof \WP_Error || ! $this->store->holding() ) {
			return null;
		}
		$data = $error->get_error_data();
		$data = is_array( $data ) ? $data : array();
		if ( self::is_test_email( $data['headers'] ?? array() ) ) {
			return null;
		}

		global $phpmailer;
		$mailer = $phpmailer instanceof \PHPMailer\PHPMailer\PHPMailer ? $phpmailer : null;

		$to      = self::strings( $data['to'] ?? array() );
		$subject = isset( $data['subject'] ) && is_scalar( $data['subject'] ) ? (string) $data['subject'] : '';
		$message = isset( $data['message'] ) && is_scalar( $data['message'] ) ? (string) $data['message'] : '';
		$sender  = null !== $mailer ? (string) $mailer->From : '';
		$email   = array(
			'verdict'    => $verdict,
			'recipients' => self::recipients( $mailer, $to ),
			'subject'    => $subject,
			'sender'     => $sender,
			'initiator'  => $this->initiator()->name( Initiator::caller() ),
		);

		$args = array(
			'to'      => $to,
			'subject' => $subject,
			'message' => $message,
			'headers' => $this->headers( $mailer, $data['headers'] ?? array() ),
		);
		if ( $this->is_login_link( $args ) ) {
			return $this->store->add( $email + array( 'kind' => 'link' ) );
		}

		$attachments = null !== $mailer ? $mailer->getAttachments() : array();
		$size        = strlen( $message ) + self::files_size( $attachments );
		if ( $size > $this->store->max_email_bytes() ) {
			// Not even read.
			return $this->store->add(
				$email + array(
					'kind'  => 'too_large',
					'bytes' => $size,
				)
			);
		}
		return $this->store->add(
			$email + array(
				'kind'  => 'whole',
				'args'  => $args,
				'files' => self::files( $attachments ),
			)
		);
	}

	/**
	 * Whether an email carries a password-reset, set-password, login or confirmation link:
	 * sent by one of core's LINK_SENDERS, or with a URL whose query has a secret (key=,
	 * token=, …) on a login, reset or confirmation page. Filter `fix_mailersend_is_login_link`.
	 *
	 * @param array<string, mixed> $args {to, subject, message, headers}.
	 * @return bool
	 */
	public function is_login_link( array $args ): bool {
		$is = (bool) array_intersect( Initiator::callers(), self::LINK_SENDERS ) || self::has_secret_link( (string) ( $args['message'] ?? '' ) );
		/**
		 * Filters whether a failed email carries a login, password-reset or confirmation link,
		 * so that only who, when, subject and sender are kept (never its body).
		 *
		 * @since 0.9.0
		 *
		 * @param bool  $is   Whether it does.
		 * @param array $args wp_mail()'s arguments: to, subject, message, headers.
		 */
		return (bool) apply_filters( 'fix_mailersend_is_login_link', $is, $args );
	}

	/**
	 * Whether a text has a link with a secret on a login, reset or confirmation page.
	 *
	 * @param string $text Body.
	 * @return bool
	 */
	public static function has_secret_link( string $text ): bool {
		if ( ! preg_match_all( '#https?://[^\s"\'<>]+#i', html_entity_decode( $text, ENT_QUOTES ), $matches ) ) {
			return false;
		}
		foreach ( $matches[0] as $url ) {
			$parts = wp_parse_url( $url );
			if ( ! is_array( $parts ) || empty( $parts['query'] ) ) {
				continue;
			}
			parse_str( $parts['query'], $query );
			$secret = false;
			foreach ( array_keys( $query ) as $name ) {
				if ( 1 === preg_match( self::SECRET_PARAMS, (string) $name ) ) {
					$secret = true;
				}
			}
			if ( $secret && 1 === preg_match( self::LOGIN_PATHS, ( $parts['path'] ?? '' ) . '?' . $parts['query'] ) ) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The headers to resend with: From (unless it is WP Mail SMTP's own From address), Cc, Bcc,
	 * Reply-To and Content-Type as PHPMailer had them, then the caller's own headers without
	 * WP Mail SMTP's internal ones.
	 *
	 * @param \PHPMailer\PHPMailer\PHPMailer|null $mailer PHPMailer after wp_mail() set it up.
	 * @param mixed                               $custom wp_mail()'s custom headers (name => value).
	 * @return string[]
	 */
	private function headers( $mailer, $custom ): array {
		$headers = array();
		if ( null !== $mailer ) {
			$from = strtolower( (string) $mailer->From );
			if ( '' !== $from && strtolower( $this->adapter->from_email() ) !== $from ) {
				$headers[] = 'From: ' . self::address( array( $mailer->From, $mailer->FromName ) );
			}
			foreach ( array(
				'Cc'       => $mailer->getCcAddresses(),
				'Bcc'      => $mailer->getBccAddresses(),
				'Reply-To' => $mailer->getReplyToAddresses(),
			) as $name => $list ) {
				foreach ( $list as $address ) {
					$headers[] = $name . ': ' . self::address( (array) $address );
				}
			}
			$headers[] = 'Content-Type: ' . $mailer->ContentType . ( '' !== (string) $mailer->CharSet ? '; charset=' . $mailer->CharSet : '' );
		}
		foreach ( is_array( $custom ) ? $custom : array() as $name => $value ) {
			if ( is_int( $name ) && is_string( $value ) && false !== strpos( $value, ':' ) ) {
				list( $name, $value ) = explode( ':', $value, 2 );
			}
			if ( ! is_string( $name ) || ! is_scalar( $value ) || self::is_internal( $name ) ) {
				continue;
			}
			$headers[] = trim( $name ) . ': ' . trim( (string) $value );
		}
		return $headers;
	}

	/**
	 * Whether a header is WP Mail SMTP's own.
	 *
	 * @param string $name Header name.
	 * @return bool
	 */
	private static function is_internal( string $name ): bool {
		$name = strtolower( trim( $name ) );
		foreach ( self::INTERNAL_HEADERS as $prefix ) {
			if ( 0 === strpos( $name, $prefix ) ) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether wp_mail()'s headers mark a test email of WP Mail SMTP (or this plugin's, which
	 * sends WP Mail SMTP's test header).
	 *
	 * @param mixed $headers Headers (name => value, or lines).
	 * @return bool
	 */
	private static function is_test_email( $headers ): bool {
		foreach ( is_array( $headers ) ? $headers : array( $headers ) as $name => $value ) {
			$line = ( is_string( $name ) ? $name . ':' : '' ) . ( is_scalar( $value ) ? (string) $value : '' );
			if ( 1 === preg_match( '#^\s*x-mailer-type\s*:\s*WPMailSMTP/#im', $line ) ) {
				return true;
			}
		}
		return false;
	}

	/**
	 * To + Cc + Bcc addresses (PHPMailer's, else wp_mail()'s To).
	 *
	 * @param \PHPMailer\PHPMailer\PHPMailer|null $mailer PHPMailer.
	 * @param string[]                            $to     wp_mail()'s To.
	 * @return string[]
	 */
	private static function recipients( $mailer, array $to ): array {
		$out = array();
		if ( null !== $mailer ) {
			foreach ( array_merge( $mailer->getToAddresses(), $mailer->getCcAddresses(), $mailer->getBccAddresses() ) as $address ) {
				if ( is_array( $address ) && isset( $address[0] ) ) {
					$out[] = (string) $address[0];
				}
			}
		}
		if ( ! $out ) {
			foreach ( $to as $line ) {
				$out[] = 1 === preg_match( '/<([^>]+)>/', $line, $match ) ? $match[1] : $line;
			}
		}
		return $out;
	}

	/**
	 * "Name <address>" or "address".
	 *
	 * @param array<int, mixed> $address [address, name].
	 * @return string
	 */
	private static function address( array $address ): string {
		$email = isset( $address[0] ) && is_scalar( $address[0] ) ? (string) $address[0] : '';
		$name  = isset( $address[1] ) && is_scalar( $address[1] ) ? trim( (string) $address[1] ) : '';
		return '' === $name ? $email : $name . ' <' . $email . '>';
	}

	/**
	 * Total size of PHPMailer's attachments, without reading them.
	 *
	 * @param array<int, mixed> $attachments PHPMailer's attachments.
	 * @return int
	 */
	private static function files_size( array $attachments ): int {
		$size = 0;
		foreach ( $attachments as $attachment ) {
			if ( ! is_array( $attachment ) || ! isset( $attachment[0] ) || ! is_string( $attachment[0] ) ) {
				continue;
			}
			if ( ! empty( $attachment[5] ) ) {
				$size += strlen( $attachment[0] );
			} elseif ( is_file( $attachment[0] ) ) {
				$size += (int) filesize( $attachment[0] );
			}
		}
		return $size;
	}

	/**
	 * The attachments' names, types and content, read now.
	 *
	 * @param array<int, mixed> $attachments PHPMailer's attachments: [path or content, filename, name, encoding, type, is string, disposition, cid].
	 * @return array<int, array{name: string, type: string, content: string}>
	 */
	private static function files( array $attachments ): array {
		$files = array();
		foreach ( $attachments as $attachment ) {
			if ( ! is_array( $attachment ) || ! isset( $attachment[0] ) || ! is_string( $attachment[0] ) ) {
				continue;
			}
			if ( ! empty( $attachment[5] ) ) {
				$content = $attachment[0];
			} elseif ( is_file( $attachment[0] ) && is_readable( $attachment[0] ) ) {
				$content = (string) file_get_contents( $attachment[0] ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a local file, copied before the caller deletes it.
			} else {
				continue;
			}
			$name    = isset( $attachment[2] ) && is_string( $attachment[2] ) && '' !== $attachment[2] ? $attachment[2] : basename( $attachment[0] );
			$files[] = array(
				'name'    => $name,
				'type'    => isset( $attachment[4] ) && is_string( $attachment[4] ) ? $attachment[4] : 'application/octet-stream',
				'content' => $content,
			);
		}
		return $files;
	}

	/**
	 * A list of strings (wp_mail()'s To may be a string or an array).
	 *
	 * @param mixed $value Value.
	 * @return string[]
	 */
	private static function strings( $value ): array {
		if ( is_string( $value ) ) {
			$value = explode( ',', $value );
		}
		$out = array();
		foreach ( is_array( $value ) ? $value : array() as $item ) {
			if ( is_scalar( $item ) && '' !== trim( (string) $item ) ) {
				$out[] = trim( (string) $item );
			}
		}
		return $out;
	}
}
