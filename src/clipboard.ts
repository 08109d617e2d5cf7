/**
 * Copies text: the async Clipboard API where the page is a secure context, else the
 * old execCommand('copy') on a hidden textarea (plain-HTTP admin screens).
 * The same approach as useCopyToClipboard() in @wordpress/compose.
 *
 * @param text    The text to copy.
 * @param trigger The button that asked for it (gets the focus back).
 * @return Whether the copy worked.
 */
export async function copyText(
	text: string,
	trigger: HTMLElement
): Promise< boolean > {
	const document = trigger.ownerDocument;
	const view = document.defaultView;
	try {
		if ( view?.navigator.clipboard?.writeText ) {
			await view.navigator.clipboard.writeText( text );
			return true;
		}
		const textarea = document.createElement( 'textarea' );
		textarea.value = text;
		textarea.setAttribute( 'readonly', '' );
		textarea.style.position = 'fixed';
		textarea.style.insetInlineStart = '-9999px';
		textarea.style.top = '0';
		document.body.appendChild( textarea );
		textarea.select();
		const copied = document.execCommand( 'copy' );
		textarea.remove();
		trigger.focus();
		return copied;
	} catch {
		return false;
	}
}
