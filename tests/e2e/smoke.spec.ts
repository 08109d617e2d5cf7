/**
 * Smoke: the screen renders for an admin with the server's status; editors are kept out of
 * the page and the API; the REST routes answer 401 logged out.
 */
import { SCREEN, expect, test, token } from './support/fixtures';
import { headline } from './support/screen';

test( 'the Fix MailerSend screen renders the diagnosis for an admin', async ( {
	page,
} ) => {
	await page.goto( SCREEN );
	// One page title (WordPress's h1 from Admin_Page), not a second one from the app.
	await expect( page.getByRole( 'heading', { level: 1 } ) ).toHaveText( [
		'Fix MailerSend',
	] );
	// The status comes from the server: WP Mail SMTP's version and the masked token on file.
	await expect( page.getByText( '4.8.0' ) ).toBeVisible();
	await expect( page.getByText( /mlsn\.FA…Xpir/ ) ).toBeVisible();
} );

test( 'the diagnosis comes with the page: no request for GET /status on open', async ( {
	page,
} ) => {
	const statusRequests: string[] = [];
	page.on( 'request', ( request ) => {
		if (
			/fix-mailersend\/v1\/status/.test(
				decodeURIComponent( request.url() )
			)
		) {
			statusRequests.push( request.url() );
		}
	} );
	// The other steps' chunks are fetched once the first screen is up (Recover's too: the site
	// sends through MailerSend): after them, the screen has made every request it makes on open.
	const chunks = [
		'new-token-step',
		'paste-step',
		'test-email-step',
		'recover-step',
	].map( ( name ) =>
		page.waitForResponse(
			( response ) =>
				new URL( response.url() ).pathname.endsWith(
					`/build/${ name }.js`
				) && response.status() === 200
		)
	);
	await page.goto( SCREEN );
	// The headline and the facts are the server's (preloaded into the page by Admin_Page).
	await expect( page.getByText( /mlsn\.FA…Xpir/ ) ).toBeVisible();
	await expect( headline( page ) ).toBeVisible();
	await Promise.all( chunks );
	expect( statusRequests ).toEqual( [] );
} );

test( 'the menu entry sits under WP Mail SMTP', async ( { page } ) => {
	await page.goto( '/wp-admin/' );
	const menu = page.locator( '#toplevel_page_wp-mail-smtp' );
	await expect(
		menu.getByRole( 'link', { name: 'Fix MailerSend' } )
	).toHaveAttribute( 'href', /page=fix-mailersend/ );
} );

test.describe( 'as an editor', () => {
	test.use( { storageState: './.cache/e2e/editor.json' } );

	test( 'cannot open the screen', async ( { page, allowConsoleError } ) => {
		allowConsoleError( /status of 403/ );
		const response = await page.goto( SCREEN );
		expect( response?.status() ).toBe( 403 );
		await expect( page.locator( '#fix-mailersend-root' ) ).toHaveCount( 0 );
	} );

	test( 'cannot use the API', async ( { page, allowConsoleError } ) => {
		allowConsoleError( /status of 403/ );
		await page.goto( '/wp-admin/profile.php' );
		// A real logged-in request from wp-admin, with core's REST nonce.
		const status = await page.evaluate( async () => {
			const nonce = await (
				await fetch( '/wp-admin/admin-ajax.php?action=rest-nonce' )
			).text();
			const response = await fetch( '/wp-json/fix-mailersend/v1/status', {
				headers: { 'X-WP-Nonce': nonce },
			} );
			return response.status;
		} );
		expect( status ).toBe( 403 );
	} );
} );

test( 'the API answers 401 to a logged-out visitor', async ( {
	playwright,
	baseURL,
} ) => {
	const anonymous = await playwright.request.newContext( { baseURL } );
	// Valid bodies: WordPress validates arguments before it asks the permission callback.
	for ( const [ method, route, data ] of [
		[ 'GET', 'status', undefined ],
		[ 'POST', 'token/check', {} ],
		[ 'PUT', 'token', { token: token( 'valid_full' ) } ],
		[ 'POST', 'test-email', { to: 'someone@example.com' } ],
	] as const ) {
		const response = await anonymous.fetch(
			`/wp-json/fix-mailersend/v1/${ route }`,
			{ method, data }
		);
		expect( `${ method } ${ route } ${ response.status() }` ).toBe(
			`${ method } ${ route } 401`
		);
	}
	await anonymous.dispose();
} );

test( "an admin's cookies without the REST nonce are not enough", async ( {
	page,
	allowConsoleError,
} ) => {
	allowConsoleError( /status of 40[13]/ );
	await page.goto( '/wp-admin/profile.php' );
	// Logged in, but a request with no nonce (a cross-site request would have none).
	const answers = await page.evaluate( async () => {
		const noNonce = await fetch( '/wp-json/fix-mailersend/v1/status' );
		const badNonce = await fetch(
			'/wp-json/fix-mailersend/v1/token/check',
			{
				method: 'POST',
				headers: { 'X-WP-Nonce': 'not-a-nonce' },
			}
		);
		return [ noNonce.status, badNonce.status ];
	} );
	expect( answers ).toEqual( [ 401, 403 ] );
} );
