/**
 * Logs in once per role through wp-login.php and keeps the cookies for the tests.
 */
import { chromium, type FullConfig } from '@playwright/test';

export const AUTH_DIR = './.cache/e2e';

export default async function globalSetup(
	config: FullConfig
): Promise< void > {
	const project = config.projects[ 0 ];
	const baseURL = project?.use.baseURL;
	if ( ! baseURL ) {
		throw new Error( 'baseURL is not set (FMS_SITE_URL).' );
	}
	const browser = await chromium.launch( project.use.launchOptions );
	for ( const role of [ 'admin', 'editor' ] ) {
		const page = await browser.newPage( { baseURL } );
		await page.goto( '/wp-login.php' );
		await page.locator( '#user_login' ).fill( role );
		await page.locator( '#user_pass' ).fill( 'password' );
		await page.locator( '#wp-submit' ).click();
		await page.waitForURL( /wp-admin/ );
		await page
			.context()
			.storageState( { path: `${ AUTH_DIR }/${ role }.json` } );
		await page.close();
	}
	await browser.close();
}
