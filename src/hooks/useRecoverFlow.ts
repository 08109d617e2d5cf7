/**
 * The Recover step's flow, without its views: the held emails (GET /held, paged and
 * searched), which are selected (per email, or "all" the server may resend on every page), a preview (GET /held/<id>), resending (POST /held/resend,
 * then POST /held/resend/next until nothing is left or sending stopped, resumed after a
 * reload while emails are queued), discarding (POST /held/discard) and the holding switch
 * (PUT /held/settings). The views (components/recover/*) only render it.
 */
import {
	useCallback,
	useEffect,
	useMemo,
	useRef,
	useState,
} from '@wordpress/element';
import type { FormEvent } from 'react';

import { toApiError, type ApiError } from '../api';
import { useAppContext } from '../context';
import { parseDate } from '../format';
import { createHeldApi } from '../heldApi';
import type { HeldDetail, HeldItem, HeldPage, Status, Verdict } from '../types';
import { useAsyncAction, type AsyncState } from './useAsyncAction';

/** Emails per page of the list. */
export const PER_PAGE = 20;

/** Batches in a row that sent nothing (another window is sending) before giving up. */
const IDLE_BATCHES = 60;
/** Wait between such batches, in milliseconds. */
const IDLE_WAIT = 2000;

/** How a row ended in this session. */
export interface RowOutcome {
	status: 'sent' | 'failed' | 'discarded';
	/** MailerSend's message id, when sent. */
	resultId?: string | null;
	/** Why it failed (the verdict's title, from the server), when failed. */
	cause?: string | null;
}

export interface ResendRun {
	phase: 'idle' | 'queuing' | 'sending' | 'done' | 'stopped' | 'error';
	/** The run picked up emails queued before the page was (re)loaded. */
	resumed: boolean;
	/** Emails finished (sent or failed) in this run. */
	processed: number;
	sent: number;
	failed: number;
	/** Still queued or being sent. */
	left: number;
	/** Sending stopped at this failure; the rest are held again. */
	stopped: Verdict | null;
	error: ApiError | null;
	/** Another window kept sending and nothing moved here for a long time. */
	gaveUp: boolean;
}

export type ConfirmKind =
	'discard-selected' | 'discard-all' | 'discard-one' | 'holding-off';

/** What the last discard or switch did. */
export interface RecoverMessage {
	kind: 'discarded' | 'deleted' | 'holding-on';
	count: number;
}

export interface RecoverFlow {
	/* The list */
	page: number;
	setPage: ( page: number ) => void;
	/** What is typed in the search field. */
	search: string;
	setSearch: ( value: string ) => void;
	/** The search the list shows. */
	searched: string;
	/** "Failed on or before" as typed (YYYY-MM-DD, or empty). */
	before: string;
	setBefore: ( value: string ) => void;
	/** The list shows a search or a date: not every held email. */
	filtered: boolean;
	onSearch: ( event: FormEvent< HTMLFormElement > ) => void;
	list: AsyncState< HeldPage >;
	reloadList: () => void;
	/** The page's emails (once loaded). */
	items: HeldItem[];
	total: number;
	totalPages: number;
	outcome: ( item: HeldItem ) => RowOutcome | null;

	/* Selection */
	/** It may be sent again now (kept whole, held or failed, not finished in this session). */
	selectable: ( item: HeldItem ) => boolean;
	isSelected: ( item: HeldItem ) => boolean;
	toggle: ( item: HeldItem, selected: boolean ) => void;
	/** Selected emails among those listed so far (every page seen). */
	selectedIds: number[];
	/** "All": every email the server may resend under this search (X-FMS-Sendable of them). */
	allSelected: boolean;
	/** How many "Resend selected" sends: selectedIds, or the sendable count in "all". */
	selectedCount: number;
	/** More than one page, and every email of this page that may be sent (not a repeat) is selected. */
	pageSelected: boolean;
	/** Emails that may be resent on every page (the server's X-FMS-Sendable). */
	sendableTotal: number;
	selectAll: () => void;
	clearSelection: () => void;

	/* Preview */
	previewing: HeldItem | null;
	preview: AsyncState< HeldDetail >;
	openPreview: ( item: HeldItem ) => void;
	closePreview: () => void;

	/* Resending */
	canResend: boolean;
	run: ResendRun;
	resendSelected: () => void;
	running: boolean;

	/* Discarding, the holding switch */
	confirming: ConfirmKind | null;
	/** The email "discard-one" is about. */
	target: HeldItem | null;
	ask: ( kind: ConfirmKind, item?: HeldItem ) => void;
	cancel: () => void;
	confirm: () => void;
	busy: boolean;
	actionError: ApiError | null;
	message: RecoverMessage | null;
	holding: boolean;
	setHolding: ( on: boolean ) => void;
}

const IDLE_RUN: ResendRun = {
	phase: 'idle',
	resumed: false,
	processed: 0,
	sent: 0,
	failed: 0,
	left: 0,
	stopped: null,
	error: null,
	gaveUp: false,
};

/**
 * "Failed on or before" a day (local): before the start of the next day, as ISO 8601.
 *
 * @param ymd YYYY-MM-DD, or empty.
 */
function endOfDay( ymd: string ): string {
	const day = parseDate( ymd );
	if ( ! day ) {
		return '';
	}
	day.setDate( day.getDate() + 1 );
	return day.toISOString();
}

function wait( milliseconds: number ): Promise< void > {
	return new Promise( ( resolve ) => setTimeout( resolve, milliseconds ) );
}

/**
 * The Recover step's state, requests and transitions.
 *
 * @param status      The status, when loaded (counts, holding).
 * @param tokenProven The token is proven (the server's word or this session's).
 * @param onChanged   Something changed the counts: load the status again.
 */
export function useRecoverFlow(
	status: Status | null,
	tokenProven: boolean,
	onChanged: () => void
): RecoverFlow {
	const { boot } = useAppContext();
	const api = useMemo(
		() => createHeldApi( boot.restPath ),
		[ boot.restPath ]
	);
	const mounted = useRef( true );
	useEffect( () => {
		mounted.current = true;
		return () => {
			mounted.current = false;
		};
	}, [] );

	/* ---- The list ---- */
	const [ page, setPage ] = useState( 1 );
	const [ search, setSearch ] = useState( '' );
	const [ searched, setSearched ] = useState( '' );
	const [ before, setBefore ] = useState( '' );
	const [ beforeApplied, setBeforeApplied ] = useState( '' );
	const load = useAsyncAction(
		useCallback(
			( query: {
				page: number;
				search: string;
				before: string;
			} ): Promise< HeldPage > =>
				api.listHeld( {
					page: query.page,
					per_page: PER_PAGE,
					search: query.search,
					before: endOfDay( query.before ),
				} ),
			[ api ]
		)
	);
	const runLoad = load.run;
	const reloadList = useCallback( () => {
		runLoad( { page, search: searched, before: beforeApplied } );
	}, [ runLoad, page, searched, beforeApplied ] );
	useEffect( reloadList, [ reloadList ] );

	const onSearch = ( event: FormEvent< HTMLFormElement > ) => {
		event.preventDefault();
		setPage( 1 );
		setSearched( search.trim() );
		setBeforeApplied( parseDate( before ) ? before : '' );
		// What is selected is what this search lists (on the pages seen).
		setSeen( new Map() );
		setAllSelected( false );
	};

	// Every email listed so far by this search, by id: the selection covers the pages seen.
	const [ seen, setSeen ] = useState< Map< number, HeldItem > >(
		() => new Map()
	);
	const loaded = load.state.status === 'success' ? load.state.value : null;
	useEffect( () => {
		if ( loaded ) {
			setSeen( ( current ) => {
				const next = new Map( current );
				loaded.items.forEach( ( item ) => next.set( item.id, item ) );
				return next;
			} );
		}
	}, [ loaded ] );

	const [ outcomes, setOutcomes ] = useState< Map< number, RowOutcome > >(
		() => new Map()
	);
	const settle = useCallback(
		( entries: Array< [ number, RowOutcome ] > ) =>
			setOutcomes( ( current ) => new Map( [ ...current, ...entries ] ) ),
		[]
	);
	const outcome = ( item: HeldItem ) => outcomes.get( item.id ) ?? null;

	/* ---- Selection: all that may be sent, except repeats, unless changed ---- */
	const [ choices, setChoices ] = useState< Map< number, boolean > >(
		() => new Map()
	);
	const selectable = ( item: HeldItem ) =>
		item.sendable &&
		item.kind === 'whole' &&
		( item.status === 'held' || item.status === 'failed' ) &&
		! outcomes.has( item.id );
	// "All": what POST /held/resend {all} queues (the server's rule: no repeats).
	const [ allSelected, setAllSelected ] = useState( false );
	// After "Clear selection", emails not chosen yet are not selected.
	const [ selectByDefault, setSelectByDefault ] = useState( true );
	const isSelected = ( item: HeldItem ) =>
		selectable( item ) &&
		( allSelected
			? ! item.repeat
			: ( choices.get( item.id ) ??
				( selectByDefault && ! item.repeat ) ) );
	const toggle = ( item: HeldItem, selected: boolean ) => {
		setAllSelected( false );
		setChoices( ( current ) =>
			new Map( current ).set( item.id, selected )
		);
	};
	const selectedIds = [ ...seen.values() ]
		.filter( isSelected )
		.map( ( item ) => item.id );
	const sendableTotal = loaded?.sendable ?? 0;
	// What "all" takes from this page: repeats are the user's choice either way.
	const pageSendable = ( loaded?.items ?? [] ).filter(
		( item ) => selectable( item ) && ! item.repeat
	);
	const pageSelected =
		( loaded?.totalPages ?? 0 ) > 1 &&
		pageSendable.length > 0 &&
		pageSendable.every( isSelected );
	const selectedCount = allSelected ? sendableTotal : selectedIds.length;
	const clearSelection = () => {
		setAllSelected( false );
		setSelectByDefault( false );
		setChoices( new Map() );
	};

	/* ---- Preview ---- */
	const [ previewing, setPreviewing ] = useState< HeldItem | null >( null );
	const detail = useAsyncAction(
		useCallback( ( id: number ) => api.getHeld( id ), [ api ] )
	);
	const openPreview = ( item: HeldItem ) => {
		setPreviewing( item );
		detail.run( item.id );
	};
	const resetDetail = detail.reset;
	const closePreview = useCallback( () => {
		setPreviewing( null );
		resetDetail();
	}, [ resetDetail ] );

	/* ---- Resending ---- */
	const [ run, setRun ] = useState< ResendRun >( IDLE_RUN );
	const running = run.phase === 'queuing' || run.phase === 'sending';
	const sendingRef = useRef( false );

	const sendQueued = useCallback(
		async ( resumed: boolean, left: number ) => {
			if ( sendingRef.current ) {
				return;
			}
			sendingRef.current = true;
			let progress: ResendRun = {
				...IDLE_RUN,
				phase: 'sending',
				resumed,
				left,
			};
			setRun( progress );
			let idle = 0;
			try {
				for (;;) {
					const answer = await api.resendNext();
					if ( ! mounted.current ) {
						return;
					}
					const finished = answer.sent.length + answer.failed.length;
					settle( [
						...answer.sent.map( ( row ): [ number, RowOutcome ] => [
							row.id,
							{ status: 'sent', resultId: row.result_id },
						] ),
						...answer.failed.map(
							( row ): [ number, RowOutcome ] => [
								row.id,
								{
									status: 'failed',
									cause: row.title,
								},
							]
						),
					] );
					progress = {
						...progress,
						processed: progress.processed + finished,
						sent: progress.sent + answer.sent.length,
						failed: progress.failed + answer.failed.length,
						left: answer.left,
					};
					if ( answer.stopped ) {
						progress = {
							...progress,
							phase: 'stopped',
							stopped: answer.stopped,
						};
						break;
					}
					if ( answer.left <= 0 ) {
						progress = { ...progress, phase: 'done' };
						break;
					}
					setRun( progress );
					idle = finished > 0 ? 0 : idle + 1;
					if ( idle >= IDLE_BATCHES ) {
						progress = { ...progress, phase: 'done', gaveUp: true };
						break;
					}
					if ( idle > 0 ) {
						// Another window holds the rest: wait for it (or for its claim to go stale).
						await wait( IDLE_WAIT );
					}
				}
			} catch ( error ) {
				progress = {
					...progress,
					phase: 'error',
					error: toApiError( error ),
				};
			} finally {
				sendingRef.current = false;
			}
			if ( mounted.current ) {
				setRun( progress );
				onChanged();
			}
		},
		[ api, settle, onChanged ]
	);

	const resendSelected = () => {
		if ( ! tokenProven || running || selectedCount === 0 ) {
			return;
		}
		const end = endOfDay( beforeApplied );
		setRun( { ...IDLE_RUN, phase: 'queuing', left: selectedCount } );
		api.resendHeld(
			allSelected
				? {
						all: true,
						...( searched ? { search: searched } : {} ),
						...( end ? { before: end } : {} ),
					}
				: { ids: selectedIds }
		).then(
			( answer ) => {
				if ( mounted.current ) {
					setAllSelected( false );
					sendQueued( false, answer.queued );
				}
			},
			( error: unknown ) => {
				if ( mounted.current ) {
					setRun( {
						...IDLE_RUN,
						phase: 'error',
						error: toApiError( error ),
					} );
				}
			}
		);
	};

	// After a reload: emails queued by an earlier visit are sent on.
	const resumeChecked = useRef( false );
	const queued = status?.held ? status.held.queued + status.held.sending : 0;
	useEffect( () => {
		if ( status === null || resumeChecked.current ) {
			return;
		}
		resumeChecked.current = true;
		if ( queued > 0 ) {
			sendQueued( true, queued );
		}
	}, [ status, queued, sendQueued ] );

	/* ---- Discarding and the holding switch (confirmed first) ---- */
	const [ confirming, setConfirming ] = useState< ConfirmKind | null >(
		null
	);
	const [ target, setTarget ] = useState< HeldItem | null >( null );
	const [ busy, setBusy ] = useState( false );
	const [ actionError, setActionError ] = useState< ApiError | null >( null );
	const [ message, setMessage ] = useState< RecoverMessage | null >( null );
	const [ holdingHere, setHoldingHere ] = useState< boolean | null >( null );
	const holding = holdingHere ?? status?.held?.holding ?? true;

	const act = async ( action: () => Promise< void > ) => {
		setBusy( true );
		setActionError( null );
		setMessage( null );
		try {
			await action();
			onChanged();
		} catch ( error ) {
			if ( mounted.current ) {
				setActionError( toApiError( error ) );
			}
		} finally {
			if ( mounted.current ) {
				setBusy( false );
				setConfirming( null );
			}
		}
	};

	const confirm = () => {
		const kind = confirming;
		if ( kind === 'discard-selected' || kind === 'discard-one' ) {
			const ids =
				kind === 'discard-one' && target ? [ target.id ] : selectedIds;
			act( async () => {
				const answer = await api.discardHeld( { ids } );
				settle(
					ids.map( ( id ): [ number, RowOutcome ] => [
						id,
						{ status: 'discarded' },
					] )
				);
				setMessage( {
					kind: 'discarded',
					count: answer.discarded,
				} );
			} );
		} else if ( kind === 'discard-all' ) {
			act( async () => {
				const answer = await api.discardHeld( { all: true } );
				setMessage( {
					kind: 'discarded',
					count: answer.discarded,
				} );
				setPage( 1 );
				setSeen( new Map() );
				runLoad( {
					page: 1,
					search: searched,
					before: beforeApplied,
				} );
			} );
		} else if ( kind === 'holding-off' ) {
			act( async () => {
				const answer = await api.setHolding( false );
				setHoldingHere( answer.holding );
				setMessage( {
					kind: 'deleted',
					count: answer.deleted,
				} );
				setPage( 1 );
				setSeen( new Map() );
				runLoad( {
					page: 1,
					search: searched,
					before: beforeApplied,
				} );
			} );
		}
	};

	const setHolding = ( on: boolean ) => {
		if ( ! on ) {
			setConfirming( 'holding-off' );
			return;
		}
		act( async () => {
			const answer = await api.setHolding( true );
			setHoldingHere( answer.holding );
			setMessage( {
				kind: 'holding-on',
				count: 0,
			} );
		} );
	};

	return {
		page,
		setPage,
		search,
		setSearch,
		searched,
		before,
		setBefore,
		filtered: searched !== '' || beforeApplied !== '',
		onSearch,
		list: load.state,
		reloadList,
		items: loaded?.items ?? [],
		total: loaded?.total ?? 0,
		totalPages: loaded?.totalPages ?? 0,
		outcome,
		selectable,
		isSelected,
		toggle,
		selectedIds,
		allSelected,
		selectedCount,
		pageSelected,
		sendableTotal,
		selectAll: () => setAllSelected( true ),
		clearSelection,
		previewing,
		preview: detail.state,
		openPreview,
		closePreview,
		canResend: tokenProven,
		run,
		resendSelected,
		running,
		confirming,
		target,
		ask: ( kind: ConfirmKind, item?: HeldItem ) => {
			setTarget( item ?? null );
			setConfirming( kind );
		},
		cancel: () => setConfirming( null ),
		confirm,
		busy,
		actionError,
		message,
		holding,
		setHolding,
	};
}
