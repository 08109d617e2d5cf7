/**
 * One kind of apostrophe in what users read: every translatable string of the screen (src/)
 * and of the PHP side (includes/, plugin.php) writes “it’s”, “WP Mail SMTP’s” with the curly
 * ’, never a straight ' between letters. Code quoted inside a string (such as
 * define( 'WPMS_MAILER', 'mailersend' )) keeps its straight quotes: only an apostrophe
 * between two letters counts.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve( __dirname, '..', '..' );

function files( dir: string, pattern: RegExp ): string[] {
	return readdirSync( dir ).flatMap( ( name ) => {
		const full = path.join( dir, name );
		if ( statSync( full ).isDirectory() ) {
			return name === 'test' ? [] : files( full, pattern );
		}
		return pattern.test( name ) ? [ full ] : [];
	} );
}

const LITERAL = String.raw`'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"`;
/** A translation call and its one or two leading string arguments (_n has two). */
const CALL = new RegExp(
	String.raw`\b(?:__|_e|_n|_x|_nx|esc_html__|esc_html_e|esc_attr__|esc_attr_e|esc_html_x|esc_attr_x)\(\s*(${ LITERAL })(?:\s*,\s*(${ LITERAL }))?`,
	'g'
);

/**
 * The translatable strings of a file, unquoted.
 *
 * @param file A source file.
 */
function translatable( file: string ): string[] {
	const source = readFileSync( file, 'utf8' );
	return [ ...source.matchAll( CALL ) ].flatMap( ( match ) =>
		[ match[ 1 ], match[ 2 ] ]
			.filter( ( literal ): literal is string => !! literal )
			.map( ( literal ) =>
				literal.slice( 1, -1 ).replace( /\\(.)/g, '$1' )
			)
	);
}

const sources = [
	...files( path.join( ROOT, 'src' ), /\.tsx?$/ ),
	...files( path.join( ROOT, 'includes' ), /\.php$/ ),
	path.join( ROOT, 'plugin.php' ),
];
const strings = sources.flatMap( ( file ) =>
	translatable( file ).map( ( text ) => ( {
		file: path.relative( ROOT, file ),
		text,
	} ) )
);

it( 'reads the translatable strings of both sides', () => {
	const from = ( dir: string ) =>
		strings.filter( ( { file } ) => file.startsWith( dir ) ).length;
	// Hundreds on each side: the scan below is not looking at nothing.
	expect( from( 'src/' ) ).toBeGreaterThan( 150 );
	expect( from( 'includes/' ) ).toBeGreaterThan( 150 );
	expect(
		strings.filter( ( { text } ) => /[A-Za-z]’[A-Za-z]/.test( text ) )
			.length
	).toBeGreaterThan( 10 );
} );

it( 'uses the curly apostrophe in every translatable string', () => {
	const straight = strings.filter( ( { text } ) =>
		/[A-Za-z]'[A-Za-z]/.test( text )
	);
	expect( straight ).toEqual( [] );
} );
