/**
 * The two ways to save a pasted token: after a check that proves it, or — when MailerSend
 * could not check it — anyway, after an explicit warning and consent.
 */
import { Button, CheckboxControl, Notice } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

import type { PasteFlow } from '../../hooks/usePasteFlow';
import type { Status } from '../../types';
import SaveOptions from './SaveOptions';

interface SaveProps {
	flow: PasteFlow;
	status: Status | null;
}

/**
 * The label of a save button.
 *
 * @param saving A save is under way.
 * @param label  The label otherwise.
 */
function saveLabel( saving: boolean, label: string ): string {
	return saving ? __( 'Saving…', 'fix-mailersend' ) : label;
}

export function SaveChecked( { flow, status }: SaveProps ) {
	return (
		<div className="fms-save">
			<SaveOptions flow={ flow } status={ status } />
			<Button
				variant="primary"
				onClick={ () => flow.onSave( false ) }
				disabled={ flow.saving || ! flow.form.expiryValid }
				isBusy={ flow.saving }
				accessibleWhenDisabled
				__next40pxDefaultSize
			>
				{ saveLabel(
					flow.saving,
					__( 'Save token', 'fix-mailersend' )
				) }
			</Button>
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
			<Button
				variant="secondary"
				isDestructive
				onClick={ () => flow.onSave( true ) }
				disabled={
					! form.acceptUnchecked || saving || ! form.expiryValid
				}
				isBusy={ saving }
				accessibleWhenDisabled
				__next40pxDefaultSize
			>
				{ saveLabel( saving, __( 'Save anyway', 'fix-mailersend' ) ) }
			</Button>
		</div>
	);
}
