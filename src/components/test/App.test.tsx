import apiFetch from '@wordpress/api-fetch';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import {
	brokenStatus,
	checkResult,
	GOOD_TOKEN,
	GOOD_TOKEN_MASKED,
	acceptedClean,
	headlineStatus,
	heldRows,
	saveResult,
	verdicts,
} from '../../test/fixtures';
import {
	mockRoutes,
	renderInApp,
	reply,
	replyPage,
	requests,
} from '../../test/helpers';
import type { Status } from '../../types';
import App from '../App';

jest.mock( '@wordpress/api-fetch' );

const STATUS = 'GET /fix-mailersend/v1/status' as const;

function stepHeading() {
	return screen.getByRole( 'heading', { level: 2 } );
}

function nav() {
	return screen.getByRole( 'navigation', { name: 'Steps' } );
}

async function open( hash = '' ) {
	window.history.replaceState(
		null,
		'',
		`/wp-admin/admin.php?page=fix-mailersend${ hash }`
	);
	mockRoutes( { [ STATUS ]: reply( brokenStatus() ) } );
	renderInApp( <App /> );
	// Let the status arrive.
	await act( async () => {} );
}

describe( 'App', () => {
	it( 'leaves the page title to the PHP page: no h1, the intro, an h2 per step', async () => {
		await open();
		// Admin_Page prints <h1>Fix MailerSend</h1> above the mount point.
		expect(
			screen.queryByRole( 'heading', { level: 1 } )
		).not.toBeInTheDocument();
		expect(
			screen.getByText( /Find out why your site’s email fails/ )
		).toHaveClass( 'fms-intro' );
		expect( stepHeading() ).toHaveTextContent( 'Step 1 of 5: Diagnose' );
	} );

	it( 'lists the five steps on a site that sends through MailerSend, the current one marked', async () => {
		await open();
		const buttons = within( nav() ).getAllByRole( 'button' );
		expect( buttons.map( ( b ) => b.textContent ) ).toEqual( [
			'1Diagnose',
			'2Get a new token',
			'3Paste and check',
			'4Send a test email',
			'5Recover',
		] );
		expect( buttons[ 0 ] ).toHaveAttribute( 'aria-current', 'step' );
		expect( buttons[ 1 ] ).toHaveAttribute( 'aria-current', 'false' );
		expect( buttons[ 0 ] ).toHaveAccessibleName( 'Diagnose' );
	} );

	it.each( [
		[ '#diagnose', 'Step 1 of 5: Diagnose' ],
		[ '#new-token', 'Step 2 of 5: Get a new token' ],
		[ '#paste', 'Step 3 of 5: Paste and check' ],
		[ '#test', 'Step 4 of 5: Send a test email' ],
		[ '#nonsense', 'Step 1 of 5: Diagnose' ],
	] )( 'opens %s directly (survives a reload)', async ( hash, heading ) => {
		await open( hash );
		expect( stepHeading() ).toHaveTextContent( heading );
	} );

	it( 'moves to a step by click: hash updated, focus on the heading', async () => {
		const user = userEvent.setup();
		await open();
		await user.click(
			within( nav() ).getByRole( 'button', { name: 'Paste and check' } )
		);
		expect( stepHeading() ).toHaveTextContent(
			'Step 3 of 5: Paste and check'
		);
		expect( stepHeading() ).toHaveFocus();
		expect( window.location.hash ).toBe( '#paste' );
		expect(
			within( nav() ).getByRole( 'button', { name: 'Paste and check' } )
		).toHaveAttribute( 'aria-current', 'step' );
	} );

	it( 'is keyboard usable', async () => {
		const user = userEvent.setup();
		await open();
		within( nav() ).getByRole( 'button', { name: 'Diagnose' } ).focus();
		await user.tab();
		expect(
			within( nav() ).getByRole( 'button', { name: 'Get a new token' } )
		).toHaveFocus();
		await user.keyboard( '{Enter}' );
		expect( stepHeading() ).toHaveTextContent(
			'Step 2 of 5: Get a new token'
		);
		expect( stepHeading() ).toHaveFocus();
	} );

	it( 'follows the hash when it changes (a link to #test)', async () => {
		await open();
		act( () => {
			window.history.replaceState( null, '', '#test' );
			window.dispatchEvent( new HashChangeEvent( 'hashchange' ) );
		} );
		expect( stepHeading() ).toHaveTextContent(
			'Step 4 of 5: Send a test email'
		);
		expect( stepHeading() ).toHaveFocus();
	} );

	it( 'does not steal the focus on open', async () => {
		await open( '#paste' );
		expect( stepHeading() ).not.toHaveFocus();
	} );

	it( 'loads the status once, however the user moves between steps', async () => {
		const user = userEvent.setup();
		await open();
		for ( const name of [
			'Get a new token',
			'Paste and check',
			'Send a test email',
			'Diagnose',
		] ) {
			await user.click( within( nav() ).getByRole( 'button', { name } ) );
		}
		expect( apiFetch ).toHaveBeenCalledTimes( 1 );
	} );

	it( 'passes the status to the other steps (mailer switch offered in step 3)', async () => {
		window.history.replaceState(
			null,
			'',
			'/wp-admin/admin.php?page=fix-mailersend#paste'
		);
		mockRoutes( {
			[ STATUS ]: reply( headlineStatus( 'mailer_not_mailersend' ) ),
			'POST /fix-mailersend/v1/token/check': reply(
				checkResult( 'valid' )
			),
		} );
		const user = userEvent.setup();
		renderInApp( <App /> );
		await user.click( screen.getByLabelText( 'MailerSend API token' ) );
		await user.paste( GOOD_TOKEN );
		await user.click(
			screen.getByRole( 'button', { name: 'Check token' } )
		);
		expect(
			await screen.findByRole( 'checkbox', {
				name: /Switch WP Mail SMTP to MailerSend/,
			} )
		).toBeInTheDocument();
	} );

	it( 'after a save, the diagnosis shows the new token, as the server gives it', async () => {
		const user = userEvent.setup();
		window.history.replaceState(
			null,
			'',
			'/wp-admin/admin.php?page=fix-mailersend#paste'
		);
		const before = headlineStatus( 'mailer_not_mailersend' );
		// GET /status after the save: the server's answer (Headline: the save's check leads).
		const after: Status = {
			...before,
			mailer: {
				slug: 'mailersend',
				is_mailersend: true,
				from_constant: false,
			},
			token: {
				source: 'database',
				masked: GOOD_TOKEN_MASKED,
				constant: 'WPMS_MAILERSEND_API_KEY',
				expires_at: '2099-05-31',
			},
			last_check: {
				at: '2026-12-01T10:00:00+00:00',
				current: true,
				verdict: verdicts.valid,
			},
			headline: verdicts.valid,
		};
		mockRoutes( {
			[ STATUS ]: [ reply( before ), reply( after ) ],
			'POST /fix-mailersend/v1/token/check': reply(
				checkResult( 'valid' )
			),
			'PUT /fix-mailersend/v1/token': reply( saveResult( true ) ),
		} );
		renderInApp( <App /> );
		await user.click( screen.getByLabelText( 'MailerSend API token' ) );
		await user.paste( GOOD_TOKEN );
		await user.click(
			screen.getByRole( 'button', { name: 'Check token' } )
		);
		await user.click(
			await screen.findByRole( 'checkbox', {
				name: /Switch WP Mail SMTP to MailerSend/,
			} )
		);
		await user.type(
			screen.getByLabelText( 'Token expiry date (optional)' ),
			'2099-05-31'
		);
		await user.click(
			await screen.findByRole( 'button', { name: 'Save token' } )
		);
		await screen.findByText( 'Token saved.' );
		// The Save button is gone: the focus is on the result, not lost to the page.
		expect(
			screen.getByRole( 'heading', { level: 3, name: 'Token saved.' } )
		).toHaveFocus();

		await user.click(
			within( nav() ).getByRole( 'button', { name: 'Diagnose' } )
		);
		// Fixed: the intro no longer says that email fails.
		expect( document.querySelector( '.fms-intro' ) ).toHaveTextContent(
			'Check that your site’s email goes out through MailerSend'
		);
		const token = screen.getByText( 'API token', {
			selector: 'dt',
		} ).nextElementSibling;
		expect( token ).toHaveTextContent( GOOD_TOKEN_MASKED );
		expect( token ).toHaveTextContent( /Expires on .*2099/ );
		const mailer = screen.getByText( 'Mailer', {
			selector: 'dt',
		} ).nextElementSibling;
		expect( mailer ).toHaveTextContent( 'MailerSend' );
		// The mailer headline is gone: the saved token's check leads.
		const headline = document.querySelector( '.fms-headline' );
		expect( headline ).toHaveClass( 'is-success' );
		expect( headline ).toHaveTextContent( verdicts.valid.title );
		const check = screen.getByText( 'Last token check', {
			selector: 'dt',
		} ).nextElementSibling;
		expect( check ).toHaveTextContent( verdicts.valid.title );
		// The status once more after the save, not a headline worked out here.
		expect( requests().map( ( { key } ) => key ) ).toEqual( [
			STATUS,
			'POST /fix-mailersend/v1/token/check',
			'PUT /fix-mailersend/v1/token',
			STATUS,
		] );
		expect( document.body.textContent ).not.toContain( GOOD_TOKEN );
	} );

	it( 'offers Recover only where failed emails are held: not with another mailer and nothing held', async () => {
		mockRoutes( {
			[ STATUS ]: reply( {
				...headlineStatus( 'mailer_not_mailersend' ),
				held: {
					holding: true,
					waiting: 0,
					queued: 0,
					sending: 0,
					token_proven: false,
				},
			} ),
		} );
		renderInApp( <App /> );
		await act( async () => {} );
		expect(
			within( nav() ).queryByRole( 'button', { name: 'Recover' } )
		).not.toBeInTheDocument();
		expect( stepHeading() ).toHaveTextContent( 'Step 1 of 4: Diagnose' );
	} );

	it( 'offers Recover with another mailer while emails are still held', async () => {
		const status = headlineStatus( 'mailer_not_mailersend' );
		mockRoutes( {
			[ STATUS ]: reply( {
				...status,
				held: {
					holding: true,
					waiting: 2,
					queued: 0,
					sending: 0,
					token_proven: false,
				},
			} ),
		} );
		renderInApp( <App /> );
		await act( async () => {} );
		expect(
			within( nav() ).getByRole( 'button', { name: 'Recover' } )
		).toBeInTheDocument();
	} );

	it( 'opens #recover (a chunk of its own) and enables resending once a test email was accepted here', async () => {
		const user = userEvent.setup();
		window.history.replaceState(
			null,
			'',
			'/wp-admin/admin.php?page=fix-mailersend#recover'
		);
		mockRoutes( {
			[ STATUS ]: reply( brokenStatus() ),
			'GET /fix-mailersend/v1/held?page=1&per_page=20':
				replyPage( heldRows() ),
			'POST /fix-mailersend/v1/test-email': reply( acceptedClean ),
		} );
		renderInApp( <App /> );
		expect(
			await screen.findByRole( 'button', {
				name: 'Resend 2 selected emails',
			} )
		).toHaveAttribute( 'aria-disabled', 'true' );
		expect( stepHeading() ).toHaveTextContent( 'Step 5 of 5: Recover' );

		await user.click(
			within( nav() ).getByRole( 'button', { name: 'Send a test email' } )
		);
		await user.click(
			await screen.findByRole( 'button', { name: 'Send test email' } )
		);
		await screen.findByText( 'MailerSend accepted the test email.' );
		await user.click(
			within( nav() ).getByRole( 'button', { name: 'Recover' } )
		);
		expect(
			await screen.findByRole( 'button', {
				name: 'Resend 2 selected emails',
			} )
		).not.toHaveAttribute( 'aria-disabled' );
	} );
} );
