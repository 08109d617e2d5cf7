/**
 * One verdict: severity → Notice status; title, explanation, next steps, and the
 * evidence folded in a <details>. Never dismissible. Announced through the Notice
 * (speak()) with its title and explanation only.
 *
 * Evidence keys the screen knows get a label and a readable value; any other key is
 * shown as sent. Internal flags of the diagnosis (`token_accepted`, `deep_checked`…)
 * are left out: the title and explanation already say what they mean.
 */
import { ExternalLink, Notice } from '@wordpress/components';
import { __, _n, sprintf } from '@wordpress/i18n';
import type { ReactNode } from 'react';

import { formatDateTime, mailerName } from '../format';
import type { Evidence, EvidenceValue, Severity, Verdict } from '../types';

const SEVERITIES: readonly Severity[] = [
	'success',
	'info',
	'warning',
	'error',
];

/** Internal booleans of the diagnosis; their meaning is in the verdict's text. */
const HIDDEN_EVIDENCE: readonly string[] = [
	'token_accepted',
	'deep_checked',
	'domains_checked',
	'can_send',
	// Shown with quota_reset.
	'quota_reset_estimated',
];

function evidenceLabel( key: string ): string {
	switch ( key ) {
		case 'source':
			return __( 'Reported by', 'fix-mailersend' );
		case 'reason':
			return __( 'Cause', 'fix-mailersend' );
		case 'token_length':
			return __( 'Length', 'fix-mailersend' );
		case 'timeout':
			return __( 'Time limit', 'fix-mailersend' );
		case 'step':
			return __( 'Ran out of time at', 'fix-mailersend' );
		case 'deadline':
			return __( 'Time allowed in all', 'fix-mailersend' );
		case 'raw_body':
			return __( 'MailerSend’s raw answer', 'fix-mailersend' );
		case 'content_type':
			return __( 'Content type', 'fix-mailersend' );
		case 'errors':
			return __( 'Errors per field', 'fix-mailersend' );
		case 'matched_domain':
			return __( 'Matching verified domain', 'fix-mailersend' );
		case 'suppressed':
			return __( 'Suppressed', 'fix-mailersend' );
		case 'suppressed_recipients':
			return __( 'Suppressed recipients', 'fix-mailersend' );
		case 'probe_status':
			return __( 'Sending check (HTTP status)', 'fix-mailersend' );
		case 'deep_skipped':
			return __( 'Sending check skipped', 'fix-mailersend' );
		case 'quota_status':
			return __( 'Quota request (HTTP status)', 'fix-mailersend' );
		case 'quota_ms_code':
			return __( 'Quota request (MailerSend code)', 'fix-mailersend' );
		case 'wp_mail_smtp_state':
			return __( 'WP Mail SMTP status', 'fix-mailersend' );
		case 'wp_mail_smtp_version':
			return __( 'WP Mail SMTP version', 'fix-mailersend' );
		case 'mailer':
			return __( 'Active mailer', 'fix-mailersend' );
		case 'verdict_id':
			return __( 'Verdict id from the server', 'fix-mailersend' );
		case 'http_status':
			return __( 'HTTP status', 'fix-mailersend' );
		case 'ms_code':
			return __( 'MailerSend code', 'fix-mailersend' );
		case 'message':
			return __( 'MailerSend’s message', 'fix-mailersend' );
		case 'endpoint':
			return __( 'Request', 'fix-mailersend' );
		case 'retry_after':
			return __( 'Retry after', 'fix-mailersend' );
		case 'quota_limit':
			return __( 'Daily request quota', 'fix-mailersend' );
		case 'quota_remaining':
			return __( 'Requests left today', 'fix-mailersend' );
		case 'quota_reset':
			return __( 'Quota resets', 'fix-mailersend' );
		case 'from_domain':
			return __( 'From domain', 'fix-mailersend' );
		case 'verified_domains':
			return __( 'Verified domains in this account', 'fix-mailersend' );
		case 'message_id':
			return __( 'Message ID', 'fix-mailersend' );
		case 'error_code':
			return __( 'Error code', 'fix-mailersend' );
		case 'token':
			return __( 'Token', 'fix-mailersend' );
		default:
			return key;
	}
}

function reasonText( reason: string ): string {
	switch ( reason ) {
		case 'ellipsis':
			return __( 'Contains “…” or three dots', 'fix-mailersend' );
		case 'too_short':
			return __( 'Too short', 'fix-mailersend' );
		case 'too_long':
			return __( 'Too long', 'fix-mailersend' );
		case 'characters':
			return __(
				'Characters other than letters and digits',
				'fix-mailersend'
			);
		case 'prefix':
			return __( 'Does not start with mlsn.', 'fix-mailersend' );
		case 'timeout':
			return __( 'Timed out', 'fix-mailersend' );
		case 'dns':
			return __( 'Host name not found (DNS)', 'fix-mailersend' );
		case 'refused':
			return __( 'Connection refused', 'fix-mailersend' );
		case 'reset':
			return __( 'Connection reset', 'fix-mailersend' );
		case 'tls':
			return __( 'Secure connection (TLS) failed', 'fix-mailersend' );
		case 'deadline':
			return __( 'MailerSend took too long', 'fix-mailersend' );
		default:
			return reason;
	}
}

/**
 * The step of an action that ran out of time, in words.
 *
 * @param step Evidence `step`: quota, send_probe, domains or test_email.
 */
function stepText( step: string ): string {
	switch ( step ) {
		case 'quota':
			return __( 'The token check', 'fix-mailersend' );
		case 'send_probe':
			return __( 'The sending check', 'fix-mailersend' );
		case 'domains':
			return __( 'The list of verified domains', 'fix-mailersend' );
		case 'test_email':
			return __( 'The test email', 'fix-mailersend' );
		default:
			return step;
	}
}

function wpMailSmtpStateText( state: string ): string {
	switch ( state ) {
		case 'missing':
			return __( 'Not installed', 'fix-mailersend' );
		case 'inactive':
			return __( 'Installed but not active', 'fix-mailersend' );
		case 'too_old':
			return __( 'Too old', 'fix-mailersend' );
		case 'active':
			return __( 'Active', 'fix-mailersend' );
		default:
			return state;
	}
}

function evidenceValue(
	key: string,
	value: EvidenceValue,
	evidence: Evidence
): ReactNode {
	if ( typeof value === 'boolean' ) {
		return value
			? __( 'Yes', 'fix-mailersend' )
			: __( 'No', 'fix-mailersend' );
	}
	if (
		( key === 'retry_after' || key === 'timeout' || key === 'deadline' ) &&
		typeof value === 'number'
	) {
		return sprintf(
			/* translators: %s: number of seconds (may have decimals). */
			_n( '%s second', '%s seconds', value, 'fix-mailersend' ),
			String( value )
		);
	}
	if ( key === 'token_length' && typeof value === 'number' ) {
		return sprintf(
			/* translators: %d: number of characters. */
			_n( '%d character', '%d characters', value, 'fix-mailersend' ),
			value
		);
	}
	if ( key === 'quota_reset' && typeof value === 'string' ) {
		return evidence.quota_reset_estimated === true
			? sprintf(
					/* translators: %s: date and time. */
					__( '%s (estimated)', 'fix-mailersend' ),
					formatDateTime( value )
				)
			: formatDateTime( value );
	}
	if ( typeof value !== 'string' ) {
		return String( value );
	}
	switch ( key ) {
		case 'reason':
			return reasonText( value );
		case 'step':
			return stepText( value );
		case 'source':
			return value === 'wp_mail_smtp' ? 'WP Mail SMTP' : value;
		case 'suppressed':
			return value === 'all'
				? __( 'All recipients', 'fix-mailersend' )
				: __( 'Some recipients', 'fix-mailersend' );
		case 'deep_skipped':
			return value === 'no_from_email'
				? __( 'No From address is set', 'fix-mailersend' )
				: value;
		case 'wp_mail_smtp_state':
			return wpMailSmtpStateText( value );
		case 'mailer':
			return mailerName( value );
		case 'raw_body':
			return (
				<pre className="fms-verdict__raw" dir="ltr">
					<code>{ value }</code>
				</pre>
			);
		case 'token':
		case 'endpoint':
		case 'message_id':
		case 'ms_code':
		case 'quota_ms_code':
			return <code dir="ltr">{ value }</code>;
		default:
			return value;
	}
}

/** An https address in a step ("Create a new API token in MailerSend (https://…)"). */
const URL_IN_TEXT = /(https:\/\/[^\s()<>"]+[^\s()<>".,;:!?'])/;

/**
 * A step's text with its https addresses as links (opening in a new tab, as the
 * screen's other links to MailerSend).
 *
 * @param text A step from the server.
 */
function withLinks( text: string ): ReactNode {
	const parts = text.split( URL_IN_TEXT );
	if ( parts.length === 1 ) {
		return text;
	}
	return parts.map( ( part, index ) =>
		// split() with a capturing group puts the addresses at the odd indexes.
		index % 2 === 1 ? (
			<ExternalLink key={ index } href={ part }>
				{ part }
			</ExternalLink>
		) : (
			part
		)
	);
}

export interface VerdictNoticeProps {
	verdict: Verdict;
	/** Actions shown under the steps (buttons to the next step…). */
	children?: ReactNode;
	className?: string;
}

export default function VerdictNotice( {
	verdict,
	children,
	className,
}: VerdictNoticeProps ) {
	const status = SEVERITIES.includes( verdict.severity )
		? verdict.severity
		: 'info';
	const steps = Array.isArray( verdict.steps ) ? verdict.steps : [];
	const all: Evidence =
		verdict.evidence && ! Array.isArray( verdict.evidence )
			? verdict.evidence
			: {};
	const evidence = Object.entries( all ).filter(
		( entry ): entry is [ string, EvidenceValue ] =>
			entry[ 1 ] !== null &&
			entry[ 1 ] !== undefined &&
			entry[ 1 ] !== '' &&
			! HIDDEN_EVIDENCE.includes( entry[ 0 ] )
	);

	return (
		<Notice
			status={ status }
			isDismissible={ false }
			spokenMessage={ [ verdict.title, verdict.explanation ]
				.filter( Boolean )
				.join( ' ' ) }
			className={ [ 'fms-verdict', className ]
				.filter( Boolean )
				.join( ' ' ) }
		>
			<p className="fms-verdict__title">
				<strong>{ verdict.title }</strong>
			</p>
			{ verdict.explanation && <p>{ verdict.explanation }</p> }
			{ steps.length > 0 && (
				<ol
					className="fms-verdict__steps"
					aria-label={ __( 'What to do', 'fix-mailersend' ) }
				>
					{ steps.map( ( step, index ) => (
						<li key={ index }>{ withLinks( step ) }</li>
					) ) }
				</ol>
			) }
			<details className="fms-verdict__evidence">
				<summary>
					{ __( 'Technical details', 'fix-mailersend' ) }
				</summary>
				<dl className="fms-facts">
					<div className="fms-facts__row">
						<dt>{ __( 'Verdict', 'fix-mailersend' ) }</dt>
						<dd>
							<code>{ verdict.id }</code>
						</dd>
					</div>
					{ evidence.map( ( [ key, value ] ) => (
						<div key={ key } className="fms-facts__row">
							<dt>{ evidenceLabel( key ) }</dt>
							<dd>{ evidenceValue( key, value, all ) }</dd>
						</div>
					) ) }
				</dl>
			</details>
			{ children && (
				<div className="fms-verdict__actions">{ children }</div>
			) }
		</Notice>
	);
}
