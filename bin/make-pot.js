#!/usr/bin/env node
/**
 * `npm run make-pot`: writes languages/fix-mailersend.pot from the PHP (plugin.php,
 * uninstall.php, includes/) and the TypeScript of the screen (src/, tests excluded).
 *
 * The extractor, the @wp-blocks/make-pot package, finds the strings (__, _e, _x, _n, _nx,
 * esc_html__ & co., with their translators comments); this script then gives the POT what
 * `wp i18n make-pot` would: the
 * plugin header's strings from plugin.php, the usual headers, translators comments as extracted
 * comments ("#. translators: …"). The file is rewritten only when a string, a comment or a
 * reference changed, so an unchanged POT keeps its POT-Creation-Date.
 *
 * `node bin/make-pot.js --check` writes nothing and exits 1 when the POT is out of date.
 */
const { execFileSync } = require( 'node:child_process' );
const fs = require( 'node:fs' );
const path = require( 'node:path' );
const { po } = require( 'gettext-parser' );

const ROOT = path.resolve( __dirname, '..' );
const DOMAIN = 'fix-mailersend';
const POT = path.join( ROOT, 'languages', `${ DOMAIN }.pot` );
const check = process.argv.includes( '--check' );

/**
 * Reads the plugin header fields WordPress translates.
 * @return {Record<string,string>} Header name => value.
 */
function pluginHeader() {
	const source = fs.readFileSync( path.join( ROOT, 'plugin.php' ), 'utf8' );
	const header = {};
	for ( const name of [
		'Plugin Name',
		'Plugin URI',
		'Description',
		'Version',
		'Author',
		'Author URI',
	] ) {
		const match = source.match(
			new RegExp( `^[ \\t/*#@]*${ name }:(.*)$`, 'mi' )
		);
		if ( match && match[ 1 ].trim() ) {
			header[ name ] = match[ 1 ].trim();
		}
	}
	return header;
}

/**
 * Runs the extractor into a temporary folder and returns the parsed POT.
 * @return {Object} gettext-parser's POT object.
 */
function extract() {
	// The extractor writes under its working directory: a scratch folder in .cache/.
	fs.mkdirSync( path.join( ROOT, '.cache' ), { recursive: true } );
	const out = fs.mkdtempSync( path.join( ROOT, '.cache', 'make-pot-' ) );
	try {
		execFileSync(
			process.execPath,
			[
				require.resolve( '@wp-blocks/make-pot/lib/makePot.js' ),
				'.',
				path.relative( ROOT, out ),
				'--slug',
				DOMAIN,
				'--domain',
				'plugin',
				'--charset',
				'utf-8',
				'--silent',
				'--skip-audit',
				'--skip-block-json',
				'--skip-theme-json',
				'--translation-domains',
				DOMAIN,
				'--include',
				'plugin.php,uninstall.php,includes/**,src/**',
				'--exclude',
				'src/**/test/**',
			],
			{ cwd: ROOT, stdio: [ 'ignore', 'ignore', 'inherit' ] }
		);
		return po.parse(
			fs.readFileSync( path.join( out, `${ DOMAIN }.pot` ) )
		);
	} finally {
		fs.rmSync( out, { recursive: true, force: true } );
	}
}

/**
 * A translators comment on the line above a call, which the extractor misses when the call is
 * a branch of a ternary (`cond\n\t/* translators: … *\/\n\t? sprintf( __( … ) )`).
 * @param {string|undefined} references The entry's "file:line" references.
 * @return {string} The comment's text, or ''.
 */
function commentAbove( references ) {
	for ( const reference of String( references || '' ).split( /\s+/ ) ) {
		const match = reference.match( /^(.+):(\d+)$/ );
		if ( ! match ) {
			continue;
		}
		const lines = fs
			.readFileSync( path.join( ROOT, match[ 1 ] ), 'utf8' )
			.split( '\n' );
		const above = lines[ Number( match[ 2 ] ) - 2 ] || '';
		const comment = above.match(
			/^\s*(?:\/\*\s*translators:\s*(.*?)\s*\*\/|\/\/\s*translators:\s*(.*?))\s*$/i
		);
		if ( comment ) {
			return comment[ 1 ] || comment[ 2 ] || '';
		}
	}
	return '';
}

/**
 * The POT as `wp i18n make-pot` would write it.
 * @param {Object} extracted gettext-parser's POT object from the extractor.
 * @param {string} created   POT-Creation-Date.
 * @return {Buffer} The POT file.
 */
function compose( extracted, created ) {
	const header = pluginHeader();
	const translations = { '': {} };
	const add = ( entry ) => {
		const context = entry.msgctxt || '';
		translations[ context ] = translations[ context ] || {};
		translations[ context ][ entry.msgid ] = entry;
	};

	// The plugin header's strings first, as WordPress translates them (plugin.php).
	for ( const [ name, label ] of [
		[ 'Plugin Name', 'Plugin Name of the plugin' ],
		[ 'Plugin URI', 'Plugin URI of the plugin' ],
		[ 'Description', 'Description of the plugin' ],
		[ 'Author', 'Author of the plugin' ],
		[ 'Author URI', 'Author URI of the plugin' ],
	] ) {
		if ( header[ name ] ) {
			add( {
				msgid: header[ name ],
				msgstr: [ '' ],
				comments: { extracted: label, reference: 'plugin.php' },
			} );
		}
	}

	const entries = [];
	for ( const [ context, messages ] of Object.entries(
		extracted.translations
	) ) {
		for ( const [ msgid, entry ] of Object.entries( messages ) ) {
			if ( msgid === '' && context === '' ) {
				continue; // The extractor's header.
			}
			if ( context === '' && translations[ '' ][ msgid ] ) {
				continue; // A header string, already there.
			}
			if ( ! entry.comments?.reference?.match( /\.(php|tsx?)(:\d+)?/ ) ) {
				continue;
			}
			if (
				String( entry.comments.reference ).trim() === `${ DOMAIN }.php`
			) {
				// The extractor's guess at a main file named after the slug, filled from
				// package.json: this plugin's header is plugin.php's, added above.
				continue;
			}
			entries.push( entry );
		}
	}
	// Stable order: by first reference, then by text.
	const firstReference = ( entry ) =>
		String( entry.comments?.reference || '' ).split( /\s+/ )[ 0 ];
	entries.sort(
		( a, b ) =>
			firstReference( a ).localeCompare( firstReference( b ), 'en', {
				numeric: true,
			} ) || a.msgid.localeCompare( b.msgid )
	);
	for ( const entry of entries ) {
		const comments = entry.comments || {};
		// The extractor keeps "translators:" comments as translator comments without the
		// keyword; they are extracted comments, as xgettext and WP-CLI write them.
		const note =
			[ comments.extracted, comments.translator ]
				.filter( Boolean )
				.join( '\n' )
				.trim() || commentAbove( comments.reference );
		add( {
			...entry,
			comments: {
				reference: comments.reference,
				extracted: note ? `translators: ${ note }` : undefined,
			},
		} );
	}

	const generator = require( '@wp-blocks/make-pot/package.json' );
	return po.compile(
		{
			charset: 'utf-8',
			headers: {
				'Project-Id-Version': `${ header[ 'Plugin Name' ] } ${ header.Version }`,
				'Report-Msgid-Bugs-To': `https://wordpress.org/support/plugin/${ DOMAIN }`,
				'Last-Translator': 'FULL NAME <EMAIL@ADDRESS>',
				'Language-Team': 'LANGUAGE <LL@li.org>',
				'MIME-Version': '1.0',
				'Content-Type': 'text/plain; charset=UTF-8',
				'Content-Transfer-Encoding': '8bit',
				'POT-Creation-Date': created,
				'PO-Revision-Date': 'YEAR-MO-DA HO:MI+ZONE',
				'X-Generator': `${ generator.name } ${ generator.version }`,
				'X-Domain': DOMAIN,
			},
			translations,
		},
		{ foldLength: 0, sort: false }
	);
}

const withoutDate = ( buffer ) =>
	buffer.toString( 'utf8' ).replace( /POT-Creation-Date: [^\\\n]*/, '' );

const extracted = extract();
const previous = fs.existsSync( POT ) ? fs.readFileSync( POT ) : null;
const now = new Date().toISOString().replace( /\.\d+Z$/, '+00:00' );
const next = compose( extracted, now );

if ( previous && withoutDate( previous ) === withoutDate( next ) ) {
	process.stdout.write( `${ path.relative( ROOT, POT ) } is up to date.\n` );
	process.exit( 0 );
}
if ( check ) {
	process.stderr.write(
		`${ path.relative( ROOT, POT ) } is out of date: run "npm run make-pot".\n`
	);
	process.exit( 1 );
}
fs.mkdirSync( path.dirname( POT ), { recursive: true } );
fs.writeFileSync( POT, next );
const count = Object.entries( po.parse( next ).translations ).reduce(
	( sum, [ , messages ] ) =>
		sum + Object.keys( messages ).filter( ( id ) => id !== '' ).length,
	0
);
process.stdout.write(
	`Wrote ${ path.relative( ROOT, POT ) }: ${ count } strings.\n`
);
