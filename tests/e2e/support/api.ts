/**
 * Calls fix-mailersend/v1 from inside the logged-in admin page, with core's apiFetch (and so
 * its REST nonce), as the screen does. For the server-side guarantees behind the screen.
 */
import type { Page } from '@playwright/test';

export type ApiAnswer = {
	status: number;
	/** WP_Error code, when the answer is an error. */
	code: string | null;
	/** The verdict id of the answer (`verdict` or `data.verdict`). */
	verdict: string | null;
	body: Record< string, unknown >;
};

/**
 * One request to the plugin's REST API from the page.
 *
 * @param page   A page of wp-admin (core's api-fetch must be loaded, as on the screen).
 * @param method HTTP method.
 * @param route  Route below fix-mailersend/v1, such as `token`.
 * @param data   JSON body.
 */
export async function callApi(
	page: Page,
	method: 'GET' | 'POST' | 'PUT',
	route: string,
	data?: object
): Promise< ApiAnswer > {
	return page.evaluate(
		async ( [ verb, path, body ] ) => {
			type ApiFetch = ( options: object ) => Promise< Response >;
			const { apiFetch } = (
				window as unknown as { wp: { apiFetch: ApiFetch } }
			 ).wp;
			let response: Response;
			try {
				response = await apiFetch( {
					path: `/fix-mailersend/v1/${ path }`,
					method: verb,
					data: body,
					parse: false,
				} );
			} catch ( error ) {
				// With parse: false, api-fetch rejects with the Response of a non-2xx answer.
				response = error as Response;
			}
			const json = ( await response.json() ) as Record< string, unknown >;
			const errorData = ( json.data ?? {} ) as {
				verdict?: { id?: string };
			};
			const verdict =
				( json.verdict as { id?: string } | undefined )?.id ??
				errorData.verdict?.id ??
				null;
			return {
				status: response.status,
				code: typeof json.code === 'string' ? json.code : null,
				verdict,
				body: json,
			};
		},
		[ method, route, data ] as const
	);
}
