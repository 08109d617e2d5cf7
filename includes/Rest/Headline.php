<?php
/**
 * The one verdict the Diagnose step leads with.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Rest;

use FixMailerSend\Diagnosis\Token_Inspector;
use FixMailerSend\Diagnosis\Verdict;
use FixMailerSend\Diagnosis\Verdicts;
use FixMailerSend\Storage\Failure_Log;
use FixMailerSend\WpMailSmtp\Adapter;

defined( 'ABSPATH' ) || exit;

/**
 * Picks the headline from what GET /status knows, without calling MailerSend:
 *
 * 1. WP Mail SMTP missing or inactive: `wp_mail_smtp_missing` / `wp_mail_smtp_inactive`;
 * 2. another mailer is active: `mailer_not_mailersend`;
 * 3. no token: `missing`;
 * 4. the newest of the last failure (while it stands: Failure_Log::stands()) and the last
 *    check (of the current token);
 * 5. else the local format check of the saved token, else `not_checked`;
 * 6. WP Mail SMTP older than 4.5.0 (no MailerSend mailer) replaces a success/info headline with
 *    `wp_mail_smtp_too_old`. 4.5–4.7 are not too old: their version is one of the facts only.
 *
 * The ids of 1, 2, 5 and 6 exist only as headlines (they are not answers about a token):
 * `wp_mail_smtp_missing`, `wp_mail_smtp_inactive`, `wp_mail_smtp_too_old`,
 * `mailer_not_mailersend`, `not_checked`.
 */
final class Headline {

	/**
	 * Builds the headline.
	 *
	 * @param array<string, mixed> $facts {state, version, mailer, token_source, token, failure: ?array{at: ?string, resolved: bool, current_token: ?bool, verdict: Verdict}, check: ?array{at: string, current: bool, verdict: Verdict}}.
	 * @return Verdict
	 */
	public static function pick( array $facts ): Verdict {
		$state   = (string) ( $facts['state'] ?? 'missing' );
		$version = isset( $facts['version'] ) && is_string( $facts['version'] ) ? $facts['version'] : '';

		if ( 'missing' === $state ) {
			return self::wp_mail_smtp_missing();
		}
		if ( 'inactive' === $state ) {
			return self::wp_mail_smtp_inactive( $version );
		}

		$mailer = isset( $facts['mailer'] ) && is_string( $facts['mailer'] ) ? $facts['mailer'] : 'mail';
		if ( Adapter::MAILER !== $mailer ) {
			return self::mailer_not_mailersend( $mailer );
		}

		$headline = self::token_headline( $facts );

		if ( 'too_old' === $state && in_array( $headline->severity(), array( 'success', 'info' ), true ) ) {
			return self::wp_mail_smtp_too_old( $version );
		}
		return $headline;
	}

	/**
	 * Steps 3–5.
	 *
	 * @param array<string, mixed> $facts Facts.
	 * @return Verdict
	 */
	private static function token_headline( array $facts ): Verdict {
		$token = isset( $facts['token'] ) && is_string( $facts['token'] ) ? $facts['token'] : '';
		if ( 'none' === ( $facts['token_source'] ?? 'none' ) || '' === $token ) {
			return Verdicts::make( 'missing', array( 'token' => null ) );
		}

		$failure = isset( $facts['failure'] ) && is_array( $facts['failure'] ) ? $facts['failure'] : null;
		$check   = isset( $facts['check'] ) && is_array( $facts['check'] ) && ! empty( $facts['check']['current'] ) ? $facts['check'] : null;

		// A failure counts while it stands (Failure_Log::stands(): not resolved, not about a replaced token).
		if ( null !== $failure && ! Failure_Log::stands( $failure ) ) {
			$failure = null;
		}

		if ( null !== $failure && null !== $check ) {
			$failure_at = is_string( $failure['at'] ?? null ) ? strtotime( $failure['at'] ) : false;
			$check_at   = strtotime( (string) $check['at'] );
			// A failure of unknown time (only WP Mail SMTP's log has it) yields to a current check.
			if ( false === $failure_at || ( false !== $check_at && $check_at >= $failure_at ) ) {
				$failure = null;
			}
		}

		if ( null !== $failure && $failure['verdict'] instanceof Verdict ) {
			return $failure['verdict'];
		}
		if ( null !== $check && $check['verdict'] instanceof Verdict ) {
			return $check['verdict'];
		}

		$normalised = Token_Inspector::normalise( $token );
		$local      = Token_Inspector::inspect( $normalised, $token );
		if ( null !== $local ) {
			return $local;
		}
		return self::not_checked();
	}

	/**
	 * WP Mail SMTP is not installed.
	 *
	 * @return Verdict
	 */
	private static function wp_mail_smtp_missing(): Verdict {
		return new Verdict(
			'wp_mail_smtp_missing',
			Verdicts::severity( 'wp_mail_smtp_missing' ),
			__( 'WP Mail SMTP is not installed', 'fix-mailersend' ),
			__( 'Fix MailerSend repairs the MailerSend connection of the WP Mail SMTP plugin, which is not installed on this site.', 'fix-mailersend' ),
			array(
				__( 'Install and activate WP Mail SMTP (Plugins → Add New Plugin, search for "WP Mail SMTP").', 'fix-mailersend' ),
				__( 'Choose MailerSend as its mailer, then come back to this screen to check and save your MailerSend API token.', 'fix-mailersend' ),
			),
			array( 'wp_mail_smtp_state' => 'missing' )
		);
	}

	/**
	 * WP Mail SMTP is installed but not running.
	 *
	 * @param string $version Installed version.
	 * @return Verdict
	 */
	private static function wp_mail_smtp_inactive( string $version ): Verdict {
		return new Verdict(
			'wp_mail_smtp_inactive',
			Verdicts::severity( 'wp_mail_smtp_inactive' ),
			__( 'WP Mail SMTP is not active', 'fix-mailersend' ),
			__( 'WP Mail SMTP is installed but not running, so WordPress does not send email through MailerSend at all.', 'fix-mailersend' ),
			array(
				__( 'Activate WP Mail SMTP on the Plugins screen (only one of WP Mail SMTP and WP Mail SMTP Pro may be active).', 'fix-mailersend' ),
				__( 'Then come back to this screen to check your MailerSend API token.', 'fix-mailersend' ),
			),
			array(
				'wp_mail_smtp_state'   => 'inactive',
				'wp_mail_smtp_version' => '' !== $version ? $version : null,
			)
		);
	}

	/**
	 * WP Mail SMTP is older than Adapter::MIN_VERSION, the first release with the MailerSend mailer.
	 *
	 * @param string $version Running version.
	 * @return Verdict
	 */
	private static function wp_mail_smtp_too_old( string $version ): Verdict {
		return new Verdict(
			'wp_mail_smtp_too_old',
			Verdicts::severity( 'wp_mail_smtp_too_old' ),
			sprintf(
				/* translators: %s: minimum WP Mail SMTP version. */
				__( 'Update WP Mail SMTP to %s or newer', 'fix-mailersend' ),
				Adapter::MIN_VERSION
			),
			sprintf(
				/* translators: 1: running WP Mail SMTP version, 2: minimum version. */
				__( 'This site runs WP Mail SMTP %1$s, which cannot send through MailerSend: its MailerSend mailer arrived in version %2$s.', 'fix-mailersend' ),
				'' !== $version ? $version : '?',
				Adapter::MIN_VERSION
			),
			array(
				__( 'Update WP Mail SMTP on the Plugins screen.', 'fix-mailersend' ),
				__( 'Checking and saving a token works meanwhile.', 'fix-mailersend' ),
			),
			array(
				'wp_mail_smtp_state'   => 'too_old',
				'wp_mail_smtp_version' => '' !== $version ? $version : null,
			)
		);
	}

	/**
	 * Another mailer is active.
	 *
	 * @param string $mailer Active mailer slug.
	 * @return Verdict
	 */
	private static function mailer_not_mailersend( string $mailer ): Verdict {
		return new Verdict(
			'mailer_not_mailersend',
			Verdicts::severity( 'mailer_not_mailersend' ),
			__( 'WP Mail SMTP does not send through MailerSend', 'fix-mailersend' ),
			sprintf(
				/* translators: %s: WP Mail SMTP mailer slug, e.g. "smtp". */
				__( 'WP Mail SMTP’s active mailer is "%s", not MailerSend, so a MailerSend token is not used for sending.', 'fix-mailersend' ),
				$mailer
			),
			array(
				__( 'To send through MailerSend: get a new API token, check it here, and save it with "Switch WP Mail SMTP to MailerSend" ticked.', 'fix-mailersend' ),
				__( 'If you do not want to use MailerSend, there is nothing to fix here.', 'fix-mailersend' ),
			),
			array( 'mailer' => $mailer )
		);
	}

	/**
	 * A token is saved, looks right, and was never checked (or changed since).
	 *
	 * @return Verdict
	 */
	private static function not_checked(): Verdict {
		return new Verdict(
			'not_checked',
			Verdicts::severity( 'not_checked' ),
			__( 'The saved token has not been checked yet', 'fix-mailersend' ),
			__( 'A MailerSend API token is saved and looks right, and no email has failed since. Only MailerSend can tell whether it works.', 'fix-mailersend' ),
			array(
				__( 'Click "Re-check saved token" to ask MailerSend, or send a test email in step 4.', 'fix-mailersend' ),
			),
			array()
		);
	}
}
