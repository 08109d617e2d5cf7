<?php
/**
 * The admin notice that says MailerSend email is failing (or about to).
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Watch;

use FixMailerSend\Admin\Admin_Page;
use FixMailerSend\Recovery\Held_Emails;

defined( 'ABSPATH' ) || exit;

/**
 * On every admin screen except Fix MailerSend's own, for users with WP Mail SMTP's admin
 * capability: one sentence about the problem Watch_Status found and a "Fix MailerSend →" link.
 *
 * Dismissible per user and per problem: the dismissed problem's key (its kind and time stamp,
 * or the expiry date) is kept in a per-site user option; a newer failure or check, or the next
 * expiry stage, has another key and shows again.
 */
class Admin_Notice {

	/**
	 * User option (per site: stored with the site's table prefix) holding the dismissed key.
	 */
	const USER_OPTION = 'fix_mailersend_notice_dismissed';

	/**
	 * The admin-ajax action (and nonce action) of a dismissal.
	 */
	const AJAX_ACTION = 'fix_mailersend_dismiss_notice';

	/**
	 * The notice's element id.
	 */
	const ELEMENT_ID = 'fix-mailersend-notice';

	/**
	 * The element id of "N emails are waiting to be resent".
	 */
	const HELD_ELEMENT_ID = 'fix-mailersend-held-notice';

	/**
	 * What to say.
	 *
	 * @var Watch_Status
	 */
	private $status;

	/**
	 * The screen (for its URL and slug).
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
	 * Creates the notice.
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
	 * `admin_notices`: prints the notice when there is something to say to this user here.
	 *
	 * @return void
	 */
	public function render(): void {
		$problem = $this->current_problem();
		if ( null === $problem ) {
			$this->render_waiting();
			return;
		}

		$class = in_array( $problem['kind'], array( 'expiry_soon' ), true ) ? 'notice-warning' : 'notice-error';
		printf(
			'<div id="%1$s" class="notice %2$s is-dismissible" data-key="%3$s" data-nonce="%4$s"><p>%5$s <a href="%6$s">%7$s</a></p></div>',
			esc_attr( self::ELEMENT_ID ),
			esc_attr( $class ),
			esc_attr( $problem['key'] ),
			esc_attr( wp_create_nonce( self::AJAX_ACTION ) ),
			esc_html( self::sentence( $problem ) ),
			esc_url( $this->page->url() ),
			esc_html__( 'Fix MailerSend →', 'fix-mailersend' )
		);
		wp_print_inline_script_tag( $this->script() );
	}

	/**
	 * After the fix, while held emails wait: "N emails are waiting to be resent." with a link to
	 * the screen's Recover step (not dismissible: it goes once they are resent or discarded).
	 *
	 * @return void
	 */
	private function render_waiting(): void {
		$waiting = $this->waiting();
		if ( 0 === $waiting ) {
			return;
		}
		printf(
			'<div id="%1$s" class="notice notice-info"><p>%2$s <a href="%3$s">%4$s</a></p></div>',
			esc_attr( self::HELD_ELEMENT_ID ),
			esc_html( Held_Emails::waiting_sentence( $waiting ) ),
			esc_url( $this->page->url() . '#recover' ),
			esc_html__( 'Resend or discard them →', 'fix-mailersend' )
		);
	}

	/**
	 * How many held emails the current user is told about here (0: none, or not to this user
	 * or on this screen, or the token is not proven yet).
	 *
	 * @return int
	 */
	public function waiting(): int {
		if ( null === $this->held || 0 === get_current_user_id() || ! current_user_can( $this->status->adapter()->capability() ) || $this->on_own_screen() ) {
			return 0;
		}
		return $this->held->waiting_after_fix();
	}

	/**
	 * The problem to show to the current user on the current screen, or null.
	 *
	 * Cheapest first: the capability, the screen, then the stored results.
	 *
	 * @return array{kind: string, key: string, at: string|null, verdict: \FixMailerSend\Diagnosis\Verdict|null, date: string|null, days: int|null}|null
	 */
	public function current_problem(): ?array {
		$user_id = get_current_user_id();
		if ( 0 === $user_id || ! current_user_can( $this->status->adapter()->capability() ) || $this->on_own_screen() ) {
			return null;
		}
		$problem = $this->status->problem();
		if ( null === $problem || $this->dismissed_key( $user_id ) === $problem['key'] ) {
			return null;
		}
		return $problem;
	}

	/**
	 * `wp_ajax_fix_mailersend_dismiss_notice`: remembers the dismissal for the current user.
	 *
	 * Answers 403 without the nonce or the capability; `success: false` (200, so that browsers
	 * log no failed request) when the problem shown is no longer the current one: nothing is
	 * stored then, the new problem must be seen.
	 *
	 * @return void
	 */
	public function ajax_dismiss(): void {
		if ( false === check_ajax_referer( self::AJAX_ACTION, '_ajax_nonce', false ) || ! current_user_can( $this->status->adapter()->capability() ) ) {
			wp_send_json_error( array( 'code' => 'forbidden' ), 403 );
		}
		// phpcs:ignore WordPress.Security.NonceVerification.Missing -- checked above by check_ajax_referer().
		$key = isset( $_POST['key'] ) && is_string( $_POST['key'] ) ? sanitize_text_field( wp_unslash( $_POST['key'] ) ) : '';
		if ( ! $this->dismiss( get_current_user_id(), $key ) ) {
			wp_send_json_error( array( 'code' => 'stale' ) );
		}
		wp_send_json_success();
	}

	/**
	 * Dismisses the current problem for a user, if it is the one with this key.
	 *
	 * @param int    $user_id User.
	 * @param string $key     The key the notice showed.
	 * @return bool Whether it was dismissed.
	 */
	public function dismiss( int $user_id, string $key ): bool {
		if ( $user_id <= 0 || '' === $key ) {
			return false;
		}
		$problem = $this->status->problem();
		if ( null === $problem || $problem['key'] !== $key ) {
			return false;
		}
		update_user_option( $user_id, self::USER_OPTION, $key );
		return true;
	}

	/**
	 * The key a user dismissed on this site ('' for none).
	 *
	 * @param int $user_id User.
	 * @return string
	 */
	public function dismissed_key( int $user_id ): string {
		$key = get_user_option( self::USER_OPTION, $user_id );
		return is_string( $key ) ? $key : '';
	}

	/**
	 * Whether the current screen is Fix MailerSend's own (admin.php or tools.php).
	 *
	 * @return bool
	 */
	private function on_own_screen(): bool {
		$screen = function_exists( 'get_current_screen' ) ? get_current_screen() : null;
		if ( null === $screen ) {
			return false;
		}
		$suffix = '_page_' . Admin_Page::SLUG;
		return substr( (string) $screen->id, -strlen( $suffix ) ) === $suffix;
	}

	/**
	 * The notice's one sentence (plain text: escaped when printed).
	 *
	 * @param array{kind: string, key: string, at: string|null, verdict: \FixMailerSend\Diagnosis\Verdict|null, date: string|null, days: int|null} $problem The problem.
	 * @return string
	 */
	public static function sentence( array $problem ): string {
		$title = null !== $problem['verdict'] ? rtrim( $problem['verdict']->title(), '.' ) : '';
		$date  = null !== $problem['date'] ? self::format_date( $problem['date'] ) : '';
		$days  = null !== $problem['days'] ? $problem['days'] : 0;

		switch ( $problem['kind'] ) {
			case 'failure':
				return sprintf(
					/* translators: %s: what went wrong, e.g. "MailerSend does not recognise this token". */
					__( 'Email from this site is failing: WP Mail SMTP’s last email through MailerSend was refused (%s).', 'fix-mailersend' ),
					$title
				);
			case 'check':
				return sprintf(
					/* translators: %s: what went wrong, e.g. "MailerSend does not recognise this token". */
					__( 'The MailerSend API token WP Mail SMTP uses failed its last check (%s), so email from this site is not going out.', 'fix-mailersend' ),
					$title
				);
			case 'expiry_soon':
				if ( 0 === $days ) {
					return sprintf(
						/* translators: %s: a date. */
						__( 'The MailerSend API token WP Mail SMTP uses expires today (%s): create a new token in MailerSend and save it now so that email keeps going out.', 'fix-mailersend' ),
						$date
					);
				}
				return sprintf(
					/* translators: 1: number of days, 2: a date. */
					_n(
						'The MailerSend API token WP Mail SMTP uses expires in %1$d day, on %2$s: create a new token in MailerSend and save it before then so that email keeps going out.',
						'The MailerSend API token WP Mail SMTP uses expires in %1$d days, on %2$s: create a new token in MailerSend and save it before then so that email keeps going out.',
						$days,
						'fix-mailersend'
					),
					$days,
					$date
				);
			case 'expired':
			default:
				return sprintf(
					/* translators: %s: a date. */
					__( 'The MailerSend API token WP Mail SMTP uses has probably expired (its expiration date was %s): create a new token in MailerSend and save it so that email goes out again.', 'fix-mailersend' ),
					$date
				);
		}//end switch
	}

	/**
	 * A YYYY-MM-DD date in the site's date format.
	 *
	 * @param string $date Date.
	 * @return string
	 */
	public static function format_date( string $date ): string {
		$utc  = new \DateTimeZone( 'UTC' );
		$time = \DateTimeImmutable::createFromFormat( '!Y-m-d', $date, $utc );
		if ( false === $time ) {
			return $date;
		}
		$format    = get_option( 'date_format' );
		$formatted = wp_date( is_string( $format ) && '' !== $format ? $format : 'Y-m-d', $time->getTimestamp(), $utc );
		return is_string( $formatted ) ? $formatted : $date;
	}

	/**
	 * The dismissal: core's "Dismiss this notice" button (common.js) hides the notice; this
	 * tells the server, so that it stays hidden for this user until the next problem.
	 *
	 * @return string
	 */
	private function script(): string {
		$config = array(
			'id'     => self::ELEMENT_ID,
			'url'    => admin_url( 'admin-ajax.php' ),
			'action' => self::AJAX_ACTION,
		);
		return '( function ( config ) {'
			. 'document.addEventListener( "click", function ( event ) {'
			. 'var button = event.target && event.target.closest ? event.target.closest( ".notice-dismiss" ) : null;'
			. 'var notice = button ? button.closest( "#" + config.id ) : null;'
			. 'if ( ! notice || ! window.fetch ) { return; }'
			. 'var body = new URLSearchParams();'
			. 'body.append( "action", config.action );'
			. 'body.append( "key", notice.getAttribute( "data-key" ) || "" );'
			. 'body.append( "_ajax_nonce", notice.getAttribute( "data-nonce" ) || "" );'
			. 'window.fetch( config.url, { method: "POST", credentials: "same-origin", body: body } ).catch( function () {} );'
			. '} );'
			. '} )( ' . wp_json_encode( $config ) . ' );';
	}
}
