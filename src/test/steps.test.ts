import { HEADLINE_IDS, VERDICT_IDS, type VerdictId } from '../types';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
	PROVING_WARNINGS,
	isSavable,
	isUnreachable,
	maySaveAnyway,
	nextStepFor,
	SAVE_ANYWAY_VERDICTS,
} from '../steps';
import { rateLimitedUnproven, verdicts } from './fixtures';

/**
 * The ids whose record in the PHP verdict catalogue (includes/Diagnosis/Verdicts.php,
 * `RECORDS`) has a field with a value, in the catalogue's order.
 *
 * @param field The record's field.
 * @param value The value as written in PHP (`true`, `'accepted'`).
 */
function catalogueIds( field: string, value: string ): string[] {
	const php = readFileSync(
		resolve( __dirname, '../../includes/Diagnosis/Verdicts.php' ),
		'utf8'
	);
	const records = /const RECORDS = array\(([\s\S]*?)\n\t\);/.exec( php );
	expect( records ).not.toBeNull();
	const pattern = new RegExp( `'${ field }'\\s*=>\\s*${ value }\\s*,` );
	return [
		...( records?.[ 1 ] ?? '' ).matchAll(
			/'([a-z_]+)'\s*=>\s*array\(([^)]*)\)/g
		),
	]
		.filter( ( record ) => pattern.test( record[ 2 ] ) )
		.map( ( record ) => record[ 1 ] );
}

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

describe( 'isSavable (Verdicts::proves_token())', () => {
	// Literal expectations, one per id, for the verdict as the server builds it (fixtures).
	it.each( [
		[ 'valid', true ],
		[ 'missing', false ],
		[ 'smtp_password_pasted', false ],
		[ 'malformed', false ],
		[ 'truncated', false ],
		[ 'legacy_token', true ],
		[ 'unauthenticated', false ],
		[ 'missing_permission', false ],
		[ 'account_blocked', false ],
		[ 'domain_unverified', false ],
		[ 'trial_limit', false ],
		[ 'rate_limited', true ],
		[ 'quota_exhausted', false ],
		[ 'send_paused', true ],
		[ 'recipients_suppressed', true ],
		[ 'blocked_by_site', false ],
		[ 'mailersend_unavailable', false ],
		[ 'network_error', false ],
		[ 'unknown', false ],
		[ 'wp_mail_smtp_missing', false ],
		[ 'wp_mail_smtp_inactive', false ],
		[ 'wp_mail_smtp_too_old', false ],
		[ 'mailer_not_mailersend', false ],
		[ 'not_checked', false ],
	] as Array< [ VerdictId, boolean ] > )(
		'%s, as the server builds it → savable: %s',
		( id, savable ) => {
			expect( isSavable( verdicts[ id ] ) ).toBe( savable );
		}
	);

	it( 'a proving warning without token_accepted is not savable', () => {
		for ( const id of [
			'legacy_token',
			'rate_limited',
			'send_paused',
			'recipients_suppressed',
		] as const ) {
			expect(
				isSavable( {
					...verdicts[ id ],
					evidence: {
						...verdicts[ id ].evidence,
						token_accepted: false,
					},
				} )
			).toBe( false );
		}
	} );

	it( "lists exactly the catalogue's warnings that prove an accepted token", () => {
		const ids = catalogueIds( 'proves', "'accepted'" );
		expect( [ ...PROVING_WARNINGS ] ).toEqual( ids );
		expect( ids ).toEqual( [
			'legacy_token',
			'rate_limited',
			'send_paused',
			'recipients_suppressed',
		] );
	} );

	it( 'saves the accepted warnings and nothing that is an error', () => {
		expect( isSavable( verdicts.legacy_token ) ).toBe( true );
		expect( isSavable( verdicts.rate_limited ) ).toBe( true );
		expect( isSavable( verdicts.send_paused ) ).toBe( true );
		expect( isSavable( verdicts.recipients_suppressed ) ).toBe( true );
		expect( isSavable( verdicts.domain_unverified ) ).toBe( false );
		expect( isSavable( verdicts.unknown ) ).toBe( false );
		expect(
			isSavable( {
				...verdicts.legacy_token,
				evidence: { token_accepted: 'true' },
			} )
		).toBe( false );
	} );

	it.each( [
		'unknown',
		'network_error',
		'mailersend_unavailable',
	] as const )(
		'does not save a %s warning, even once MailerSend accepted the token',
		( id ) => {
			// What the deep check gives when the send probe was refused without a #MS code,
			// timed out or met an outage, after the quota call accepted the token.
			expect(
				isSavable( {
					...verdicts[ id ],
					evidence: {
						...verdicts[ id ].evidence,
						endpoint: 'POST /v1/email',
						token_accepted: true,
						deep_checked: true,
					},
				} )
			).toBe( false );
		}
	);

	it( 'tells the verdicts that say nothing about the token', () => {
		expect( isUnreachable( 'network_error' ) ).toBe( true );
		expect( isUnreachable( 'mailersend_unavailable' ) ).toBe( true );
		expect( isUnreachable( 'blocked_by_site' ) ).toBe( false );
	} );
} );

describe( 'maySaveAnyway (Verdicts::may_save_anyway())', () => {
	it( "lists exactly the catalogue's save-anyway verdicts", () => {
		const ids = catalogueIds( 'save_anyway', 'true' ).sort();
		expect( ids ).toEqual( [
			'mailersend_unavailable',
			'network_error',
			'rate_limited',
		] );
		expect( [ ...SAVE_ANYWAY_VERDICTS ].sort() ).toEqual( ids );
	} );

	it( 'offers it when MailerSend could not check the token', () => {
		expect( maySaveAnyway( verdicts.network_error ) ).toBe( true );
		expect( maySaveAnyway( verdicts.mailersend_unavailable ) ).toBe( true );
		// A 429 before MailerSend accepted the token proves nothing.
		expect( maySaveAnyway( rateLimitedUnproven ) ).toBe( true );
		expect( isSavable( rateLimitedUnproven ) ).toBe( false );
	} );

	it( 'not when the token was proven, or refused', () => {
		// The quota call accepted the token, then the probe got 429: saved without asking.
		expect( maySaveAnyway( verdicts.rate_limited ) ).toBe( false );
		expect( isSavable( verdicts.rate_limited ) ).toBe( true );
		expect( maySaveAnyway( verdicts.valid ) ).toBe( false );
		expect( maySaveAnyway( verdicts.unauthenticated ) ).toBe( false );
		expect( maySaveAnyway( verdicts.unknown ) ).toBe( false );
		expect( maySaveAnyway( verdicts.blocked_by_site ) ).toBe( false );
	} );
} );
