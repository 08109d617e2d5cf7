import { render, screen } from '@testing-library/react';

import StepBoundary from '../StepBoundary';

function Unloadable(): never {
	// What React.lazy throws when a chunk cannot be fetched.
	throw new Error( 'Loading chunk paste-step failed.' );
}

describe( 'StepBoundary', () => {
	it( 'shows the step while it renders', () => {
		render(
			<StepBoundary>
				<p>The step</p>
			</StepBoundary>
		);
		expect( screen.getByText( 'The step' ) ).toBeInTheDocument();
	} );

	it( 'says so instead of an empty screen when a step cannot be loaded', () => {
		render(
			<StepBoundary>
				<Unloadable />
			</StepBoundary>
		);
		expect(
			screen.getByText(
				'This step could not be shown. Check your connection and reload the page.'
			)
		).toBeInTheDocument();
		// React reports the error it caught; @wordpress/jest-console's matcher (no types here).
		// @ts-expect-error -- toHaveErrored() is added by @wordpress/jest-console.
		expect( console ).toHaveErrored();
	} );
} );
