<?php
/**
 * Resends held emails through wp_mail(), one batch per call.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Recovery;

use FixMailerSend\Diagnosis\Diagnosis;
use FixMailerSend\Diagnosis\Verdict;
use FixMailerSend\Diagnosis\Verdicts;
use FixMailerSend\Support\Deadline;
use FixMailerSend\WpMailSmtp\Adapter;
use FixMailerSend\WpMailSmtp\Send_Watcher;

defined( 'ABSPATH' ) || exit;

/**
 * One batch of a resend run (POST /held/resend/next, `wp fix-mailersend held resend`):
 *
 * 1. claims left `sending` by a request that died mid-send go back to the queue
 *    (Held_Store::release_stale(), after STALE_SECONDS);
 * 2. the next queued email is claimed atomically (Held_Store::claim_next(): two tabs, two
 *    admins or two processes never get the same email);
 * 3. its attachments are written to temporary files, named as they were (wp_mail()'s
 *    string-keyed attachments), and deleted after the send;
 * 4. wp_mail() gets the original to, subject, message and headers, while the capture is
 *    suspended (a resend never becomes a new held email) and Send_Watcher watches the send
 *    (MailerSend's message id, or the verdict of its refusal), its request's timeout capped to
 *    what is left of the action's deadline;
 * 5. the email ends `sent` (with MailerSend's message id) or `failed` (with its verdict).
 *
 * The batch stops when the deadline (action `resend`, Support\Deadline) leaves less than one
 * send's timeout (the first send of a batch needs only what any MailerSend call needs), or at
 * the first failure whose verdict holds (Verdicts::holds(): it would fail for every email),
 * which puts the rest of the queue back to `held`. A failure that does not hold (a refused
 * recipient, an answer nobody understands) fails that email only, and the batch goes on.
 */
final class Resender {

	/**
	 * An email `sending` for longer than this (seconds) was left by a request that died: far
	 * more than any send may take (the action's deadline).
	 */
	const STALE_SECONDS = 120;

	/**
	 * Most emails one batch sends (the screen's progress bar moves at least this often).
	 */
	const BATCH_MAX = 50;

	/**
	 * The deadline's action name.
	 */
	const ACTION = 'resend';

	/**
	 * The held emails.
	 *
	 * @var Held_Store
	 */
	private $store;

	/**
	 * Watches each send.
	 *
	 * @var Send_Watcher
	 */
	private $watcher;

	/**
	 * Explains MailerSend's answers.
	 *
	 * @var Diagnosis
	 */
	private $diagnosis;

	/**
	 * WP Mail SMTP adapter (the From address, for the verdicts' text).
	 *
	 * @var Adapter
	 */
	private $adapter;

	/**
	 * One send's timeout, in seconds (the timeout of a MailerSend call).
	 *
	 * @var float
	 */
	private $send_timeout;

	/**
	 * Creates the resender.
	 *
	 * @param Held_Store   $store        The held emails.
	 * @param Send_Watcher $watcher      Watches each send.
	 * @param Diagnosis    $diagnosis    Explains MailerSend's answers.
	 * @param Adapter      $adapter      WP Mail SMTP adapter.
	 * @param float        $send_timeout One send's timeout, in seconds.
	 */
	public function __construct( Held_Store $store, Send_Watcher $watcher, Diagnosis $diagnosis, Adapter $adapter, float $send_timeout ) {
		$this->store        = $store;
		$this->watcher      = $watcher;
		$this->diagnosis    = $diagnosis;
		$this->adapter      = $adapter;
		$this->send_timeout = $send_timeout > 0 ? $send_timeout : Deadline::MIN_CALL;
	}

	/**
	 * Runs one batch within a deadline.
	 *
	 * `left`: emails still queued or being sent (by this run or another); `done`: how many this
	 * batch finished (sent + failed). `stopped`: the verdict that stopped the run, or null.
	 *
	 * @param Deadline $deadline The batch's deadline (Deadline::start( 'resend' )).
	 * @return array{sent: array<int, array{id: int, result_id: string|null}>, failed: array<int, array{id: int, verdict: string, title: string}>, stopped: Verdict|null, left: int, done: int}
	 */
	public function run( Deadline $deadline ): array {
		$this->store->release_stale( self::STALE_SECONDS );

		$sent    = array();
		$failed  = array();
		$stopped = null;
		$done    = 0;
		while ( $done < self::BATCH_MAX && $this->time_for_a_send( $deadline, 0 === $done ) ) {
			$claim = self::new_claim();
			$email = $this->store->claim_next( $claim );
			if ( null === $email ) {
				break;
			}
			$id      = (int) $email['id'];
			$outcome = $this->send( $email, $deadline );
			++$done;
			if ( null === $outcome['verdict'] ) {
				$this->store->finish( $id, $claim, 'sent', $outcome['result_id'], null );
				$sent[] = array(
					'id'        => $id,
					'result_id' => $outcome['result_id'],
				);
				continue;
			}

			$this->store->finish( $id, $claim, 'failed', null, $outcome['verdict']->id() );
			$failed[] = array(
				'id'      => $id,
				'verdict' => $outcome['verdict']->id(),
				'title'   => $outcome['verdict']->title(),
			);
			if ( Verdicts::holds( $outcome['verdict']->id() ) ) {
				// It would fail for every email: the rest waits for the next fix.
				$this->store->unqueue_all();
				$stopped = $outcome['verdict'];
				break;
			}
		}//end while

		$counts = $this->store->counts();
		return array(
			'sent'    => $sent,
			'failed'  => $failed,
			'stopped' => $stopped,
			'left'    => (int) ( $counts['queued'] ?? 0 ) + (int) ( $counts['sending'] ?? 0 ),
			'done'    => $done,
		);
	}

	/**
	 * Whether another send fits in the deadline: the first of a batch needs what any MailerSend
	 * call needs (Deadline::allows(), and its timeout is capped to what is left); every later one
	 * a whole send's timeout, so that the batch never runs past the deadline.
	 *
	 * @param Deadline $deadline The batch's deadline.
	 * @param bool     $first    Whether no email was sent yet in this batch.
	 * @return bool
	 */
	private function time_for_a_send( Deadline $deadline, bool $first ): bool {
		return $first ? $deadline->allows( $this->send_timeout ) : $deadline->available() >= $this->send_timeout;
	}

	/**
	 * Sends one claimed email and says how it ended.
	 *
	 * @param array<string, mixed> $email    Held_Store::claim_next()'s email (with `args`).
	 * @param Deadline             $deadline The batch's deadline.
	 * @return array{result_id: string|null, verdict: Verdict|null} verdict null: sent.
	 */
	private function send( array $email, Deadline $deadline ): array {
		$args = isset( $email['args'] ) && is_array( $email['args'] ) ? $email['args'] : null;
		if ( null === $args ) {
			// Only whole emails are queued; a row without its arguments cannot be sent.
			return array(
				'result_id' => null,
				'verdict'   => Verdicts::make( 'unknown', array( 'reason' => 'not_kept' ) ),
			);
		}

		try {
			$files = $this->temporary_files( (int) $email['id'] );
		} catch ( \RuntimeException $e ) {
			// The temporary folder refused the attachments: this email cannot go out as it was.
			return array(
				'result_id' => null,
				'verdict'   => Verdicts::make( 'unknown', array( 'reason' => 'attachments' ) ),
			);
		}
		try {
			$to      = $args['to'] ?? array();
			$subject = isset( $args['subject'] ) && is_scalar( $args['subject'] ) ? (string) $args['subject'] : '';
			$message = isset( $args['message'] ) && is_scalar( $args['message'] ) ? (string) $args['message'] : '';
			$headers = isset( $args['headers'] ) && is_array( $args['headers'] ) ? array_values( array_filter( $args['headers'], 'is_string' ) ) : array();
			$watcher = $this->watcher;
			$run     = static function () use ( $watcher, $deadline, $to, $subject, $message, $headers, $files ) {
				return $watcher->capture(
					static function () use ( $to, $subject, $message, $headers, $files ) {
						return wp_mail( is_array( $to ) ? array_values( array_filter( $to, 'is_string' ) ) : (string) $to, $subject, $message, $headers, $files );
					},
					$deadline
				);
			};
			Held_Capture::suspend();
			try {
				$outcome = $run();
			} finally {
				Held_Capture::resume();
			}
		} finally {
			foreach ( $files as $path ) {
				wp_delete_file( $path );
			}
		}//end try

		return $this->outcome( $outcome );
	}

	/**
	 * What Send_Watcher saw, as sent (MailerSend's message id) or failed (a verdict).
	 *
	 * - MailerSend answered: its answer decides (accepted: sent, even when wp_mail() reported a
	 *   failure afterwards: sending it again would send it twice);
	 * - no request reached MailerSend and wp_mail() says sent: another plugin or mailer sent it
	 *   (sent, no message id);
	 * - no request reached MailerSend and wp_mail() failed: WordPress or PHPMailer refused the
	 *   email itself (an address, an attachment): `unknown`, which never stops the run.
	 *
	 * @param mixed $outcome Send_Watcher::capture()'s result.
	 * @return array{result_id: string|null, verdict: Verdict|null}
	 */
	private function outcome( $outcome ): array {
		if ( ! is_array( $outcome ) ) {
			return array(
				'result_id' => null,
				'verdict'   => Verdicts::make( 'unknown' ),
			);
		}
		$response = $outcome['response'] ?? null;
		if ( $response instanceof \FixMailerSend\MailerSend\Api_Response ) {
			$result = $this->diagnosis->explain_send_response( $response, $this->adapter->from_email() );
			if ( $result['accepted'] ) {
				return array(
					'result_id' => $result['message_id'],
					'verdict'   => null,
				);
			}
			return array(
				'result_id' => null,
				'verdict'   => $result['verdict'],
			);
		}
		if ( ! empty( $outcome['sent'] ) ) {
			return array(
				'result_id' => null,
				'verdict'   => null,
			);
		}
		$failure = $outcome['failure'] ?? null;
		$why     = is_array( $failure ) && isset( $failure['message'] ) ? (string) $failure['message'] : (string) ( $outcome['mail_error'] ?? '' );
		return array(
			'result_id' => null,
			'verdict'   => Verdicts::make(
				'unknown',
				array(
					'reason'  => 'not_sent',
					'message' => $why,
				)
			),
		);
	}

	/**
	 * Writes a held email's attachments to temporary files, keyed by their original names
	 * (wp_mail() passes a string key to PHPMailer as the attachment's name). Two attachments of
	 * the same name get " (2)", " (3)"… before the extension.
	 *
	 * @param int $id Held email id.
	 * @return array<string, string> name => path.
	 * @throws \RuntimeException When a file cannot be written (the ones written are deleted).
	 */
	private function temporary_files( int $id ): array {
		$files = $this->store->files( $id );
		if ( array() === $files ) {
			return array();
		}
		if ( ! function_exists( 'wp_tempnam' ) ) {
			// @phpstan-ignore requireOnce.fileNotFound
			require_once ABSPATH . 'wp-admin/includes/file.php';
		}
		$paths = array();
		try {
			foreach ( $files as $index => $file ) {
				$name = isset( $file['name'] ) && is_string( $file['name'] ) && '' !== $file['name'] ? $file['name'] : 'attachment-' . ( $index + 1 );
				$name = self::unique_name( $name, $paths );
				$path = wp_tempnam( 'fms-resend' );
				// phpcs:ignore WordPress.WP.AlternativeFunctions -- a private temporary file, deleted after the send (WP_Filesystem may not write directly).
				if ( '' === $path || false === file_put_contents( $path, (string) ( $file['content'] ?? '' ) ) ) {
					throw new \RuntimeException( 'Could not write a temporary file for an attachment.' );
				}
				$paths[ $name ] = $path;
			}
		} catch ( \RuntimeException $e ) {
			foreach ( $paths as $path ) {
				wp_delete_file( $path );
			}
			throw $e;
		}
		return $paths;
	}

	/**
	 * A name not yet among the keys: "report.pdf", then "report (2).pdf", …
	 *
	 * @param string               $name  Wanted name.
	 * @param array<string, mixed> $taken Names taken (keys).
	 * @return string
	 */
	private static function unique_name( string $name, array $taken ): string {
		if ( ! isset( $taken[ $name ] ) ) {
			return $name;
		}
		$dot  = strrpos( $name, '.' );
		$base = false !== $dot && $dot > 0 ? substr( $name, 0, $dot ) : $name;
		$ext  = false !== $dot && $dot > 0 ? substr( $name, $dot ) : '';
		for ( $n = 2; ; $n++ ) {
			$candidate = $base . ' (' . $n . ')' . $ext;
			if ( ! isset( $taken[ $candidate ] ) ) {
				return $candidate;
			}
		}
	}

	/**
	 * A random claim (who is sending an email).
	 *
	 * @return string
	 */
	private static function new_claim(): string {
		return bin2hex( random_bytes( 16 ) );
	}
}
