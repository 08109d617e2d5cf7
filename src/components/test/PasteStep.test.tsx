import apiFetch from '@wordpress/api-fetch';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import type { CheckResult, Status, Verdict, VerdictId } from '../../types';
import {
	brokenStatus,
	checkResult,
	constantError,
	GOOD_TOKEN,
	GOOD_TOKEN_MASKED,
	headlineStatus,
	rateLimitedUnproven,
	rejectedError,
	SAVED_MASKED,
	saveResult,
	serverErrors,
	statusWith,
	throttledError,
	verdicts,
} from '../../test/fixtures';
import {
	deferred,
	fail,
	mockRoutes,
	renderInApp,
	reply,
	requests,
} from '../../test/helpers';
import PasteStep from '../PasteStep';

jest.mock( '@wordpress/api-fetch' );

const CHECK = 'POST /fix-mailersend/v1/token/check' as const;
const SAVE = 'PUT /fix-mailersend/v1/token' as const;

const DEFINE = `define( 'WPMS_MAILERSEND_API_KEY', '${ GOOD_TOKEN }' );`;

function setup( status: Status | null = brokenStatus() ) {
	const user = userEvent.setup();
	const onSaved = jest.fn();
	const onGoTo = jest.fn();
	renderInApp(
		<PasteStep status={ status } onSaved={ onSaved } onGoTo={ onGoTo } />
	);
	const field = screen.getByLabelText( 'MailerSend API token' );
	return { user, onSaved, onGoTo, field };
}

function checkButton() {
	return screen.getByRole( 'button', { name: 'Check token' } );
}

async function pasteAndCheck(
	user: ReturnType< typeof userEvent.setup >,
	field: HTMLElement,
	raw = GOOD_TOKEN
) {
	await user.click( field );
	await user.paste( raw );
	await user.click( checkButton() );
}

/** The full token must only ever be in the field's value (and the define line). */
function expectTokenNotShown() {
	expect( document.body.textContent ).not.toContain( GOOD_TOKEN );
}

describe( 'Paste step: the field', () => {
	it( 'is a password field without autocomplete or spellcheck, with show/hide', async () => {
		const { user, field } = setup();
		expect( field ).toHaveAttribute( 'type', 'password' );
		expect( field ).toHaveAttribute( 'autocomplete', 'off' );
		expect( field ).toHaveAttribute( 'spellcheck', 'false' );

		const toggle = screen.getByRole( 'button', { name: 'Show token' } );
		expect( toggle ).toHaveAttribute( 'aria-pressed', 'false' );
		await user.click( toggle );
		expect( field ).toHaveAttribute( 'type', 'text' );
		expect(
			screen.getByRole( 'button', { name: 'Hide token' } )
		).toHaveAttribute( 'aria-pressed', 'true' );
		await user.click(
			screen.getByRole( 'button', { name: 'Hide token' } )
		);
		expect( field ).toHaveAttribute( 'type', 'password' );
	} );

	it( 'cannot check an empty field', () => {
		setup();
		expect( checkButton() ).toHaveAttribute( 'aria-disabled', 'true' );
	} );

	it.each( [
		[
			'an SMTP password',
			'mssp.Ab3dEf9hIj2kLm4nOp6qRs8tUv0wXy',
			'smtp_password_pasted',
			/This is an SMTP password/,
			false,
		],
		// "…" is not ASCII: the server would refuse the parameter (400), so it is not sent.
		[
			'a masked copy',
			'mlsn.ab…wxyz',
			'truncated',
			/looks cut short: it contains “…” or three dots/,
			false,
		],
		[
			'a masked copy with three dots',
			'mlsn.ab...wxyz',
			'truncated',
			/looks cut short: it contains “…” or three dots/,
			true,
		],
		[
			'a short token',
			'mlsn.abc123',
			'truncated',
			/looks cut short: it is shorter than/,
			true,
		],
		[
			'something else',
			'my-api-key-12345',
			'malformed',
			/does not look like a MailerSend API token, which starts with mlsn\./,
			false,
		],
		[
			'a token with other characters',
			`${ GOOD_TOKEN }-2`,
			'malformed',
			/after mlsn\. it may hold only letters and digits/,
			false,
		],
		[
			'a token with a non-ASCII letter',
			`${ GOOD_TOKEN }é`,
			'malformed',
			/after mlsn\. it may hold only letters and digits/,
			false,
		],
		[
			'a whole page',
			`mlsn.${ 'a'.repeat( 600 ) }`,
			'malformed',
			/far longer than a MailerSend API token/,
			false,
		],
		[
			'a legacy token',
			'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiIxIn0.c2ln',
			'legacy_token',
			/older MailerSend token/,
			true,
		],
		[
			'a current token',
			GOOD_TOKEN,
			'ok',
			`Looks like a MailerSend API token: ${ GOOD_TOKEN_MASKED } (69 characters). Check it with MailerSend before saving.`,
			true,
		],
	] )(
		'judges %s locally, without a request',
		async ( _label, raw, local, message, checkable ) => {
			const { user, field } = setup();
			await user.click( field );
			await user.paste( raw );

			const hint = screen.getByText( message );
			expect( hint ).toHaveAttribute( 'data-local-verdict', local );
			// The hint describes the field.
			expect( field ).toHaveAccessibleDescription(
				expect.stringContaining( hint.textContent ?? '' )
			);
			expect(
				checkButton().getAttribute( 'aria-disabled' ) === 'true'
			).toBe( ! checkable );
			expect( apiFetch ).not.toHaveBeenCalled();
		}
	);

	it( 'checks as the user types, without a request per keystroke', async () => {
		const { user, field } = setup();
		await user.type( field, 'mlsn.abc' );
		expect( screen.getByText( /looks cut short/ ) ).toBeInTheDocument();
		await user.type( field, GOOD_TOKEN.slice( 8 ) );
		expect(
			screen.getByText( /Looks like a MailerSend API token/ )
		).toBeInTheDocument();
		expect( apiFetch ).not.toHaveBeenCalled();
	} );

	it( 'takes the token from a pasted wp-config.php line, and sends only the token', async () => {
		mockRoutes( { [ CHECK ]: reply( checkResult( 'valid' ) ) } );
		const { user, field } = setup();
		await user.click( field );
		await user.paste(
			`define( 'WPMS_MAILERSEND_API_KEY', '${ GOOD_TOKEN }' );`
		);
		expect(
			screen.getByText(
				/The token was taken from the wp-config\.php line you pasted\./
			)
		).toBeInTheDocument();
		await user.click( checkButton() );
		await screen.findByText( verdicts.valid.title, { selector: 'strong' } );
		expect( requests()[ 0 ]?.data ).toEqual( {
			token: GOOD_TOKEN,
			deep: true,
		} );
	} );

	it( 'never sends a paste the server would refuse as a parameter', async () => {
		const { user, field } = setup();
		await user.click( field );
		await user.paste( `${ GOOD_TOKEN.slice( 0, 40 ) }…` );
		expect( screen.getByText( /looks cut short/ ) ).toHaveAttribute(
			'data-local-verdict',
			'truncated'
		);
		await user.click( checkButton() );
		expect( apiFetch ).not.toHaveBeenCalled();
	} );

	it( 'says what it removed from the paste', async () => {
		const { user, field } = setup();
		await user.click( field );
		await user.paste( `"Bearer ${ GOOD_TOKEN }"\n` );
		expect(
			screen.getByText(
				/Spaces, line breaks, quotes or “Bearer” were removed/
			)
		).toBeInTheDocument();
		expect(
			screen.getByText( /Looks like a MailerSend API token/ )
		).toBeInTheDocument();
		expectTokenNotShown();
	} );
} );

describe( 'Paste step: check and save', () => {
	it( 'checks with MailerSend, then saves a valid token', async () => {
		mockRoutes( {
			[ CHECK ]: reply( checkResult( 'valid' ) ),
			[ SAVE ]: reply( saveResult() ),
		} );
		const { user, field, onSaved, onGoTo } = setup();
		await pasteAndCheck( user, field, `  Bearer ${ GOOD_TOKEN }\n` );

		const verdict = await screen.findByText( verdicts.valid.title, {
			selector: 'strong',
		} );
		expect( verdict.closest( '.components-notice' ) ).toHaveClass(
			'is-success'
		);
		expectTokenNotShown();

		await user.click(
			screen.getByRole( 'button', { name: 'Save token' } )
		);
		expect( await screen.findByText( 'Token saved.' ) ).toBeInTheDocument();
		expect(
			screen.getByText(
				`WP Mail SMTP now uses the token ${ GOOD_TOKEN_MASKED }.`
			)
		).toBeInTheDocument();
		expect( onSaved ).toHaveBeenCalledWith( saveResult(), null );
		expect( requests() ).toEqual( [
			{
				key: 'POST /fix-mailersend/v1/token/check',
				data: { token: GOOD_TOKEN, deep: true },
			},
			{
				key: 'PUT /fix-mailersend/v1/token',
				data: { token: GOOD_TOKEN },
			},
		] );
		// The token is not kept on the screen once saved.
		expect(
			screen.queryByLabelText( 'MailerSend API token' )
		).not.toBeInTheDocument();

		await user.click(
			screen.getByRole( 'button', { name: 'Send a test email' } )
		);
		expect( onGoTo ).toHaveBeenCalledWith( 'test' );
	} );

	it( 'shows Checking… while MailerSend is asked', async () => {
		const answer = deferred< unknown >();
		mockRoutes( { [ CHECK ]: () => answer.promise } );
		const { user, field } = setup();
		await pasteAndCheck( user, field );
		expect(
			screen.getByRole( 'button', { name: 'Checking…' } )
		).toHaveAttribute( 'aria-disabled', 'true' );
		answer.resolve( checkResult( 'valid' ) );
		expect(
			await screen.findByRole( 'button', { name: 'Save token' } )
		).toBeInTheDocument();
	} );

	it( 'switches the mailer and records the expiry only with the user’s say-so', async () => {
		mockRoutes( {
			[ CHECK ]: reply( checkResult( 'valid' ) ),
			[ SAVE ]: reply( saveResult( true ) ),
		} );
		const { user, field, onSaved } = setup(
			headlineStatus( 'mailer_not_mailersend' )
		);
		await pasteAndCheck( user, field );
		const consent = await screen.findByRole( 'checkbox', {
			name: 'Switch WP Mail SMTP to MailerSend (it now sends with “Other SMTP”)',
		} );
		expect( consent ).not.toBeChecked();
		await user.click( consent );
		await user.type(
			screen.getByLabelText( 'Token expiry date (optional)' ),
			'2027-05-31'
		);
		await user.click(
			screen.getByRole( 'button', { name: 'Save token' } )
		);

		expect(
			await screen.findByText(
				'WP Mail SMTP now sends through MailerSend.'
			)
		).toBeInTheDocument();
		expect( requests()[ 1 ] ).toEqual( {
			key: 'PUT /fix-mailersend/v1/token',
			data: {
				token: GOOD_TOKEN,
				switch_mailer: true,
				expires_at: '2027-05-31',
			},
		} );
		expect( onSaved ).toHaveBeenCalledWith(
			saveResult( true ),
			'2027-05-31'
		);
	} );

	it( 'says what the database did not record when the token was saved', async () => {
		mockRoutes( {
			[ CHECK ]: reply( checkResult( 'valid' ) ),
			[ SAVE ]: reply( saveResult( false, [ 'audit', 'expiry' ] ) ),
		} );
		const { user, field } = setup();
		await pasteAndCheck( user, field );
		await user.click(
			await screen.findByRole( 'button', { name: 'Save token' } )
		);

		expect( await screen.findByText( 'Token saved.' ) ).toBeInTheDocument();
		const warning = screen
			.getByText(
				'The token is saved, but the database did not record everything (a database error):'
			)
			.closest( '.components-notice' );
		expect( warning ).toHaveClass( 'is-warning' );
		expect( warning ).toHaveTextContent(
			'This change is not in the audit trail.'
		);
		expect( warning ).toHaveTextContent(
			'The expiry date was not kept, so no reminder will come before the token expires.'
		);
	} );

	it( 'shows no such warning when everything was recorded', async () => {
		mockRoutes( {
			[ CHECK ]: reply( checkResult( 'valid' ) ),
			[ SAVE ]: reply( saveResult() ),
		} );
		const { user, field } = setup();
		await pasteAndCheck( user, field );
		await user.click(
			await screen.findByRole( 'button', { name: 'Save token' } )
		);
		await screen.findByText( 'Token saved.' );
		expect(
			screen.queryByText( /did not record everything/ )
		).not.toBeInTheDocument();
	} );

	it( 'does not switch the mailer without consent', async () => {
		mockRoutes( {
			[ CHECK ]: reply( checkResult( 'valid' ) ),
			[ SAVE ]: reply( saveResult() ),
		} );
		const { user, field } = setup(
			headlineStatus( 'mailer_not_mailersend' )
		);
		await pasteAndCheck( user, field );
		await user.click(
			await screen.findByRole( 'button', { name: 'Save token' } )
		);
		await screen.findByText( 'Token saved.' );
		expect( requests()[ 1 ]?.data ).toEqual( { token: GOOD_TOKEN } );
	} );

	it( 'does not offer the switch when WP Mail SMTP already uses MailerSend', async () => {
		mockRoutes( { [ CHECK ]: reply( checkResult( 'valid' ) ) } );
		const { user, field } = setup();
		await pasteAndCheck( user, field );
		await screen.findByRole( 'button', { name: 'Save token' } );
		expect(
			screen.queryByRole( 'checkbox', { name: /Switch WP Mail SMTP/ } )
		).not.toBeInTheDocument();
	} );

	it.each( [
		'unauthenticated',
		'missing_permission',
		'domain_unverified',
		'blocked_by_site',
		'account_blocked',
	] as VerdictId[] )(
		'does not offer to save after a %s verdict',
		async ( id ) => {
			mockRoutes( { [ CHECK ]: reply( checkResult( id ) ) } );
			const { user, field } = setup();
			await pasteAndCheck( user, field );
			await screen.findByText( checkResult( id ).verdict.title, {
				selector: 'strong',
			} );
			expect(
				screen.queryByRole( 'button', { name: 'Save token' } )
			).not.toBeInTheDocument();
			expect(
				screen.queryByRole( 'button', { name: 'Save anyway' } )
			).not.toBeInTheDocument();
		}
	);

	it( 'says "not saved" and keeps the old token when the server rejects it', async () => {
		mockRoutes( {
			[ CHECK ]: reply( checkResult( 'valid' ) ),
			[ SAVE ]: fail( rejectedError( 'unauthenticated' ) ),
		} );
		const { user, field, onSaved } = setup();
		await pasteAndCheck( user, field );
		await user.click(
			await screen.findByRole( 'button', { name: 'Save token' } )
		);

		expect(
			await screen.findByText(
				`Not saved: your current token ${ SAVED_MASKED } was left as it was.`
			)
		).toBeInTheDocument();
		expect(
			screen.getByText( verdicts.unauthenticated.title, {
				selector: 'strong',
			} )
		).toBeInTheDocument();
		expect(
			screen.queryByRole( 'button', { name: 'Save token' } )
		).not.toBeInTheDocument();
		expect( onSaved ).not.toHaveBeenCalled();
	} );

	it( 'says "nothing was changed" when there was no saved token', async () => {
		mockRoutes( {
			[ CHECK ]: reply( checkResult( 'valid' ) ),
			[ SAVE ]: fail( rejectedError( 'domain_unverified' ) ),
		} );
		const { user, field } = setup(
			statusWith( {
				token: {
					source: 'none',
					masked: null,
					constant: 'WPMS_MAILERSEND_API_KEY',
					expires_at: null,
				},
			} )
		);
		await pasteAndCheck( user, field );
		await user.click(
			await screen.findByRole( 'button', { name: 'Save token' } )
		);
		expect(
			await screen.findByText( 'Not saved: nothing was changed.' )
		).toBeInTheDocument();
	} );

	/**
	 * A verdict of the deep check when the send probe got no answer, after MailerSend had
	 * accepted the token on the quota endpoint (Diagnosis.php adds `token_accepted`).
	 *
	 * @param id `network_error` or `mailersend_unavailable`.
	 */
	function unreachableProbe( id: VerdictId ): Verdict {
		return {
			...verdicts[ id ],
			evidence: {
				...verdicts[ id ].evidence,
				endpoint: 'POST /v1/email',
				token_accepted: true,
				deep_checked: true,
			},
		};
	}

	it.each( [
		[ 'mailersend_unavailable', verdicts.mailersend_unavailable ],
		[ 'network_error', verdicts.network_error ],
		[
			'a probe timeout in the deep check (network_error, token accepted)',
			unreachableProbe( 'network_error' ),
		],
		[
			'a probe MailerSend could not answer (mailersend_unavailable, token accepted)',
			unreachableProbe( 'mailersend_unavailable' ),
		],
		[
			'a 429 before MailerSend accepted the token (rate_limited)',
			rateLimitedUnproven,
		],
	] as Array< [ string, Verdict ] > )(
		'offers "Save anyway" behind an explicit warning after %s',
		async ( _label, verdict ) => {
			mockRoutes( {
				[ CHECK ]: reply( {
					verdict,
					token: { masked: GOOD_TOKEN_MASKED, source: 'pasted' },
				} ),
				[ SAVE ]: reply( saveResult() ),
			} );
			const { user, field, onSaved } = setup();
			await pasteAndCheck( user, field );

			expect(
				await screen.findByText( 'Save without a check?' )
			).toBeInTheDocument();
			expect(
				screen.queryByRole( 'button', { name: 'Save token' } )
			).not.toBeInTheDocument();
			const saveAnyway = screen.getByRole( 'button', {
				name: 'Save anyway',
			} );
			expect( saveAnyway ).toHaveAttribute( 'aria-disabled', 'true' );
			await user.click( saveAnyway );
			expect( apiFetch ).toHaveBeenCalledTimes( 1 );

			await user.click(
				screen.getByRole( 'checkbox', {
					name: 'I understand: save this token without checking it',
				} )
			);
			await user.click( saveAnyway );
			await screen.findByText( 'Token saved.' );
			expect( requests()[ 1 ] ).toEqual( {
				key: 'PUT /fix-mailersend/v1/token',
				data: { token: GOOD_TOKEN, save_anyway: true },
			} );
			expect( onSaved ).toHaveBeenCalled();
		}
	);

	it( 'says why a rate_limited token is unchecked: MailerSend was too busy', async () => {
		mockRoutes( {
			[ CHECK ]: reply( {
				verdict: rateLimitedUnproven,
				token: { masked: GOOD_TOKEN_MASKED, source: 'pasted' },
			} ),
		} );
		const { user, field } = setup();
		await pasteAndCheck( user, field );

		expect(
			await screen.findByText( /before checking the token/ )
		).toBeInTheDocument();
		expect(
			screen.getByText(
				/MailerSend was too busy to check this token, so nobody knows yet whether it works\./
			)
		).toBeInTheDocument();
		expect(
			screen.getByRole( 'button', { name: 'Save anyway' } )
		).toBeInTheDocument();
		expect(
			screen.queryByRole( 'button', { name: 'Save token' } )
		).not.toBeInTheDocument();
	} );

	it( 'offers "Save anyway" when MailerSend became unreachable between check and save', async () => {
		mockRoutes( {
			[ CHECK ]: reply( checkResult( 'valid' ) ),
			[ SAVE ]: fail( rejectedError( 'network_error' ) ),
		} );
		const { user, field } = setup();
		await pasteAndCheck( user, field );
		await user.click(
			await screen.findByRole( 'button', { name: 'Save token' } )
		);
		expect(
			await screen.findByText( 'Save without a check?' )
		).toBeInTheDocument();
		expect( screen.getByText( /^Not saved/ ) ).toBeInTheDocument();
	} );

	it( 'forgets an earlier answer when the token is edited', async () => {
		mockRoutes( { [ CHECK ]: reply( checkResult( 'unauthenticated' ) ) } );
		const { user, field } = setup();
		await pasteAndCheck( user, field );
		await screen.findByText( verdicts.unauthenticated.title, {
			selector: 'strong',
		} );
		await user.type( field, 'x' );
		expect(
			screen.queryByText( verdicts.unauthenticated.title, {
				selector: 'strong',
			} )
		).not.toBeInTheDocument();
	} );

	it( 'shows a throttled check as a request error', async () => {
		mockRoutes( { [ CHECK ]: fail( throttledError ) } );
		const { user, field } = setup();
		await pasteAndCheck( user, field );
		expect(
			await screen.findByText( 'Could not check the token.' )
		).toBeInTheDocument();
		expect(
			screen.getByText( /Try again in 30 seconds/ )
		).toBeInTheDocument();
	} );

	it( 'retries a save that failed for another reason', async () => {
		mockRoutes( {
			[ CHECK ]: reply( checkResult( 'valid' ) ),
			[ SAVE ]: [
				fail( {
					code: 'internal_server_error',
					message: 'There has been a critical error on this website.',
					data: { status: 500 },
				} ),
				reply( saveResult() ),
			],
		} );
		const { user, field } = setup();
		await pasteAndCheck( user, field );
		await user.click(
			await screen.findByRole( 'button', { name: 'Save token' } )
		);
		expect(
			await screen.findByText( 'Could not save the token.' )
		).toBeInTheDocument();
		await user.click( screen.getByRole( 'button', { name: 'Retry' } ) );
		expect( await screen.findByText( 'Token saved.' ) ).toBeInTheDocument();
		expect( requests().map( ( r ) => r.key ) ).toEqual( [
			'POST /fix-mailersend/v1/token/check',
			'PUT /fix-mailersend/v1/token',
			'PUT /fix-mailersend/v1/token',
		] );
	} );
} );

describe( 'Paste step: token in wp-config.php', () => {
	const constantStatus = () =>
		statusWith( {
			token: {
				source: 'constant',
				masked: SAVED_MASKED,
				constant: 'WPMS_MAILERSEND_API_KEY',
				expires_at: null,
			},
		} );

	it( 'shows the define() line with the pasted token instead of saving', async () => {
		mockRoutes( { [ CHECK ]: reply( checkResult( 'valid' ) ) } );
		const { user, field } = setup( constantStatus() );
		expect(
			screen.getByText( /reads your token from wp-config.php/ )
		).toBeInTheDocument();

		await pasteAndCheck( user, field, `'${ GOOD_TOKEN }'` );
		const line = await screen.findByText( DEFINE );
		expect( line.tagName ).toBe( 'CODE' );
		expect(
			screen.queryByRole( 'button', { name: 'Save token' } )
		).not.toBeInTheDocument();
		// Only the check was requested: nothing is saved.
		expect( requests().map( ( r ) => r.key ) ).toEqual( [
			'POST /fix-mailersend/v1/token/check',
		] );

		await user.click(
			screen.getByRole( 'button', { name: 'Copy the line' } )
		);
		expect( await window.navigator.clipboard.readText() ).toBe( DEFINE );
		expect( await screen.findByText( /^Copied\./ ) ).toBeInTheDocument();
	} );

	it( 'does not show the line for a token MailerSend refused', async () => {
		mockRoutes( { [ CHECK ]: reply( checkResult( 'unauthenticated' ) ) } );
		const { user, field } = setup( constantStatus() );
		await pasteAndCheck( user, field );
		await screen.findByText( verdicts.unauthenticated.title, {
			selector: 'strong',
		} );
		expect( screen.queryByText( DEFINE ) ).not.toBeInTheDocument();
		expectTokenNotShown();
	} );

	it( 'shows the line with a warning after a 429 before MailerSend accepted the token', async () => {
		mockRoutes( {
			[ CHECK ]: reply( {
				verdict: rateLimitedUnproven,
				token: { masked: GOOD_TOKEN_MASKED, source: 'pasted' },
			} ),
		} );
		const { user, field } = setup( constantStatus() );
		await pasteAndCheck( user, field );
		expect( await screen.findByText( DEFINE ) ).toBeInTheDocument();
		expect(
			screen.getByText( /MailerSend could not check this token/ )
		).toBeInTheDocument();
	} );

	it( 'shows the line with a warning when MailerSend could not be reached', async () => {
		mockRoutes( { [ CHECK ]: reply( checkResult( 'network_error' ) ) } );
		const { user, field } = setup( constantStatus() );
		await pasteAndCheck( user, field );
		expect( await screen.findByText( DEFINE ) ).toBeInTheDocument();
		expect(
			screen.getByText( /MailerSend could not check this token/ )
		).toBeInTheDocument();
		expect(
			screen.queryByRole( 'button', { name: 'Save anyway' } )
		).not.toBeInTheDocument();
	} );

	it( 'shows the line when the server answers 409 to a save', async () => {
		mockRoutes( {
			[ CHECK ]: reply( checkResult( 'valid' ) ),
			[ SAVE ]: fail( constantError ),
		} );
		// The status did not load: the screen learns about the constant from the 409.
		const { user, field, onSaved } = setup( null );
		await pasteAndCheck( user, field );
		await user.click(
			await screen.findByRole( 'button', { name: 'Save token' } )
		);
		const define = await screen.findByText( DEFINE );
		expect(
			within( define.closest( '.fms-define' ) as HTMLElement ).getByText(
				'WPMS_MAILERSEND_API_KEY'
			).tagName
		).toBe( 'CODE' );
		expect(
			screen.queryByRole( 'button', { name: 'Save token' } )
		).not.toBeInTheDocument();
		expect( onSaved ).not.toHaveBeenCalled();
	} );
} );

describe( 'Paste step: the save rule is the server’s', () => {
	/**
	 * A check result with the given verdict.
	 *
	 * @param verdict Verdict.
	 */
	function checked( verdict: Verdict ): CheckResult {
		return {
			verdict,
			token: { masked: GOOD_TOKEN_MASKED, source: 'pasted' },
		};
	}

	it.each( [
		[ 'valid', verdicts.valid ],
		[ 'an accepted legacy_token', verdicts.legacy_token ],
		[ 'rate_limited (MailerSend knows the token)', verdicts.rate_limited ],
		[ 'send_paused (MailerSend knows the token)', verdicts.send_paused ],
		[
			'recipients_suppressed (MailerSend knows the token)',
			verdicts.recipients_suppressed,
		],
	] )( 'offers to save after %s', async ( _label, verdict ) => {
		mockRoutes( {
			[ CHECK ]: reply( checked( verdict ) ),
			[ SAVE ]: reply( { ...saveResult(), verdict } ),
		} );
		const { user, field, onSaved } = setup();
		await pasteAndCheck( user, field );
		await user.click(
			await screen.findByRole( 'button', { name: 'Save token' } )
		);
		await screen.findByText( 'Token saved.' );
		expect( onSaved ).toHaveBeenCalled();
		expect( requests()[ 1 ]?.data ).toEqual( { token: GOOD_TOKEN } );
	} );

	it.each( [
		[ 'an unknown warning', verdicts.unknown ],
		[
			// The send probe answered 403 without a #MS code: nobody knows why.
			'an unknown warning after MailerSend accepted the token',
			{
				...verdicts.unknown,
				evidence: {
					...verdicts.unknown.evidence,
					http_status: 403,
					endpoint: 'POST /v1/email',
					token_accepted: true,
					deep_checked: true,
				},
			},
		],
		[
			'a legacy_token MailerSend did not accept',
			{
				...verdicts.legacy_token,
				evidence: { token_accepted: false },
				// As the server says of it (Verdicts::policy()).
				policy: {
					step: 'new-token' as const,
					proves_token: false,
					save_anyway: false,
				},
			},
		],
		[
			'an error although MailerSend knows the token (domain_unverified)',
			verdicts.domain_unverified,
		],
		[
			'quota_exhausted (an error, even with token_accepted)',
			verdicts.quota_exhausted,
		],
		[
			'recipients_suppressed without token_accepted',
			{
				...verdicts.recipients_suppressed,
				evidence: {},
				policy: { step: null, proves_token: false, save_anyway: false },
			},
		],
	] )( 'does not offer to save after %s', async ( _label, verdict ) => {
		mockRoutes( { [ CHECK ]: reply( checked( verdict ) ) } );
		const { user, field } = setup();
		await pasteAndCheck( user, field );
		await screen.findByText( verdict.title, { selector: 'strong' } );
		expect(
			screen.queryByRole( 'button', { name: 'Save token' } )
		).not.toBeInTheDocument();
	} );
} );

describe( 'Paste step: what the server refuses', () => {
	it( 'when WPMS_MAILER sets the mailer, offers no switch and says which line to change', async () => {
		mockRoutes( {
			[ CHECK ]: reply( checkResult( 'valid' ) ),
			[ SAVE ]: reply( saveResult() ),
		} );
		const status = headlineStatus( 'mailer_not_mailersend' );
		const { user, field } = setup( {
			...status,
			mailer: { ...status.mailer, from_constant: true },
		} );
		await pasteAndCheck( user, field );
		await screen.findByRole( 'button', { name: 'Save token' } );
		expect(
			screen.queryByRole( 'checkbox', { name: /Switch WP Mail SMTP/ } )
		).not.toBeInTheDocument();
		const line = screen.getByText(
			"define( 'WPMS_MAILER', 'mailersend' );"
		);
		expect( line.tagName ).toBe( 'CODE' );
		expect( line.closest( '.components-notice' ) ).toHaveTextContent(
			/set by the WPMS_MAILER constant in wp-config\.php, so this screen cannot switch it/
		);
		await user.click(
			screen.getByRole( 'button', { name: 'Save token' } )
		);
		await screen.findByText( 'Token saved.' );
		expect( requests()[ 1 ]?.data ).toEqual( { token: GOOD_TOKEN } );
	} );

	it( 'on 409 fix_mailersend_mailer_constant_defined, explains, drops the switch, and saves without it', async () => {
		const saved = deferred< unknown >();
		mockRoutes( {
			[ CHECK ]: reply( checkResult( 'valid' ) ),
			[ SAVE ]: [
				fail( serverErrors.mailerConstant ),
				() => saved.promise,
			],
		} );
		// The status said the mailer could be switched (loaded before wp-config.php changed).
		const { user, field } = setup(
			headlineStatus( 'mailer_not_mailersend' )
		);
		await pasteAndCheck( user, field );
		await user.click(
			await screen.findByRole( 'checkbox', {
				name: /Switch WP Mail SMTP to MailerSend/,
			} )
		);
		await user.click(
			screen.getByRole( 'button', { name: 'Save token' } )
		);

		expect(
			await screen.findByText( 'Could not save the token.' )
		).toBeInTheDocument();
		expect(
			screen.getByText( serverErrors.mailerConstant.message )
		).toBeInTheDocument();
		// Retrying the same request cannot help.
		expect(
			screen.queryByRole( 'button', { name: 'Retry' } )
		).not.toBeInTheDocument();
		expect(
			screen.queryByRole( 'checkbox', { name: /Switch WP Mail SMTP/ } )
		).not.toBeInTheDocument();
		expect(
			screen.getByText( "define( 'WPMS_MAILER', 'mailersend' );" )
		).toBeInTheDocument();

		await user.click(
			screen.getByRole( 'button', { name: 'Save token' } )
		);
		// While it saves again, the switch stays away.
		expect(
			screen.queryByRole( 'checkbox', { name: /Switch WP Mail SMTP/ } )
		).not.toBeInTheDocument();
		saved.resolve( saveResult() );
		await screen.findByText( 'Token saved.' );
		expect( requests().map( ( r ) => r.data ) ).toEqual( [
			{ token: GOOD_TOKEN, deep: true },
			{ token: GOOD_TOKEN, switch_mailer: true },
			{ token: GOOD_TOKEN },
		] );
	} );

	it( 'on 409 fix_mailersend_wp_mail_smtp_unavailable, says so without a Retry', async () => {
		mockRoutes( {
			[ CHECK ]: reply( checkResult( 'valid' ) ),
			[ SAVE ]: fail( serverErrors.saveUnavailable ),
		} );
		const { user, field } = setup();
		await pasteAndCheck( user, field );
		await user.click(
			await screen.findByRole( 'button', { name: 'Save token' } )
		);
		expect(
			await screen.findByText( serverErrors.saveUnavailable.message )
		).toBeInTheDocument();
		expect(
			screen.queryByRole( 'button', { name: 'Retry' } )
		).not.toBeInTheDocument();
	} );

	it( 'on 500 fix_mailersend_save_failed, shows the server’s words, the code and a Retry', async () => {
		mockRoutes( {
			[ CHECK ]: reply( checkResult( 'valid' ) ),
			[ SAVE ]: fail( serverErrors.saveFailed ),
		} );
		const { user, field, onSaved } = setup();
		await pasteAndCheck( user, field );
		await user.click(
			await screen.findByRole( 'button', { name: 'Save token' } )
		);
		expect(
			await screen.findByText( serverErrors.saveFailed.message )
		).toBeInTheDocument();
		expect(
			screen.getByText(
				'Error code: fix_mailersend_save_failed (HTTP 500)'
			)
		).toBeInTheDocument();
		expect(
			screen.getByRole( 'button', { name: 'Retry' } )
		).toBeInTheDocument();
		expect( onSaved ).not.toHaveBeenCalled();
	} );

	it( 'on 429 while saving, says how long to wait', async () => {
		mockRoutes( {
			[ CHECK ]: reply( checkResult( 'valid' ) ),
			[ SAVE ]: fail( throttledError ),
		} );
		const { user, field } = setup();
		await pasteAndCheck( user, field );
		await user.click(
			await screen.findByRole( 'button', { name: 'Save token' } )
		);
		expect(
			await screen.findByText( /Try again in 30 seconds/ )
		).toBeInTheDocument();
	} );

	it( 'can still check and save while WP Mail SMTP is too old', async () => {
		mockRoutes( {
			[ CHECK ]: reply( checkResult( 'valid' ) ),
			[ SAVE ]: reply( saveResult() ),
		} );
		const { user, field } = setup(
			headlineStatus( 'wp_mail_smtp_too_old' )
		);
		expect(
			screen.queryByText( /a token cannot be saved yet/ )
		).not.toBeInTheDocument();
		await pasteAndCheck( user, field );
		await user.click(
			await screen.findByRole( 'button', { name: 'Save token' } )
		);
		expect( await screen.findByText( 'Token saved.' ) ).toBeInTheDocument();
	} );

	it( 'does not offer to save while WP Mail SMTP is inactive', async () => {
		mockRoutes( { [ CHECK ]: reply( checkResult( 'valid' ) ) } );
		const { user, field } = setup(
			headlineStatus( 'wp_mail_smtp_inactive' )
		);
		expect(
			screen.getByText( /a token cannot be saved yet/ )
		).toBeInTheDocument();
		await pasteAndCheck( user, field );
		await screen.findByText( verdicts.valid.title, { selector: 'strong' } );
		expect(
			screen.queryByRole( 'button', { name: 'Save token' } )
		).not.toBeInTheDocument();
	} );
} );
