/**
 * Display helpers (dates, mailer names) shared by the steps.
 */
import { __ } from '@wordpress/i18n';

/**
 * A date and time in the page's language, or the input as is when it is not a date.
 *
 * @param iso An ISO 8601 date-time.
 */
export function formatDateTime( iso: string ): string {
	const date = new Date( iso );
	if ( Number.isNaN( date.getTime() ) ) {
		return iso;
	}
	const lang = document.documentElement.lang || undefined;
	try {
		return date.toLocaleString( lang, {
			dateStyle: 'medium',
			timeStyle: 'short',
		} );
	} catch {
		return date.toLocaleString();
	}
}

/**
 * A calendar date (YYYY-MM-DD) as a local date, or null when it is not one.
 * Built from its parts: `new Date( 'YYYY-MM-DD' )` is midnight UTC, the day
 * before in the Americas.
 *
 * @param ymd `YYYY-MM-DD`.
 */
export function parseDate( ymd: string ): Date | null {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec( ymd );
	if ( ! match ) {
		return null;
	}
	const [ year, month, day ] = match.slice( 1 ).map( Number ) as [
		number,
		number,
		number,
	];
	const date = new Date( year, month - 1, day );
	return date.getFullYear() === year &&
		date.getMonth() === month - 1 &&
		date.getDate() === day
		? date
		: null;
}

/**
 * A calendar date in the page's language, or the input as is when it is not a date.
 *
 * @param ymd `YYYY-MM-DD`.
 */
export function formatDate( ymd: string ): string {
	const date = parseDate( ymd );
	if ( ! date ) {
		return ymd;
	}
	const lang = document.documentElement.lang || undefined;
	try {
		return date.toLocaleDateString( lang, { dateStyle: 'medium' } );
	} catch {
		return date.toLocaleDateString();
	}
}

/**
 * Whole days from today (local) to a calendar date: 0 today, negative when past,
 * null when it is not a date.
 *
 * @param ymd `YYYY-MM-DD`.
 * @param now Today (for tests).
 */
export function daysUntil(
	ymd: string,
	now: Date = new Date()
): number | null {
	const date = parseDate( ymd );
	if ( ! date ) {
		return null;
	}
	const today = new Date( now.getFullYear(), now.getMonth(), now.getDate() );
	// Round: a daylight-saving change makes a day 23 or 25 hours long.
	return Math.round( ( date.getTime() - today.getTime() ) / 86_400_000 );
}

/**
 * A readable name for WP Mail SMTP's mailer slug.
 *
 * @param slug `['mail']['mailer']`; null when WP Mail SMTP is not loaded.
 */
export function mailerName( slug: string | null ): string {
	if ( slug === null ) {
		return __( 'Unknown (WP Mail SMTP is not running)', 'fix-mailersend' );
	}
	switch ( slug ) {
		case 'mailersend':
			return 'MailerSend';
		case 'mail':
		case '':
			return __( 'Default (none)', 'fix-mailersend' );
		case 'smtp':
			return __( 'Other SMTP', 'fix-mailersend' );
		default:
			return slug;
	}
}

/** Expiry reminders start this many days before the date (product.md). */
export const EXPIRY_WARNING_DAYS = 7;
