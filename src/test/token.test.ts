import {
	defineLine,
	escapePhpSingleQuoted,
	inspectToken,
	inspectTokenDetail,
	isDefineLine,
	isSendable,
	maskToken,
	normaliseToken,
	utf8Length,
	type LocalReason,
	type LocalVerdictId,
} from '../token';
import { GOOD_TOKEN, GOOD_TOKEN_MASKED } from './fixtures';

const BODY_30 = 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5';
const JWT =
	'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiIxIiwianRpIjoiYWJjIn0.c2lnbmF0dXJl';

/**
 * Undoes escaping of a PHP single-quoted string literal.
 * @param literal
 */
function unescapePhpSingleQuoted( literal: string ): string {
	return literal.replace( /\\([\\'])/g, '$1' );
}

describe( 'normaliseToken', () => {
	it.each( [
		[ 'a clean token', GOOD_TOKEN ],
		[ 'spaces around', `  ${ GOOD_TOKEN }  ` ],
		[ 'a trailing newline', `${ GOOD_TOKEN }\n` ],
		[ 'CRLF and tabs around', `\t\r\n${ GOOD_TOKEN }\r\n\t` ],
		[
			'a line break inside (wrapped copy)',
			`${ GOOD_TOKEN.slice( 0, 30 ) }\n${ GOOD_TOKEN.slice( 30 ) }`,
		],
		[
			'spaces and tabs inside',
			`${ GOOD_TOKEN.slice( 0, 20 ) } \t ${ GOOD_TOKEN.slice( 20 ) }`,
		],
		[ 'a non-breaking space around', `\u00A0${ GOOD_TOKEN }\u00A0` ],
		[
			'zero-width characters',
			`\u200B${ GOOD_TOKEN.slice( 0, 10 ) }\u200D${ GOOD_TOKEN.slice( 10 ) }\uFEFF`,
		],
		[ 'double quotes', `"${ GOOD_TOKEN }"` ],
		[ 'single quotes', `'${ GOOD_TOKEN }'` ],
		[ 'backticks', `\`${ GOOD_TOKEN }\`` ],
		[ 'a code fence line', `\`\`\`${ GOOD_TOKEN }\`\`\`` ],
		[ 'typographic double quotes', `\u201C${ GOOD_TOKEN }\u201D` ],
		[ 'typographic single quotes', `\u2018${ GOOD_TOKEN }\u2019` ],
		[ 'quotes and spaces mixed', ` " ${ GOOD_TOKEN } " ` ],
		[ 'a Bearer prefix', `Bearer ${ GOOD_TOKEN }` ],
		[ 'a lowercase bearer prefix', `bearer ${ GOOD_TOKEN }` ],
		[ 'a Bearer prefix with a tab', `Bearer\t${ GOOD_TOKEN }` ],
		[ 'an Authorization header', `Authorization: Bearer ${ GOOD_TOKEN }` ],
		[
			'an Authorization header without spaces',
			`authorization:Bearer ${ GOOD_TOKEN }`,
		],
		[
			'a quoted Authorization header',
			`"Authorization: Bearer ${ GOOD_TOKEN }"`,
		],
		[
			'a header with a quoted token',
			`Authorization: Bearer '${ GOOD_TOKEN }'`,
		],
		// Token_Inspector.php's other cases.
		[ 'a colon after Bearer', `Bearer:${ GOOD_TOKEN }` ],
		[ 'Authorization: without Bearer', `Authorization:${ GOOD_TOKEN }` ],
		[ 'low-9 and high quotes', `\u201E${ GOOD_TOKEN }\u201C` ],
		[ 'single guillemets', `\u2039${ GOOD_TOKEN }\u203A` ],
		[ 'double guillemets', `\u00AB ${ GOOD_TOKEN } \u00BB` ],
		[
			'NEL and the Mongolian vowel separator',
			`\u0085${ GOOD_TOKEN }\u180E`,
		],
		[ 'a word joiner inside', `mlsn.\u2060${ GOOD_TOKEN.slice( 5 ) }` ],
		[ 'line and paragraph separators', `\u2028${ GOOD_TOKEN }\u2029` ],
		[ 'an ideographic space', `\u3000${ GOOD_TOKEN }` ],
		[
			'a define() line from wp-config.php',
			`define( 'WPMS_MAILERSEND_API_KEY', '${ GOOD_TOKEN }' );`,
		],
		[
			'a define() line with double quotes and no spaces',
			`define("WPMS_MAILERSEND_API_KEY","${ GOOD_TOKEN }");`,
		],
		[
			'a lower-case define() line with spaces in the value and a comment',
			`  define( 'wpms_mailersend_api_key', ' ${ GOOD_TOKEN } ' ); // new`,
		],
	] )( 'removes %s', ( _label, raw ) => {
		expect( normaliseToken( raw ) ).toBe( GOOD_TOKEN );
	} );

	it.each( [ '', '   ', '\n\t', '""', "' '", '``', 'Bearer', 'Bearer:' ] )(
		'gives an empty string for %j',
		( raw ) => {
			expect( normaliseToken( raw ) ).toBe( '' );
		}
	);

	it( 'keeps an ellipsis, the evidence of a truncated copy', () => {
		expect( normaliseToken( ' mlsn.ab…wxyz ' ) ).toBe( 'mlsn.ab…wxyz' );
		expect( normaliseToken( 'mlsn.ab...wxyz' ) ).toBe( 'mlsn.ab...wxyz' );
	} );

	it( 'keeps quotes inside the token', () => {
		expect( normaliseToken( 'mlsn.ab"cd' ) ).toBe( 'mlsn.ab"cd' );
	} );

	it( 'does not strip "Bearer" glued to the token', () => {
		expect( normaliseToken( `Bearer${ GOOD_TOKEN }` ) ).toBe(
			`Bearer${ GOOD_TOKEN }`
		);
	} );

	it( 'stops after five rounds, as the server does', () => {
		const layers = ( count: number ) => {
			let text = 'x';
			for ( let i = 0; i < count; i++ ) {
				text = `" ${ text } "`;
			}
			return text;
		};
		expect( normaliseToken( layers( 5 ) ) ).toBe( 'x' );
		// Token_Inspector::normalise() gives the same.
		expect( normaliseToken( layers( 6 ) ) ).toBe( '"x"' );
	} );

	it( 'tells a pasted define() line', () => {
		expect(
			isDefineLine(
				`define( 'WPMS_MAILERSEND_API_KEY', '${ GOOD_TOKEN }' );`
			)
		).toBe( true );
		expect( isDefineLine( GOOD_TOKEN ) ).toBe( false );
		expect( isDefineLine( "define( 'WPMS_ON', true );" ) ).toBe( false );
	} );

	it( 'is idempotent', () => {
		const once = normaliseToken( ` "Bearer ${ GOOD_TOKEN }"\n` );
		expect( normaliseToken( once ) ).toBe( once );
	} );
} );

describe( 'inspectToken', () => {
	const cases: Array< [ string, string, LocalVerdictId ] > = [
		[ 'empty', '', 'missing' ],
		[ 'only whitespace and quotes', ' " " ', 'missing' ],
		[
			'an SMTP password',
			'mssp.Ab3dEf9hIj2kLm4nOp6qRs8tUv0wXy',
			'smtp_password_pasted',
		],
		[
			'an SMTP password in capitals',
			'MSSP.Ab3dEf9hIj2kLm4nOp6qRs8tUv0wXy',
			'smtp_password_pasted',
		],
		[ 'a quoted SMTP password', '"mssp.abc"', 'smtp_password_pasted' ],
		[ 'a masked copy with …', 'mlsn.ab…wxyz', 'truncated' ],
		[ 'a masked copy with ...', 'mlsn.ab...wxyz', 'truncated' ],
		[
			'a full-length token with … inside',
			`${ GOOD_TOKEN.slice( 0, 40 ) }…${ GOOD_TOKEN.slice( 41 ) }`,
			'truncated',
		],
		[ 'a legacy token with …', 'eyJ0eXAi…', 'truncated' ],
		[ 'a legacy JWT-style token', JWT, 'legacy_token' ],
		[ 'a current token', GOOD_TOKEN, 'ok' ],
		[
			'a token with exactly 30 characters after the dot',
			`mlsn.${ BODY_30 }`,
			'ok',
		],
		[
			'a token with 29 characters after the dot',
			`mlsn.${ BODY_30.slice( 1 ) }`,
			'truncated',
		],
		[ 'just the prefix', 'mlsn.', 'truncated' ],
		[ 'a Bearer-prefixed current token', `Bearer ${ GOOD_TOKEN }`, 'ok' ],
		[
			'a current token wrapped over two lines',
			`${ GOOD_TOKEN.slice( 0, 30 ) }\n${ GOOD_TOKEN.slice( 30 ) }`,
			'ok',
		],
		[
			'a token with a dash',
			`mlsn.${ BODY_30 }-${ BODY_30 }`,
			'malformed',
		],
		[ 'a short token with a symbol', 'mlsn.abc$', 'malformed' ],
		[ 'a capitalised prefix', `MLSN.${ BODY_30 }`, 'malformed' ],
		[ 'no prefix', BODY_30 + BODY_30, 'malformed' ],
		[ 'a prefix without the dot', `mlsn${ BODY_30 }`, 'malformed' ],
		[ 'a WP Mail SMTP field name', 'api_key', 'malformed' ],
		[ 'Bearer glued to the token', `Bearer${ GOOD_TOKEN }`, 'malformed' ],
		[ 'a midline ellipsis', 'mlsn.abc\u22EFxyz', 'truncated' ],
		[ 'an eyJ token with a symbol', 'eyJ0eXAi$x.abc', 'malformed' ],
		[
			'an eyJ token with four parts',
			'eyJhbGci.eyJhdWQ.c2ln.extra',
			'malformed',
		],
		[
			'a define() line',
			`define( 'WPMS_MAILERSEND_API_KEY', '${ GOOD_TOKEN }' );`,
			'ok',
		],
		[
			'a token with a non-ASCII letter',
			`mlsn.${ BODY_30 }\u00E9`,
			'malformed',
		],
		[ 'exactly 512 bytes', `mlsn.${ 'a'.repeat( 507 ) }`, 'ok' ],
		[ '513 bytes', `mlsn.${ 'a'.repeat( 508 ) }`, 'malformed' ],
	];

	it.each( cases )( 'judges %s', ( _label, raw, expected ) => {
		expect( inspectToken( normaliseToken( raw ), raw ) ).toBe( expected );
	} );

	it.each( [
		[ 'mlsn.ab…wxyz', 'truncated', 'ellipsis' ],
		[ 'mlsn.abc123', 'truncated', 'too_short' ],
		[ `mlsn.${ 'a'.repeat( 508 ) }`, 'malformed', 'too_long' ],
		// 257 characters, but 513 bytes: too long for strlen(), as on the server.
		[ `x${ '\u00E9'.repeat( 256 ) }`, 'malformed', 'too_long' ],
		[ `mlsn.${ BODY_30 }-x`, 'malformed', 'characters' ],
		[ `MLSN.${ BODY_30 }`, 'malformed', 'characters' ],
		[ 'api_key', 'malformed', 'prefix' ],
		[ GOOD_TOKEN, 'ok', null ],
		[ JWT, 'legacy_token', null ],
	] as Array< [ string, LocalVerdictId, LocalReason | null ] > )(
		'gives %j the reason the server gives: %s (%s)',
		( raw, id, reason ) => {
			expect( inspectTokenDetail( normaliseToken( raw ), raw ) ).toEqual(
				{ id, reason }
			);
		}
	);

	it( 'counts UTF-8 bytes, as PHP’s strlen()', () => {
		expect( utf8Length( 'abc' ) ).toBe( 3 );
		expect( utf8Length( '\u00E9' ) ).toBe( 2 );
		expect( utf8Length( '\u2026' ) ).toBe( 3 );
		expect( utf8Length( '\u{1F600}' ) ).toBe( 4 );
	} );

	it( 'flags an ellipsis seen only in the raw paste', () => {
		expect( inspectToken( GOOD_TOKEN, `${ GOOD_TOKEN }...` ) ).toBe(
			'truncated'
		);
		expect( inspectToken( GOOD_TOKEN, GOOD_TOKEN ) ).toBe( 'ok' );
	} );
} );

describe( 'isSendable', () => {
	it.each( [
		[ GOOD_TOKEN, true ],
		[ 'mlsn.abc123', true ],
		[ 'mlsn.ab...wxyz', true ],
		[ JWT, true ],
		[ '', false ],
		[ 'mlsn.ab…wxyz', false ],
		[ 'mlsn.abc\u22EFxyz', false ],
		[ `mlsn.${ BODY_30 }\u00E9`, false ],
		[ `mlsn.${ BODY_30 }\u0007`, false ],
		[ 'mlsn.<script>', false ],
		[ 'mlsn.a>b', false ],
	] )(
		'%j is %s for the server’s one-line printable ASCII rule',
		( token, sendable ) => {
			expect( isSendable( token ) ).toBe( sendable );
		}
	);
} );

describe( 'maskToken', () => {
	it( 'shows the first 7 and last 4 characters', () => {
		expect( maskToken( GOOD_TOKEN ) ).toBe( GOOD_TOKEN_MASKED );
		expect( maskToken( 'abcdefghijklmnopqrstuv' ) ).toBe( 'abcdefg…stuv' );
	} );

	// What Support/Mask::token() gives for every length below 22 (run with PHP).
	it.each( [
		[ '', '' ],
		[ 'a', '••••' ],
		[ 'abc', '••••' ],
		[ 'abcdefg', '••••' ],
		[ 'abcdefgh', 'abc…h' ],
		[ 'abcdefghi', 'abc…i' ],
		[ 'abcdefghij', 'abcd…j' ],
		[ 'abcdefghijk', 'abcd…k' ],
		[ 'abcdefghijkl', 'abcd…kl' ],
		[ 'abcdefghijklm', 'abcd…lm' ],
		[ 'abcdefghijklmn', 'abcde…mn' ],
		[ 'abcdefghijklmno', 'abcde…no' ],
		[ 'abcdefghijklmnop', 'abcdef…op' ],
		[ 'abcdefghijklmnopq', 'abcdef…pq' ],
		[ 'abcdefghijklmnopqr', 'abcdef…pqr' ],
		[ 'abcdefghijklmnopqrs', 'abcdef…qrs' ],
		[ 'abcdefghijklmnopqrst', 'abcdefg…rst' ],
		[ 'abcdefghijklmnopqrstu', 'abcdefg…stu' ],
		[ 'abcdefghijklmnopqrstuv', 'abcdefg…stuv' ],
		[ 'abcdefghijklmnopqrstuvw', 'abcdefg…tuvw' ],
	] )( 'masks %j as the server does: %j', ( token, masked ) => {
		expect( maskToken( token ) ).toBe( masked );
	} );

	it( 'never shows more than half of a token, whatever its length', () => {
		for ( let length = 1; length <= 80; length++ ) {
			const token = GOOD_TOKEN.padEnd( 80, 'z' ).slice( 0, length );
			const shown = Array.from( maskToken( token ) ).filter(
				( char ) => char !== '…' && char !== '•'
			).length;
			expect( shown ).toBeLessThanOrEqual( Math.floor( length / 2 ) );
			expect( maskToken( token ).includes( token ) ).toBe( false );
		}
	} );

	it( 'counts characters, not UTF-16 units', () => {
		expect( maskToken( '😀😀😀😀😀😀😀x😀😀😀😀' ) ).toBe(
			'😀😀😀😀…😀😀'
		);
		expect(
			maskToken( `${ '😀'.repeat( 11 ) }x${ '😀'.repeat( 10 ) }` )
		).toBe( '😀😀😀😀😀😀😀…😀😀😀😀' );
	} );
} );

describe( 'defineLine', () => {
	it( 'builds the wp-config.php line', () => {
		expect( defineLine( GOOD_TOKEN ) ).toBe(
			`define( 'WPMS_MAILERSEND_API_KEY', '${ GOOD_TOKEN }' );`
		);
	} );

	it( 'escapes quotes and backslashes for a single-quoted PHP string', () => {
		expect( defineLine( "ab'c\\d" ) ).toBe(
			"define( 'WPMS_MAILERSEND_API_KEY', 'ab\\'c\\\\d' );"
		);
	} );

	it.each( [
		"'",
		'\\',
		"\\'",
		"a\\'b",
		'ends with \\',
		"'; phpinfo(); '",
		'$var {$x}',
	] )( 'keeps %j intact once PHP reads the literal', ( value ) => {
		const line = defineLine( value );
		const match =
			/^define\( 'WPMS_MAILERSEND_API_KEY', '((?:[^'\\]|\\.)*)' \);$/.exec(
				line
			);
		expect( match ).not.toBeNull();
		expect( unescapePhpSingleQuoted( match?.[ 1 ] ?? '' ) ).toBe( value );
	} );

	it( 'escapePhpSingleQuoted leaves other characters alone', () => {
		expect( escapePhpSingleQuoted( 'mlsn.abc"$x' ) ).toBe( 'mlsn.abc"$x' );
	} );
} );
