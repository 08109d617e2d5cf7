/**
 * Everything is keyboard-usable and announced: the four steps are reached with Tab and Enter,
 * focus moves to the step's heading, verdicts land in WordPress's live regions (speak()),
 * and an axe scan of each step finds no serious or critical violation.
 */
import type { Page } from '@playwright/test';

import { expect, expectAccessible, test, token } from './support/fixtures';
import {
	headline,
	openFailingSite,
	openScreen,
	root,
	stepButton,
	STEP_NAMES,
	stepHeading,
	tokenField,
	verdictId,
	pasteVerdict,
	walkTo,
	type StepName,
	type StepNumber,
} from './support/screen';

const polite = ( page: Page ) => page.locator( '#a11y-speak-polite' );
const assertive = ( page: Page ) => page.locator( '#a11y-speak-assertive' );

test( 'the five steps are reached with Tab and Enter, and focus moves to the step heading', async ( {
	page,
} ) => {
	await openScreen( page );

	// From the top of the page, as a keyboard user: the skip link, then into the screen.
	await page.keyboard.press( 'Tab' );
	await expect(
		page.getByRole( 'link', { name: 'Skip to main content' } )
	).toBeFocused();
	await page.keyboard.press( 'Enter' );
	// The skip link lands in the content: the step navigation is its first stop.
	await page.keyboard.press( 'Tab' );
	const diagnose = stepButton( page, 'Diagnose' );
	await expect( diagnose ).toBeFocused();
	await expect( diagnose ).toHaveAttribute( 'aria-current', 'step' );

	const expectStep = async ( number: number, name: StepName ) => {
		await expect( stepHeading( page ) ).toHaveText(
			`Step ${ number } of 5: ${ name }`
		);
		await expect( stepHeading( page ) ).toBeFocused();
		await expect( stepButton( page, name ) ).toHaveAttribute(
			'aria-current',
			'step'
		);
	};

	// Diagnose → (Tab) Get a new token.
	await page.keyboard.press( 'Tab' );
	await expect( stepButton( page, 'Get a new token' ) ).toBeFocused();
	await page.keyboard.press( 'Enter' );
	await expectStep( 2, 'Get a new token' );

	// Back from the heading: the last step button comes first.
	await page.keyboard.press( 'Shift+Tab' );
	await expect( stepButton( page, 'Recover' ) ).toBeFocused();
	await page.keyboard.press( 'Shift+Tab' );
	await expect( stepButton( page, 'Send a test email' ) ).toBeFocused();
	await page.keyboard.press( 'Shift+Tab' );
	await expect( stepButton( page, 'Paste and check' ) ).toBeFocused();
	await page.keyboard.press( 'Enter' );
	await expectStep( 3, 'Paste and check' );

	await page.keyboard.press( 'Shift+Tab' );
	await page.keyboard.press( 'Shift+Tab' );
	await page.keyboard.press( 'Enter' );
	await expectStep( 4, 'Send a test email' );

	await page.keyboard.press( 'Shift+Tab' );
	await page.keyboard.press( 'Enter' );
	await expectStep( 5, 'Recover' );

	for ( let presses = 0; presses < 5; presses++ ) {
		await page.keyboard.press( 'Shift+Tab' );
	}
	await expect( stepButton( page, 'Diagnose' ) ).toBeFocused();
	await page.keyboard.press( 'Enter' );
	await expectStep( 1, 'Diagnose' );
	await expect( headline( page ) ).toBeVisible();
} );

test( 'the diagnosis and the result of a check are announced to screen readers', async ( {
	page,
} ) => {
	await openFailingSite( page );
	// An error is announced assertively.
	await expect( assertive( page ) ).toContainText(
		'MailerSend does not recognise this token'
	);

	// The whole check by keyboard: the field, the show/hide toggle, Check token.
	await stepButton( page, 'Paste and check' ).press( 'Enter' );
	await expect( stepHeading( page ) ).toBeFocused();
	await page.keyboard.press( 'Tab' );
	await expect( tokenField( page ) ).toBeFocused();
	await page.keyboard.insertText( token( 'valid_full' ) );
	await page.keyboard.press( 'Tab' );
	await expect(
		root( page ).getByRole( 'button', { name: 'Show token' } )
	).toBeFocused();
	await page.keyboard.press( 'Enter' );
	await expect( tokenField( page ) ).toHaveAttribute( 'type', 'text' );
	await expect(
		root( page ).getByRole( 'button', { name: 'Hide token' } )
	).toHaveAttribute( 'aria-pressed', 'true' );
	await page.keyboard.press( 'Tab' );
	await expect(
		root( page ).getByRole( 'button', { name: 'Check token' } )
	).toBeFocused();
	await page.keyboard.press( 'Enter' );

	await expect( verdictId( pasteVerdict( page ) ) ).toHaveText( 'valid' );
	await expect( polite( page ) ).toContainText( 'The token works' );
	await expect( polite( page ) ).toContainText(
		'MailerSend recognised this API token.'
	);
	// The token itself is never read out.
	await expect( polite( page ) ).not.toContainText( token( 'valid_full' ) );
	// Each announcement replaces the previous one.
	await expect( assertive( page ) ).toBeEmpty();

	// A bad token: announced assertively.
	await tokenField( page ).fill( token( 'expired' ) );
	await root( page )
		.getByRole( 'button', { name: 'Check token' } )
		.press( 'Enter' );
	await expect( verdictId( pasteVerdict( page ) ) ).toHaveText(
		'unauthenticated'
	);
	await expect( assertive( page ) ).toContainText(
		'MailerSend does not recognise this token'
	);
	await expect( assertive( page ) ).toContainText(
		'deleted, regenerated, expired or mistyped'
	);
} );

const STATES: Record< StepNumber, string > = {
	1: 'the failing diagnosis',
	2: 'the checklist',
	3: 'a checked valid token, ready to save',
	4: 'an accepted test email',
	5: 'the held emails, ready to resend',
};

for ( const step of [ 1, 2, 3, 4, 5 ] as const ) {
	test( `axe finds no serious or critical violation in step ${ step }: ${ STATES[ step ] }`, async ( {
		page,
	} ) => {
		await walkTo( page, step );
		await expect( stepHeading( page ) ).toHaveText(
			new RegExp( `^Step ${ step } of 5: ${ STEP_NAMES[ step - 1 ] }$` )
		);
		await expectAccessible( page );
	} );
}
