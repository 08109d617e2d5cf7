/**
 * The whole journey of the product: mail fails with "Unauthenticated." → the diagnosis says
 * why → the user makes a new token, pastes it, checks it, saves it → a real test email goes
 * through wp_mail(), WP Mail SMTP and the MailerSend stand-in with the new token.
 */
import {
	expect,
	standin,
	test,
	token,
	wpMailSmtpOption,
} from './support/fixtures';
import {
	checkButton,
	headline,
	localHint,
	openFailingSite,
	pasteVerdict,
	root,
	saveButton,
	sentEmails,
	stepHeading,
	tokenField,
	verdictId,
} from './support/screen';

test( 'a site failing with "Unauthenticated." is fixed with a new token and a test email', async ( {
	page,
} ) => {
	const expired = token( 'expired' );
	const fresh = token( 'valid_full' );

	// Every answer of fix-mailersend/v1 during the journey.
	const answers: Promise< string >[] = [];
	page.on( 'response', ( response ) => {
		if (
			response.url().includes( 'fix-mailersend%2Fv1' ) ||
			response.url().includes( '/fix-mailersend/v1/' )
		) {
			answers.push( response.text() );
		}
	} );

	await openFailingSite( page );
	const before = wpMailSmtpOption();
	expect( before.mailersend?.api_key ).toBe( expired );

	// Step 1: the headline says why, with the failed email as evidence, and the next action.
	await expect( headline( page ) ).toContainText(
		'the token was deleted, regenerated, expired or mistyped'
	);
	await expect( verdictId( headline( page ) ) ).toHaveText(
		'unauthenticated'
	);
	const facts = page.locator( '.fms-facts--main' );
	await expect(
		facts
			.getByRole( 'definition' )
			.filter( { hasText: 'Unauthenticated.' } )
	).toContainText( 'HTTP status: 401' );
	await headline( page )
		.getByRole( 'button', { name: 'Get a new token' } )
		.click();

	// Step 2: the checklist, then on to step 3.
	await expect( stepHeading( page ) ).toHaveText(
		'Step 2 of 5: Get a new token'
	);
	await expect(
		page.getByRole( 'link', { name: /Open MailerSend API tokens/ } )
	).toHaveAttribute( 'href', 'https://app.mailersend.com/api-tokens' );
	await page
		.getByRole( 'button', { name: 'I have my token: go to step 3' } )
		.click();

	// Step 3: typed in, judged locally (no request), checked with MailerSend, saved.
	await expect( stepHeading( page ) ).toHaveText(
		'Step 3 of 5: Paste and check'
	);
	await expect( tokenField( page ) ).toHaveAttribute( 'type', 'password' );
	await tokenField( page ).pressSequentially( fresh.slice( 0, 20 ) );
	await expect( localHint( page ) ).toHaveAttribute(
		'data-local-verdict',
		'truncated'
	);
	await expect( checkButton( page ) ).toBeEnabled();
	await tokenField( page ).fill( fresh );
	await expect( localHint( page ) ).toHaveAttribute(
		'data-local-verdict',
		'ok'
	);
	await expect( localHint( page ) ).toContainText(
		`(${ fresh.length } characters)`
	);
	expect(
		await standin.requests(),
		'typing makes no request to MailerSend'
	).toEqual( [] );

	await checkButton( page ).click();
	await expect( pasteVerdict( page ) ).toContainText( 'The token works' );
	await expect( verdictId( pasteVerdict( page ) ) ).toHaveText( 'valid' );
	// Checking is not saving.
	expect( wpMailSmtpOption() ).toEqual( before );

	await saveButton( page ).click();
	await expect(
		root( page ).getByText( 'Token saved.', { exact: true } )
	).toBeVisible();
	await expect( tokenField( page ) ).toHaveCount( 0 );

	// Only mailersend.api_key changed in WP Mail SMTP's settings.
	expect( wpMailSmtpOption() ).toEqual( {
		...before,
		mailersend: { ...before.mailersend, api_key: fresh },
	} );

	// Step 4: a real test email, accepted by MailerSend with a message id.
	await root( page )
		.locator( '.fms-paste' )
		.getByRole( 'button', { name: 'Send a test email' } )
		.click();
	await expect( stepHeading( page ) ).toHaveText(
		'Step 4 of 5: Send a test email'
	);
	// The current user's address by default; the owner sends it to the shop's mailbox.
	const recipient = root( page ).getByLabel( 'Send to' );
	await expect( recipient ).toHaveValue( 'admin@example.com' );
	await recipient.fill( 'shop@example.com' );
	await expect( root( page ).getByLabel( 'Send as HTML' ) ).toBeChecked();
	await standin.clear();
	await root( page )
		.getByRole( 'button', { name: 'Send test email' } )
		.click();

	await expect(
		root( page ).getByText( 'MailerSend accepted the test email.', {
			exact: true,
		} )
	).toBeVisible();
	const shownId = root( page ).getByText( /^MailerSend message ID: / );
	await expect( shownId ).toHaveText(
		/^MailerSend message ID: [0-9a-f]{24}$/
	);

	// The stand-in received exactly that email, with the new token.
	const emails = await sentEmails();
	expect( emails ).toHaveLength( 1 );
	const [ email ] = emails;
	expect( email?.headers.authorization ).toBe( `Bearer ${ fresh }` );
	expect( email?.body ).toMatchObject( {
		from: {
			email: 'wordpress@example.com',
			name: 'Fix MailerSend (local)',
		},
		to: [ { email: 'shop@example.com' } ],
		subject: expect.stringContaining( '(Fix MailerSend)' ),
		html: expect.stringContaining(
			'This is a test email sent by Fix MailerSend.'
		),
	} );
	await expect(
		root( page ).getByRole( 'heading', { name: 'Summary' } )
	).toBeVisible();

	// No answer of the plugin's API carried the token (only its masked form).
	const bodies = await Promise.all( answers );
	expect( bodies.length ).toBeGreaterThanOrEqual( 4 );
	expect(
		bodies.filter( ( body ) => body.includes( fresh ) ),
		'answers that contain the token'
	).toEqual( [] );
} );

test( 'a messy paste (spaces, a line break, "Bearer ") is cleaned before it is checked and saved', async ( {
	page,
	context,
} ) => {
	const fresh = token( 'valid_full' );
	await openFailingSite( page );
	const before = wpMailSmtpOption();
	await headline( page )
		.getByRole( 'button', { name: 'Get a new token' } )
		.click();
	await page
		.getByRole( 'button', { name: 'I have my token: go to step 3' } )
		.click();

	// A real paste from the clipboard, as copied from a chat or an HTTP example.
	await context.grantPermissions( [ 'clipboard-read', 'clipboard-write' ] );
	const messy = `  Bearer ${ fresh.slice( 0, 30 ) }\n${ fresh.slice( 30 ) } \n`;
	await page.evaluate(
		( text ) => navigator.clipboard.writeText( text ),
		messy
	);
	await tokenField( page ).focus();
	await page.keyboard.press( 'ControlOrMeta+V' );

	await expect( tokenField( page ) ).toHaveAccessibleDescription(
		/^Spaces, line breaks, quotes or “Bearer” were removed from what you pasted\. Looks like a MailerSend API token/
	);
	await expect( localHint( page ) ).toHaveAttribute(
		'data-local-verdict',
		'ok'
	);

	const checkRequest = page.waitForRequest( /token%2Fcheck|token\/check/ );
	await checkButton( page ).click();
	expect( ( await checkRequest ).postDataJSON() ).toMatchObject( {
		token: fresh,
	} );
	await expect( verdictId( pasteVerdict( page ) ) ).toHaveText( 'valid' );
	for ( const request of await standin.requests() ) {
		expect( request.headers.authorization ).toBe( `Bearer ${ fresh }` );
	}

	await saveButton( page ).click();
	await expect(
		root( page ).getByText( 'Token saved.', { exact: true } )
	).toBeVisible();
	expect( wpMailSmtpOption() ).toEqual( {
		...before,
		mailersend: { ...before.mailersend, api_key: fresh },
	} );
} );
