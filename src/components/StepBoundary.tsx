/**
 * Around the steps that load as chunks of their own: when a step's code cannot be fetched
 * (the connection dropped, the plugin was updated meanwhile), say so instead of an empty
 * screen. Keyed by the step, so opening another step tries again.
 */
import { Notice } from '@wordpress/components';
import { Component } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import type { ReactNode } from 'react';

interface StepBoundaryProps {
	children: ReactNode;
}

export default class StepBoundary extends Component<
	StepBoundaryProps,
	{ failed: boolean }
> {
	override state = { failed: false };

	static getDerivedStateFromError() {
		return { failed: true };
	}

	override render() {
		return this.state.failed ? (
			<Notice status="error" isDismissible={ false }>
				{ __(
					'This step could not be shown. Check your connection and reload the page.',
					'fix-mailersend'
				) }
			</Notice>
		) : (
			this.props.children
		);
	}
}
