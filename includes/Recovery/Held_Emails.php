<?php
/**
 * The held emails as the REST API and WP-CLI show and change them.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Recovery;

use FixMailerSend\Diagnosis\Verdicts;
use FixMailerSend\Watch\Watch_Status;

defined( 'ABSPATH' ) || exit;

/**
 * Shared by the /held routes and `wp fix-mailersend held …` (the sending itself is Resender's):
 * a page of the list, one email with its text preview (never HTML), queueing, discarding, the
 * holding switch, GET /status's `held` block, and the count the admin notice and Site Health
 * show once the token is proven ("N emails are waiting to be resent").
 */
final class Held_Emails {

	/**
	 * Statuses a list may ask for.
	 */
	const STATUSES = array( 'held', 'queued', 'sending', 'sent', 'failed', 'discarded' );

	/**
	 * Default and largest page size.
	 */
	const PER_PAGE     = 20;
	const PER_PAGE_MAX = 100;

	/**
	 * Most ids one request queues or discards.
	 */
	const IDS_MAX = 500;

	/**
	 * Longest preview text, in characters (the rest is cut, with "…").
	 */
	const PREVIEW_MAX = 20000;

	/**
	 * The held emails.
	 *
	 * @var Held_Store
	 */
	private $store;

	/**
	 * What is wrong now (whether the token is proven).
	 *
	 * @var Watch_Status
	 */
	private $watch;

	/**
	 * Creates the service.
	 *
	 * @param Held_Store   $store The held emails.
	 * @param Watch_Status $watch What is wrong now.
	 */
	public function __construct( Held_Store $store, Watch_Status $watch ) {
		$this->store = $store;
		$this->watch = $watch;
	}

	/**
	 * The store.
	 *
	 * @return Held_Store
	 */
	public function store(): Held_Store {
		return $this->store;
	}

	/**
	 * One page of the list, newest first.
	 *
	 * @param array{status?: string[], search?: string, before?: string|null, page?: int, per_page?: int} $query What to list (before: Y-m-d H:i:s UTC).
	 * @return array{items: array<int, array<string, mixed>>, total: int, pages: int}
	 */
	public function page( array $query ): array {
		$per_page = max( 1, min( self::PER_PAGE_MAX, (int) ( $query['per_page'] ?? self::PER_PAGE ) ) );
		$q        = array(
			'page'     => max( 1, (int) ( $query['page'] ?? 1 ) ),
			'per_page' => $per_page,
		);
		if ( isset( $query['status'] ) && array() !== $query['status'] ) {
			$q['status'] = array_values( array_intersect( self::STATUSES, $query['status'] ) );
		}
		if ( isset( $query['search'] ) && '' !== trim( $query['search'] ) ) {
			$q['search'] = trim( $query['search'] );
		}
		if ( isset( $query['before'] ) ) {
			$q['before'] = $query['before'];
		}
		$found = $this->store->query( $q );
		$total = (int) $found['total'];
		return array(
			'items' => array_values( array_map( array( self::class, 'summary' ), $found['items'] ) ),
			'total' => $total,
			'pages' => (int) ceil( $total / $per_page ),
		);
	}

	/**
	 * Every id a query matches (all pages).
	 *
	 * @param array{status?: string[], search?: string, before?: string|null} $query What to match.
	 * @return int[]
	 */
	public function ids( array $query ): array {
		$ids  = array();
		$page = 1;
		do {
			$found = $this->page(
				$query + array(
					'page'     => $page,
					'per_page' => self::PER_PAGE_MAX,
				)
			);
			foreach ( $found['items'] as $item ) {
				$ids[] = (int) $item['id'];
			}
			++$page;
		} while ( $page <= $found['pages'] );
		return $ids;
	}

	/**
	 * Every email "all" resends (`held resend --all`, POST /held/resend with all, GET /held's
	 * X-FMS-Sendable): held or failed, kept whole, not a repeat of an earlier one.
	 *
	 * @param array{search?: string, before?: string|null} $filter What to match (before: Y-m-d H:i:s UTC).
	 * @return int[]
	 */
	public function sendable_ids( array $filter ): array {
		return $this->store->sendable_ids( $filter );
	}

	/**
	 * Queues every email sendable_ids() finds.
	 *
	 * @param array{search?: string, before?: string|null} $filter What to match (before: Y-m-d H:i:s UTC).
	 * @return int How many were queued.
	 */
	public function queue_all( array $filter ): int {
		return $this->queue( $this->sendable_ids( $filter ) );
	}

	/**
	 * One email: its summary, a text preview and, when it cannot be resent from here, advice.
	 *
	 * @param int $id Held email id.
	 * @return array<string, mixed>|null Null when there is no such email.
	 */
	public function item( int $id ): ?array {
		$email = $this->store->get( $id );
		if ( null === $email ) {
			return null;
		}
		$files = isset( $email['attachments'] ) && is_array( $email['attachments'] ) ? array_values( $email['attachments'] ) : array();
		$args  = isset( $email['args'] ) && is_array( $email['args'] ) ? $email['args'] : null;

		$item            = self::summary( array( 'attachments' => count( $files ) ) + $email );
		$item['preview'] = self::preview( $item, $args, $files );
		$item['advice']  = self::advice( (string) $item['kind'], (string) $item['status'], (string) $item['initiator'] );
		return $item;
	}

	/**
	 * Queues emails for resending (held or failed whole emails only).
	 *
	 * @param int[] $ids Held email ids.
	 * @return int How many were queued.
	 */
	public function queue( array $ids ): int {
		$queued = 0;
		foreach ( array_chunk( self::clean_ids( $ids ), self::IDS_MAX ) as $chunk ) {
			$queued += $this->store->queue( $chunk );
		}
		return $queued;
	}

	/**
	 * Discards emails (their arguments and attachments are deleted; who/when/subject stay).
	 *
	 * @param int[] $ids Held email ids.
	 * @return int How many were discarded.
	 */
	public function discard( array $ids ): int {
		$discarded = 0;
		foreach ( array_chunk( self::clean_ids( $ids ), self::IDS_MAX ) as $chunk ) {
			$discarded += $this->store->discard( $chunk );
		}
		return $discarded;
	}

	/**
	 * Discards every email still waiting (optionally only those older than a time).
	 *
	 * @param string|null $before Y-m-d H:i:s UTC, or null for all.
	 * @return int
	 */
	public function discard_all( ?string $before = null ): int {
		return $this->store->discard_all( $before );
	}

	/**
	 * Turns holding on or off (off deletes every held email and file).
	 *
	 * @param bool $on On.
	 * @return array{holding: bool, deleted: int} deleted: emails deleted (every row kept, any status).
	 */
	public function set_holding( bool $on ): array {
		$deleted = 0;
		if ( ! $on ) {
			$counts = $this->store->counts();
			foreach ( self::STATUSES as $status ) {
				$deleted += (int) ( $counts[ $status ] ?? 0 );
			}
		}
		$this->store->set_holding( $on );
		return array(
			'holding' => $this->store->holding(),
			'deleted' => $deleted,
		);
	}

	/**
	 * GET /status's `held` block.
	 *
	 * @return array{holding: bool, waiting: int, queued: int, sending: int, token_proven: bool}
	 */
	public function status(): array {
		$counts = $this->store->counts();
		return array(
			'holding'      => $this->store->holding(),
			'waiting'      => (int) ( $counts['waiting'] ?? 0 ),
			'queued'       => (int) ( $counts['queued'] ?? 0 ),
			'sending'      => (int) ( $counts['sending'] ?? 0 ),
			'token_proven' => $this->watch->token_proven(),
		);
	}

	/**
	 * How many emails wait to be resent, said only once the token is proven (before that the
	 * admin notice and Site Health speak of the fix): 0 otherwise.
	 *
	 * @return int
	 */
	public function waiting_after_fix(): int {
		$waiting = (int) ( $this->store->counts()['waiting'] ?? 0 );
		return $waiting > 0 && $this->watch->token_proven() ? $waiting : 0;
	}

	/**
	 * "N emails are waiting to be resent." (plain text).
	 *
	 * @param int $count How many.
	 * @return string
	 */
	public static function waiting_sentence( int $count ): string {
		return sprintf(
			/* translators: %s: number of emails. */
			_n( '%s email is waiting to be resent.', '%s emails are waiting to be resent.', $count, 'fix-mailersend' ),
			number_format_i18n( $count )
		);
	}

	/**
	 * A time given for `before` (REST, WP-CLI) as the store wants it: Y-m-d H:i:s UTC. Takes
	 * YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] and ISO 8601 (T, Z or an offset); a time without a zone is
	 * UTC, as every time the list answers. Null when it is not a real date and time.
	 *
	 * @param string $value The time.
	 * @return string|null
	 */
	public static function parse_before( string $value ): ?string {
		if ( 1 !== preg_match( '/^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/D', $value, $m ) ) {
			return null;
		}
		if ( ! checkdate( (int) $m[2], (int) $m[3], (int) $m[1] ) ) {
			return null;
		}
		$hour   = isset( $m[4] ) && '' !== $m[4] ? (int) $m[4] : 0;
		$minute = isset( $m[5] ) && '' !== $m[5] ? (int) $m[5] : 0;
		$second = isset( $m[6] ) && '' !== $m[6] ? (int) $m[6] : 0;
		if ( $hour > 23 || $minute > 59 || $second > 59 ) {
			return null;
		}
		$zone = empty( $m[7] ) || 'Z' === $m[7] ? '+00:00' : $m[7];
		try {
			$time = new \DateTimeImmutable( sprintf( '%s-%s-%s %02d:%02d:%02d', $m[1], $m[2], $m[3], $hour, $minute, $second ), new \DateTimeZone( $zone ) );
		} catch ( \Exception $e ) {
			return null;
		}
		return $time->setTimezone( new \DateTimeZone( 'UTC' ) )->format( 'Y-m-d H:i:s' );
	}

	/**
	 * A list item as the REST API answers it (the contract's summary shape, types enforced).
	 *
	 * @param array<string, mixed> $row Held_Store's summary.
	 * @return array<string, mixed>
	 */
	public static function summary( array $row ): array {
		$to     = $row['to'] ?? array();
		$failed = isset( $row['result_verdict'] ) && '' !== $row['result_verdict'] ? (string) $row['result_verdict'] : null;
		return array(
			'id'             => (int) ( $row['id'] ?? 0 ),
			'created_at'     => (string) ( $row['created_at'] ?? '' ),
			'status'         => (string) ( $row['status'] ?? '' ),
			'kind'           => (string) ( $row['kind'] ?? '' ),
			'verdict'        => (string) ( $row['verdict'] ?? '' ),
			'to'             => is_array( $to ) ? array_values( array_map( 'strval', $to ) ) : self::addresses( (string) $to ),
			'subject'        => (string) ( $row['subject'] ?? '' ),
			'sender'         => (string) ( $row['sender'] ?? '' ),
			'initiator'      => (string) ( $row['initiator'] ?? '' ),
			'bytes'          => (int) ( $row['bytes'] ?? 0 ),
			'attachments'    => is_array( $row['attachments'] ?? null ) ? count( $row['attachments'] ) : (int) ( $row['attachments'] ?? 0 ),
			'repeat'         => ! empty( $row['repeat'] ),
			'sendable'       => ! empty( $row['sendable'] ),
			'result_id'      => isset( $row['result_id'] ) && '' !== $row['result_id'] ? (string) $row['result_id'] : null,
			'result_verdict' => $failed,
			'result_title'   => null !== $failed ? Verdicts::make( $failed )->title() : null,
		);
	}

	/**
	 * What the email says, as plain text, with its addresses and attachments.
	 *
	 * @param array<string, mixed>      $item  The summary.
	 * @param array<string, mixed>|null $args  The kept wp_mail() arguments (null: not kept).
	 * @param array<int, mixed>         $files The attachments (name, type, bytes).
	 * @return array{to: string[], cc: string[], bcc: string[], reply_to: string[], from: string, subject: string, text: string|null, attachments: array<int, array{name: string, type: string, bytes: int}>}
	 */
	private static function preview( array $item, ?array $args, array $files ): array {
		$preview = array(
			'to'          => $item['to'],
			'cc'          => array(),
			'bcc'         => array(),
			'reply_to'    => array(),
			'from'        => (string) $item['sender'],
			'subject'     => (string) $item['subject'],
			'text'        => null,
			'attachments' => array(),
		);
		foreach ( $files as $file ) {
			if ( is_array( $file ) ) {
				$preview['attachments'][] = array(
					'name'  => (string) ( $file['name'] ?? '' ),
					'type'  => (string) ( $file['type'] ?? '' ),
					'bytes' => (int) ( $file['bytes'] ?? $file['size'] ?? 0 ),
				);
			}
		}
		if ( null === $args ) {
			return $preview;
		}

		$to = $args['to'] ?? array();
		if ( is_array( $to ) ) {
			$preview['to'] = array_values( array_filter( array_map( 'trim', array_filter( $to, 'is_string' ) ), static fn( string $address ): bool => '' !== $address ) );
		} elseif ( is_string( $to ) ) {
			$preview['to'] = self::addresses( $to );
		}
		$html = false;
		foreach ( self::header_lines( $args['headers'] ?? array() ) as $line ) {
			$colon = strpos( $line, ':' );
			if ( false === $colon ) {
				continue;
			}
			$name  = strtolower( trim( substr( $line, 0, $colon ) ) );
			$value = trim( substr( $line, $colon + 1 ) );
			switch ( $name ) {
				case 'cc':
				case 'bcc':
					$preview[ $name ] = array_merge( $preview[ $name ], self::addresses( $value ) );
					break;
				case 'reply-to':
					$preview['reply_to'] = array_merge( $preview['reply_to'], self::addresses( $value ) );
					break;
				case 'from':
					$preview['from'] = $value;
					break;
				case 'content-type':
					$html = false !== stripos( $value, 'text/html' );
					break;
			}
		}//end foreach
		$message = isset( $args['message'] ) && is_scalar( $args['message'] ) ? (string) $args['message'] : '';
		if ( ! $html && 1 === preg_match( '/^\s*<(?:!doctype\s+html|html)[\s>]/i', $message ) ) {
			$html = true;
		}
		$preview['text'] = self::text( $message, $html );
		return $preview;
	}

	/**
	 * A message as plain text: HTML loses its markup (block ends become line breaks, a link
	 * keeps its address after its words), then wp_strip_all_tags(); plain text stays as it is.
	 * Cut to PREVIEW_MAX characters.
	 *
	 * @param string $message The message.
	 * @param bool   $html    Whether it is HTML.
	 * @return string
	 */
	public static function text( string $message, bool $html ): string {
		$text = str_replace( array( "\r\n", "\r" ), "\n", $message );
		if ( $html ) {
			$text = (string) preg_replace( '#<(head|style|script|title)\b[^>]*>.*?</\1\s*>#is', '', $text );
			$text = (string) preg_replace( '/\s+/', ' ', $text );
			$text = (string) preg_replace_callback(
				'#<a\b[^>]*\bhref\s*=\s*(["\'])(.*?)\1[^>]*>(.*?)</a\s*>#is',
				static function ( array $m ): string {
					$words = trim( wp_strip_all_tags( $m[3] ) );
					$href  = trim( html_entity_decode( $m[2], ENT_QUOTES | ENT_HTML5, 'UTF-8' ) );
					return '' === $href || $words === $href || 0 === strpos( $href, '#' ) ? $m[3] : $m[3] . ' (' . esc_url_raw( $href ) . ')';
				},
				$text
			);
			$text = (string) preg_replace( '#<li\b[^>]*>#i', "\n- ", $text );
			$text = (string) preg_replace( '#<(br|hr)\b[^>]*>#i', "\n", $text );
			$text = (string) preg_replace( '#</?(p|div|h[1-6]|ul|ol|table|tr|blockquote|pre|section|article|header|footer|address)\b[^>]*>#i', "\n\n", $text );
			$text = (string) preg_replace( '#</t[dh]\s*>#i', "\t", $text );
			$text = wp_strip_all_tags( $text );
			$text = html_entity_decode( $text, ENT_QUOTES | ENT_HTML5, 'UTF-8' );
			$text = (string) preg_replace( '/[ \t]*\n[ \t]*/', "\n", $text );
			$text = (string) preg_replace( '/\n{3,}/', "\n\n", $text );
			$text = (string) preg_replace( '/[ \t]{2,}/', ' ', $text );
		}//end if
		$text = trim( $text );
		if ( function_exists( 'mb_strlen' ) && mb_strlen( $text, 'UTF-8' ) > self::PREVIEW_MAX ) {
			$text = mb_substr( $text, 0, self::PREVIEW_MAX, 'UTF-8' ) . '…';
		} elseif ( strlen( $text ) > self::PREVIEW_MAX * 4 ) {
			$text = substr( $text, 0, self::PREVIEW_MAX ) . '…';
		}
		return $text;
	}

	/**
	 * What to do with an email that cannot be resent from here, or null.
	 *
	 * @param string $kind      whole | link | too_large.
	 * @param string $status    Its status.
	 * @param string $initiator Who sent it (plugin or theme name, "WordPress").
	 * @return string|null
	 */
	public static function advice( string $kind, string $status, string $initiator ): ?string {
		if ( 'link' === $kind ) {
			return __( 'This email carried a password-reset, set-password or login link. Such links are never kept (a stored copy would let anyone who reads the database into the account), so it cannot be resent: ask the person to request a new link.', 'fix-mailersend' );
		}
		if ( 'too_large' === $kind ) {
			return '' !== $initiator
				? sprintf(
					/* translators: %s: the plugin, theme or "WordPress" that sent the email. */
					__( 'This email was larger than what is kept for resending, so only who, when, the subject and the sender were kept: send it again from where it came from (%s).', 'fix-mailersend' ),
					$initiator
				)
				: __( 'This email was larger than what is kept for resending, so only who, when, the subject and the sender were kept: send it again from where it came from.', 'fix-mailersend' );
		}
		if ( 'discarded' === $status ) {
			return __( 'This email was discarded: only who, when and the subject are kept.', 'fix-mailersend' );
		}
		return null;
	}

	/**
	 * Header lines from wp_mail()'s headers (an array of lines, or one string).
	 *
	 * @param mixed $headers Headers.
	 * @return string[]
	 */
	private static function header_lines( $headers ): array {
		if ( is_string( $headers ) ) {
			$headers = explode( "\n", str_replace( "\r\n", "\n", $headers ) );
		}
		return is_array( $headers ) ? array_values( array_filter( $headers, 'is_string' ) ) : array();
	}

	/**
	 * A comma-separated address list as a list ("Name <a@b>" kept whole; commas inside quotes kept).
	 *
	 * @param string $list Addresses.
	 * @return string[]
	 */
	private static function addresses( string $list ): array {
		$parts = preg_split( '/,(?=(?:[^"]*"[^"]*")*[^"]*$)/', $list );
		return array_values( array_filter( array_map( 'trim', is_array( $parts ) ? $parts : array() ), static fn( string $address ): bool => '' !== $address ) );
	}

	/**
	 * Positive, unique ids.
	 *
	 * @param array<mixed> $ids Ids.
	 * @return int[]
	 */
	private static function clean_ids( array $ids ): array {
		return array_values( array_unique( array_filter( array_map( 'intval', $ids ), static fn( int $id ): bool => $id > 0 ) ) );
	}
}
