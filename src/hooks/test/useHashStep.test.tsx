import { stepFromHash } from '../useHashStep';

describe( 'stepFromHash', () => {
	it.each( [
		[ '#diagnose', 'diagnose' ],
		[ '#new-token', 'new-token' ],
		[ '#paste', 'paste' ],
		[ '#test', 'test' ],
		[ 'paste', 'paste' ],
		[ '', null ],
		[ '#', null ],
		[ '#Paste', null ],
		[ '#paste-and-check', null ],
	] )( '%j → %j', ( hash, step ) => {
		expect( stepFromHash( hash ) ).toBe( step );
	} );
} );
