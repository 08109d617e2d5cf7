/**
 * Typed wrappers over `apiFetch` for the held emails (`fix-mailersend/v1/held…`): only the
 * Recover step's chunk loads them. Failures are ApiErrors, as in api.ts.
 */
import apiFetch from '@wordpress/api-fetch';

import {
	invalidResponse,
	isRecord,
	isVerdict,
	request,
	toApiError,
	type UnknownRecord,
} from './api';
import type {
	HeldDetail,
	HeldDiscardRequest,
	HeldDiscardResult,
	HeldItem,
	HeldNextResult,
	HeldPage,
	HeldQuery,
	HeldResendRequest,
	HeldResendResult,
	HeldSettingsResult,
} from './types';

/**
 * What api-fetch throws for a request made with `parse: false`: the failed Response itself
 * (its body holds the WP_Error), or an error of its own.
 *
 * @param error What was thrown.
 */
async function unwrapResponseError( error: unknown ): Promise< unknown > {
	if ( ! isRecord( error ) || typeof error.json !== 'function' ) {
		return error;
	}
	const status = typeof error.status === 'number' ? error.status : null;
	try {
		const body: unknown = await (
			error.json as () => Promise< unknown >
		 )();
		if ( isRecord( body ) && typeof body.code === 'string' ) {
			const data = isRecord( body.data ) ? body.data : {};
			return { ...body, data: { status, ...data } };
		}
	} catch {
		// Not JSON (a PHP error page): the status alone.
	}
	return { code: 'invalid_json', data: { status } };
}

function isHeldItem( value: unknown ): value is HeldItem {
	return (
		isRecord( value ) &&
		typeof value.id === 'number' &&
		typeof value.status === 'string' &&
		typeof value.kind === 'string' &&
		Array.isArray( value.to )
	);
}

function headerCount( response: Response, name: string, fallback: number ) {
	const value = Number( response.headers.get( name ) );
	return Number.isInteger( value ) && value >= 0 ? value : fallback;
}

/**
 * Builds the client for a REST base such as `/fix-mailersend/v1`.
 *
 * @param restPath The namespace path from the boot data.
 */
export function createHeldApi( restPath: string ) {
	const base = restPath.replace( /\/+$/, '' );

	return {
		/**
		 * A page of the held emails, with core's pagination headers (`parse: false`).
		 *
		 * @param query Page, page size, search, failed before.
		 */
		async listHeld( query: HeldQuery ): Promise< HeldPage > {
			const args = new URLSearchParams( {
				page: String( query.page ),
				per_page: String( query.per_page ),
			} );
			if ( query.search ) {
				args.set( 'search', query.search );
			}
			if ( query.before ) {
				args.set( 'before', query.before );
			}
			let response: Response;
			try {
				response = await apiFetch< Response, false >( {
					path: `${ base }/held?${ args.toString() }`,
					parse: false,
				} );
			} catch ( error ) {
				throw toApiError( await unwrapResponseError( error ) );
			}
			let body: unknown;
			try {
				body = await response.json();
			} catch {
				throw invalidResponse();
			}
			if ( ! Array.isArray( body ) || ! body.every( isHeldItem ) ) {
				throw invalidResponse();
			}
			const total = headerCount( response, 'X-WP-Total', body.length );
			return {
				items: body,
				total,
				totalPages: headerCount(
					response,
					'X-WP-TotalPages',
					total > 0 ? 1 : 0
				),
				sendable: headerCount( response, 'X-FMS-Sendable', 0 ),
			};
		},

		getHeld( id: number ): Promise< HeldDetail > {
			return request< HeldDetail >(
				{ path: `${ base }/held/${ id }` },
				( answer ) =>
					isHeldItem( answer ) &&
					isRecord( ( answer as unknown as UnknownRecord ).preview )
			);
		},

		resendHeld( body: HeldResendRequest ): Promise< HeldResendResult > {
			return request< HeldResendResult >(
				{
					path: `${ base }/held/resend`,
					method: 'POST',
					data: body,
				},
				( answer ) =>
					isRecord( answer ) && typeof answer.queued === 'number'
			);
		},

		resendNext(): Promise< HeldNextResult > {
			return request< HeldNextResult >(
				{
					path: `${ base }/held/resend/next`,
					method: 'POST',
					data: {},
				},
				( answer ) =>
					isRecord( answer ) &&
					Array.isArray( answer.sent ) &&
					Array.isArray( answer.failed ) &&
					typeof answer.left === 'number' &&
					( answer.stopped === null || isVerdict( answer.stopped ) )
			);
		},

		discardHeld( body: HeldDiscardRequest ): Promise< HeldDiscardResult > {
			return request< HeldDiscardResult >(
				{ path: `${ base }/held/discard`, method: 'POST', data: body },
				( answer ) =>
					isRecord( answer ) && typeof answer.discarded === 'number'
			);
		},

		setHolding( holding: boolean ): Promise< HeldSettingsResult > {
			return request< HeldSettingsResult >(
				{
					path: `${ base }/held/settings`,
					method: 'PUT',
					data: { holding },
				},
				( answer ) =>
					isRecord( answer ) && typeof answer.holding === 'boolean'
			);
		},
	};
}

export type HeldApi = ReturnType< typeof createHeldApi >;
