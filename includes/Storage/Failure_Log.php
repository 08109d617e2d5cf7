<?php
/**
 * The last MailerSend failure WP Mail SMTP reported.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Storage;

defined( 'ABSPATH' ) || exit;

/**
 * One small non-autoloaded option (per site on multisite), written by Send_Watcher from WP Mail
 * SMTP's failure hook, read by the WP Mail SMTP adapter. It never holds a token: MailerSend's
 * message (scrubbed), its #MS code, the HTTP status and a fingerprint of the token in use.
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
	 * Stores a failure (replacing the previous one).
	 *
	 * @param string $message     MailerSend's message as WP Mail SMTP reported it (already scrubbed).
	 * @param string $ms_code     `MSxxxxx` or ''.
	 * @param int    $http_status HTTP status, 0 for a transport error.
	 * @param string $fingerprint Check_Log::fingerprint() of the token in use.
	 * @return array{at: string, message: string, ms_code: string|null, http_status: int, fingerprint: string}
	 */
	public function record( string $message, string $ms_code, int $http_status, string $fingerprint ): array {
		if ( function_exists( 'mb_substr' ) ) {
			$message = (string) mb_substr( $message, 0, self::MESSAGE_LIMIT, 'UTF-8' );
		} else {
			$message = substr( $message, 0, self::MESSAGE_LIMIT );
		}
		$entry = array(
			'at'          => gmdate( 'c' ),
			'message'     => $message,
			'ms_code'     => '' === $ms_code ? null : $ms_code,
			'http_status' => $http_status,
			'fingerprint' => $fingerprint,
		);
		update_option( self::OPTION, $entry, false );
		return $entry;
	}

	/**
	 * The stored failure, or null.
	 *
	 * @return array{at: string, message: string, ms_code: string|null, http_status: int, fingerprint: string}|null
	 */
	public function get(): ?array {
		$stored = get_option( self::OPTION, null );
		if ( ! is_array( $stored ) || ! isset( $stored['at'] ) || ! is_string( $stored['at'] ) ) {
			return null;
		}
		return array(
			'at'          => $stored['at'],
			'message'     => isset( $stored['message'] ) && is_string( $stored['message'] ) ? $stored['message'] : '',
			'ms_code'     => isset( $stored['ms_code'] ) && is_string( $stored['ms_code'] ) && '' !== $stored['ms_code'] ? $stored['ms_code'] : null,
			'http_status' => isset( $stored['http_status'] ) && is_numeric( $stored['http_status'] ) ? (int) $stored['http_status'] : 0,
			'fingerprint' => isset( $stored['fingerprint'] ) && is_string( $stored['fingerprint'] ) ? $stored['fingerprint'] : '',
		);
	}

	/**
	 * Forgets the failure.
	 *
	 * @return void
	 */
	public function clear(): void {
		delete_option( self::OPTION );
	}
}
