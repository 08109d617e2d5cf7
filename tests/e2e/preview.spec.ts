/**
 * The wordpress.org live preview (.wordpress-org/blueprints/blueprint.json) runs in WordPress
 * Playground, which cannot run here (it downloads WordPress). Its parts run on the test site
 * instead, exactly as the blueprint holds them: the demo MailerSend must-use plugin (the
 * writeFile step's data), the constant (defineWpConfigConsts) and the seeding code (runPHP, with
 * this site's path for Playground's /wordpress). The demo is off outside Playground by design,
 * so tests/e2e/support/demo-loader.php hooks it in. Then the fix must work as in the preview:
 * paste the demo token the screen shows, check, save, send a test email — with no request to
 * the MailerSend stand-in.
 */
import { execFileSync } from 'node:child_process';
import {
	copyFileSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import {
	SCREEN,
	defineInWpConfig,
	expect,
	site,
	standin,
	test,
	wpMailSmtpOption,
} from './support/fixtures';
import {
	checkButton,
	goToStep,
	headline,
	pasteVerdict,
	root,
	saveButton,
	tokenField,
	verdictId,
} from './support/screen';

type Step = { step: string; [ key: string ]: unknown };
type Blueprint = { landingPage: string; steps: Step[] };

const ROOT = path.join( __dirname, '..', '..' );
const blueprint = JSON.parse(
	readFileSync(
		path.join( ROOT, '.wordpress-org', 'blueprints', 'blueprint.json' ),
		'utf8'
	)
) as Blueprint;

const stepOf = ( name: string ): Step => {
	const found = blueprint.steps.find( ( step ) => step.step === name );
	if ( ! found ) {
		throw new Error( `The blueprint has no ${ name } step` );
	}
	return found;
};

const wpDir = (): string => {
	const dir = process.env.FMS_WP_DIR;
	if ( ! dir ) {
		throw new Error( 'FMS_WP_DIR is not set: run bash bin/test.sh e2e' );
	}
	return dir;
};

const muPlugins = (): string =>
	path.join( wpDir(), 'wp-content', 'mu-plugins' );
const demoFile = (): string =>
	path.join(
		muPlugins(),
		path.basename( String( stepOf( 'writeFile' ).path ) )
	);
const loaderFile = (): string =>
	path.join( muPlugins(), 'fms-demo-e2e-loader.php' );

/** Installs the preview's parts on the test site, as the blueprint's steps do. */
function installPreview(): void {
	const write = stepOf( 'writeFile' );
	expect( String( write.path ) ).toMatch(
		/^\/wordpress\/wp-content\/mu-plugins\/[^/]+\.php$/
	);
	writeFileSync( demoFile(), String( write.data ) );
	copyFileSync(
		path.join( __dirname, 'support', 'demo-loader.php' ),
		loaderFile()
	);
	defineInWpConfig(
		stepOf( 'defineWpConfigConsts' ).consts as Record< string, string >
	);

	// The runPHP step, on this site: its wp-load.php in place of Playground's.
	const code = String( stepOf( 'runPHP' ).code );
	expect( code ).toContain( "'/wordpress/wp-load.php'" );
	const dir = mkdtempSync( path.join( tmpdir(), 'fms-preview-' ) );
	try {
		const file = path.join( dir, 'seed.php' );
		writeFileSync(
			file,
			"<?php $_SERVER['HTTP_HOST'] = '127.0.0.1'; $_SERVER['REQUEST_URI'] = '/'; ?>" +
				code.replace(
					"'/wordpress/wp-load.php'",
					JSON.stringify(
						path.join( wpDir(), 'wp-load.php' )
					).replace( /"/g, "'" )
				)
		);
		execFileSync( 'php', [ file ], { env: process.env, stdio: 'pipe' } );
	} finally {
		rmSync( dir, { recursive: true, force: true } );
	}
}

function removePreview(): void {
	rmSync( demoFile(), { force: true } );
	rmSync( loaderFile(), { force: true } );
	site( 'reset' ); // also removes wp-config-local.php
}

test.describe( 'the live preview', () => {
	test.afterEach( () => removePreview() );

	test( 'starts broken, says MailerSend is a demo, and is fixed with the demo token it shows', async ( {
		page,
	} ) => {
		expect( blueprint.landingPage ).toBe( SCREEN );
		installPreview();

		// Broken the way the preview is: the revoked demo token, and WP Mail SMTP's failed email.
		const before = wpMailSmtpOption();
		expect( before.mail?.mailer ).toBe( 'mailersend' );
		await page.goto( blueprint.landingPage );
		const notice = page.locator( '.fms-demo-notice' );
		await expect( notice ).toContainText(
			'Live preview — demo MailerSend.'
		);
		await expect( notice ).toContainText( 'mlsn.DE…Gone' );
		await expect( verdictId( headline( page ) ) ).toHaveText(
			'unauthenticated'
		);
		await expect( root( page ) ).toContainText( 'mlsn.DE…Gone' );
		await expect(
			page
				.locator( '.fms-facts--main' )
				.getByRole( 'definition' )
				.filter( { hasText: 'Unauthenticated.' } )
		).toContainText( 'HTTP status: 401' );

		// The token to paste is the one the notice shows.
		const demoToken = (
			await notice.locator( '.fms-demo-token' ).textContent()
		)?.trim();
		expect( demoToken ).toMatch( /^mlsn\.DEMO[A-Za-z0-9]+Work$/ );

		await goToStep( page, 'Paste and check' );
		await tokenField( page ).fill( demoToken ?? '' );
		await checkButton( page ).click();
		await expect( verdictId( pasteVerdict( page ) ) ).toHaveText( 'valid' );
		await saveButton( page ).click();
		await expect(
			root( page ).getByText( 'Token saved.', { exact: true } )
		).toBeVisible();
		expect( wpMailSmtpOption() ).toEqual( {
			...before,
			mailersend: { ...before.mailersend, api_key: demoToken },
		} );

		await goToStep( page, 'Send a test email' );
		await root( page )
			.getByRole( 'button', { name: 'Send test email' } )
			.click();
		await expect(
			root( page ).getByText( 'MailerSend accepted the test email.', {
				exact: true,
			} )
		).toBeVisible();
		await expect(
			root( page ).getByText( /^MailerSend message ID: [0-9a-f]{24}$/ )
		).toBeVisible();

		// The demo answered everything: nothing reached the MailerSend stand-in.
		expect( await standin.requests() ).toEqual( [] );
	} );

	test( 'a token of another MailerSend account is refused by the demo, and not saved', async ( {
		page,
	} ) => {
		installPreview();
		const before = wpMailSmtpOption();
		await page.goto( blueprint.landingPage );
		const other = (
			await page
				.locator( '.fms-demo-notice code' )
				.filter( { hasText: /Othr$/ } )
				.textContent()
		)?.trim();
		await goToStep( page, 'Paste and check' );
		await tokenField( page ).fill( other ?? '' );
		await checkButton( page ).click();
		await expect( verdictId( pasteVerdict( page ) ) ).toHaveText(
			'domain_unverified'
		);
		await expect( saveButton( page ) ).toHaveCount( 0 );
		expect( wpMailSmtpOption() ).toEqual( before );
		expect( await standin.requests() ).toEqual( [] );
	} );
} );
