import { render, screen, within } from '@testing-library/react';

import { HEADLINE_IDS, VERDICT_IDS, type Verdict } from '../../types';
import { verdicts } from '../../test/fixtures';
import { spoken } from '../../test/helpers';
import VerdictNotice from '../VerdictNotice';

function noticeOf( title: string ): HTMLElement {
	const notice = screen.getByText( title ).closest( '.components-notice' );
	if ( ! ( notice instanceof HTMLElement ) ) {
		throw new Error( 'No notice around the title.' );
	}
	return notice;
}

describe( 'VerdictNotice', () => {
	it.each( [ ...VERDICT_IDS, ...HEADLINE_IDS ] )(
		'renders the %s verdict completely',
		( id ) => {
			const verdict = verdicts[ id ];
			render( <VerdictNotice verdict={ verdict } /> );

			const notice = noticeOf( verdict.title );
			// Severity → Notice status.
			expect( notice ).toHaveClass( `is-${ verdict.severity }` );
			// Title, explanation.
			expect( within( notice ).getByText( verdict.title ).tagName ).toBe(
				'STRONG'
			);
			expect(
				within( notice ).getByText( verdict.explanation )
			).toBeInTheDocument();
			// Steps, in order, as a list.
			const steps = within( notice ).getByRole( 'list', {
				name: 'What to do',
			} );
			expect(
				within( steps )
					.getAllByRole( 'listitem' )
					// Without the new-tab arrow of the links.
					.map( ( item ) => item.textContent?.replace( /[↗↖]/g, '' ) )
			).toEqual( verdict.steps );
			// Evidence folded: a closed <details> holding the verdict id.
			const details = notice.querySelector( 'details' );
			expect( details ).not.toBeNull();
			expect( details?.open ).toBe( false );
			expect(
				within( details as HTMLElement ).getByText(
					'Technical details'
				).tagName
			).toBe( 'SUMMARY' );
			expect(
				within( details as HTMLElement ).getByText( id )
			).toBeInTheDocument();
			// Not dismissible.
			expect(
				within( notice ).queryByRole( 'button', { name: 'Close' } )
			).not.toBeInTheDocument();
		}
	);

	it( 'announces the title and explanation, assertively for errors', () => {
		render( <VerdictNotice verdict={ verdicts.unauthenticated } /> );
		expect( spoken() ).toHaveBeenCalledWith(
			`${ verdicts.unauthenticated.title } ${ verdicts.unauthenticated.explanation }`,
			'assertive'
		);
	} );

	it( 'announces success politely', () => {
		render( <VerdictNotice verdict={ verdicts.valid } /> );
		expect( spoken() ).toHaveBeenCalledWith(
			`${ verdicts.valid.title } ${ verdicts.valid.explanation }`,
			'polite'
		);
	} );

	it( 'links the addresses in the steps, opening a new tab', () => {
		render( <VerdictNotice verdict={ verdicts.unauthenticated } /> );
		const link = screen.getByRole( 'link', {
			name: /https:\/\/app\.mailersend\.com\/api-tokens/,
		} );
		expect( link ).toHaveAttribute(
			'href',
			'https://app.mailersend.com/api-tokens'
		);
		expect( link ).toHaveAttribute( 'target', '_blank' );
		expect( link.closest( 'li' )?.textContent ).toMatch(
			/^Create a new API token in MailerSend \(https:\/\/app\.mailersend\.com\/api-tokens↗\): pick/
		);
	} );

	it( 'leaves out the internal flags of the diagnosis', () => {
		render( <VerdictNotice verdict={ verdicts.valid } /> );
		const details = document.querySelector( 'details' ) as HTMLElement;
		for ( const key of [
			'token_accepted',
			'deep_checked',
			'domains_checked',
			'can_send',
		] ) {
			expect(
				within( details ).queryByText( key )
			).not.toBeInTheDocument();
		}
		const row = ( label: string ) =>
			within( details ).getByText( label ).nextElementSibling;
		expect( row( 'Token' ) ).toHaveTextContent( 'mlsn.5f…9d1e' );
		expect( row( 'Verified domains in this account' ) ).toHaveTextContent(
			'example.com'
		);
		expect( row( 'Matching verified domain' ) ).toHaveTextContent(
			'example.com'
		);
		expect( row( 'Sending check (HTTP status)' ) ).toHaveTextContent(
			'422'
		);
	} );

	it( 'shows the raw answer of an unknown verdict, as sent', () => {
		render( <VerdictNotice verdict={ verdicts.unknown } /> );
		const raw = within(
			document.querySelector( 'details' ) as HTMLElement
		).getByText( 'MailerSend’s raw answer' ).nextElementSibling;
		const code = raw?.querySelector( 'pre > code' );
		expect( code ).toHaveTextContent( '{"message":"I am a teapot"}' );
		expect( code?.parentElement ).toHaveAttribute( 'dir', 'ltr' );
	} );

	it.each( [
		[ 'truncated', 'Cause', 'Contains “…” or three dots' ],
		[ 'truncated', 'Length', '12 characters' ],
		[ 'malformed', 'Cause', 'Does not start with mlsn.' ],
		[ 'network_error', 'Cause', 'Timed out' ],
		[ 'network_error', 'Time limit', '10 seconds' ],
		[ 'recipients_suppressed', 'Suppressed', 'All recipients' ],
		[
			'recipients_suppressed',
			'Suppressed recipients',
			'bounced@example.org',
		],
		[
			'wp_mail_smtp_inactive',
			'WP Mail SMTP status',
			'Installed but not active',
		],
		[ 'wp_mail_smtp_too_old', 'WP Mail SMTP version', '4.4.2' ],
		[ 'mailer_not_mailersend', 'Active mailer', 'Other SMTP' ],
	] as const )( 'words the %s evidence “%s”', ( id, label, value ) => {
		render( <VerdictNotice verdict={ verdicts[ id ] } /> );
		expect(
			within(
				document.querySelector( 'details' ) as HTMLElement
			).getByText( label ).nextElementSibling
		).toHaveTextContent( value );
	} );

	it( 'says which step ran out of time when MailerSend took too long', () => {
		render(
			<VerdictNotice
				verdict={ {
					...verdicts.network_error,
					title: 'MailerSend took too long to answer',
					explanation:
						'MailerSend took too long: a check may take 15 seconds in all, and the time ran out at the check of whether the token may send. MailerSend did recognise the token, but whether it may send email is not known.',
					evidence: {
						http_status: null,
						endpoint: 'POST /v1/email',
						error_code: 'http_request_failed',
						reason: 'deadline',
						step: 'send_probe',
						deadline: 15,
						timeout: 4.5,
						token_accepted: true,
					},
				} }
			/>
		);
		const details = document.querySelector( 'details' ) as HTMLElement;
		const row = ( label: string ) =>
			within( details ).getByText( label ).nextElementSibling
				?.textContent;

		expect( row( 'Cause' ) ).toBe( 'MailerSend took too long' );
		expect( row( 'Ran out of time at' ) ).toBe( 'The sending check' );
		expect( row( 'Time allowed in all' ) ).toBe( '15 seconds' );
		expect( row( 'Time limit' ) ).toBe( '4.5 seconds' );
		for ( const key of [ 'step', 'deadline', 'send_probe' ] ) {
			expect( within( details ).queryByText( key ) ).toBeNull();
		}
	} );

	it( 'marks an estimated quota reset', () => {
		render( <VerdictNotice verdict={ verdicts.quota_exhausted } /> );
		const details = document.querySelector( 'details' ) as HTMLElement;
		expect(
			within( details ).getByText( 'Quota resets' ).nextElementSibling
		).toHaveTextContent( /2026.*\(estimated\)$/ );
		expect(
			within( details ).queryByText( 'quota_reset_estimated' )
		).not.toBeInTheDocument();
	} );

	it( 'labels and formats the evidence', () => {
		render(
			<VerdictNotice
				verdict={ {
					...verdicts.rate_limited,
					evidence: {
						http_status: 429,
						ms_code: 'MS42903',
						retry_after: 42,
						message: null,
						endpoint: '',
						has_pro_plan: false,
						x_custom: 'raw value',
					},
				} }
			/>
		);
		const details = document.querySelector( 'details' ) as HTMLElement;
		const row = ( label: string ) =>
			within( details ).getByText( label ).nextElementSibling
				?.textContent;

		expect( row( 'HTTP status' ) ).toBe( '429' );
		expect( row( 'MailerSend code' ) ).toBe( 'MS42903' );
		expect( row( 'Retry after' ) ).toBe( '42 seconds' );
		expect( row( 'has_pro_plan' ) ).toBe( 'No' );
		expect( row( 'x_custom' ) ).toBe( 'raw value' );
		// Empty values are left out.
		expect(
			within( details ).queryByText( 'MailerSend’s message' )
		).not.toBeInTheDocument();
		expect(
			within( details ).queryByText( 'Request' )
		).not.toBeInTheDocument();
	} );

	it( 'copes with an empty evidence array and no steps (PHP empty arrays)', () => {
		const verdict = {
			...verdicts.missing,
			steps: [],
			evidence: [] as unknown,
		} as Verdict;
		render( <VerdictNotice verdict={ verdict } /> );
		expect(
			screen.queryByRole( 'list', { name: 'What to do' } )
		).not.toBeInTheDocument();
		expect( screen.getByText( 'missing' ) ).toBeInTheDocument();
	} );

	it( 'falls back to an info notice for an unknown severity', () => {
		const verdict = {
			...verdicts.unknown,
			severity: 'critical',
		} as unknown as Verdict;
		render( <VerdictNotice verdict={ verdict } /> );
		expect( noticeOf( verdict.title ) ).toHaveClass( 'is-info' );
	} );

	it( 'renders its actions', () => {
		render(
			<VerdictNotice verdict={ verdicts.unauthenticated }>
				<button type="button">Get a new token</button>
			</VerdictNotice>
		);
		expect(
			within( noticeOf( verdicts.unauthenticated.title ) ).getByRole(
				'button',
				{ name: 'Get a new token' }
			)
		).toBeInTheDocument();
	} );
} );
