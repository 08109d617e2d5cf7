/**
 * How WP Mail SMTP is set up changes what the screen may do: a token from a wp-config.php
 * constant (no saving: the exact define() line instead), WP Mail SMTP inactive (the screen moves
 * under Tools and explains), another mailer active (saving switches to MailerSend only with the
 * user's consent).
 */
import {
	defineInWpConfig,
	expect,
	site,
	test,
	token,
	wpMailSmtpOption,
} from './support/fixtures';
import { callApi } from './support/api';
import {
	checkButton,
	goToStep,
	headline,
	openScreen,
	pasteVerdict,
	root,
	saveButton,
	tokenField,
	verdictId,
} from './support/screen';

test.describe( 'the token set by the WPMS_MAILERSEND_API_KEY constant', () => {
	test.beforeEach( () => {
		defineInWpConfig( {
			WPMS_ON: true,
			WPMS_MAILERSEND_API_KEY: token( 'expired' ),
		} );
	} );

	// Leave no wp-config-local.php behind for whatever runs next on this site.
	test.afterEach( () => {
		site( 'reset' );
	} );

	test( 'is shown with its source, and a new token gives the exact define() line, saving nothing', async ( {
		page,
		allowConsoleError,
	} ) => {
		allowConsoleError( /status of 409/ );
		const fresh = token( 'valid_full' );
		const before = site( 'wpms-get' );

		await openScreen( page );
		const tokenFact = root( page )
			.locator( '.fms-facts__row' )
			.filter( { hasText: 'API token' } );
		await expect( tokenFact ).toContainText( 'mlsn.FA…Xpir' );
		await expect( tokenFact ).toContainText(
			'(from the WPMS_MAILERSEND_API_KEY constant in wp-config.php)'
		);

		await goToStep( page, 'Paste and check' );
		await expect(
			root( page ).getByText(
				/WP Mail SMTP reads your token from wp-config\.php/
			)
		).toBeVisible();
		// Pasted as a user may copy it: with "Bearer " and a trailing line break.
		await tokenField( page ).fill( `Bearer ${ fresh }\n` );
		await checkButton( page ).click();
		await expect( verdictId( pasteVerdict( page ) ) ).toHaveText( 'valid' );

		// The line to put in wp-config.php, with the pasted token (normalised) filled in.
		await expect(
			root( page ).locator( '.fms-define__line', {
				hasText: 'WPMS_MAILERSEND_API_KEY',
			} )
		).toHaveText( `define( 'WPMS_MAILERSEND_API_KEY', '${ fresh }' );` );
		await expect(
			root( page ).getByRole( 'button', { name: 'Copy the line' } )
		).toBeVisible();
		await expect( saveButton( page ) ).toHaveCount( 0 );

		// The server refuses to save too, and echoes no token.
		const answer = await callApi( page, 'PUT', 'token', { token: fresh } );
		expect( [ answer.status, answer.code ] ).toEqual( [
			409,
			'fix_mailersend_constant_defined',
		] );
		expect( JSON.stringify( answer.body ) ).not.toContain( fresh );
		expect( site( 'wpms-get' ) ).toBe( before );
	} );
} );

test.describe( 'WP Mail SMTP inactive', () => {
	test( 'the screen sits under Tools and explains what to do', async ( {
		page,
	} ) => {
		site( 'deactivate-wpms' );

		await page.goto( '/wp-admin/' );
		const entry = page
			.locator( '#menu-tools' )
			.getByRole( 'link', { name: 'Fix MailerSend' } );
		await expect( entry ).toHaveAttribute(
			'href',
			/tools\.php\?page=fix-mailersend$/
		);
		await expect(
			page.locator( '#toplevel_page_wp-mail-smtp' )
		).toHaveCount( 0 );
		// The Tools submenu flies out on hover.
		await page.locator( '#menu-tools > a' ).hover();
		await entry.click();
		await expect( headline( page ) ).toBeVisible();
		expect( new URL( page.url() ).pathname ).toBe( '/wp-admin/tools.php' );

		await expect( headline( page ) ).toContainText(
			'WP Mail SMTP is not active'
		);
		await expect( verdictId( headline( page ) ) ).toHaveText(
			'wp_mail_smtp_inactive'
		);
		await expect( headline( page ) ).toContainText(
			'WordPress does not send email through MailerSend at all'
		);
		await expect(
			root( page ).getByRole( 'link', { name: 'Go to Plugins' } )
		).toHaveAttribute( 'href', /plugins\.php$/ );
		await expect(
			root( page ).getByRole( 'button', { name: 'Re-check saved token' } )
		).toBeDisabled();

		await goToStep( page, 'Paste and check' );
		await expect(
			root( page ).getByText(
				/WP Mail SMTP is not active, so a token cannot be saved yet/
			)
		).toBeVisible();
	} );
} );

test.describe( 'WP Mail SMTP on another mailer', () => {
	test.beforeEach( async ( { page } ) => {
		site( 'wpms-merge', { mail: { mailer: 'smtp' } } );
		await openScreen( page );
		await expect( verdictId( headline( page ) ) ).toHaveText(
			'mailer_not_mailersend'
		);
		await goToStep( page, 'Paste and check' );
		await tokenField( page ).fill( token( 'valid_full' ) );
		await checkButton( page ).click();
		await expect( verdictId( pasteVerdict( page ) ) ).toHaveText( 'valid' );
	} );

	const consent = /Switch WP Mail SMTP to MailerSend/i;

	test( 'saving with consent switches the mailer to MailerSend, and changes nothing else', async ( {
		page,
	} ) => {
		const before = wpMailSmtpOption();
		const box = page.getByRole( 'checkbox', { name: consent } );
		await expect( box ).not.toBeChecked();
		await box.check();
		await saveButton( page ).click();
		await expect(
			root( page ).getByText(
				'WP Mail SMTP now sends through MailerSend.'
			)
		).toBeVisible();

		expect( wpMailSmtpOption() ).toEqual( {
			...before,
			mail: { ...before.mail, mailer: 'mailersend' },
			mailersend: {
				...before.mailersend,
				api_key: token( 'valid_full' ),
			},
		} );
	} );

	test( 'saving without consent saves the token and keeps the mailer', async ( {
		page,
	} ) => {
		const before = wpMailSmtpOption();
		await expect(
			page.getByRole( 'checkbox', { name: consent } )
		).not.toBeChecked();
		await saveButton( page ).click();
		await expect(
			root( page ).getByText( 'Token saved.', { exact: true } )
		).toBeVisible();
		await expect(
			root( page ).getByText(
				'WP Mail SMTP now sends through MailerSend.'
			)
		).toHaveCount( 0 );

		expect( wpMailSmtpOption() ).toEqual( {
			...before,
			mailersend: {
				...before.mailersend,
				api_key: token( 'valid_full' ),
			},
		} );
	} );
} );
