/**
 * The Paste step once the token is saved: what WP Mail SMTP uses now, the way on to the test
 * email, and what the database did not record. The focus moves to its heading (the Save
 * button is gone).
 */
import { Notice } from '@wordpress/components';
import { useEffect, useRef } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import type { SaveResult, StepId } from '../../types';
import { GoToButton } from '../StepButtons';

export default function Saved( {
	result,
	onGoTo,
}: {
	result: SaveResult;
	onGoTo: ( step: StepId ) => void;
} ) {
	const heading = useRef< HTMLHeadingElement >( null );
	useEffect( () => {
		heading.current?.focus();
	}, [] );
	return (
		<div className="fms-paste">
			<Notice status="success" isDismissible={ false }>
				<h3 ref={ heading } tabIndex={ -1 }>
					{ __( 'Token saved.', 'fix-mailersend' ) }
				</h3>
				<p>
					{ sprintf(
						/* translators: %s: masked token such as mlsn.ab…wxyz. */
						__(
							'WP Mail SMTP now uses the token %s.',
							'fix-mailersend'
						),
						result.token.masked
					) }
				</p>
				{ result.mailer_switched && (
					<p>
						{ __(
							'WP Mail SMTP now sends through MailerSend.',
							'fix-mailersend'
						) }
					</p>
				) }
				<GoToButton step="test" onGoTo={ onGoTo } variant="primary" />
			</Notice>
			<NotRecordedNotice notRecorded={ result.not_recorded } />
		</div>
	);
}

/**
 * After a save: what the database did not take, although the token itself was saved.
 *
 * @param props
 * @param props.notRecorded The save's `not_recorded`.
 */
function NotRecordedNotice( {
	notRecorded,
}: {
	notRecorded: SaveResult[ 'not_recorded' ];
} ) {
	if ( notRecorded.length === 0 ) {
		return null;
	}
	return (
		<Notice status="warning" isDismissible={ false }>
			<p>
				<strong>
					{ __(
						'The token is saved, but the database did not record everything (a database error):',
						'fix-mailersend'
					) }
				</strong>
			</p>
			<ul>
				{ notRecorded.includes( 'audit' ) && (
					<li>
						{ __(
							'This change is not in the audit trail.',
							'fix-mailersend'
						) }
					</li>
				) }
				{ notRecorded.includes( 'expiry' ) && (
					<li>
						{ __(
							'The expiry date was not kept, so no reminder will come before the token expires. Save the token again with the date.',
							'fix-mailersend'
						) }
					</li>
				) }
			</ul>
		</Notice>
	);
}
