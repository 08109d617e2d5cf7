/**
 * Mounts the Fix MailerSend screen into #fix-mailersend-root.
 */
import { createRoot } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { createApi } from './api';
import { parseBootData } from './boot';
import App from './components/App';
import { AppContext } from './context';
import './index.scss';

/**
 * Renders the screen, or an explanation when the boot data is unusable.
 *
 * @param container The mount point.
 * @param bootValue `window.fixMailerSend`.
 * @return The React root.
 */
export function mount( container: HTMLElement, bootValue: unknown ) {
	const boot = parseBootData( bootValue );
	const root = createRoot( container );
	if ( ! boot ) {
		root.render(
			<div className="notice notice-error">
				<p>
					{ __(
						'Fix MailerSend could not start: its settings were not printed on this page. Reload the page; if this persists, reinstall the plugin.',
						'fix-mailersend'
					) }
				</p>
			</div>
		);
		return root;
	}
	root.render(
		<AppContext.Provider
			value={ { api: createApi( boot.restPath ), boot } }
		>
			<App />
		</AppContext.Provider>
	);
	return root;
}

function start(): void {
	const container = document.getElementById( 'fix-mailersend-root' );
	if ( container ) {
		mount( container, window.fixMailerSend );
	}
}

if ( document.readyState === 'loading' ) {
	document.addEventListener( 'DOMContentLoaded', start );
} else {
	start();
}
