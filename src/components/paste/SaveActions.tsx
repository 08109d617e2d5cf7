/**
 * The two ways to save a pasted token: after a check that proves it, or — when MailerSend
 * could not check it — anyway, after an explicit warning and consent.
 */
import { CheckboxControl, Notice } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

import type { PasteFlow } from '../../hooks/usePasteFlow';
import type { Status } from '../../types';
import SaveOptions from './SaveOptions';
import { ActionButton } from '../StepButtons';

interface SaveProps {
	flow: PasteFlow;
	status: Status | null;
}

export function SaveChecked( { flow, status }: SaveProps ) {
	return (
		<div className="fms-save">
			<SaveOptions flow={ flow } status={ status } />
			<ActionButton
				variant="primary"
				onClick={ () => flow.onSave( false ) }
				busy={ flow.saving }
				busyLabel={ __( 'Saving…', 'fix-mailersend' ) }
				disabled={ ! flow.form.expiryValid }
			>
				{ __( 'Save token', 'fix-mailersend' ) }
			</ActionButton>
		</div>
	);
}

export function SaveAnyway( { flow, status }: SaveProps ) {
	const { form, saving } = flow;
	return (
		<div className="fms-save fms-save--anyway">
			<Notice status="warning" isDismissible={ false }>
				<p>
					<strong>
						{ __( 'Save without a check?', 'fix-mailersend' ) }
					</strong>
				</p>
				<p>
					{ flow.latest?.id === 'rate_limited'
						? __(
								'MailerSend was too busy to check this token, so nobody knows yet whether it works. Wait a minute and check it again, or save it now: if it is wrong, every email from your site fails until you replace it. Send a test email right after saving.',
								'fix-mailersend'
							)
						: __(
								'MailerSend could not be reached, so nobody knows yet whether this token works. If it is wrong, every email from your site fails until you replace it. Send a test email right after saving.',
								'fix-mailersend'
							) }
				</p>
			</Notice>
			<SaveOptions flow={ flow } status={ status } />
			<CheckboxControl
				label={ __(
					'I understand: save this token without checking it',
					'fix-mailersend'
				) }
				checked={ form.acceptUnchecked }
				onChange={ form.setAcceptUnchecked }
				__nextHasNoMarginBottom
			/>
			<ActionButton
				variant="secondary"
				isDestructive
				onClick={ () => flow.onSave( true ) }
				busy={ saving }
				busyLabel={ __( 'Saving…', 'fix-mailersend' ) }
				disabled={ ! form.acceptUnchecked || ! form.expiryValid }
			>
				{ __( 'Save anyway', 'fix-mailersend' ) }
			</ActionButton>
		</div>
	);
}
