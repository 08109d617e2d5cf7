/**
 * Playwright e2e tests, run by `npm test` (layer e2e) against the real local site that
 * bin/test.sh starts. Debian's Chromium; Playwright never downloads a browser here.
 */
import { defineConfig } from '@playwright/test';

const baseURL = process.env.FMS_SITE_URL ?? 'http://127.0.0.1:8980';

export default defineConfig( {
	testDir: './tests/e2e',
	outputDir: './artifacts/e2e/results',
	globalSetup: './tests/e2e/global-setup.ts',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 15_000 },
	reporter: [ [ 'list' ] ],
	use: {
		baseURL,
		storageState: './.cache/e2e/admin.json',
		screenshot: 'only-on-failure',
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-dev-shm-usage',
				'--disable-background-networking',
				'--disable-component-update',
				'--no-first-run',
				// Keep admin pages' avatar and font requests off the (closed) network.
				'--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
			],
		},
	},
} );
