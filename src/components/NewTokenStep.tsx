/**
 * Step 2: how to create a token in MailerSend, as a checklist with the traps called out.
 */
import { Button, CheckboxControl, VisuallyHidden } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import { useAppContext } from '../context';
import type { StepId } from '../types';

export interface NewTokenStepProps {
	/** The From domain, when known. */
	fromDomain: string | null;
	onGoTo: ( step: StepId ) => void;
}

interface ChecklistItem {
	id: string;
	label: string;
	trap: string;
}

function checklist( fromDomain: string | null ): ChecklistItem[] {
	return [
		{
			id: 'account',
			label: __(
				'Sign in to the MailerSend account that owns your verified sending domain, and open API tokens.',
				'fix-mailersend'
			),
			trap: fromDomain
				? sprintf(
						/* translators: %s: sending domain such as example.com. */
						__(
							'A token from another MailerSend account cannot send from %s, even if it is valid.',
							'fix-mailersend'
						),
						fromDomain
					)
				: __(
						'A token from another MailerSend account cannot send from your domain, even if it is valid.',
						'fix-mailersend'
					),
		},
		{
			id: 'domain',
			label: __(
				'Create a new token. For the domain, choose “All domains” or your sending domain.',
				'fix-mailersend'
			),
			trap: __(
				'A token limited to another domain is refused for your From address.',
				'fix-mailersend'
			),
		},
		{
			id: 'access',
			label: __(
				'For access, give Email: Full access. Adding Domains: Read lets Fix MailerSend also check the sending domain.',
				'fix-mailersend'
			),
			trap: __(
				'Without Email: Full access, the token is valid but cannot send.',
				'fix-mailersend'
			),
		},
		{
			id: 'expiry',
			label: __(
				'Choose an expiration date, and note it: you can enter it in step 3 for a reminder.',
				'fix-mailersend'
			),
			trap: __(
				'If you leave it empty, the token may expire after 24 hours. The date cannot be changed later.',
				'fix-mailersend'
			),
		},
		{
			id: 'copy',
			label: __(
				'Copy the whole token (it starts with mlsn.) right away.',
				'fix-mailersend'
			),
			trap: __(
				'MailerSend shows it only once. If you lose it, create another one.',
				'fix-mailersend'
			),
		},
	];
}

export default function NewTokenStep( {
	fromDomain,
	onGoTo,
}: NewTokenStepProps ) {
	const { boot } = useAppContext();
	const [ done, setDone ] = useState< Record< string, boolean > >( {} );
	const items = checklist( fromDomain );

	return (
		<div className="fms-new-token">
			<p>
				{ __(
					'A token that was deleted, regenerated or has expired cannot be repaired: create a new one in MailerSend. Tick each item as you go.',
					'fix-mailersend'
				) }
			</p>

			<p>
				<Button
					variant="primary"
					href={ boot.links.apiTokens }
					target="_blank"
					rel="noopener noreferrer"
					icon="external"
					iconPosition="right"
					__next40pxDefaultSize
				>
					{ __( 'Open MailerSend API tokens', 'fix-mailersend' ) }
					<VisuallyHidden as="span">
						{
							/* translators: accessibility text */
							__( '(opens in a new tab)', 'fix-mailersend' )
						}
					</VisuallyHidden>
				</Button>
			</p>

			<ol className="fms-checklist">
				{ items.map( ( item ) => (
					<li key={ item.id }>
						<CheckboxControl
							label={ item.label }
							help={
								<>
									<strong>
										{ __( 'Watch out:', 'fix-mailersend' ) }
									</strong>{ ' ' }
									{ item.trap }
								</>
							}
							checked={ done[ item.id ] === true }
							onChange={ ( checked ) =>
								setDone( ( current ) => ( {
									...current,
									[ item.id ]: checked,
								} ) )
							}
							__nextHasNoMarginBottom
						/>
					</li>
				) ) }
			</ol>

			<Button
				variant="secondary"
				onClick={ () => onGoTo( 'paste' ) }
				__next40pxDefaultSize
			>
				{ __( 'I have my token: go to step 3', 'fix-mailersend' ) }
			</Button>
		</div>
	);
}
