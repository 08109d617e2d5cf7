import apiFetch from '@wordpress/api-fetch';
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import type { Status } from '../../types';
import {
	acceptedClean,
	acceptedNotViaMailerSend,
	acceptedWithWarnings,
	brokenStatus,
	failedSend,
	headlineStatus,
	healthyStatus,
	serverErrors,
	statusWith,
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
import TestEmailStep from '../TestEmailStep';

jest.mock( '@wordpress/api-fetch' );

const SEND = 'POST /fix-mailersend/v1/test-email' as const;

function setup( status: Status | null = healthyStatus() ) {
	const user = userEvent.setup();
	const onGoTo = jest.fn();
	renderInApp( <TestEmailStep status={ status } onGoTo={ onGoTo } /> );
	return { user, onGoTo };
}

function sendButton() {
	return screen.getByRole( 'button', { name: 'Send test email' } );
}

describe( 'Test email step', () => {
	it( 'defaults to the current user’s address and HTML on', () => {
		setup();
		expect( screen.getByLabelText( 'Send to' ) ).toHaveValue(
			'admin@example.com'
		);
		expect(
			screen.getByRole( 'checkbox', { name: 'Send as HTML' } )
		).toBeChecked();
	} );

	it( 'sends and shows the message id, the warnings and the summary', async () => {
		const answer = deferred< unknown >();
		mockRoutes( { [ SEND ]: () => answer.promise } );
		const { user } = setup();
		await user.click( sendButton() );
		expect(
			screen.getByRole( 'button', { name: 'Sending…' } )
		).toHaveAttribute( 'aria-disabled', 'true' );
		answer.resolve( acceptedWithWarnings );

		const accepted = await screen.findByText(
			'MailerSend accepted the test email.',
			{
				selector: 'strong',
			}
		);
		expect( accepted.closest( '.components-notice' ) ).toHaveClass(
			'is-success'
		);
		expect(
			screen.getByText(
				'MailerSend message ID: 6765a1b2c3d4e5f6a7b8c9d0'
			)
		).toBeInTheDocument();
		expect(
			screen.getByText( /Look in the inbox of admin@example\.com/ )
		).toBeInTheDocument();

		for ( const title of [
			verdicts.send_paused.title,
			verdicts.recipients_suppressed.title,
		] ) {
			expect(
				screen
					.getByText( title, { selector: 'strong' } )
					.closest( '.components-notice' )
			).toHaveClass( 'is-warning' );
		}

		const summary = screen.getByRole( 'region', { name: 'Summary' } );
		expect(
			within( summary ).getByText( /shows a token only once/ )
		).toBeInTheDocument();
		expect(
			within( summary ).getByText(
				/expiry date is set when it is created/
			)
		).toBeInTheDocument();
		expect(
			within( summary ).getByText(
				/the MailerSend account where example\.com is verified/
			)
		).toBeInTheDocument();
		expect(
			within( summary ).getByText( /Token in use: mlsn\.ab…wxyz/ )
		).toBeInTheDocument();

		expect( requests() ).toEqual( [
			{
				key: 'POST /fix-mailersend/v1/test-email',
				data: { to: 'admin@example.com', html: true },
			},
		] );
	} );

	it( 'does not say MailerSend accepted an email it never saw', async () => {
		mockRoutes( { [ SEND ]: reply( acceptedNotViaMailerSend ) } );
		const { user } = setup();
		await user.click( sendButton() );

		const said = await screen.findByText(
			'WordPress reported the email as sent, but it did not go through MailerSend: another plugin may be handling email.',
			{ selector: 'strong' }
		);
		expect( said.closest( '.components-notice' ) ).toHaveClass(
			'is-warning'
		);
		expect(
			screen.getByText( /MailerSend was not tested/ )
		).toBeInTheDocument();
		expect(
			screen.queryByText( /MailerSend accepted the test email/ )
		).not.toBeInTheDocument();
		expect(
			screen.queryByRole( 'region', { name: 'Summary' } )
		).not.toBeInTheDocument();
	} );

	it( 'shows the server’s words for a recipient PHPMailer refuses', async () => {
		mockRoutes( { [ SEND ]: fail( serverErrors.invalidRecipient ) } );
		const { user } = setup();
		await user.clear( screen.getByLabelText( 'Send to' ) );
		await user.type(
			screen.getByLabelText( 'Send to' ),
			`${ 'a'.repeat( 65 ) }@example.com`
		);
		await user.click( sendButton() );
		expect(
			await screen.findByText( 'Could not send the test email.' )
		).toBeInTheDocument();
		expect(
			screen.getByText( serverErrors.invalidRecipient.message )
		).toBeInTheDocument();
		expect(
			screen.queryByText( /MailerSend gave an unexpected answer/ )
		).not.toBeInTheDocument();
	} );

	it( 'shows the server’s words when the email never reached MailerSend', async () => {
		mockRoutes( { [ SEND ]: fail( serverErrors.notSent ) } );
		const { user } = setup();
		await user.click( sendButton() );
		expect(
			await screen.findByText( 'Could not send the test email.' )
		).toBeInTheDocument();
		expect(
			screen.getByText( serverErrors.notSent.message )
		).toBeInTheDocument();
		expect(
			screen.queryByText( /MailerSend gave an unexpected answer/ )
		).not.toBeInTheDocument();
	} );

	it( 'sends plain text to another recipient', async () => {
		mockRoutes( { [ SEND ]: reply( acceptedClean ) } );
		const { user } = setup();
		const to = screen.getByLabelText( 'Send to' );
		await user.clear( to );
		await user.type( to, '  owner@example.org ' );
		await user.click(
			screen.getByRole( 'checkbox', { name: 'Send as HTML' } )
		);
		await user.click( sendButton() );
		await screen.findByText( 'MailerSend accepted the test email.', {
			selector: 'strong',
		} );
		expect( requests()[ 0 ]?.data ).toEqual( {
			to: 'owner@example.org',
			html: false,
		} );
		expect(
			screen.queryByText( /^Sending is paused/ )
		).not.toBeInTheDocument();
	} );

	it( 'does not send to an invalid address', async () => {
		mockRoutes( { [ SEND ]: reply( acceptedClean ) } );
		const { user } = setup();
		const to = screen.getByLabelText( 'Send to' );
		await user.clear( to );
		await user.type( to, 'owner{Enter}' );
		expect(
			screen.getByText( /Enter an email address/ )
		).toBeInTheDocument();
		expect( sendButton() ).toHaveAttribute( 'aria-disabled', 'true' );
		await user.click( sendButton() );
		expect( apiFetch ).not.toHaveBeenCalled();
	} );

	it( 'sends with Enter from the address field', async () => {
		mockRoutes( { [ SEND ]: reply( acceptedClean ) } );
		const { user } = setup();
		await user.type( screen.getByLabelText( 'Send to' ), '{Enter}' );
		expect(
			await screen.findByText( 'MailerSend accepted the test email.', {
				selector: 'strong',
			} )
		).toBeInTheDocument();
		expect( apiFetch ).toHaveBeenCalledTimes( 1 );
	} );

	it( 'ignores a form submission with an invalid address', () => {
		mockRoutes( { [ SEND ]: reply( acceptedClean ) } );
		setup();
		const to = screen.getByLabelText( 'Send to' );
		fireEvent.change( to, { target: { value: 'not an address' } } );
		fireEvent.submit( to.closest( 'form' ) as HTMLFormElement );
		expect( apiFetch ).not.toHaveBeenCalled();
	} );

	it( 'explains a failure and points to the next step', async () => {
		mockRoutes( { [ SEND ]: reply( failedSend ) } );
		const { user, onGoTo } = setup();
		await user.click( sendButton() );

		const title = await screen.findByText(
			verdicts.domain_unverified.title,
			{ selector: 'strong' }
		);
		const notice = title.closest( '.components-notice' ) as HTMLElement;
		expect( notice ).toHaveClass( 'is-error' );
		expect(
			screen.getByText( /The email was not sent/ )
		).toBeInTheDocument();
		expect(
			screen.queryByRole( 'region', { name: 'Summary' } )
		).not.toBeInTheDocument();
		await user.click(
			within( notice ).getByRole( 'button', { name: 'Get a new token' } )
		);
		expect( onGoTo ).toHaveBeenCalledWith( 'new-token' );
	} );

	it( 'shows a request error and retries', async () => {
		mockRoutes( {
			[ SEND ]: [
				fail( {
					code: 'rest_invalid_param',
					message: 'Invalid parameter(s): to',
					data: { status: 400 },
				} ),
				reply( acceptedClean ),
			],
		} );
		const { user } = setup();
		await user.click( sendButton() );
		expect(
			await screen.findByText( 'Could not send the test email.' )
		).toBeInTheDocument();
		expect(
			screen.getByText( 'Invalid parameter(s): to' )
		).toBeInTheDocument();
		await user.click( screen.getByRole( 'button', { name: 'Retry' } ) );
		expect(
			await screen.findByText( 'MailerSend accepted the test email.', {
				selector: 'strong',
			} )
		).toBeInTheDocument();
		expect( apiFetch ).toHaveBeenCalledTimes( 2 );
	} );

	it( 'warns when WP Mail SMTP does not use MailerSend, and points to step 3', async () => {
		const { user, onGoTo } = setup(
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
				/WP Mail SMTP sends with “sendgrid”, not MailerSend: a test email cannot test MailerSend/
			)
		).toBeInTheDocument();
		await user.click(
			screen.getByRole( 'button', { name: 'Paste a token' } )
		);
		expect( onGoTo ).toHaveBeenCalledWith( 'paste' );
	} );

	it( 'when WPMS_MAILER sets another mailer, says to change wp-config.php', () => {
		const status = headlineStatus( 'mailer_not_mailersend' );
		setup( {
			...status,
			mailer: { ...status.mailer, from_constant: true },
		} );
		expect(
			screen.getByText(
				/Set WPMS_MAILER to “mailersend” in wp-config\.php/
			)
		).toBeInTheDocument();
		expect(
			screen.queryByRole( 'button', { name: 'Paste a token' } )
		).not.toBeInTheDocument();
	} );

	it( 'does not warn while WP Mail SMTP is only too old', () => {
		setup( headlineStatus( 'wp_mail_smtp_too_old' ) );
		expect(
			screen.queryByText( /WP Mail SMTP is not active/ )
		).not.toBeInTheDocument();
	} );

	it.each( [
		[
			'fix_mailersend_mailer_not_mailersend',
			serverErrors.mailerNotMailerSend,
		],
		[
			'fix_mailersend_wp_mail_smtp_unavailable',
			serverErrors.sendUnavailable,
		],
	] )(
		'shows a 409 %s with the server’s words, without a Retry',
		async ( _code, error ) => {
			mockRoutes( { [ SEND ]: fail( error ) } );
			const { user } = setup();
			await user.click( sendButton() );
			expect(
				await screen.findByText( 'Could not send the test email.' )
			).toBeInTheDocument();
			expect( screen.getByText( error.message ) ).toBeInTheDocument();
			expect(
				screen.queryByRole( 'button', { name: 'Retry' } )
			).not.toBeInTheDocument();
		}
	);

	it( 'shows the test email throttle with the time to wait', async () => {
		mockRoutes( { [ SEND ]: fail( serverErrors.sendThrottled ) } );
		const { user } = setup();
		await user.click( sendButton() );
		expect(
			await screen.findByText( /Try again in 20 seconds/ )
		).toBeInTheDocument();
		expect(
			screen.getByRole( 'button', { name: 'Retry' } )
		).toHaveAttribute( 'aria-disabled', 'true' );
	} );

	it( 'warns when WP Mail SMTP is not active', () => {
		setup( {
			...brokenStatus(),
			wp_mail_smtp: { ...brokenStatus().wp_mail_smtp, state: 'inactive' },
		} );
		expect(
			screen.getByText( /WP Mail SMTP is not active/ )
		).toBeInTheDocument();
	} );
} );
