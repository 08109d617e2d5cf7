/**
 * ESLint flat config: wp-scripts' default, plus
 * - the project's text domain for the i18n rules;
 * - the Jest rules for TypeScript unit tests too (wp-scripts applies them to .js/.jsx only);
 * - the Playwright rules for tests/e2e.
 */
const wpScriptsConfig = require( '@wordpress/scripts/config/eslint.config.cjs' );
const wpPlugin = require( '@wordpress/eslint-plugin' );

const unitTestFiles = [
	'**/@(test|__tests__)/**/*.{js,jsx,ts,tsx}',
	'**/?(*.)test.{js,jsx,ts,tsx}',
];

module.exports = [
	{
		ignores: [ '.cache/**', 'build/**', 'vendor/**', 'node_modules/**' ],
	},
	...wpScriptsConfig,
	{
		rules: {
			'@wordpress/i18n-text-domain': [
				'error',
				{ allowedTextDomain: 'fix-mailersend' },
			],
		},
	},
	...wpPlugin.configs[ 'test-unit' ].map( ( config ) => ( {
		...config,
		files: unitTestFiles,
	} ) ),
	{
		files: unitTestFiles,
		rules: {
			'@wordpress/no-global-active-element': 'off',
			'@wordpress/no-global-get-selection': 'off',
		},
	},
	...wpPlugin.configs[ 'test-playwright' ].map( ( config ) => ( {
		...config,
		files: [ 'tests/e2e/**/*.{js,ts}' ],
	} ) ),
	{
		// Playwright fixtures call `use()`, which is not React's hook.
		files: [ 'tests/e2e/**/*.{js,ts}' ],
		rules: {
			'react-hooks/rules-of-hooks': 'off',
		},
	},
];
