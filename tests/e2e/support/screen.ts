/**
 * The Fix MailerSend screen as a user sees it: the steps, the token field, the verdicts.
 * Locators use the labels and roles the screen shows (src/components/*.tsx); the few
 * class names used are the screen's own (fms-…), never @wordpress/components internals.
 */
import { expect, type Locator, type Page } from '@playwright/test';

import { SCREEN, site, standin, token, type RecordedRequest } from './fixtures';

export type StepName =
	| 'Diagnose'
	| 'Get a new token'
	| 'Paste and check'
	| 'Send a test email'
	| 'Recover';

export type StepNumber = 1 | 2 | 3 | 4 | 5;

/**
 * The steps of the test site: it sends through MailerSend, so Recover (the held emails) is
 * offered as the fifth.
 */
export const STEP_NAMES: readonly StepName[] = [
	'Diagnose',
	'Get a new token',
	'Paste and check',
	'Send a test email',
	'Recover',
];

/**
 * The screen's mount point (WordPress's a11y-speak live regions are outside it).
 *
 * @param page The page.
 */
export function root( page: Page ): Locator {
	return page.locator( '#fix-mailersend-root' );
}

/**
 * The h2 of the current step ("Step 2 of 5: Get a new token"); it takes the focus when
 * the step changes.
 *
 * @param page The page.
 */
export function stepHeading( page: Page ): Locator {
	return root( page ).getByRole( 'heading', {
		level: 2,
		name: /^Step \d of [45]:/,
	} );
}

/**
 * A button of the step navigation.
 *
 * @param page The page.
 * @param name The step's name.
 */
export function stepButton( page: Page, name: StepName ): Locator {
	return page
		.getByRole( 'navigation', { name: 'Steps' } )
		.getByRole( 'button', { name, exact: true } );
}

/**
 * The Diagnose step's headline: the one verdict the screen leads with.
 *
 * @param page The page.
 */
export function headline( page: Page ): Locator {
	return root( page ).locator( '.fms-headline' );
}

/**
 * Opens the screen (on Diagnose) and waits for the diagnosis.
 *
 * @param page The page.
 * @param url  The screen's address.
 */
export async function openScreen(
	page: Page,
	url: string = SCREEN
): Promise< void > {
	await page.goto( url );
	await expect( headline( page ) ).toBeVisible();
}

/**
 * Goes to a step with the step navigation, as a mouse user does.
 *
 * @param page The page.
 * @param name The step's name.
 */
export async function goToStep( page: Page, name: StepName ): Promise< void > {
	await stepButton( page, name ).click();
	await expect( stepHeading( page ) ).toHaveText(
		new RegExp( `: ${ name }$` )
	);
}

/**
 * The password-style token field of step 3.
 *
 * @param page The page.
 */
export function tokenField( page: Page ): Locator {
	return root( page ).getByLabel( 'MailerSend API token', { exact: true } );
}

/**
 * "Check token" ("Checking…" while it waits for the server).
 *
 * @param page The page.
 */
export function checkButton( page: Page ): Locator {
	return root( page ).getByRole( 'button', {
		name: /^(Check token|Checking…)$/,
	} );
}

/**
 * "Save token", offered only for a token that passed the check.
 *
 * @param page The page.
 */
export function saveButton( page: Page ): Locator {
	return root( page ).getByRole( 'button', {
		name: 'Save token',
		exact: true,
	} );
}

/**
 * The verdict shown in step 3: the latest answer about the pasted token.
 *
 * @param page The page.
 */
export function pasteVerdict( page: Page ): Locator {
	return root( page ).locator( '.fms-paste .fms-verdict' );
}

/**
 * The local hint under the token field; `data-local-verdict` holds its local verdict id.
 *
 * @param page The page.
 */
export function localHint( page: Page ): Locator {
	return root( page ).locator( '.fms-paste [data-local-verdict]' );
}

/**
 * The verdict id a verdict notice shows in its "Technical details" (the "Verdict" row).
 *
 * @param notice A verdict notice.
 */
export function verdictId( notice: Locator ): Locator {
	return notice
		.locator( '.fms-verdict__evidence .fms-facts__row' )
		.filter( {
			has: notice.page().getByText( 'Verdict', { exact: true } ),
		} )
		.locator( 'dd' );
}

/**
 * Fills the token field and presses Check token; waits for the verdict.
 *
 * @param page  The page.
 * @param value What the user pastes.
 */
export async function checkPastedToken(
	page: Page,
	value: string
): Promise< Locator > {
	await tokenField( page ).fill( value );
	await checkButton( page ).click();
	const verdict = pasteVerdict( page );
	await expect( verdict ).toBeVisible();
	return verdict;
}

/** The real emails the stand-in received (not the deep check's `to: []` probe). */
export async function sentEmails(): Promise< RecordedRequest[] > {
	return ( await standin.requests() ).filter( ( request ) => {
		if ( request.method !== 'POST' || request.path !== '/v1/email' ) {
			return false;
		}
		const to =
			typeof request.body === 'object' && request.body !== null
				? request.body.to
				: null;
		return Array.isArray( to ) && to.length > 0;
	} );
}

/**
 * Brings the site to the state of mail failing with "Unauthenticated." (it starts with the
 * `expired` token: one email sent through wp_mail() fails) and opens the Diagnose step.
 * The stand-in's record starts empty after that send.
 *
 * @param page The page.
 */
export async function openFailingSite( page: Page ): Promise< void > {
	expect(
		site( 'send-mail' ).trim(),
		'wp_mail() fails with the expired token'
	).toBe( 'false' );
	// Forget that failed send: the tests look at what the screen asks MailerSend.
	await standin.clear();
	await openScreen( page );
	await expect( headline( page ) ).toContainText(
		'MailerSend does not recognise this token'
	);
}

/**
 * Walks the journey of a site whose mail fails with "Unauthenticated." up to a step, and
 * leaves the screen there in a realistic state:
 * 1. the failing diagnosis; 2. the checklist, two items ticked; 3. `valid_full` pasted and
 * checked, ready to save; 4. the token saved and a test email accepted; 5. the held emails,
 * with a comment notification, a password reset and an email with an attachment that
 * failed before the fix (sent before the walk starts), ready to resend.
 *
 * @param page The page.
 * @param step The step to stop at.
 */
export async function walkTo( page: Page, step: StepNumber ): Promise< void > {
	if ( step === 5 ) {
		sendFailingEmails();
	}
	await openFailingSite( page );
	if ( step === 1 ) {
		return;
	}
	await headline( page )
		.getByRole( 'button', { name: 'Get a new token' } )
		.click();
	await expect( stepHeading( page ) ).toHaveText(
		'Step 2 of 5: Get a new token'
	);
	if ( step === 2 ) {
		const items = root( page )
			.locator( '.fms-checklist' )
			.getByRole( 'checkbox' );
		await items.nth( 0 ).check();
		await items.nth( 1 ).check();
		return;
	}
	await root( page )
		.getByRole( 'button', { name: 'I have my token: go to step 3' } )
		.click();
	await expect( stepHeading( page ) ).toHaveText(
		'Step 3 of 5: Paste and check'
	);
	await checkPastedToken( page, token( 'valid_full' ) );
	await expect( verdictId( pasteVerdict( page ) ) ).toHaveText( 'valid' );
	await expect( saveButton( page ) ).toBeVisible();
	if ( step === 3 ) {
		return;
	}
	await saveButton( page ).click();
	await root( page )
		.locator( '.fms-paste' )
		.getByRole( 'button', { name: 'Send a test email' } )
		.click();
	await expect( stepHeading( page ) ).toHaveText(
		'Step 4 of 5: Send a test email'
	);
	await root( page )
		.getByRole( 'button', { name: 'Send test email' } )
		.click();
	await expect(
		root( page ).getByText( 'MailerSend accepted the test email.', {
			exact: true,
		} )
	).toBeVisible();
	if ( step === 4 ) {
		return;
	}
	await goToStep( page, 'Recover' );
	await expect(
		root( page ).getByRole( 'button', { name: /^Resend \d+ selected/ } )
	).toBeVisible();
}

/**
 * The site sends three emails while the token is broken (each fails and, but the password
 * reset, is held whole): WordPress's comment notification and password reset, and the demo
 * contact form's email with its submission attached (the form deletes the file right after).
 *
 * @return The attachment's name.
 */
export function sendFailingEmails(): string {
	site( 'send-comment-notification' );
	expect(
		site( 'send-password-reset' ).trim(),
		'the password reset fails with the broken token'
	).toBe( 'false' );
	expect(
		site( 'send-contact-form' ).trim(),
		'the contact form email fails with the broken token'
	).toBe( 'false' );
	return 'submission.csv';
}
