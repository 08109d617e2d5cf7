/**
 * Jest configuration for the admin screen's unit tests (src/**\/test/*.test.ts(x)).
 *
 * Spreads wp-scripts' default so `wp-scripts test-unit-js` keeps its preset
 * (@wordpress/jest-preset-default: jsdom, jest-console, style mocks), and
 * - transforms .mjs/.cjs too, and does not ignore the ESM-only packages that
 *   @wordpress/components 41 pulls in (uuid, @wordpress/theme);
 * - adds jest-dom matchers.
 */
const defaultConfig = require( '@wordpress/scripts/config/jest-unit.config' );

module.exports = {
	...defaultConfig,
	rootDir: __dirname,
	testMatch: [ '<rootDir>/src/**/test/*.test.[jt]s?(x)' ],
	transform: {
		'\\.[mc]?[jt]sx?$': require.resolve(
			'@wordpress/scripts/config/babel-transform'
		),
	},
	transformIgnorePatterns: [ '/node_modules/(?!(.*/)?(uuid|@wordpress/theme)/)' ],
	setupFilesAfterEnv: [ '<rootDir>/jest.setup.js' ],
	clearMocks: true,
};
