/**
 * The Diagnose step's guidance: the headline's actions, what to do when WP Mail SMTP is
 * missing, inactive or too old, when it sends with another mailer, and when the token is
 * about to expire.
 */
import { Button, Notice } from '@wordpress/components';
import { createInterpolateElement } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';

import {
	EXPIRY_WARNING_DAYS,
	daysUntil,
	formatDate,
	mailerName,
} from '../format';
import { isWpMailSmtpLoaded } from '../status';
import type { Status, StepId } from '../types';
import { GoToButton } from './StepButtons';

/** The line that makes MailerSend WP Mail SMTP's mailer in wp-config.php. */
const MAILER_DEFINE = "define( 'WPMS_MAILER', 'mailersend' );";

/**
 * Where to install, activate or update WP Mail SMTP, with a fallback for old servers.
 * @param info
 */
function pluginsLink( info: Status[ 'wp_mail_smtp' ] ): {
	href: string;
	label: string;
} {
	if ( info.state === 'missing' ) {
		return {
			href:
				info.settings_url ||
				'plugin-install.php?s=WP%20Mail%20SMTP&tab=search&type=term',
			label: __( 'Find WP Mail SMTP', 'fix-mailersend' ),
		};
	}
	return {
		href: info.settings_url || 'plugins.php',
		label: __( 'Go to Plugins', 'fix-mailersend' ),
	};
}

/** The headline id that already says what WpMailSmtpGuidance would say. */
const STATE_HEADLINES = {
	missing: 'wp_mail_smtp_missing',
	inactive: 'wp_mail_smtp_inactive',
	too_old: 'wp_mail_smtp_too_old',
} as const;

/**
 * WP Mail SMTP is missing, inactive or too old, and the headline is about something
 * else (a too old WP Mail SMTP leads only when the token looks fine).
 *
 * @param props
 * @param props.status
 */
export function WpMailSmtpGuidance( { status }: { status: Status } ) {
	const info = status.wp_mail_smtp;
	if (
		info.state === 'active' ||
		status.headline.id === STATE_HEADLINES[ info.state ]
	) {
		return null;
	}
	const link = pluginsLink( info );
	let text: string;
	switch ( info.state ) {
		case 'missing':
			text = __(
				'WP Mail SMTP is not installed. Fix MailerSend works with WP Mail SMTP (Lite or Pro), which sends your site’s email through MailerSend. Install and activate it, then come back here.',
				'fix-mailersend'
			);
			break;
		case 'inactive':
			text = __(
				'WP Mail SMTP is installed but not active, so your site does not send through MailerSend. Activate it on the Plugins screen, then come back here.',
				'fix-mailersend'
			);
			break;
		default:
			text = sprintf(
				/* translators: %s: minimum WP Mail SMTP version. */
				__(
					'This version of WP Mail SMTP cannot send through MailerSend. Update it to version %s or newer, then come back here.',
					'fix-mailersend'
				),
				info.min_version
			);
	}
	return (
		<Notice status="warning" isDismissible={ false }>
			<p>{ text }</p>
			<Button
				variant="secondary"
				href={ link.href }
				__next40pxDefaultSize
			>
				{ link.label }
			</Button>
		</Notice>
	);
}

/**
 * The mailer is set by WPMS_MAILER in wp-config.php: this screen cannot switch it.
 */
function MailerConstantNote() {
	return (
		<div className="fms-mailer-constant">
			<p>
				{ createInterpolateElement(
					__(
						'On this site the mailer is set by the <code>WPMS_MAILER</code> constant in wp-config.php, so it cannot be switched from this screen. To send through MailerSend, change that line in wp-config.php to:',
						'fix-mailersend'
					),
					{ code: <code /> }
				) }
			</p>
			<pre className="fms-define__line" dir="ltr">
				<code>{ MAILER_DEFINE }</code>
			</pre>
		</div>
	);
}

function MailerActions( {
	status,
	onGoTo,
	settingsUrl,
	primary,
}: {
	status: Status;
	onGoTo: ( step: StepId ) => void;
	settingsUrl: string;
	primary: boolean;
} ) {
	return (
		<div className="fms-actions">
			<GoToButton
				step="paste"
				onGoTo={ onGoTo }
				variant={
					primary && ! status.mailer.from_constant
						? 'primary'
						: 'secondary'
				}
			/>
			<Button
				variant="tertiary"
				href={ status.wp_mail_smtp.settings_url || settingsUrl }
				__next40pxDefaultSize
			>
				{ __( 'WP Mail SMTP settings', 'fix-mailersend' ) }
			</Button>
		</div>
	);
}

/**
 * Another mailer is active and the headline does not say so already.
 *
 * @param props
 * @param props.status
 * @param props.onGoTo
 * @param props.settingsUrl
 */
export function MailerGuidance( {
	status,
	onGoTo,
	settingsUrl,
}: {
	status: Status;
	onGoTo: ( step: StepId ) => void;
	settingsUrl: string;
} ) {
	if (
		! isWpMailSmtpLoaded( status ) ||
		status.mailer.is_mailersend ||
		status.headline.id === 'mailer_not_mailersend'
	) {
		return null;
	}
	return (
		<Notice status="info" isDismissible={ false }>
			<p>
				{ sprintf(
					/* translators: %s: name of the mailer WP Mail SMTP uses, such as "Other SMTP". */
					__(
						'WP Mail SMTP currently sends with “%s”, not MailerSend, so no MailerSend token is in use.',
						'fix-mailersend'
					),
					mailerName( status.mailer.slug )
				) }
			</p>
			{ status.mailer.from_constant ? (
				<MailerConstantNote />
			) : (
				<p>
					{ __(
						'When you save a token in step 3, you can switch WP Mail SMTP to MailerSend. You can also change the mailer in WP Mail SMTP’s settings.',
						'fix-mailersend'
					) }
				</p>
			) }
			<MailerActions
				status={ status }
				onGoTo={ onGoTo }
				settingsUrl={ settingsUrl }
				primary={ false }
			/>
		</Notice>
	);
}

/**
 * The buttons under the headline: its next step, or what the headline-only ids need.
 *
 * @param props
 * @param props.status
 * @param props.onGoTo
 * @param props.settingsUrl
 */
export function HeadlineActions( {
	status,
	onGoTo,
	settingsUrl,
}: {
	status: Status;
	onGoTo: ( step: StepId ) => void;
	settingsUrl: string;
} ) {
	const { headline } = status;
	switch ( headline.id ) {
		case 'wp_mail_smtp_missing':
		case 'wp_mail_smtp_inactive':
		case 'wp_mail_smtp_too_old': {
			const link = pluginsLink( status.wp_mail_smtp );
			return (
				<Button
					variant="primary"
					href={ link.href }
					__next40pxDefaultSize
				>
					{ link.label }
				</Button>
			);
		}
		case 'mailer_not_mailersend':
			return (
				<>
					{ status.mailer.from_constant && <MailerConstantNote /> }
					<MailerActions
						status={ status }
						onGoTo={ onGoTo }
						settingsUrl={ settingsUrl }
						primary
					/>
				</>
			);
		case 'not_checked':
			// "Re-check saved token" is right below the facts; pasting is the other way.
			return <GoToButton step="paste" onGoTo={ onGoTo } />;
	}
	const next = headline.policy.step;
	if ( ! next || ! isWpMailSmtpLoaded( status ) ) {
		return null;
	}
	return <GoToButton step={ next } onGoTo={ onGoTo } variant="primary" />;
}

/**
 * A reminder when the saved token expires within a week, or has expired.
 *
 * @param props
 * @param props.status
 * @param props.onGoTo
 */
export function ExpiryNotice( {
	status,
	onGoTo,
}: {
	status: Status;
	onGoTo: ( step: StepId ) => void;
} ) {
	const expiresAt = status.token.expires_at;
	if ( ! expiresAt || status.token.source !== 'database' ) {
		return null;
	}
	const days = daysUntil( expiresAt );
	if ( days === null || days > EXPIRY_WARNING_DAYS ) {
		return null;
	}
	const date = formatDate( expiresAt );
	let text: string;
	if ( days < 0 ) {
		text = sprintf(
			/* translators: %s: date such as Dec 1, 2026. */
			__(
				'The saved token expired on %s, according to the date entered when it was saved. MailerSend refuses an expired token: create a new one and paste it here.',
				'fix-mailersend'
			),
			date
		);
	} else if ( days === 0 ) {
		text = sprintf(
			/* translators: %s: date such as Dec 1, 2026. */
			__(
				'The saved token expires today (%s). MailerSend cannot extend a token: create a new one and paste it here so that email keeps going out.',
				'fix-mailersend'
			),
			date
		);
	} else {
		text = sprintf(
			/* translators: 1: number of days, 2: date such as Dec 1, 2026. */
			_n(
				'The saved token expires in %1$d day, on %2$s. MailerSend cannot extend a token: create a new one before then and paste it here.',
				'The saved token expires in %1$d days, on %2$s. MailerSend cannot extend a token: create a new one before then and paste it here.',
				days,
				'fix-mailersend'
			),
			days,
			date
		);
	}
	return (
		<Notice
			status="warning"
			isDismissible={ false }
			className="fms-expiry-notice"
		>
			<p>{ text }</p>
			{ status.headline.policy.step !== 'new-token' && (
				<Button
					variant="secondary"
					onClick={ () => onGoTo( 'new-token' ) }
					__next40pxDefaultSize
				>
					{ __( 'Create a new token now', 'fix-mailersend' ) }
				</Button>
			) }
		</Notice>
	);
}
