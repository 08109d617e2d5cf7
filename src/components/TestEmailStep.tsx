/**
 * Step 4: a real email through wp_mail(), WP Mail SMTP and MailerSend. The flow is
 * useTestEmailFlow(); the views are in ./test-email/.
 */
import { Button } from '@wordpress/components';
import { useEffect } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { useAppContext } from '../context';
import { useTestEmailFlow } from '../hooks/useTestEmailFlow';
import type { Status, StepId } from '../types';
import RequestError from './RequestError';
import {
	SiteWarnings,
	TestEmailAnswer,
	TestEmailForm,
} from './test-email/views';

export interface TestEmailStepProps {
	status: Status | null;
	onGoTo: ( step: StepId ) => void;
	/** MailerSend accepted a test email: the token is proven. */
	onAccepted?: () => void;
}

export default function TestEmailStep( {
	status,
	onGoTo,
	onAccepted,
}: TestEmailStepProps ) {
	const { boot } = useAppContext();
	const flow = useTestEmailFlow();
	const { send, result } = flow;
	const accepted = !! result?.accepted && result.via_mailersend;
	useEffect( () => {
		if ( accepted ) {
			onAccepted?.();
		}
	}, [ accepted, onAccepted ] );

	return (
		<div className="fms-test">
			<p>
				{ __(
					'This sends a real email the way your site does: through WordPress, WP Mail SMTP and MailerSend.',
					'fix-mailersend'
				) }
			</p>
			<SiteWarnings status={ status } onGoTo={ onGoTo } />
			<TestEmailForm flow={ flow } />

			{ send.state.status === 'error' && (
				<RequestError
					what={ __(
						'Could not send the test email.',
						'fix-mailersend'
					) }
					error={ send.state.error }
					onRetry={ () => send.retry() }
				/>
			) }
			<TestEmailAnswer
				flow={ flow }
				status={ status }
				onGoTo={ onGoTo }
			/>

			<p className="fms-muted">
				<Button variant="link" href={ boot.links.emailTest }>
					{ __(
						'Or use WP Mail SMTP’s own Email Test',
						'fix-mailersend'
					) }
				</Button>
			</p>
		</div>
	);
}
