import apiFetch from '@wordpress/api-fetch';

import { createApi, isApiError, toApiError, type ApiError } from '../api';
import {
	brokenStatus,
	checkResult,
	constantError,
	GOOD_TOKEN,
	rejectedError,
	saveResult,
	acceptedWithWarnings,
	failedSend,
	throttledError,
	verdicts,
} from './fixtures';

jest.mock( '@wordpress/api-fetch' );

const mockedFetch = jest.mocked( apiFetch );

function answer( body: unknown ) {
	mockedFetch.mockResolvedValueOnce( body );
}

function throws( error: unknown ) {
	mockedFetch.mockRejectedValueOnce( error );
}

async function caught( promise: Promise< unknown > ): Promise< ApiError > {
	try {
		await promise;
	} catch ( error ) {
		expect( isApiError( error ) ).toBe( true );
		return error as ApiError;
	}
	throw new Error( 'Expected the request to fail.' );
}

beforeEach( () => {
	mockedFetch.mockReset();
} );

describe( 'requests', () => {
	const api = createApi( '/fix-mailersend/v1' );

	it( 'getStatus GETs /status and returns the body', async () => {
		const status = brokenStatus();
		answer( status );
		await expect( api.getStatus() ).resolves.toEqual( status );
		expect( mockedFetch ).toHaveBeenCalledWith( {
			path: '/fix-mailersend/v1/status',
		} );
	} );

	it( 'tolerates a trailing slash in restPath', async () => {
		answer( brokenStatus() );
		await createApi( '/fix-mailersend/v1/' ).getStatus();
		expect( mockedFetch ).toHaveBeenCalledWith( {
			path: '/fix-mailersend/v1/status',
		} );
	} );

	it( 'checkToken POSTs the token and the deep flag', async () => {
		answer( checkResult( 'valid' ) );
		await expect(
			api.checkToken( { token: GOOD_TOKEN, deep: true } )
		).resolves.toEqual( checkResult( 'valid' ) );
		expect( mockedFetch ).toHaveBeenCalledWith( {
			path: '/fix-mailersend/v1/token/check',
			method: 'POST',
			data: { token: GOOD_TOKEN, deep: true },
		} );
	} );

	it( 'checkToken without a token sends an empty body (re-check the saved one)', async () => {
		answer( checkResult( 'unauthenticated', 'database' ) );
		await api.checkToken();
		expect( mockedFetch ).toHaveBeenCalledWith( {
			path: '/fix-mailersend/v1/token/check',
			method: 'POST',
			data: {},
		} );
	} );

	it( 'saveToken PUTs /token', async () => {
		answer( saveResult( true ) );
		await expect(
			api.saveToken( {
				token: GOOD_TOKEN,
				switch_mailer: true,
				expires_at: '2027-05-31',
			} )
		).resolves.toEqual( saveResult( true ) );
		expect( mockedFetch ).toHaveBeenCalledWith( {
			path: '/fix-mailersend/v1/token',
			method: 'PUT',
			data: {
				token: GOOD_TOKEN,
				switch_mailer: true,
				expires_at: '2027-05-31',
			},
		} );
	} );

	it( 'sendTestEmail POSTs /test-email and returns either shape', async () => {
		answer( acceptedWithWarnings );
		await expect(
			api.sendTestEmail( { to: 'admin@example.com', html: true } )
		).resolves.toEqual( acceptedWithWarnings );
		answer( failedSend );
		await expect(
			api.sendTestEmail( { to: 'admin@example.com', html: false } )
		).resolves.toEqual( failedSend );
		expect( mockedFetch ).toHaveBeenLastCalledWith( {
			path: '/fix-mailersend/v1/test-email',
			method: 'POST',
			data: { to: 'admin@example.com', html: false },
		} );
	} );

	it( 'installs no middleware (core already adds the nonce and root URL)', async () => {
		answer( brokenStatus() );
		await api.getStatus();
		expect( apiFetch.use ).not.toHaveBeenCalled();
	} );

	it.each( [
		[ 'getStatus', () => api.getStatus(), { wp_mail_smtp: {} } ],
		[ 'getStatus', () => api.getStatus(), null ],
		[ 'checkToken', () => api.checkToken(), { verdict: 'valid' } ],
		[
			'saveToken',
			() => api.saveToken( { token: GOOD_TOKEN } ),
			{ saved: false, verdict: verdicts.valid },
		],
		[
			'sendTestEmail',
			() => api.sendTestEmail( { to: 'a@b.c' } ),
			{ accepted: true },
		],
		[
			'sendTestEmail',
			() => api.sendTestEmail( { to: 'a@b.c' } ),
			{ accepted: true, message_id: null, warnings: [] },
		],
		[
			'sendTestEmail',
			() => api.sendTestEmail( { to: 'a@b.c' } ),
			{ accepted: false },
		],
	] )(
		'%s rejects an answer of the wrong shape',
		async ( _name, call, body ) => {
			answer( body );
			const error = await caught( call() );
			expect( error.kind ).toBe( 'invalid_response' );
			expect( error.code ).toBe( 'invalid_response' );
		}
	);
} );

describe( 'error normalisation', () => {
	const api = createApi( '/fix-mailersend/v1' );

	it( 'offline', async () => {
		throws( {
			code: 'offline_error',
			message:
				'Unable to connect. Please check your Internet connection.',
		} );
		const error = await caught( api.getStatus() );
		expect( error ).toMatchObject( {
			kind: 'offline',
			code: 'offline_error',
			status: null,
		} );
	} );

	it( 'network failure', async () => {
		throws( {
			code: 'fetch_error',
			message: 'Could not get a valid response from the server.',
		} );
		expect( await caught( api.getStatus() ) ).toMatchObject( {
			kind: 'network',
			message: 'Could not get a valid response from the server.',
		} );
	} );

	it( 'a body that is not JSON (PHP fatal error page)', async () => {
		throws( {
			code: 'invalid_json',
			message: 'The response is not a valid JSON response.',
		} );
		expect( await caught( api.getStatus() ) ).toMatchObject( {
			kind: 'invalid_response',
			code: 'invalid_json',
		} );
	} );

	it( '429 throttled, with retry_after', async () => {
		throws( throttledError );
		expect( await caught( api.checkToken() ) ).toMatchObject( {
			kind: 'throttled',
			status: 429,
			retryAfter: 30,
		} );
	} );

	it.each( [
		[ '12', 12 ],
		[ 2.2, 3 ],
		[ undefined, null ],
		[ 'soon', null ],
		[ -5, null ],
	] )( 'reads retry_after %j as %j', async ( retryAfter, expected ) => {
		throws( {
			code: 'fix_mailersend_throttled',
			message: 'Slow down.',
			data: { status: 429, retry_after: retryAfter },
		} );
		expect( ( await caught( api.checkToken() ) ).retryAfter ).toBe(
			expected
		);
	} );

	it( 'any 429 counts as throttled', async () => {
		throws( {
			code: 'too_many_requests',
			message: 'Slow down.',
			data: { status: 429 },
		} );
		expect( ( await caught( api.checkToken() ) ).kind ).toBe( 'throttled' );
	} );

	it.each( [
		[ 'rest_forbidden', 401 ],
		[ 'rest_forbidden', 403 ],
		[ 'rest_cookie_invalid_nonce', 403 ],
	] )( '%s (%d) is forbidden', async ( code, status ) => {
		throws( {
			code,
			message: 'Sorry, you are not allowed to do that.',
			data: { status },
		} );
		expect( await caught( api.getStatus() ) ).toMatchObject( {
			kind: 'forbidden',
			code,
			status,
		} );
	} );

	it( '422 token rejected carries the verdict', async () => {
		throws( rejectedError( 'unauthenticated' ) );
		expect(
			await caught( api.saveToken( { token: GOOD_TOKEN } ) )
		).toMatchObject( {
			kind: 'rejected',
			status: 422,
			verdict: verdicts.unauthenticated,
		} );
	} );

	it( '409 constant carries the constant and the verdict', async () => {
		throws( constantError );
		expect(
			await caught( api.saveToken( { token: GOOD_TOKEN } ) )
		).toMatchObject( {
			kind: 'constant',
			status: 409,
			constant: 'WPMS_MAILERSEND_API_KEY',
			verdict: verdicts.valid,
		} );
	} );

	it.each( [
		[ 'fix_mailersend_mailer_constant_defined', 'WPMS_MAILER' ],
		[ 'fix_mailersend_wp_mail_smtp_unavailable', null ],
		[ 'fix_mailersend_mailer_not_mailersend', null ],
	] )(
		'409 %s is a conflict, with the server’s message',
		async ( code, constant ) => {
			const error = {
				code,
				message: 'What to change first.',
				data: { status: 409, ...( constant ? { constant } : {} ) },
			};
			throws( error );
			expect(
				await caught( api.saveToken( { token: GOOD_TOKEN } ) )
			).toMatchObject( {
				kind: 'conflict',
				code,
				status: 409,
				message: 'What to change first.',
				constant,
			} );
		}
	);

	it( '500 fix_mailersend_save_failed keeps the verdict of the check', async () => {
		throws( {
			code: 'fix_mailersend_save_failed',
			message: 'WP Mail SMTP did not keep the new token.',
			data: { status: 500, verdict: verdicts.valid },
		} );
		expect(
			await caught( api.saveToken( { token: GOOD_TOKEN } ) )
		).toMatchObject( {
			kind: 'http',
			code: 'fix_mailersend_save_failed',
			status: 500,
			verdict: verdicts.valid,
		} );
	} );

	it( 'a 422 without a verdict is a plain HTTP error', async () => {
		throws( {
			code: 'fix_mailersend_token_rejected',
			message: 'Rejected.',
			data: { status: 422 },
		} );
		expect(
			( await caught( api.saveToken( { token: GOOD_TOKEN } ) ) ).kind
		).toBe( 'http' );
	} );

	it( 'other WP_Errors keep their code, message and status', async () => {
		throws( {
			code: 'rest_invalid_param',
			message: 'Invalid parameter(s): to',
			data: { status: 400, params: { to: 'Invalid email address.' } },
		} );
		expect(
			await caught( api.sendTestEmail( { to: 'nope' } ) )
		).toMatchObject( {
			kind: 'http',
			code: 'rest_invalid_param',
			message: 'Invalid parameter(s): to',
			status: 400,
			verdict: null,
			details: [ 'Invalid email address.' ],
		} );
	} );

	it( 'a WP_Error without data has no status', async () => {
		throws( { code: 'rest_no_route', message: 'No route was found.' } );
		expect( await caught( api.getStatus() ) ).toMatchObject( {
			kind: 'http',
			status: null,
		} );
	} );

	it( 'an AbortError is a network failure', async () => {
		const abort = new Error( 'The operation was aborted.' );
		abort.name = 'AbortError';
		throws( abort );
		expect( await caught( api.getStatus() ) ).toMatchObject( {
			kind: 'network',
			code: 'aborted',
		} );
	} );

	it( 'something that is not an object gets a generic message', async () => {
		throws( 'boom' );
		const error = await caught( api.getStatus() );
		expect( error.kind ).toBe( 'network' );
		expect( error.message ).toBe( 'The request could not be completed.' );
	} );

	it( 'a JavaScript error is not mistaken for a WP_Error', async () => {
		throws( new TypeError( 'x is undefined' ) );
		expect( await caught( api.getStatus() ) ).toMatchObject( {
			kind: 'invalid_response',
			message: 'x is undefined',
		} );
	} );

	it( 'toApiError returns an ApiError unchanged', () => {
		const error = toApiError( throttledError );
		expect( toApiError( error ) ).toBe( error );
	} );
} );
