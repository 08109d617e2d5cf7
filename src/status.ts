/**
 * Facts read from GET /status. What a re-check or a save changes (the headline above all)
 * is the server's: the screen loads the status again (useStatus().reload()).
 */
import type { Status } from './types';

/**
 * Whether WP Mail SMTP runs (it may be too old: checking and saving work meanwhile).
 *
 * @param status The status.
 */
export function isWpMailSmtpLoaded( status: Status ): boolean {
	return (
		status.wp_mail_smtp.state === 'active' ||
		status.wp_mail_smtp.state === 'too_old'
	);
}

/**
 * How many emails can still be resent (held, queued, being sent or failed; the server counts).
 *
 * @param status The status.
 */
export function heldCount( status: Status ): number {
	const held = status.held;
	return held ? held.waiting : 0;
}

/**
 * Whether the Recover step is offered: emails wait to be resent, or the site sends through
 * MailerSend, where failed emails are held (and the holding switch matters).
 *
 * @param status The status.
 */
export function offersRecover( status: Status ): boolean {
	if ( ! status.held ) {
		return false;
	}
	return (
		heldCount( status ) > 0 ||
		( isWpMailSmtpLoaded( status ) && status.mailer.is_mailersend )
	);
}
