#!/usr/bin/env node
/**
 * MailerSend stand-in server. TEST CODE, never shipped.
 *
 * Answers on 127.0.0.1 as api.mailersend.com does, scripted by tokens.json
 * (see api.mjs for the answers and ../README.md for the tokens, faults and
 * control endpoints). Dependency-free: Node 20, node:* modules only.
 *
 *   node tests/stand-ins/mailersend/server.mjs --port 8981
 *   PORT=8981 node tests/stand-ins/mailersend/server.mjs
 *
 * Options: `--port N` (or env PORT; 0 = any free port), `--tokens FILE`
 * (default: tokens.json beside this file), `--slow-ms N` (delay of the "slow"
 * fault, default 15000: beyond the plugin's 10 s timeout).
 */

import http from 'node:http';
import { readFileSync, realpathSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

import {
	answerApiRequest,
	bearerToken,
	jsonAnswer,
	loadTokenTable,
	recordedAttachments,
} from './api.mjs';

const CONTROL_PREFIX = '/__standin/';

/** Bodies larger than this are cut (recorded and parsed up to here). */
const MAX_BODY_BYTES = 40 * 1024 * 1024;

/** Recorded requests kept in memory; the oldest go first. */
const MAX_RECORDED = 2000;

const HTML_500 =
	'<html>\r\n<head><title>500 Internal Server Error</title></head>\r\n<body>\r\n<center><h1>500 Internal Server Error</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/**
 * The faults, by name: used by `fault` in tokens.json and by
 * POST /__standin/fault. Each gets the exchange and either returns an answer
 * or takes care of the connection itself and returns null. Doc: 408, 421
 * (maintenance) and 5xx are "MailerSend trouble"; their bodies are ASSUMED.
 */
const FAULTS = {
	// Accept the request and never answer; the event loop stays free.
	hang: () => null,
	// Answer normally for this token, only later.
	slow: ( exchange ) => {
		exchange.later( () => exchange.answerNormally() );
		return null;
	},
	// Drop the connection with a TCP reset, no response at all.
	reset: ( exchange ) => {
		exchange.reset();
		return null;
	},
	'500_html': () => ( {
		status: 500,
		headers: { 'content-type': 'text/html' },
		body: HTML_500,
	} ),
	503: () => jsonAnswer( 503, { message: 'Service Unavailable' } ),
	408: () => jsonAnswer( 408, { message: 'Request Timeout' } ),
	421: () =>
		jsonAnswer( 421, {
			message:
				'MailerSend is down for maintenance. Please try again later.',
		} ),
	// 200 whose JSON stops half-way (an api-quota body cut short).
	malformed_json: () => ( {
		status: 200,
		headers: { 'content-type': 'application/json' },
		body: '{"quota":1000,"remaining":75',
	} ),
};

/**
 * A control-endpoint answer: plain JSON (no PHP-style escaping).
 *
 * @param {number} status HTTP status.
 * @param {*}      data   Body to encode.
 * @return {Object} Answer.
 */
function controlAnswer( status, data ) {
	return {
		status,
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify( data ),
	};
}

/**
 * Read the command line and environment.
 *
 * @return {Object} `{ port, tokensFile, slowMs }`.
 */
function readOptions() {
	const { values } = parseArgs( {
		options: {
			port: { type: 'string' },
			tokens: { type: 'string' },
			'slow-ms': { type: 'string' },
		},
	} );
	return {
		port: Number( values.port ?? process.env.PORT ?? 0 ),
		tokensFile:
			values.tokens ??
			fileURLToPath( new URL( './tokens.json', import.meta.url ) ),
		slowMs: Number( values[ 'slow-ms' ] ?? 15000 ),
	};
}

/**
 * Collect a request body (up to MAX_BODY_BYTES).
 *
 * @param {http.IncomingMessage} req Request.
 * @return {Promise<string>} Body as text.
 */
async function readBody( req ) {
	const chunks = [];
	let size = 0;
	for await ( const chunk of req ) {
		size += chunk.length;
		if ( size <= MAX_BODY_BYTES ) {
			chunks.push( chunk );
		}
	}
	return Buffer.concat( chunks ).toString( 'utf8' );
}

/**
 * A body as tests want to see it: parsed JSON, else the raw text, else null.
 *
 * @param {string} raw Body text.
 * @return {*} Parsed body.
 */
function parseBody( raw ) {
	if ( '' === raw ) {
		return null;
	}
	try {
		return JSON.parse( raw );
	} catch {
		return raw;
	}
}

/**
 * Write an answer `{ status, headers, body }`, unless the client has gone.
 *
 * @param {http.ServerResponse} res    Response.
 * @param {Object}              answer Answer.
 */
function send( res, answer ) {
	if ( res.writableEnded || res.destroyed ) {
		return;
	}
	const body = Buffer.from( answer.body, 'utf8' );
	res.writeHead( answer.status, {
		...answer.headers,
		'content-length': body.length,
	} );
	res.end( body );
}

/**
 * Build the stand-in: an HTTP server plus its test-visible state.
 *
 * @param {Object} options        Options.
 * @param {Object} options.table  Token table (loadTokenTable()).
 * @param {number} options.slowMs Delay of the "slow" fault.
 * @return {http.Server} Server (call `shutdown()` on it to stop everything).
 */
export function createStandIn( { table, slowMs } ) {
	for ( const entry of Object.values( table.entries ) ) {
		if ( entry.fault && ! Object.hasOwn( FAULTS, entry.fault ) ) {
			throw new Error(
				`tokens.json: ${ entry.name } has unknown fault "${ entry.fault }"`
			);
		}
	}
	const state = {
		requests: [],
		// Injected by POST /__standin/fault: { name, left, delayMs } (left null = until
		// cleared; delayMs null = the server's --slow-ms).
		fault: null,
		timers: new Set(),
		sockets: new Set(),
	};

	/**
	 * Take the injected fault for one MailerSend request, counting it down.
	 *
	 * @return {{name: string, delayMs: number}|null} Fault name and the delay of `slow`.
	 */
	function takeInjectedFault() {
		if ( ! state.fault ) {
			return null;
		}
		const { name, delayMs } = state.fault;
		if ( null !== state.fault.left && 0 === --state.fault.left ) {
			state.fault = null;
		}
		return { name, delayMs: delayMs ?? slowMs };
	}

	/**
	 * Record a MailerSend request for GET /__standin/requests.
	 *
	 * @param {Object} request Request description.
	 * @param {Object} entry   Matching token entry, if any.
	 */
	function record( request, entry ) {
		const recorded = {
			...request,
			token_name: entry?.name ?? null,
			at: new Date().toISOString(),
		};
		state.requests.push( recorded );
		if ( state.requests.length > MAX_RECORDED ) {
			state.requests.shift();
		}
		return recorded;
	}

	/**
	 * Answer a MailerSend request: injected fault, else the token's fault,
	 * else the API's answer.
	 *
	 * @param {Object}              request Request description.
	 * @param {http.ServerResponse} res     Response.
	 */
	function serveApi( request, res ) {
		const entry = table.byToken.get(
			bearerToken( request.headers.authorization )
		);
		const recorded = record( request, entry );

		const answerNormally = () => {
			const answer = answerApiRequest( request, table );
			// The status the API answered (not a fault's), for GET /__standin/attachments.
			recorded.status = answer.status;
			send( res, answer );
		};
		// A "refused" token should never get here (the router sends it to a
		// closed port); the nearest thing to no connection is a reset.
		const injected = takeInjectedFault();
		const faultName =
			injected?.name ??
			( 'refused' === entry?.transport ? 'reset' : entry?.fault );
		if ( ! faultName ) {
			answerNormally();
			return;
		}
		const delayMs = injected?.delayMs ?? slowMs;
		const answer = FAULTS[ faultName ]( {
			answerNormally,
			later: ( callback ) => {
				const timer = setTimeout( () => {
					state.timers.delete( timer );
					callback();
				}, delayMs );
				state.timers.add( timer );
			},
			reset: () => res.socket?.resetAndDestroy(),
		} );
		if ( answer ) {
			send( res, answer );
		}
	}

	/**
	 * The test-only control endpoints under /__standin/ (never recorded).
	 *
	 * @param {Object} request Request description.
	 * @return {Object} Answer.
	 */
	function control( request ) {
		const action = `${ request.method } ${ request.path.slice(
			CONTROL_PREFIX.length
		) }`;
		switch ( action ) {
			case 'GET health':
				return controlAnswer( 200, { status: 'ok' } );
			case 'GET requests':
				return controlAnswer( 200, state.requests );
			case 'GET attachments':
				return controlAnswer(
					200,
					recordedAttachments( state.requests )
				);
			case 'DELETE requests':
				state.requests = [];
				return controlAnswer( 200, { cleared: true } );
			case 'GET fault':
				return controlAnswer( 200, describeFault() );
			case 'POST fault':
				return setFault( request.body );
			default:
				return controlAnswer( 404, {
					message: 'Unknown control endpoint.',
				} );
		}
	}

	/**
	 * @return {Object} The injected fault as the control API shows it.
	 */
	function describeFault() {
		return state.fault
			? {
					fault: state.fault.name,
					times: state.fault.left,
					delay_ms: state.fault.delayMs,
				}
			: { fault: null, times: null, delay_ms: null };
	}

	/**
	 * POST /__standin/fault `{ "fault": name|null, "times": n|null, "delay_ms": n|null }`
	 * (`delay_ms`: how late the `slow` fault answers; null = the server's --slow-ms).
	 *
	 * @param {*} body Parsed body.
	 * @return {Object} Answer.
	 */
	function setFault( body ) {
		const name = body?.fault ?? null;
		const times = body?.times ?? null;
		if ( null !== name && ! Object.hasOwn( FAULTS, name ) ) {
			return controlAnswer( 400, {
				message: `Unknown fault "${ name }".`,
				faults: Object.keys( FAULTS ),
			} );
		}
		if ( null !== times && ! ( Number.isInteger( times ) && times > 0 ) ) {
			return controlAnswer( 400, {
				message: '"times" must be a positive integer or null.',
			} );
		}
		const delayMs = body?.delay_ms ?? null;
		if (
			null !== delayMs &&
			! ( Number.isInteger( delayMs ) && delayMs >= 0 )
		) {
			return controlAnswer( 400, {
				message: '"delay_ms" must be a non-negative integer or null.',
			} );
		}
		state.fault = null === name ? null : { name, left: times, delayMs };
		return controlAnswer( 200, describeFault() );
	}

	/**
	 * Route one incoming request to the control endpoints or the API.
	 *
	 * @param {http.IncomingMessage} req Request.
	 * @param {http.ServerResponse}  res Response.
	 */
	async function handle( req, res ) {
		const url = new URL( req.url, 'http://127.0.0.1' );
		const request = {
			method: req.method,
			path: url.pathname,
			query: Object.fromEntries( url.searchParams ),
			headers: { ...req.headers },
			body: parseBody( await readBody( req ) ),
		};
		if ( request.path.startsWith( CONTROL_PREFIX ) ) {
			send( res, control( request ) );
			return;
		}
		serveApi( request, res );
	}

	const server = http.createServer( ( req, res ) => {
		// A client that hangs up while sending its body just ends the exchange.
		handle( req, res ).catch( () => res.destroy() );
	} );

	server.on( 'connection', ( socket ) => {
		state.sockets.add( socket );
		socket.on( 'close', () => state.sockets.delete( socket ) );
	} );
	// A client that hangs up mid-request must not take the server down.
	server.on( 'clientError', ( error, socket ) => socket.destroy() );

	server.shutdown = ( callback ) => {
		state.timers.forEach( clearTimeout );
		server.close( callback );
		state.sockets.forEach( ( socket ) => socket.destroy() );
	};
	return server;
}

/**
 * Start from the command line; stop cleanly on SIGTERM / SIGINT.
 */
function main() {
	const options = readOptions();
	const table = loadTokenTable(
		JSON.parse( readFileSync( options.tokensFile, 'utf8' ) )
	);
	const server = createStandIn( { table, slowMs: options.slowMs } );
	server.listen( options.port, '127.0.0.1', () => {
		const { port } = server.address();
		process.stdout.write(
			`mailersend stand-in listening on http://127.0.0.1:${ port }\n`
		);
	} );
	const stop = () => server.shutdown( () => process.exit( 0 ) );
	process.on( 'SIGTERM', stop );
	process.on( 'SIGINT', stop );
}

if (
	process.argv[ 1 ] &&
	realpathSync( process.argv[ 1 ] ) === fileURLToPath( import.meta.url )
) {
	main();
}
