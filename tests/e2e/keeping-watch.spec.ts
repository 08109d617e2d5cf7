/**
 * Keeping watch: when mail fails, every admin screen says so with a way to the fix, and Site
 * Health's test "MailerSend API token" reports it; once fixed, both calm down.
 */
import { SCREEN, expect, site, test, token } from './support/fixtures';
import { callApi } from './support/api';

const NOTICE = '#fix-mailersend-notice';

test( 'a failing email raises a notice on the dashboard that leads to the fix', async ( {
	page,
} ) => {
	await page.goto( '/wp-admin/' );
	await expect( page.locator( NOTICE ) ).toHaveCount( 0 );

	site( 'send-mail' ); // WP Mail SMTP's send through MailerSend fails: Unauthenticated.

	await page.goto( '/wp-admin/' );
	const notice = page.locator( NOTICE );
	await expect( notice ).toContainText(
		'Email from this site is failing: WP Mail SMTP’s last email through MailerSend was refused (MailerSend does not recognise this token).'
	);
	await notice.getByRole( 'link', { name: 'Fix MailerSend →' } ).click();
	await expect( page ).toHaveURL( /page=fix-mailersend/ );
	// Not repeated on the screen that fixes it.
	await expect( page.locator( NOTICE ) ).toHaveCount( 0 );
	await expect( page.locator( '.fms-headline' ) ).toContainText(
		'MailerSend does not recognise this token'
	);
} );

test( 'the notice can be dismissed, and stays dismissed for that failure', async ( {
	page,
} ) => {
	site( 'send-mail' );
	await page.goto( '/wp-admin/' );
	const notice = page.locator( NOTICE );
	await expect( notice ).toBeVisible();

	const dismissed = page.waitForResponse( ( response ) =>
		response.url().includes( 'admin-ajax.php' )
	);
	await notice.getByRole( 'button', { name: /Dismiss this notice/ } ).click();
	expect( ( await dismissed ).status() ).toBe( 200 );
	await expect( notice ).toHaveCount( 0 );

	await page.goto( '/wp-admin/edit.php' );
	await expect( page.locator( NOTICE ) ).toHaveCount( 0 );
} );

test( 'Site Health reports a broken token as critical, and a fixed one as good', async ( {
	page,
} ) => {
	site( 'send-mail' );
	await page.goto( '/wp-admin/site-health.php' );
	const critical = page.locator( '#health-check-issues-critical' );
	await expect( critical ).toContainText(
		'Email through MailerSend is failing'
	);
	await critical
		.getByRole( 'button', { name: /Email through MailerSend is failing/ } )
		.click();
	await expect(
		critical.getByRole( 'link', { name: /Fix MailerSend/ } ).first()
	).toHaveAttribute( 'href', new RegExp( SCREEN.replace( /[?]/g, '\\?' ) ) );

	// Fixed through the plugin's own API (the screen's Save), then a good email.
	await page.goto( SCREEN );
	const saved = await callApi( page, 'PUT', 'token', {
		token: token( 'valid_full' ),
	} );
	expect( saved.status ).toBe( 200 );
	site( 'send-mail' );

	await page.goto( '/wp-admin/site-health.php' );
	await expect(
		page.locator( '#health-check-issues-critical' )
	).not.toContainText( 'MailerSend' );
	// The email that failed was held: once the token is proven, Site Health and the notice say
	// it waits, with a way to the Recover step.
	const recommended = page.locator( '#health-check-issues-recommended' );
	await expect( recommended ).toContainText(
		'1 email is waiting to be resent.'
	);
	await recommended
		.getByRole( 'button', { name: /1 email is waiting to be resent/ } )
		.click();
	await expect(
		recommended.getByRole( 'link', { name: /Resend or discard them/ } )
	).toHaveAttribute( 'href', /page=fix-mailersend#recover$/ );
	await page.goto( '/wp-admin/' );
	await expect( page.locator( '#fix-mailersend-held-notice' ) ).toContainText(
		'1 email is waiting to be resent.'
	);

	// Discarded: nothing waits, the token works.
	await page.goto( SCREEN );
	const discarded = await callApi( page, 'POST', 'held/discard', {
		all: true,
	} );
	expect( discarded.status ).toBe( 200 );
	await page.goto( '/wp-admin/site-health.php' );
	await page.getByRole( 'button', { name: /Passed tests/ } ).click();
	await expect( page.locator( '#health-check-issues-good' ) ).toContainText(
		'The MailerSend API token works'
	);
	await page.goto( '/wp-admin/' );
	await expect( page.locator( '#fix-mailersend-held-notice' ) ).toHaveCount(
		0
	);
} );
