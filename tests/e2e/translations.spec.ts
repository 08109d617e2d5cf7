/**
 * Translations, end to end. A small German translation made by this test (WordPress.org's
 * language packs cannot be downloaded here, and none is shipped) is installed where language
 * packs go, wp-content/languages/plugins/, split as packs are: the PHP strings in
 * fix-mailersend-de_DE.mo, the screen's in fix-mailersend-de_DE-{md5 of "build/index.js"}.json
 * (the name load_script_textdomain() looks for). An admin whose language is Deutsch then sees
 * both: the menu, the page title and the REST API's verdicts from PHP, and the React screen's
 * own words through wp_set_script_translations().
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { mo } from 'gettext-parser';

import { SCREEN, expect, site, test } from './support/fixtures';
import { headline } from './support/screen';

const ROOT = path.resolve( __dirname, '../..' );
const LOCALE = 'de_DE';
const PLURAL_FORMS = 'nplurals=2; plural=(n != 1);';

/** Strings PHP translates: the menu entry and page title, a verdict the REST API answers. */
const PHP_STRINGS: Record< string, string > = {
	'Fix MailerSend': 'MailerSend reparieren',
	'MailerSend does not recognise this token':
		'MailerSend erkennt dieses Token nicht',
};

/** Strings the React screen translates (src/). */
const SCREEN_STRINGS: Record< string, string > = {
	Steps: 'Schritte',
	'Get a new token': 'Neues Token holen',
	'Step %1$d of %2$d: %3$s': 'Schritt %1$d von %2$d: %3$s',
};

/**
 * Strings of a step that loads as a chunk of its own (build/new-token-step.js): a language pack
 * has its own JSON file for that file, which Admin_Page prints with the screen's script.
 */
const CHUNK_STRINGS: Record< string, string > = {
	'Create a new token. For the domain, choose “All domains” or your sending domain.':
		'Erstellen Sie ein neues Token. Wählen Sie als Domain „Alle Domains“ oder Ihre Absenderdomain.',
};

const languages = (): string =>
	path.join( process.env.FMS_WP_DIR ?? '', 'wp-content/languages/plugins' );

/* The file names: md5 of the script's path in the plugin. */
/**
 * The file name WordPress gives a script's translations.
 * @param script The script's path in the plugin.
 */
const jsonFor = ( script: string ): string =>
	`fix-mailersend-${ LOCALE }-${ createHash( 'md5' )
		.update( script )
		.digest( 'hex' ) }.json`;
const scriptJson = jsonFor( 'build/index.js' );
const chunkJson = jsonFor( 'build/new-token-step.js' );

/**
 * A script's translations, in Jed 1.x, as `wp i18n make-json` writes them.
 * @param strings msgid => msgstr.
 */
function jed( strings: Record< string, string > ): string {
	const messages: Record< string, unknown > = {
		'': { domain: 'messages', lang: LOCALE, 'plural-forms': PLURAL_FORMS },
	};
	for ( const [ msgid, msgstr ] of Object.entries( strings ) ) {
		messages[ msgid ] = [ msgstr ];
	}
	return JSON.stringify( { domain: 'messages', locale_data: { messages } } );
}

test.beforeAll( () => {
	// Translators work from the shipped POT: every string here is in it.
	const pot = readFileSync(
		path.join( ROOT, 'languages/fix-mailersend.pot' ),
		'utf8'
	);
	for ( const msgid of [
		...Object.keys( PHP_STRINGS ),
		...Object.keys( SCREEN_STRINGS ),
		...Object.keys( CHUNK_STRINGS ),
	] ) {
		expect( pot ).toContain( `\nmsgid ${ JSON.stringify( msgid ) }\n` );
	}

	mkdirSync( languages(), { recursive: true } );
	const translations: Record< string, { msgid: string; msgstr: string[] } > =
		{};
	for ( const [ msgid, msgstr ] of Object.entries( PHP_STRINGS ) ) {
		translations[ msgid ] = { msgid, msgstr: [ msgstr ] };
	}
	writeFileSync(
		path.join( languages(), `fix-mailersend-${ LOCALE }.mo` ),
		mo.compile( {
			charset: 'utf-8',
			headers: {
				Language: LOCALE,
				'Plural-Forms': PLURAL_FORMS,
				'Content-Type': 'text/plain; charset=UTF-8',
			},
			translations: { '': translations },
		} )
	);

	writeFileSync(
		path.join( languages(), scriptJson ),
		jed( SCREEN_STRINGS )
	);
	writeFileSync( path.join( languages(), chunkJson ), jed( CHUNK_STRINGS ) );
} );

test.afterAll( () => {
	rmSync( path.join( languages(), `fix-mailersend-${ LOCALE }.mo` ), {
		force: true,
	} );
	rmSync( path.join( languages(), scriptJson ), { force: true } );
	rmSync( path.join( languages(), chunkJson ), { force: true } );
	site( 'reset' );
} );

test( 'an admin whose language is German sees the screen in German, from PHP and from React', async ( {
	page,
} ) => {
	site( 'user-locale', { user: 'admin', locale: LOCALE } );
	// A failed email, as on a broken site: the headline is MailerSend's verdict.
	expect( site( 'send-mail' ).trim() ).toBe( 'false' );
	await page.goto( SCREEN );

	await expect( page.locator( 'html' ) ).toHaveAttribute( 'lang', 'de-DE' );

	// PHP: the menu entry under WP Mail SMTP and the page title (fix-mailersend-de_DE.mo).
	await expect(
		page
			.locator( '#toplevel_page_wp-mail-smtp' )
			.getByRole( 'link', { name: 'MailerSend reparieren' } )
	).toHaveAttribute( 'href', /page=fix-mailersend/ );
	await expect( page.getByRole( 'heading', { level: 1 } ) ).toHaveText( [
		'MailerSend reparieren',
	] );
	// PHP through the REST API: the verdict GET /status answers in the user's language.
	await expect( headline( page ) ).toContainText(
		'MailerSend erkennt dieses Token nicht'
	);

	// React: the screen's own words (the JSON file), placeholders filled in.
	const steps = page.getByRole( 'navigation', { name: 'Schritte' } );
	await expect(
		steps.getByRole( 'button', { name: /Neues Token holen/ } )
	).toBeVisible();
	await expect( page.getByRole( 'heading', { level: 2 } ) ).toHaveText(
		'Schritt 1 von 5: Diagnose'
	);

	// A step in a chunk of its own: its JSON file, printed with the page.
	await steps.getByRole( 'button', { name: /Neues Token holen/ } ).click();
	await expect(
		page.getByText( Object.values( CHUNK_STRINGS )[ 0 ] ?? '' )
	).toBeVisible();
} );

test( 'an admin in English still sees English (the translation is per user)', async ( {
	page,
} ) => {
	await page.goto( SCREEN );
	await expect( page.getByRole( 'heading', { level: 1 } ) ).toHaveText( [
		'Fix MailerSend',
	] );
	await expect(
		page.getByRole( 'navigation', { name: 'Steps' } )
	).toBeVisible();
} );
