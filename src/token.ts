/**
 * Pure token helpers. They run the same rule as the PHP side (Diagnosis/Token_Inspector.php
 * and Support/Mask.php) so the screen can judge a paste locally, with no request per
 * keystroke, and never disagree with the server about the format: one table,
 * tests/fixtures/token-inspection.json, drives the tests of both. The server always
 * has the last word on whether MailerSend accepts a token.
 */

/** A current MailerSend API token (Token_Inspector::TOKEN_PATTERN). */
export const TOKEN_PATTERN = /^mlsn\.[A-Za-z0-9]{30,}$/;

/** Fewer alphanumerics than this after `mlsn.` means "probably truncated". */
export const MIN_BODY_LENGTH = 30;

/** Longer than this (in UTF-8 bytes, as PHP's strlen()) is a paste gone wrong. */
export const MAX_LENGTH = 512;

export const DEFINE_CONSTANT = 'WPMS_MAILERSEND_API_KEY';

/** What the local check can tell; `ok` = the format of a current token. */
export type LocalVerdictId =
	| 'missing'
	| 'smtp_password_pasted'
	| 'truncated'
	| 'malformed'
	| 'legacy_token'
	| 'ok';

/** The evidence `reason` Token_Inspector::inspect() gives with its verdict. */
export type LocalReason =
	'ellipsis' | 'too_short' | 'too_long' | 'characters' | 'prefix';

/**
 * Token_Inspector::INVISIBLE: whitespace (incl. no-break and other Unicode spaces),
 * NEL, line and paragraph separators, zero-width characters and the byte-order mark.
 * JavaScript's \s covers the Unicode spaces PCRE's \s covers with /u (UCP).
 */
const INVISIBLE =
	'[\\s\\u0085\\u00A0\\u1680\\u180E\\u2000-\\u200D\\u2028\\u2029\\u202F\\u205F\\u2060\\u3000\\uFEFF]';

/** Token_Inspector::QUOTES: straight, typographic, low-9, guillemets, backtick. */
const QUOTES =
	'[\'"`\\u2018\\u2019\\u201A\\u201B\\u201C\\u201D\\u201E\\u201F\\u00AB\\u00BB\\u2039\\u203A]';

const EDGE_INVISIBLE = new RegExp( `^${ INVISIBLE }+|${ INVISIBLE }+$`, 'gu' );
const EDGE_QUOTES = new RegExp( `^${ QUOTES }+|${ QUOTES }+$`, 'gu' );
const BEARER_PREFIX = new RegExp(
	`^(?:Authorization${ INVISIBLE }*:${ INVISIBLE }*)?Bearer(?:${ INVISIBLE }+|${ INVISIBLE }*:${ INVISIBLE }*|$)`,
	'iu'
);
const AUTHORIZATION_PREFIX = new RegExp(
	`^Authorization${ INVISIBLE }*:${ INVISIBLE }*`,
	'iu'
);
const ANY_INVISIBLE = new RegExp( `${ INVISIBLE }+`, 'gu' );

/**
 * A whole `define( 'WPMS_MAILERSEND_API_KEY', '…' );` line pasted from wp-config.php.
 * PHP's \s without /u is ASCII whitespace only.
 */
const DEFINE_LINE =
	/define[ \t\n\v\f\r]*\([ \t\n\v\f\r]*['"]WPMS_MAILERSEND_API_KEY['"][ \t\n\v\f\r]*,[ \t\n\v\f\r]*['"]([^'"]*)['"]/i;

/** How many cleaning rounds normalise() runs at most, as in PHP. */
const ROUNDS = 5;

/**
 * Removes what a copy adds to a token, exactly as Support\Token::normalise() (PHP):
 * unwraps a pasted `define( 'WPMS_MAILERSEND_API_KEY', '…' );` line; then, up to five
 * times, strips surrounding whitespace (incl. Unicode spaces, zero-width characters, the
 * BOM), surrounding quotes and backticks, a leading `Bearer ` / `Authorization: Bearer `
 * and a leading `Authorization:`; finally removes whitespace and invisible characters
 * inside (a token wrapped over lines).
 *
 * An ellipsis is kept: it is evidence of a truncated copy, flagged by inspectToken().
 *
 * @param raw What the user pasted or typed.
 * @return The token as it should be sent to MailerSend.
 */
export function normaliseToken( raw: string ): string {
	let text = raw;

	const define = DEFINE_LINE.exec( text );
	if ( define ) {
		text = define[ 1 ] ?? '';
	}

	let previous: string | null = null;
	for ( let round = 0; round < ROUNDS && previous !== text; round++ ) {
		previous = text;
		text = text
			.replace( EDGE_INVISIBLE, '' )
			.replace( EDGE_QUOTES, '' )
			.replace( BEARER_PREFIX, '' )
			.replace( AUTHORIZATION_PREFIX, '' );
	}

	return text.replace( ANY_INVISIBLE, '' );
}

/**
 * Whether the paste was a wp-config.php define() line (normaliseToken() unwraps it).
 *
 * @param raw What the user pasted.
 */
export function isDefineLine( raw: string ): boolean {
	return DEFINE_LINE.test( raw );
}

/**
 * Token_Inspector::has_ellipsis(): "…", "..." or "⋯".
 *
 * @param text Any text.
 */
function hasEllipsis( text: string ): boolean {
	return (
		text.includes( '\u2026' ) ||
		text.includes( '...' ) ||
		text.includes( '\u22EF' )
	);
}

/**
 * The length PHP's strlen() gives: UTF-8 bytes.
 *
 * @param text Any text.
 */
export function utf8Length( text: string ): number {
	let bytes = 0;
	for ( const char of text ) {
		const code = char.codePointAt( 0 ) ?? 0;
		if ( code < 0x80 ) {
			bytes += 1;
		} else if ( code < 0x800 ) {
			bytes += 2;
		} else if ( code < 0x10000 ) {
			bytes += 3;
		} else {
			bytes += 4;
		}
	}
	return bytes;
}

export interface LocalVerdict {
	id: LocalVerdictId;
	/** As the server's evidence `reason`, for the verdicts that have one. */
	reason: LocalReason | null;
}

/**
 * Judges the format of a token without asking MailerSend, in the order of
 * Token_Inspector::inspect():
 *
 * - `missing`: empty;
 * - `smtp_password_pasted`: starts with `mssp.` (any case);
 * - `truncated`: an ellipsis in the token or in the paste (reason `ellipsis`);
 * - `malformed`: longer than 512 bytes (reason `too_long`);
 * - `ok`: `^mlsn\.[A-Za-z0-9]{30,}$`;
 * - `truncated`: `mlsn.` and fewer letters/digits (reason `too_short`);
 * - `legacy_token`: JWT-style `eyJ…` (MailerSend must still accept it);
 * - `malformed`: anything else (reason `characters` after `mlsn.`, else `prefix`).
 *
 * @param normalised The output of normaliseToken().
 * @param raw        What the user pasted (an ellipsis there means a truncated copy).
 * @return The local verdict and its reason.
 */
export function inspectTokenDetail(
	normalised: string,
	raw = ''
): LocalVerdict {
	if ( normalised === '' ) {
		return { id: 'missing', reason: null };
	}
	if ( /^mssp\./i.test( normalised ) ) {
		return { id: 'smtp_password_pasted', reason: null };
	}
	if ( hasEllipsis( normalised ) || hasEllipsis( raw ) ) {
		return { id: 'truncated', reason: 'ellipsis' };
	}
	if ( utf8Length( normalised ) > MAX_LENGTH ) {
		return { id: 'malformed', reason: 'too_long' };
	}
	if ( TOKEN_PATTERN.test( normalised ) ) {
		return { id: 'ok', reason: null };
	}
	if ( /^mlsn\.[A-Za-z0-9]*$/.test( normalised ) ) {
		return { id: 'truncated', reason: 'too_short' };
	}
	if ( /^eyJ[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+){0,2}$/.test( normalised ) ) {
		return { id: 'legacy_token', reason: null };
	}
	return {
		id: 'malformed',
		reason: /^mlsn\./i.test( normalised ) ? 'characters' : 'prefix',
	};
}

/**
 * The local verdict id only; see inspectTokenDetail().
 *
 * @param normalised The output of normaliseToken().
 * @param raw        What the user pasted.
 */
export function inspectToken( normalised: string, raw = '' ): LocalVerdictId {
	return inspectTokenDetail( normalised, raw ).id;
}

/**
 * Whether the server accepts the token as a request parameter: one line of printable
 * ASCII without `<` or `>` (Rest_Controller::validate_token_arg()). Anything else is
 * answered with 400 rest_invalid_param, so the screen does not send it.
 *
 * @param token The normalised token.
 */
export function isSendable( token: string ): boolean {
	return (
		token !== '' && /^[\x20-\x7E]*$/.test( token ) && ! /[<>]/.test( token )
	);
}

/** Support/Mask.php: what a short secret is shown as. */
export const MASK_HIDDEN = '\u2022\u2022\u2022\u2022';

/**
 * Masks a token exactly as Support/Mask::token(): the first 7 + "…" + the last 4
 * characters. Never reveals more than half of it: below 22 characters the tail is
 * length/6 and the head length/2 − tail; below 8 characters nothing is shown ("••••").
 *
 * @param token A token (normalised).
 * @return The masked form, or '' for an empty token.
 */
export function maskToken( token: string ): string {
	if ( token === '' ) {
		return '';
	}
	const chars = Array.from( token );
	const length = chars.length;
	if ( length < 8 ) {
		return MASK_HIDDEN;
	}
	let head = 7;
	let tail = 4;
	if ( ( head + tail ) * 2 > length ) {
		tail = Math.floor( length / 6 );
		head = Math.floor( length / 2 ) - tail;
	}
	return (
		chars.slice( 0, head ).join( '' ) +
		'\u2026' +
		chars.slice( length - tail ).join( '' )
	);
}

/**
 * Escapes a value for a single-quoted PHP string literal.
 *
 * @param value Any text.
 * @return The text with `\` and `'` escaped.
 */
export function escapePhpSingleQuoted( value: string ): string {
	return value.replace( /\\/g, '\\\\' ).replace( /'/g, "\\'" );
}

/**
 * The wp-config.php line that sets the token when WP Mail SMTP reads it from a constant.
 *
 * @param token The token (normalised).
 * @return `define( 'WPMS_MAILERSEND_API_KEY', '<token>' );`
 */
export function defineLine( token: string ): string {
	return `define( '${ DEFINE_CONSTANT }', '${ escapePhpSingleQuoted(
		token
	) }' );`;
}
