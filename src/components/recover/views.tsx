/**
 * The Recover step's views: the search, the list of held emails with their checkboxes, the
 * pages, a preview (plain text, never HTML), the resend progress, the confirmations and the
 * holding switch. The flow is useRecoverFlow().
 */
import {
	Button,
	CheckboxControl,
	Modal,
	Notice,
	ProgressBar,
	SearchControl,
	Spinner,
	TextControl,
	ToggleControl,
} from '@wordpress/components';
import { __, _n, sprintf } from '@wordpress/i18n';

import { formatDateTime } from '../../format';
import type { RecoverFlow, RowOutcome } from '../../hooks/useRecoverFlow';
import type { HeldDetail, HeldItem } from '../../types';
import RequestError from '../RequestError';
import VerdictNotice from '../VerdictNotice';

interface ViewProps {
	flow: RecoverFlow;
}

/**
 * The advice for an email whose body was not kept.
 *
 * @param item The email.
 */
export function keptText( item: Pick< HeldItem, 'kind' > ): string | null {
	switch ( item.kind ) {
		case 'link':
			return __(
				'It carried a password-reset or login link, so only who, when and subject were kept: ask the person to request a new link.',
				'fix-mailersend'
			);
		case 'too_large':
			return __(
				'It was too large to keep, so only who, when and subject were kept: ask the sender to send it again.',
				'fix-mailersend'
			);
		default:
			return null;
	}
}

/**
 * Where a row stands: how it ended in this session, else what the server says.
 *
 * @param props
 * @param props.item      The email.
 * @param props.outcome   How it ended here, if it did.
 * @param props.onDiscard
 */
function RowState( {
	item,
	outcome,
	onDiscard,
}: {
	item: HeldItem;
	outcome: RowOutcome | null;
	/** Discards this email (one that cannot be resent). */
	onDiscard: () => void;
} ) {
	if (
		outcome?.status === 'sent' ||
		( ! outcome && item.status === 'sent' )
	) {
		const id = outcome ? outcome.resultId : item.result_id;
		return (
			<span className="fms-held__state is-sent">
				{ __( 'Sent', 'fix-mailersend' ) }
				{ id && (
					<>
						<br />
						<span className="fms-muted">
							{ sprintf(
								/* translators: %s: MailerSend message id. */
								__( 'Message ID: %s', 'fix-mailersend' ),
								id
							) }
						</span>
					</>
				) }
			</span>
		);
	}
	if (
		outcome?.status === 'failed' ||
		( ! outcome && item.status === 'failed' )
	) {
		const cause = outcome ? outcome.cause : item.result_title;
		return (
			<span className="fms-held__state is-failed">
				{ cause
					? sprintf(
							/* translators: %s: the cause, such as "MailerSend does not recognise this token". */
							__( 'Failed: %s', 'fix-mailersend' ),
							cause
						)
					: __( 'Failed', 'fix-mailersend' ) }
			</span>
		);
	}
	if (
		outcome?.status === 'discarded' ||
		( ! outcome && item.status === 'discarded' )
	) {
		return (
			<span className="fms-held__state">
				{ __( 'Discarded', 'fix-mailersend' ) }
			</span>
		);
	}
	const kept = keptText( item );
	if ( kept ) {
		return (
			<span className="fms-held__state is-kept">
				<strong>{ __( 'Cannot be resent', 'fix-mailersend' ) }</strong>
				<br />
				{ kept }
				<br />
				<Button
					variant="link"
					isDestructive
					onClick={ onDiscard }
					aria-label={ sprintf(
						/* translators: %s: email subject. */
						__( 'Discard “%s”', 'fix-mailersend' ),
						item.subject
					) }
				>
					{ __( 'Discard', 'fix-mailersend' ) }
				</Button>
			</span>
		);
	}
	if ( item.status === 'queued' || item.status === 'sending' ) {
		return (
			<span className="fms-held__state">
				{ item.status === 'queued'
					? __( 'Waiting to be sent', 'fix-mailersend' )
					: __( 'Being sent', 'fix-mailersend' ) }
			</span>
		);
	}
	return (
		<span className="fms-held__state">
			{ item.repeat
				? __(
						'Held. Repeats an earlier email to the same people: not selected.',
						'fix-mailersend'
					)
				: __( 'Held', 'fix-mailersend' ) }
		</span>
	);
}

export function HeldSearch( { flow }: ViewProps ) {
	return (
		<form
			className="fms-held__search"
			role="search"
			onSubmit={ flow.onSearch }
		>
			<SearchControl
				label={ __( 'Search held emails', 'fix-mailersend' ) }
				placeholder={ __(
					'Recipient, subject, sender or plugin',
					'fix-mailersend'
				) }
				value={ flow.search }
				onChange={ flow.setSearch }
				__nextHasNoMarginBottom
			/>
			<TextControl
				label={ __(
					'Failed on or before (optional)',
					'fix-mailersend'
				) }
				type="date"
				value={ flow.before }
				onChange={ flow.setBefore }
				__next40pxDefaultSize
				__nextHasNoMarginBottom
			/>
			<Button variant="secondary" type="submit" __next40pxDefaultSize>
				{ __( 'Search', 'fix-mailersend' ) }
			</Button>
		</form>
	);
}

export function HeldTable( { flow }: ViewProps ) {
	const { items } = flow;
	return (
		<div className="fms-held__scroll">
			<table className="fms-held widefat striped">
				<caption className="screen-reader-text">
					{ __( 'Held emails', 'fix-mailersend' ) }
				</caption>
				<thead>
					<tr>
						<th scope="col" className="fms-held__check">
							<span className="screen-reader-text">
								{ __( 'Selected', 'fix-mailersend' ) }
							</span>
						</th>
						<th scope="col">
							{ __( 'Failed at', 'fix-mailersend' ) }
						</th>
						<th scope="col">{ __( 'Email', 'fix-mailersend' ) }</th>
						<th scope="col">{ __( 'State', 'fix-mailersend' ) }</th>
					</tr>
				</thead>
				<tbody>
					{ items.map( ( item ) => {
						const subject =
							item.subject ||
							__( '(no subject)', 'fix-mailersend' );
						return (
							<tr key={ item.id }>
								<td className="fms-held__check">
									{ flow.selectable( item ) ? (
										<CheckboxControl
											checked={ flow.isSelected( item ) }
											onChange={ ( on ) =>
												flow.toggle( item, on )
											}
											disabled={ flow.running }
											aria-label={ sprintf(
												/* translators: %s: email subject. */
												__(
													'Resend “%s”',
													'fix-mailersend'
												),
												subject
											) }
											__nextHasNoMarginBottom
										/>
									) : null }
								</td>
								<td>{ formatDateTime( item.created_at ) }</td>
								<td className="fms-held__email">
									<Button
										variant="link"
										onClick={ () =>
											flow.openPreview( item )
										}
										aria-haspopup="dialog"
									>
										{ subject }
									</Button>
									{ item.attachments > 0 && (
										<span className="fms-muted">
											{ ' ' }
											{ sprintf(
												/* translators: %d: number of attachments. */
												_n(
													'(%d attachment)',
													'(%d attachments)',
													item.attachments,
													'fix-mailersend'
												),
												item.attachments
											) }
										</span>
									) }
									<br />
									{ __( 'To:', 'fix-mailersend' ) }{ ' ' }
									<span dir="ltr" className="fms-held__to">
										{ item.to.join( ', ' ) }
									</span>
									{ ( item.sender || item.initiator ) && (
										<>
											<br />
											<span className="fms-muted">
												{ __(
													'From:',
													'fix-mailersend'
												) }{ ' ' }
												{ item.sender && (
													<span dir="ltr">
														{ item.sender }
													</span>
												) }
												{ item.sender &&
													item.initiator &&
													' · ' }
												{ item.initiator && (
													<span>
														{ item.initiator }
													</span>
												) }
											</span>
										</>
									) }
								</td>
								<td>
									<RowState
										item={ item }
										outcome={ flow.outcome( item ) }
										onDiscard={ () =>
											flow.ask( 'discard-one', item )
										}
									/>
								</td>
							</tr>
						);
					} ) }
				</tbody>
			</table>
		</div>
	);
}

// WordPress/Gmail's "select all": once every email of a page is selected, all the emails
// that can be resent on every page (the server's count), then "Clear selection".
export function SelectAllNotice( { flow }: ViewProps ) {
	const { allSelected, pageSelected, sendableTotal } = flow;
	if ( flow.running || ( ! allSelected && ! pageSelected ) ) {
		return null;
	}
	const onPage = flow.items.filter( flow.isSelected ).length;
	if ( ! allSelected && sendableTotal <= onPage ) {
		// This page holds every email "all" would add: nothing more to offer.
		return null;
	}
	return (
		<p className="fms-held__select-all" role="status">
			{ allSelected
				? sprintf(
						/* translators: %d: number of emails. */
						_n(
							'The %d email that can be resent is selected.',
							'All %d emails that can be resent are selected.',
							sendableTotal,
							'fix-mailersend'
						),
						sendableTotal
					)
				: sprintf(
						/* translators: %d: number of emails. */
						_n(
							'The %d email on this page is selected.',
							'All %d emails on this page are selected.',
							onPage,
							'fix-mailersend'
						),
						onPage
					) }{ ' ' }
			{ allSelected ? (
				<Button variant="link" onClick={ flow.clearSelection }>
					{ __( 'Clear selection', 'fix-mailersend' ) }
				</Button>
			) : (
				<Button variant="link" onClick={ flow.selectAll }>
					{ sprintf(
						/* translators: %d: number of emails. */
						_n(
							'Select the %d email that can be resent',
							'Select all %d emails that can be resent',
							sendableTotal,
							'fix-mailersend'
						),
						sendableTotal
					) }
				</Button>
			) }
		</p>
	);
}

export function HeldPages( { flow }: ViewProps ) {
	const { page, totalPages, total } = flow;
	return (
		<nav
			className="fms-held__pages"
			aria-label={ __( 'Pages of held emails', 'fix-mailersend' ) }
		>
			<span>
				{ sprintf(
					/* translators: %d: number of emails. */
					_n( '%d email', '%d emails', total, 'fix-mailersend' ),
					total
				) }
			</span>
			{ totalPages > 1 && (
				<>
					<Button
						variant="secondary"
						disabled={ page <= 1 }
						accessibleWhenDisabled
						onClick={ () => flow.setPage( page - 1 ) }
						__next40pxDefaultSize
					>
						{ __( 'Previous page', 'fix-mailersend' ) }
					</Button>
					<span>
						{ sprintf(
							/* translators: 1: page number, 2: number of pages. */
							__( 'Page %1$d of %2$d', 'fix-mailersend' ),
							page,
							totalPages
						) }
					</span>
					<Button
						variant="secondary"
						disabled={ page >= totalPages }
						accessibleWhenDisabled
						onClick={ () => flow.setPage( page + 1 ) }
						__next40pxDefaultSize
					>
						{ __( 'Next page', 'fix-mailersend' ) }
					</Button>
				</>
			) }
		</nav>
	);
}

function Addresses( { label, list }: { label: string; list: string[] } ) {
	if ( list.length === 0 ) {
		return null;
	}
	return (
		<div className="fms-facts__row">
			<dt>{ label }</dt>
			<dd dir="ltr">{ list.join( ', ' ) }</dd>
		</div>
	);
}

function PreviewBody( { detail }: { detail: HeldDetail } ) {
	const { preview } = detail;
	const advice = detail.advice || keptText( detail );
	return (
		<>
			<dl className="fms-facts">
				<Addresses
					label={ __( 'From', 'fix-mailersend' ) }
					list={ preview.from ? [ preview.from ] : [] }
				/>
				<Addresses
					label={ __( 'To', 'fix-mailersend' ) }
					list={ preview.to }
				/>
				<Addresses label="Cc" list={ preview.cc } />
				<Addresses label="Bcc" list={ preview.bcc } />
				<Addresses
					label={ __( 'Reply to', 'fix-mailersend' ) }
					list={ preview.reply_to }
				/>
				<Addresses
					label={ __( 'Attachments', 'fix-mailersend' ) }
					list={ preview.attachments.map( ( file ) => file.name ) }
				/>
			</dl>
			{ preview.text !== null ? (
				// Plain text from the server, shown as text: React escapes it, nothing is parsed.
				<pre className="fms-held__text">{ preview.text }</pre>
			) : (
				advice && (
					<Notice status="info" isDismissible={ false }>
						{ advice }
					</Notice>
				)
			) }
		</>
	);
}

export function HeldPreview( { flow }: ViewProps ) {
	const { previewing, preview } = flow;
	if ( ! previewing ) {
		return null;
	}
	return (
		<Modal
			title={
				previewing.subject || __( '(no subject)', 'fix-mailersend' )
			}
			onRequestClose={ flow.closePreview }
			className="fms-held__preview"
			size="large"
		>
			{ preview.status === 'pending' && <Spinner /> }
			{ preview.status === 'error' && (
				<RequestError
					what={ __(
						'Could not load this email.',
						'fix-mailersend'
					) }
					error={ preview.error }
					onRetry={ () => flow.openPreview( previewing ) }
				/>
			) }
			{ preview.status === 'success' && (
				<PreviewBody detail={ preview.value } />
			) }
		</Modal>
	);
}

/**
 * The run: a progress bar while it sends, then what happened.
 *
 * @param props
 * @param props.flow
 */
export function ResendProgress( { flow }: ViewProps ) {
	const { run } = flow;
	if ( run.phase === 'idle' ) {
		return null;
	}
	const all = run.processed + run.left;
	const percent = all > 0 ? Math.round( ( run.processed / all ) * 100 ) : 0;
	const counted = sprintf(
		/* translators: 1: emails sent, 2: emails failed. */
		__( 'Sent: %1$d. Failed: %2$d.', 'fix-mailersend' ),
		run.sent,
		run.failed
	);
	let text: string;
	switch ( run.phase ) {
		case 'queuing':
			text = __( 'Getting ready to resend…', 'fix-mailersend' );
			break;
		case 'sending':
			text = sprintf(
				/* translators: 1: emails finished, 2: all emails of the run. */
				__( 'Resending: %1$d of %2$d done.', 'fix-mailersend' ),
				run.processed,
				all
			);
			break;
		case 'stopped':
			text = __(
				'Resending stopped: the emails left are held again.',
				'fix-mailersend'
			);
			break;
		case 'error':
			text = __( 'Resending was interrupted.', 'fix-mailersend' );
			break;
		default:
			text = run.gaveUp
				? __(
						'Another window is still resending the rest. Reload this page later to see how it ended.',
						'fix-mailersend'
					)
				: __( 'Resending finished.', 'fix-mailersend' );
	}
	const running = run.phase === 'queuing' || run.phase === 'sending';
	return (
		<div className="fms-held__progress">
			{ run.resumed && running && (
				<p>
					{ __(
						'Picking up the resend started earlier.',
						'fix-mailersend'
					) }
				</p>
			) }
			{ running && (
				<ProgressBar
					{ ...( run.phase === 'queuing' ? {} : { value: percent } ) }
					aria-label={ __( 'Resend progress', 'fix-mailersend' ) }
				/>
			) }
			<p role="status" aria-live="polite">
				{ text } { run.phase !== 'queuing' && counted }
			</p>
			{ run.stopped && <VerdictNotice verdict={ run.stopped } /> }
			{ run.error && (
				<RequestError
					what={ __( 'Could not resend.', 'fix-mailersend' ) }
					error={ run.error }
				/>
			) }
		</div>
	);
}

export function HoldingSwitch( { flow }: ViewProps ) {
	return (
		<ToggleControl
			label={ __(
				'Keep failed emails to resend them',
				'fix-mailersend'
			) }
			help={
				flow.holding
					? __(
							'On: an email that fails through MailerSend for a reason you can fix is kept here for 30 days, privately, so that it can be resent. Password-reset and login links are never kept.',
							'fix-mailersend'
						)
					: __( 'Off: failed emails are not kept.', 'fix-mailersend' )
			}
			checked={ flow.holding }
			disabled={ flow.busy }
			onChange={ flow.setHolding }
			__nextHasNoMarginBottom
		/>
	);
}

/**
 * What the last discard or switch did.
 *
 * @param props
 * @param props.flow
 */
export function RecoverMessageNotice( { flow }: ViewProps ) {
	const { message } = flow;
	if ( ! message ) {
		return null;
	}
	let text: string;
	switch ( message.kind ) {
		case 'discarded':
			text = sprintf(
				/* translators: %d: number of emails. */
				_n(
					'%d email discarded.',
					'%d emails discarded.',
					message.count,
					'fix-mailersend'
				),
				message.count
			);
			break;
		case 'deleted':
			text = sprintf(
				/* translators: %d: number of emails. */
				_n(
					'Failed emails are no longer kept. %d held email was deleted.',
					'Failed emails are no longer kept. %d held emails were deleted.',
					message.count,
					'fix-mailersend'
				),
				message.count
			);
			break;
		default:
			text = __(
				'Failed emails are kept again from now on.',
				'fix-mailersend'
			);
	}
	return (
		<Notice status="success" isDismissible={ false }>
			{ text }
		</Notice>
	);
}

export function Confirmations( { flow }: ViewProps ) {
	const { confirming } = flow;
	if ( ! confirming ) {
		return null;
	}
	let text: string;
	let button: string;
	switch ( confirming ) {
		case 'discard-selected':
			text = sprintf(
				/* translators: %d: number of emails. */
				_n(
					'Discard %d selected email? It will not be sent, and its content is deleted.',
					'Discard %d selected emails? They will not be sent, and their content is deleted.',
					flow.selectedIds.length,
					'fix-mailersend'
				),
				flow.selectedIds.length
			);
			button = __( 'Discard', 'fix-mailersend' );
			break;
		case 'discard-one':
			text = sprintf(
				/* translators: %s: email subject. */
				__(
					'Discard “%s”? What is kept of it is deleted.',
					'fix-mailersend'
				),
				flow.target?.subject ?? ''
			);
			button = __( 'Discard', 'fix-mailersend' );
			break;
		case 'discard-all':
			text = __(
				'Discard every held email? None of them will be sent, and their content is deleted.',
				'fix-mailersend'
			);
			button = __( 'Discard all', 'fix-mailersend' );
			break;
		default:
			text = __(
				'Stop keeping failed emails? Every email held now is deleted and cannot be resent.',
				'fix-mailersend'
			);
			button = __( 'Turn off and delete', 'fix-mailersend' );
	}
	// A Modal of our own: core's ConfirmDialog is still experimental.
	return (
		<Modal
			title={ __( 'Please confirm', 'fix-mailersend' ) }
			onRequestClose={ flow.cancel }
			size="small"
			className="fms-confirm"
		>
			<p>{ text }</p>
			<div className="fms-actions">
				<Button
					variant="tertiary"
					onClick={ flow.cancel }
					disabled={ flow.busy }
					__next40pxDefaultSize
				>
					{ __( 'Cancel', 'fix-mailersend' ) }
				</Button>
				<Button
					variant="primary"
					isDestructive
					onClick={ flow.confirm }
					isBusy={ flow.busy }
					disabled={ flow.busy }
					accessibleWhenDisabled
					__next40pxDefaultSize
				>
					{ button }
				</Button>
			</div>
		</Modal>
	);
}
