/**
 * The boot data that Admin_Page prints before the script:
 * `window.fixMailerSend = { restPath, user: { email }, links: { apiTokens, wpMailSmtpSettings, emailTest } }`.
 */
import type { BootData } from './types';

declare global {
	interface Window {
		fixMailerSend?: unknown;
	}
}

function isRecord( value: unknown ): value is Record< string, unknown > {
	return typeof value === 'object' && value !== null;
}

function isString( value: unknown ): value is string {
	return typeof value === 'string';
}

/**
 * Validates the boot data.
 *
 * @param value `window.fixMailerSend`.
 * @return The typed data, or null when something required is missing.
 */
export function parseBootData( value: unknown ): BootData | null {
	if (
		! isRecord( value ) ||
		! isString( value.restPath ) ||
		value.restPath === '' ||
		! isRecord( value.user ) ||
		! isRecord( value.links )
	) {
		return null;
	}
	const { user, links } = value;
	if (
		! isString( links.apiTokens ) ||
		! isString( links.wpMailSmtpSettings ) ||
		! isString( links.emailTest )
	) {
		return null;
	}
	return {
		restPath: value.restPath,
		user: { email: isString( user.email ) ? user.email : '' },
		links: {
			apiTokens: links.apiTokens,
			wpMailSmtpSettings: links.wpMailSmtpSettings,
			emailTest: links.emailTest,
		},
	};
}
