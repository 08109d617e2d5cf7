/**
 * The wordpress.org live preview's blueprint (.wordpress-org/blueprints/blueprint.json).
 * WordPress Playground cannot run here (it downloads WordPress), so the blueprint is checked
 * against the schema that Playground's own npm package ships (@wp-playground/blueprints, pinned):
 * with the validator Playground compiled from it (what Playground runs on a blueprint), and with
 * Ajv on blueprint-schema.json itself. tests/e2e/preview.spec.ts runs the blueprint's parts on the
 * e2e site; tests/php/Preview/ checks that the demo MailerSend stays off outside Playground.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { blueprintJson } from '../../bin/blueprint.mjs';

const ROOT = path.join(
	path.dirname( fileURLToPath( import.meta.url ) ),
	'..',
	'..'
);
const FILE = path.join(
	ROOT,
	'.wordpress-org',
	'blueprints',
	'blueprint.json'
);
const text = readFileSync( FILE, 'utf8' );
const blueprint = JSON.parse( text );

// The schema package, and the Ajv it depends on (resolved as the package itself resolves it).
const require = createRequire( import.meta.url );
const packageDir = path.dirname(
	require.resolve( '@wp-playground/blueprints/package.json' )
);
const schema = JSON.parse(
	readFileSync( path.join( packageDir, 'blueprint-schema.json' ), 'utf8' )
);
const { default: playgroundValidator } = await import(
	pathToFileURL( path.join( packageDir, 'blueprint-schema-validator.js' ) )
		.href
);
const Ajv = createRequire( path.join( packageDir, 'package.json' ) )( 'ajv' );
const ajv = new Ajv( { strict: false, allErrors: true } );
const ajvValidate = ajv.compile( schema );

const validators = {
	'Playground’s compiled validator': playgroundValidator,
	'Ajv on blueprint-schema.json': ajvValidate,
};

const step = ( name ) => blueprint.steps.find( ( s ) => s.step === name );

describe( 'blueprint.json', () => {
	test( 'is what `npm run blueprint` writes from the template and the PHP files', () => {
		assert.equal( text, blueprintJson() );
	} );

	for ( const [ name, validate ] of Object.entries( validators ) ) {
		test( `is valid for ${ name }`, () => {
			const valid = validate( blueprint );
			assert.equal(
				valid,
				true,
				JSON.stringify( validate.errors, null, 2 )
			);
		} );

		test( `${ name } refuses a broken blueprint (unknown step property, wrong type)`, () => {
			const broken = structuredClone( blueprint );
			broken.steps.find( ( s ) => s.step === 'writeFile' ).contents = 'x';
			assert.equal( validate( broken ), false );
			const wrongType = structuredClone( blueprint );
			wrongType.landingPage = 42;
			assert.equal( validate( wrongType ), false );
		} );
	}

	test( 'installs WP Mail SMTP and Fix MailerSend from the plugin directory, and lands on the screen', () => {
		const installs = blueprint.steps
			.filter( ( s ) => s.step === 'installPlugin' )
			.map( ( s ) => [
				s.pluginData.resource,
				s.pluginData.slug,
				s.options?.activate,
			] );
		assert.deepEqual( installs, [
			[ 'wordpress.org/plugins', 'wp-mail-smtp', true ],
			[ 'wordpress.org/plugins', 'fix-mailersend', true ],
		] );
		assert.equal(
			blueprint.landingPage,
			'/wp-admin/admin.php?page=fix-mailersend'
		);
		assert.equal( blueprint.login, true );
	} );

	test( 'turns the demo MailerSend on with the constant, before the site is broken', () => {
		const names = blueprint.steps.map( ( s ) => s.step );
		assert.deepEqual( step( 'defineWpConfigConsts' ).consts, {
			FIX_MAILERSEND_DEMO: 'playground',
		} );
		assert.equal(
			step( 'writeFile' ).path,
			'/wordpress/wp-content/mu-plugins/fix-mailersend-demo.php'
		);
		assert.ok(
			names.indexOf( 'defineWpConfigConsts' ) < names.indexOf( 'runPHP' )
		);
		assert.ok( names.indexOf( 'writeFile' ) < names.indexOf( 'runPHP' ) );
		assert.match( step( 'runPHP' ).code, /wp_mail\(/ );
		assert.match( step( 'runPHP' ).code, /fms_demo_token\( 'revoked' \)/ );
	} );
} );
