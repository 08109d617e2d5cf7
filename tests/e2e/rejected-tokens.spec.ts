/**
 * Tokens that must not be saved: each is explained in plain words, nothing is offered to save,
 * the server refuses it too, and WP Mail SMTP's settings stay byte-identical. The ones the
 * screen can judge locally never reach MailerSend.
 */
import { expect, site, standin, test, token } from './support/fixtures';
import { callApi } from './support/api';
import {
	checkButton,
	goToStep,
	localHint,
	openScreen,
	pasteVerdict,
	saveButton,
	tokenField,
	verdictId,
} from './support/screen';

const SMTP_PASSWORD = 'mssp.AbCdEf1.3zxk54v1qp7ljy6v.Xy12Z';

test.beforeEach( async ( { page } ) => {
	await openScreen( page );
	await goToStep( page, 'Paste and check' );
} );

test( 'an SMTP password is explained locally, cannot be checked or saved, and never leaves the site', async ( {
	page,
	allowConsoleError,
} ) => {
	allowConsoleError( /status of 422/ );
	const before = site( 'wpms-get' );

	await tokenField( page ).fill( SMTP_PASSWORD );
	await expect( localHint( page ) ).toHaveAttribute(
		'data-local-verdict',
		'smtp_password_pasted'
	);
	await expect( localHint( page ) ).toContainText(
		'This is an SMTP password (it starts with mssp.), not an API token.'
	);
	await expect( checkButton( page ) ).toBeDisabled();
	await expect( saveButton( page ) ).toHaveCount( 0 );

	// The server says the same, and saves nothing.
	const answer = await callApi( page, 'PUT', 'token', {
		token: SMTP_PASSWORD,
	} );
	expect( [ answer.status, answer.code, answer.verdict ] ).toEqual( [
		422,
		'fix_mailersend_token_rejected',
		'smtp_password_pasted',
	] );
	expect( site( 'wpms-get' ) ).toBe( before );
	expect( await standin.requests() ).toEqual( [] );
} );

test( 'a token cut short after 12 characters is called truncated, by the screen and by the server, with no request to MailerSend', async ( {
	page,
	allowConsoleError,
} ) => {
	allowConsoleError( /status of 422/ );
	const before = site( 'wpms-get' );
	const truncated = `mlsn.${ token( 'valid_full' ).slice( 5, 17 ) }`;

	await tokenField( page ).fill( truncated );
	await expect( localHint( page ) ).toHaveAttribute(
		'data-local-verdict',
		'truncated'
	);
	await expect( localHint( page ) ).toContainText(
		'This token looks cut short'
	);

	// "Check token" asks the server, which judges it locally too.
	await checkButton( page ).click();
	await expect( pasteVerdict( page ) ).toContainText(
		'The token looks cut off'
	);
	await expect( verdictId( pasteVerdict( page ) ) ).toHaveText( 'truncated' );
	await expect( saveButton( page ) ).toHaveCount( 0 );

	const answer = await callApi( page, 'PUT', 'token', { token: truncated } );
	expect( [ answer.status, answer.verdict ] ).toEqual( [ 422, 'truncated' ] );
	expect( site( 'wpms-get' ) ).toBe( before );
	expect( await standin.requests() ).toEqual( [] );
} );

test( 'a token copied with "…" at the end is called truncated, cannot be checked, and never leaves the site', async ( {
	page,
	allowConsoleError,
} ) => {
	allowConsoleError( /status of 400/ );
	const before = site( 'wpms-get' );
	const copied = `${ token( 'valid_full' ).slice( 0, 40 ) }…`;

	await tokenField( page ).fill( copied );
	await expect( localHint( page ) ).toHaveAttribute(
		'data-local-verdict',
		'truncated'
	);
	await expect( localHint( page ) ).toContainText( 'cut short' );
	// The server refuses "…" as a parameter (400): the screen never sends it.
	await expect( checkButton( page ) ).toBeDisabled();
	await expect( saveButton( page ) ).toHaveCount( 0 );

	const answer = await callApi( page, 'PUT', 'token', { token: copied } );
	expect( [ answer.status, answer.code ] ).toEqual( [
		400,
		'rest_invalid_param',
	] );
	expect( site( 'wpms-get' ) ).toBe( before );
	expect( await standin.requests() ).toEqual( [] );
} );

test( 'a well-formed token MailerSend does not know is explained after the check and not saved', async ( {
	page,
	allowConsoleError,
} ) => {
	allowConsoleError( /status of 422/ );
	const before = site( 'wpms-get' );
	const unknown = token( 'expired' );

	await tokenField( page ).fill( unknown );
	await expect( localHint( page ) ).toHaveAttribute(
		'data-local-verdict',
		'ok'
	);
	await checkButton( page ).click();
	await expect( pasteVerdict( page ) ).toContainText(
		'MailerSend does not recognise this token'
	);
	await expect( verdictId( pasteVerdict( page ) ) ).toHaveText(
		'unauthenticated'
	);
	await expect( saveButton( page ) ).toHaveCount( 0 );
	await expect(
		page.getByRole( 'button', { name: 'Save anyway' } )
	).toHaveCount( 0 );

	// MailerSend was asked, with that token.
	const asked = await standin.requests();
	expect( asked.length ).toBeGreaterThan( 0 );
	expect( asked.map( ( request ) => request.token_name ) ).toEqual(
		asked.map( () => 'expired' )
	);

	const answer = await callApi( page, 'PUT', 'token', { token: unknown } );
	expect( [ answer.status, answer.verdict ] ).toEqual( [
		422,
		'unauthenticated',
	] );
	expect( site( 'wpms-get' ) ).toBe( before );
} );

test( 'a valid token of another MailerSend account, without the From domain, is not saved', async ( {
	page,
} ) => {
	const before = site( 'wpms-get' );

	await tokenField( page ).fill( token( 'other_account' ) );
	await checkButton( page ).click();
	const verdict = pasteVerdict( page );
	await expect( verdict ).toContainText(
		'The From domain is not verified in this token’s MailerSend account'
	);
	await expect( verdictId( verdict ) ).toHaveText( 'domain_unverified' );
	await expect( verdict ).toContainText( 'another-company.test' );
	await expect( saveButton( page ) ).toHaveCount( 0 );
	await expect(
		page.getByRole( 'button', { name: 'Save anyway' } )
	).toHaveCount( 0 );

	// The deep check probed sending from wordpress@example.com with that token.
	const probes = ( await standin.requests() ).filter(
		( request ) => request.path === '/v1/email'
	);
	expect( probes.map( ( request ) => request.token_name ) ).toEqual( [
		'other_account',
	] );
	expect( site( 'wpms-get' ) ).toBe( before );
} );

test( 'the server refuses to save a token whose account cannot send from the From domain', async ( {
	page,
	allowConsoleError,
} ) => {
	// A save runs the deep check too, so a REST client that skips the screen's check cannot
	// save a token every email would fail with (#MS42207).
	allowConsoleError( /status of 422/ );
	const before = site( 'wpms-get' );
	const answer = await callApi( page, 'PUT', 'token', {
		token: token( 'other_account' ),
	} );
	expect( [ answer.status, answer.verdict ] ).toEqual( [
		422,
		'domain_unverified',
	] );
	expect( site( 'wpms-get' ) ).toBe( before );
} );
