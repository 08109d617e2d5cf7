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
} from '../token';
import table from '../../tests/fixtures/token-inspection.json';
import { GOOD_TOKEN } from './fixtures';

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

describe( 'the token check both sides run (tests/fixtures/token-inspection.json)', () => {
	it.each( table.inspection.map( ( row ) => [ row.label, row ] as const ) )(
		'%s',
		( _label, row ) => {
			const normalised = normaliseToken( row.raw );
			expect( normalised ).toBe( row.normalised );
			const local = inspectTokenDetail( normalised, row.raw );
			// Token_Inspector::inspect() gives no verdict for the format of a current token.
			expect( {
				verdict: local.id === 'ok' ? null : local.id,
				reason: local.reason,
			} ).toEqual( { verdict: row.verdict, reason: row.reason } );
			expect( maskToken( normalised ) ).toBe( row.masked );
		}
	);

	it.each( table.masks.map( ( row ) => [ row.token, row.masked ] ) )(
		'masks %j as %j',
		( token, masked ) => {
			expect( maskToken( token ) ).toBe( masked );
		}
	);
} );

describe( 'normaliseToken', () => {
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
