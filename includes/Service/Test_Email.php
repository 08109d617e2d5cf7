<?php
/**
 * The test email, shared by the REST API and WP-CLI.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Service;

use FixMailerSend\Diagnosis\Diagnosis;
use FixMailerSend\Diagnosis\Verdict;
use FixMailerSend\MailerSend\Api_Response;
use FixMailerSend\Support\Deadline;
use FixMailerSend\Support\Throttle;
use FixMailerSend\WpMailSmtp\Adapter;
use FixMailerSend\WpMailSmtp\Send_Watcher;
use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * Sends a test email through wp_mail(), WP Mail SMTP and MailerSend (the real sending path,
 * never MailerSend directly), watches what happened and explains it (POST /test-email).
 */
class Test_Email {

	/**
	 * The header WP Mail SMTP's Email Test tool sends (bypasses "Do Not Send" and its queue).
	 */
	const HEADER = 'X-Mailer-Type:WPMailSMTP/Admin/Test';

	/**
	 * WP Mail SMTP adapter.
	 *
	 * @var Adapter
	 */
	private $adapter;

	/**
	 * The diagnosis.
	 *
	 * @var Diagnosis
	 */
	private $diagnosis;

	/**
	 * Send watcher.
	 *
	 * @var Send_Watcher
	 */
	private $watcher;

	/**
	 * Per-site throttle (the `send` bucket).
	 *
	 * @var Throttle
	 */
	private $throttle;

	/**
	 * Creates the service.
	 *
	 * @param Adapter      $adapter   WP Mail SMTP adapter.
	 * @param Diagnosis    $diagnosis The diagnosis.
	 * @param Send_Watcher $watcher   Send watcher.
	 * @param Throttle     $throttle  Per-site throttle.
	 */
	public function __construct( Adapter $adapter, Diagnosis $diagnosis, Send_Watcher $watcher, Throttle $throttle ) {
		$this->adapter   = $adapter;
		$this->diagnosis = $diagnosis;
		$this->watcher   = $watcher;
		$this->throttle  = $throttle;
	}

	/**
	 * Sends the test email and explains the outcome, within one deadline (Support\Deadline,
	 * action `test_email`): WP Mail SMTP's request to MailerSend gets at most what is left of it
	 * as its timeout (Send_Watcher::capture()), instead of `max_execution_time` or 30 s.
	 *
	 * @param string $to   Recipient.
	 * @param bool   $html HTML (else plain text).
	 * @return array{accepted: bool, via_mailersend?: bool, message_id?: string|null, warnings?: Verdict[], verdict?: Verdict}|WP_Error
	 *         WP_Error (data `status`): 400 `fix_mailersend_invalid_recipient`,
	 *         500 `fix_mailersend_not_sent` (refused before any request to MailerSend),
	 *         409 `fix_mailersend_wp_mail_smtp_unavailable`,
	 *         409 `fix_mailersend_mailer_not_mailersend`, 429 `fix_mailersend_throttled`.
	 */
	public function send( string $to, bool $html ) {
		$refused = self::recipient_error( $to );
		if ( null !== $refused ) {
			return $refused;
		}
		if ( ! $this->adapter->is_loaded() ) {
			return new WP_Error(
				'fix_mailersend_wp_mail_smtp_unavailable',
				__( 'WP Mail SMTP is not active, so a test email would not go through MailerSend.', 'fix-mailersend' ),
				array( 'status' => 409 )
			);
		}
		if ( ! $this->adapter->is_mailersend() ) {
			return new WP_Error(
				'fix_mailersend_mailer_not_mailersend',
				__( 'WP Mail SMTP does not send through MailerSend, so a test email would not test MailerSend. Save a working token with "Switch WP Mail SMTP to MailerSend" first.', 'fix-mailersend' ),
				array( 'status' => 409 )
			);
		}

		$deadline = Deadline::start( 'test_email' );

		$wait = $this->throttle->acquire( Throttle::BUCKET_SEND );
		if ( $wait > 0 ) {
			return new WP_Error(
				'fix_mailersend_throttled',
				sprintf(
					/* translators: %d: seconds to wait. */
					_n( 'Too many test emails: wait %d second before sending another.', 'Too many test emails: wait %d seconds before sending another.', $wait, 'fix-mailersend' ),
					$wait
				),
				array(
					'status'      => 429,
					'retry_after' => $wait,
					'bucket'      => Throttle::BUCKET_SEND,
				)
			);
		}

		$message = self::message( $html );
		$headers = array( self::HEADER );
		if ( $html ) {
			$headers[] = 'Content-Type: text/html; charset=UTF-8';
		}

		if ( ! $deadline->allows( Deadline::MIN_CALL ) ) {
			// Too little time left to send (nothing is sent): the verdict says which step ran out of it.
			$outcome = array(
				'sent'       => false,
				'response'   => Api_Response::not_started( 'POST', 'https://' . Send_Watcher::API_HOST . Send_Watcher::EMAIL_PATH, $deadline->budget() ),
				'failure'    => null,
				'mail_error' => null,
			);
			return $this->explain( $outcome );
		}

		$outcome = $this->watcher->capture(
			static function () use ( $to, $message, $headers ) {
				return wp_mail( $to, $message['subject'], $message['body'], $headers );
			},
			$deadline
		);

		return $this->explain( $outcome );
	}

	/**
	 * Refuses a recipient that wp_mail() would drop: WordPress's is_email(), then PHPMailer's own
	 * check as the send will make it. wp_mail() sets PHPMailer's validator to is_email() only
	 * when it creates the PHPMailer itself; WP Mail SMTP puts its own PHPMailer in place first,
	 * so PHPMailer's default applies there (PHP's FILTER_VALIDATE_EMAIL: e.g. a local part over
	 * 64 characters, which is_email() lets through). PHPMailer::validateAddress() uses whichever
	 * validator is in effect, switching from the default to "eai" for a non-ASCII address and
	 * punycoding a non-ASCII domain first, as PHPMailer's addAddress() and preSend() do. A
	 * refused recipient would fail the send before any request to MailerSend.
	 *
	 * @param string $to Recipient.
	 * @return WP_Error|null 400 `fix_mailersend_invalid_recipient`, or null when it would be sent to.
	 */
	public static function recipient_error( string $to ): ?WP_Error {
		$address = trim( $to );
		if ( '' !== $address && strlen( $address ) <= 254 && is_email( $address ) && self::phpmailer_accepts( $address ) ) {
			return null;
		}
		return new WP_Error(
			'fix_mailersend_invalid_recipient',
			__( 'PHPMailer, the mailer WordPress and WP Mail SMTP use, refuses this recipient address (for example, more than 64 characters before the @), so the email would never reach MailerSend. Use another address.', 'fix-mailersend' ),
			array(
				'status' => 400,
				'params' => array( 'to' => __( 'PHPMailer refuses this address.', 'fix-mailersend' ) ),
			)
		);
	}

	/**
	 * Whether PHPMailer will accept the address as a recipient (see recipient_error()).
	 *
	 * @param string $address Address.
	 * @return bool
	 */
	private static function phpmailer_accepts( string $address ): bool {
		if ( ! class_exists( '\PHPMailer\PHPMailer\PHPMailer' ) ) {
			// @phpstan-ignore requireOnce.fileNotFound
			require_once ABSPATH . WPINC . '/PHPMailer/PHPMailer.php';
			// @phpstan-ignore requireOnce.fileNotFound
			require_once ABSPATH . WPINC . '/PHPMailer/Exception.php';
		}
		$validator = \PHPMailer\PHPMailer\PHPMailer::$validator;
		if ( 'php' === $validator && 1 === preg_match( '/[\x80-\xFF]/', $address ) ) {
			// PHPMailer's addAnAddress() switches to its "eai" pattern for such an address.
			$validator = 'eai';
		}
		$at = strrpos( $address, '@' );
		if ( false === $at ) {
			return false;
		}
		$domain = substr( $address, $at + 1 );
		if ( 1 === preg_match( '/[\x80-\xFF]/', $domain ) ) {
			// PHPMailer queues such an address and punycodes its domain before checking it.
			if ( ! \PHPMailer\PHPMailer\PHPMailer::idnSupported() ) {
				return false;
			}
			$mailer          = new \PHPMailer\PHPMailer\PHPMailer();
			$mailer->CharSet = \PHPMailer\PHPMailer\PHPMailer::CHARSET_UTF8; // phpcs:ignore WordPress.NamingConventions.ValidVariableName.UsedPropertyNotSnakeCase -- PHPMailer property.
			$address         = $mailer->punyencodeAddress( $address );
		}
		return \PHPMailer\PHPMailer\PHPMailer::validateAddress( $address, $validator );
	}

	/**
	 * Turns what the watcher saw into the answer.
	 *
	 * @param array{sent: bool, response: Api_Response|null, failure: array{message: string, ms_code: string, http_status: int, mailersend: bool}|null, mail_error: string|null} $outcome What happened.
	 * @return array{accepted: bool, via_mailersend?: bool, message_id?: string|null, warnings?: Verdict[], verdict?: Verdict}|WP_Error
	 */
	private function explain( array $outcome ) {
		$from = $this->adapter->from_email();

		if ( null === $outcome['response'] && $outcome['sent'] ) {
			// WordPress says sent, but no request reached MailerSend (another plugin took over
			// wp_mail(), or sent it another way): MailerSend's answer was never seen.
			return array(
				'accepted'       => true,
				'via_mailersend' => false,
				'message_id'     => null,
				'warnings'       => array(),
			);
		}

		$result = null !== $outcome['response'] ? $this->diagnosis->explain_send_response( $outcome['response'], $from ) : null;
		if ( null !== $result && ! $result['accepted'] ) {
			return array(
				'accepted' => false,
				'verdict'  => $result['verdict'],
			);
		}
		if ( null !== $result && $outcome['sent'] ) {
			return array(
				'accepted'       => true,
				'via_mailersend' => true,
				'message_id'     => $result['message_id'],
				'warnings'       => array_values( $result['warnings'] ),
			);
		}

		if ( null === $outcome['response'] ) {
			// Nothing reached MailerSend: WordPress or PHPMailer refused the email first (an address,
			// a plugin changing the message). Not MailerSend's answer, so no verdict about it.
			$why = null !== $outcome['failure'] ? $outcome['failure']['message'] : (string) $outcome['mail_error'];
			return new WP_Error(
				'fix_mailersend_not_sent',
				'' !== trim( $why )
					/* translators: %s: the error PHPMailer or WordPress gave, e.g. "You must provide at least one recipient email address." */
					? sprintf( __( 'WordPress did not send the test email, so it never reached MailerSend: "%s". This is about the email or another plugin, not the token; nothing was changed.', 'fix-mailersend' ), $why )
					: __( 'WordPress did not send the test email, so it never reached MailerSend. This is about the email or another plugin, not the token; nothing was changed.', 'fix-mailersend' ),
				array( 'status' => 500 )
			);
		}

		// MailerSend's answer was seen, yet the send failed (e.g. it accepted it and wp_mail() failed afterwards).
		if ( null !== $outcome['failure'] ) {
			$verdict = $this->diagnosis->explain_failure( $outcome['failure']['message'], $outcome['failure']['ms_code'], $outcome['failure']['http_status'] );
		} else {
			$verdict = $this->diagnosis->explain_failure( (string) $outcome['mail_error'] );
		}
		return array(
			'accepted' => false,
			'verdict'  => $verdict,
		);
	}

	/**
	 * Subject and body of the test email, in the site's language.
	 *
	 * @param bool $html HTML or plain text.
	 * @return array{subject: string, body: string}
	 */
	public static function message( bool $html ): array {
		$site = wp_specialchars_decode( (string) get_bloginfo( 'name' ), ENT_QUOTES );
		$url  = home_url( '/' );

		$subject = sprintf(
			/* translators: %s: site title. */
			__( 'Test email from %s (Fix MailerSend)', 'fix-mailersend' ),
			'' !== $site ? $site : $url
		);
		$lines = array(
			__( 'This is a test email sent by Fix MailerSend.', 'fix-mailersend' ),
			sprintf(
				/* translators: %s: site address. */
				__( 'It was sent from %s through WordPress, WP Mail SMTP and MailerSend: if you are reading it, email from your site reaches MailerSend and gets delivered.', 'fix-mailersend' ),
				$url
			),
			__( 'You can delete this email.', 'fix-mailersend' ),
		);

		if ( ! $html ) {
			return array(
				'subject' => $subject,
				'body'    => implode( "\n\n", $lines ) . "\n",
			);
		}

		$body = '<!doctype html><html><body style="font-family: sans-serif; line-height: 1.5;">';
		foreach ( $lines as $index => $line ) {
			$body .= 0 === $index ? '<p><strong>' . esc_html( $line ) . '</strong></p>' : '<p>' . esc_html( $line ) . '</p>';
		}
		$body .= '</body></html>';

		return array(
			'subject' => $subject,
			'body'    => $body,
		);
	}
}
