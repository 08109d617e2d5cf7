import { parseBootData } from '../boot';
import { boot } from './fixtures';

describe( 'parseBootData', () => {
	it( 'accepts the data Admin_Page prints', () => {
		expect( parseBootData( JSON.parse( JSON.stringify( boot ) ) ) ).toEqual(
			boot
		);
	} );

	it( 'drops unknown keys', () => {
		expect(
			parseBootData( {
				...boot,
				nonce: 'abc',
				links: { ...boot.links, extra: 'x' },
			} )
		).toEqual( boot );
	} );

	it( 'tolerates a user without an email', () => {
		expect( parseBootData( { ...boot, user: {} } )?.user.email ).toBe( '' );
	} );

	it.each( [
		[ 'nothing', undefined ],
		[ 'a string', 'fixMailerSend' ],
		[ 'no restPath', { ...boot, restPath: undefined } ],
		[ 'an empty restPath', { ...boot, restPath: '' } ],
		[ 'no user', { ...boot, user: undefined } ],
		[ 'no links', { ...boot, links: undefined } ],
		[
			'a missing link',
			{ ...boot, links: { ...boot.links, apiTokens: undefined } },
		],
		[
			'a link that is not a string',
			{ ...boot, links: { ...boot.links, emailTest: 1 } },
		],
	] )( 'rejects %s', ( _label, value ) => {
		expect( parseBootData( value ) ).toBeNull();
	} );
} );
