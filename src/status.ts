/**
 * What a later answer (a re-check, a save) changes in the status loaded on open,
 * without another GET /status. Mirrors Rest/Headline.php for the one case the screen
 * meets: a check of the token on file that is newer than anything else.
 */
import type { SaveResult, Status, Verdict } from './types';

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
 * The headline once the token on file was checked just now (Headline::pick()):
 * a state of the site (WP Mail SMTP missing or inactive, another mailer) stays the
 * headline; otherwise the fresh check is newer than the last failure and leads,
 * except that a too old WP Mail SMTP replaces a success or info headline.
 *
 * @param status  The status before the check.
 * @param verdict The verdict of the check.
 */
function headlineAfterCheck( status: Status, verdict: Verdict ): Verdict {
	const { headline } = status;
	if (
		! isWpMailSmtpLoaded( status ) ||
		! status.mailer.is_mailersend ||
		headline.id === 'wp_mail_smtp_missing' ||
		headline.id === 'wp_mail_smtp_inactive' ||
		headline.id === 'mailer_not_mailersend'
	) {
		return headline;
	}
	if (
		status.wp_mail_smtp.state === 'too_old' &&
		( verdict.severity === 'success' || verdict.severity === 'info' )
	) {
		// Only the server has the text of this headline; keep it when it is shown.
		return headline.id === 'wp_mail_smtp_too_old' ? headline : verdict;
	}
	return verdict;
}

/**
 * The status after a check of the token on file ("Re-check saved token").
 *
 * @param status  The status before.
 * @param verdict The verdict of the check.
 * @param at      When (ISO 8601).
 */
export function withCheck(
	status: Status,
	verdict: Verdict,
	at: string = new Date().toISOString()
): Status {
	return {
		...status,
		last_check: { at, current: true, verdict },
		headline: headlineAfterCheck( status, verdict ),
	};
}

/**
 * The status after PUT /token saved a token (the save checked it first and stored
 * that check as the last one; the expiry date is replaced, or cleared).
 *
 * @param status    The status before.
 * @param result    The answer of PUT /token.
 * @param expiresAt The expiry date sent with the save, or null.
 * @param at        When (ISO 8601).
 */
export function withSave(
	status: Status,
	result: SaveResult,
	expiresAt: string | null,
	at: string = new Date().toISOString()
): Status {
	const saved: Status = {
		...status,
		token: {
			...status.token,
			source: 'database',
			masked: result.token.masked,
			// A date the database did not take is not the saved token's.
			expires_at: result.not_recorded.includes( 'expiry' )
				? null
				: expiresAt,
		},
		mailer: result.mailer_switched
			? { ...status.mailer, slug: 'mailersend', is_mailersend: true }
			: status.mailer,
		// The last failure, if any, was with the token just replaced.
		last_failure: status.last_failure && {
			...status.last_failure,
			current_token: false,
		},
	};
	if (
		result.mailer_switched &&
		saved.headline.id === 'mailer_not_mailersend'
	) {
		// The mailer that made the headline is gone: the token's verdict leads now.
		saved.headline = result.verdict;
	}
	return withCheck( saved, result.verdict, at );
}
