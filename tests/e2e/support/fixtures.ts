/**
 * Shared e2e fixtures: the site's state, the MailerSend stand-in, and a guard that fails a
 * test on any console error, page error or PHP message in WordPress's debug log.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

const env = ( name: string ): string => {
	const value = process.env[ name ];
	if ( ! value ) {
		throw new Error(
			`${ name } is not set: run the e2e tests with "bash bin/test.sh e2e".`
		);
	}
	return value;
};

type TokenTable = { tokens: Record< string, { token: string } > };

/**
 * A scripted token of the MailerSend stand-in, by name (tests/stand-ins/mailersend/tokens.json).
 * @param name
 */
export function token( name: string ): string {
	const table = JSON.parse(
		readFileSync( env( 'FMS_TOKENS_FILE' ), 'utf8' )
	) as TokenTable;
	const entry = table.tokens[ name ];
	if ( ! entry ) {
		throw new Error( `No scripted token named ${ name }` );
	}
	return entry.token;
}

/**
 * Runs a command of tests/e2e/support/site.php against the test site.
 * @param command
 * @param json
 */
export function site( command: string, json?: unknown ): string {
	const args = [ path.join( __dirname, 'site.php' ), command ];
	if ( json !== undefined ) {
		args.push( JSON.stringify( json ) );
	}
	return execFileSync( 'php', args, { env: process.env, encoding: 'utf8' } );
}

export function wpMailSmtpOption(): Record<
	string,
	Record< string, unknown >
> {
	return JSON.parse( site( 'wpms-get' ) ) as Record<
		string,
		Record< string, unknown >
	>;
}

/**
 * Writes constants into the site's wp-config-local.php (removed by the next reset).
 * @param constants
 */
export function defineInWpConfig(
	constants: Record< string, string | boolean >
): void {
	const lines = Object.entries( constants ).map(
		( [ name, value ] ) =>
			`define( '${ name }', ${ JSON.stringify( value ).replace( /"/g, "'" ) } );`
	);
	writeFileSync(
		path.join( env( 'FMS_WP_DIR' ), 'wp-config-local.php' ),
		`<?php\n${ lines.join( '\n' ) }\n`
	);
}

export type RecordedRequest = {
	method: string;
	path: string;
	headers: Record< string, string >;
	body: Record< string, unknown > | string | null;
	/** The tokens.json name of the request's token, or null. */
	token_name: string | null;
};

export const standin = {
	async requests(): Promise< RecordedRequest[] > {
		const response = await fetch(
			`${ env( 'FMS_STANDIN_URL' ) }/__standin/requests`
		);
		return ( await response.json() ) as RecordedRequest[];
	},
	async clear(): Promise< void > {
		await fetch( `${ env( 'FMS_STANDIN_URL' ) }/__standin/requests`, {
			method: 'DELETE',
		} );
		await this.fault( null );
	},
	async fault(
		fault: string | null,
		times: number | null = null
	): Promise< void > {
		await fetch( `${ env( 'FMS_STANDIN_URL' ) }/__standin/fault`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify( { fault, times } ),
		} );
	},
};

/**
 * Axe scan of the Fix MailerSend screen: no serious or critical violation.
 * @param page
 */
export async function expectAccessible( page: Page ): Promise< void > {
	const results = await new AxeBuilder( { page } )
		.include( '#fix-mailersend-root' )
		.analyze();
	const bad = results.violations.filter(
		( violation ) =>
			violation.impact === 'serious' || violation.impact === 'critical'
	);
	expect(
		bad.map( ( violation ) => `${ violation.id }: ${ violation.help }` )
	).toEqual( [] );
}

export const SCREEN = '/wp-admin/admin.php?page=fix-mailersend';

type Fixtures = {
	/** Lets a test expect console errors matching a pattern (e.g. the browser's note of a 422). */
	allowConsoleError: ( pattern: RegExp ) => void;
	guard: void;
};

const allowed = new WeakMap< Page, RegExp[] >();

export const test = base.extend< Fixtures >( {
	allowConsoleError: async ( { page }, use ) => {
		allowed.set( page, [] );
		await use( ( pattern ) => allowed.get( page )?.push( pattern ) );
	},
	guard: [
		async ( { page, allowConsoleError }, use ) => {
			void allowConsoleError;
			site( 'reset' );
			await standin.clear();
			const debugLog = env( 'FMS_DEBUG_LOG' );
			const logSize = ( () => {
				try {
					return statSync( debugLog ).size;
				} catch {
					return 0;
				}
			} )();
			const problems: string[] = [];
			page.on( 'console', ( message ) => {
				const text = message.text();
				const expected = ( allowed.get( page ) ?? [] ).some(
					( pattern ) => pattern.test( text )
				);
				if ( message.type() === 'error' && ! expected ) {
					problems.push( `console error: ${ text }` );
				}
			} );
			page.on( 'pageerror', ( error ) =>
				problems.push( `page error: ${ error.message }` )
			);

			await use();

			let logged = '';
			try {
				logged = readFileSync( debugLog, 'utf8' ).slice( logSize );
			} catch {}
			expect( logged, 'WordPress logged PHP messages' ).toBe( '' );
			expect( problems ).toEqual( [] );
		},
		{ auto: true },
	],
} );

export { expect };
