/**
 * Full-page screenshots of the five steps in a realistic state, for the readme's
 * "Screenshots" section. Always written to artifacts/e2e/screenshots/ (git-ignored);
 * copied to .wordpress-org/screenshot-N.png only with FMS_UPDATE_SCREENSHOTS=1, so that a
 * normal run leaves the repository clean.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { expect, test } from './support/fixtures';
import { walkTo, type StepNumber } from './support/screen';

const ROOT = path.resolve( __dirname, '..', '..' );
const ARTIFACTS = path.join( ROOT, 'artifacts', 'e2e', 'screenshots' );
const ASSETS = path.join( ROOT, '.wordpress-org' );
/** Where the pictures are copied besides artifacts/: .wordpress-org/ only when asked. */
const COPY_TO = process.env.FMS_UPDATE_SCREENSHOTS === '1' ? [ ASSETS ] : [];

/** The readme's captions, in order (readme.txt, == Screenshots ==). */
const SHOTS: Record< StepNumber, string > = {
	1: 'step-1-diagnose',
	2: 'step-2-new-token',
	3: 'step-3-paste-and-check',
	4: 'step-4-test-email',
	5: 'step-5-recover',
};

test.use( { viewport: { width: 1280, height: 800 } } );

for ( const step of [ 1, 2, 3, 4, 5 ] as const ) {
	test( `screenshot of step ${ step } (${ SHOTS[ step ] })`, async ( {
		page,
	} ) => {
		await walkTo( page, step );
		// No focus ring or hover effect from the last click in the picture.
		await page
			.locator( 'body' )
			.evaluate( ( body ) =>
				(
					body.ownerDocument.activeElement as HTMLElement | null
				 )?.blur()
			);
		await page.mouse.move( 1270, 790 );
		// A viewport as tall as the page: WordPress's fixed admin menu background then reaches
		// the bottom of the full-page picture.
		const height = await page.evaluate(
			() => document.documentElement.scrollHeight
		);
		await page.setViewportSize( {
			width: 1280,
			height: Math.max( 800, height ),
		} );

		mkdirSync( ARTIFACTS, { recursive: true } );
		const file = path.join( ARTIFACTS, `${ SHOTS[ step ] }.png` );
		await page.screenshot( {
			path: file,
			fullPage: true,
			animations: 'disabled',
			caret: 'hide',
		} );
		const png = readFileSync( file );
		expect( png.subarray( 1, 4 ).toString() ).toBe( 'PNG' );

		for ( const dir of COPY_TO ) {
			mkdirSync( dir, { recursive: true } );
			copyFileSync( file, path.join( dir, `screenshot-${ step }.png` ) );
		}
	} );
}
