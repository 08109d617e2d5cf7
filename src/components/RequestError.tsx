/**
 * A request that failed: what failed, why in plain words, and a Retry button.
 * When the server throttled us, Retry waits for the time it asked for. A 409 (the
 * site is not in a state where the request can work) gets no Retry: the server's
 * message says what to change first.
 */
import { Button, Notice } from '@wordpress/components';
import { useEffect, useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';

import type { ApiError } from '../api';

export function describeError( error: ApiError ): string {
	switch ( error.kind ) {
		case 'offline':
			return __(
				'Your browser seems to be offline. Check your connection, then retry.',
				'fix-mailersend'
			);
		case 'network':
			return __(
				'The request did not reach your site, or its answer was lost. Check your connection, then retry.',
				'fix-mailersend'
			);
		case 'invalid_response':
			return __(
				'Your site answered with something other than the expected data. A PHP error or another plugin’s output may be the cause: look at the PHP error log.',
				'fix-mailersend'
			);
		case 'throttled':
			return error.retryAfter !== null && error.retryAfter > 0
				? sprintf(
						/* translators: %d: number of seconds. */
						_n(
							'To protect your daily MailerSend quota, Fix MailerSend limits how often it calls MailerSend. Try again in %d second.',
							'To protect your daily MailerSend quota, Fix MailerSend limits how often it calls MailerSend. Try again in %d seconds.',
							error.retryAfter,
							'fix-mailersend'
						),
						error.retryAfter
					)
				: __(
						'To protect your daily MailerSend quota, Fix MailerSend limits how often it calls MailerSend. Try again in a minute.',
						'fix-mailersend'
					);
		case 'forbidden':
			return __(
				'Your login may have expired, or your account may not manage WP Mail SMTP. Reload the page and log in again.',
				'fix-mailersend'
			);
		default:
			return error.message;
	}
}

export interface RequestErrorProps {
	/** What failed, as one sentence: "Could not load the diagnosis." */
	what: string;
	error: ApiError;
	onRetry?: () => void;
}

export default function RequestError( {
	what,
	error,
	onRetry,
}: RequestErrorProps ) {
	const wait =
		error.kind === 'throttled' && error.retryAfter !== null
			? error.retryAfter
			: 0;
	const [ waiting, setWaiting ] = useState( wait > 0 );

	useEffect( () => {
		setWaiting( wait > 0 );
		if ( wait <= 0 ) {
			return undefined;
		}
		const timer = window.setTimeout(
			() => setWaiting( false ),
			wait * 1000
		);
		return () => window.clearTimeout( timer );
	}, [ wait, error ] );

	const detail = describeError( error );
	const showCode = error.kind === 'http' || error.kind === 'invalid_response';
	const canRetry = !! onRetry && error.kind !== 'conflict';

	return (
		<Notice
			status="error"
			isDismissible={ false }
			spokenMessage={ `${ what } ${ detail }` }
			className="fms-request-error"
		>
			<p>
				<strong>{ what }</strong>
			</p>
			<p>{ detail }</p>
			{ error.details.length > 0 && (
				<ul className="fms-request-error__details">
					{ error.details.map( ( text, index ) => (
						<li key={ index }>{ text }</li>
					) ) }
				</ul>
			) }
			{ showCode && (
				<p className="fms-muted">
					{ error.status !== null
						? sprintf(
								/* translators: 1: error code such as rest_no_route, 2: HTTP status code. */
								__(
									'Error code: %1$s (HTTP %2$d)',
									'fix-mailersend'
								),
								error.code,
								error.status
							)
						: sprintf(
								/* translators: %s: error code such as invalid_json. */
								__( 'Error code: %s', 'fix-mailersend' ),
								error.code
							) }
				</p>
			) }
			{ canRetry && (
				<Button
					variant="secondary"
					onClick={ onRetry }
					disabled={ waiting }
					accessibleWhenDisabled
					__next40pxDefaultSize
				>
					{ __( 'Retry', 'fix-mailersend' ) }
				</Button>
			) }
		</Notice>
	);
}
