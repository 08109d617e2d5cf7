/**
 * npm run blueprint: writes .wordpress-org/blueprints/blueprint.json, the wordpress.org live
 * preview (a WordPress Playground blueprint), from this template and the two PHP files beside
 * it, inlined so the preview needs nothing but the plugin directory:
 * - demo-mailersend.php: the demo MailerSend (a must-use plugin, on only inside Playground);
 * - seed-preview.php: breaks the site as a real one breaks (revoked token, one failed email).
 * `node bin/blueprint.mjs --check` exits 1 when blueprint.json is not what it would write
 * (tests/preview/blueprint.test.mjs runs that check too).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = path.join(
	path.dirname( fileURLToPath( import.meta.url ) ),
	'..',
	'.wordpress-org',
	'blueprints'
);

/** Where the preview's demo must-use plugin goes inside Playground. */
export const DEMO_MU_PLUGIN_PATH =
	'/wordpress/wp-content/mu-plugins/fix-mailersend-demo.php';

/**
 * The blueprint, as an object.
 *
 * @return {Object} Blueprint.
 */
export function blueprint() {
	const read = ( name ) => readFileSync( path.join( DIR, name ), 'utf8' );
	return {
		$schema: 'https://playground.wordpress.net/blueprint-schema.json',
		meta: {
			title: 'Fix MailerSend: a site whose MailerSend token stopped working',
			description:
				'WP Mail SMTP sends through MailerSend with a revoked token and an email has failed. Fix it on the Fix MailerSend screen with the demo token the screen shows (MailerSend is simulated in this preview).',
			author: 'fix-mailersend',
			categories: [ 'Email' ],
		},
		landingPage: '/wp-admin/admin.php?page=fix-mailersend',
		preferredVersions: { php: '8.2', wp: 'latest' },
		features: { networking: false },
		login: true,
		steps: [
			{
				step: 'installPlugin',
				pluginData: {
					resource: 'wordpress.org/plugins',
					slug: 'wp-mail-smtp',
				},
				options: { activate: true },
			},
			{
				step: 'installPlugin',
				pluginData: {
					resource: 'wordpress.org/plugins',
					slug: 'fix-mailersend',
				},
				options: { activate: true },
			},
			{
				step: 'defineWpConfigConsts',
				consts: { FIX_MAILERSEND_DEMO: 'playground' },
			},
			{
				step: 'writeFile',
				path: DEMO_MU_PLUGIN_PATH,
				data: read( 'demo-mailersend.php' ),
			},
			{
				step: 'runPHP',
				code: read( 'seed-preview.php' ),
			},
		],
	};
}

/**
 * The blueprint as blueprint.json holds it.
 *
 * @return {string} JSON text.
 */
export function blueprintJson() {
	return JSON.stringify( blueprint(), null, '\t' ) + '\n';
}

if ( process.argv[ 1 ] === fileURLToPath( import.meta.url ) ) {
	const file = path.join( DIR, 'blueprint.json' );
	if ( process.argv.includes( '--check' ) ) {
		let current = '';
		try {
			current = readFileSync( file, 'utf8' );
		} catch {}
		if ( current !== blueprintJson() ) {
			process.stderr.write(
				'.wordpress-org/blueprints/blueprint.json is out of date: run npm run blueprint\n'
			);
			process.exit( 1 );
		}
	} else {
		writeFileSync( file, blueprintJson() );
		process.stdout.write(
			`wrote ${ path.relative( process.cwd(), file ) }\n`
		);
	}
}
