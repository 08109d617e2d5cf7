/**
 * The shipped POT (languages/fix-mailersend.pot, `npm run make-pot`) holds every translatable
 * string of the screen (src/) and of the PHP (plugin.php, uninstall.php, includes/), and no
 * string that is gone. The strings are found here by a scanner of its own, not by the tool
 * that wrote the POT, so a string the tool misses fails this test too.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve( __dirname, '../..' );

/** The arguments each i18n function takes, by position: which are strings to translate. */
const ROLES: Record<
	string,
	Array< 'msgid' | 'plural' | 'context' | null >
> = {
	__: [ 'msgid' ],
	_e: [ 'msgid' ],
	esc_html__: [ 'msgid' ],
	esc_html_e: [ 'msgid' ],
	esc_attr__: [ 'msgid' ],
	esc_attr_e: [ 'msgid' ],
	_x: [ 'msgid', 'context' ],
	_ex: [ 'msgid', 'context' ],
	esc_html_x: [ 'msgid', 'context' ],
	esc_attr_x: [ 'msgid', 'context' ],
	_n: [ 'msgid', 'plural' ],
	_n_noop: [ 'msgid', 'plural' ],
	_nx: [ 'msgid', 'plural', null, 'context' ],
	_nx_noop: [ 'msgid', 'plural', 'context' ],
};

type Message = {
	msgid: string;
	plural?: string;
	context?: string;
	where: string;
};

const key = ( message: { msgid: string; context?: string } ): string =>
	`${ message.context ?? '' }\u0004${ message.msgid }`;

function files( dir: string, pattern: RegExp ): string[] {
	return readdirSync( path.join( ROOT, dir ), {
		recursive: true,
		encoding: 'utf8',
	} )
		.filter(
			( file ) => pattern.test( file ) && ! /(^|\/)test\//.test( file )
		)
		.map( ( file ) => path.join( dir, file ) );
}

/**
 * The top-level arguments of a call, as source text, from just after its "(".
 * @param source
 * @param start
 */
function callArguments( source: string, start: number ): string[] {
	const args: string[] = [];
	let depth = 0;
	let current = '';
	for ( let i = start; i < source.length; i++ ) {
		const char = source[ i ] as string;
		if ( char === "'" || char === '"' || char === '`' ) {
			let end = i + 1;
			while ( end < source.length && source[ end ] !== char ) {
				end += source[ end ] === '\\' ? 2 : 1;
			}
			current += source.slice( i, end + 1 );
			i = end;
		} else if ( '([{'.includes( char ) ) {
			depth++;
			current += char;
		} else if ( ')]}'.includes( char ) ) {
			if ( depth === 0 ) {
				args.push( current.trim() );
				return args;
			}
			depth--;
			current += char;
		} else if ( char === ',' && depth === 0 ) {
			args.push( current.trim() );
			current = '';
		} else {
			current += char;
		}
	}
	return args;
}

/**
 * The value of one string literal (PHP or TypeScript), or null for anything else.
 * @param literal
 * @param php
 */
function literalValue( literal: string, php: boolean ): string | null {
	const match = /^(['"])([\s\S]*)\1$/.exec( literal );
	if (
		! match ||
		new RegExp( `(?<!\\\\)${ match[ 1 ] }` ).test( match[ 2 ]! )
	) {
		return null;
	}
	const [ , quote, body ] = match as unknown as [ string, string, string ];
	if ( php && quote === "'" ) {
		return body.replace( /\\(['\\])/g, '$1' );
	}
	const escapes: Record< string, string > = {
		n: '\n',
		t: '\t',
		r: '\r',
	};
	return body.replace(
		/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|.)/g,
		( _all, code: string ) => {
			if ( code.startsWith( 'u' ) && code.length > 1 ) {
				return String.fromCodePoint(
					parseInt( code.replace( /[u{}]/g, '' ), 16 )
				);
			}
			return escapes[ code ] ?? code;
		}
	);
}

function scan( file: string ): Message[] {
	const source = readFileSync( path.join( ROOT, file ), 'utf8' );
	const php = file.endsWith( '.php' );
	const messages: Message[] = [];
	const call = new RegExp(
		`(?<![\\w$>:])(${ Object.keys( ROLES ).join( '|' ) })\\s*\\(`,
		'g'
	);
	for ( const found of source.matchAll( call ) ) {
		const roles = ROLES[ found[ 1 ] as string ] ?? [];
		const args = callArguments( source, found.index + found[ 0 ].length );
		const message: Partial< Message > = {
			where: `${ file }:${
				source.slice( 0, found.index ).split( '\n' ).length
			}`,
		};
		let literal = true;
		roles.forEach( ( role, index ) => {
			if ( role === null ) {
				return;
			}
			const value = literalValue( args[ index ] ?? '', php );
			if ( value === null ) {
				literal = false;
				return;
			}
			message[ role === 'msgid' ? 'msgid' : role ] = value;
		} );
		if ( literal && message.msgid !== undefined ) {
			messages.push( message as Message );
		}
	}
	return messages;
}

type PotEntry = {
	msgid: string;
	plural?: string;
	context?: string;
	comments: string[];
	references: string[];
};

/**
 * A small reader of the POT: entries with their context, plural and comments.
 * @param text
 */
function readPot( text: string ): PotEntry[] {
	const entries: PotEntry[] = [];
	for ( const block of text.split( /\n\s*\n/ ) ) {
		const entry: Partial< PotEntry > & {
			comments: string[];
			references: string[];
		} = { comments: [], references: [] };
		let field: 'msgid' | 'plural' | 'context' | null = null;
		for ( const line of block.split( '\n' ) ) {
			const keyword =
				/^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (".*")$/.exec(
					line
				);
			const value = ( quoted: string ) =>
				JSON.parse( quoted.replace( /\\'/g, "'" ) ) as string;
			if ( line.startsWith( '#.' ) ) {
				entry.comments.push( line.slice( 2 ).trim() );
			} else if ( line.startsWith( '#:' ) ) {
				entry.references.push(
					...line.slice( 2 ).trim().split( /\s+/ )
				);
			} else if ( keyword ) {
				field =
					(
						{
							msgctxt: 'context',
							msgid: 'msgid',
							msgid_plural: 'plural',
						} as const
					 )[ keyword[ 1 ] as string ] ?? null;
				if ( field ) {
					entry[ field ] = value( keyword[ 2 ] as string );
				}
			} else if ( line.startsWith( '"' ) && field ) {
				entry[ field ] += value( line );
			}
		}
		if ( entry.msgid ) {
			entries.push( entry as PotEntry );
		}
	}
	return entries;
}

const sources = [
	'plugin.php',
	'uninstall.php',
	...files( 'includes', /\.php$/ ),
	...files( 'src', /\.tsx?$/ ),
];
const found = sources.flatMap( scan );
const pot = readPot(
	readFileSync( path.join( ROOT, 'languages/fix-mailersend.pot' ), 'utf8' )
);
const potByKey = new Map( pot.map( ( entry ) => [ key( entry ), entry ] ) );

describe( 'languages/fix-mailersend.pot', () => {
	it( 'is read from both the PHP and the screen (the scanner works)', () => {
		const where = ( msgid: string ) =>
			found
				.filter( ( message ) => message.msgid === msgid )
				.map( ( message ) => message.where.split( ':' )[ 0 ] );
		expect( where( 'Fix MailerSend' ) ).toContain(
			'includes/Admin/Admin_Page.php'
		);
		expect( where( 'Step %1$d of %2$d: %3$s' ) ).toContain(
			'src/components/App.tsx'
		);
		expect( found.length ).toBeGreaterThan( 300 );
	} );

	it( 'has every translatable string of src/ and includes/ (run "npm run make-pot")', () => {
		const missing = found
			.filter( ( message ) => {
				const entry = potByKey.get( key( message ) );
				return ! entry || entry.plural !== message.plural;
			} )
			.map( ( message ) => `${ message.where }: ${ message.msgid }` );
		expect( missing ).toEqual( [] );
	} );

	it( 'has no string the code no longer uses', () => {
		const used = new Set( found.map( key ) );
		const stale = pot
			.filter(
				( entry ) =>
					! used.has( key( entry ) ) &&
					// The plugin header's strings (reference plugin.php, no line).
					! entry.references.includes( 'plugin.php' )
			)
			.map( ( entry ) => entry.msgid );
		expect( stale ).toEqual( [] );
	} );

	it( 'tells translators what each placeholder is', () => {
		const unexplained = pot
			.filter(
				( entry ) =>
					/%(\d+\$)?[sdf]/.test( entry.msgid ) &&
					! entry.comments.some( ( comment ) =>
						comment.startsWith( 'translators:' )
					)
			)
			.map( ( entry ) => entry.msgid );
		expect( unexplained ).toEqual( [] );
	} );
} );
