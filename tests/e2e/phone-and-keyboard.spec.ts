/**
 * The screen on a phone (390 px wide) and by keyboard: the facts stack label above value and
 * never cut a word, a token or an address across lines; step headings show a focus ring for
 * keyboard focus only; after Save the focus lands on the result, which is announced. Also the
 * WP Mail SMTP versions that work (4.5–4.7) are a fact, not the headline.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';

import {
	defineInWpConfig,
	expect,
	expectAccessible,
	site,
	test,
	token,
} from './support/fixtures';
import {
	headline,
	openFailingSite,
	openScreen,
	root,
	saveButton,
	stepButton,
	stepHeading,
	walkTo,
} from './support/screen';

const SCREENSHOTS = path.join(
	__dirname,
	'..',
	'..',
	'artifacts',
	'e2e',
	'screenshots'
);

/**
 * The words of the facts lists (the Diagnose step's and those of the open "Technical details")
 * that the browser laid out on more than one line: a word cut in two yields two boxes.
 *
 * @param page The page.
 */
function brokenWords( page: Page ): Promise< string[] > {
	return root( page ).evaluate( ( screen ) => {
		const broken: string[] = [];
		for ( const value of screen.querySelectorAll( '.fms-facts dd' ) ) {
			const walker = document.createTreeWalker(
				value,
				NodeFilter.SHOW_TEXT
			);
			for (
				let node = walker.nextNode();
				node;
				node = walker.nextNode()
			) {
				const text = node.textContent ?? '';
				for ( const word of text.matchAll( /\S+/g ) ) {
					const range = document.createRange();
					range.setStart( node, word.index );
					range.setEnd( node, word.index + word[ 0 ].length );
					const boxes = [ ...range.getClientRects() ].filter(
						( box ) => box.width > 0
					);
					if ( boxes.length > 1 ) {
						broken.push( word[ 0 ] );
					}
				}
			}
		}
		return broken;
	} );
}

/**
 * How many lines an element takes (one box per line for an inline element).
 *
 * @param page     The page.
 * @param selector Inside the screen.
 */
function lines( page: Page, selector: string ): Promise< number[] > {
	return root( page )
		.locator( selector )
		.evaluateAll( ( elements ) =>
			elements.map( ( element ) => element.getClientRects().length )
		);
}

test.describe( 'on a phone', () => {
	test.use( { viewport: { width: 390, height: 844 } } );

	test( 'the facts stack label above value and keep words, tokens and addresses whole', async ( {
		page,
	} ) => {
		await openFailingSite( page );
		await headline( page ).getByText( 'Technical details' ).click();

		// Each label above its value, over the whole width of the list.
		const rows = await root( page )
			.locator( '.fms-facts--main .fms-facts__row' )
			.evaluateAll( ( elements ) =>
				elements.map( ( row ) => {
					const [ label, value ] = [ 'dt', 'dd' ].map( ( tag ) =>
						row.querySelector( tag )!.getBoundingClientRect()
					);
					return {
						stacked: value!.top >= label!.bottom,
						fullWidth:
							label!.width >= row.clientWidth - 1 &&
							value!.width >= row.clientWidth - 1,
					};
				} )
			);
		expect( rows ).toHaveLength( 6 );
		expect( rows ).toEqual(
			rows.map( () => ( { stacked: true, fullWidth: true } ) )
		);

		expect( await brokenWords( page ) ).toEqual( [] );
		// The masked token and the From address: one box each, on one line.
		expect( await lines( page, '.fms-facts code' ) ).not.toEqual( [] );
		expect(
			( await lines( page, '.fms-facts code' ) ).every( ( n ) => n === 1 )
		).toBe( true );
		await expect(
			root( page ).getByText( 'wordpress@example.com', { exact: true } )
		).toBeVisible();
		expect(
			await root( page )
				.getByText( 'wordpress@example.com', { exact: true } )
				.evaluate( ( element ) => element.getClientRects().length )
		).toBe( 1 );
		// Nothing sticks out of the page sideways.
		expect(
			await page.evaluate(
				() => document.documentElement.scrollWidth <= window.innerWidth
			)
		).toBe( true );

		await page.screenshot( {
			path: path.join( SCREENSHOTS, 'phone-step-1.png' ),
			fullPage: true,
		} );
	} );

	test( 'after the fix, the facts are whole words too', async ( {
		page,
	} ) => {
		await walkTo( page, 4 );
		await stepButton( page, 'Diagnose' ).click();
		await expect( headline( page ) ).toContainText( 'The token works' );
		await headline( page ).getByText( 'Technical details' ).click();

		expect( await brokenWords( page ) ).toEqual( [] );
		expect(
			( await lines( page, '.fms-facts code' ) ).every( ( n ) => n === 1 )
		).toBe( true );
		await expectAccessible( page );
		await page.screenshot( {
			path: path.join( SCREENSHOTS, 'phone-step-1-fixed.png' ),
			fullPage: true,
		} );
	} );
} );

/**
 * Whether the focused element matches :focus-visible and shows an outline.
 *
 * @param page The page.
 */
function focusRing( page: Page ) {
	return page.locator( 'body' ).evaluate( ( body ) => {
		const element = body.ownerDocument.activeElement as HTMLElement;
		const style = getComputedStyle( element );
		return {
			focusVisible: element.matches( ':focus-visible' ),
			outline:
				style.outlineStyle !== 'none' &&
				parseFloat( style.outlineWidth ) > 0,
		};
	} );
}

test( 'a step heading shows a focus ring after keyboard focus only', async ( {
	page,
} ) => {
	await openScreen( page );

	// With the mouse: the heading takes the focus (screen readers start there), no ring.
	await stepButton( page, 'Get a new token' ).click();
	await expect( stepHeading( page ) ).toBeFocused();
	expect( await focusRing( page ) ).toEqual( {
		focusVisible: false,
		outline: false,
	} );
	// Clicking the heading itself draws no box either.
	await stepHeading( page ).click();
	await expect( stepHeading( page ) ).toBeFocused();
	expect( await focusRing( page ) ).toEqual( {
		focusVisible: false,
		outline: false,
	} );

	// With the keyboard: back to the step navigation (its last button), Enter.
	await page.keyboard.press( 'Shift+Tab' );
	await expect( stepButton( page, 'Recover' ) ).toBeFocused();
	await page.keyboard.press( 'Enter' );
	await expect( stepHeading( page ) ).toHaveText( 'Step 5 of 5: Recover' );
	await expect( stepHeading( page ) ).toBeFocused();
	expect( await focusRing( page ) ).toEqual( {
		focusVisible: true,
		outline: true,
	} );
} );

test( 'after Save the focus moves to the result, which is announced', async ( {
	page,
} ) => {
	await walkTo( page, 3 );
	await saveButton( page ).focus();
	await page.keyboard.press( 'Enter' );

	const saved = root( page ).getByRole( 'heading', { name: 'Token saved.' } );
	await expect( saved ).toBeFocused();
	expect( await focusRing( page ) ).toEqual( {
		focusVisible: true,
		outline: true,
	} );
	await expect( page.locator( '#a11y-speak-polite' ) ).toContainText(
		'Token saved.'
	);
	await expectAccessible( page );
} );

test.describe( 'WP Mail SMTP 4.5 to 4.7', () => {
	test.afterEach( () => {
		site( 'reset' );
	} );

	test( 'work: the version is a fact, and the headline says what matters', async ( {
		page,
	} ) => {
		defineInWpConfig( {
			WPMS_PLUGIN_VER: '4.7.1',
			WPMS_ON: true,
			WPMS_MAILERSEND_API_KEY: token( 'valid_full' ),
		} );
		await openScreen( page );
		await expect( headline( page ) ).toContainText(
			'The saved token has not been checked yet'
		);
		await expect( headline( page ) ).not.toContainText( 'Update' );
		await expect(
			root( page )
				.locator( '.fms-facts__row' )
				.filter( { hasText: 'WP Mail SMTP' } )
				.first()
		).toContainText( 'WP Mail SMTP Lite 4.7.1, active' );
	} );

	test( 'older than 4.5, which has no MailerSend mailer, is too old', async ( {
		page,
	} ) => {
		defineInWpConfig( {
			WPMS_PLUGIN_VER: '4.4.2',
			WPMS_ON: true,
			WPMS_MAILERSEND_API_KEY: token( 'valid_full' ),
		} );
		await openScreen( page );
		await expect( headline( page ) ).toContainText(
			'Update WP Mail SMTP to 4.5.0 or newer'
		);
	} );
} );
