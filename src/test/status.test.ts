import { withCheck, withSave } from '../status';
import {
	brokenStatus,
	headlineStatus,
	healthyStatus,
	saveResult,
	verdicts,
} from './fixtures';

const AT = '2026-12-01T10:00:00.000Z';

describe( 'withCheck (a re-check of the saved token)', () => {
	it( 'records the check as current and lets it lead (newer than the failure)', () => {
		const next = withCheck( brokenStatus(), verdicts.valid, AT );
		expect( next.last_check ).toEqual( {
			at: AT,
			current: true,
			verdict: verdicts.valid,
		} );
		expect( next.headline ).toBe( verdicts.valid );
		// The failure stays in the facts.
		expect( next.last_failure ).toEqual( brokenStatus().last_failure );
	} );

	it( 'replaces not_checked', () => {
		expect(
			withCheck(
				headlineStatus( 'not_checked' ),
				verdicts.unauthenticated,
				AT
			).headline
		).toBe( verdicts.unauthenticated );
	} );

	it.each( [ 'mailer_not_mailersend', 'wp_mail_smtp_inactive' ] as const )(
		'keeps %s: a state of the site leads',
		( id ) => {
			const status = headlineStatus( id );
			expect( withCheck( status, verdicts.valid, AT ).headline ).toBe(
				status.headline
			);
		}
	);

	it( 'keeps a too old WP Mail SMTP over a success, not over a problem', () => {
		const status = headlineStatus( 'wp_mail_smtp_too_old' );
		expect( withCheck( status, verdicts.valid, AT ).headline ).toBe(
			verdicts.wp_mail_smtp_too_old
		);
		expect(
			withCheck( status, verdicts.unauthenticated, AT ).headline
		).toBe( verdicts.unauthenticated );
	} );
} );

describe( 'withSave', () => {
	it( 'shows the new token, its expiry, and the check that came with the save', () => {
		const next = withSave( brokenStatus(), saveResult(), '2027-05-31', AT );
		expect( next.token ).toEqual( {
			source: 'database',
			masked: saveResult().token.masked,
			constant: 'WPMS_MAILERSEND_API_KEY',
			expires_at: '2027-05-31',
		} );
		expect( next.last_check ).toEqual( {
			at: AT,
			current: true,
			verdict: verdicts.valid,
		} );
		expect( next.headline ).toBe( verdicts.valid );
		// The failure on record was with the token just replaced.
		expect( next.last_failure?.current_token ).toBe( false );
	} );

	it( 'clears an earlier expiry date when none was sent (as the server does)', () => {
		const status = healthyStatus();
		status.token.expires_at = '2026-12-24';
		expect(
			withSave( status, saveResult(), null, AT ).token.expires_at
		).toBe( null );
	} );

	it( 'does not show an expiry date the database did not take', () => {
		expect(
			withSave(
				healthyStatus(),
				saveResult( false, [ 'expiry' ] ),
				'2027-05-31',
				AT
			).token.expires_at
		).toBe( null );
	} );

	it( 'switches the mailer, keeping from_constant, and drops the mailer headline', () => {
		const next = withSave(
			headlineStatus( 'mailer_not_mailersend' ),
			saveResult( true ),
			null,
			AT
		);
		expect( next.mailer ).toEqual( {
			slug: 'mailersend',
			is_mailersend: true,
			from_constant: false,
		} );
		expect( next.headline ).toBe( verdicts.valid );
	} );

	it( 'keeps the mailer headline when the mailer was not switched', () => {
		const status = headlineStatus( 'mailer_not_mailersend' );
		const next = withSave( status, saveResult( false ), null, AT );
		expect( next.mailer ).toBe( status.mailer );
		expect( next.headline ).toBe( verdicts.mailer_not_mailersend );
		expect( next.last_check?.verdict ).toBe( verdicts.valid );
	} );
} );
