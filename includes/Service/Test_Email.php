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
	 * Sends the test email and explains the outcome.
	 *
	 * @param string $to   Recipient (a valid address: the caller checks it).
	 * @param bool   $html HTML (else plain text).
	 * @return array{accepted: bool, message_id?: string|null, warnings?: Verdict[], verdict?: Verdict}|WP_Error
	 *         WP_Error (data `status`): 409 `fix_mailersend_wp_mail_smtp_unavailable`,
	 *         409 `fix_mailersend_mailer_not_mailersend`, 429 `fix_mailersend_throttled`.
	 */
	public function send( string $to, bool $html ) {
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

		$outcome = $this->watcher->capture(
			static function () use ( $to, $message, $headers ) {
				return wp_mail( $to, $message['subject'], $message['body'], $headers );
			}
		);

		return $this->explain( $outcome );
	}

	/**
	 * Turns what the watcher saw into the answer.
	 *
	 * @param array{sent: bool, response: Api_Response|null, failure: array{message: string, ms_code: string, http_status: int}|null, mail_error: string|null} $outcome What happened.
	 * @return array{accepted: bool, message_id?: string|null, warnings?: Verdict[], verdict?: Verdict}
	 */
	private function explain( array $outcome ): array {
		$from = $this->adapter->from_email();

		if ( null === $outcome['response'] && $outcome['sent'] ) {
			// Sent without a visible MailerSend request (e.g. another plugin took over wp_mail()).
			return array(
				'accepted'   => true,
				'message_id' => null,
				'warnings'   => array(),
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
				'accepted'   => true,
				'message_id' => $result['message_id'],
				'warnings'   => array_values( $result['warnings'] ),
			);
		}

		// No answer seen and nothing sent, or MailerSend accepted it yet wp_mail() failed afterwards.
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
