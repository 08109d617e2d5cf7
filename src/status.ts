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
