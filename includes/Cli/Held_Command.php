<?php
/**
 * WP-CLI: `wp fix-mailersend held list | show | resend | discard`.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Cli;

use FixMailerSend\Recovery\Held_Emails;
use FixMailerSend\Recovery\Resender;
use FixMailerSend\Service\Token_Service;
use FixMailerSend\Support\Deadline;
use WP_CLI;
use WP_CLI\Formatter;

defined( 'ABSPATH' ) || exit;

/**
 * Lists, shows, resends and discards the emails kept when MailerSend refused them.
 *
 * The Recover step of the Fix MailerSend screen, for backlogs too big for
 * a screen. An email that failed through MailerSend for a reason the admin
 * can fix (the token, a permission, the domain, the account, a quota,
 * MailerSend unreachable) is held; once the token works again, `resend`
 * sends it through wp_mail() with its original arguments. Emails that
 * carried a password-reset or login link, or were too large, are listed but
 * cannot be resent: ask the person to request a new link.
 *
 * Times are UTC. `--before` takes YYYY-MM-DD, "YYYY-MM-DD HH:MM:SS" or
 * ISO 8601 (UTC unless a zone is given).
 *
 * ## EXIT CODES
 *
 *     0   done
 *     1   some emails failed for a reason that does not stop a run (e.g. a
 *         refused recipient), or an unexpected error
 *     2   usage: an unknown option, a bad id, --before, --status or --format
 *     3…7 resend stopped at the first email failing for a reason every
 *         email would fail for: the verdict's code, as for `check`
 *
 * ## EXAMPLES
 *
 *     # What is held.
 *     $ wp fix-mailersend held list
 *
 *     # Resend everything the screen would select (not repeats, not links).
 *     $ wp fix-mailersend held resend --all
 *
 *     # Discard what failed before December.
 *     $ wp fix-mailersend held discard --all --before=2026-12-01 --yes
 */
final class Held_Command {

	/**
	 * The subcommand's name under `wp fix-mailersend`.
	 */
	const NAME = 'held';

	/**
	 * Columns of `list` (table, csv) and what json prints.
	 */
	const LIST_FIELDS = array( 'id', 'created_at', 'status', 'kind', 'to', 'subject', 'initiator', 'verdict', 'repeat', 'sendable', 'result' );

	/**
	 * Seconds `resend` waits, in all, for emails another request is sending.
	 */
	const WAIT_FOR_OTHERS = Resender::STALE_SECONDS + 10;

	/**
	 * The held emails.
	 *
	 * @var Held_Emails
	 */
	private $held;

	/**
	 * The resender.
	 *
	 * @var Resender
	 */
	private $resender;

	/**
	 * Creates the command.
	 *
	 * @param Held_Emails $held     The held emails.
	 * @param Resender    $resender The resender.
	 */
	public function __construct( Held_Emails $held, Resender $resender ) {
		$this->held     = $held;
		$this->resender = $resender;
	}

	/**
	 * Lists the held emails, newest first.
	 *
	 * Without --status: those still waiting (held, queued, sending, failed).
	 *
	 * ## OPTIONS
	 *
	 *     [--status=<statuses>]
	 *         comma-separated: held, queued, sending, sent, failed, discarded
	 *     [--search=<text>]
	 *         only emails whose recipients, subject, sender or initiator
	 *         contain the text
	 *     [--before=<time>]
	 *         only emails that failed before this time
	 *     [--format=<format>]
	 *         table (default), json, csv, yaml, ids or count
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp fix-mailersend held list --search=woocommerce
	 *     $ wp fix-mailersend held list --status=failed --format=json
	 *
	 * @subcommand list
	 *
	 * @param array<int, string>   $args       Positional arguments (none).
	 * @param array<string, mixed> $assoc_args Options.
	 * @return void
	 */
	public function list_( array $args, array $assoc_args ): void {
		$query = $this->query( $args, $assoc_args, array( 'status', 'search', 'before', 'format' ), array( 'table', 'json', 'csv', 'yaml', 'ids', 'count' ), false );
		if ( null === $query ) {
			return;
		}
		$format = $query['format'];
		unset( $query['format'] );

		if ( 'count' === $format ) {
			$found = $this->held->page( $query + array( 'per_page' => 1 ) );
			WP_CLI::line( (string) $found['total'] );
			return;
		}
		if ( 'ids' === $format ) {
			WP_CLI::line( implode( ' ', $this->held->ids( $query ) ) );
			return;
		}

		$items = array();
		$page  = 1;
		do {
			$found = $this->held->page(
				$query + array(
					'page'     => $page,
					'per_page' => Held_Emails::PER_PAGE_MAX,
				)
			);
			foreach ( $found['items'] as $item ) {
				$items[] = 'table' === $format || 'csv' === $format ? self::row( $item ) : $item;
			}
			++$page;
		} while ( $page <= $found['pages'] );

		if ( 'table' === $format && array() === $items ) {
			WP_CLI::log( __( 'No held emails.', 'fix-mailersend' ) );
			return;
		}
		$fields  = 'table' === $format || 'csv' === $format ? self::LIST_FIELDS : array_keys( Held_Emails::summary( array() ) );
		$display = array( 'format' => $format );
		( new Formatter( $display, $fields ) )->display_items( $items );
	}

	/**
	 * Shows one held email: who, when, why, and its text (never HTML).
	 *
	 * ## OPTIONS
	 *
	 *     <id>
	 *         the held email's id (`wp fix-mailersend held list`)
	 *     [--format=<format>]
	 *         table (default), json (the shape of
	 *         GET /wp-json/fix-mailersend/v1/held/<id>) or yaml
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp fix-mailersend held show 42
	 *
	 * @param array<int, string>   $args       The id.
	 * @param array<string, mixed> $assoc_args Options.
	 * @return void
	 */
	public function show( array $args, array $assoc_args ): void {
		$format = $this->options( $assoc_args, array( 'format' ), array( 'table', 'json', 'yaml' ) );
		if ( null === $format ) {
			return;
		}
		$ids = self::ids_of( $args );
		if ( null === $ids || 1 !== count( $ids ) ) {
			WP_CLI::error( __( 'Give one id: wp fix-mailersend held show <id>.', 'fix-mailersend' ), Command::EXIT_USAGE );
			return;
		}
		$item = $this->held->item( $ids[0] );
		if ( null === $item ) {
			WP_CLI::error(
				/* translators: %d: an id. */
				sprintf( __( 'There is no held email with id %d.', 'fix-mailersend' ), $ids[0] ),
				Command::EXIT_ERROR
			);
			return;
		}
		if ( 'table' !== $format ) {
			$fields = array_keys( $item );
			( new Formatter( $assoc_args, $fields ) )->display_item( $item );
			return;
		}

		$preview = $item['preview'];
		$facts   = array(
			__( 'Id', 'fix-mailersend' )          => (string) $item['id'],
			__( 'Failed at', 'fix-mailersend' )   => (string) $item['created_at'],
			__( 'Status', 'fix-mailersend' )      => self::result( $item ),
			__( 'Why', 'fix-mailersend' )         => (string) $item['verdict'],
			__( 'Sent by', 'fix-mailersend' )     => (string) $item['initiator'],
			__( 'From', 'fix-mailersend' )        => (string) $preview['from'],
			__( 'To', 'fix-mailersend' )          => implode( ', ', $preview['to'] ),
			__( 'Cc', 'fix-mailersend' )          => implode( ', ', $preview['cc'] ),
			__( 'Bcc', 'fix-mailersend' )         => implode( ', ', $preview['bcc'] ),
			__( 'Reply-To', 'fix-mailersend' )    => implode( ', ', $preview['reply_to'] ),
			__( 'Subject', 'fix-mailersend' )     => (string) $preview['subject'],
			__( 'Attachments', 'fix-mailersend' ) => implode(
				', ',
				array_map(
					static fn( array $file ): string => sprintf( '%s (%s)', $file['name'], size_format( $file['bytes'] ) ),
					$preview['attachments']
				)
			),
		);
		$table   = array( 'format' => 'table' );
		( new Formatter( $table, array_keys( $facts ) ) )->display_item( array_map( 'strval', $facts ) );
		WP_CLI::log( '' );
		if ( null !== $preview['text'] ) {
			WP_CLI::log( $preview['text'] );
		}
		if ( null !== $item['advice'] ) {
			WP_CLI::warning( $item['advice'] );
		}
	}

	/**
	 * Resends held emails through wp_mail(), WP Mail SMTP and MailerSend.
	 *
	 * Queues the emails, then sends them in batches until none is left, or
	 * until the first email fails for a reason every email would fail for
	 * (the token, a permission, the domain, a quota, MailerSend
	 * unreachable): the rest is held again and the command exits with that
	 * verdict's code. Without ids or --all it resumes a run the screen or an
	 * earlier command left queued.
	 *
	 * ## OPTIONS
	 *
	 *     [<id>...]
	 *         the held emails to resend
	 *     [--all]
	 *         every email that can be resent, except repeats of an earlier
	 *         one (what the screen selects); with --before and --search,
	 *         only those
	 *     [--before=<time>]
	 *         with --all: only emails that failed before this time
	 *     [--search=<text>]
	 *         with --all: only emails whose recipients, subject, sender or
	 *         initiator contain the text
	 *     [--format=<format>]
	 *         table (progress, then a summary; default) or json (every email
	 *         sent or failed, and the verdict that stopped the run)
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp fix-mailersend held resend --all
	 *     $ wp fix-mailersend held resend 12 13 14
	 *
	 * @param array<int, string>   $args       Ids.
	 * @param array<string, mixed> $assoc_args Options.
	 * @return void
	 */
	public function resend( array $args, array $assoc_args ): void {
		$query = $this->selection( $args, $assoc_args, array( 'format' ), array( 'table', 'json' ) );
		if ( null === $query ) {
			return;
		}
		$format = $query['format'];
		$queued = null !== $query['ids'] ? $this->held->queue( $query['ids'] ) : ( $query['all'] ? $this->held->queue_all( $query['filter'] ) : 0 );

		if ( null === $query['ids'] && ! $query['all'] && 0 === $queued && 0 === $this->left() ) {
			WP_CLI::error( __( 'Nothing to resend: give ids, or --all (`wp fix-mailersend held list` shows what is held).', 'fix-mailersend' ), Command::EXIT_USAGE );
			return;
		}
		if ( 'table' === $format ) {
			WP_CLI::log(
				sprintf(
					/* translators: %s: number of emails. */
					_n( 'Queued %s email for resending.', 'Queued %s emails for resending.', $queued, 'fix-mailersend' ),
					number_format_i18n( $queued )
				)
			);
		}

		$sent    = array();
		$failed  = array();
		$stopped = null;
		$left    = 0;
		$waited  = 0;
		do {
			$batch   = $this->resender->run( Deadline::start( Resender::ACTION ) );
			$sent    = array_merge( $sent, $batch['sent'] );
			$failed  = array_merge( $failed, $batch['failed'] );
			$stopped = $batch['stopped'];
			$left    = $batch['left'];
			if ( 'table' === $format && $batch['done'] > 0 ) {
				WP_CLI::log(
					sprintf(
						/* translators: 1: emails sent so far, 2: emails failed so far, 3: emails left. */
						__( 'Sent %1$s, failed %2$s, %3$s left.', 'fix-mailersend' ),
						number_format_i18n( count( $sent ) ),
						number_format_i18n( count( $failed ) ),
						number_format_i18n( $left )
					)
				);
			}
			if ( 0 === $batch['done'] && $left > 0 ) {
				// Another request is sending them (or died doing so: released after a while).
				if ( $waited >= self::WAIT_FOR_OTHERS ) {
					break;
				}
				sleep( 1 );
				++$waited;
			}
		} while ( null === $stopped && $left > 0 );

		if ( 'json' === $format ) {
			$answer = array(
				'queued'  => $queued,
				'sent'    => $sent,
				'failed'  => $failed,
				'stopped' => $stopped,
				'left'    => $left,
			);
			$export = Token_Service::export( $answer );
			$json   = array( 'format' => 'json' );
			( new Formatter( $json, array_keys( $export ) ) )->display_item( $export );
		}

		if ( null !== $stopped ) {
			if ( 'table' === $format ) {
				Command::print_verdict( $stopped );
			}
			WP_CLI::error(
				sprintf(
					/* translators: 1: the reason, e.g. "MailerSend does not recognise this token", 2: number of emails sent. */
					__( 'Resending stopped: %1$s. Every other email would fail the same way, so they are held again; fix it, then run this again. %2$s sent before it stopped.', 'fix-mailersend' ),
					rtrim( $stopped->title(), '.' ),
					number_format_i18n( count( $sent ) )
				),
				max( 1, Command::exit_code( $stopped->id() ) )
			);
			return;
		}
		if ( $left > 0 ) {
			WP_CLI::error(
				sprintf(
					/* translators: %s: number of emails. */
					_n( '%s email is still being sent by another request; run this again later.', '%s emails are still being sent by another request; run this again later.', $left, 'fix-mailersend' ),
					number_format_i18n( $left )
				),
				Command::EXIT_ERROR
			);
			return;
		}
		if ( array() !== $failed ) {
			if ( 'table' === $format ) {
				WP_CLI::warning(
					sprintf(
						/* translators: 1: emails sent, 2: emails failed. */
						__( 'Resent %1$s; %2$s failed for a reason of their own (see `wp fix-mailersend held list --status=failed`).', 'fix-mailersend' ),
						number_format_i18n( count( $sent ) ),
						number_format_i18n( count( $failed ) )
					)
				);
			}
			WP_CLI::halt( Command::EXIT_ERROR );
		}
		if ( 'table' === $format ) {
			WP_CLI::success(
				sprintf(
					/* translators: %s: number of emails. */
					_n( 'Resent %s email.', 'Resent %s emails.', count( $sent ), 'fix-mailersend' ),
					number_format_i18n( count( $sent ) )
				)
			);
		}
	}

	/**
	 * Discards held emails: their body, headers and attachments are deleted
	 * (who, when and the subject stay in the list as discarded).
	 *
	 * ## OPTIONS
	 *
	 *     [<id>...]
	 *         the held emails to discard
	 *     [--all]
	 *         every email still waiting (with --before: only older ones);
	 *         asks first unless --yes
	 *     [--before=<time>]
	 *         with --all: only emails that failed before this time
	 *     [--yes]
	 *         do not ask
	 *     [--format=<format>]
	 *         table (default) or json ({"discarded": n})
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp fix-mailersend held discard 12 13
	 *     $ wp fix-mailersend held discard --all --before=2026-12-01 --yes
	 *
	 * @param array<int, string>   $args       Ids.
	 * @param array<string, mixed> $assoc_args Options.
	 * @return void
	 */
	public function discard( array $args, array $assoc_args ): void {
		$query = $this->selection( $args, $assoc_args, array( 'format', 'yes' ), array( 'table', 'json' ) );
		if ( null === $query ) {
			return;
		}
		if ( isset( $query['filter']['search'] ) ) {
			WP_CLI::error( __( 'discard takes ids, or --all with --before; not --search.', 'fix-mailersend' ), Command::EXIT_USAGE );
			return;
		}
		if ( null === $query['ids'] && ! $query['all'] ) {
			WP_CLI::error( __( 'Give ids, or --all.', 'fix-mailersend' ), Command::EXIT_USAGE );
			return;
		}
		if ( $query['all'] ) {
			$before = $query['filter']['before'] ?? null;
			WP_CLI::confirm(
				null !== $before
					/* translators: %s: a time (UTC). */
					? sprintf( __( 'Discard every held email that failed before %s UTC? They cannot be resent afterwards.', 'fix-mailersend' ), $before )
					: __( 'Discard every held email? They cannot be resent afterwards.', 'fix-mailersend' ),
				$assoc_args
			);
			$discarded = $this->held->discard_all( $before );
		} else {
			$discarded = $this->held->discard( (array) $query['ids'] );
		}

		if ( 'json' === $query['format'] ) {
			WP_CLI::line( (string) wp_json_encode( array( 'discarded' => $discarded ) ) );
			return;
		}
		WP_CLI::success(
			sprintf(
				/* translators: %s: number of emails. */
				_n( 'Discarded %s email.', 'Discarded %s emails.', $discarded, 'fix-mailersend' ),
				number_format_i18n( $discarded )
			)
		);
	}

	// -----------------------------------------------------------------------------------------
	// Input.
	// -----------------------------------------------------------------------------------------

	/**
	 * `list`'s query, or null after a usage error.
	 *
	 * @param array<int, string>   $args       Positional arguments: none.
	 * @param array<string, mixed> $assoc_args Options.
	 * @param string[]             $allowed    Options allowed.
	 * @param string[]             $formats    Formats allowed.
	 * @param bool                 $with_ids   Whether ids may be given.
	 * @return array{format: string, status?: string[], search?: string, before?: string}|null
	 */
	private function query( array $args, array $assoc_args, array $allowed, array $formats, bool $with_ids ): ?array {
		$format = $this->options( $assoc_args, $allowed, $formats );
		if ( null === $format ) {
			return null;
		}
		if ( ! $with_ids && array() !== $args ) {
			WP_CLI::error( __( 'This subcommand takes no arguments, only options: see `wp help fix-mailersend held`.', 'fix-mailersend' ), Command::EXIT_USAGE );
			return null;
		}
		$filter = $this->filter( $assoc_args );
		return null === $filter ? null : array( 'format' => $format ) + $filter;
	}

	/**
	 * `resend`'s and `discard`'s selection: ids, or --all with filters; null after a usage error.
	 *
	 * @param array<int, string>   $args       Ids.
	 * @param array<string, mixed> $assoc_args Options.
	 * @param string[]             $allowed    Options allowed besides all, before, search.
	 * @param string[]             $formats    Formats allowed.
	 * @return array{format: string, ids: int[]|null, all: bool, filter: array{search?: string, before?: string}}|null
	 */
	private function selection( array $args, array $assoc_args, array $allowed, array $formats ): ?array {
		$format = $this->options( $assoc_args, array_merge( $allowed, array( 'all', 'before', 'search' ) ), $formats );
		if ( null === $format ) {
			return null;
		}
		$all = isset( $assoc_args['all'] ) && false !== $assoc_args['all'] && 'false' !== $assoc_args['all'];
		$ids = array() !== $args ? self::ids_of( $args ) : null;
		if ( array() !== $args && null === $ids ) {
			WP_CLI::error( __( 'Ids are whole numbers (see `wp fix-mailersend held list`).', 'fix-mailersend' ), Command::EXIT_USAGE );
			return null;
		}
		$filter = $this->filter( $assoc_args );
		if ( null === $filter ) {
			return null;
		}
		if ( ( $all && null !== $ids ) || ( ! $all && array() !== $filter ) ) {
			WP_CLI::error( __( 'Give either ids, or --all (which --before and --search narrow).', 'fix-mailersend' ), Command::EXIT_USAGE );
			return null;
		}
		return array(
			'format' => $format,
			'ids'    => $ids,
			'all'    => $all,
			'filter' => $filter,
		);
	}

	/**
	 * --status, --search and --before, checked; null after a usage error.
	 *
	 * @param array<string, mixed> $assoc_args Options.
	 * @return array{status?: string[], search?: string, before?: string}|null
	 */
	private function filter( array $assoc_args ): ?array {
		$filter = array();
		if ( isset( $assoc_args['status'] ) ) {
			$statuses = array_values( array_filter( array_map( 'trim', explode( ',', (string) $assoc_args['status'] ) ), static fn( string $status ): bool => '' !== $status ) );
			if ( array() === $statuses || array() !== array_diff( $statuses, Held_Emails::STATUSES ) ) {
				WP_CLI::error(
					sprintf(
						/* translators: %s: the statuses, comma-separated. */
						__( '--status takes a comma-separated list of: %s.', 'fix-mailersend' ),
						implode( ', ', Held_Emails::STATUSES )
					),
					Command::EXIT_USAGE
				);
				return null;
			}
			$filter['status'] = $statuses;
		}
		if ( isset( $assoc_args['search'] ) ) {
			$search = trim( (string) $assoc_args['search'] );
			if ( '' === $search || strlen( $search ) > 200 ) {
				WP_CLI::error( __( '--search takes a text of 1 to 200 characters.', 'fix-mailersend' ), Command::EXIT_USAGE );
				return null;
			}
			$filter['search'] = $search;
		}
		if ( isset( $assoc_args['before'] ) ) {
			$before = Held_Emails::parse_before( (string) $assoc_args['before'] );
			if ( null === $before ) {
				WP_CLI::error( __( '--before must be a real date or date and time: YYYY-MM-DD, "YYYY-MM-DD HH:MM:SS" or ISO 8601.', 'fix-mailersend' ), Command::EXIT_USAGE );
				return null;
			}
			$filter['before'] = $before;
		}
		return $filter;
	}

	/**
	 * Refuses unknown options and returns the --format, or null after a usage error (exit 2).
	 *
	 * @param array<string, mixed> $assoc_args Options.
	 * @param string[]             $allowed    Options allowed.
	 * @param string[]             $formats    Formats allowed.
	 * @return string|null
	 */
	private function options( array $assoc_args, array $allowed, array $formats ): ?string {
		foreach ( array_keys( $assoc_args ) as $key ) {
			if ( ! in_array( (string) $key, $allowed, true ) ) {
				WP_CLI::error(
					sprintf(
						/* translators: 1: the unknown option, 2: the known options. */
						__( 'Unknown option --%1$s. Known options: %2$s.', 'fix-mailersend' ),
						substr( (string) $key, 0, 40 ),
						'--' . implode( ', --', $allowed )
					),
					Command::EXIT_USAGE
				);
				return null;
			}
		}
		$format = $assoc_args['format'] ?? 'table';
		if ( is_string( $format ) && in_array( $format, $formats, true ) ) {
			return $format;
		}
		WP_CLI::error(
			sprintf(
				/* translators: %s: the formats, comma-separated. */
				__( '--format must be one of: %s.', 'fix-mailersend' ),
				implode( ', ', $formats )
			),
			Command::EXIT_USAGE
		);
		return null;
	}

	/**
	 * Positive whole-number ids, or null when one is not.
	 *
	 * @param array<int, string> $args Arguments.
	 * @return int[]|null
	 */
	private static function ids_of( array $args ): ?array {
		$ids = array();
		foreach ( $args as $arg ) {
			if ( 1 !== preg_match( '/^[1-9]\d{0,18}$/', (string) $arg ) ) {
				return null;
			}
			$ids[] = (int) $arg;
		}
		return array() === $ids ? null : array_values( array_unique( $ids ) );
	}

	/**
	 * Emails still queued or being sent.
	 *
	 * @return int
	 */
	private function left(): int {
		$counts = $this->held->store()->counts();
		return (int) ( $counts['queued'] ?? 0 ) + (int) ( $counts['sending'] ?? 0 );
	}

	// -----------------------------------------------------------------------------------------
	// Output.
	// -----------------------------------------------------------------------------------------

	/**
	 * A list item as a table row.
	 *
	 * @param array<string, mixed> $item Summary.
	 * @return array<string, string>
	 */
	private static function row( array $item ): array {
		return array(
			'id'         => (string) $item['id'],
			'created_at' => (string) $item['created_at'],
			'status'     => (string) $item['status'],
			'kind'       => (string) $item['kind'],
			'to'         => implode( ', ', (array) $item['to'] ),
			'subject'    => (string) $item['subject'],
			'initiator'  => (string) $item['initiator'],
			'verdict'    => (string) $item['verdict'],
			'repeat'     => $item['repeat'] ? 'yes' : 'no',
			'sendable'   => $item['sendable'] ? 'yes' : 'no',
			'result'     => self::result( $item ),
		);
	}

	/**
	 * An email's status in words, with MailerSend's message id or the failure's verdict.
	 *
	 * @param array<string, mixed> $item Summary.
	 * @return string
	 */
	private static function result( array $item ): string {
		if ( 'sent' === $item['status'] && null !== $item['result_id'] ) {
			return 'sent (' . $item['result_id'] . ')';
		}
		if ( 'failed' === $item['status'] && null !== $item['result_verdict'] ) {
			return 'failed (' . $item['result_verdict'] . ')';
		}
		return (string) $item['status'];
	}
}
