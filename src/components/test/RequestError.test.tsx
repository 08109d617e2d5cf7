import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { toApiError } from '../../api';
import { throttledError } from '../../test/fixtures';
import { spoken } from '../../test/helpers';
import RequestError from '../RequestError';

describe( 'RequestError', () => {
	it.each( [
		[
			{ code: 'offline_error', message: 'x' },
			/browser seems to be offline/,
		],
		[ { code: 'fetch_error', message: 'x' }, /did not reach your site/ ],
		[ { code: 'invalid_json', message: 'x' }, /PHP error/ ],
		[
			{ code: 'rest_forbidden', message: 'x', data: { status: 403 } },
			/log in again/,
		],
		[
			{
				code: 'rest_invalid_param',
				message: 'Invalid parameter(s): to',
				data: { status: 400 },
			},
			/^Invalid parameter\(s\): to$/,
		],
	] )( 'explains %j', ( raw, expected ) => {
		render(
			<RequestError
				what="Could not load the diagnosis."
				error={ toApiError( raw ) }
			/>
		);
		const notice = screen
			.getByText( 'Could not load the diagnosis.' )
			.closest( '.components-notice' );
		expect( notice ).toHaveClass( 'is-error' );
		expect( screen.getByText( expected ) ).toBeInTheDocument();
	} );

	it( 'gives no Retry for a 409: the site must change first', () => {
		render(
			<RequestError
				what="Could not save the token."
				error={ toApiError( {
					code: 'fix_mailersend_wp_mail_smtp_unavailable',
					message:
						'WP Mail SMTP is not active, so there is nowhere to save the token. Install or activate WP Mail SMTP first.',
					data: { status: 409 },
				} ) }
				onRetry={ jest.fn() }
			/>
		);
		expect(
			screen.getByText( /nowhere to save the token/ )
		).toBeInTheDocument();
		expect(
			screen.queryByRole( 'button', { name: 'Retry' } )
		).not.toBeInTheDocument();
	} );

	it( 'lists what the server said about each invalid parameter', () => {
		render(
			<RequestError
				what="Could not check the token."
				error={ toApiError( {
					code: 'rest_invalid_param',
					message: 'Invalid parameter(s): token',
					data: {
						status: 400,
						params: { token: 'The token must be a single line.' },
					},
				} ) }
			/>
		);
		expect( screen.getByRole( 'listitem' ) ).toHaveTextContent(
			'The token must be a single line.'
		);
	} );

	it( 'shows the code and status of an HTTP error', () => {
		render(
			<RequestError
				what="Could not save the token."
				error={ toApiError( {
					code: 'internal_server_error',
					message: 'There has been a critical error on this website.',
					data: { status: 500 },
				} ) }
			/>
		);
		expect(
			screen.getByText( 'Error code: internal_server_error (HTTP 500)' )
		).toBeInTheDocument();
	} );

	it( 'announces what failed and why', () => {
		render(
			<RequestError
				what="Could not load the diagnosis."
				error={ toApiError( { code: 'offline_error', message: 'x' } ) }
			/>
		);
		expect( spoken() ).toHaveBeenCalledWith(
			'Could not load the diagnosis. Your browser seems to be offline. Check your connection, then retry.',
			'assertive'
		);
	} );

	it( 'retries', async () => {
		const user = userEvent.setup();
		const onRetry = jest.fn();
		render(
			<RequestError
				what="Could not check the token."
				error={ toApiError( { code: 'fetch_error', message: 'x' } ) }
				onRetry={ onRetry }
			/>
		);
		await user.click( screen.getByRole( 'button', { name: 'Retry' } ) );
		expect( onRetry ).toHaveBeenCalledTimes( 1 );
	} );

	it( 'when throttled, says how long to wait and holds Retry until then', () => {
		jest.useFakeTimers();
		try {
			const onRetry = jest.fn();
			render(
				<RequestError
					what="Could not check the token."
					error={ toApiError( throttledError ) }
					onRetry={ onRetry }
				/>
			);
			expect(
				screen.getByText( /Try again in 30 seconds\./ )
			).toBeInTheDocument();
			const retry = screen.getByRole( 'button', { name: 'Retry' } );
			expect( retry ).toHaveAttribute( 'aria-disabled', 'true' );
			act( () => {
				jest.advanceTimersByTime( 29_000 );
			} );
			expect( retry ).toHaveAttribute( 'aria-disabled', 'true' );
			act( () => {
				jest.advanceTimersByTime( 1_000 );
			} );
			expect( retry ).not.toHaveAttribute( 'aria-disabled', 'true' );
			retry.click();
			expect( onRetry ).toHaveBeenCalledTimes( 1 );
		} finally {
			jest.useRealTimers();
		}
	} );

	it( 'when throttled without a delay, suggests a minute', () => {
		render(
			<RequestError
				what="Could not check the token."
				error={ toApiError( {
					code: 'fix_mailersend_throttled',
					message: 'x',
					data: { status: 429 },
				} ) }
			/>
		);
		expect(
			screen.getByText( /Try again in a minute\./ )
		).toBeInTheDocument();
	} );
} );
