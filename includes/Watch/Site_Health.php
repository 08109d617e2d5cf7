<?php
/**
 * The Site Health test "MailerSend API token".
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Watch;

use FixMailerSend\Admin\Admin_Page;
use FixMailerSend\Diagnosis\Verdict;
use FixMailerSend\Diagnosis\Verdicts;
use FixMailerSend\Recovery\Held_Emails;

defined( 'ABSPATH' ) || exit;

/**
 * A direct test (it runs while Site Health loads, and in core's weekly Site Health cron):
 * it reads stored results only, never calls MailerSend, so it stays fast.
 *
 * - critical: WP Mail SMTP's last MailerSend send failed for a persistent reason that still
 *   stands, the newest conclusive check is bad, or no token is set;
 * - recommended: WP Mail SMTP is not active or sends through another mailer, the token was
 *   never checked (or not for STALE_DAYS, or only inconclusively), or its expiry date is near
 *   or has passed;
 * - good: the newest conclusive check of the token in use is good and recent.
 */
class Site_Health {

	/**
	 * The test's name in `site_status_tests`.
	 */
	const TEST = 'fix_mailersend_token';

	/**
	 * What watching found.
	 *
	 * @var Watch_Status
	 */
	private $status;

	/**
	 * The Fix MailerSend screen (for its URL).
	 *
	 * @var Admin_Page
	 */
	private $page;

	/**
	 * The held emails ("N emails are waiting to be resent", once the token is proven).
	 *
	 * @var Held_Emails|null
	 */
	private $held;

	/**
	 * Creates the test.
	 *
	 * @param Watch_Status     $status What watching found.
	 * @param Admin_Page       $page   The Fix MailerSend screen.
	 * @param Held_Emails|null $held   The held emails.
	 */
	public function __construct( Watch_Status $status, Admin_Page $page, ?Held_Emails $held = null ) {
		$this->status = $status;
		$this->page   = $page;
		$this->held   = $held;
	}

	/**
	 * `site_status_tests`: adds the direct test.
	 *
	 * @param mixed $tests Core's tests.
	 * @return mixed
	 */
	public function register( $tests ) {
		if ( ! is_array( $tests ) ) {
			return $tests;
		}
		if ( ! isset( $tests['direct'] ) || ! is_array( $tests['direct'] ) ) {
			$tests['direct'] = array();
		}
		$tests['direct'][ self::TEST ] = array(
			'label' => __( 'MailerSend API token', 'fix-mailersend' ),
			'test'  => array( $this, 'result' ),
		);
		return $tests;
	}

	/**
	 * The test's result.
	 *
	 * @return array{label: string, status: string, badge: array{label: string, color: string}, description: string, actions: string, test: string}
	 */
	public function result(): array {
		$adapter = $this->status->adapter();

		if ( ! $adapter->is_loaded() ) {
			return $this->build(
				'recommended',
				__( 'WP Mail SMTP is not active, so email does not go through MailerSend', 'fix-mailersend' ),
				__( 'Fix MailerSend looks after the MailerSend connection of the WP Mail SMTP plugin, which is not running on this site.', 'fix-mailersend' )
			);
		}
		if ( ! $adapter->is_mailersend() ) {
			return $this->build(
				'recommended',
				__( 'WP Mail SMTP does not send through MailerSend', 'fix-mailersend' ),
				__( 'WP Mail SMTP uses another mailer, so the MailerSend API token is not used. If you want to send through MailerSend, Fix MailerSend checks a token and switches WP Mail SMTP to MailerSend.', 'fix-mailersend' )
			);
		}
		if ( '' === $adapter->token() ) {
			return $this->build(
				'critical',
				__( 'No MailerSend API token is set', 'fix-mailersend' ),
				__( 'WP Mail SMTP sends through MailerSend but has no API token, so no email from this site goes out.', 'fix-mailersend' )
			);
		}

		$problem = $this->status->problem();
		if ( null !== $problem && null !== $problem['verdict'] ) {
			return $this->build(
				Verdicts::health( $problem['verdict'] ),
				'failure' === $problem['kind']
					? __( 'Email through MailerSend is failing', 'fix-mailersend' )
					: __( 'The MailerSend API token does not work', 'fix-mailersend' ),
				'failure' === $problem['kind']
					? __( 'WP Mail SMTP’s last email through MailerSend was refused, and no email has gone out since.', 'fix-mailersend' )
					: __( 'The last check of the MailerSend API token that WP Mail SMTP uses failed.', 'fix-mailersend' ),
				$problem['verdict'],
				$problem['at'],
				'failure' === $problem['kind']
			);
		}
		if ( null !== $problem ) {
			return $this->build(
				'recommended',
				'expiry_soon' === $problem['kind']
					? __( 'The MailerSend API token expires soon', 'fix-mailersend' )
					: __( 'The MailerSend API token has probably expired', 'fix-mailersend' ),
				Admin_Notice::sentence( $problem )
			);
		}

		$conclusive = $this->status->conclusive_check();
		if ( null === $conclusive ) {
			$current = $this->status->current_check();
			if ( null !== $current ) {
				return $this->build(
					Verdicts::health( $current['verdict'] ),
					__( 'The MailerSend API token could not be checked', 'fix-mailersend' ),
					__( 'The last check of the MailerSend API token did not get a clear answer from MailerSend.', 'fix-mailersend' ),
					$current['verdict'],
					$current['at']
				);
			}
			return $this->build(
				'recommended',
				__( 'The MailerSend API token has not been checked yet', 'fix-mailersend' ),
				__( 'A MailerSend API token is set, but it has not been checked with MailerSend since it was saved. The daily check will do it, or check it now in Fix MailerSend.', 'fix-mailersend' )
			);
		}
		if ( $this->status->is_stale( $conclusive['at'] ) ) {
			return $this->build(
				'recommended',
				__( 'The MailerSend API token has not been checked recently', 'fix-mailersend' ),
				__( 'The daily check of the MailerSend API token has not run for a while; WP-Cron may not be running on this site.', 'fix-mailersend' ),
				$conclusive['verdict'],
				$conclusive['at']
			);
		}
		return $this->build(
			Verdicts::health( $conclusive['verdict'] ),
			__( 'The MailerSend API token works', 'fix-mailersend' ),
			__( 'MailerSend accepted the API token that WP Mail SMTP uses at its last check.', 'fix-mailersend' ),
			$conclusive['verdict'],
			$conclusive['at']
		);
	}

	/**
	 * Shapes a result.
	 *
	 * @param string       $status  good | recommended | critical.
	 * @param string       $label   Plain-text label.
	 * @param string       $summary Plain-text first sentence(s).
	 * @param Verdict|null $verdict The verdict behind it, if any.
	 * @param string|null  $at      When it was found (ISO 8601), if known.
	 * @param bool         $failed  Whether $at is a failed email's (else a check's).
	 * @return array{label: string, status: string, badge: array{label: string, color: string}, description: string, actions: string, test: string}
	 */
	private function build( string $status, string $label, string $summary, ?Verdict $verdict = null, ?string $at = null, bool $failed = false ): array {
		$description = '<p>' . esc_html( $summary ) . '</p>';
		if ( null !== $verdict && 'good' !== $status ) {
			$description .= '<p><strong>' . esc_html( $verdict->title() ) . '</strong> ' . esc_html( $verdict->explanation() ) . '</p>';
		}
		if ( null !== $at ) {
			$time = strtotime( $at );
			if ( false !== $time ) {
				$when         = (string) wp_date( get_option( 'date_format' ) . ' ' . get_option( 'time_format' ), $time );
				$description .= '<p>' . esc_html(
					$failed
						/* translators: %s: date and time. */
						? sprintf( __( 'The last failed email was sent on %s.', 'fix-mailersend' ), $when )
						/* translators: %s: date and time. */
						: sprintf( __( 'Last checked on %s.', 'fix-mailersend' ), $when )
				) . '</p>';
			}
		}
		$description .= '<p>' . esc_html__( 'Fix MailerSend checks the token once a day with MailerSend’s free quota endpoint and watches the emails WP Mail SMTP sends; this test shows those stored results (checked daily) and does not contact MailerSend itself.', 'fix-mailersend' ) . '</p>';
		$actions      = sprintf(
			'<p><a href="%1$s">%2$s</a></p>',
			esc_url( $this->page->url() ),
			'good' === $status ? esc_html__( 'Open Fix MailerSend', 'fix-mailersend' ) : esc_html__( 'Fix MailerSend →', 'fix-mailersend' )
		);

		// After the fix: the emails that failed meanwhile and wait to be resent.
		$waiting = 'critical' !== $status && null !== $this->held ? $this->held->waiting_after_fix() : 0;
		if ( $waiting > 0 ) {
			$sentence = Held_Emails::waiting_sentence( $waiting );
			if ( 'good' === $status ) {
				$status = 'recommended';
				$label  = $sentence;
			}
			$description = '<p>' . esc_html( $sentence ) . ' ' . esc_html__( 'They failed while MailerSend refused the token; resend them, or discard them, in Fix MailerSend.', 'fix-mailersend' ) . '</p>' . $description;
			$actions     = sprintf( '<p><a href="%1$s">%2$s</a></p>', esc_url( $this->page->url() . '#recover' ), esc_html__( 'Resend or discard them →', 'fix-mailersend' ) );
		}

		return array(
			'label'       => $label,
			'status'      => $status,
			'badge'       => array(
				'label' => __( 'Email', 'fix-mailersend' ),
				'color' => 'blue',
			),
			'description' => $description,
			'actions'     => $actions,
			'test'        => self::TEST,
		);
	}
}
