/**
 * The screen's two kinds of button: one that goes to a step, and one that starts a request
 * and shows it while it runs.
 */
import { Button } from '@wordpress/components';
import type { ReactNode } from 'react';

import { goToLabel } from '../steps';
import type { StepId } from '../types';

type Variant = 'primary' | 'secondary';

/**
 * A button to a step, named as goToLabel() names it.
 *
 * @param props
 * @param props.step    The step.
 * @param props.onGoTo  Goes to it.
 * @param props.variant Primary or secondary.
 */
export function GoToButton( {
	step,
	onGoTo,
	variant = 'secondary',
}: {
	step: StepId;
	onGoTo: ( step: StepId ) => void;
	variant?: Variant;
} ) {
	return (
		<Button
			variant={ variant }
			onClick={ () => onGoTo( step ) }
			__next40pxDefaultSize
		>
			{ goToLabel( step ) }
		</Button>
	);
}

/**
 * A button that starts a request: busy and disabled (still focusable) while it runs.
 *
 * @param props
 * @param props.busy          The request runs.
 * @param props.busyLabel     The label meanwhile ("Checking…").
 * @param props.children      The label otherwise.
 * @param props.disabled
 * @param props.variant
 * @param props.onClick
 * @param props.type
 * @param props.isDestructive
 */
export function ActionButton( {
	busy,
	busyLabel,
	children,
	disabled = false,
	...props
}: {
	busy: boolean;
	busyLabel: string;
	children: ReactNode;
	disabled?: boolean;
	variant: Variant;
	onClick?: () => void;
	type?: 'submit';
	isDestructive?: boolean;
} ) {
	return (
		<Button
			{ ...props }
			disabled={ disabled || busy }
			isBusy={ busy }
			accessibleWhenDisabled
			__next40pxDefaultSize
		>
			{ busy ? busyLabel : children }
		</Button>
	);
}
