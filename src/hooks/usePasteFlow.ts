/**
 * The Paste step's flow, without its views: what was pasted and what the local check says
 * (no request), "Check token" (POST /token/check, deep), the save (PUT /token) and what the
 * screen may offer after each answer. The views (components/paste/*) only render it.
 */
import { useCallback, useEffect, useState } from '@wordpress/element';

import type { ApiError } from '../api';
import { useAppContext } from '../context';
import { isWpMailSmtpLoaded } from '../status';
import {
	inspectTokenDetail,
	isSendable,
	normaliseToken,
	type LocalVerdict,
} from '../token';
import type {
	CheckResult,
	SaveRequest,
	SaveResult,
	Status,
	Verdict,
} from '../types';
import { useAsyncAction, type AsyncState } from './useAsyncAction';

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** What the site allows, from the status (and what a save refusal taught). */
export interface PasteSite {
	/** WP Mail SMTP reads the token from WPMS_MAILERSEND_API_KEY: no saving here. */
	fromConstant: boolean;
	/** WP Mail SMTP runs (true while the status is not loaded). */
	wpMailSmtpActive: boolean;
	/** WP Mail SMTP sends with another mailer. */
	notMailerSend: boolean;
	/** WPMS_MAILER sets the mailer: it cannot be switched from here. */
	mailerConstant: boolean;
	/** Offer to switch the mailer to MailerSend with the save. */
	offerSwitch: boolean;
}

/** The save form's fields. */
export interface PasteForm {
	switchMailer: boolean;
	setSwitchMailer: ( value: boolean ) => void;
	expiresAt: string;
	setExpiresAt: ( value: string ) => void;
	/** Empty, or YYYY-MM-DD. */
	expiryValid: boolean;
	acceptUnchecked: boolean;
	setAcceptUnchecked: ( value: boolean ) => void;
}

export interface PasteFlow {
	/** What is in the field. */
	raw: string;
	onTokenChange: ( value: string ) => void;
	reveal: boolean;
	toggleReveal: () => void;
	/** The token as it will be sent (normaliseToken()). */
	token: string;
	/** The local verdict, as the server's Token_Inspector gives it. */
	local: LocalVerdict;
	/** Something was removed from the paste. */
	cleaned: boolean;
	/** "Check token" may be pressed. */
	canCheck: boolean;
	checkState: AsyncState< CheckResult >;
	onCheck: () => void;
	retryCheck: () => void;
	/** The verdict of the last check, when it succeeded. */
	checked: Verdict | null;
	/** The verdict of a save that was refused (422). */
	rejected: Verdict | null;
	/** The latest verdict about the pasted token. */
	latest: Verdict | null;
	/** 409: the key comes from a constant after all. */
	constantError: ApiError | null;
	/** Any other save failure. */
	saveError: ApiError | null;
	/** The save's answer, once saved. */
	saved: SaveResult | null;
	saving: boolean;
	onSave: ( saveAnyway: boolean ) => void;
	retrySave: () => void;
	site: PasteSite;
	form: PasteForm;
	/** Show the wp-config.php line (the key comes from a constant); `unchecked` when unproven. */
	defineLine: { unchecked: boolean } | null;
	/** The checked token may be saved. */
	offerSave: boolean;
	/** MailerSend could not check it: saving it anyway may be offered. */
	offerSaveAnyway: boolean;
}

/**
 * What the site allows, from the status and a refusal to switch the mailer.
 *
 * @param status        The status, when loaded.
 * @param mailerRefused The server refused to switch the mailer (WPMS_MAILER), now or before.
 */
function siteFacts( status: Status | null, mailerRefused: boolean ): PasteSite {
	const wpMailSmtpActive = ! status || isWpMailSmtpLoaded( status );
	const notMailerSend =
		!! status && wpMailSmtpActive && ! status.mailer.is_mailersend;
	const mailerConstant = !! status?.mailer.from_constant || mailerRefused;
	return {
		fromConstant: status?.token.source === 'constant',
		wpMailSmtpActive,
		notMailerSend,
		mailerConstant,
		offerSwitch: notMailerSend && ! mailerConstant,
	};
}

/**
 * The Paste step's state, requests and transitions.
 *
 * @param status  The status, when loaded (mailer, token source).
 * @param onSaved Called once a token is saved, with the expiry date sent (or null).
 */
export function usePasteFlow(
	status: Status | null,
	onSaved: ( result: SaveResult, expiresAt: string | null ) => void
): PasteFlow {
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
	// The server answers these itself (truncated: without asking MailerSend), but
	// refuses a parameter that is not one line of printable ASCII ("…").
	const canCheck =
		( local.id === 'ok' ||
			local.id === 'legacy_token' ||
			local.id === 'truncated' ) &&
		isSendable( token );

	const saveError = save.state.status === 'error' ? save.state.error : null;
	// WPMS_MAILER in wp-config.php: the server refuses to switch (409). A fact of the
	// site: once the server said so, it stays known for this screen.
	const mailerRefused =
		saveError?.code === 'fix_mailersend_mailer_constant_defined';
	useEffect( () => {
		if ( mailerRefused ) {
			setMailerLocked( true );
		}
	}, [ mailerRefused ] );
	const site = siteFacts( status, mailerLocked || mailerRefused );
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
		if ( site.offerSwitch && switchMailer ) {
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

	const checked =
		check.state.status === 'success' ? check.state.value.verdict : null;
	const rejected = saveError?.kind === 'rejected' ? saveError.verdict : null;
	const constantError = saveError?.kind === 'constant' ? saveError : null;
	const latest = rejected ?? checked;
	const unchecked = !! latest?.policy.save_anyway;
	// Saving here: not while a constant owns the key, nor without WP Mail SMTP.
	const canSaveHere =
		! site.fromConstant && ! constantError && site.wpMailSmtpActive;

	return {
		raw,
		onTokenChange,
		reveal,
		toggleReveal: () => setReveal( ! reveal ),
		token,
		local,
		cleaned: local.id !== 'missing' && token !== raw.trim(),
		canCheck,
		checkState: check.state,
		onCheck,
		retryCheck: () => {
			check.retry();
		},
		checked,
		rejected,
		latest,
		constantError,
		saveError: rejected || constantError ? null : saveError,
		saved: save.state.status === 'success' ? save.state.value : null,
		saving: save.state.status === 'pending',
		onSave: ( saveAnyway ) => {
			onSave( saveAnyway );
		},
		retrySave: () => {
			onSave( lastSaveAnyway );
		},
		site,
		form: {
			switchMailer,
			setSwitchMailer,
			expiresAt,
			setExpiresAt,
			expiryValid,
			acceptUnchecked,
			setAcceptUnchecked,
		},
		// wp-config.php constant: no saving, the line to put there instead.
		defineLine:
			constantError ||
			( site.fromConstant &&
				latest &&
				( latest.policy.proves_token || unchecked ) )
				? { unchecked }
				: null,
		offerSave: canSaveHere && !! checked?.policy.proves_token && ! rejected,
		offerSaveAnyway: canSaveHere && unchecked,
	};
}
