/**
 * Step 5: the emails that failed through MailerSend and were held, resent once the token is
 * proven. The flow is useRecoverFlow(); the views are in ./recover/.
 */
import { Notice, Spinner } from '@wordpress/components';
import { __, _n, sprintf } from '@wordpress/i18n';

import { useRecoverFlow } from '../hooks/useRecoverFlow';
import type { Status, StepId } from '../types';
import RequestError from './RequestError';
import { ActionButton, GoToButton } from './StepButtons';
import {
	Confirmations,
	HeldPages,
	HeldPreview,
	HeldSearch,
	HeldTable,
	HoldingSwitch,
	RecoverMessageNotice,
	ResendProgress,
	SelectAllNotice,
} from './recover/views';

export interface RecoverStepProps {
	status: Status | null;
	/** The token is proven: the server's `held.token_proven`, or a proof in this session. */
	tokenProven: boolean;
	/** The counts changed: load the status again. */
	onChanged: () => void;
	onGoTo: ( step: StepId ) => void;
}

export default function RecoverStep( {
	status,
	tokenProven,
	onChanged,
	onGoTo,
}: RecoverStepProps ) {
	const flow = useRecoverFlow( status, tokenProven, onChanged );
	const { list, running, busy } = flow;
	const selected = flow.selectedCount;
	const empty =
		list.status === 'success' && flow.total === 0 && ! flow.filtered;

	return (
		<div className="fms-recover">
			<p>
				{ __(
					'Emails that failed through MailerSend for a reason you can fix are held here, as they were given to WordPress, so that you can send them again once the token works.',
					'fix-mailersend'
				) }
			</p>

			{ ! tokenProven && (
				<Notice status="warning" isDismissible={ false }>
					<p>
						{ __(
							'Resending is possible once the token is proven: re-check the saved token, save a new one that works, or send a test email that MailerSend accepts.',
							'fix-mailersend'
						) }
					</p>
					<GoToButton step="diagnose" onGoTo={ onGoTo } />
				</Notice>
			) }

			<ResendProgress flow={ flow } />
			<RecoverMessageNotice flow={ flow } />
			{ flow.actionError && (
				<RequestError
					what={ __( 'Could not do that.', 'fix-mailersend' ) }
					error={ flow.actionError }
				/>
			) }

			{ empty ? (
				<p className="fms-held__empty">
					{ flow.holding
						? __(
								'No emails are held: none has failed for a reason you can fix since Fix MailerSend was activated.',
								'fix-mailersend'
							)
						: __(
								'No emails are held, and failed emails are not kept.',
								'fix-mailersend'
							) }
				</p>
			) : (
				<>
					<HeldSearch flow={ flow } />
					{ list.status === 'pending' && <Spinner /> }
					{ list.status === 'error' && (
						<RequestError
							what={ __(
								'Could not load the held emails.',
								'fix-mailersend'
							) }
							error={ list.error }
							onRetry={ flow.reloadList }
						/>
					) }
					{ list.status === 'success' && flow.total === 0 && (
						<p>
							{ __(
								'No held email matches this search.',
								'fix-mailersend'
							) }
						</p>
					) }
					{ flow.items.length > 0 && (
						<SelectAllNotice flow={ flow } />
					) }
					{ flow.items.length > 0 && <HeldTable flow={ flow } /> }
					{ list.status === 'success' && flow.total > 0 && (
						<HeldPages flow={ flow } />
					) }
					<div className="fms-actions">
						<ActionButton
							variant="primary"
							onClick={ flow.resendSelected }
							busy={ running }
							busyLabel={ __( 'Resending…', 'fix-mailersend' ) }
							disabled={ ! tokenProven || selected === 0 || busy }
						>
							{ sprintf(
								/* translators: %d: number of emails. */
								_n(
									'Resend %d selected email',
									'Resend %d selected emails',
									selected,
									'fix-mailersend'
								),
								selected
							) }
						</ActionButton>
						<ActionButton
							variant="secondary"
							onClick={ () => flow.ask( 'discard-selected' ) }
							busy={ false }
							busyLabel=""
							disabled={
								selected === 0 ||
								flow.allSelected ||
								running ||
								busy
							}
						>
							{ __( 'Discard selected', 'fix-mailersend' ) }
						</ActionButton>
						<ActionButton
							variant="secondary"
							isDestructive
							onClick={ () => flow.ask( 'discard-all' ) }
							busy={ false }
							busyLabel=""
							disabled={ flow.total === 0 || running || busy }
						>
							{ __( 'Discard all', 'fix-mailersend' ) }
						</ActionButton>
					</div>
				</>
			) }

			<h3>{ __( 'Holding failed emails', 'fix-mailersend' ) }</h3>
			<HoldingSwitch flow={ flow } />

			<HeldPreview flow={ flow } />
			<Confirmations flow={ flow } />
		</div>
	);
}
