import apiFetch from '@wordpress/api-fetch';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import type { Status } from '../../types';
import {
	brokenStatus,
	checkResult,
	headlineStatus,
	healthyStatus,
	SAVED_MASKED,
	statusWith,
	throttledError,
	verdicts,
	type HeadlineOnlyId,
} from '../../test/fixtures';
import {
	deferred,
	fail,
	mockRoutes,
	renderInApp,
	reply,
	requests,
} from '../../test/helpers';
import App from '../App';

jest.mock( '@wordpress/api-fetch' );

const STATUS = 'GET /fix-mailersend/v1/status' as const;
const CHECK = 'POST /fix-mailersend/v1/token/check' as const;

function fact( label: string ): HTMLElement {
	const term = within(
		document.querySelector( '.fms-facts--main' ) as HTMLElement
	).getByText( label, { selector: 'dt' } );
	const value = term.nextElementSibling;
	if ( ! ( value instanceof HTMLElement ) ) {
		throw new Error( `No value for ${ label }` );
	}
	return value;
}

function headline(): HTMLElement {
	return document.querySelector( '.fms-headline' ) as HTMLElement;
}

/**
 * A calendar date some days from today, as the server stores it (YYYY-MM-DD).
 *
 * @param offset Days from today.
 */
function ymd( offset: number ): string {
	const date = new Date();
	date.setDate( date.getDate() + offset );
	return [
		date.getFullYear(),
		String( date.getMonth() + 1 ).padStart( 2, '0' ),
		String( date.getDate() ).padStart( 2, '0' ),
	].join( '-' );
}

async function openWith( status: Status ) {
	mockRoutes( { [ STATUS ]: reply( status ) } );
	renderInApp( <App /> );
	await screen.findByText( status.headline.title, { selector: 'strong' } );
}

beforeEach( () => {
	window.history.replaceState(
		null,
		'',
		'/wp-admin/admin.php?page=fix-mailersend'
	);
} );

describe( 'Diagnose step', () => {
	it( 'shows a spinner while loading, then the diagnosis, with ONE request', async () => {
		const pending = deferred< Status >();
		mockRoutes( { [ STATUS ]: () => pending.promise } );
		renderInApp( <App /> );

		expect( screen.getByRole( 'status' ) ).toHaveTextContent(
			'Looking at WP Mail SMTP and your MailerSend token…'
		);
		expect( screen.getByRole( 'heading', { level: 2 } ) ).toHaveTextContent(
			'Step 1 of 4: Diagnose'
		);

		pending.resolve( brokenStatus() );
		expect(
			await screen.findByText(
				'MailerSend does not recognise this token',
				{
					selector: '.fms-headline strong',
				}
			)
		).toBeInTheDocument();
		expect( screen.queryByRole( 'status' ) ).not.toBeInTheDocument();
		expect( requests() ).toEqual( [
			{ key: 'GET /fix-mailersend/v1/status', data: undefined },
		] );
	} );

	it( 'leads with the headline verdict and its next step', async () => {
		const user = userEvent.setup();
		await openWith( brokenStatus() );

		const notice = headline();
		expect( notice ).toHaveClass( 'is-error' );
		expect(
			within( notice ).getByText(
				'Paste it in step 3 of this screen, check it, and save it.'
			)
		).toBeInTheDocument();

		await user.click(
			within( notice ).getByRole( 'button', {
				name: 'Get a new token',
			} )
		);
		expect( screen.getByRole( 'heading', { level: 2 } ) ).toHaveTextContent(
			'Step 2 of 5: Get a new token'
		);
		expect( window.location.hash ).toBe( '#new-token' );
	} );

	it( 'says that with WP Mail SMTP Pro only the primary connection is looked after', async () => {
		const status = brokenStatus();
		await openWith( {
			...status,
			wp_mail_smtp: { ...status.wp_mail_smtp, pro: true },
		} );
		expect( fact( 'WP Mail SMTP' ) ).toHaveTextContent(
			'WP Mail SMTP Pro 4.8.0, active'
		);
		expect( fact( 'WP Mail SMTP' ) ).toHaveTextContent(
			'changes the MailerSend token of the primary connection only'
		);
	} );

	it( 'warns that network-wide settings are the whole network’s', async () => {
		const status = brokenStatus();
		await openWith( {
			...status,
			wp_mail_smtp: { ...status.wp_mail_smtp, network_wide: true },
		} );
		expect( fact( 'WP Mail SMTP' ) ).toHaveTextContent(
			'Saving a token changes email for every site.'
		);
	} );

	it( 'lists the facts', async () => {
		await openWith( brokenStatus() );

		expect( fact( 'WP Mail SMTP' ) ).toHaveTextContent(
			'WP Mail SMTP Lite 4.8.0, active'
		);
		expect( fact( 'WP Mail SMTP' ) ).not.toHaveTextContent(
			'primary connection'
		);
		expect( fact( 'WP Mail SMTP' ) ).not.toHaveTextContent(
			'Network-wide'
		);
		expect( fact( 'Mailer' ) ).toHaveTextContent( 'MailerSend' );
		expect( fact( 'API token' ) ).toHaveTextContent(
			`${ SAVED_MASKED } (saved in WP Mail SMTP’s settings)`
		);
		const failure = fact( 'Last failed email' );
		expect( failure ).toHaveTextContent( 'Unauthenticated.' );
		expect( failure ).toHaveTextContent( 'HTTP status: 401' );
		expect( failure ).toHaveTextContent( /2026/ );
		expect( failure ).not.toHaveTextContent( 'MailerSend code' );
		expect( fact( 'Last token check' ) ).toHaveTextContent(
			'MailerSend does not recognise this token'
		);
		expect( fact( 'From address' ) ).toHaveTextContent(
			'wordpress@example.com'
		);
		expect( fact( 'From address' ) ).toHaveTextContent(
			'Sending domain: example.com'
		);
	} );

	it( 'shows the MailerSend code of the last failure', async () => {
		await openWith(
			statusWith( {
				last_failure: {
					at: '2026-11-29T13:00:00+00:00',
					message:
						'The from.email domain must be verified in your account to send emails. #MS42207',
					ms_code: 'MS42207',
					http_status: 422,
					resolved: false,
					current_token: true,
					verdict: verdicts.domain_unverified,
				},
				headline: verdicts.domain_unverified,
			} )
		);
		expect( fact( 'Last failed email' ) ).toHaveTextContent(
			'MailerSend code: MS42207'
		);
	} );

	it( 'says when the last failure had no message (transport error) and when there was none', async () => {
		await openWith(
			statusWith( {
				last_failure: {
					at: '2026-11-29T13:00:00+00:00',
					message: '',
					ms_code: null,
					http_status: 0,
					resolved: false,
					current_token: true,
					verdict: verdicts.network_error,
				},
				last_check: null,
				headline: verdicts.network_error,
			} )
		);
		expect( fact( 'Last failed email' ) ).toHaveTextContent(
			'No message: the request did not reach MailerSend.'
		);
		expect( fact( 'Last failed email' ) ).not.toHaveTextContent(
			'HTTP status'
		);
		expect( fact( 'Last token check' ) ).toHaveTextContent( 'Never' );
	} );

	it( 'for a healthy site, leads with success and offers the test email', async () => {
		const user = userEvent.setup();
		await openWith( healthyStatus() );

		const notice = headline();
		expect( notice ).toHaveClass( 'is-success' );
		expect( fact( 'Last failed email' ) ).toHaveTextContent(
			'None recorded'
		);
		await user.click(
			within( notice ).getByRole( 'button', {
				name: 'Send a test email',
			} )
		);
		expect( window.location.hash ).toBe( '#test' );
	} );

	it( 'offers no next-step button when the fix lies outside this screen', async () => {
		await openWith( statusWith( { headline: verdicts.account_blocked } ) );
		const notice = headline();
		expect(
			within( notice ).queryByRole( 'button' )
		).not.toBeInTheDocument();
	} );

	it( 'shows a request error and retries', async () => {
		const user = userEvent.setup();
		mockRoutes( {
			[ STATUS ]: [
				fail( {
					code: 'fetch_error',
					message: 'Could not get a valid response from the server.',
				} ),
				reply( brokenStatus() ),
			],
		} );
		renderInApp( <App /> );

		expect(
			await screen.findByText( 'Could not load the diagnosis.' )
		).toBeInTheDocument();
		await user.click( screen.getByRole( 'button', { name: 'Retry' } ) );
		expect(
			await screen.findByText(
				'MailerSend does not recognise this token',
				{
					selector: '.fms-headline strong',
				}
			)
		).toBeInTheDocument();
		expect(
			screen.queryByText( 'Could not load the diagnosis.' )
		).not.toBeInTheDocument();
		expect( apiFetch ).toHaveBeenCalledTimes( 2 );
	} );

	it.each( [
		[
			'wp_mail_smtp_missing',
			'Find WP Mail SMTP',
			'http://example.com/wp-admin/plugin-install.php?s=WP+Mail+SMTP&tab=search&type=term',
			'Not installed',
		],
		[
			'wp_mail_smtp_inactive',
			'Go to Plugins',
			'http://example.com/wp-admin/plugins.php',
			'Installed but not active',
		],
	] as const )(
		'leads with %s, its link in the headline, nothing to re-check',
		async ( id, linkName, href, factText ) => {
			await openWith( headlineStatus( id ) );
			expect( headline() ).toHaveClass( 'is-error' );
			expect( headline() ).toHaveTextContent( verdicts[ id ].title );
			expect(
				within( headline() ).getByRole( 'link', { name: linkName } )
			).toHaveAttribute( 'href', href );
			// The headline says it: no second notice with the same message.
			expect(
				screen.getAllByRole( 'link', { name: linkName } )
			).toHaveLength( 1 );
			expect(
				within( headline() ).queryByRole( 'button' )
			).not.toBeInTheDocument();
			expect( fact( 'WP Mail SMTP' ) ).toHaveTextContent( factText );
			expect( fact( 'Mailer' ) ).toHaveTextContent(
				'Unknown (WP Mail SMTP is not running)'
			);
			expect(
				screen.getByRole( 'button', { name: 'Re-check saved token' } )
			).toHaveAttribute( 'aria-disabled', 'true' );
		}
	);

	it( 'leads with wp_mail_smtp_too_old when the token looks fine; re-checking still works', async () => {
		await openWith( headlineStatus( 'wp_mail_smtp_too_old' ) );
		expect( headline() ).toHaveClass( 'is-warning' );
		expect( headline() ).toHaveTextContent(
			'Update WP Mail SMTP to 4.5.0 or newer'
		);
		expect(
			within( headline() ).getByRole( 'link', { name: 'Go to Plugins' } )
		).toHaveAttribute( 'href', 'http://example.com/wp-admin/plugins.php' );
		expect( fact( 'WP Mail SMTP' ) ).toHaveTextContent(
			'Version 4.4.2: too old, Fix MailerSend needs 4.5.0 or newer'
		);
		expect(
			screen.getByRole( 'button', { name: 'Re-check saved token' } )
		).not.toHaveAttribute( 'aria-disabled' );
	} );

	it( 'adds the update advice when a token problem leads and WP Mail SMTP is too old', async () => {
		await openWith(
			statusWith( {
				wp_mail_smtp: {
					...brokenStatus().wp_mail_smtp,
					state: 'too_old',
					version: '4.1.0',
					settings_url: 'http://example.com/wp-admin/plugins.php',
				},
			} )
		);
		expect(
			within( headline() ).getByRole( 'button', {
				name: 'Get a new token',
			} )
		).toBeInTheDocument();
		expect(
			screen.getByText( /Update it to version 4\.5\.0 or newer/ )
		).toBeInTheDocument();
		expect(
			screen.getByRole( 'link', { name: 'Go to Plugins' } )
		).toHaveAttribute( 'href', 'http://example.com/wp-admin/plugins.php' );
	} );

	it( 'leads with mailer_not_mailersend: paste a token (with the switch) or open the settings', async () => {
		const user = userEvent.setup();
		await openWith( headlineStatus( 'mailer_not_mailersend' ) );
		expect( fact( 'Mailer' ) ).toHaveTextContent( 'Other SMTP' );
		expect( headline() ).toHaveTextContent(
			verdicts.mailer_not_mailersend.explanation
		);
		expect(
			within( headline() ).getByRole( 'link', {
				name: 'WP Mail SMTP settings',
			} )
		).toHaveAttribute(
			'href',
			'http://example.com/wp-admin/admin.php?page=wp-mail-smtp'
		);
		// Not said twice.
		expect(
			screen.queryByText( /currently sends with/ )
		).not.toBeInTheDocument();
		const paste = within( headline() ).getByRole( 'button', {
			name: 'Paste a token',
		} );
		expect( paste ).toHaveClass( 'is-primary' );
		await user.click( paste );
		expect( window.location.hash ).toBe( '#paste' );
	} );

	it( 'says the WPMS_MAILER constant must change when it sets the mailer', async () => {
		const status = headlineStatus( 'mailer_not_mailersend' );
		await openWith( {
			...status,
			mailer: { ...status.mailer, from_constant: true },
		} );
		expect( fact( 'Mailer' ) ).toHaveTextContent(
			'Set by the WPMS_MAILER constant in wp-config.php'
		);
		expect(
			within( headline() ).getByText(
				"define( 'WPMS_MAILER', 'mailersend' );"
			).tagName
		).toBe( 'CODE' );
		expect( headline() ).toHaveTextContent(
			/cannot be switched from this screen/
		);
		expect(
			within( headline() ).getByRole( 'button', {
				name: 'Paste a token',
			} )
		).not.toHaveClass( 'is-primary' );
	} );

	it( 'explains another mailer when the headline is about something else', async () => {
		await openWith(
			statusWith( {
				mailer: {
					slug: 'sendgrid',
					is_mailersend: false,
					from_constant: false,
				},
			} )
		);
		expect(
			screen.getByText(
				'WP Mail SMTP currently sends with “sendgrid”, not MailerSend, so no MailerSend token is in use.'
			)
		).toBeInTheDocument();
	} );

	it( 'for not_checked, offers the re-check first, then updates the headline in place', async () => {
		const user = userEvent.setup();
		const before = headlineStatus( 'not_checked' );
		mockRoutes( {
			// The server's status after the check: it leads the headline.
			[ STATUS ]: [
				reply( before ),
				reply( {
					...before,
					last_check: {
						at: '2026-12-01T10:00:00+00:00',
						current: true,
						verdict: verdicts.valid,
					},
					headline: verdicts.valid,
				} ),
			],
			[ CHECK ]: reply( checkResult( 'valid', 'database' ) ),
		} );
		renderInApp( <App /> );
		await screen.findByText( verdicts.not_checked.title, {
			selector: 'strong',
		} );
		expect( headline() ).toHaveClass( 'is-info' );
		expect(
			within( headline() ).getByRole( 'button', {
				name: 'Paste a token',
			} )
		).toBeInTheDocument();
		const recheck = screen.getByRole( 'button', {
			name: 'Re-check saved token',
		} );
		expect( recheck ).toHaveClass( 'is-primary' );

		await user.click( recheck );
		await waitFor( () =>
			expect( headline() ).toHaveTextContent( verdicts.valid.title )
		);
		expect( headline() ).toHaveClass( 'is-success' );
		expect(
			within( headline() ).getByRole( 'button', {
				name: 'Send a test email',
			} )
		).toBeInTheDocument();
		expect(
			screen.getByText(
				`Checked just now: “${ verdicts.valid.title }”. The diagnosis at the top of this step shows the details.`
			)
		).toBeInTheDocument();
		// One notice for the verdict, not two.
		expect(
			screen.getAllByText( verdicts.valid.title, { selector: 'strong' } )
		).toHaveLength( 1 );
		// The button keeps the focus it had.
		expect(
			screen.getByRole( 'button', { name: 'Re-check saved token' } )
		).toHaveFocus();
	} );

	it( 'shows a re-check below the button when a state of the site keeps the headline', async () => {
		const user = userEvent.setup();
		mockRoutes( {
			[ STATUS ]: reply( headlineStatus( 'mailer_not_mailersend' ) ),
			[ CHECK ]: reply( checkResult( 'unauthenticated', 'database' ) ),
		} );
		renderInApp( <App /> );
		await user.click(
			await screen.findByRole( 'button', {
				name: 'Re-check saved token',
			} )
		);
		const result = await screen.findByText(
			verdicts.unauthenticated.title,
			{ selector: 'strong' }
		);
		const notice = result.closest( '.components-notice' ) as HTMLElement;
		expect( notice ).not.toHaveClass( 'fms-headline' );
		expect(
			within( notice ).getByRole( 'button', { name: 'Get a new token' } )
		).toBeInTheDocument();
		expect( headline() ).toHaveTextContent(
			verdicts.mailer_not_mailersend.title
		);
	} );

	it.each( [
		[ 'wp_mail_smtp_missing', 'error', [ 'Find WP Mail SMTP' ] ],
		[ 'wp_mail_smtp_inactive', 'error', [ 'Go to Plugins' ] ],
		[ 'wp_mail_smtp_too_old', 'warning', [ 'Go to Plugins' ] ],
		[
			'mailer_not_mailersend',
			'warning',
			[ 'Paste a token', 'WP Mail SMTP settings' ],
		],
		[ 'not_checked', 'info', [ 'Paste a token' ] ],
	] as Array< [ HeadlineOnlyId, string, string[] ] > )(
		'renders the headline-only %s with the server’s text and its actions',
		async ( id, severity, actions ) => {
			await openWith( headlineStatus( id ) );
			const verdict = verdicts[ id ];
			expect( headline() ).toHaveClass( `is-${ severity }` );
			expect( headline() ).toHaveTextContent( verdict.explanation );
			for ( const step of verdict.steps ) {
				expect(
					within( headline() ).getByText( step )
				).toBeInTheDocument();
			}
			const controls = Array.from(
				headline().querySelectorAll( 'a, button' )
			).map( ( element ) => element.textContent );
			expect( controls ).toEqual( actions );
		}
	);

	it( 'says when the token comes from the wp-config.php constant', async () => {
		await openWith(
			statusWith( {
				token: {
					source: 'constant',
					masked: SAVED_MASKED,
					constant: 'WPMS_MAILERSEND_API_KEY',
					expires_at: null,
				},
			} )
		);
		expect( fact( 'API token' ) ).toHaveTextContent(
			`${ SAVED_MASKED } (from the WPMS_MAILERSEND_API_KEY constant in wp-config.php)`
		);
	} );

	it( 'says "None" and offers no re-check without a token', async () => {
		await openWith(
			statusWith( {
				token: {
					source: 'none',
					masked: null,
					constant: 'WPMS_MAILERSEND_API_KEY',
					expires_at: null,
				},
				headline: verdicts.missing,
			} )
		);
		expect( fact( 'API token' ) ).toHaveTextContent( /^None$/ );
		expect(
			screen.getByText( 'There is no saved token to check yet.' )
		).toBeInTheDocument();
		expect(
			screen.getByRole( 'button', { name: 'Re-check saved token' } )
		).toHaveAttribute( 'aria-disabled', 'true' );
	} );

	it( 're-checks the saved token in one click, without a token in the request', async () => {
		const user = userEvent.setup();
		const answer = deferred< unknown >();
		mockRoutes( {
			[ STATUS ]: [
				reply( brokenStatus() ),
				// The server's status after the check: newer than the failure, it leads.
				reply(
					statusWith( {
						last_check: {
							at: '2026-12-01T10:00:00+00:00',
							current: true,
							verdict: verdicts.valid,
						},
						headline: verdicts.valid,
					} )
				),
			],
			[ CHECK ]: () => answer.promise,
		} );
		renderInApp( <App /> );
		await user.click(
			await screen.findByRole( 'button', {
				name: 'Re-check saved token',
			} )
		);

		expect(
			screen.getByRole( 'button', { name: 'Checking…' } )
		).toHaveAttribute( 'aria-disabled', 'true' );
		answer.resolve( checkResult( 'valid', 'database' ) );

		// The diagnosis follows: the fresh check is newer than the failure.
		await waitFor( () => expect( headline() ).toHaveClass( 'is-success' ) );
		expect( headline() ).toHaveTextContent( verdicts.valid.title );
		expect(
			screen.getByText( /^Checked just now: “The token works”/ )
		).toBeInTheDocument();
		expect( fact( 'Last token check' ) ).toHaveTextContent(
			verdicts.valid.title
		);
		expect( requests() ).toEqual( [
			{ key: 'GET /fix-mailersend/v1/status', data: undefined },
			{ key: 'POST /fix-mailersend/v1/token/check', data: {} },
			// The diagnosis again, as the server now gives it.
			{ key: 'GET /fix-mailersend/v1/status', data: undefined },
		] );
	} );

	it( 'shows a throttled re-check as a request error', async () => {
		const user = userEvent.setup();
		mockRoutes( {
			[ STATUS ]: reply( brokenStatus() ),
			[ CHECK ]: fail( throttledError ),
		} );
		renderInApp( <App /> );
		await user.click(
			await screen.findByRole( 'button', {
				name: 'Re-check saved token',
			} )
		);
		expect(
			await screen.findByText( 'Could not re-check the saved token.' )
		).toBeInTheDocument();
		expect(
			screen.getByText( /Try again in 30 seconds/ )
		).toBeInTheDocument();
		await waitFor( () =>
			expect(
				screen.getByRole( 'button', { name: 'Retry' } )
			).toHaveAttribute( 'aria-disabled', 'true' )
		);
	} );
} );

describe( 'Diagnose step: history and reminders', () => {
	it( 'says when the time of the last failure is unknown', async () => {
		await openWith(
			statusWith( {
				last_failure: {
					at: null,
					message: 'Unauthenticated.',
					ms_code: null,
					http_status: null,
					resolved: false,
					current_token: true,
					verdict: verdicts.unauthenticated,
				},
			} )
		);
		const failure = fact( 'Last failed email' );
		expect( failure ).toHaveTextContent(
			'Time unknown (recorded by WP Mail SMTP)'
		);
		expect( failure ).toHaveTextContent( 'Unauthenticated.' );
		expect( failure ).not.toHaveTextContent( 'HTTP status' );
	} );

	it( 'shows a resolved failure as history, not as the problem', async () => {
		await openWith( {
			...healthyStatus(),
			last_failure: {
				...( brokenStatus().last_failure as NonNullable<
					Status[ 'last_failure' ]
				> ),
				resolved: true,
				current_token: true,
			},
		} );
		const failure = fact( 'Last failed email' );
		expect( failure ).toHaveTextContent(
			/^Resolved: a later email went out\./
		);
		expect( failure.firstElementChild ).toHaveClass( 'fms-history' );
		expect( headline() ).toHaveClass( 'is-success' );
	} );

	it( 'shows a failure with a replaced token as history', async () => {
		await openWith( {
			...healthyStatus(),
			last_failure: {
				...( brokenStatus().last_failure as NonNullable<
					Status[ 'last_failure' ]
				> ),
				current_token: false,
			},
		} );
		const failure = fact( 'Last failed email' );
		expect( failure ).toHaveTextContent(
			/^Sent with a token that has since been replaced\./
		);
		expect( failure.firstElementChild ).toHaveClass( 'fms-history' );
	} );

	it( 'says when the last check was of a token replaced since', async () => {
		await openWith(
			statusWith( {
				last_check: {
					at: '2026-11-20T08:00:00+00:00',
					current: false,
					verdict: verdicts.valid,
				},
			} )
		);
		const check = fact( 'Last token check' );
		expect( check ).toHaveTextContent( verdicts.valid.title );
		expect( check ).toHaveTextContent(
			'This checked a token that has since been replaced.'
		);
		expect( check.firstElementChild ).toHaveClass( 'fms-history' );
	} );

	it( 'shows the expiry date without a warning while it is far', async () => {
		const status = healthyStatus();
		await openWith( {
			...status,
			token: { ...status.token, expires_at: ymd( 30 ) },
		} );
		expect( fact( 'API token' ) ).toHaveTextContent(
			/Expires on .+ \(in 30 days\)/
		);
		expect(
			document.querySelector( '.fms-expiry-notice' )
		).not.toBeInTheDocument();
	} );

	it.each( [
		[ 7, /Expires on .+ \(in 7 days\)/, /expires in 7 days, on / ],
		[ 1, /Expires on .+ \(in 1 day\)/, /expires in 1 day, on / ],
		[ 0, /Expires on .+ \(today\)/, /expires today/ ],
		[ -2, /Expired on /, /expired on / ],
	] )(
		'warns %d day(s) from the expiry date, with a way to a new token',
		async ( offset, factText, noticeText ) => {
			const user = userEvent.setup();
			const status = healthyStatus();
			await openWith( {
				...status,
				token: { ...status.token, expires_at: ymd( offset ) },
			} );
			expect( fact( 'API token' ) ).toHaveTextContent( factText );
			const notice = document.querySelector(
				'.fms-expiry-notice'
			) as HTMLElement;
			expect( notice ).toHaveClass( 'is-warning' );
			expect( notice ).toHaveTextContent( noticeText );
			await user.click(
				within( notice ).getByRole( 'button', {
					name: 'Create a new token now',
				} )
			);
			expect( window.location.hash ).toBe( '#new-token' );
		}
	);

	it( 'does not repeat the way to a new token when the headline already leads there', async () => {
		const status = brokenStatus();
		await openWith( {
			...status,
			token: { ...status.token, expires_at: ymd( -1 ) },
		} );
		const notice = document.querySelector(
			'.fms-expiry-notice'
		) as HTMLElement;
		expect( notice ).toBeInTheDocument();
		expect(
			within( notice ).queryByRole( 'button' )
		).not.toBeInTheDocument();
	} );
} );
