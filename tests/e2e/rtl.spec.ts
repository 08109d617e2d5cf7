/**
 * Right-to-left: wp-admin as Arabic or Hebrew sites see it (the test site's RTL switch stands
 * in for a language pack). The screen takes the RTL stylesheet, mirrors its layout, keeps
 * tokens and addresses left-to-right, and stays accessible.
 */
import path from 'node:path';

import { SCREEN, expect, expectAccessible, test } from './support/fixtures';
import { walkTo } from './support/screen';

test.beforeEach( async ( { context, baseURL } ) => {
	await context.addCookies( [
		{ name: 'fms_rtl', value: '1', url: baseURL ?? '' },
	] );
} );

test( 'the screen is mirrored, with tokens and addresses kept left-to-right', async ( {
	page,
} ) => {
	await page.goto( SCREEN );
	await expect( page.locator( 'html' ) ).toHaveAttribute( 'dir', 'rtl' );
	await expect(
		page.locator( 'link[href*="fix-mailersend/build/index-rtl.css"]' )
	).toHaveCount( 1 );

	// The step navigation runs from the right: step 1 right of step 2.
	const nav = page.getByRole( 'navigation', { name: 'Steps' } );
	const first = await nav
		.getByRole( 'button', { name: /Diagnose/ } )
		.boundingBox();
	const second = await nav
		.getByRole( 'button', { name: /Get a new token/ } )
		.boundingBox();
	expect( first && second && first.x > second.x ).toBe( true );

	// The masked token reads left-to-right inside right-to-left text.
	const masked = page.getByText( /^mlsn\.FA…Xpir$/ ).first();
	await expect( masked ).toHaveCSS( 'direction', 'ltr' );

	await walkTo( page, 3 );
	await expect( page.getByLabel( 'MailerSend API token' ) ).toHaveAttribute(
		'dir',
		'ltr'
	);
	await expectAccessible( page );
	await page.screenshot( {
		path: path.join(
			__dirname,
			'..',
			'..',
			'artifacts',
			'e2e',
			'screenshots',
			'rtl-step-3.png'
		),
		fullPage: true,
	} );
} );
