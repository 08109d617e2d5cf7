import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { brokenStatus, outageStatus } from '../../test/fixtures';
import { renderInApp } from '../../test/helpers';
import type { HeldStatus, Outage, Status } from '../../types';
import OutageReport from '../OutageReport';

function show( status: Status ) {
	const onGoTo = jest.fn();
	const view = renderInApp(
		<OutageReport status={ status } onGoTo={ onGoTo } />
	);
	return { onGoTo, ...view };
}

function withOutage( change: Partial< Outage > ): Status {
	const status = outageStatus();
	return { ...status, outage: { ...( status.outage as Outage ), ...change } };
}

describe( 'The outage on the Diagnose step', () => {
	it( 'says it in one sentence, the server’s, with the details folded', async () => {
		const user = userEvent.setup();
		const status = outageStatus();
		const outage = status.outage as Outage;
		// The server's sentence, as served.
		expect( outage.summary ).toMatch( /^Since .+ emails failed: / );
		const { onGoTo } = show( {
			...status,
			outage: {
				...outage,
				causes: [
					{
						verdict: 'unauthenticated',
						title: 'MailerSend does not recognise this token',
						count: 30,
					},
					{
						verdict: 'domain_unverified',
						title: 'The From domain is not verified in this token’s MailerSend account',
						count: 7,
					},
				],
				senders: [
					{ name: 'WooCommerce', count: 21 },
					{ name: 'WordPress', count: 9 },
					{ name: 'Contact Form 7', count: 7 },
				],
				failed: 37,
			},
			// Two of the three are being resent: `waiting` counts them already.
			held: {
				...( status.held as HeldStatus ),
				waiting: 3,
				queued: 1,
				sending: 1,
			},
		} );
		expect( screen.getByText( outage.summary ) ).toBeVisible();

		const details = screen
			.getByText( 'Details of the failures' )
			.closest( 'details' ) as HTMLDetailsElement;
		expect( details.open ).toBe( false );
		await user.click( screen.getByText( 'Details of the failures' ) );
		expect( details.open ).toBe( true );
		const causes = within( details ).getByText( 'Causes' )
			.nextElementSibling as HTMLElement;
		// Each cause by the title the server gives it (the verdict catalogue's).
		expect(
			within( causes )
				.getAllByRole( 'listitem' )
				.map( ( li ) => li.textContent )
		).toEqual( [
			'MailerSend does not recognise this token: 30',
			'The From domain is not verified in this token’s MailerSend account: 7',
		] );
		const senders = within( details ).getByText( 'Sent by' )
			.nextElementSibling as HTMLElement;
		expect(
			within( senders )
				.getAllByRole( 'listitem' )
				.map( ( li ) => li.textContent )
		).toEqual( [ 'WooCommerce: 21', 'WordPress: 9', 'Contact Form 7: 7' ] );
		expect(
			within( details ).getByText( 'Last failure' ).nextElementSibling
		).toHaveTextContent( '(no email has gone out since)' );
		expect(
			within( details ).getByText( 'Failed emails' ).nextElementSibling
		).toHaveTextContent( /^37$/ );

		expect(
			screen.getByText( '3 emails are waiting to be resent.' )
		).toBeVisible();
		await user.click(
			screen.getByRole( 'button', { name: 'Recover held emails' } )
		);
		expect( onGoTo ).toHaveBeenCalledWith( 'recover' );
	} );

	it( 'names a cause the status carries no verdict for by the server’s title', () => {
		show(
			withOutage( {
				causes: [
					{
						verdict: 'unauthenticated',
						title: 'MailerSend does not recognise this token',
						count: 2,
					},
					{
						verdict: 'network_error',
						title: 'This site could not reach MailerSend',
						count: 1,
					},
				],
			} )
		);
		expect(
			screen.getByText( 'This site could not reach MailerSend: 1', {
				selector: 'li',
			} )
		).toBeInTheDocument();
	} );

	it( 'says “at least” when the window cut the count', () => {
		show( withOutage( { truncated: true, failed: 5000 } ) );
		expect(
			screen.getByText( 'Failed emails' ).nextElementSibling
		).toHaveTextContent(
			'At least 5000 (only the last 30 days or 5,000 events are read)'
		);
	} );

	it.each( [
		[ 'emptied', /Debug Events were emptied/ ],
		[ 'no_table', /Debug Events table is missing/ ],
	] as const )(
		'says what is not known when the table is %s',
		( reason, text ) => {
			show(
				withOutage( {
					known: false,
					reason,
					failed: 0,
					causes: [],
					senders: [],
					summary: '',
				} )
			);
			expect( screen.getByText( text ) ).toHaveTextContent(
				'how many emails failed'
			);
			expect(
				screen.queryByText( 'Details of the failures' )
			).not.toBeInTheDocument();
		}
	);

	it( 'shows nothing when nothing failed and nothing is held', () => {
		const { container } = show( {
			...brokenStatus(),
			outage: null,
			held: {
				holding: true,
				waiting: 0,
				queued: 0,
				sending: 0,
				token_proven: false,
			},
		} );
		expect( container ).toBeEmptyDOMElement();
	} );

	it( 'shows nothing from an older server without the report', () => {
		const status = brokenStatus();
		delete status.outage;
		delete status.held;
		const { container } = show( status );
		expect( container ).toBeEmptyDOMElement();
	} );
} );
