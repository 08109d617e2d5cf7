/**
 * What Fix MailerSend found, as a list of facts under the Diagnose step's headline: WP Mail
 * SMTP, the mailer, the token on file, the last failure, the last check, the From address.
 */
import { createInterpolateElement } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';

import {
	EXPIRY_WARNING_DAYS,
	daysUntil,
	formatDate,
	formatDateTime,
	mailerName,
} from '../format';
import type { Status } from '../types';
import type { ReactNode } from 'react';

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
					{ info.network_wide && (
						<>
							<br />
							<strong>
								{ __(
									'Network-wide settings: the token and mailer here are the whole network’s. Saving a token changes email for every site.',
									'fix-mailersend'
								) }
							</strong>
						</>
					) }
					{ info.pro && (
						<>
							<br />
							{ __(
								'WP Mail SMTP Pro can also send through backup and additional connections: Fix MailerSend checks and changes the MailerSend token of the primary connection only.',
								'fix-mailersend'
							) }
						</>
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
 * One row of the facts list.
 *
 * @param props          Props.
 * @param props.label    What the fact is about.
 * @param props.children The fact.
 */
function Fact( { label, children }: { label: string; children: ReactNode } ) {
	return (
		<div className="fms-facts__row">
			<dt>{ label }</dt>
			<dd>{ children }</dd>
		</div>
	);
}

export default function StatusFacts( { status }: { status: Status } ) {
	return (
		<dl className="fms-facts fms-facts--main">
			<Fact label={ __( 'WP Mail SMTP', 'fix-mailersend' ) }>
				<WpMailSmtpFact info={ status.wp_mail_smtp } />
			</Fact>
			<Fact label={ __( 'Mailer', 'fix-mailersend' ) }>
				<MailerFact mailer={ status.mailer } />
			</Fact>
			<Fact label={ __( 'API token', 'fix-mailersend' ) }>
				<TokenFact token={ status.token } />
			</Fact>
			<Fact label={ __( 'Last failed email', 'fix-mailersend' ) }>
				<LastFailureFact failure={ status.last_failure } />
			</Fact>
			<Fact label={ __( 'Last token check', 'fix-mailersend' ) }>
				<LastCheckFact check={ status.last_check } />
			</Fact>
			<Fact label={ __( 'From address', 'fix-mailersend' ) }>
				{ status.from.email ? (
					<>
						<span className="fms-nowrap" dir="ltr">
							{ status.from.email }
						</span>
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
			</Fact>
		</dl>
	);
}
