/**
 * The test email's flow, without its views: the recipient and format, the send
 * (POST /test-email) and its answer.
 */
import { useCallback, useState } from '@wordpress/element';
import type { FormEvent } from 'react';

import { useAppContext } from '../context';
import type { StepId, TestEmailRequest, TestEmailResult } from '../types';
import { useAsyncAction, type AsyncAction } from './useAsyncAction';

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+$/;

export interface TestEmailFlow {
	to: string;
	setTo: ( value: string ) => void;
	html: boolean;
	setHtml: ( value: boolean ) => void;
	/** The address typed, trimmed. */
	recipient: string;
	recipientValid: boolean;
	/** Where the last test email went. */
	sentTo: string;
	send: AsyncAction< [ TestEmailRequest ], TestEmailResult >;
	pending: boolean;
	onSubmit: ( event: FormEvent< HTMLFormElement > ) => void;
	/** The answer, once sent. */
	result: TestEmailResult | null;
	/** The step that fixes a failed send, if any. */
	failedNext: StepId | null;
}

export function useTestEmailFlow(): TestEmailFlow {
	const { api, boot } = useAppContext();
	const [ to, setTo ] = useState( boot.user.email );
	const [ html, setHtml ] = useState( true );
	const [ sentTo, setSentTo ] = useState( '' );
	const send = useAsyncAction(
		useCallback(
			( body: TestEmailRequest ): Promise< TestEmailResult > =>
				api.sendTestEmail( body ),
			[ api ]
		)
	);

	const recipient = to.trim();
	const recipientValid = EMAIL_PATTERN.test( recipient );
	const pending = send.state.status === 'pending';

	const onSubmit = ( event: FormEvent< HTMLFormElement > ) => {
		event.preventDefault();
		if ( ! recipientValid || pending ) {
			return;
		}
		setSentTo( recipient );
		send.run( { to: recipient, html } );
	};

	const result = send.state.status === 'success' ? send.state.value : null;
	return {
		to,
		setTo,
		html,
		setHtml,
		recipient,
		recipientValid,
		sentTo,
		send,
		pending,
		onSubmit,
		result,
		failedNext:
			result && ! result.accepted ? result.verdict.policy.step : null,
	};
}
