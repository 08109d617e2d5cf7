/**
 * Test helpers: a route table for the mocked apiFetch, and rendering inside the
 * app's context. Each test file calls `jest.mock( '@wordpress/api-fetch' )` itself.
 */
import apiFetch from '@wordpress/api-fetch';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';

import { createApi } from '../api';
import { AppContext } from '../context';
import type { BootData } from '../types';
import { boot as defaultBoot } from './fixtures';

export type Method = 'GET' | 'POST' | 'PUT';
export type RouteKey = `${ Method } /fix-mailersend/v1/${ string }`;
/** Returns the body, or throws/rejects with a WP_Error-shaped object. */
export type Handler = ( data: unknown ) => unknown;

interface FetchOptions {
	path?: string;
	method?: string;
	data?: unknown;
}

/**
 * Answers apiFetch from a route table; each route may hold a queue of handlers
 * (one per call, the last one repeats).
 *
 * @param routes Handlers by "METHOD path".
 */
export function mockRoutes(
	routes: Partial< Record< RouteKey, Handler | Handler[] > >
) {
	const mock = jest.mocked( apiFetch );
	const calls = new Map< string, number >();
	mock.mockImplementation( ( async ( options: FetchOptions ) => {
		const key = `${ options.method ?? 'GET' } ${ options.path ?? '' }`;
		const route = routes[ key as RouteKey ];
		if ( ! route ) {
			throw new Error( `Unexpected request: ${ key }` );
		}
		const count = calls.get( key ) ?? 0;
		calls.set( key, count + 1 );
		const handler = Array.isArray( route )
			? route[ Math.min( count, route.length - 1 ) ]
			: route;
		if ( ! handler ) {
			throw new Error( `No handler for ${ key }` );
		}
		return handler( options.data );
	} ) as unknown as typeof apiFetch );
	return mock;
}

/** Every request made so far, as "METHOD path" with its body. */
export function requests(): Array< { key: string; data: unknown } > {
	return jest.mocked( apiFetch ).mock.calls.map( ( [ options ] ) => {
		const { method, path, data } = options as FetchOptions;
		return { key: `${ method ?? 'GET' } ${ path ?? '' }`, data };
	} );
}

export function reply< T >( body: T ): Handler {
	return () => Promise.resolve( body );
}

/**
 * A collection answer read with api-fetch's `parse: false`: the body and core's pagination
 * headers (X-WP-Total, X-WP-TotalPages).
 *
 * @param body       The items.
 * @param total      X-WP-Total.
 * @param totalPages X-WP-TotalPages.
 * @param sendable   X-FMS-Sendable (absent when undefined).
 */
export function replyPage< T >(
	body: T[],
	total: number = body.length,
	totalPages: number = total > 0 ? 1 : 0,
	sendable?: number
): Handler {
	const headers: Record< string, string > = {
		'x-wp-total': String( total ),
		'x-wp-totalpages': String( totalPages ),
		...( sendable === undefined
			? {}
			: { 'x-fms-sendable': String( sendable ) } ),
	};
	return () =>
		Promise.resolve( {
			ok: true,
			status: 200,
			headers: {
				get: ( name: string ) => headers[ name.toLowerCase() ] ?? null,
			},
			json: () => Promise.resolve( JSON.parse( JSON.stringify( body ) ) ),
		} );
}

export function fail( error: unknown ): Handler {
	return () => Promise.reject( error );
}

export interface Deferred< T > {
	promise: Promise< T >;
	resolve: ( value: T ) => void;
	reject: ( error: unknown ) => void;
}

export function deferred< T >(): Deferred< T > {
	let resolve!: ( value: T ) => void;
	let reject!: ( error: unknown ) => void;
	const promise = new Promise< T >( ( res, rej ) => {
		resolve = res;
		reject = rej;
	} );
	return { promise, resolve, reject };
}

export function renderInApp(
	ui: ReactElement,
	boot: BootData = defaultBoot
): RenderResult {
	return render(
		<AppContext.Provider
			value={ { api: createApi( boot.restPath ), boot } }
		>
			{ ui }
		</AppContext.Provider>
	);
}

/** speak() from @wordpress/a11y, mocked in jest.setup.js. */
export function spoken(): jest.Mock< void, [ string, string? ] > {
	return (
		jest.requireMock( '@wordpress/a11y' ) as {
			speak: jest.Mock< void, [ string, string? ] >;
		}
	 ).speak;
}

/** Everything announced so far, one string per call. */
export function announcements(): string[] {
	return spoken().mock.calls.map( ( [ message ] ) => message );
}
