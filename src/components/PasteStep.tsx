/**
 * Step 3: paste a token, see the local verdict as you type (no request), ask
 * MailerSend with "Check token", then save it — or get the wp-config.php line when
 * the key comes from a constant.
 *
 * The local verdict is the server's (token.ts mirrors Token_Inspector.php), and a
 * paste the server would refuse as a parameter (not one line of printable ASCII, such
 * as a copy with "…") is never sent.
 */
import {
	Button,
	CheckboxControl,
	Notice,
	TextControl,
} from '@wordpress/components';
import {
	createInterpolateElement,
	useCallback,
	useEffect,
	useRef,
	useState,
} from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import { useAppContext } from '../context';
import { mailerName } from '../format';
import { useAsyncAction } from '../hooks/useAsyncAction';
import { isWpMailSmtpLoaded } from '../status';
import { goToLabel, isSavable, maySaveAnyway } from '../steps';
import {
	DEFINE_CONSTANT,
	inspectTokenDetail,
	isDefineLine,
	isSendable,
	maskToken,
	normaliseToken,
	type LocalVerdict,
} from '../token';
import type {
	CheckResult,
	SaveRequest,
	SaveResult,
	Status,
	StepId,
	Verdict,
} from '../types';
import DefineLine from './DefineLine';
import RequestError from './RequestError';
import VerdictNotice from './VerdictNotice';

export interface PasteStepProps {
	/** The diagnosis, when loaded (mailer, token source). */
	status: Status | null;
	/** The token was saved; `expiresAt` is the expiry date sent with it, or null. */
	onSaved: ( result: SaveResult, expiresAt: string | null ) => void;
	onGoTo: ( step: StepId ) => void;
}

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

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

/** The line that makes MailerSend WP Mail SMTP's mailer in wp-config.php. */
const MAILER_DEFINE = "define( 'WPMS_MAILER', 'mailersend' );";

export default function PasteStep( {
	status,
	onSaved,
	onGoTo,
}: PasteStepProps ) {
	const { api } = useAppContext();

	const [ raw, setRaw ] = useState( '' );
	const [ reveal, setReveal ] = useState( false );
	const [ switchMailer, setSwitchMailer ] = useState( false );
	const [ expiresAt, setExpiresAt ] = useState( '' );
	const [ acceptUnchecked, setAcceptUnchecked ] = useState( false );
	const [ lastSaveAnyway, setLastSaveAnyway ] = useState( false );
	const [ mailerLocked, setMailerLocked ] = useState( false );

	const check = useAsyncAction(
		useCallback(
			( token: string ): Promise< CheckResult > =>
				api.checkToken( { token, deep: true } ),
			[ api ]
		)
	);
	const save = useAsyncAction(
		useCallback(
			( body: SaveRequest ): Promise< SaveResult > =>
				api.saveToken( body ),
			[ api ]
		)
	);

	const token = normaliseToken( raw );
	const local = inspectTokenDetail( token, raw );
	const hint = localHint( local, token, raw );
	const cleaned = local.id !== 'missing' && token !== raw.trim();
	// The server answers these itself (truncated: without asking MailerSend), but
	// refuses a parameter that is not one line of printable ASCII ("…").
	const canCheck =
		( local.id === 'ok' ||
			local.id === 'legacy_token' ||
			local.id === 'truncated' ) &&
		isSendable( token );

	const fromConstant = status?.token.source === 'constant';
	const wpMailSmtpActive = ! status || isWpMailSmtpLoaded( status );
	const notMailerSend =
		!! status && wpMailSmtpActive && ! status.mailer.is_mailersend;
	// WPMS_MAILER in wp-config.php: the server refuses to switch (409). A fact of the
	// site: once the server said so, it stays known for this screen.
	const mailerRefused =
		save.state.status === 'error' &&
		save.state.error.code === 'fix_mailersend_mailer_constant_defined';
	useEffect( () => {
		if ( mailerRefused ) {
			setMailerLocked( true );
		}
	}, [ mailerRefused ] );
	const mailerConstant =
		!! status?.mailer.from_constant || mailerLocked || mailerRefused;
	const offerSwitch = notMailerSend && ! mailerConstant;
	const expiryValid = expiresAt === '' || DATE_PATTERN.test( expiresAt );

	const onTokenChange = ( value: string ) => {
		setRaw( value );
		// A new paste makes earlier answers stale.
		check.reset();
		save.reset();
		setAcceptUnchecked( false );
	};

	const onCheck = () => {
		save.reset();
		setAcceptUnchecked( false );
		check.run( token );
	};

	const onSave = async ( saveAnyway: boolean ) => {
		setLastSaveAnyway( saveAnyway );
		const body: SaveRequest = { token };
		if ( offerSwitch && switchMailer ) {
			body.switch_mailer = true;
		}
		if ( saveAnyway ) {
			body.save_anyway = true;
		}
		if ( expiresAt !== '' ) {
			body.expires_at = expiresAt;
		}
		const result = await save.run( body );
		if ( result ) {
			// The token is in WP Mail SMTP now; do not keep it on the screen.
			setRaw( '' );
			setReveal( false );
			onSaved( result, body.expires_at ?? null );
		}
	};

	const checked: Verdict | null =
		check.state.status === 'success' ? check.state.value.verdict : null;
	const rejected =
		save.state.status === 'error' && save.state.error.kind === 'rejected'
			? save.state.error.verdict
			: null;
	const constantError =
		save.state.status === 'error' && save.state.error.kind === 'constant'
			? save.state.error
			: null;
	/** The latest verdict about the pasted token. */
	const latest = rejected ?? checked;
	const saving = save.state.status === 'pending';

	// The Save button is gone once saved: the focus goes to the result, not to the page.
	const savedHeading = useRef< HTMLHeadingElement >( null );
	const saved = save.state.status === 'success';
	useEffect( () => {
		if ( saved ) {
			savedHeading.current?.focus();
		}
	}, [ saved ] );

	if ( save.state.status === 'success' ) {
		const result = save.state.value;
		return (
			<div className="fms-paste">
				<Notice status="success" isDismissible={ false }>
					<h3 ref={ savedHeading } tabIndex={ -1 }>
						{ __( 'Token saved.', 'fix-mailersend' ) }
					</h3>
					<p>
						{ sprintf(
							/* translators: %s: masked token such as mlsn.ab…wxyz. */
							__(
								'WP Mail SMTP now uses the token %s.',
								'fix-mailersend'
							),
							result.token.masked
						) }
					</p>
					{ result.mailer_switched && (
						<p>
							{ __(
								'WP Mail SMTP now sends through MailerSend.',
								'fix-mailersend'
							) }
						</p>
					) }
					<Button
						variant="primary"
						onClick={ () => onGoTo( 'test' ) }
						__next40pxDefaultSize
					>
						{ goToLabel( 'test' ) }
					</Button>
				</Notice>
				<NotRecordedNotice notRecorded={ result.not_recorded } />
			</div>
		);
	}

	const savingControls = (
		<>
			{ notMailerSend && mailerConstant && status && (
				<Notice status="info" isDismissible={ false }>
					<p>
						{ createInterpolateElement(
							sprintf(
								/* translators: %s: name of the mailer WP Mail SMTP uses now, such as "Other SMTP". */
								__(
									'WP Mail SMTP sends with “%s”, set by the <code>WPMS_MAILER</code> constant in wp-config.php, so this screen cannot switch it to MailerSend. The token can be saved; to send with it, change that line in wp-config.php to:',
									'fix-mailersend'
								),
								mailerName( status.mailer.slug )
							),
							{ code: <code /> }
						) }
					</p>
					<pre className="fms-define__line" dir="ltr">
						<code>{ MAILER_DEFINE }</code>
					</pre>
				</Notice>
			) }
			{ offerSwitch && status && (
				<CheckboxControl
					label={ sprintf(
						/* translators: %s: name of the mailer WP Mail SMTP uses now, such as "Other SMTP". */
						__(
							'Switch WP Mail SMTP to MailerSend (it now sends with “%s”)',
							'fix-mailersend'
						),
						mailerName( status.mailer.slug )
					) }
					help={ __(
						'Without this, the token is saved but WP Mail SMTP keeps its current mailer.',
						'fix-mailersend'
					) }
					checked={ switchMailer }
					onChange={ setSwitchMailer }
					__nextHasNoMarginBottom
				/>
			) }
			<TextControl
				label={ __( 'Token expiry date (optional)', 'fix-mailersend' ) }
				help={
					expiryValid
						? __(
								'The expiration date you chose in MailerSend. Fix MailerSend reminds you a week before.',
								'fix-mailersend'
							)
						: __(
								'Enter the date as YYYY-MM-DD, or leave it empty.',
								'fix-mailersend'
							)
				}
				type="date"
				value={ expiresAt }
				onChange={ setExpiresAt }
				className="fms-expiry"
				__next40pxDefaultSize
				__nextHasNoMarginBottom
			/>
		</>
	);

	return (
		<div className="fms-paste">
			<p>
				{ __(
					'Paste the token you created in MailerSend. It is checked here as you type; nothing leaves this page until you press Check token.',
					'fix-mailersend'
				) }
			</p>

			{ fromConstant && status && (
				<Notice status="info" isDismissible={ false }>
					{ sprintf(
						/* translators: %s: constant name, WPMS_MAILERSEND_API_KEY. */
						__(
							'WP Mail SMTP reads your token from wp-config.php (the %s constant), so it cannot be saved from this screen. Check your new token here; you will then get the exact line to put in wp-config.php.',
							'fix-mailersend'
						),
						status.token.constant
					) }
				</Notice>
			) }
			{ ! wpMailSmtpActive && (
				<Notice status="warning" isDismissible={ false }>
					{ __(
						'WP Mail SMTP is not active, so a token cannot be saved yet. You can still check one.',
						'fix-mailersend'
					) }
				</Notice>
			) }

			<div className="fms-token-field">
				<TextControl
					label={ __( 'MailerSend API token', 'fix-mailersend' ) }
					type={ reveal ? 'text' : 'password' }
					value={ raw }
					onChange={ onTokenChange }
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
					onClick={ () => setReveal( ! reveal ) }
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

			<div className="fms-actions">
				<Button
					// Once the token can be saved, saving is the main action.
					variant={
						checked && isSavable( checked )
							? 'secondary'
							: 'primary'
					}
					onClick={ onCheck }
					disabled={ ! canCheck || check.state.status === 'pending' }
					isBusy={ check.state.status === 'pending' }
					accessibleWhenDisabled
					__next40pxDefaultSize
				>
					{ check.state.status === 'pending'
						? __( 'Checking…', 'fix-mailersend' )
						: __( 'Check token', 'fix-mailersend' ) }
				</Button>
			</div>

			{ check.state.status === 'error' && (
				<RequestError
					what={ __(
						'Could not check the token.',
						'fix-mailersend'
					) }
					error={ check.state.error }
					onRetry={ () => check.retry() }
				/>
			) }

			{ latest && <VerdictNotice verdict={ latest } /> }

			{ rejected && (
				<p className="fms-not-saved">
					<strong>
						{ status?.token.source === 'database'
							? sprintf(
									/* translators: %s: masked saved token such as mlsn.ab…wxyz. */
									__(
										'Not saved: your current token %s was left as it was.',
										'fix-mailersend'
									),
									status.token.masked ?? ''
								)
							: __(
									'Not saved: nothing was changed.',
									'fix-mailersend'
								) }
					</strong>
				</p>
			) }

			{ /* wp-config.php constant: no saving, the line to put there instead. */ }
			{ ( constantError ||
				( fromConstant &&
					latest &&
					( isSavable( latest ) || maySaveAnyway( latest ) ) ) ) && (
				<DefineLine
					token={ token }
					constant={
						constantError?.constant ??
						status?.token.constant ??
						DEFINE_CONSTANT
					}
					unchecked={ !! latest && maySaveAnyway( latest ) }
				/>
			) }

			{ ! fromConstant &&
				! constantError &&
				wpMailSmtpActive &&
				checked &&
				! rejected &&
				isSavable( checked ) && (
					<div className="fms-save">
						{ savingControls }
						<Button
							variant="primary"
							onClick={ () => onSave( false ) }
							disabled={ saving || ! expiryValid }
							isBusy={ saving }
							accessibleWhenDisabled
							__next40pxDefaultSize
						>
							{ saving
								? __( 'Saving…', 'fix-mailersend' )
								: __( 'Save token', 'fix-mailersend' ) }
						</Button>
					</div>
				) }

			{ ! fromConstant &&
				! constantError &&
				wpMailSmtpActive &&
				latest &&
				maySaveAnyway( latest ) && (
					<div className="fms-save fms-save--anyway">
						<Notice status="warning" isDismissible={ false }>
							<p>
								<strong>
									{ __(
										'Save without a check?',
										'fix-mailersend'
									) }
								</strong>
							</p>
							<p>
								{ latest.id === 'rate_limited'
									? __(
											'MailerSend was too busy to check this token, so nobody knows yet whether it works. Wait a minute and check it again, or save it now: if it is wrong, every email from your site fails until you replace it. Send a test email right after saving.',
											'fix-mailersend'
										)
									: __(
											'MailerSend could not be reached, so nobody knows yet whether this token works. If it is wrong, every email from your site fails until you replace it. Send a test email right after saving.',
											'fix-mailersend'
										) }
							</p>
						</Notice>
						{ savingControls }
						<CheckboxControl
							label={ __(
								'I understand: save this token without checking it',
								'fix-mailersend'
							) }
							checked={ acceptUnchecked }
							onChange={ setAcceptUnchecked }
							__nextHasNoMarginBottom
						/>
						<Button
							variant="secondary"
							isDestructive
							onClick={ () => onSave( true ) }
							disabled={
								! acceptUnchecked || saving || ! expiryValid
							}
							isBusy={ saving }
							accessibleWhenDisabled
							__next40pxDefaultSize
						>
							{ saving
								? __( 'Saving…', 'fix-mailersend' )
								: __( 'Save anyway', 'fix-mailersend' ) }
						</Button>
					</div>
				) }

			{ save.state.status === 'error' &&
				! rejected &&
				! constantError && (
					<RequestError
						what={ __(
							'Could not save the token.',
							'fix-mailersend'
						) }
						error={ save.state.error }
						onRetry={ () => onSave( lastSaveAnyway ) }
					/>
				) }
		</div>
	);
}

/**
 * After a save: what the database did not take, although the token itself was saved.
 *
 * @param props
 * @param props.notRecorded The save's `not_recorded`.
 */
function NotRecordedNotice( {
	notRecorded,
}: {
	notRecorded: SaveResult[ 'not_recorded' ];
} ) {
	if ( notRecorded.length === 0 ) {
		return null;
	}
	return (
		<Notice status="warning" isDismissible={ false }>
			<p>
				<strong>
					{ __(
						'The token is saved, but the database did not record everything (a database error):',
						'fix-mailersend'
					) }
				</strong>
			</p>
			<ul>
				{ notRecorded.includes( 'audit' ) && (
					<li>
						{ __(
							'This change is not in the audit trail.',
							'fix-mailersend'
						) }
					</li>
				) }
				{ notRecorded.includes( 'expiry' ) && (
					<li>
						{ __(
							'The expiry date was not kept, so no reminder will come before the token expires. Save the token again with the date.',
							'fix-mailersend'
						) }
					</li>
				) }
			</ul>
		</Notice>
	);
}
