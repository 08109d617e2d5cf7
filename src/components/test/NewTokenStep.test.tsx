import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { renderInApp } from '../../test/helpers';
import NewTokenStep from '../NewTokenStep';

jest.mock( '@wordpress/api-fetch' );

describe( 'New token step', () => {
	it( 'opens MailerSend’s API tokens page in a new tab', () => {
		renderInApp(
			<NewTokenStep fromDomain="example.com" onGoTo={ jest.fn() } />
		);
		const link = screen.getByRole( 'link', {
			name: /Open MailerSend API tokens/,
		} );
		expect( link ).toHaveAttribute(
			'href',
			'https://app.mailersend.com/api-tokens'
		);
		expect( link ).toHaveAttribute( 'target', '_blank' );
		expect( link ).toHaveAttribute(
			'rel',
			expect.stringContaining( 'noopener' )
		);
		expect( link ).toHaveAccessibleName(
			'Open MailerSend API tokens (opens in a new tab)'
		);
	} );

	it( 'calls out every trap from the article', () => {
		renderInApp(
			<NewTokenStep fromDomain="example.com" onGoTo={ jest.fn() } />
		);
		const items = screen.getAllByRole( 'checkbox' );
		expect( items ).toHaveLength( 5 );
		// Expiry: empty may mean 24 hours.
		expect(
			screen.getByText( /may expire after 24 hours/ )
		).toBeInTheDocument();
		// Domain: All or the sending domain.
		expect(
			screen.getByText( /“All domains” or your sending domain/ )
		).toBeInTheDocument();
		// Access: Email full access, Domains read.
		expect(
			screen.getByText( /Email: Full access\. Adding Domains: Read/ )
		).toBeInTheDocument();
		// Shown only once.
		expect( screen.getByText( /shows it only once/ ) ).toBeInTheDocument();
		// Same account as the verified domain, naming it.
		expect(
			screen.getByText(
				'A token from another MailerSend account cannot send from example.com, even if it is valid.'
			)
		).toBeInTheDocument();
	} );

	it( 'words the account trap without a known domain', () => {
		renderInApp(
			<NewTokenStep fromDomain={ null } onGoTo={ jest.fn() } />
		);
		expect(
			screen.getByText(
				/cannot send from your domain, even if it is valid/
			)
		).toBeInTheDocument();
	} );

	it( 'lets the user tick items and go on to step 3', async () => {
		const user = userEvent.setup();
		const onGoTo = jest.fn();
		renderInApp(
			<NewTokenStep fromDomain="example.com" onGoTo={ onGoTo } />
		);
		const [ first ] = screen.getAllByRole( 'checkbox' );
		await user.click( first as HTMLElement );
		expect( first ).toBeChecked();
		await user.click(
			screen.getByRole( 'button', {
				name: 'I have my token: go to step 3',
			} )
		);
		expect( onGoTo ).toHaveBeenCalledWith( 'paste' );
	} );
} );
