/**
 * Typed wrappers over `apiFetch` for `fix-mailersend/v1`.
 *
 * No nonce or root-URL middleware here: WordPress core installs both in wp-admin.
 * Every failure is normalised into one ApiError, so the screen has one thing to render.
 */
import apiFetch from '@wordpress/api-fetch';
import { __ } from '@wordpress/i18n';

import type {
	CheckRequest,
	CheckResult,
	SaveRequest,
	SaveResult,
	Status,
	TestEmailRequest,
	TestEmailResult,
	Verdict,
} from './types';

export type ApiErrorKind =
	/** The browser is offline. */
	| 'offline'
	/** The request did not complete (refused, DNS, CORS, aborted). */
	| 'network'
	/** The site answered with something that is not the JSON we expect (PHP error, HTML). */
	| 'invalid_response'
	/** 429 `fix_mailersend_throttled`; see retryAfter. */
	| 'throttled'
	/** 401/403: logged out, nonce expired, or missing capability. */
	| 'forbidden'
	/** 422 `fix_mailersend_token_rejected`; see verdict. */
	| 'rejected'
	/** 409 `fix_mailersend_constant_defined`; see constant and verdict. */
	| 'constant'
	/**
	 * Any other 409: the site is not in a state where the request can work
	 * (`fix_mailersend_mailer_constant_defined`, `fix_mailersend_wp_mail_smtp_unavailable`,
	 * `fix_mailersend_mailer_not_mailersend`). Retrying does not help; the message says why.
	 */
	| 'conflict'
	/** Any other WP_Error. */
	| 'http';

export interface ApiError {
	readonly isApiError: true;
	kind: ApiErrorKind;
	/** WP_Error code, or api-fetch's (`fetch_error`, `offline_error`, `invalid_json`). */
	code: string;
	/** A human sentence (the server's, already translated, or ours). */
	message: string;
	/** HTTP status when known. */
	status: number | null;
	/** Seconds, for `throttled`. */
	retryAfter: number | null;
	/** For `rejected` and `constant`. */
	verdict: Verdict | null;
	/** For `constant` (and `fix_mailersend_mailer_constant_defined`): the constant's name. */
	constant: string | null;
	/** Per-parameter messages of a 400 `rest_invalid_param` (`data.params`). */
	details: string[];
}

export type UnknownRecord = Record< string, unknown >;

export function isRecord( value: unknown ): value is UnknownRecord {
	return typeof value === 'object' && value !== null;
}

export function isVerdict( value: unknown ): value is Verdict {
	return (
		isRecord( value ) &&
		typeof value.id === 'string' &&
		typeof value.severity === 'string' &&
		typeof value.title === 'string' &&
		isRecord( value.policy )
	);
}

function toSeconds( value: unknown ): number | null {
	const seconds =
		typeof value === 'string' && value.trim() !== ''
			? Number( value )
			: value;
	return typeof seconds === 'number' &&
		Number.isFinite( seconds ) &&
		seconds >= 0
		? Math.ceil( seconds )
		: null;
}

export function isApiError( value: unknown ): value is ApiError {
	return isRecord( value ) && value.isApiError === true;
}

/**
 * Turns whatever apiFetch (or a wrapper) threw into an ApiError.
 *
 * @param error What was thrown.
 * @return The normalised error.
 */
export function toApiError( error: unknown ): ApiError {
	if ( isApiError( error ) ) {
		return error;
	}

	const base: ApiError = {
		isApiError: true,
		kind: 'network',
		code: 'unknown_error',
		message: __( 'The request could not be completed.', 'fix-mailersend' ),
		status: null,
		retryAfter: null,
		verdict: null,
		constant: null,
		details: [],
	};

	if ( ! isRecord( error ) ) {
		return base;
	}

	// fetch() rejected with an AbortError (apiFetch rethrows it as is).
	if ( error.name === 'AbortError' ) {
		return { ...base, code: 'aborted' };
	}

	const code = typeof error.code === 'string' ? error.code : base.code;
	const message =
		typeof error.message === 'string' && error.message !== ''
			? error.message
			: base.message;
	const data = isRecord( error.data ) ? error.data : {};
	const status = typeof data.status === 'number' ? data.status : null;
	const details = isRecord( data.params )
		? Object.values( data.params ).filter(
				( value ): value is string =>
					typeof value === 'string' && value !== ''
			)
		: [];
	const error_ = { ...base, code, message, status, details };

	if ( code === 'offline_error' ) {
		return { ...error_, kind: 'offline' };
	}
	if ( code === 'fetch_error' ) {
		return { ...error_, kind: 'network' };
	}
	if ( code === 'invalid_json' ) {
		return { ...error_, kind: 'invalid_response' };
	}
	if ( status === 429 || code === 'fix_mailersend_throttled' ) {
		return {
			...error_,
			kind: 'throttled',
			status: 429,
			retryAfter: toSeconds( data.retry_after ),
		};
	}
	if (
		status === 401 ||
		status === 403 ||
		code === 'rest_forbidden' ||
		code === 'rest_cookie_invalid_nonce'
	) {
		return { ...error_, kind: 'forbidden' };
	}
	const verdict = isVerdict( data.verdict ) ? data.verdict : null;
	if ( code === 'fix_mailersend_token_rejected' && verdict ) {
		return { ...error_, kind: 'rejected', verdict };
	}
	if ( code === 'fix_mailersend_constant_defined' ) {
		return {
			...error_,
			kind: 'constant',
			verdict,
			constant:
				typeof data.constant === 'string'
					? data.constant
					: 'WPMS_MAILERSEND_API_KEY',
		};
	}
	if ( status === 409 ) {
		return {
			...error_,
			kind: 'conflict',
			verdict,
			constant: typeof data.constant === 'string' ? data.constant : null,
		};
	}
	if ( typeof error.code !== 'string' ) {
		// Not a WP_Error: a JavaScript error from a middleware or our own guard.
		return { ...error_, kind: 'invalid_response', code: base.code };
	}
	// E.g. 500 `fix_mailersend_save_failed` (with the verdict of the check that passed).
	return { ...error_, kind: 'http', verdict };
}

export function invalidResponse(): ApiError {
	return {
		...toApiError( null ),
		kind: 'invalid_response',
		code: 'invalid_response',
		message: __(
			'The answer from your site was not what Fix MailerSend expected.',
			'fix-mailersend'
		),
	};
}

export async function request< T >(
	options: { path: string; method?: 'GET' | 'POST' | 'PUT'; data?: object },
	isExpected: ( body: unknown ) => boolean
): Promise< T > {
	let body: unknown;
	try {
		body = await apiFetch< unknown >( options );
	} catch ( error ) {
		throw toApiError( error );
	}
	if ( ! isExpected( body ) ) {
		throw invalidResponse();
	}
	return body as T;
}

/**
 * Builds the client for a REST base such as `/fix-mailersend/v1`.
 *
 * @param restPath The namespace path from the boot data.
 */
export function createApi( restPath: string ) {
	const base = restPath.replace( /\/+$/, '' );

	return {
		getStatus(): Promise< Status > {
			return request< Status >(
				{ path: `${ base }/status` },
				( body ) =>
					isRecord( body ) &&
					isRecord( body.wp_mail_smtp ) &&
					isRecord( body.token ) &&
					isVerdict( body.headline )
			);
		},

		checkToken( body: CheckRequest = {} ): Promise< CheckResult > {
			return request< CheckResult >(
				{ path: `${ base }/token/check`, method: 'POST', data: body },
				( answer ) => isRecord( answer ) && isVerdict( answer.verdict )
			);
		},

		saveToken( body: SaveRequest ): Promise< SaveResult > {
			return request< SaveResult >(
				{ path: `${ base }/token`, method: 'PUT', data: body },
				( answer ) =>
					isRecord( answer ) &&
					answer.saved === true &&
					isVerdict( answer.verdict )
			);
		},

		sendTestEmail( body: TestEmailRequest ): Promise< TestEmailResult > {
			return request< TestEmailResult >(
				{ path: `${ base }/test-email`, method: 'POST', data: body },
				( answer ) =>
					isRecord( answer ) &&
					( answer.accepted === true
						? Array.isArray( answer.warnings ) &&
							typeof answer.via_mailersend === 'boolean'
						: answer.accepted === false &&
							isVerdict( answer.verdict ) )
			);
		},
	};
}

export type Api = ReturnType< typeof createApi >;
