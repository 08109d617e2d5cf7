/**
 * Runs after @wordpress/jest-preset-default's own setup (jest-console):
 * - adds the jest-dom matchers (toBeInTheDocument, toHaveAccessibleName, …);
 * - replaces speak() from @wordpress/a11y (used by Notice) with a mock, so tests
 *   can assert what is announced and the live regions do not duplicate texts.
 *   Read it with `jest.requireMock( '@wordpress/a11y' ).speak`.
 */
require( '@testing-library/jest-dom' );

jest.mock( '@wordpress/a11y', () => ( {
	...jest.requireActual( '@wordpress/a11y' ),
	speak: jest.fn(),
} ) );
