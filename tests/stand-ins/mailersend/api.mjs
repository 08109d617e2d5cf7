/**
 * MailerSend stand-in: the API answers. TEST CODE, never shipped.
 *
 * Pure functions: a request description and the token table in, an answer
 * `{ status, headers, body }` out (body is the exact string to send). Every
 * behaviour follows /work/shared/docs/mailersend-api.md ("the doc" below) and
 * the recorded traffic in MailerSend's Python SDK (cassettes); where neither
 * says, the choice is marked ASSUMED.
 */

import { createHash, randomBytes } from 'node:crypto';

/** Host MailerSend's own links point at (pagination `links`, `meta.path`). */
const PUBLIC_BASE = 'https://api.mailersend.com';

const MESSAGES = {
	unauthenticated: 'Unauthenticated.',
	unauthorized: 'This action is unauthorized. #MS40301',
	domainUnverified:
		'The from.email domain must be verified in your account to send emails. #MS42207',
	dailyQuota: ( limit ) =>
		`Your account reached its daily request quota of ${ limit } requests. #MS42901`,
	warnings: 'There are some warnings for your request.',
	suppressed: {
		SOME_SUPPRESSED:
			'Some of the recipients have not received this email because they are either blocklisted, unsubscribed or hard bounced.',
		ALL_SUPPRESSED:
			'None of the recipients were sent this email because they are either blocklisted, unsubscribed or hard bounced.',
	},
};

/** The most recipients MailerSend takes in `to` (doc: #MS42205 too many recipients). */
const MAX_RECIPIENTS = 50;

/**
 * The largest email MailerSend takes, attachments included (its API reference: "max 25MB"
 * for the attachments' content). ASSUMED: counted on the decoded attachments.
 */
export const MAX_EMAIL_BYTES = 25 * 1024 * 1024;

/** Values MailerSend takes for `attachments.*.disposition`. */
const DISPOSITIONS = [ 'inline', 'attachment' ];

/**
 * The routes the stand-in serves. `scopes`: any one of them grants access
 * (null = any valid token, doc: "/api-quota answers any valid token").
 * `counted`: whether the call counts against the daily quota (doc: api-quota
 * "does not count against the daily quota").
 */
const ROUTES = {
	'/v1/api-quota': {
		method: 'GET',
		scopes: null,
		counted: false,
		handler: apiQuota,
	},
	'/v1/domains': {
		method: 'GET',
		scopes: [ 'domains_read', 'domains_full' ],
		counted: true,
		handler: domainList,
	},
	'/v1/identities': {
		method: 'GET',
		scopes: [ 'sender_identity_read', 'sender_identity_full' ],
		counted: true,
		handler: identityList,
	},
	'/v1/token': {
		method: 'GET',
		scopes: [ 'tokens_full' ],
		counted: true,
		handler: tokenList,
	},
	'/v1/email': {
		method: 'POST',
		scopes: [ 'email_full' ],
		counted: true,
		handler: sendEmail,
	},
};

/**
 * Answer one MailerSend API request, in the order Laravel (MailerSend's
 * framework) runs it: route, authentication, account state, rate limits,
 * token scope, then the endpoint's own validation.
 *
 * @param {Object} request         Request description.
 * @param {string} request.method  HTTP method.
 * @param {string} request.path    URL path, e.g. "/v1/email".
 * @param {Object} request.query   Query parameters (name => string).
 * @param {Object} request.headers Lower-case request headers.
 * @param {*}      request.body    Parsed JSON body, raw string or null.
 * @param {Object} table           Token table from loadTokenTable().
 * @param {Date}   now             Current time.
 * @return {Object} The answer: `{ status, headers, body }`.
 */
export function answerApiRequest( request, table, now = new Date() ) {
	const route = ROUTES[ request.path ];
	if ( ! route ) {
		return routeNotFound( request.path );
	}
	const method = 'HEAD' === request.method ? 'GET' : request.method;
	if ( method !== route.method ) {
		return methodNotAllowed( request, route );
	}

	const entry = table.byToken.get(
		bearerToken( request.headers.authorization )
	);
	if ( ! entry ) {
		// Doc: "a missing and a wrong token answer identically".
		return unauthenticated();
	}

	const answer =
		scriptedAlways( entry, now ) ??
		scriptedAnswer( entry, request.path, now ) ??
		dailyQuotaExceeded( entry, route, now ) ??
		missingScope( entry, route ) ??
		route.handler( { request, entry, table, now } );

	return withQuotaHeaders( answer, entry, now );
}

/**
 * Read `tokens.json` contents into lookup maps.
 *
 * @param {Object} data Parsed tokens.json.
 * @return {Object} `{ entries: name => entry, byToken: Map token => entry }`.
 */
export function loadTokenTable( data ) {
	const entries = {};
	const byToken = new Map();
	for ( const [ name, fields ] of Object.entries( data.tokens ) ) {
		const entry = { name, ...fields };
		entries[ name ] = entry;
		byToken.set( entry.token, entry );
	}
	return { entries, byToken };
}

/**
 * The token Laravel's Request::bearerToken() extracts: whatever follows the
 * last "Bearer " (case-sensitive), cut at a comma.
 *
 * @param {string|undefined} header Authorization header value.
 * @return {string|null} The token, or null when there is none.
 */
export function bearerToken( header ) {
	const position = ( header ?? '' ).lastIndexOf( 'Bearer ' );
	if ( -1 === position ) {
		return null;
	}
	const token = header.slice( position + 7 ).split( ',' )[ 0 ];
	return '' === token ? null : token;
}

/**
 * A JSON answer, encoded as PHP's json_encode() does (slashes escaped).
 *
 * @param {number} status  HTTP status.
 * @param {Object} data    Body to encode.
 * @param {Object} headers Extra headers.
 * @return {Object} The answer.
 */
export function jsonAnswer( status, data, headers = {} ) {
	return {
		status,
		headers: {
			'content-type': 'application/json',
			'cache-control': 'no-cache, private',
			...headers,
		},
		body: JSON.stringify( data ).replace( /\//g, '\\/' ),
	};
}

/**
 * The next 00:00 UTC, when MailerSend resets daily quotas (doc: Limits).
 *
 * @param {Date} now Current time.
 * @return {Date} Next UTC midnight.
 */
export function nextUtcMidnight( now ) {
	return new Date(
		Date.UTC(
			now.getUTCFullYear(),
			now.getUTCMonth(),
			now.getUTCDate() + 1
		)
	);
}

/**
 * ISO 8601 without milliseconds, as MailerSend writes it: "2023-04-15T00:00:00Z".
 *
 * @param {Date} date Date.
 * @return {string} Formatted date.
 */
function isoSeconds( date ) {
	return date.toISOString().replace( /\.\d{3}Z$/, 'Z' );
}

// ---------------------------------------------------------------------------
// Answers shared by every route.
// ---------------------------------------------------------------------------

/**
 * Laravel's unknown-route answer, pretty-printed exactly as recorded in the
 * Python SDK's cassette (`identities_list_basic.yaml`); no auth is checked.
 *
 * @param {string} path Request path.
 * @return {Object} The answer.
 */
function routeNotFound( path ) {
	const route = path.replace( /^\/+/, '' );
	const answer = jsonAnswer( 404, {} );
	answer.body = `{\n    "message": "The route ${ route } could not be found."\n}`;
	return answer;
}

/**
 * Laravel's 405 for a known path with the wrong method. ASSUMED (Laravel's
 * default wording; not seen from MailerSend).
 *
 * @param {Object} request Request description.
 * @param {Object} route   Route definition.
 * @return {Object} The answer.
 */
function methodNotAllowed( request, route ) {
	const allowed = 'GET' === route.method ? 'GET, HEAD' : route.method;
	return jsonAnswer(
		405,
		{
			message: `The ${ request.method } method is not supported for route ${ request.path.slice(
				1
			) }. Supported methods: ${ allowed }.`,
		},
		{ allow: allowed }
	);
}

/**
 * Doc: 401 `{"message":"Unauthenticated."}`.
 *
 * @return {Object} The answer.
 */
function unauthenticated() {
	return jsonAnswer( 401, { message: MESSAGES.unauthenticated } );
}

/**
 * A token scripted to answer the same everywhere (`always` in tokens.json):
 * expired (401), account blocked (403 #MS40302..5), 403 without a code,
 * per-minute rate limit (429 #MS42903).
 *
 * @param {Object} entry Token entry.
 * @param {Date}   now   Current time.
 * @return {Object|null} The answer, or null when not scripted.
 */
function scriptedAlways( entry, now ) {
	if ( ! entry.always ) {
		return null;
	}
	const { status, message, rate_limit: rateLimit } = entry.always;
	return jsonAnswer(
		status,
		{ message },
		rateLimit ? rateLimitHeaders( rateLimit, now ) : {}
	);
}

/**
 * A token scripted to answer one route in its own way (`answers` in
 * tokens.json, keyed by path): e.g. a 403 without any #MS code on
 * POST /v1/email while GET /v1/api-quota answers as usual, or a 429 with the
 * rate-limit headers (`rate_limit`, as in `always`).
 *
 * @param {Object} entry Token entry.
 * @param {string} path  Request path, e.g. "/v1/email".
 * @param {Date}   now   Current time.
 * @return {Object|null} The answer, or null when not scripted.
 */
function scriptedAnswer( entry, path, now ) {
	const scripted = entry.answers?.[ path ];
	if ( ! scripted ) {
		return null;
	}
	return jsonAnswer(
		scripted.status,
		{ message: scripted.message },
		scripted.rate_limit ? rateLimitHeaders( scripted.rate_limit, now ) : {}
	);
}

/**
 * Doc: 429 headers `x-ratelimit-limit`, `x-ratelimit-remaining`,
 * `x-ratelimit-reset`, `retry-after`. ASSUMED: `x-ratelimit-reset` is a Unix
 * time in seconds, as Laravel's throttle middleware sends it.
 *
 * @param {Object}        rateLimit             Scripted limit.
 * @param {number}        rateLimit.limit       Requests allowed per window.
 * @param {number|string} rateLimit.retry_after Seconds, or "midnight" (next 00:00 UTC).
 * @param {Date}          now                   Current time.
 * @return {Object} Headers.
 */
function rateLimitHeaders( rateLimit, now ) {
	const retryAfter =
		'midnight' === rateLimit.retry_after
			? Math.ceil( ( nextUtcMidnight( now ) - now ) / 1000 )
			: rateLimit.retry_after;
	return {
		'x-ratelimit-limit': String( rateLimit.limit ),
		'x-ratelimit-remaining': '0',
		'x-ratelimit-reset': String(
			Math.floor( now.getTime() / 1000 ) + retryAfter
		),
		'retry-after': String( retryAfter ),
	};
}

/**
 * Doc: requests per day count API calls (failed 422s too, not /api-quota);
 * once none are left, 429 #MS42901 until 00:00 UTC. `remaining: -1` (seen in
 * recorded traffic) means unlimited.
 *
 * @param {Object} entry Token entry.
 * @param {Object} route Route definition.
 * @param {Date}   now   Current time.
 * @return {Object|null} The answer, or null when quota is left.
 */
function dailyQuotaExceeded( entry, route, now ) {
	if ( ! route.counted || 0 !== entry.quota?.remaining ) {
		return null;
	}
	return jsonAnswer(
		429,
		{ message: MESSAGES.dailyQuota( entry.quota.quota ) },
		rateLimitHeaders(
			{ limit: entry.quota.quota, retry_after: 'midnight' },
			now
		)
	);
}

/**
 * Doc: 403 #MS40301 = "this token lacks that scope", never "invalid token".
 *
 * @param {Object} entry Token entry.
 * @param {Object} route Route definition.
 * @return {Object|null} The answer, or null when the token has the scope.
 */
function missingScope( entry, route ) {
	if (
		null === route.scopes ||
		route.scopes.some( ( scope ) => entry.scopes?.includes( scope ) )
	) {
		return null;
	}
	return jsonAnswer( 403, { message: MESSAGES.unauthorized } );
}

/**
 * Doc: "every response may carry `x-apiquota-remaining` (can be -1) and
 * `x-apiquota-reset`"; recorded traffic shows them on 200, 202 and 422, in
 * the body's ISO format. Only for tokens with a quota, i.e. real accounts.
 *
 * @param {Object} answer The answer.
 * @param {Object} entry  Token entry.
 * @param {Date}   now    Current time.
 * @return {Object} The answer with quota headers.
 */
function withQuotaHeaders( answer, entry, now ) {
	if ( ! entry.quota ) {
		return answer;
	}
	answer.headers[ 'x-apiquota-remaining' ] = String( entry.quota.remaining );
	answer.headers[ 'x-apiquota-reset' ] = isoSeconds( nextUtcMidnight( now ) );
	return answer;
}

/**
 * Laravel's 422: `message` is the first error, plus "(and N more error[s])"
 * when there are more (Laravel's own pluralisation: "1 more error").
 *
 * @param {Object} errors Field => list of messages, in rule order.
 * @return {Object} The answer.
 */
function validationFailed( errors ) {
	const all = Object.values( errors ).flat();
	const more = all.length - 1;
	let message = all[ 0 ];
	if ( more > 0 ) {
		message += ` (and ${ more } more ${ 1 === more ? 'error' : 'errors' })`;
	}
	return jsonAnswer( 422, { message, errors } );
}

// ---------------------------------------------------------------------------
// GET /v1/api-quota
// ---------------------------------------------------------------------------

/**
 * Doc: 200 `{"quota":1000,"remaining":752,"reset":"2023-04-15T00:00:00Z"}`.
 *
 * @param {Object} context       Request context.
 * @param {Object} context.entry Token entry.
 * @param {Date}   context.now   Current time.
 * @return {Object} The answer.
 */
function apiQuota( { entry, now } ) {
	const quota = entry.quota ?? { quota: 1000, remaining: 1000 };
	return jsonAnswer( 200, {
		quota: quota.quota,
		remaining: quota.remaining,
		reset: isoSeconds( nextUtcMidnight( now ) ),
	} );
}

// ---------------------------------------------------------------------------
// Paginated lists: GET /v1/domains, /v1/identities, /v1/token
// ---------------------------------------------------------------------------

/**
 * Read `page` and `limit` as MailerSend's list endpoints do (official docs:
 * limit 10..100, default 25). ASSUMED: an out-of-range limit answers Laravel's
 * plain 422 wording without an #MS code.
 *
 * @param {Object} query Query parameters.
 * @return {Object} `{ page, limit }` or `{ error: answer }`.
 */
function pagination( query ) {
	const limit = undefined === query.limit ? 25 : Number( query.limit );
	if ( ! Number.isInteger( limit ) || limit < 10 || limit > 100 ) {
		const text = 'The limit must be between 10 and 100.';
		return { error: validationFailed( { limit: [ text ] } ) };
	}
	const page = Math.max( 1, Number.parseInt( query.page ?? '1', 10 ) || 1 );
	return { page, limit };
}

/**
 * Laravel's paginated resource collection, shaped as in the recorded
 * `domains_list_verified.yaml`: `{ data, links, meta }`.
 *
 * @param {Array}  items Every item.
 * @param {string} path  Endpoint path, e.g. "/v1/domains".
 * @param {Object} query Query parameters.
 * @return {Object} The answer.
 */
function paginatedAnswer( items, path, query ) {
	const { page, limit, error } = pagination( query );
	if ( error ) {
		return error;
	}
	const lastPage = Math.max( 1, Math.ceil( items.length / limit ) );
	const start = ( page - 1 ) * limit;
	const data = items.slice( start, start + limit );
	const pageUrl = ( n ) => `${ PUBLIC_BASE }${ path }?page=${ n }`;
	return jsonAnswer( 200, {
		data,
		links: {
			first: pageUrl( 1 ),
			last: pageUrl( lastPage ),
			prev: page > 1 ? pageUrl( page - 1 ) : null,
			next: page < lastPage ? pageUrl( page + 1 ) : null,
		},
		meta: {
			current_page: page,
			from: data.length ? start + 1 : null,
			last_page: lastPage,
			links: paginatorLinks( page, lastPage, pageUrl ),
			path: `${ PUBLIC_BASE }${ path }`,
			per_page: limit,
			to: data.length ? start + data.length : null,
			total: items.length,
		},
	} );
}

/**
 * Laravel's `meta.links`: previous, one entry per page, next.
 *
 * @param {number}   page     Current page.
 * @param {number}   lastPage Last page.
 * @param {Function} pageUrl  Page number => URL.
 * @return {Array} Links.
 */
function paginatorLinks( page, lastPage, pageUrl ) {
	const pages = Array.from( { length: lastPage }, ( _, i ) => ( {
		url: pageUrl( i + 1 ),
		label: String( i + 1 ),
		page: i + 1,
		active: i + 1 === page,
	} ) );
	const edge = ( label, target, exists ) => ( {
		url: exists ? pageUrl( target ) : null,
		label,
		page: exists ? target : null,
		active: false,
	} );
	return [
		edge( '&laquo; Previous', page - 1, page > 1 ),
		...pages,
		edge( 'Next &raquo;', page + 1, page < lastPage ),
	];
}

/**
 * A stable 16-character id, shaped like MailerSend's ("dnvo4dmmq0x45r86").
 *
 * @param {...string} parts What the id identifies.
 * @return {string} Id.
 */
function stableId( ...parts ) {
	return createHash( 'sha1' )
		.update( parts.join( '|' ) )
		.digest( 'hex' )
		.slice( 0, 16 );
}

/**
 * The account's domains: `filler_domains` generated ones first (to push the
 * listed ones onto a later page), then the listed ones.
 *
 * @param {Object} entry Token entry.
 * @return {Array} Domain definitions `{ name, is_verified, send_paused }`.
 */
function accountDomains( entry ) {
	const fillers = Array.from(
		{ length: entry.filler_domains ?? 0 },
		( _, i ) => ( {
			name: `filler-${ String( i + 1 ).padStart( 3, '0' ) }.test`,
			is_verified: true,
			send_paused: false,
		} )
	);
	return [ ...fillers, ...( entry.domains ?? [] ) ];
}

/**
 * One domain as GET /v1/domains lists it (fields from the recorded cassette).
 *
 * @param {Object} domain  Domain definition.
 * @param {string} account Account label.
 * @return {Object} Domain resource.
 */
function domainResource( domain, account ) {
	const verified = Boolean( domain.is_verified );
	return {
		id: stableId( account, domain.name ),
		name: domain.name,
		dkim: verified,
		spf: verified,
		tracking: false,
		is_verified: verified,
		is_cname_verified: false,
		is_dns_active: verified,
		is_cname_active: false,
		is_tracking_allowed: false,
		has_not_queued_messages: false,
		not_queued_messages_count: 0,
		domain_settings: {
			send_paused: Boolean( domain.send_paused ),
			track_clicks: true,
			track_opens: true,
			track_unsubscribe: false,
			track_content: false,
			custom_tracking_enabled: false,
			custom_tracking_subdomain: 'email',
			return_path_subdomain: 'mta',
			inbound_routing_enabled: false,
			inbound_routing_subdomain: 'inbound',
			precedence_bulk: false,
			ignore_duplicated_recipients: false,
		},
		created_at: '2026-01-05T08:44:00.000000Z',
		updated_at: '2026-01-05T08:44:00.000000Z',
		totals: [],
	};
}

/**
 * GET /v1/domains?verified=true&limit=100&page=N (doc: needs domains_read).
 *
 * @param {Object} context         Request context.
 * @param {Object} context.request Request description.
 * @param {Object} context.entry   Token entry.
 * @return {Object} The answer.
 */
function domainList( { request, entry } ) {
	const { verified } = request.query;
	const wanted =
		undefined === verified ? null : [ 'true', '1' ].includes( verified );
	const domains = accountDomains( entry )
		.filter(
			( domain ) =>
				null === wanted || wanted === Boolean( domain.is_verified )
		)
		.map( ( domain ) => domainResource( domain, entry.account ) );
	return paginatedAnswer( domains, request.path, request.query );
}

/**
 * GET /v1/identities (doc: `{email,is_verified,domain{}}`), from the token's
 * `identities` list (email addresses on one of its domains).
 *
 * @param {Object} context         Request context.
 * @param {Object} context.request Request description.
 * @param {Object} context.entry   Token entry.
 * @return {Object} The answer.
 */
function identityList( { request, entry } ) {
	const identities = ( entry.identities ?? [] ).map( ( email ) => {
		const domain = accountDomains( entry ).find(
			( candidate ) => candidate.name === domainOf( email )
		);
		return {
			id: stableId( entry.account, email ),
			email,
			name: 'WordPress',
			reply_to_email: null,
			reply_to_name: null,
			is_verified: true,
			resends: 0,
			add_note: false,
			personal_note: null,
			domain: domain ? domainResource( domain, entry.account ) : null,
		};
	} );
	return paginatedAnswer( identities, request.path, request.query );
}

/**
 * GET /v1/token (doc: `{id,name,status,created_at,scopes[]}`, "does not
 * identify the caller"): every token of the same account in the table.
 *
 * @param {Object} context         Request context.
 * @param {Object} context.request Request description.
 * @param {Object} context.entry   Token entry.
 * @param {Object} context.table   Token table.
 * @return {Object} The answer.
 */
function tokenList( { request, entry, table } ) {
	const tokens = Object.values( table.entries )
		.filter( ( other ) => other.account === entry.account )
		.map( ( other ) => ( {
			id: stableId( 'token', other.name ),
			name: other.name,
			status: 'unpause',
			created_at: '2026-01-05T08:44:00.000000Z',
			scopes: other.scopes ?? [],
		} ) );
	return paginatedAnswer( tokens, request.path, request.query );
}

// ---------------------------------------------------------------------------
// POST /v1/email
// ---------------------------------------------------------------------------

/**
 * The domain part of an address, lower-cased.
 *
 * @param {string} email Address.
 * @return {string} Domain.
 */
function domainOf( email ) {
	return email.slice( email.lastIndexOf( '@' ) + 1 ).toLowerCase();
}

/**
 * @param {*} value Candidate.
 * @return {boolean} Whether it looks like an email address.
 */
function isEmail( value ) {
	return (
		'string' === typeof value && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test( value )
	);
}

/**
 * The verified domain a From address may send from: the same name or a parent
 * of it (doc: "equal to a verified `name`, or a subdomain of one").
 *
 * @param {Object} entry Token entry.
 * @param {string} email From address.
 * @return {Object|undefined} Domain definition.
 */
function sendingDomain( entry, email ) {
	const domain = domainOf( email );
	return accountDomains( entry ).find(
		( candidate ) =>
			candidate.is_verified &&
			( domain === candidate.name ||
				domain.endsWith( `.${ candidate.name }` ) )
	);
}

/**
 * MailerSend's validation of POST /v1/email, errors in its rule order (from,
 * to, subject, content). Every applicable error is reported together, so the
 * "`to: []` probe" gets both `to` (#MS42209) and, for a foreign From,
 * `from.email` (#MS42207). ASSUMED: that order, and `text` as the key of the
 * #MS42211 error (wording as reported by users).
 *
 * @param {*}      payload Parsed body (anything not an object counts as empty).
 * @param {Object} entry   Token entry.
 * @return {Object} Field => list of messages (empty when valid).
 */
function emailErrors( payload, entry ) {
	const input = payload && 'object' === typeof payload ? payload : {};
	const errors = {};
	const add = ( field, message ) => {
		( errors[ field ] ??= [] ).push( message );
	};

	const from = input.from?.email;
	if ( undefined === from || null === from || '' === from ) {
		add( 'from.email', 'The from.email field is required. #MS42209' );
	} else if ( ! isEmail( from ) ) {
		add(
			'from.email',
			'The from.email must be a valid email address. #MS42208'
		);
	} else if ( ! sendingDomain( entry, from ) ) {
		add( 'from.email', MESSAGES.domainUnverified );
	}

	const to = input.to;
	if ( ! Array.isArray( to ) || 0 === to.length ) {
		add( 'to', 'The to field is required. #MS42209' );
	} else if ( to.length > MAX_RECIPIENTS ) {
		add(
			'to',
			`The to may not have more than ${ MAX_RECIPIENTS } items. #MS42205`
		);
	} else {
		to.forEach( ( recipient, i ) => {
			if ( ! isEmail( recipient?.email ) ) {
				add(
					`to.${ i }.email`,
					`The to.${ i }.email must be a valid email address. #MS42208`
				);
			}
		} );
	}

	const hasTemplate = Boolean( input.template_id );
	if ( ! input.subject && ! hasTemplate ) {
		add( 'subject', 'The subject field is required. #MS42209' );
	}
	if ( ! input.html && ! input.text && ! hasTemplate ) {
		add(
			'text',
			'You must provide one of html, text or template_id. #MS42211'
		);
	}
	attachmentErrors( input.attachments, add );
	return errors;
}

/**
 * MailerSend's rules for `attachments` (its API reference): an array of
 * `{ content, filename, disposition, id? }`; `content` (base64), `filename`
 * and `disposition` (`inline` | `attachment`) are required, `id` is the
 * content id an `inline` one is shown by (`cid:`). ASSUMED: the messages'
 * wording past "field is required" (#MS42209, as for every required field),
 * and that the 25 MB limit is reported on `attachments`.
 *
 * @param {*}        attachments The request's `attachments` (undefined: none).
 * @param {Function} add         Adds an error: (field, message).
 */
function attachmentErrors( attachments, add ) {
	if ( undefined === attachments || null === attachments ) {
		return;
	}
	if ( ! Array.isArray( attachments ) ) {
		add( 'attachments', 'The attachments must be an array.' );
		return;
	}
	let total = 0;
	attachments.forEach( ( attachment, i ) => {
		const item =
			attachment && 'object' === typeof attachment ? attachment : {};
		const field = ( name ) => `attachments.${ i }.${ name }`;
		for ( const name of [ 'content', 'filename', 'disposition' ] ) {
			if ( 'string' !== typeof item[ name ] || '' === item[ name ] ) {
				add(
					field( name ),
					`The ${ field( name ) } field is required. #MS42209`
				);
			}
		}
		if ( 'string' === typeof item.content && '' !== item.content ) {
			if ( ! isBase64( item.content ) ) {
				add(
					field( 'content' ),
					`The ${ field( 'content' ) } must be a valid base64 string.`
				);
			} else {
				total += Buffer.from( item.content, 'base64' ).length;
			}
		}
		if (
			'string' === typeof item.disposition &&
			'' !== item.disposition &&
			! DISPOSITIONS.includes( item.disposition )
		) {
			add(
				field( 'disposition' ),
				`The selected ${ field( 'disposition' ) } is invalid.`
			);
		}
		if ( 'inline' === item.disposition && ! item.id ) {
			add(
				field( 'id' ),
				`The ${ field( 'id' ) } field is required when ${ field(
					'disposition'
				) } is inline.`
			);
		}
	} );
	if ( total > MAX_EMAIL_BYTES ) {
		add(
			'attachments',
			'The attachments may not be greater than 25 MB in total.'
		);
	}
}

/**
 * Whether a string is base64 (the standard alphabet, padded).
 *
 * @param {string} text Text.
 * @return {boolean} Whether it is.
 */
function isBase64( text ) {
	return 0 === text.length % 4 && /^[A-Za-z0-9+/]*={0,2}$/.test( text );
}

/**
 * The attachments of the recorded `POST /v1/email` requests, decoded, for
 * GET /__standin/attachments: one item per attachment, in request order.
 *
 * @param {Object[]} requests Recorded requests.
 * @return {Object[]} `{ request, status, token_name, at, to, subject, filename,
 *                    disposition, id, type, bytes, content }` (`request`: its
 *                    index in GET /__standin/requests; `status`: the answer's,
 *                    null when a fault answered; `content`: base64 as sent).
 */
export function recordedAttachments( requests ) {
	const found = [];
	requests.forEach( ( request, index ) => {
		if ( 'POST' !== request.method || '/v1/email' !== request.path ) {
			return;
		}
		const body =
			request.body && 'object' === typeof request.body
				? request.body
				: {};
		if ( ! Array.isArray( body.attachments ) ) {
			return;
		}
		for ( const attachment of body.attachments ) {
			const item =
				attachment && 'object' === typeof attachment ? attachment : {};
			const content =
				'string' === typeof item.content ? item.content : '';
			found.push( {
				request: index,
				status: request.status ?? null,
				token_name: request.token_name,
				at: request.at,
				to: Array.isArray( body.to )
					? body.to.map( ( recipient ) => recipient?.email ?? null )
					: [],
				subject: body.subject ?? null,
				filename: item.filename ?? null,
				disposition: item.disposition ?? null,
				id: item.id ?? null,
				type: item.type ?? null,
				bytes: isBase64( content )
					? Buffer.from( content, 'base64' ).length
					: null,
				content,
			} );
		}
	} );
	return found;
}

/**
 * Doc: 202 with a warnings body for suppressed recipients. SOME_SUPPRESSED
 * names the first `to` recipient, ALL_SUPPRESSED every one.
 *
 * @param {Object} warning    Scripted `{ type, reasons }`.
 * @param {Array}  recipients The request's `to`.
 * @return {Object} Warnings body.
 */
function suppressionWarning( warning, recipients ) {
	const named =
		'ALL_SUPPRESSED' === warning.type
			? recipients
			: recipients.slice( 0, 1 );
	return {
		message: MESSAGES.warnings,
		warnings: [
			{
				type: warning.type,
				warning: MESSAGES.suppressed[ warning.type ],
				recipients: named.map( ( recipient ) => ( {
					email: recipient.email,
					name: recipient.name ?? null,
					reasons: warning.reasons,
				} ) ),
			},
		],
	};
}

/**
 * Doc: 202 with an EMPTY body and the id only in `x-message-id` (24 hex);
 * `x-send-paused: true` when the From domain's sending is paused. Recorded
 * traffic shows that empty 202 as `text/html; charset=UTF-8`.
 *
 * @param {Object}      headers Extra headers.
 * @param {Object|null} body    Warnings body, or null for the plain 202.
 * @return {Object} The answer.
 */
function accepted( headers, body ) {
	const all = {
		'x-message-id': randomBytes( 12 ).toString( 'hex' ),
		...headers,
	};
	if ( body ) {
		return jsonAnswer( 202, body, all );
	}
	return {
		status: 202,
		headers: {
			'content-type': 'text/html; charset=UTF-8',
			'cache-control': 'no-cache, private',
			...all,
		},
		body: '',
	};
}

/**
 * POST /v1/email: validate; a scripted outcome (`on_send`) applies only to a
 * request that passed validation (ASSUMED: trial limits and suppression are
 * judged after validation, so the `to: []` probe never sees them), and, with
 * `when`, only to a request whose body has that field (e.g. `headers`).
 *
 * @param {Object} context         Request context.
 * @param {Object} context.request Request description.
 * @param {Object} context.entry   Token entry.
 * @return {Object} The answer.
 */
function sendEmail( { request, entry } ) {
	const errors = emailErrors( request.body, entry );
	if ( Object.keys( errors ).length ) {
		return validationFailed( errors );
	}
	const outcome =
		entry.on_send?.when &&
		request.body?.[ entry.on_send.when ] === undefined
			? undefined
			: entry.on_send;
	if ( outcome?.errors ) {
		return validationFailed( outcome.errors );
	}
	const paused = sendingDomain( entry, request.body.from.email ).send_paused;
	const headers = paused ? { 'x-send-paused': 'true' } : {};
	const body = outcome?.warning
		? suppressionWarning( outcome.warning, request.body.to )
		: null;
	return accepted( headers, body );
}
