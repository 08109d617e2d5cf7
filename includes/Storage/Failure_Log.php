<?php
/**
 * The last MailerSend failure WP Mail SMTP reported, and what happened since.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Storage;

defined( 'ABSPATH' ) || exit;

/**
 * One small non-autoloaded option (per site on multisite), written by Send_Watcher, read by
 * the WP Mail SMTP adapter. It never holds a token:
 * - the last failure that came from MailerSend: MailerSend's message (scrubbed), its #MS code,
 *   the HTTP status and a fingerprint of the token the failed request carried;
 * - `succeeded_after`: fingerprints of the tokens whose sends MailerSend accepted (202) after
 *   that failure (what "resolved" is made of, resolved());
 * - `unsent`: the text and time of the last failure WP Mail SMTP reported for a send that never
 *   reached MailerSend (PHPMailer refused it first), so that WP Mail SMTP's debug record of it
 *   is not taken for a MailerSend failure. Dropped by the next MailerSend failure or success;
 * - `success_at`: when MailerSend accepted a send for the first time after the last failure (or
 *   for the first time this plugin saw, when it knows of no failure), and `success_before`: the
 *   `success_at` it replaced. Written only when it changes (not on every send): the outage
 *   report's bounds (Recovery\Outage_Report: the failures after `success_before` and before
 *   `success_at`, or after `success_at` while failing). Kept across record().
 */
final class Failure_Log {

	/**
	 * Option name.
	 */
	const OPTION = 'fix_mailersend_last_failure';

	/**
	 * Longest message kept, in characters.
	 */
	const MESSAGE_LIMIT = 1000;

	/**
	 * Most token fingerprints kept in `succeeded_after`.
	 */
	const SUCCESS_LIMIT = 20;

	/**
	 * Stores a MailerSend failure (replacing the previous one and what followed it).
	 *
	 * @param string $message     MailerSend's message as WP Mail SMTP reported it (already scrubbed).
	 * @param string $ms_code     `MSxxxxx` or ''.
	 * @param int    $http_status HTTP status, 0 for a transport error.
	 * @param string $fingerprint Token::fingerprint() of the token the request carried.
	 * @return array{at: string, message: string, ms_code: string|null, http_status: int, fingerprint: string, succeeded_after: string[]}
	 */
	public function record( string $message, string $ms_code, int $http_status, string $fingerprint ): array {
		$stored = get_option( self::OPTION, null );
		$entry  = array(
			'at'              => gmdate( 'c' ),
			'message'         => self::cut( $message ),
			'ms_code'         => '' === $ms_code ? null : $ms_code,
			'http_status'     => $http_status,
			'fingerprint'     => $fingerprint,
			'succeeded_after' => array(),
		);
		$kept   = $entry;
		foreach ( array( 'success_at', 'success_before' ) as $key ) {
			if ( is_array( $stored ) && isset( $stored[ $key ] ) && is_string( $stored[ $key ] ) ) {
				$kept[ $key ] = $stored[ $key ];
			}
		}
		update_option( self::OPTION, $kept, false );
		return $entry;
	}

	/**
	 * A send MailerSend accepted (202), made with the token of this fingerprint.
	 *
	 * @param string $fingerprint Token::fingerprint() of the token the request carried.
	 * @return void
	 */
	public function record_success( string $fingerprint ): void {
		$stored = get_option( self::OPTION, null );
		if ( ! is_array( $stored ) ) {
			// Nothing known yet: only when mail started to work (once), for the outage report.
			update_option( self::OPTION, array( 'success_at' => gmdate( 'c' ) ), false );
			return;
		}
		unset( $stored['unsent'] );
		$last_success = isset( $stored['success_at'] ) && is_string( $stored['success_at'] ) ? strtotime( $stored['success_at'] ) : false;
		$last_failure = isset( $stored['at'] ) && is_string( $stored['at'] ) ? strtotime( $stored['at'] ) : false;
		if ( false === $last_success || ( false !== $last_failure && $last_success <= $last_failure ) ) {
			// The first success after a failure: the outage before it stopped here.
			if ( false !== $last_success ) {
				$stored['success_before'] = $stored['success_at'];
			}
			$stored['success_at'] = gmdate( 'c' );
		}
		if ( isset( $stored['at'] ) ) {
			$after = self::fingerprints( $stored['succeeded_after'] ?? array() );
			if ( ! in_array( $fingerprint, $after, true ) ) {
				$after[] = $fingerprint;
			}
			$stored['succeeded_after'] = array_slice( $after, -self::SUCCESS_LIMIT );
		}
		update_option( self::OPTION, $stored, false );
	}

	/**
	 * A failure WP Mail SMTP reported for a send that made no request to MailerSend.
	 *
	 * @param string $message The error text (already scrubbed).
	 * @return void
	 */
	public function record_unsent( string $message ): void {
		$stored           = get_option( self::OPTION, null );
		$stored           = is_array( $stored ) ? $stored : array();
		$stored['unsent'] = array(
			'at'      => gmdate( 'c' ),
			'message' => self::cut( $message ),
		);
		update_option( self::OPTION, $stored, false );
	}

	/**
	 * The stored MailerSend failure, or null.
	 *
	 * @return array{at: string, message: string, ms_code: string|null, http_status: int, fingerprint: string, succeeded_after: string[]}|null
	 */
	public function get(): ?array {
		$stored = get_option( self::OPTION, null );
		if ( ! is_array( $stored ) || ! isset( $stored['at'] ) || ! is_string( $stored['at'] ) ) {
			return null;
		}
		return array(
			'at'              => $stored['at'],
			'message'         => isset( $stored['message'] ) && is_string( $stored['message'] ) ? $stored['message'] : '',
			'ms_code'         => isset( $stored['ms_code'] ) && is_string( $stored['ms_code'] ) && '' !== $stored['ms_code'] ? $stored['ms_code'] : null,
			'http_status'     => isset( $stored['http_status'] ) && is_numeric( $stored['http_status'] ) ? (int) $stored['http_status'] : 0,
			'fingerprint'     => isset( $stored['fingerprint'] ) && is_string( $stored['fingerprint'] ) ? $stored['fingerprint'] : '',
			'succeeded_after' => self::fingerprints( $stored['succeeded_after'] ?? array() ),
		);
	}

	/**
	 * When mail through MailerSend worked (see the class comment): `at` the first success after
	 * the last failure (or the first one seen), `before` the one it replaced; null when unknown.
	 *
	 * @return array{at: string|null, before: string|null}
	 */
	public function successes(): array {
		$stored = get_option( self::OPTION, null );
		$read   = static function ( string $key ) use ( $stored ): ?string {
			return is_array( $stored ) && isset( $stored[ $key ] ) && is_string( $stored[ $key ] ) && false !== strtotime( $stored[ $key ] ) ? $stored[ $key ] : null;
		};
		return array(
			'at'     => $read( 'success_at' ),
			'before' => $read( 'success_before' ),
		);
	}

	/**
	 * The last failure that never reached MailerSend, or null.
	 *
	 * @return array{at: string, message: string}|null
	 */
	public function unsent(): ?array {
		$stored = get_option( self::OPTION, null );
		if ( ! is_array( $stored ) || ! isset( $stored['unsent']['at'], $stored['unsent']['message'] ) || ! is_string( $stored['unsent']['message'] ) ) {
			return null;
		}
		return array(
			'at'      => (string) $stored['unsent']['at'],
			'message' => $stored['unsent']['message'],
		);
	}

	/**
	 * Forgets everything.
	 *
	 * @return void
	 */
	public function clear(): void {
		delete_option( self::OPTION );
	}

	/**
	 * Whether a failure is resolved: MailerSend accepted a later send, and the token that
	 * failed is not in use again without a later success of its own. That is:
	 * - the failing token itself sent successfully later; or
	 * - another token sent successfully later, and the token in use is not the failing one.
	 * No later success, or the failing token back in use (e.g. through the wp-config.php
	 * constant) with only other tokens' successes since: not resolved.
	 *
	 * @param array{fingerprint: string, succeeded_after: string[]} $record  A get() record.
	 * @param string                                                $current Fingerprint of the token in use.
	 * @return bool
	 */
	public static function resolved( array $record, string $current ): bool {
		$after = $record['succeeded_after'];
		if ( array() === $after ) {
			return false;
		}
		return in_array( $record['fingerprint'], $after, true ) || $current !== $record['fingerprint'];
	}

	/**
	 * Whether a last failure (Adapter::last_failure()'s shape) still stands, i.e. says something
	 * about the token in use now: not resolved, and not known to be about a replaced token. The
	 * one rule of the headline, the admin notice, Site Health and `wp fix-mailersend status`.
	 *
	 * @param array<string, mixed> $failure A last failure: `resolved`, `current_token`.
	 * @return bool
	 */
	public static function stands( array $failure ): bool {
		return empty( $failure['resolved'] ) && false !== ( $failure['current_token'] ?? null );
	}

	/**
	 * Whether a failure yields to a check of the same token: the check was made at the same
	 * time or later, or the failure's time is unknown (only WP Mail SMTP's own log has it).
	 * The one rule of the headline and of the admin notice's "a later good check disproves it".
	 *
	 * @param string|null $failure_at When the failure happened (ISO 8601), null when unknown.
	 * @param string      $check_at   When the check was made (ISO 8601).
	 * @return bool
	 */
	public static function yields_to_check( ?string $failure_at, string $check_at ): bool {
		$failed  = null !== $failure_at ? strtotime( $failure_at ) : false;
		$checked = strtotime( $check_at );
		return false === $failed || ( false !== $checked && $checked >= $failed );
	}

	/**
	 * A message cut to MESSAGE_LIMIT characters.
	 *
	 * @param string $message Message.
	 * @return string
	 */
	private static function cut( string $message ): string {
		if ( function_exists( 'mb_substr' ) ) {
			return (string) mb_substr( $message, 0, self::MESSAGE_LIMIT, 'UTF-8' );
		}
		return substr( $message, 0, self::MESSAGE_LIMIT );
	}

	/**
	 * A stored list of fingerprints, cleaned.
	 *
	 * @param mixed $list Stored value.
	 * @return string[]
	 */
	private static function fingerprints( $list ): array {
		if ( ! is_array( $list ) ) {
			return array();
		}
		return array_values( array_filter( $list, 'is_string' ) );
	}
}
