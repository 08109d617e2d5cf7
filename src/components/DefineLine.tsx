/**
 * The wp-config.php line for a token that WP Mail SMTP reads from a constant.
 * Composed here from what the user pasted: the server never echoes a token.
 */
import { Button, Notice } from '@wordpress/components';
import { createInterpolateElement, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import type { MouseEvent } from 'react';

import { copyText } from '../clipboard';
import { defineLine } from '../token';

export interface DefineLineProps {
	/** The normalised token the user pasted. */
	token: string;
	/** The constant's name, WPMS_MAILERSEND_API_KEY. */
	constant: string;
	/** True when the token could not be checked with MailerSend. */
	unchecked?: boolean;
}

export default function DefineLine( {
	token,
	constant,
	unchecked = false,
}: DefineLineProps ) {
	const [ copied, setCopied ] = useState< boolean | null >( null );
	const line = defineLine( token );

	return (
		<div className="fms-define">
			<p>
				{ createInterpolateElement(
					sprintf(
						/* translators: %s: constant name, WPMS_MAILERSEND_API_KEY. */
						__(
							'Your token is set in wp-config.php with the <code>%s</code> constant, so it cannot be saved from this screen. Replace that line in wp-config.php with this one:',
							'fix-mailersend'
						),
						constant
					),
					{ code: <code /> }
				) }
			</p>
			{ unchecked && (
				<p>
					<strong>
						{ __(
							'MailerSend could not check this token: send a test email right after editing wp-config.php.',
							'fix-mailersend'
						) }
					</strong>
				</p>
			) }
			<pre className="fms-define__line" dir="ltr">
				<code>{ line }</code>
			</pre>
			<Button
				variant="secondary"
				onClick={ async ( event: MouseEvent< HTMLElement > ) =>
					setCopied( await copyText( line, event.currentTarget ) )
				}
				__next40pxDefaultSize
			>
				{ __( 'Copy the line', 'fix-mailersend' ) }
			</Button>
			{ copied === true && (
				<Notice status="success" isDismissible={ false }>
					{ __(
						'Copied. Paste it into wp-config.php in place of the old line.',
						'fix-mailersend'
					) }
				</Notice>
			) }
			{ copied === false && (
				<Notice status="warning" isDismissible={ false }>
					{ __(
						'Could not copy. Select the line and copy it with Ctrl+C (⌘+C on a Mac).',
						'fix-mailersend'
					) }
				</Notice>
			) }
			<p>
				{ createInterpolateElement(
					__(
						'wp-config.php is in the root folder of your site; edit it with your host’s file manager or over SFTP. If the line is not there, add it above <em>That’s all, stop editing!</em> Keep <code>WPMS_ON</code> set to <code>true</code>. Then come back and send a test email.',
						'fix-mailersend'
					),
					{ em: <em />, code: <code /> }
				) }
			</p>
		</div>
	);
}
