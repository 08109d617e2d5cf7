/**
 * MailerSend cannot be reached (connection refused, 503, no answer at all): the screen says so
 * in plain words, never hangs, and lets the user save the token anyway only after an explicit
 * confirmation.
 */
import type { Page } from '@playwright/test';

import {
	expect,
	site,
	standin,
	test,
	token,
	wpMailSmtpOption,
} from './support/fixtures';
import { callApi } from './support/api';
import {
	checkButton,
	goToStep,
	openScreen,
	pasteVerdict,
	root,
	saveButton,
	tokenField,
	verdictId,
} from './support/screen';

test.beforeEach( async ( { page } ) => {
	await openScreen( page );
	await goToStep( page, 'Paste and check' );
} );

function saveAnywayButton( page: Page ) {
	return root( page ).getByRole( 'button', { name: 'Save anyway' } );
}

function confirmation( page: Page ) {
	return root( page ).getByRole( 'checkbox', {
		name: 'I understand: save this token without checking it',
	} );
}

test( 'connection refused: explained, and saved anyway only after the confirmation', async ( {
	page,
	allowConsoleError,
} ) => {
	allowConsoleError( /status of 422/ );
	const refused = token( 'fault_refused' );
	const before = wpMailSmtpOption();

	await tokenField( page ).fill( refused );
	await checkButton( page ).click();
	await expect( pasteVerdict( page ) ).toContainText(
		'This site could not reach MailerSend'
	);
	await expect( verdictId( pasteVerdict( page ) ) ).toHaveText(
		'network_error'
	);

	// No plain Save: a warning, a confirmation, and a Save anyway that waits for it.
	await expect( saveButton( page ) ).toHaveCount( 0 );
	await expect(
		root( page ).getByText( 'Save without a check?' )
	).toBeVisible();
	await expect( confirmation( page ) ).not.toBeChecked();
	await expect( saveAnywayButton( page ) ).toBeDisabled();
	// A click on it does nothing (the requests below would queue behind a save it started).
	await saveAnywayButton( page ).dispatchEvent( 'click' );
	await expect( saveAnywayButton( page ) ).toHaveText( 'Save anyway' );

	// The server, too, saves an unchecked token only when asked to, and only for "unreachable".
	const plain = await callApi( page, 'PUT', 'token', { token: refused } );
	expect( [ plain.status, plain.verdict ] ).toEqual( [
		422,
		'network_error',
	] );
	const unknown = await callApi( page, 'PUT', 'token', {
		token: token( 'expired' ),
		save_anyway: true,
	} );
	expect( [ unknown.status, unknown.verdict ] ).toEqual( [
		422,
		'unauthenticated',
	] );
	expect( wpMailSmtpOption() ).toEqual( before );

	await confirmation( page ).check();
	await expect( saveAnywayButton( page ) ).toBeEnabled();
	await saveAnywayButton( page ).click();
	await expect(
		root( page ).getByText( 'Token saved.', { exact: true } )
	).toBeVisible();
	expect( wpMailSmtpOption() ).toEqual( {
		...before,
		mailersend: { ...before.mailersend, api_key: refused },
	} );
} );

test( 'MailerSend answering 503: explained as MailerSend trouble, saved anyway after the confirmation', async ( {
	page,
} ) => {
	const fresh = token( 'valid_full' );
	const before = wpMailSmtpOption();
	await standin.fault( '503' );

	await tokenField( page ).fill( fresh );
	await checkButton( page ).click();
	await expect( pasteVerdict( page ) ).toContainText(
		'MailerSend could not answer right now'
	);
	await expect( pasteVerdict( page ) ).toContainText( 'HTTP 503' );
	await expect( verdictId( pasteVerdict( page ) ) ).toHaveText(
		'mailersend_unavailable'
	);
	await expect( saveButton( page ) ).toHaveCount( 0 );
	await expect( saveAnywayButton( page ) ).toBeDisabled();

	await confirmation( page ).check();
	await saveAnywayButton( page ).click();
	await expect(
		root( page ).getByText( 'Token saved.', { exact: true } )
	).toBeVisible();
	expect( wpMailSmtpOption() ).toEqual( {
		...before,
		mailersend: { ...before.mailersend, api_key: fresh },
	} );
} );

test( 'MailerSend answering 429 before checking the token: no proof, saved only after the confirmation', async ( {
	page,
} ) => {
	// MailerSend may limit requests before it authenticates them: a mistyped token would get
	// the same 429, so the token is treated as unchecked.
	const limited = token( 'rate_limited' );
	const before = wpMailSmtpOption();

	await tokenField( page ).fill( limited );
	await checkButton( page ).click();
	await expect( pasteVerdict( page ) ).toContainText(
		'MailerSend is busy: too many requests this minute'
	);
	await expect( pasteVerdict( page ) ).toContainText(
		'before checking the token'
	);
	await expect( verdictId( pasteVerdict( page ) ) ).toHaveText(
		'rate_limited'
	);
	await expect( saveButton( page ) ).toHaveCount( 0 );
	await expect(
		root( page ).getByText( 'MailerSend was too busy to check this token', {
			exact: false,
		} )
	).toBeVisible();
	await expect( saveAnywayButton( page ) ).toBeDisabled();
	expect( wpMailSmtpOption() ).toEqual( before );

	await confirmation( page ).check();
	await saveAnywayButton( page ).click();
	await expect(
		root( page ).getByText( 'Token saved.', { exact: true } )
	).toBeVisible();
	expect( wpMailSmtpOption() ).toEqual( {
		...before,
		mailersend: { ...before.mailersend, api_key: limited },
	} );
} );

test( 'MailerSend never answering: the check gives up with a clear message and the screen stays usable', async ( {
	page,
} ) => {
	// The plugin's HTTP timeout is 10 s; the screen must be back well before 20 s.
	test.setTimeout( 45_000 );
	const before = site( 'wpms-get' );
	await standin.fault( 'hang' );

	await tokenField( page ).fill( token( 'valid_full' ) );
	await checkButton( page ).click();
	await expect( checkButton( page ) ).toHaveText( 'Checking…' );
	await expect( checkButton( page ) ).toBeDisabled();

	await expect( pasteVerdict( page ) ).toContainText(
		'This site could not reach MailerSend',
		{ timeout: 20_000 }
	);
	await expect( verdictId( pasteVerdict( page ) ) ).toHaveText(
		'network_error'
	);
	await expect( checkButton( page ) ).toHaveText( 'Check token' );
	await expect( checkButton( page ) ).toBeEnabled();
	await expect(
		root( page ).getByText( 'Save without a check?' )
	).toBeVisible();
	await expect( saveAnywayButton( page ) ).toBeDisabled();

	// The request did reach MailerSend (the stand-in), which held it.
	const held = await standin.requests();
	expect(
		held.map( ( request ) => `${ request.method } ${ request.path }` )
	).toEqual( [ 'GET /v1/api-quota' ] );
	expect( site( 'wpms-get' ) ).toBe( before );
} );
