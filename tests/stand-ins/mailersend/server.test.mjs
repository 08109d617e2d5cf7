/**
 * Self-test of the MailerSend stand-in. TEST CODE, never shipped.
 *
 * Starts server.mjs as a child process on a free port (as bin/ does) and
 * checks the answers the plugin's tests rely on.
 *
 *   node --test tests/stand-ins/mailersend/
 */

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { after, before, beforeEach, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const SERVER = fileURLToPath( new URL( './server.mjs', import.meta.url ) );
const TOKENS = JSON.parse(
	readFileSync( new URL( './tokens.json', import.meta.url ), 'utf8' )
).tokens;

const FROM = 'wordpress@example.com';
const PROBE = {
	from: { email: FROM },
	to: [],
	subject: 'Probe',
	text: 'Probe',
};
const MAIL = {
	from: { email: FROM, name: 'WordPress' },
	to: [ { email: 'admin@example.com' }, { email: 'other@example.org' } ],
	subject: 'Test',
	html: '<p>Test</p>',
};

let child;
let base;

/**
 * Call the stand-in.
 *
 * @param {string} path            Path and query.
 * @param {Object} options         Options.
 * @param {string} options.token   Name of a tokens.json entry.
 * @param {string} options.method  HTTP method.
 * @param {*}      options.body    JSON body.
 * @param {number} options.timeout Abort after this many ms.
 * @return {Promise<Object>} `{ status, headers, text, json }`.
 */
async function call(
	path,
	{ token, method = 'GET', body, timeout = 5000 } = {}
) {
	const headers = { accept: 'application/json' };
	if ( token ) {
		headers.authorization = `Bearer ${ TOKENS[ token ].token }`;
	}
	if ( undefined !== body ) {
		headers[ 'content-type' ] = 'application/json';
	}
	const response = await fetch( base + path, {
		method,
		headers,
		body: undefined === body ? undefined : JSON.stringify( body ),
		signal: AbortSignal.timeout( timeout ),
	} );
	const text = await response.text();
	let json = null;
	try {
		json = JSON.parse( text );
	} catch {}
	return { status: response.status, headers: response.headers, text, json };
}

/**
 * Inject a fault through the control API.
 *
 * @param {string|null} fault Fault name.
 * @param {number|null} times How many requests.
 * @return {Promise<Object>} Control answer.
 */
function injectFault( fault, times = null ) {
	return call( '/__standin/fault', {
		method: 'POST',
		body: { fault, times },
	} );
}

/**
 * Wait until the stand-in has recorded `count` MailerSend requests.
 *
 * @param {number} count Number of requests.
 */
async function waitForRecorded( count ) {
	for ( let i = 0; i < 100; i++ ) {
		const { json } = await call( '/__standin/requests' );
		if ( json.length >= count ) {
			return;
		}
		await new Promise( ( resolve ) => setTimeout( resolve, 10 ) );
	}
	assert.fail( `never saw ${ count } recorded requests` );
}

before( async () => {
	child = spawn(
		process.execPath,
		[ SERVER, '--port', '0', '--slow-ms', '300' ],
		{ stdio: [ 'ignore', 'pipe', 'inherit' ] }
	);
	const [ line ] = await once( child.stdout, 'data' );
	const match =
		/^mailersend stand-in listening on (http:\/\/127\.0\.0\.1:\d+)\n$/.exec(
			line.toString()
		);
	assert.ok( match, `unexpected first line: ${ line }` );
	base = match[ 1 ];
} );

after( async () => {
	child.kill( 'SIGTERM' );
	const [ code ] = await once( child, 'exit' );
	assert.equal( code, 0, 'exits cleanly on SIGTERM' );
} );

beforeEach( async () => {
	await injectFault( null );
	await call( '/__standin/requests', { method: 'DELETE' } );
} );

describe( 'tokens.json', () => {
	test( 'every token is well-formed, unique and obviously fake', () => {
		const seen = new Set();
		for ( const [ name, entry ] of Object.entries( TOKENS ) ) {
			assert.match( entry.token, /^mlsn\.[A-Za-z0-9]{30,}$/, name );
			assert.match( entry.token, /FAKEstandin/, name );
			assert.ok( ! seen.has( entry.token ), `${ name } is unique` );
			assert.ok( entry.description, `${ name } has a description` );
			seen.add( entry.token );
		}
	} );

	test( 'every token masks differently (first 7 + "…" + last 4), so the screen tells them apart', () => {
		const masks = new Map();
		for ( const [ name, entry ] of Object.entries( TOKENS ) ) {
			const mask = `${ entry.token.slice( 0, 7 ) }…${ entry.token.slice( -4 ) }`;
			assert.ok(
				! masks.has( mask ),
				`${ name } masks to ${ mask }, as ${ masks.get( mask ) } does`
			);
			masks.set( mask, name );
		}
	} );
} );

describe( 'authentication', () => {
	test( 'missing, unknown and expired tokens answer 401 Unauthenticated.', async () => {
		const unknown = await fetch( `${ base }/v1/api-quota`, {
			headers: { authorization: `Bearer mlsn.${ 'Z'.repeat( 64 ) }` },
		} );
		assert.equal( unknown.status, 401 );
		for ( const response of [
			await call( '/v1/api-quota' ),
			await call( '/v1/email', {
				token: 'expired',
				method: 'POST',
				body: MAIL,
			} ),
		] ) {
			assert.equal( response.status, 401 );
			assert.deepEqual( response.json, { message: 'Unauthenticated.' } );
			assert.equal(
				response.headers.get( 'content-type' ),
				'application/json'
			);
		}
	} );

	test( 'an unknown route is a 404 before any token check', async () => {
		const response = await call( '/v1/nothing-here' );
		assert.equal( response.status, 404 );
		assert.deepEqual( response.json, {
			message: 'The route v1/nothing-here could not be found.',
		} );
	} );
} );

describe( 'GET /v1/api-quota', () => {
	test( 'answers 200 with quota, remaining and the next UTC midnight', async () => {
		const response = await call( '/v1/api-quota', { token: 'valid_full' } );
		assert.equal( response.status, 200 );
		assert.equal( response.json.quota, 1000 );
		assert.equal( response.json.remaining, 752 );
		assert.match( response.json.reset, /^\d{4}-\d\d-\d\dT00:00:00Z$/ );
		assert.ok( new Date( response.json.reset ) > new Date() );
		assert.equal( response.headers.get( 'x-apiquota-remaining' ), '752' );
		assert.equal(
			response.headers.get( 'x-apiquota-reset' ),
			response.json.reset
		);
	} );

	test( 'an exhausted quota still answers 200, with remaining 0', async () => {
		const response = await call( '/v1/api-quota', {
			token: 'quota_exhausted',
		} );
		assert.equal( response.status, 200 );
		assert.equal( response.json.remaining, 0 );
	} );

	test( 'accounts that are blocked answer 403 with their #MS code', async () => {
		const expected = {
			api_access_off: '#MS40302',
			account_not_authorised: '#MS40303',
			account_suspended: '#MS40304',
			ip_not_allowlisted: '#MS40305',
		};
		for ( const [ token, code ] of Object.entries( expected ) ) {
			const response = await call( '/v1/api-quota', { token } );
			assert.equal( response.status, 403, token );
			assert.ok( response.json.message.endsWith( code ), token );
		}
		const noCode = await call( '/v1/api-quota', {
			token: 'forbidden_no_code',
		} );
		assert.deepEqual( noCode.json, {
			message: 'This action is unauthorized.',
		} );
	} );

	test( 'rate_limited answers 429 #MS42903 with retry-after and x-ratelimit-*', async () => {
		const response = await call( '/v1/api-quota', {
			token: 'rate_limited',
		} );
		assert.equal( response.status, 429 );
		assert.equal(
			response.json.message,
			'Your account reached its rate limit of 60 requests/min. #MS42903'
		);
		assert.equal( response.headers.get( 'retry-after' ), '42' );
		assert.equal( response.headers.get( 'x-ratelimit-limit' ), '60' );
		assert.equal( response.headers.get( 'x-ratelimit-remaining' ), '0' );
		const reset = Number( response.headers.get( 'x-ratelimit-reset' ) );
		assert.ok( Math.abs( reset - ( Date.now() / 1000 + 42 ) ) < 5 );
	} );
} );

describe( 'GET /v1/domains', () => {
	test( 'lists the verified domains with pagination meta', async () => {
		const response = await call(
			'/v1/domains?verified=true&limit=100&page=1',
			{
				token: 'valid_full',
			}
		);
		assert.equal( response.status, 200 );
		assert.equal( response.json.data.length, 1 );
		const [ domain ] = response.json.data;
		assert.equal( domain.name, 'example.com' );
		assert.equal( domain.is_verified, true );
		assert.equal( domain.domain_settings.send_paused, false );
		assert.match( domain.id, /^[a-z0-9]{16}$/ );
		assert.equal( response.json.meta.last_page, 1 );
		assert.equal( response.json.meta.per_page, 100 );
		assert.equal( response.json.links.next, null );
		assert.ok( response.text.includes( 'https:\\/\\/api.mailersend.com' ) );
	} );

	test( 'paginates: example.com is on page 2 of valid_many_domains', async () => {
		const first = await call(
			'/v1/domains?verified=true&limit=100&page=1',
			{
				token: 'valid_many_domains',
			}
		);
		assert.equal( first.json.meta.last_page, 2 );
		assert.equal( first.json.meta.total, 121 );
		assert.equal( first.json.data.length, 100 );
		const second = await call(
			'/v1/domains?verified=true&limit=100&page=2',
			{
				token: 'valid_many_domains',
			}
		);
		assert.equal( second.json.meta.current_page, 2 );
		assert.equal( second.json.data.at( -1 ).name, 'example.com' );
	} );

	test( 'shows send_paused for a paused domain', async () => {
		const response = await call(
			'/v1/domains?verified=true&limit=100&page=1',
			{
				token: 'valid_paused_domain',
			}
		);
		assert.equal(
			response.json.data[ 0 ].domain_settings.send_paused,
			true
		);
	} );

	test( 'a token without domains_read gets 403 #MS40301', async () => {
		const response = await call(
			'/v1/domains?verified=true&limit=100&page=1',
			{
				token: 'valid_sending_only',
			}
		);
		assert.equal( response.status, 403 );
		assert.deepEqual( response.json, {
			message: 'This action is unauthorized. #MS40301',
		} );
	} );
} );

describe( 'GET /v1/identities and /v1/token', () => {
	test( 'answer a full-access token and refuse a narrow one', async () => {
		const identities = await call( '/v1/identities', {
			token: 'valid_all_scopes',
		} );
		assert.equal( identities.status, 200 );
		assert.equal(
			identities.json.data[ 0 ].email,
			'wordpress@example.com'
		);
		const tokens = await call( '/v1/token', { token: 'valid_all_scopes' } );
		assert.equal( tokens.status, 200 );
		assert.ok( tokens.json.data.some( ( t ) => 'valid_full' === t.name ) );
		assert.ok( JSON.stringify( tokens.json ).indexOf( 'mlsn.' ) === -1 );
		for ( const path of [ '/v1/identities', '/v1/token' ] ) {
			const refused = await call( path, { token: 'valid_full' } );
			assert.equal( refused.status, 403, path );
			assert.match( refused.json.message, /#MS40301$/ );
		}
	} );
} );

describe( 'POST /v1/email', () => {
	test( 'the to: [] probe answers 422 with only the to error for an own domain', async () => {
		const response = await call( '/v1/email', {
			token: 'valid_full',
			method: 'POST',
			body: PROBE,
		} );
		assert.equal( response.status, 422 );
		assert.deepEqual( Object.keys( response.json.errors ), [ 'to' ] );
		assert.equal(
			response.json.message,
			'The to field is required. #MS42209'
		);
	} );

	test( 'the probe reports to and from.email together for another account', async () => {
		const response = await call( '/v1/email', {
			token: 'other_account',
			method: 'POST',
			body: PROBE,
		} );
		assert.equal( response.status, 422 );
		assert.deepEqual( response.json.errors, {
			'from.email': [
				'The from.email domain must be verified in your account to send emails. #MS42207',
			],
			to: [ 'The to field is required. #MS42209' ],
		} );
		assert.equal(
			response.json.message,
			'The from.email domain must be verified in your account to send emails. #MS42207 (and 1 more error)'
		);
	} );

	test( 'missing subject and content are reported too', async () => {
		const response = await call( '/v1/email', {
			token: 'valid_full',
			method: 'POST',
			body: { from: { email: FROM }, to: [] },
		} );
		assert.match( response.json.message, /\(and 2 more errors\)$/ );
		assert.match( response.json.errors.text[ 0 ], /#MS42211$/ );
	} );

	test( 'without email_full: 403 #MS40301', async () => {
		const response = await call( '/v1/email', {
			token: 'valid_no_email_scope',
			method: 'POST',
			body: PROBE,
		} );
		assert.equal( response.status, 403 );
		assert.deepEqual( response.json, {
			message: 'This action is unauthorized. #MS40301',
		} );
	} );

	test( 'a route scripted by `answers` answers so, the others as usual', async () => {
		const quota = await call( '/v1/api-quota', {
			token: 'valid_email_forbidden_no_code',
		} );
		assert.equal( quota.status, 200 );
		assert.equal( quota.json.quota, 200 );
		for ( const body of [ PROBE, MAIL ] ) {
			const response = await call( '/v1/email', {
				token: 'valid_email_forbidden_no_code',
				method: 'POST',
				body,
			} );
			assert.equal( response.status, 403 );
			assert.deepEqual( response.json, {
				message: 'This action is unauthorized.',
			} );
		}
		const domains = await call( '/v1/domains?verified=true&limit=100', {
			token: 'valid_email_forbidden_no_code',
		} );
		assert.equal( domains.status, 200 );
	} );

	test( 'a route scripted by `answers` may carry the rate-limit headers', async () => {
		const quota = await call( '/v1/api-quota', {
			token: 'valid_rate_limited_on_send',
		} );
		assert.equal( quota.status, 200 );
		const response = await call( '/v1/email', {
			token: 'valid_rate_limited_on_send',
			method: 'POST',
			body: PROBE,
		} );
		assert.equal( response.status, 429 );
		assert.deepEqual( response.json, {
			message:
				'Your account reached its rate limit of 60 requests/min. #MS42903',
		} );
		assert.equal( response.headers.get( 'retry-after' ), '42' );
		assert.equal( response.headers.get( 'x-ratelimit-limit' ), '60' );
		assert.equal( response.headers.get( 'x-ratelimit-remaining' ), '0' );
	} );

	test( 'a valid send answers 202 with an empty body and x-message-id', async () => {
		const response = await call( '/v1/email', {
			token: 'valid_full',
			method: 'POST',
			body: { ...MAIL, from: { email: 'news@mail.example.com' } },
		} );
		assert.equal( response.status, 202 );
		assert.equal( response.text, '' );
		assert.match(
			response.headers.get( 'x-message-id' ),
			/^[0-9a-f]{24}$/
		);
		assert.equal( response.headers.get( 'x-send-paused' ), null );
	} );

	test( 'a paused domain answers 202 with x-send-paused: true', async () => {
		const response = await call( '/v1/email', {
			token: 'valid_paused_domain',
			method: 'POST',
			body: MAIL,
		} );
		assert.equal( response.status, 202 );
		assert.equal( response.headers.get( 'x-send-paused' ), 'true' );
	} );

	test( 'suppressed recipients answer 202 with warnings', async () => {
		const some = await call( '/v1/email', {
			token: 'suppressed_some',
			method: 'POST',
			body: MAIL,
		} );
		assert.equal( some.status, 202 );
		assert.equal(
			some.json.message,
			'There are some warnings for your request.'
		);
		assert.equal( some.json.warnings[ 0 ].type, 'SOME_SUPPRESSED' );
		assert.deepEqual( some.json.warnings[ 0 ].recipients, [
			{
				email: 'admin@example.com',
				name: null,
				reasons: [ 'hard_bounced' ],
			},
		] );
		const all = await call( '/v1/email', {
			token: 'suppressed_all',
			method: 'POST',
			body: MAIL,
		} );
		assert.equal( all.json.warnings[ 0 ].type, 'ALL_SUPPRESSED' );
		assert.equal( all.json.warnings[ 0 ].recipients.length, 2 );
	} );

	test( 'trial limits and the custom quota answer 422 with their codes on a valid send', async () => {
		const expected = {
			trial_unique_recipients: '#MS42225',
			trial_domain_quota: '#MS42222',
			custom_quota_reached: '#MS42204',
		};
		for ( const [ token, code ] of Object.entries( expected ) ) {
			const response = await call( '/v1/email', {
				token,
				method: 'POST',
				body: MAIL,
			} );
			assert.equal( response.status, 422, token );
			assert.ok( response.json.message.endsWith( code ), token );
		}
	} );

	test( 'a plan without custom headers answers 422 #MS42216 only to a send with headers', async () => {
		const token = 'plan_without_custom_headers';
		const plain = await call( '/v1/email', {
			token,
			method: 'POST',
			body: MAIL,
		} );
		assert.equal( plain.status, 202 );
		const withHeaders = await call( '/v1/email', {
			token,
			method: 'POST',
			body: { ...MAIL, headers: [ { name: 'X-Mailer', value: 'Test' } ] },
		} );
		assert.equal( withHeaders.status, 422 );
		assert.match( withHeaders.json.errors.headers[ 0 ], /#MS42216$/ );
	} );

	test( 'an exhausted daily quota answers 429 #MS42901 with x-ratelimit-reset', async () => {
		const response = await call( '/v1/email', {
			token: 'quota_exhausted',
			method: 'POST',
			body: MAIL,
		} );
		assert.equal( response.status, 429 );
		assert.match( response.json.message, /#MS42901$/ );
		assert.ok(
			Number( response.headers.get( 'x-ratelimit-reset' ) ) >
				Date.now() / 1000
		);
	} );
} );

describe( 'POST /v1/email with attachments', () => {
	const PDF = Buffer.from( '%PDF-1.4 held invoice \u0000\u00ff', 'latin1' );
	const attachment = ( over = {} ) => ( {
		content: PDF.toString( 'base64' ),
		filename: 'invoice.pdf',
		disposition: 'attachment',
		...over,
	} );

	test( 'accepts attachments and shows them, decoded, at /__standin/attachments', async () => {
		const response = await call( '/v1/email', {
			token: 'valid_full',
			method: 'POST',
			body: {
				...MAIL,
				attachments: [
					attachment( { type: 'application/pdf' } ),
					attachment( {
						filename: 'logo.png',
						disposition: 'inline',
						id: 'logo',
						content: Buffer.from( 'png' ).toString( 'base64' ),
					} ),
				],
			},
		} );
		assert.equal( response.status, 202 );

		const { json: files } = await call( '/__standin/attachments' );
		assert.equal( files.length, 2 );
		assert.equal( files[ 0 ].status, 202 );
		assert.equal( files[ 0 ].token_name, 'valid_full' );
		assert.deepEqual( files[ 0 ].to, [
			'admin@example.com',
			'other@example.org',
		] );
		assert.equal( files[ 0 ].subject, 'Test' );
		assert.equal( files[ 0 ].filename, 'invoice.pdf' );
		assert.equal( files[ 0 ].disposition, 'attachment' );
		assert.equal( files[ 0 ].type, 'application/pdf' );
		assert.equal( files[ 0 ].bytes, PDF.length );
		assert.ok(
			Buffer.from( files[ 0 ].content, 'base64' ).equals( PDF ),
			'the content as sent'
		);
		assert.equal( files[ 1 ].id, 'logo' );
		assert.equal( files[ 1 ].disposition, 'inline' );
		assert.equal( files[ 1 ].request, files[ 0 ].request );
	} );

	test( 'a refused send keeps its attachments with its status', async () => {
		const response = await call( '/v1/email', {
			token: 'expired',
			method: 'POST',
			body: { ...MAIL, attachments: [ attachment() ] },
		} );
		assert.equal( response.status, 401 );
		const { json: files } = await call( '/__standin/attachments' );
		assert.equal( files.length, 1 );
		assert.equal( files[ 0 ].status, 401 );
	} );

	test( 'each attachment needs content, filename and disposition', async () => {
		const response = await call( '/v1/email', {
			token: 'valid_full',
			method: 'POST',
			body: {
				...MAIL,
				attachments: [
					{ content: '' },
					attachment( { disposition: 'sideways' } ),
				],
			},
		} );
		assert.equal( response.status, 422 );
		assert.deepEqual( Object.keys( response.json.errors ), [
			'attachments.0.content',
			'attachments.0.filename',
			'attachments.0.disposition',
			'attachments.1.disposition',
		] );
		assert.equal(
			response.json.errors[ 'attachments.0.filename' ][ 0 ],
			'The attachments.0.filename field is required. #MS42209'
		);
	} );

	test( 'content must be base64, an inline one needs an id', async () => {
		const response = await call( '/v1/email', {
			token: 'valid_full',
			method: 'POST',
			body: {
				...MAIL,
				attachments: [
					attachment( { content: 'not base64!' } ),
					attachment( { disposition: 'inline' } ),
				],
			},
		} );
		assert.equal( response.status, 422 );
		assert.deepEqual( Object.keys( response.json.errors ), [
			'attachments.0.content',
			'attachments.1.id',
		] );
	} );

	test( 'more than 25 MB of attachments is refused', async () => {
		const big = Buffer.alloc( 13 * 1024 * 1024, 7 ).toString( 'base64' );
		const response = await call( '/v1/email', {
			token: 'valid_full',
			method: 'POST',
			body: {
				...MAIL,
				attachments: [
					attachment( { content: big } ),
					attachment( { content: big, filename: 'b.pdf' } ),
				],
			},
			timeout: 20000,
		} );
		assert.equal( response.status, 422 );
		assert.deepEqual( Object.keys( response.json.errors ), [
			'attachments',
		] );
	} );
} );

describe( 'faults by token', () => {
	test( 'fault_500_html answers 500 text/html', async () => {
		const response = await call( '/v1/api-quota', {
			token: 'fault_500_html',
		} );
		assert.equal( response.status, 500 );
		assert.equal( response.headers.get( 'content-type' ), 'text/html' );
		assert.match( response.text, /^<html>/ );
	} );

	test( 'fault_503, fault_408 and fault_421 answer their status in JSON', async () => {
		for ( const status of [ 503, 408, 421 ] ) {
			const response = await call( '/v1/api-quota', {
				token: `fault_${ status }`,
			} );
			assert.equal( response.status, status );
			assert.equal( typeof response.json.message, 'string' );
		}
	} );

	test( 'fault_malformed_json answers 200 with JSON that does not parse', async () => {
		const response = await call( '/v1/api-quota', {
			token: 'fault_malformed_json',
		} );
		assert.equal( response.status, 200 );
		assert.equal(
			response.headers.get( 'content-type' ),
			'application/json'
		);
		assert.equal( response.json, null );
	} );

	test( 'fault_reset and fault_refused drop the connection', async () => {
		for ( const token of [ 'fault_reset', 'fault_refused' ] ) {
			await assert.rejects(
				call( '/v1/api-quota', { token } ),
				TypeError,
				token
			);
		}
	} );

	test( 'fault_slow answers as valid_full, late', async () => {
		const started = Date.now();
		const response = await call( '/v1/api-quota', { token: 'fault_slow' } );
		assert.ok( Date.now() - started >= 250 );
		assert.equal( response.status, 200 );
		assert.equal( response.json.remaining, 752 );
	} );

	test( 'fault_hang never answers, and does not block a parallel request', async () => {
		const hanging = call( '/v1/api-quota', {
			token: 'fault_hang',
			timeout: 1500,
		} );
		await waitForRecorded( 1 );
		const parallel = await call( '/v1/api-quota', { token: 'valid_full' } );
		assert.equal( parallel.status, 200 );
		await assert.rejects( hanging, { name: 'TimeoutError' } );
	} );
} );

describe( 'control endpoints', () => {
	test( 'health answers 200', async () => {
		const response = await call( '/__standin/health' );
		assert.equal( response.status, 200 );
	} );

	test( 'requests are recorded in order, control requests are not', async () => {
		await call( '/v1/api-quota', { token: 'valid_full' } );
		await call( '/v1/email', {
			token: 'valid_full',
			method: 'POST',
			body: PROBE,
		} );
		const { json: recorded } = await call( '/__standin/requests' );
		assert.equal( recorded.length, 2 );
		assert.equal( recorded[ 0 ].method, 'GET' );
		assert.equal( recorded[ 0 ].path, '/v1/api-quota' );
		assert.equal(
			recorded[ 0 ].headers.authorization,
			`Bearer ${ TOKENS.valid_full.token }`
		);
		assert.equal( recorded[ 0 ].token_name, 'valid_full' );
		assert.equal( recorded[ 0 ].body, null );
		assert.deepEqual( recorded[ 1 ].body, PROBE );
		assert.ok( ! Number.isNaN( Date.parse( recorded[ 1 ].at ) ) );

		await call( '/__standin/requests', { method: 'DELETE' } );
		const { json: cleared } = await call( '/__standin/requests' );
		assert.deepEqual( cleared, [] );
	} );

	test( 'records the query of a domains call', async () => {
		await call( '/v1/domains?verified=true&limit=100&page=2', {
			token: 'valid_full',
		} );
		const { json: recorded } = await call( '/__standin/requests' );
		assert.deepEqual( recorded[ 0 ].query, {
			verified: 'true',
			limit: '100',
			page: '2',
		} );
	} );

	test( 'an injected fault applies to the next n requests whatever the token', async () => {
		const set = await injectFault( '503', 2 );
		assert.deepEqual( set.json, {
			fault: '503',
			times: 2,
			delay_ms: null,
		} );
		assert.equal(
			( await call( '/v1/api-quota', { token: 'valid_full' } ) ).status,
			503
		);
		assert.equal(
			( await call( '/v1/api-quota', { token: 'expired' } ) ).status,
			503
		);
		assert.equal(
			( await call( '/v1/api-quota', { token: 'valid_full' } ) ).status,
			200
		);
		const { json: recorded } = await call( '/__standin/requests' );
		assert.equal( recorded.length, 3, 'faulted requests are recorded too' );
	} );

	test( 'an injected fault without times lasts until cleared', async () => {
		await injectFault( '500_html' );
		for ( let i = 0; i < 3; i++ ) {
			assert.equal(
				( await call( '/v1/api-quota', { token: 'valid_full' } ) )
					.status,
				500
			);
		}
		await injectFault( null );
		assert.equal(
			( await call( '/v1/api-quota', { token: 'valid_full' } ) ).status,
			200
		);
	} );

	test( 'injected hang, reset, slow and malformed_json', async () => {
		await injectFault( 'hang', 1 );
		const hanging = call( '/v1/api-quota', {
			token: 'valid_full',
			timeout: 1000,
		} );
		await waitForRecorded( 1 );
		await injectFault( 'reset', 1 );
		await assert.rejects(
			call( '/v1/api-quota', { token: 'valid_full' } ),
			TypeError
		);
		await assert.rejects( hanging, { name: 'TimeoutError' } );

		await injectFault( 'malformed_json', 1 );
		const malformed = await call( '/v1/api-quota', {
			token: 'valid_full',
		} );
		assert.equal( malformed.status, 200 );
		assert.equal( malformed.json, null );

		await injectFault( 'slow', 1 );
		const started = Date.now();
		const slow = await call( '/v1/api-quota', { token: 'expired' } );
		assert.ok( Date.now() - started >= 250 );
		assert.equal( slow.status, 401, 'answers as the token would, late' );
	} );

	test( 'an injected slow fault answers after its own delay_ms', async () => {
		const set = await call( '/__standin/fault', {
			method: 'POST',
			body: { fault: 'slow', times: 2, delay_ms: 600 },
		} );
		assert.deepEqual( set.json, {
			fault: 'slow',
			times: 2,
			delay_ms: 600,
		} );
		for ( const token of [ 'valid_full', 'expired' ] ) {
			const started = Date.now();
			const response = await call( '/v1/api-quota', { token } );
			assert.ok(
				Date.now() - started >= 600,
				'later than delay_ms, not the server-wide --slow-ms (300)'
			);
			assert.equal( response.status, 'expired' === token ? 401 : 200 );
		}
		const { json: cleared } = await call( '/__standin/fault' );
		assert.deepEqual( cleared, {
			fault: null,
			times: null,
			delay_ms: null,
		} );
	} );

	test( 'rejects a delay_ms that is not a non-negative integer', async () => {
		const response = await call( '/__standin/fault', {
			method: 'POST',
			body: { fault: 'slow', delay_ms: -5 },
		} );
		assert.equal( response.status, 400 );
	} );

	test( 'rejects an unknown fault', async () => {
		const response = await injectFault( 'meteor' );
		assert.equal( response.status, 400 );
	} );
} );
