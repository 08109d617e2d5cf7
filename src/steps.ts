/**
 * The steps' labels. Which step a verdict leads to, and whether it lets a token be
 * saved, is the server's word: each verdict's `policy`.
 */
import { __ } from '@wordpress/i18n';

import type { StepId } from './types';

/**
 * The name of a step, as in the step navigation.
 *
 * @param step A step id.
 */
export function stepLabel( step: StepId ): string {
	switch ( step ) {
		case 'diagnose':
			return __( 'Diagnose', 'fix-mailersend' );
		case 'new-token':
			return __( 'Get a new token', 'fix-mailersend' );
		case 'paste':
			return __( 'Paste and check', 'fix-mailersend' );
		case 'test':
			return __( 'Send a test email', 'fix-mailersend' );
		case 'recover':
			return __( 'Recover', 'fix-mailersend' );
	}
}

/**
 * The label of a button that goes to a step.
 * @param step
 */
export function goToLabel( step: StepId ): string {
	switch ( step ) {
		case 'diagnose':
			return __( 'Back to the diagnosis', 'fix-mailersend' );
		case 'new-token':
			return __( 'Get a new token', 'fix-mailersend' );
		case 'paste':
			return __( 'Paste a token', 'fix-mailersend' );
		case 'test':
			return __( 'Send a test email', 'fix-mailersend' );
		case 'recover':
			return __( 'Recover held emails', 'fix-mailersend' );
	}
}
