/**
 * The release zip (`npm run plugin-zip`), installed as a site owner installs it: uploaded on
 * Plugins → Add New → Upload Plugin into a site whose plugins folder holds nothing else but
 * WP Mail SMTP, activated, and its screen opened. The zip has no vendor/: the fallback
 * autoloader (includes/autoload.php) must carry it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';

import {
	SCREEN,
	defineInWpConfig,
	expect,
	site,
	test,
} from './support/fixtures';

const ROOT = path.resolve( __dirname, '../..' );
const ZIP = path.join( ROOT, 'artifacts', 'e2e', 'fix-mailersend.zip' );
const wpDir = (): string => process.env.FMS_WP_DIR ?? '';
/** The site's plugins folder for this test: empty but for WP Mail SMTP (the stand-in). */
const PLUGINS = 'wp-content/plugins-from-zip';

/**
 * The zip's entries (`unzip -Z1`), without the folders.
 * @param zip
 */
function entries( zip: string ): string[] {
	return execFileSync( 'unzip', [ '-Z1', zip ], { encoding: 'utf8' } )
		.split( '\n' )
		.filter( ( name ) => name && ! name.endsWith( '/' ) );
}

test.describe( 'the release zip', () => {
	test.beforeAll( () => {
		test.setTimeout( 180_000 );
		mkdirSync( path.dirname( ZIP ), { recursive: true } );
		// The real command, with its own fresh build.
		execFileSync( 'bash', [ path.join( ROOT, 'bin/plugin-zip.sh' ), ZIP ], {
			cwd: ROOT,
			stdio: [ 'ignore', 'ignore', 'pipe' ],
		} );
	} );

	test.afterAll( () => {
		site( 'reset' );
		rmSync( path.join( wpDir(), PLUGINS ), {
			recursive: true,
			force: true,
		} );
	} );

	test( 'ships what the plugin needs and nothing else', () => {
		const names = entries( ZIP );
		expect(
			names.every( ( name ) => name.startsWith( 'fix-mailersend/' ) )
		).toBe( true );
		for ( const needed of [
			'plugin.php',
			'uninstall.php',
			'readme.txt',
			'includes/autoload.php',
			'includes/Plugin.php',
			'build/index.js',
			// The steps that load later (webpack chunks of the screen).
			'build/new-token-step.js',
			'build/paste-step.js',
			'build/test-email-step.js',
			'build/recover-step.js',
			'build/index.asset.php',
			'build/index.css',
			'build/index-rtl.css',
			'languages/fix-mailersend.pot',
		] ) {
			expect( names ).toContain( `fix-mailersend/${ needed }` );
		}
		const top = new Set(
			names.map( ( name ) => name.split( '/' ).slice( 0, 2 ).join( '/' ) )
		);
		expect( [ ...top ].sort() ).toEqual( [
			'fix-mailersend/build',
			'fix-mailersend/includes',
			'fix-mailersend/languages',
			'fix-mailersend/plugin.php',
			'fix-mailersend/readme.txt',
			'fix-mailersend/uninstall.php',
		] );
		expect(
			names.filter( ( name ) =>
				/\/\.|\.map$|\.tsx?$|\.scss$/.test( name )
			)
		).toEqual( [] );
	} );

	test( 'installs by upload into a fresh plugins folder, activates, and opens its screen', async ( {
		page,
		baseURL,
	} ) => {
		// A plugins folder with WP Mail SMTP only; Fix MailerSend is not installed there.
		const plugins = path.join( wpDir(), PLUGINS );
		rmSync( plugins, { recursive: true, force: true } );
		mkdirSync( plugins, { recursive: true } );
		symlinkSync(
			path.join( ROOT, 'tests/stand-ins/wp-mail-smtp' ),
			path.join( plugins, 'wp-mail-smtp' )
		);
		site( 'deactivate-fms' );
		defineInWpConfig( {
			WP_PLUGIN_DIR: plugins,
			WP_PLUGIN_URL: `${ baseURL }/${ PLUGINS }`,
		} );

		// Plugins → Add New → Upload Plugin.
		await page.goto( '/wp-admin/plugin-install.php?tab=upload' );
		await page.locator( '#pluginzip' ).setInputFiles( ZIP );
		await page.getByRole( 'button', { name: 'Install Now' } ).click();
		await expect(
			page.getByText( 'Plugin installed successfully.' )
		).toBeVisible();
		expect(
			existsSync( path.join( plugins, 'fix-mailersend/plugin.php' ) )
		).toBe( true );
		expect(
			existsSync( path.join( plugins, 'fix-mailersend/vendor' ) )
		).toBe( false );

		await page.getByRole( 'link', { name: 'Activate Plugin' } ).click();
		await expect( page.getByText( 'Plugin activated.' ) ).toBeVisible();

		// The screen's chunks (the steps that load later) come from the zip's copy too.
		const chunk = page.waitForResponse(
			( response ) =>
				new URL( response.url() ).pathname ===
					`/${ PLUGINS }/fix-mailersend/build/paste-step.js` &&
				response.status() === 200
		);
		// The plugins list's link to the screen, then the screen itself, from the zip's copy.
		await page
			.locator( 'tr[data-slug="fix-mailersend"]' )
			.getByRole( 'link', { name: 'Fix MailerSend', exact: true } )
			.click();
		await expect( page ).toHaveURL(
			new RegExp( `${ SCREEN.replace( /[?]/g, '\\?' ) }$` )
		);
		await expect(
			page.locator(
				`script[src*="/${ PLUGINS }/fix-mailersend/build/index.js"]`
			)
		).toHaveCount( 1 );
		await expect( page.getByRole( 'heading', { level: 1 } ) ).toHaveText( [
			'Fix MailerSend',
		] );
		// The React screen, with the status from the server (WP Mail SMTP's version, the
		// masked token on file).
		await expect(
			page.getByRole( 'navigation', { name: 'Steps' } )
		).toBeVisible();
		await expect( page.getByText( '4.8.0' ) ).toBeVisible();
		await expect(
			page.getByText( /mlsn\.\w+…\w{4}/ ).first()
		).toBeVisible();

		// A step in a chunk of its own.
		await page
			.getByRole( 'navigation', { name: 'Steps' } )
			.getByRole( 'button', { name: 'Paste and check', exact: true } )
			.click();
		await chunk;
		await expect(
			page.getByLabel( 'MailerSend API token', { exact: true } )
		).toBeVisible();
	} );
} );
