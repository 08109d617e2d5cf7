/**
 * The outage on the Diagnose step: one sentence (the server's `outage.summary`, read from
 * WP Mail SMTP's Debug Events), the details folded (when, causes, senders), and how many
 * failed emails wait to be resent. When the Debug Events are missing or were emptied, it
 * says what is not known instead.
 */
import { __, _n, sprintf } from '@wordpress/i18n';

import { formatDateTime } from '../format';
import { heldCount, offersRecover } from '../status';
import type { Outage, Status, StepId } from '../types';
import { GoToButton } from './StepButtons';

/**
 * What cannot be known, and why.
 *
 * @param outage The report.
 */
function unknownText( outage: Outage ): string {
	return outage.reason === 'emptied'
		? __(
				'WP Mail SMTP’s Debug Events were emptied, so how many emails failed before, since when and which plugin sent them is not known.',
				'fix-mailersend'
			)
		: __(
				'WP Mail SMTP’s Debug Events table is missing, so how many emails failed, since when and which plugin sent them is not known.',
				'fix-mailersend'
			);
}

function Details( { outage }: { outage: Outage } ) {
	return (
		<details className="fms-outage__details">
			<summary>
				{ __( 'Details of the failures', 'fix-mailersend' ) }
			</summary>
			<dl className="fms-facts">
				{ outage.since && (
					<div className="fms-facts__row">
						<dt>{ __( 'First failure', 'fix-mailersend' ) }</dt>
						<dd>{ formatDateTime( outage.since ) }</dd>
					</div>
				) }
				{ outage.last && (
					<div className="fms-facts__row">
						<dt>{ __( 'Last failure', 'fix-mailersend' ) }</dt>
						<dd>
							{ formatDateTime( outage.last ) }
							{ outage.ongoing &&
								' ' +
									__(
										'(no email has gone out since)',
										'fix-mailersend'
									) }
						</dd>
					</div>
				) }
				<div className="fms-facts__row">
					<dt>{ __( 'Failed emails', 'fix-mailersend' ) }</dt>
					<dd>
						{ outage.truncated
							? sprintf(
									/* translators: %d: number of emails. */
									__(
										'At least %d (only the last 30 days or 5,000 events are read)',
										'fix-mailersend'
									),
									outage.failed
								)
							: String( outage.failed ) }
					</dd>
				</div>
				{ outage.causes.length > 0 && (
					<div className="fms-facts__row">
						<dt>{ __( 'Causes', 'fix-mailersend' ) }</dt>
						<dd>
							<ul>
								{ outage.causes.map( ( cause ) => (
									<li key={ cause.verdict }>
										{ cause.title }
										{ ': ' }
										{ cause.count }
									</li>
								) ) }
							</ul>
						</dd>
					</div>
				) }
				{ outage.senders.length > 0 && (
					<div className="fms-facts__row">
						<dt>{ __( 'Sent by', 'fix-mailersend' ) }</dt>
						<dd>
							<ul>
								{ outage.senders.map( ( sender ) => (
									<li key={ sender.name }>
										{ sender.name }
										{ ': ' }
										{ sender.count }
									</li>
								) ) }
							</ul>
						</dd>
					</div>
				) }
			</dl>
		</details>
	);
}

export default function OutageReport( {
	status,
	onGoTo,
}: {
	status: Status;
	onGoTo: ( step: StepId ) => void;
} ) {
	const outage = status.outage ?? null;
	const waiting = heldCount( status );
	if ( ! outage && waiting === 0 ) {
		return null;
	}
	return (
		<div className="fms-outage">
			<h3>{ __( 'Emails that failed', 'fix-mailersend' ) }</h3>
			{ outage && (
				<>
					<p className="fms-outage__summary">
						{ outage.known
							? outage.summary
							: unknownText( outage ) }
					</p>
					{ outage.known && <Details outage={ outage } /> }
				</>
			) }
			{ waiting > 0 && (
				<p className="fms-outage__held">
					{ sprintf(
						/* translators: %d: number of emails. */
						_n(
							'%d email is waiting to be resent.',
							'%d emails are waiting to be resent.',
							waiting,
							'fix-mailersend'
						),
						waiting
					) }
				</p>
			) }
			{ waiting > 0 && offersRecover( status ) && (
				<GoToButton step="recover" onGoTo={ onGoTo } />
			) }
		</div>
	);
}
