import { act, screen } from '@testing-library/react';

import { mount } from '../index';
import { boot, brokenStatus, verdicts } from './fixtures';
import { mockRoutes, reply, requests } from './helpers';

jest.mock( '@wordpress/api-fetch' );

describe( 'mount', () => {
	let container: HTMLElement;
	let unmount: () => void = () => {};

	beforeEach( () => {
		container = document.createElement( 'div' );
		container.id = 'fix-mailersend-root';
		document.body.appendChild( container );
		window.history.replaceState(
			null,
			'',
			'/wp-admin/admin.php?page=fix-mailersend'
		);
	} );

	afterEach( () => {
		act( () => unmount() );
		container.remove();
	} );

	it( 'renders the screen and loads the status', async () => {
		mockRoutes( {
			'GET /fix-mailersend/v1/status': reply( brokenStatus() ),
		} );
		act( () => {
			const root = mount(
				container,
				JSON.parse( JSON.stringify( boot ) )
			);
			unmount = () => root.unmount();
		} );
		// The page's h1 is Admin_Page's; the screen starts at the step heading.
		expect(
			screen.queryByRole( 'heading', { level: 1 } )
		).not.toBeInTheDocument();
		expect(
			screen.getByRole( 'heading', {
				level: 2,
				name: 'Step 1 of 4: Diagnose',
			} )
		).toBeInTheDocument();
		expect(
			await screen.findByText( verdicts.unauthenticated.title, {
				selector: '.fms-headline strong',
			} )
		).toBeInTheDocument();
		expect( requests() ).toEqual( [
			{ key: 'GET /fix-mailersend/v1/status', data: undefined },
		] );
	} );

	it( 'explains, without a request, when the boot data is missing', () => {
		act( () => {
			const root = mount( container, undefined );
			unmount = () => root.unmount();
		} );
		expect(
			screen.getByText( /Fix MailerSend could not start/ )
		).toBeInTheDocument();
		expect( requests() ).toEqual( [] );
	} );
} );
