/**
 * The token field: what was pasted (hidden unless revealed), and below it what the local
 * check says as you type (no request).
 */
import { Button, TextControl } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

import type { PasteFlow } from '../../hooks/usePasteFlow';
import { isDefineLine, maskToken, type LocalVerdict } from '../../token';

/**
 * The hint for a local verdict, or null when there is nothing to say.
 *
 * @param local The local verdict.
 * @param token The normalised token.
 * @param raw   What was pasted.
 */
function localHint(
	local: LocalVerdict,
	token: string,
	raw: string
): string | null {
	switch ( local.id ) {
		case 'missing':
			return raw.trim() === ''
				? null
				: __(
						'Nothing is left once spaces and quotes are removed. Paste the whole token.',
						'fix-mailersend'
					);
		case 'smtp_password_pasted':
			return __(
				'This is an SMTP password (it starts with mssp.), not an API token. WP Mail SMTP’s MailerSend mailer needs an API token, which starts with mlsn.',
				'fix-mailersend'
			);
		case 'truncated':
			return local.reason === 'ellipsis'
				? __(
						'This token looks cut short: it contains “…” or three dots, as the shortened copies MailerSend and this screen show do. Paste the full token; if you no longer have it, create a new one.',
						'fix-mailersend'
					)
				: __(
						'This token looks cut short: it is shorter than MailerSend API tokens are. Copy it again in full; if MailerSend no longer shows it, create a new one.',
						'fix-mailersend'
					);
		case 'malformed':
			if ( local.reason === 'too_long' ) {
				return __(
					'This is far longer than a MailerSend API token: it probably contains other text as well. Paste only the token.',
					'fix-mailersend'
				);
			}
			return local.reason === 'characters'
				? __(
						'This does not look like a MailerSend API token: after mlsn. it may hold only letters and digits, and this contains other characters.',
						'fix-mailersend'
					)
				: __(
						'This does not look like a MailerSend API token, which starts with mlsn. followed by letters and digits.',
						'fix-mailersend'
					);
		case 'legacy_token':
			return __(
				'This looks like an older MailerSend token (it starts with eyJ). It may still work: check it with MailerSend before saving.',
				'fix-mailersend'
			);
		case 'ok':
			return sprintf(
				/* translators: 1: masked token such as mlsn.ab…wxyz, 2: number of characters. */
				__(
					'Looks like a MailerSend API token: %1$s (%2$d characters). Check it with MailerSend before saving.',
					'fix-mailersend'
				),
				maskToken( token ),
				token.length
			);
	}
}

export default function TokenField( { flow }: { flow: PasteFlow } ) {
	const { raw, token, local, cleaned, reveal } = flow;
	const hint = localHint( local, token, raw );
	return (
		<div className="fms-token-field">
			<TextControl
				label={ __( 'MailerSend API token', 'fix-mailersend' ) }
				type={ reveal ? 'text' : 'password' }
				value={ raw }
				onChange={ flow.onTokenChange }
				autoComplete="off"
				spellCheck={ false }
				dir="ltr"
				autoCapitalize="off"
				autoCorrect="off"
				data-1p-ignore="true"
				data-lpignore="true"
				className="fms-token-field__input"
				help={
					hint || cleaned ? (
						<>
							{ cleaned && (
								<span className="fms-hint">
									{ isDefineLine( raw )
										? __(
												'The token was taken from the wp-config.php line you pasted.',
												'fix-mailersend'
											)
										: __(
												'Spaces, line breaks, quotes or “Bearer” were removed from what you pasted.',
												'fix-mailersend'
											) }{ ' ' }
								</span>
							) }
							{ hint && (
								<span
									className={ `fms-hint fms-hint--${ local.id }` }
									data-local-verdict={ local.id }
								>
									{ hint }
								</span>
							) }
						</>
					) : (
						__(
							'It starts with mlsn. and is shown only once, when you create it.',
							'fix-mailersend'
						)
					)
				}
				__next40pxDefaultSize
				__nextHasNoMarginBottom
			/>
			<Button
				variant="secondary"
				icon={ reveal ? 'hidden' : 'visibility' }
				onClick={ flow.toggleReveal }
				aria-pressed={ reveal }
				label={
					reveal
						? __( 'Hide token', 'fix-mailersend' )
						: __( 'Show token', 'fix-mailersend' )
				}
				showTooltip={ false }
				className="fms-token-field__toggle"
				__next40pxDefaultSize
			/>
		</div>
	);
}
