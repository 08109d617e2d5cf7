import { daysUntil, formatDate, mailerName, parseDate } from '../format';

describe( 'dates', () => {
	const now = new Date( 2026, 10, 29, 23, 30 );

	it( 'reads YYYY-MM-DD as a local calendar date', () => {
		const date = parseDate( '2026-12-01' );
		expect( date?.getFullYear() ).toBe( 2026 );
		expect( date?.getMonth() ).toBe( 11 );
		expect( date?.getDate() ).toBe( 1 );
	} );

	it.each( [ '2026-02-30', '2026-13-01', '01/12/2026', '', '2026-12-1' ] )(
		'refuses %j',
		( value ) => {
			expect( parseDate( value ) ).toBeNull();
			expect( daysUntil( value, now ) ).toBeNull();
			expect( formatDate( value ) ).toBe( value );
		}
	);

	it.each( [
		[ '2026-11-29', 0 ],
		[ '2026-11-30', 1 ],
		[ '2026-12-06', 7 ],
		[ '2026-11-27', -2 ],
		[ '2027-11-29', 365 ],
	] )( '%s is %d day(s) away', ( value, days ) => {
		expect( daysUntil( value, now ) ).toBe( days );
	} );

	it( 'formats a date in the page’s language', () => {
		document.documentElement.lang = 'en-US';
		try {
			expect( formatDate( '2026-12-01' ) ).toBe( 'Dec 1, 2026' );
		} finally {
			document.documentElement.lang = '';
		}
	} );
} );

describe( 'mailerName', () => {
	it.each( [
		[ 'mailersend', 'MailerSend' ],
		[ 'mail', 'Default (none)' ],
		[ 'smtp', 'Other SMTP' ],
		[ 'sendgrid', 'sendgrid' ],
		[ null, 'Unknown (WP Mail SMTP is not running)' ],
	] )( '%j → %s', ( slug, name ) => {
		expect( mailerName( slug ) ).toBe( name );
	} );
} );
