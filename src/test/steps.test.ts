import { HEADLINE_IDS, VERDICT_IDS, type VerdictId } from '../types';
import { isSavable, isUnreachable, nextStepFor } from '../steps';
import { verdicts } from './fixtures';

describe( 'nextStepFor', () => {
	it.each( [
		[ 'valid', 'test' ],
		[ 'missing', 'new-token' ],
		[ 'smtp_password_pasted', 'new-token' ],
		[ 'malformed', 'new-token' ],
		[ 'truncated', 'new-token' ],
		[ 'legacy_token', 'new-token' ],
		[ 'unauthenticated', 'new-token' ],
		[ 'missing_permission', 'new-token' ],
		[ 'domain_unverified', 'new-token' ],
		[ 'account_blocked', null ],
		[ 'trial_limit', null ],
		[ 'rate_limited', null ],
		[ 'quota_exhausted', null ],
		[ 'send_paused', null ],
		[ 'recipients_suppressed', null ],
		[ 'blocked_by_site', null ],
		[ 'mailersend_unavailable', null ],
		[ 'network_error', null ],
		[ 'unknown', null ],
		// Headline-only ids (Rest/Headline.php).
		[ 'wp_mail_smtp_missing', null ],
		[ 'wp_mail_smtp_inactive', null ],
		[ 'wp_mail_smtp_too_old', null ],
		[ 'mailer_not_mailersend', 'paste' ],
		[ 'not_checked', 'paste' ],
	] as Array< [ VerdictId, string | null ] > )( '%s → %s', ( id, step ) => {
		expect( nextStepFor( id ) ).toBe( step );
	} );

	it( 'covers every id', () => {
		expect( VERDICT_IDS.length + HEADLINE_IDS.length ).toBe( 24 );
	} );
} );

describe( 'isSavable (Rest_Controller::proves_token())', () => {
	it.each( [ ...VERDICT_IDS, ...HEADLINE_IDS ] )(
		'%s, as the server builds it',
		( id ) => {
			const verdict = verdicts[ id ];
			const expected =
				id === 'valid' ||
				( verdict.severity === 'warning' &&
					verdict.evidence.token_accepted === true );
			expect( isSavable( verdict ) ).toBe( expected );
		}
	);

	it( 'saves the accepted warnings and nothing that is an error', () => {
		expect( isSavable( verdicts.legacy_token ) ).toBe( true );
		expect( isSavable( verdicts.rate_limited ) ).toBe( true );
		expect( isSavable( verdicts.send_paused ) ).toBe( true );
		expect( isSavable( verdicts.domain_unverified ) ).toBe( false );
		expect( isSavable( verdicts.unknown ) ).toBe( false );
		expect(
			isSavable( {
				...verdicts.legacy_token,
				evidence: { token_accepted: 'true' },
			} )
		).toBe( false );
	} );

	it( 'tells the verdicts that say nothing about the token', () => {
		expect( isUnreachable( 'network_error' ) ).toBe( true );
		expect( isUnreachable( 'mailersend_unavailable' ) ).toBe( true );
		expect( isUnreachable( 'blocked_by_site' ) ).toBe( false );
	} );
} );
