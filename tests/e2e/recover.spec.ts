/**
 * Recovering an outage (issue 9): while the token is broken the site sends a comment
 * notification, a password reset and a contact form's email with an attachment; all three fail. After the
 * token is fixed on the screen, Diagnose reports the outage and Recover resends exactly the
 * two that should go: the password reset is listed but not sendable (its link is never kept),
 * and the database holds no copy of its reset key.
 */
import { callApi } from './support/api';
import {
	expect,
	expectAccessible,
	SCREEN,
	site,
	standin,
	test,
	token,
	type RecordedRequest,
} from './support/fixtures';
import {
	checkPastedToken,
	goToStep,
	openScreen,
	root,
	saveButton,
	sendFailingEmails,
	sentEmails,
	stepHeading,
	verdictId,
} from './support/screen';

/** The demo contact form's email: it has the attachment. */
const CONTACT = 'New contact form submission from Ada Visitor';

/**
 * The subject of a request to MailerSend's POST /v1/email.
 * @param request
 */
function subject( request: RecordedRequest ): string {
	return typeof request.body === 'object' && request.body !== null
		? String( request.body.subject ?? '' )
		: '';
}

/**
 * The text of a request to MailerSend's POST /v1/email (text, else HTML).
 * @param request
 */
function text( request: RecordedRequest ): string {
	if ( typeof request.body !== 'object' || request.body === null ) {
		return '';
	}
	return String( request.body.text ?? request.body.html ?? '' );
}

test( 'an outage is reported, held, and resent after the fix: exactly the two emails that should go', async ( {
	page,
} ) => {
	// The site starts broken (MailerSend refuses its token): every email fails.
	const attachment = sendFailingEmails();

	// The password reset went out to MailerSend (refused): its link holds the reset key.
	const failed = await standin.requests();
	const reset = failed.find( ( request ) =>
		/Password Reset/.test( subject( request ) )
	);
	expect( reset, 'the password reset reached MailerSend' ).toBeDefined();
	const key = /[?&]key=([A-Za-z0-9]+)/.exec( text( reset! ) )?.[ 1 ] ?? '';
	expect( key.length, 'the reset link carries a key' ).toBeGreaterThan( 8 );
	const moderation =
		failed.map( subject ).find( ( s ) => /Please moderate/.test( s ) ) ??
		'';
	expect( moderation, 'the comment notification was sent' ).not.toBe( '' );

	// Diagnose: the outage in one sentence, the details folded.
	await openScreen( page );
	const outage = root( page ).locator( '.fms-outage' );
	await expect( outage.locator( '.fms-outage__summary' ) ).toContainText(
		'3 emails failed'
	);
	await outage.getByText( 'Details of the failures' ).click();
	const senders = outage
		.getByRole( 'definition' )
		.filter( { hasText: 'WordPress: 2' } );
	await expect( senders ).toBeVisible();
	await expect( senders ).toContainText( 'Demo Contact Form' );
	await expect( outage ).toContainText(
		'MailerSend does not recognise this token: 3'
	);
	await expect( outage ).toContainText( /waiting to be resent/ );

	// Recover before the fix: listed, but resending waits for a proven token.
	await goToStep( page, 'Recover' );
	await expect( stepHeading( page ) ).toHaveText( 'Step 5 of 5: Recover' );
	const resend = root( page ).getByRole( 'button', {
		name: 'Resend 2 selected emails',
	} );
	await expect( resend ).toHaveAttribute( 'aria-disabled', 'true' );
	await expect(
		root( page ).getByText(
			/Resending is possible once the token is proven/
		)
	).toBeVisible();

	// Fix the token on the screen.
	await goToStep( page, 'Paste and check' );
	await expect(
		verdictId( await checkPastedToken( page, token( 'valid_full' ) ) )
	).toHaveText( 'valid' );
	await saveButton( page ).click();
	await expect(
		root( page ).getByRole( 'heading', { name: 'Token saved.' } )
	).toBeVisible();

	// Recover: the three emails; the reset is listed, not sendable, with the advice.
	await goToStep( page, 'Recover' );
	const rows = root( page ).locator( 'table.fms-held tbody tr' );
	await expect( rows ).toHaveCount( 3 );
	const resetRow = rows.filter( { hasText: 'Password Reset' } );
	await expect( resetRow.getByRole( 'checkbox' ) ).toHaveCount( 0 );
	await expect( resetRow ).toContainText(
		'ask the person to request a new link'
	);
	await expect(
		rows
			.filter( { hasText: CONTACT } )
			.getByRole( 'checkbox', { name: `Resend “${ CONTACT }”` } )
	).toBeChecked();
	await expect(
		rows.filter( { hasText: 'Please moderate' } ).getByRole( 'checkbox' )
	).toBeChecked();
	await expectAccessible( page );

	// A preview, as plain text, with the attachment kept (its file was deleted by its sender).
	await root( page ).getByRole( 'button', { name: CONTACT } ).click();
	const dialog = page.getByRole( 'dialog', { name: CONTACT } );
	await expect( dialog.locator( 'pre' ) ).toContainText(
		'Please send me your price list.'
	);
	await expect( dialog ).toContainText( attachment );
	await dialog.getByRole( 'button', { name: 'Close' } ).click();
	await expect( dialog ).toBeHidden();

	// Resend: only these requests count.
	await standin.clear();
	await expect( resend ).not.toHaveAttribute( 'aria-disabled' );
	await resend.click();
	await expect(
		root( page ).getByText( 'Resending finished. Sent: 2. Failed: 0.' )
	).toBeVisible();
	await expect( rows.filter( { hasText: CONTACT } ) ).toContainText( 'Sent' );
	await expect( rows.filter( { hasText: 'Please moderate' } ) ).toContainText(
		/Sent\s*Message ID: \S+/
	);
	await expect( resetRow ).toContainText( 'Cannot be resent' );

	// The MailerSend stand-in received exactly the two, the attachment by its name.
	const sent = await sentEmails();
	expect( sent.map( subject ).sort() ).toEqual(
		[ CONTACT, moderation ].sort()
	);
	for ( const request of sent ) {
		expect( request.token_name ).toBe( 'valid_full' );
	}
	const report = sent.find( ( request ) => subject( request ) === CONTACT );
	const files = ( ( report?.body as Record< string, unknown > )
		?.attachments ?? [] ) as Array< { filename?: string } >;
	expect( files.map( ( file ) => file.filename ) ).toEqual( [ attachment ] );

	// The reset key is nowhere in the database (WordPress keeps only its hash).
	expect( JSON.parse( site( 'db-find', { needle: key } ) ) ).toEqual( [] );

	// The reset cannot be resent: once the person is told, it is discarded.
	await resetRow
		.getByRole( 'button', { name: /^Discard “.*Password Reset”$/ } )
		.click();
	await page
		.getByRole( 'dialog', { name: 'Please confirm' } )
		.getByRole( 'button', { name: 'Discard', exact: true } )
		.click();
	await expect( resetRow ).toContainText( 'Discarded' );

	// Diagnose now: nothing is waiting.
	await goToStep( page, 'Diagnose' );
	await expect(
		root( page ).getByText( /waiting to be resent/ )
	).toHaveCount( 0 );
} );

test( 'a resend queued before the page was reloaded is picked up when Recover opens again', async ( {
	page,
} ) => {
	sendFailingEmails();
	await openScreen( page );
	// Fixed, and the two emails that may go are queued, as by a tab that was then reloaded.
	expect(
		(
			await callApi( page, 'PUT', 'token', {
				token: token( 'valid_full' ),
			} )
		).status
	).toBe( 200 );
	const listed = ( await callApi( page, 'GET', 'held' ) )
		.body as unknown as Array< { id: number; sendable: boolean } >;
	const ids = listed
		.filter( ( item ) => item.sendable )
		.map( ( item ) => item.id );
	expect( ids ).toHaveLength( 2 );
	expect(
		( await callApi( page, 'POST', 'held/resend', { ids } ) ).body
	).toEqual( { queued: 2 } );
	await standin.clear();

	// A new page load (only the hash differs: goto alone would keep the page).
	await page.goto( `${ SCREEN }#recover` );
	await page.reload();
	await expect(
		root( page ).getByRole( 'heading', { name: 'Step 5 of 5: Recover' } )
	).toBeVisible();
	await expect(
		root( page ).getByText( 'Resending finished. Sent: 2. Failed: 0.' )
	).toBeVisible();
	expect( ( await sentEmails() ).map( subject ) ).toHaveLength( 2 );
	await expect(
		root( page ).getByRole( 'button', { name: /^Resend 0 selected/ } )
	).toBeVisible();
} );

test( 'with more than one page, "Select all" resends the emails of every page', async ( {
	page,
} ) => {
	// 23 orders fail (two pages of 20), then one repeat of the first: left out.
	site( 'send-orders', { count: 23 } );
	site( 'send-orders', { count: 1 } );
	await openScreen( page );
	expect(
		(
			await callApi( page, 'PUT', 'token', {
				token: token( 'valid_full' ),
			} )
		).status
	).toBe( 200 );
	await standin.clear();

	await page.goto( `${ SCREEN }#recover` );
	await page.reload();
	await expect(
		// Newest first: the repeat heads page 1, listed and not selected.
		root( page ).getByText( 'All 19 emails on this page are selected.' )
	).toBeVisible();
	await root( page )
		.getByRole( 'button', {
			name: 'Select all 23 emails that can be resent',
		} )
		.click();
	await expect(
		root( page ).getByText(
			'All 23 emails that can be resent are selected.'
		)
	).toBeVisible();
	await root( page )
		.getByRole( 'button', { name: 'Resend 23 selected emails' } )
		.click();
	await expect(
		root( page ).getByText( 'Resending finished. Sent: 23. Failed: 0.' )
	).toBeVisible( { timeout: 60_000 } );
	const sent = ( await sentEmails() ).map( subject );
	expect( sent ).toHaveLength( 23 );
	expect( new Set( sent ).size ).toBe( 23 );
} );
