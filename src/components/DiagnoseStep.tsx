/**
 * Step 1: what is wrong, with evidence. The status is loaded once by App when the
 * screen opens; "Re-check saved token" asks MailerSend about the token on file and
 * updates the diagnosis in place (the headline follows, as the server would pick it).
 */
import { Button, Notice, Spinner } from '@wordpress/components';
import { createInterpolateElement, useCallback } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';

import { useAppContext } from '../context';
import { daysUntil, formatDate, formatDateTime, mailerName } from '../format';
import { useAsyncAction } from '../hooks/useAsyncAction';
import type { StatusHandle } from '../hooks/useStatus';
import { isWpMailSmtpLoaded, withCheck } from '../status';
import { goToLabel, nextStepFor } from '../steps';
import type { CheckResult, Status, StepId } from '../types';
import RequestError from './RequestError';
import VerdictNotice from './VerdictNotice';

export interface DiagnoseStepProps {
	status: StatusHandle;
	onGoTo: ( step: StepId ) => void;
}

/** Reminders start this many days before the expiry date (product.md). */
const EXPIRY_WARNING_DAYS = 7;

/** The line that makes MailerSend WP Mail SMTP's mailer in wp-config.php. */
const MAILER_DEFINE = "define( 'WPMS_MAILER', 'mailersend' );";

function WpMailSmtpFact( { info }: { info: Status[ 'wp_mail_smtp' ] } ) {
	const edition = info.pro ? 'WP Mail SMTP Pro' : 'WP Mail SMTP Lite';
	switch ( info.state ) {
		case 'active':
			return (
				<>
					{ sprintf(
						/* translators: 1: "WP Mail SMTP Lite" or "WP Mail SMTP Pro", 2: version number. */
						__( '%1$s %2$s, active', 'fix-mailersend' ),
						edition,
						info.version ?? ''
					) }
				</>
			);
		case 'inactive':
			return <>{ __( 'Installed but not active', 'fix-mailersend' ) }</>;
		case 'missing':
			return <>{ __( 'Not installed', 'fix-mailersend' ) }</>;
		case 'too_old':
			return (
				<>
					{ sprintf(
						/* translators: 1: installed version, 2: minimum version. */
						__(
							'Version %1$s: too old, Fix MailerSend needs %2$s or newer',
							'fix-mailersend'
						),
						info.version ?? '?',
						info.min_version
					) }
				</>
			);
	}
}

function MailerFact( { mailer }: { mailer: Status[ 'mailer' ] } ) {
	return (
		<>
			{ mailerName( mailer.slug ) }
			{ mailer.from_constant && (
				<>
					<br />
					<span className="fms-muted">
						{ createInterpolateElement(
							__(
								'Set by the <code>WPMS_MAILER</code> constant in wp-config.php',
								'fix-mailersend'
							),
							{ code: <code /> }
						) }
					</span>
				</>
			) }
		</>
	);
}

/**
 * "Expires on 1 Dec 2026 (in 3 days)", from the date the user entered when saving.
 *
 * @param props
 * @param props.expiresAt YYYY-MM-DD.
 */
function ExpiryText( { expiresAt }: { expiresAt: string } ) {
	const days = daysUntil( expiresAt );
	if ( days === null ) {
		return null;
	}
	const date = formatDate( expiresAt );
	if ( days < 0 ) {
		return (
			<strong className="fms-expiry-text is-past">
				{ sprintf(
					/* translators: %s: date such as Dec 1, 2026. */
					__( 'Expired on %s', 'fix-mailersend' ),
					date
				) }
			</strong>
		);
	}
	const when =
		days === 0
			? __( 'today', 'fix-mailersend' )
			: sprintf(
					/* translators: %d: number of days. */
					_n( 'in %d day', 'in %d days', days, 'fix-mailersend' ),
					days
				);
	const text = sprintf(
		/* translators: 1: date such as Dec 1, 2026, 2: "today" or "in 3 days". */
		__( 'Expires on %1$s (%2$s)', 'fix-mailersend' ),
		date,
		when
	);
	return days <= EXPIRY_WARNING_DAYS ? (
		<strong className="fms-expiry-text is-soon">{ text }</strong>
	) : (
		<span className="fms-expiry-text">{ text }</span>
	);
}

function TokenFact( { token }: { token: Status[ 'token' ] } ) {
	if ( token.source === 'none' || ! token.masked ) {
		return <>{ __( 'None', 'fix-mailersend' ) }</>;
	}
	return (
		<>
			<code className="fms-masked" dir="ltr">
				{ token.masked }
			</code>{ ' ' }
			{ token.source === 'constant'
				? sprintf(
						/* translators: %s: constant name, WPMS_MAILERSEND_API_KEY. */
						__(
							'(from the %s constant in wp-config.php)',
							'fix-mailersend'
						),
						token.constant
					)
				: __( '(saved in WP Mail SMTP’s settings)', 'fix-mailersend' ) }
			{ token.expires_at && (
				<>
					<br />
					<ExpiryText expiresAt={ token.expires_at } />
				</>
			) }
		</>
	);
}

function LastFailureFact( { failure }: { failure: Status[ 'last_failure' ] } ) {
	if ( ! failure ) {
		return <>{ __( 'None recorded', 'fix-mailersend' ) }</>;
	}
	let history: string | null = null;
	if ( failure.resolved ) {
		history = __( 'Resolved: a later email went out.', 'fix-mailersend' );
	} else if ( failure.current_token === false ) {
		history = __(
			'Sent with a token that has since been replaced.',
			'fix-mailersend'
		);
	}
	return (
		<div className={ history ? 'fms-history' : undefined }>
			{ history && (
				<>
					<strong>{ history }</strong>
					<br />
				</>
			) }
			<span className="fms-fact__when">
				{ failure.at
					? formatDateTime( failure.at )
					: __(
							'Time unknown (recorded by WP Mail SMTP)',
							'fix-mailersend'
						) }
			</span>
			<br />
			{ failure.message ? (
				<q>{ failure.message }</q>
			) : (
				__(
					'No message: the request did not reach MailerSend.',
					'fix-mailersend'
				)
			) }
			{ failure.ms_code && (
				<>
					<br />
					{ sprintf(
						/* translators: %s: MailerSend error code such as MS42207. */
						__( 'MailerSend code: %s', 'fix-mailersend' ),
						failure.ms_code
					) }
				</>
			) }
			{ failure.http_status ? (
				<>
					<br />
					{ sprintf(
						/* translators: %d: HTTP status code. */
						__( 'HTTP status: %d', 'fix-mailersend' ),
						failure.http_status
					) }
				</>
			) : null }
		</div>
	);
}

function LastCheckFact( { check }: { check: Status[ 'last_check' ] } ) {
	if ( ! check ) {
		return <>{ __( 'Never', 'fix-mailersend' ) }</>;
	}
	return (
		<div className={ check.current ? undefined : 'fms-history' }>
			<span className="fms-fact__when">
				{ formatDateTime( check.at ) }
			</span>
			<br />
			{ check.verdict.title }
			{ ! check.current && (
				<>
					<br />
					{ __(
						'This checked a token that has since been replaced.',
						'fix-mailersend'
					) }
				</>
			) }
		</div>
	);
}

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
function WpMailSmtpGuidance( { status }: { status: Status } ) {
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
					'This version of WP Mail SMTP is too old for Fix MailerSend. Update it to version %s or newer, then come back here.',
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
			<Button
				variant={
					primary && ! status.mailer.from_constant
						? 'primary'
						: 'secondary'
				}
				onClick={ () => onGoTo( 'paste' ) }
				__next40pxDefaultSize
			>
				{ goToLabel( 'paste' ) }
			</Button>
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
function MailerGuidance( {
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
function HeadlineActions( {
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
			return (
				<Button
					variant="secondary"
					onClick={ () => onGoTo( 'paste' ) }
					__next40pxDefaultSize
				>
					{ goToLabel( 'paste' ) }
				</Button>
			);
	}
	const next = nextStepFor( headline.id );
	if ( ! next || ! isWpMailSmtpLoaded( status ) ) {
		return null;
	}
	return (
		<Button
			variant="primary"
			onClick={ () => onGoTo( next ) }
			__next40pxDefaultSize
		>
			{ goToLabel( next ) }
		</Button>
	);
}

/**
 * A reminder when the saved token expires within a week, or has expired.
 *
 * @param props
 * @param props.status
 * @param props.onGoTo
 */
function ExpiryNotice( {
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
			{ nextStepFor( status.headline.id ) !== 'new-token' && (
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

function Facts( { status }: { status: Status } ) {
	return (
		<dl className="fms-facts fms-facts--main">
			<div className="fms-facts__row">
				<dt>{ __( 'WP Mail SMTP', 'fix-mailersend' ) }</dt>
				<dd>
					<WpMailSmtpFact info={ status.wp_mail_smtp } />
				</dd>
			</div>
			<div className="fms-facts__row">
				<dt>{ __( 'Mailer', 'fix-mailersend' ) }</dt>
				<dd>
					<MailerFact mailer={ status.mailer } />
				</dd>
			</div>
			<div className="fms-facts__row">
				<dt>{ __( 'API token', 'fix-mailersend' ) }</dt>
				<dd>
					<TokenFact token={ status.token } />
				</dd>
			</div>
			<div className="fms-facts__row">
				<dt>{ __( 'Last failed email', 'fix-mailersend' ) }</dt>
				<dd>
					<LastFailureFact failure={ status.last_failure } />
				</dd>
			</div>
			<div className="fms-facts__row">
				<dt>{ __( 'Last token check', 'fix-mailersend' ) }</dt>
				<dd>
					<LastCheckFact check={ status.last_check } />
				</dd>
			</div>
			<div className="fms-facts__row">
				<dt>{ __( 'From address', 'fix-mailersend' ) }</dt>
				<dd>
					{ status.from.email ? (
						<>
							<span dir="ltr">{ status.from.email }</span>
							{ status.from.domain && (
								<>
									<br />
									{ sprintf(
										/* translators: %s: domain name such as example.com. */
										__(
											'Sending domain: %s',
											'fix-mailersend'
										),
										status.from.domain
									) }
								</>
							) }
						</>
					) : (
						__( 'Not set', 'fix-mailersend' )
					) }
				</dd>
			</div>
		</dl>
	);
}

export default function DiagnoseStep( { status, onGoTo }: DiagnoseStepProps ) {
	const { api, boot } = useAppContext();
	const recheckSaved = useCallback( () => api.checkToken( {} ), [ api ] );
	const recheck = useAsyncAction< [], CheckResult >( recheckSaved );
	const { update } = status;

	const onRecheck = async () => {
		const result = await recheck.run();
		if ( result ) {
			update( ( current ) => withCheck( current, result.verdict ) );
		}
	};

	if ( status.state.status === 'loading' ) {
		return (
			<div className="fms-loading" role="status">
				<Spinner />
				<span>
					{ __(
						'Looking at WP Mail SMTP and your MailerSend token…',
						'fix-mailersend'
					) }
				</span>
			</div>
		);
	}

	if ( status.state.status === 'error' ) {
		return (
			<RequestError
				what={ __( 'Could not load the diagnosis.', 'fix-mailersend' ) }
				error={ status.state.error }
				onRetry={ status.reload }
			/>
		);
	}

	const { value, refreshing } = status.state;
	const canRecheck =
		isWpMailSmtpLoaded( value ) && value.token.source !== 'none';
	const rechecked =
		recheck.state.status === 'success' ? recheck.state.value.verdict : null;
	// The re-check leads the diagnosis now, unless a state of the site does.
	const inHeadline = rechecked !== null && value.headline === rechecked;
	const recheckNext =
		rechecked && ! inHeadline ? nextStepFor( rechecked.id ) : null;

	return (
		<div className="fms-diagnose">
			{ refreshing && (
				<p className="fms-loading" role="status">
					<Spinner />
					<span>{ __( 'Refreshing…', 'fix-mailersend' ) }</span>
				</p>
			) }

			<VerdictNotice verdict={ value.headline } className="fms-headline">
				<HeadlineActions
					status={ value }
					onGoTo={ onGoTo }
					settingsUrl={ boot.links.wpMailSmtpSettings }
				/>
			</VerdictNotice>

			<WpMailSmtpGuidance status={ value } />
			<MailerGuidance
				status={ value }
				onGoTo={ onGoTo }
				settingsUrl={ boot.links.wpMailSmtpSettings }
			/>
			<ExpiryNotice status={ value } onGoTo={ onGoTo } />

			<h3>{ __( 'What Fix MailerSend found', 'fix-mailersend' ) }</h3>
			<Facts status={ value } />

			<h3>{ __( 'Re-check the saved token', 'fix-mailersend' ) }</h3>
			<p>
				{ canRecheck &&
					__(
						'Asks MailerSend whether the token on file still works. No email is sent.',
						'fix-mailersend'
					) }
				{ ! canRecheck &&
					( isWpMailSmtpLoaded( value )
						? __(
								'There is no saved token to check yet.',
								'fix-mailersend'
							)
						: __(
								'WP Mail SMTP is not running, so there is no saved token to check.',
								'fix-mailersend'
							) ) }
			</p>
			<Button
				variant={
					value.headline.id === 'not_checked'
						? 'primary'
						: 'secondary'
				}
				onClick={ onRecheck }
				isBusy={ recheck.state.status === 'pending' }
				disabled={ ! canRecheck || recheck.state.status === 'pending' }
				accessibleWhenDisabled
				__next40pxDefaultSize
			>
				{ recheck.state.status === 'pending'
					? __( 'Checking…', 'fix-mailersend' )
					: __( 'Re-check saved token', 'fix-mailersend' ) }
			</Button>

			{ rechecked && inHeadline && (
				<p className="fms-recheck-done">
					{ sprintf(
						/* translators: %s: verdict title such as "The token works". */
						__(
							'Checked just now: “%s”. The diagnosis at the top of this step shows the details.',
							'fix-mailersend'
						),
						rechecked.title
					) }
				</p>
			) }
			{ rechecked && ! inHeadline && (
				<VerdictNotice verdict={ rechecked }>
					{ recheckNext && (
						<Button
							variant="secondary"
							onClick={ () => onGoTo( recheckNext ) }
							__next40pxDefaultSize
						>
							{ goToLabel( recheckNext ) }
						</Button>
					) }
				</VerdictNotice>
			) }
			{ recheck.state.status === 'error' && (
				<RequestError
					what={ __(
						'Could not re-check the saved token.',
						'fix-mailersend'
					) }
					error={ recheck.state.error }
					onRetry={ onRecheck }
				/>
			) }
		</div>
	);
}
