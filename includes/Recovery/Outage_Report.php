<?php
/**
 * The outage report: which emails failed through MailerSend, since when, why and from whom.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Recovery;

use FixMailerSend\Diagnosis\Diagnosis;
use FixMailerSend\Diagnosis\Verdicts;
use FixMailerSend\Storage\Failure_Log;
use FixMailerSend\WpMailSmtp\Adapter;
use FixMailerSend\WpMailSmtp\Debug_Events;

defined( 'ABSPATH' ) || exit;

/**
 * Reads WP Mail SMTP's Debug Events (WpMailSmtp\Debug_Events), so it also knows the failures
 * from before this plugin was installed:
 * - the window: rows of the last WINDOW_DAYS days, newest first by `id`, at most MAX_ROWS rows
 *   read (in batches, by the primary key only); error rows (`event_type` 0) whose content starts
 *   with "Mailer: MailerSend" count; test emails (the caller of wp_mail() inside this plugin or
 *   WP Mail SMTP: Initiator::own()) do not;
 * - the outage: the failures since the last known success (Failure_Log::successes(): while
 *   mail fails, those after `at`; once it works again, those between `before` and `at`, and it
 *   stopped), or the whole window when no success is known;
 * - grouped by cause (each row's error text classified by Diagnosis::explain_failure(), the
 *   path of every failure WP Mail SMTP reports by its text) and by sender (Initiator::name());
 * - kept in the option OPTION (not autoloaded) under a key made of the table's MAX(id), the
 *   successes and the last failure Failure_Log knows: recomputed only when one of them changes,
 *   i.e. after a new failure or the first success after one (an empty table is not read, and
 *   nothing is kept for it). The sentence is made when asked (the reader's language, the
 *   site's time zone).
 * The table missing (`no_table`) or emptied while this plugin knows of a failure in the
 * window (`emptied`): `known` false, and the sentence says what is not known.
 */
final class Outage_Report {

	/**
	 * The cache option (not autoloaded).
	 */
	const OPTION = 'fix_mailersend_outage';

	/**
	 * Changes when the cached shape changes.
	 */
	const CACHE_VERSION = 1;

	/**
	 * How far back the report reads, in days.
	 */
	const WINDOW_DAYS = 30;

	/**
	 * Most rows of the table read for one report.
	 */
	const MAX_ROWS = 5000;

	/**
	 * Rows read per query.
	 */
	const BATCH = 1000;

	/**
	 * Senders named in the sentence; the rest are "others".
	 */
	const SENDERS_IN_SUMMARY = 5;

	/**
	 * WP Mail SMTP's table.
	 *
	 * @var Debug_Events
	 */
	private $events;

	/**
	 * What this plugin saw of failures and successes.
	 *
	 * @var Failure_Log
	 */
	private $failures;

	/**
	 * Classifies the error texts.
	 *
	 * @var Diagnosis
	 */
	private $diagnosis;

	/**
	 * Names the senders.
	 *
	 * @var Initiator
	 */
	private $initiator;

	/**
	 * Creates the report.
	 *
	 * @param Debug_Events $events    WP Mail SMTP's Debug Events table.
	 * @param Failure_Log  $failures  Failures and successes this plugin saw.
	 * @param Diagnosis    $diagnosis The diagnosis (explain_failure() only; no request).
	 * @param Initiator    $initiator Names the callers of wp_mail().
	 */
	public function __construct( Debug_Events $events, Failure_Log $failures, Diagnosis $diagnosis, Initiator $initiator ) {
		$this->events    = $events;
		$this->failures  = $failures;
		$this->diagnosis = $diagnosis;
		$this->initiator = $initiator;
	}

	/**
	 * The report (GET /status `outage`), each cause with its verdict's title, or null when no MailerSend failure is known in the window.
	 *
	 * @return array{known: bool, reason: string|null, since: string|null, last: string|null, ongoing: bool, failed: int, truncated: bool, causes: array<int, array{verdict: string, count: int, title?: string}>, senders: array<int, array{name: string, count: int}>, summary: string}|null
	 */
	public function get(): ?array {
		$data = $this->data();
		if ( null === $data ) {
			return null;
		}
		$data['causes']  = array_map(
			static function ( array $cause ): array {
				return array(
					'verdict' => $cause['verdict'],
					'title'   => Verdicts::make( $cause['verdict'] )->title(),
					'count'   => $cause['count'],
				);
			},
			$data['causes']
		);
		$data['summary'] = self::summary( $data );
		return $data;
	}

	/**
	 * The report without its sentence (cached).
	 *
	 * @return array{known: bool, reason: string|null, since: string|null, last: string|null, ongoing: bool, failed: int, truncated: bool, causes: array<int, array{verdict: string, count: int}>, senders: array<int, array{name: string, count: int}>}|null
	 */
	public function data(): ?array {
		$failure   = $this->failures->get();
		$successes = $this->failures->successes();

		if ( ! $this->events->exists() ) {
			return self::unknown( 'no_table', $failure, $successes );
		}

		$max = $this->events->max_id();
		if ( null === $max ) {
			// An empty table: nothing to read, nothing to keep.
			return $this->compute( null, $failure, $successes );
		}
		$key = md5( (string) wp_json_encode( array( self::CACHE_VERSION, $max, $successes, null !== $failure ? $failure['at'] : null ) ) );

		$cached = get_option( self::OPTION, null );
		if ( is_array( $cached ) && isset( $cached['key'] ) && $key === $cached['key'] && array_key_exists( 'data', $cached ) ) {
			$data = is_array( $cached['data'] ) ? self::restore( $cached['data'] ) : null;
		} else {
			$data = $this->compute( $max, $failure, $successes );
			update_option(
				self::OPTION,
				array(
					'key'  => $key,
					'data' => $data,
				),
				false
			);
		}

		// The window moves on without a new failure: an outage that ended before it is gone.
		if ( null !== $data && null !== $data['last'] && self::time( $data['last'] ) < self::window_start() ) {
			return null;
		}
		return $data;
	}

	/**
	 * Reads the table and makes the report.
	 *
	 * @param int|null                                    $max       The table's MAX(id), null when empty.
	 * @param array{at: string}|null                      $failure   The last failure this plugin saw.
	 * @param array{at: string|null, before: string|null} $successes Failure_Log::successes().
	 * @return array{known: bool, reason: string|null, since: string|null, last: string|null, ongoing: bool, failed: int, truncated: bool, causes: array<int, array{verdict: string, count: int}>, senders: array<int, array{name: string, count: int}>}|null
	 */
	private function compute( ?int $max, ?array $failure, array $successes ): ?array {
		$window  = self::window_start();
		$success = null !== $successes['at'] ? self::time( $successes['at'] ) : null;
		$before  = null !== $successes['before'] ? self::time( $successes['before'] ) : null;

		$ongoing = true;
		$lower   = null;
		// Rows at or before this time are not part of the outage (exclusive bound).
		$last      = null;
		$since     = null;
		$count     = 0;
		$truncated = false;
		$seen_any  = false;
		// Any MailerSend error row, test emails included.
		$causes   = array();
		$senders  = array();
		$verdicts = array();

		$next = null === $max ? 0 : $max + 1;
		$read = 0;
		while ( $next > 1 && $read < self::MAX_ROWS ) {
			$rows  = $this->events->newest( $next, min( self::BATCH, self::MAX_ROWS - $read ) );
			$read += count( $rows );
			foreach ( $rows as $row ) {
				$next = $row['id'];
				$at   = self::time( $row['created_at'] . ' UTC' );
				if ( $at < $window || ( null !== $lower && $at <= $lower ) ) {
					// Past the outage's start. An outage failure past the window: it began earlier.
					$truncated = $at < $window && ( null === $lower || $at > $lower ) && null !== $last && $this->counts( $row, $seen_any );
					break 2;
				}
				if ( ! $this->counts( $row, $seen_any ) ) {
					continue;
				}
				if ( null === $last ) {
					// The newest failure decides: mail worked after it (stopped), or not (ongoing).
					$last    = $at;
					$ongoing = null === $success || $success < $at;
					$lower   = $ongoing ? $success : $before;
					if ( null !== $lower && $at <= $lower ) {
						// Mail worked twice since this failure (the failures between were test
						// emails): where its run began is not known, so the window bounds it.
						$lower = null;
					}
				}
				$since = $at;
				++$count;

				$parsed = Adapter::parse_debug_text( $row['content'] );
				$text   = $parsed['message'] . "\n" . $parsed['ms_code'];
				if ( ! isset( $verdicts[ $text ] ) ) {
					$verdicts[ $text ] = $this->diagnosis->explain_failure( $parsed['message'], $parsed['ms_code'] )->id();
				}
				$causes[ $verdicts[ $text ] ] = ( $causes[ $verdicts[ $text ] ] ?? 0 ) + 1;

				$name             = $this->initiator->name( self::initiator_file( $row['initiator'] ) );
				$senders[ $name ] = ( $senders[ $name ] ?? 0 ) + 1;
			}//end foreach
			if ( count( $rows ) < self::BATCH && $read < self::MAX_ROWS ) {
				break;
				// The table has no older rows.
			}
			if ( $read >= self::MAX_ROWS && count( $rows ) > 0 && null !== $last && $next > 1 ) {
				// The row budget ran out inside the outage: older rows may belong to it.
				$truncated = true;
			}
		}//end while

		if ( 0 === $count ) {
			// No failure in the table. Deleted, while this plugin saw one in the window?
			if ( ! $seen_any && null !== $failure && self::time( $failure['at'] ) >= $window ) {
				return self::unknown( 'emptied', $failure, $successes );
			}
			return null;
		}

		return array(
			'known'     => true,
			'reason'    => null,
			'since'     => self::iso( (int) $since ),
			'last'      => self::iso( (int) $last ),
			'ongoing'   => $ongoing,
			'failed'    => $count,
			'truncated' => $truncated,
			'causes'    => array_map(
				static function ( array $item ): array {
					return array(
						'verdict' => $item['key'],
						'count'   => $item['count'],
					);
				},
				self::ranked( $causes )
			),
			'senders'   => array_map(
				static function ( array $item ): array {
					return array(
						'name'  => $item['key'],
						'count' => $item['count'],
					);
				},
				self::ranked( $senders )
			),
		);
	}

	/**
	 * A cached report read back (the option may have been edited or damaged).
	 *
	 * @param array<mixed> $data The cached data.
	 * @return array{known: bool, reason: string|null, since: string|null, last: string|null, ongoing: bool, failed: int, truncated: bool, causes: array<int, array{verdict: string, count: int}>, senders: array<int, array{name: string, count: int}>}|null
	 */
	private static function restore( array $data ): ?array {
		$date = static function ( $value ): ?string {
			return is_string( $value ) && false !== strtotime( $value ) ? $value : null;
		};
		if ( ! isset( $data['known'], $data['failed'] ) || ! is_bool( $data['known'] ) || ! is_int( $data['failed'] ) ) {
			return null;
		}
		$causes  = array();
		$senders = array();
		foreach ( isset( $data['causes'] ) && is_array( $data['causes'] ) ? $data['causes'] : array() as $item ) {
			if ( is_array( $item ) && isset( $item['verdict'], $item['count'] ) && is_string( $item['verdict'] ) && is_int( $item['count'] ) ) {
				$causes[] = array(
					'verdict' => $item['verdict'],
					'count'   => $item['count'],
				);
			}
		}
		foreach ( isset( $data['senders'] ) && is_array( $data['senders'] ) ? $data['senders'] : array() as $item ) {
			if ( is_array( $item ) && isset( $item['name'], $item['count'] ) && is_string( $item['name'] ) && is_int( $item['count'] ) ) {
				$senders[] = array(
					'name'  => $item['name'],
					'count' => $item['count'],
				);
			}
		}
		return array(
			'known'     => $data['known'],
			'reason'    => isset( $data['reason'] ) && in_array( $data['reason'], array( 'no_table', 'emptied' ), true ) ? $data['reason'] : null,
			'since'     => $date( $data['since'] ?? null ),
			'last'      => $date( $data['last'] ?? null ),
			'ongoing'   => ! empty( $data['ongoing'] ),
			'failed'    => $data['failed'],
			'truncated' => ! empty( $data['truncated'] ),
			'causes'    => $causes,
			'senders'   => $senders,
		);
	}

	/**
	 * Whether a row is a MailerSend failure of the site's own mail (notes any MailerSend error
	 * row in $seen_any, test emails included).
	 *
	 * @param array{id: int, content: string, initiator: string, event_type: int, created_at: string} $row      Row.
	 * @param bool                                                                                    $seen_any Set when the row is a MailerSend error.
	 * @return bool
	 */
	private function counts( array $row, bool &$seen_any ): bool {
		if ( Debug_Events::TYPE_ERROR !== $row['event_type'] || 1 !== preg_match( '/^\s*Mailer:\s*MailerSend\s*(\r\n|\r|\n|$)/', $row['content'] ) ) {
			return false;
		}
		$seen_any = true;
		$file     = self::initiator_file( $row['initiator'] );
		return '' === $file || ! $this->initiator->own( $file );
	}

	/**
	 * The report when the table cannot tell: `no_table` or `emptied`. What this plugin saw
	 * itself stays: when its last failure was, and whether mail worked after it.
	 *
	 * @param string                                      $reason    `no_table` | `emptied`.
	 * @param array{at: string}|null                      $failure   The last failure this plugin saw.
	 * @param array{at: string|null, before: string|null} $successes Failure_Log::successes().
	 * @return array{known: bool, reason: string|null, since: string|null, last: string|null, ongoing: bool, failed: int, truncated: bool, causes: array<int, array{verdict: string, count: int}>, senders: array<int, array{name: string, count: int}>}
	 */
	private static function unknown( string $reason, ?array $failure, array $successes ): array {
		$last = null !== $failure && self::time( $failure['at'] ) >= self::window_start() ? self::time( $failure['at'] ) : null;
		return array(
			'known'     => false,
			'reason'    => $reason,
			'since'     => null,
			'last'      => null !== $last ? self::iso( $last ) : null,
			'ongoing'   => null !== $last && ( null === $successes['at'] || self::time( $successes['at'] ) < $last ),
			'failed'    => 0,
			'truncated' => false,
			'causes'    => array(),
			'senders'   => array(),
		);
	}

	/**
	 * The sentence: "Since 1 Dec, 14:02, 37 emails failed: WooCommerce 21, WordPress 9, Contact
	 * Form 7 7" (translated; dates in the site's time zone).
	 *
	 * @param array{known: bool, reason: string|null, since: string|null, last: string|null, ongoing: bool, failed: int, truncated: bool, senders: array<int, array{name: string, count: int}>} $data The report.
	 * @return string
	 */
	public static function summary( array $data ): string {
		if ( ! $data['known'] ) {
			$text = 'no_table' === $data['reason']
				? __( 'WP Mail SMTP’s Debug Events table is missing, so which emails failed through MailerSend is not known.', 'fix-mailersend' )
				: __( 'WP Mail SMTP’s Debug Events were deleted, so how many emails failed through MailerSend, and which, is not known.', 'fix-mailersend' );
			if ( null !== $data['last'] ) {
				$text .= ' ' . sprintf(
					/* translators: %s: date and time of the last failed email, e.g. "2 Dec, 09:15". */
					__( 'The last one this plugin saw failed on %s.', 'fix-mailersend' ),
					self::when( $data['last'] )
				);
			}
			return $text;
		}

		$items = array();
		foreach ( array_slice( $data['senders'], 0, self::SENDERS_IN_SUMMARY ) as $sender ) {
			/* translators: 1: who sent the emails (a plugin, a theme, WordPress), 2: how many failed. */
			$items[] = sprintf( _x( '%1$s %2$s', 'outage sender and count', 'fix-mailersend' ), $sender['name'], number_format_i18n( $sender['count'] ) );
		}
		$others = array_sum( array_column( array_slice( $data['senders'], self::SENDERS_IN_SUMMARY ), 'count' ) );
		if ( $others > 0 ) {
			/* translators: %s: how many emails other senders sent. */
			$items[] = sprintf( __( 'others %s', 'fix-mailersend' ), number_format_i18n( $others ) );
		}
		$list   = implode( _x( ', ', 'list separator', 'fix-mailersend' ), $items );
		$count  = number_format_i18n( $data['failed'] );
		$since  = self::when( (string) $data['since'] );
		$failed = $data['failed'];

		if ( ! $data['ongoing'] ) {
			$until = self::when( (string) $data['last'] );
			return $data['truncated']
				/* translators: 1: date and time of the first failure, 2: of the last one, 3: how many failed, 4: the senders with their counts. */
				? sprintf( _n( 'From %1$s until %2$s, at least %3$s email failed: %4$s', 'From %1$s until %2$s, at least %3$s emails failed: %4$s', $failed, 'fix-mailersend' ), $since, $until, $count, $list )
				/* translators: 1: date and time of the first failure, 2: of the last one, 3: how many failed, 4: the senders with their counts. */
				: sprintf( _n( 'From %1$s until %2$s, %3$s email failed: %4$s', 'From %1$s until %2$s, %3$s emails failed: %4$s', $failed, 'fix-mailersend' ), $since, $until, $count, $list );
		}
		return $data['truncated']
			/* translators: 1: date and time of the first failure, 2: how many failed, 3: the senders with their counts. */
			? sprintf( _n( 'Since %1$s, at least %2$s email failed: %3$s', 'Since %1$s, at least %2$s emails failed: %3$s', $failed, 'fix-mailersend' ), $since, $count, $list )
			/* translators: 1: date and time of the first failure, 2: how many failed, 3: the senders with their counts. */
			: sprintf( _n( 'Since %1$s, %2$s email failed: %3$s', 'Since %1$s, %2$s emails failed: %3$s', $failed, 'fix-mailersend' ), $since, $count, $list );
	}

	/**
	 * A date for the sentence, in the site's time zone: "1 Dec, 14:02".
	 *
	 * @param string $iso ISO 8601.
	 * @return string
	 */
	private static function when( string $iso ): string {
		/* translators: PHP date format of the outage sentence's dates, e.g. "1 Dec, 14:02". */
		$when = wp_date( _x( 'j M, H:i', 'outage date format', 'fix-mailersend' ), self::time( $iso ) );
		return is_string( $when ) ? $when : $iso;
	}

	/**
	 * A count map as a list, most first (then by key).
	 *
	 * @param array<string|int, int> $counts Counts by key.
	 * @return array<int, array{key: string, count: int}>
	 */
	private static function ranked( array $counts ): array {
		$items = array();
		foreach ( $counts as $key => $count ) {
			$items[] = array(
				'key'   => (string) $key,
				'count' => $count,
			);
		}
		usort(
			$items,
			static function ( array $a, array $b ): int {
				$order = $b['count'] <=> $a['count'];
				return 0 !== $order ? $order : strcmp( $a['key'], $b['key'] );
			}
		);
		return $items;
	}

	/**
	 * The caller's file from an `initiator` cell (JSON `{file, line}`), '' when none.
	 *
	 * @param string $initiator The cell.
	 * @return string
	 */
	private static function initiator_file( string $initiator ): string {
		$data = json_decode( $initiator, true );
		return is_array( $data ) && isset( $data['file'] ) && is_string( $data['file'] ) ? $data['file'] : '';
	}

	/**
	 * The start of the window (Unix time).
	 *
	 * @return int
	 */
	private static function window_start(): int {
		return time() - self::WINDOW_DAYS * DAY_IN_SECONDS;
	}

	/**
	 * A date string as Unix time (0 when unreadable).
	 *
	 * @param string $date Date.
	 * @return int
	 */
	private static function time( string $date ): int {
		$time = strtotime( $date );
		return false === $time ? 0 : $time;
	}

	/**
	 * Unix time as ISO 8601 UTC ("2026-12-01T14:02:00Z").
	 *
	 * @param int $time Unix time.
	 * @return string
	 */
	private static function iso( int $time ): string {
		return gmdate( 'Y-m-d\TH:i:s\Z', $time );
	}
}
