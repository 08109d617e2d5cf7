<?php
/**
 * The held emails: failed emails kept to be resent once the token is fixed.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Recovery;

defined( 'ABSPATH' ) || exit;

/**
 * Two tables per site (never on disk, never reachable over HTTP):
 * - `{prefix}fix_mailersend_held`: one row per email that failed through MailerSend with a
 *   verdict that `holds` (Verdicts::holds()); `args` keeps what was given to wp_mail() (kind
 *   `whole`) or nothing (kind `link`: a login-link email; kind `too_large`: over the per-email
 *   cap), and the row keeps who, when, subject, sender and who sent it;
 * - `{prefix}fix_mailersend_held_files`: the attachments, copied at the moment of failure
 *   (content base64-encoded in a LONGBLOB, written and read in chunks so that no query comes
 *   near MariaDB's `max_allowed_packet`).
 *
 * Created and upgraded by dbDelta when the option `fix_mailersend_db_version` differs from
 * DB_VERSION (maybe_install(): on `admin_init`, on activation, before the first insert);
 * dropped on uninstall. Status of a row: held → queued → sending → sent | failed, or discarded;
 * a sent or discarded row keeps only its summary (args and files are deleted).
 *
 * Claiming is atomic (claim_next(): one UPDATE … LIMIT 1 on a `queued` row), so two requests
 * never send the same email. Retention (prune()): `fix_mailersend_hold_days` (30),
 * `fix_mailersend_hold_max_emails` (1000), `fix_mailersend_hold_max_bytes` (50 MB),
 * oldest dropped first; `fix_mailersend_hold_max_email_bytes` (10 MB) per email.
 */
final class Held_Store {

	/**
	 * Version of the tables' schema.
	 */
	const DB_VERSION = '1';

	/**
	 * Option: the schema version installed on this site.
	 */
	const DB_VERSION_OPTION = 'fix_mailersend_db_version';

	/**
	 * Option: '1' (default) keeps failed emails, '0' keeps none.
	 */
	const HOLDING_OPTION = 'fix_mailersend_holding';

	/**
	 * Table of the emails (without the site's prefix).
	 */
	const TABLE = 'fix_mailersend_held';

	/**
	 * Table of the attachments (without the site's prefix).
	 */
	const FILES_TABLE = 'fix_mailersend_held_files';

	/**
	 * Statuses.
	 */
	const STATUSES = array( 'held', 'queued', 'sending', 'sent', 'failed', 'discarded' );

	/**
	 * Kinds.
	 */
	const KINDS = array( 'whole', 'link', 'too_large' );

	/**
	 * Statuses query() lists by default: not yet resent nor discarded.
	 */
	const OPEN_STATUSES = array( 'held', 'queued', 'sending', 'failed' );

	/**
	 * Defaults of the caps.
	 */
	const DEFAULT_DAYS            = 30;
	const DEFAULT_MAX_EMAILS      = 1000;
	const DEFAULT_MAX_BYTES       = 52428800;
	const DEFAULT_MAX_EMAIL_BYTES = 10485760;

	/**
	 * Raw bytes of an attachment written or read per query (a multiple of 3: base64 chunks
	 * concatenate to the base64 of the whole).
	 */
	const CHUNK = 786432;

	/**
	 * Most ids one query(), queue() or discard() takes.
	 */
	const MAX_IDS = 1000;

	/**
	 * Whether each table (by full name) exists, as found in this request.
	 *
	 * @var array<string, bool>
	 */
	private static $known = array();

	/**
	 * The emails' table, with this site's prefix.
	 *
	 * @return string
	 */
	public function table(): string {
		global $wpdb;
		return $wpdb->prefix . self::TABLE;
	}

	/**
	 * The attachments' table, with this site's prefix.
	 *
	 * @return string
	 */
	public function files_table(): string {
		global $wpdb;
		return $wpdb->prefix . self::FILES_TABLE;
	}

	/**
	 * Creates or upgrades both tables (dbDelta; idempotent) and records DB_VERSION.
	 *
	 * @return void
	 */
	public function install(): void {
		global $wpdb;
		if ( ! function_exists( 'dbDelta' ) ) {
			// @phpstan-ignore requireOnce.fileNotFound
			require_once ABSPATH . 'wp-admin/includes/upgrade.php';
		}
		$collate = $wpdb->get_charset_collate();
		$held    = $this->table();
		$files   = $this->files_table();

		// dbDelta's format: two spaces after PRIMARY KEY, one KEY per line.
		dbDelta(
			"CREATE TABLE {$held} (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  created_at datetime NOT NULL,
  status varchar(12) NOT NULL,
  kind varchar(12) NOT NULL,
  verdict varchar(40) NOT NULL,
  recipients text NOT NULL,
  subject text NOT NULL,
  sender varchar(191) NOT NULL,
  initiator varchar(191) NOT NULL,
  fingerprint char(40) NOT NULL,
  args longtext NULL,
  bytes int(10) unsigned NOT NULL DEFAULT 0,
  claim varchar(40) NULL,
  claimed_at datetime NULL,
  result_id varchar(64) NULL,
  result_verdict varchar(40) NULL,
  finished_at datetime NULL,
  PRIMARY KEY  (id),
  KEY created_at (created_at),
  KEY status_created (status,created_at),
  KEY fingerprint (fingerprint)
) {$collate};
CREATE TABLE {$files} (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  email_id bigint(20) unsigned NOT NULL,
  name varchar(255) NOT NULL,
  type varchar(191) NOT NULL,
  bytes int(10) unsigned NOT NULL DEFAULT 0,
  content longblob NOT NULL,
  PRIMARY KEY  (id),
  KEY email_id (email_id)
) {$collate};"
		);
		update_option( self::DB_VERSION_OPTION, self::DB_VERSION, true );
		self::$known = array();
	}

	/**
	 * Runs install() when this site's tables are missing or older than DB_VERSION.
	 *
	 * @return void
	 */
	public function maybe_install(): void {
		if ( self::DB_VERSION !== get_option( self::DB_VERSION_OPTION ) ) {
			$this->install();
		}
	}

	/**
	 * Drops both tables and forgets the version (uninstall).
	 *
	 * @return void
	 */
	public function drop(): void {
		global $wpdb;
		// phpcs:disable WordPress.DB.DirectDatabaseQuery.SchemaChange, WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own tables.
		$wpdb->query( "DROP TABLE IF EXISTS {$this->files_table()}" );
		$wpdb->query( "DROP TABLE IF EXISTS {$this->table()}" );
		// phpcs:enable
		delete_option( self::DB_VERSION_OPTION );
		self::$known = array();
	}

	/**
	 * Whether failed emails are kept (option `fix_mailersend_holding`, on unless '0').
	 *
	 * @return bool
	 */
	public function holding(): bool {
		return '0' !== (string) get_option( self::HOLDING_OPTION, '1' );
	}

	/**
	 * Turns holding on or off; off deletes every held email and attachment (delete_all()).
	 *
	 * @param bool $on On.
	 * @return void
	 */
	public function set_holding( bool $on ): void {
		update_option( self::HOLDING_OPTION, $on ? '1' : '0', true );
		if ( ! $on ) {
			$this->delete_all();
		}
	}

	/**
	 * Deletes every row of both tables (whatever its status).
	 *
	 * @return int Emails deleted.
	 */
	public function delete_all(): int {
		global $wpdb;
		if ( ! $this->exists() ) {
			return 0;
		}
		// phpcs:disable WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own tables; DELETE, not TRUNCATE (no implicit commit).
		$wpdb->query( "DELETE FROM {$this->files_table()}" );
		$deleted = $wpdb->query( "DELETE FROM {$this->table()}" );
		// phpcs:enable
		return is_int( $deleted ) ? $deleted : 0;
	}

	/**
	 * Keeps one failed email (Held_Capture), then prune()s.
	 *
	 * Keys of $email: `verdict` (id of the failure), `kind` (`whole` by default, `link`,
	 * `too_large`), `recipients` (To + Cc + Bcc addresses), `subject`, `sender` (From address,
	 * '' if unknown), `initiator` (who called wp_mail()), `args` ({to: string[], subject,
	 * message, headers: string[]} as given to wp_mail(); kind whole), `files` ([{name, type,
	 * content}]: the attachments; kind whole), `created_at` (Y-m-d H:i:s UTC, default now),
	 * `bytes` (kind too_large: how large it was).
	 *
	 * @param array<string, mixed> $email The email.
	 * @return int|null The row's id, null when not kept (holding off, or the database refused).
	 */
	public function add( array $email ): ?int {
		global $wpdb;
		if ( ! $this->holding() ) {
			return null;
		}
		$this->maybe_install();

		$kind       = isset( $email['kind'] ) && in_array( $email['kind'], self::KINDS, true ) ? (string) $email['kind'] : 'whole';
		$recipients = self::recipients( $email['recipients'] ?? array() );
		$subject    = self::text( $email['subject'] ?? '' );
		$args       = isset( $email['args'] ) && is_array( $email['args'] ) ? $email['args'] : array();
		$files      = array();
		foreach ( isset( $email['files'] ) && is_array( $email['files'] ) ? $email['files'] : array() as $file ) {
			if ( is_array( $file ) && isset( $file['content'] ) && is_string( $file['content'] ) ) {
				$files[] = array(
					'name'    => self::cut( self::text( $file['name'] ?? '' ), 255 ),
					'type'    => self::cut( self::text( $file['type'] ?? '' ), 191 ),
					'content' => $file['content'],
				);
			}
		}
		$message = 'whole' === $kind || 'too_large' === $kind ? self::text( $args['message'] ?? '' ) : '';

		$json  = null;
		$bytes = 0;
		if ( 'whole' === $kind ) {
			$list = array();
			foreach ( $files as $file ) {
				$list[] = array(
					'name' => $file['name'],
					'type' => $file['type'],
					'size' => strlen( $file['content'] ),
				);
			}
			$json  = (string) wp_json_encode(
				array(
					'to'          => array_values( array_map( array( __CLASS__, 'text' ), (array) ( $args['to'] ?? array() ) ) ),
					'subject'     => self::text( $args['subject'] ?? $subject ),
					'message'     => $message,
					'headers'     => array_values( array_map( array( __CLASS__, 'text' ), (array) ( $args['headers'] ?? array() ) ) ),
					'attachments' => $list,
				)
			);
			$bytes = strlen( $json ) + (int) array_sum( array_column( $list, 'size' ) );
			if ( $bytes > $this->max_email_bytes() ) {
				// Only who, when, subject and sender; `bytes` says how large it was.
				$kind = 'too_large';
				$json = null;
			}
		}//end if
		if ( 'whole' !== $kind ) {
			$files = array();
		}
		if ( 'too_large' === $kind && isset( $email['bytes'] ) && is_numeric( $email['bytes'] ) ) {
			$bytes = (int) $email['bytes'];
		}

		// A login-link email's body is not even hashed: only who and what (its repeats).
		$fingerprint = sha1( strtolower( implode( ', ', $recipients ) ) . "\n" . $subject . "\n" . ( 'link' === $kind ? '' : $message ) );

		// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery -- the plugin's own table.
		$inserted = $wpdb->insert(
			$this->table(),
			array(
				'created_at'  => self::datetime( $email['created_at'] ?? null ),
				'status'      => 'held',
				'kind'        => $kind,
				'verdict'     => self::cut( self::text( $email['verdict'] ?? '' ), 40 ),
				'recipients'  => implode( ', ', $recipients ),
				'subject'     => $subject,
				'sender'      => self::cut( strtolower( self::text( $email['sender'] ?? '' ) ), 191 ),
				'initiator'   => self::cut( self::text( $email['initiator'] ?? '' ), 191 ),
				'fingerprint' => $fingerprint,
				'args'        => $json,
				'bytes'       => $bytes,
			),
			array( '%s', '%s', '%s', '%s', '%s', '%s', '%s', '%s', '%s', '%s', '%d' )
		);
		if ( false === $inserted ) {
			return null;
		}
		$id = (int) $wpdb->insert_id;
		foreach ( $files as $file ) {
			if ( ! $this->add_file( $id, $file['name'], $file['type'], $file['content'] ) ) {
				// Half an email is not worth resending: keep who/when/subject only.
				$this->strip( array( $id ), 'too_large' );
				break;
			}
		}
		$this->prune();
		return $id;
	}

	/**
	 * Stores one attachment in chunks.
	 *
	 * @param int    $email_id Email.
	 * @param string $name     File name.
	 * @param string $type     MIME type.
	 * @param string $content  Bytes.
	 * @return bool Whether all of it was stored.
	 */
	private function add_file( int $email_id, string $name, string $type, string $content ): bool {
		global $wpdb;
		$files = $this->files_table();
		// phpcs:disable WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own table.
		$inserted = $wpdb->insert(
			$files,
			array(
				'email_id' => $email_id,
				'name'     => $name,
				'type'     => $type,
				'bytes'    => strlen( $content ),
				'content'  => base64_encode( substr( $content, 0, self::CHUNK ) ), // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode -- binary kept as text in the database.
			),
			array( '%d', '%s', '%s', '%d', '%s' )
		);
		if ( false === $inserted ) {
			return false;
		}
		$file_id = (int) $wpdb->insert_id;
		$length  = strlen( $content );
		for ( $offset = self::CHUNK; $offset < $length; $offset += self::CHUNK ) {
			$chunk = base64_encode( substr( $content, $offset, self::CHUNK ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode
			if ( false === $wpdb->query( $wpdb->prepare( "UPDATE {$files} SET content = CONCAT(content, %s) WHERE id = %d", $chunk, $file_id ) ) ) {
				return false;
			}
		}
		// phpcs:enable
		return true;
	}

	/**
	 * A page of emails, newest first (summaries, no args).
	 *
	 * Keys of $q: `status` (string[], default OPEN_STATUSES), `search` (in recipients,
	 * subject, sender, initiator), `before` (only emails that failed before this time,
	 * Y-m-d H:i:s UTC), `page` (1), `per_page` (20, at most 100), `ids` (int[]: only these).
	 *
	 * @param array<string, mixed> $q The query.
	 * @return array{items: array<int, array<string, mixed>>, total: int}
	 */
	public function query( array $q ): array {
		global $wpdb;
		if ( ! $this->exists() ) {
			return array(
				'items' => array(),
				'total' => 0,
			);
		}
		$per_page = isset( $q['per_page'] ) && is_numeric( $q['per_page'] ) ? max( 1, min( 100, (int) $q['per_page'] ) ) : 20;
		$page     = isset( $q['page'] ) && is_numeric( $q['page'] ) ? max( 1, (int) $q['page'] ) : 1;
		$sql      = implode( ' AND ', $this->where( $q ) );

		// phpcs:disable WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared -- the plugin's own table; $sql is built from prepared parts.
		$total = (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$this->table()} WHERE {$sql}" );
		$rows  = $wpdb->get_results(
			$wpdb->prepare( "SELECT {$this->summary_columns()} FROM {$this->table()} WHERE {$sql} ORDER BY created_at DESC, id DESC LIMIT %d OFFSET %d", $per_page, ( $page - 1 ) * $per_page ),
			'ARRAY_A'
		);
		// phpcs:enable
		return array(
			'items' => $this->summaries( is_array( $rows ) ? $rows : array() ),
			'total' => $total,
		);
	}

	/**
	 * Every email "all" resends, in one query, newest first: kind whole, held or failed, not a
	 * repeat of an earlier email (repeats()), matching `search` and `before` as query() does.
	 *
	 * @param array<string, mixed> $q `search`, `before` (query()'s keys; others are ignored).
	 * @return int[]
	 */
	public function sendable_ids( array $q ): array {
		global $wpdb;
		if ( ! $this->exists() ) {
			return array();
		}
		$where   = $this->where(
			array(
				'status' => array( 'held', 'failed' ),
				'search' => $q['search'] ?? '',
				'before' => $q['before'] ?? null,
			)
		);
		$where[] = "h.kind = 'whole'";
		$where[] = 'NOT ' . $this->repeat_sql();
		$sql     = implode( ' AND ', $where );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared -- the plugin's own table; $sql is built from prepared parts.
		$found = $wpdb->get_col( "SELECT h.id FROM {$this->table()} h WHERE {$sql} ORDER BY h.created_at DESC, h.id DESC" );
		return self::ids( is_array( $found ) ? $found : array() );
	}

	/**
	 * The conditions of query() (on the outer table's columns, unqualified).
	 *
	 * @param array<string, mixed> $q The query.
	 * @return string[]
	 */
	private function where( array $q ): array {
		global $wpdb;
		$statuses = isset( $q['status'] ) && is_array( $q['status'] ) ? array_values( array_intersect( $q['status'], self::STATUSES ) ) : self::OPEN_STATUSES;
		$where    = array( $this->in( 'status', $statuses ) );
		$search   = isset( $q['search'] ) && is_scalar( $q['search'] ) ? trim( (string) $q['search'] ) : '';
		if ( '' !== $search ) {
			$like    = '%' . $wpdb->esc_like( $search ) . '%';
			$where[] = $wpdb->prepare( '(recipients LIKE %s OR subject LIKE %s OR sender LIKE %s OR initiator LIKE %s)', $like, $like, $like, $like );
		}
		if ( isset( $q['before'] ) && is_string( $q['before'] ) && '' !== $q['before'] ) {
			$where[] = $wpdb->prepare( 'created_at < %s', self::datetime( $q['before'] ) );
		}
		if ( isset( $q['ids'] ) && is_array( $q['ids'] ) ) {
			$where[] = $this->in( 'id', self::ids( $q['ids'] ) );
		}
		return $where;
	}

	/**
	 * The condition "row h repeats an earlier email kept" (repeats(), sendable_ids()).
	 *
	 * @return string
	 */
	private function repeat_sql(): string {
		return "EXISTS (SELECT 1 FROM {$this->table()} e WHERE e.fingerprint = h.fingerprint AND e.id < h.id AND e.status <> 'discarded')";
	}

	/**
	 * One email: its summary, `args` (decoded; null unless kind whole and not yet sent or
	 * discarded) and `attachments` [{name, type, bytes}] (no content).
	 *
	 * @param int $id Id.
	 * @return array<string, mixed>|null
	 */
	public function get( int $id ): ?array {
		global $wpdb;
		if ( ! $this->exists() ) {
			return null;
		}
		// phpcs:disable WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own tables.
		$row = $wpdb->get_row( $wpdb->prepare( "SELECT {$this->summary_columns()}, args FROM {$this->table()} WHERE id = %d", $id ), 'ARRAY_A' );
		if ( ! is_array( $row ) ) {
			return null;
		}
		$files = $wpdb->get_results( $wpdb->prepare( "SELECT name, type, bytes FROM {$this->files_table()} WHERE email_id = %d ORDER BY id", $id ), 'ARRAY_A' );
		// phpcs:enable
		$args         = is_string( $row['args'] ) ? json_decode( $row['args'], true ) : null;
		$item         = $this->summaries( array( $row ) )[0];
		$item['args'] = is_array( $args ) ? $args : null;
		$list         = array();
		foreach ( is_array( $files ) ? $files : array() as $file ) {
			$list[] = array(
				'name'  => (string) $file['name'],
				'type'  => (string) $file['type'],
				'bytes' => (int) $file['bytes'],
			);
		}
		$item['attachments'] = $list;
		return $item;
	}

	/**
	 * An email's attachments with their content, in the order they were given (for resending).
	 *
	 * @param int $id Email id.
	 * @return array<int, array{name: string, type: string, content: string}>
	 */
	public function files( int $id ): array {
		global $wpdb;
		if ( ! $this->exists() ) {
			return array();
		}
		$table = $this->files_table();
		// phpcs:disable WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own table.
		$rows  = $wpdb->get_results( $wpdb->prepare( "SELECT id, name, type, LENGTH(content) AS encoded FROM {$table} WHERE email_id = %d ORDER BY id", $id ), 'ARRAY_A' );
		$files = array();
		foreach ( is_array( $rows ) ? $rows : array() as $row ) {
			$content = '';
			$step    = (int) ( self::CHUNK / 3 * 4 );
			for ( $pos = 1; $pos <= (int) $row['encoded']; $pos += $step ) {
				$chunk    = $wpdb->get_var( $wpdb->prepare( "SELECT SUBSTRING(content, %d, %d) FROM {$table} WHERE id = %d", $pos, $step, (int) $row['id'] ) );
				$content .= (string) base64_decode( (string) $chunk, true ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_decode
			}
			$files[] = array(
				'name'    => (string) $row['name'],
				'type'    => (string) $row['type'],
				'content' => $content,
			);
		}
		// phpcs:enable
		return $files;
	}

	/**
	 * How many emails are in each status; `waiting` = those that can still be resent: kind whole and
	 * held, queued, sending or failed (a login-link or too-large email is listed, never resent).
	 *
	 * @return array{held: int, queued: int, sending: int, sent: int, failed: int, discarded: int, waiting: int}
	 */
	public function counts(): array {
		global $wpdb;
		$counts  = array_fill_keys( self::STATUSES, 0 );
		$waiting = 0;
		if ( $this->exists() ) {
			// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own table.
			$rows = $wpdb->get_results( "SELECT status, kind, COUNT(*) AS n FROM {$this->table()} GROUP BY status, kind", 'ARRAY_A' );
			foreach ( is_array( $rows ) ? $rows : array() as $row ) {
				if ( isset( $counts[ $row['status'] ] ) ) {
					$counts[ $row['status'] ] += (int) $row['n'];
				}
				if ( 'whole' === $row['kind'] && in_array( $row['status'], array( 'held', 'queued', 'sending', 'failed' ), true ) ) {
					$waiting += (int) $row['n'];
				}
			}
		}
		$counts['waiting'] = $waiting;
		return $counts;
	}

	/**
	 * Queues emails for resending: those of kind whole that are held or failed.
	 *
	 * @param int[] $ids Ids.
	 * @return int How many were queued.
	 */
	public function queue( array $ids ): int {
		global $wpdb;
		$ids = self::ids( $ids );
		if ( ! $ids || ! $this->exists() ) {
			return 0;
		}
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared -- the plugin's own table; in() is prepared.
		$n = $wpdb->query( "UPDATE {$this->table()} SET status = 'queued', claim = NULL, claimed_at = NULL WHERE kind = 'whole' AND status IN ('held','failed') AND " . $this->in( 'id', $ids ) );
		return is_int( $n ) ? $n : 0;
	}

	/**
	 * Puts every queued email back to held (a run stopped).
	 *
	 * @return int How many.
	 */
	public function unqueue_all(): int {
		global $wpdb;
		if ( ! $this->exists() ) {
			return 0;
		}
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own table.
		$n = $wpdb->query( "UPDATE {$this->table()} SET status = 'held' WHERE status = 'queued'" );
		return is_int( $n ) ? $n : 0;
	}

	/**
	 * Claims the oldest queued email for sending, atomically: one UPDATE … LIMIT 1 that only a
	 * `queued` row passes, so two concurrent callers never get the same email.
	 *
	 * @param string $claim A fresh random string (≤ 40 characters) per call.
	 * @return array<string, mixed>|null get()'s shape, or null when nothing is queued.
	 */
	public function claim_next( string $claim ): ?array {
		global $wpdb;
		if ( '' === $claim || ! $this->exists() ) {
			return null;
		}
		$table = $this->table();
		// phpcs:disable WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own table.
		$n = $wpdb->query( $wpdb->prepare( "UPDATE {$table} SET status = 'sending', claim = %s, claimed_at = %s WHERE status = 'queued' ORDER BY id LIMIT 1", self::cut( $claim, 40 ), gmdate( 'Y-m-d H:i:s' ) ) );
		if ( 1 !== $n ) {
			return null;
		}
		$id = $wpdb->get_var( $wpdb->prepare( "SELECT id FROM {$table} WHERE claim = %s AND status = 'sending' ORDER BY claimed_at DESC, id DESC LIMIT 1", self::cut( $claim, 40 ) ) );
		// phpcs:enable
		return null === $id ? null : $this->get( (int) $id );
	}

	/**
	 * Ends a claimed send: `sent` (with MailerSend's message id; its args and files are deleted)
	 * or `failed` (with the verdict; kept, so it can be queued again). Only the claim's holder
	 * may end it.
	 *
	 * @param int         $id        Email id.
	 * @param string      $claim     The claim given to claim_next().
	 * @param string      $status    `sent` or `failed`.
	 * @param string|null $result_id MailerSend's message id.
	 * @param string|null $verdict   Verdict id of the failure.
	 * @return bool Whether it was this claim's to end.
	 */
	public function finish( int $id, string $claim, string $status, ?string $result_id, ?string $verdict ): bool {
		global $wpdb;
		if ( ! in_array( $status, array( 'sent', 'failed' ), true ) || '' === $claim || ! $this->exists() ) {
			return false;
		}
		$table = $this->table();
		$set   = $wpdb->prepare( 'status = %s, finished_at = %s', $status, gmdate( 'Y-m-d H:i:s' ) )
			. ( null === $result_id ? ', result_id = NULL' : $wpdb->prepare( ', result_id = %s', self::cut( $result_id, 64 ) ) )
			. ( null === $verdict ? ', result_verdict = NULL' : $wpdb->prepare( ', result_verdict = %s', self::cut( $verdict, 40 ) ) );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared -- the plugin's own table; $set is prepared.
		$n = $wpdb->query( $wpdb->prepare( "UPDATE {$table} SET {$set}, claim = NULL, claimed_at = NULL WHERE id = %d AND claim = %s AND status = 'sending'", $id, self::cut( $claim, 40 ) ) );
		if ( 1 !== $n ) {
			return false;
		}
		if ( 'sent' === $status ) {
			$this->strip( array( $id ), null );
		}
		return true;
	}

	/**
	 * Puts back to `queued` the emails claimed more than $seconds ago and never finished (the
	 * request that claimed them died mid-send).
	 *
	 * @param int $seconds Age.
	 * @return int How many.
	 */
	public function release_stale( int $seconds ): int {
		global $wpdb;
		if ( ! $this->exists() ) {
			return 0;
		}
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own table.
		$n = $wpdb->query( $wpdb->prepare( "UPDATE {$this->table()} SET status = 'queued', claim = NULL, claimed_at = NULL WHERE status = 'sending' AND claimed_at < %s", gmdate( 'Y-m-d H:i:s', time() - max( 0, $seconds ) ) ) );
		return is_int( $n ) ? $n : 0;
	}

	/**
	 * Discards emails not being sent nor sent (held, queued, failed): their args and files are
	 * deleted, who/when/subject stay (status `discarded`) until retention drops them.
	 *
	 * @param int[] $ids Ids.
	 * @return int How many.
	 */
	public function discard( array $ids ): int {
		$ids = self::ids( $ids );
		return $ids ? $this->discard_where( $this->in( 'id', $ids ) ) : 0;
	}

	/**
	 * Discards every email not being sent nor sent, or only those that failed before a time.
	 *
	 * @param string|null $before Y-m-d H:i:s UTC, or null for all.
	 * @return int How many.
	 */
	public function discard_all( ?string $before = null ): int {
		global $wpdb;
		return $this->discard_where( null === $before || '' === $before ? '1=1' : $wpdb->prepare( 'created_at < %s', self::datetime( $before ) ) );
	}

	/**
	 * Discards the open emails a (prepared) condition selects.
	 *
	 * @param string $condition SQL.
	 * @return int
	 */
	private function discard_where( string $condition ): int {
		global $wpdb;
		if ( ! $this->exists() ) {
			return 0;
		}
		// phpcs:disable WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared -- the plugin's own table; the condition is prepared.
		$ids = $wpdb->get_col( "SELECT id FROM {$this->table()} WHERE status IN ('held','queued','failed') AND {$condition}" );
		$ids = self::ids( is_array( $ids ) ? $ids : array() );
		if ( ! $ids ) {
			return 0;
		}
		$n = $wpdb->query( $wpdb->prepare( "UPDATE {$this->table()} SET status = 'discarded', finished_at = %s, claim = NULL, claimed_at = NULL WHERE status IN ('held','queued','failed') AND ", gmdate( 'Y-m-d H:i:s' ) ) . $this->in( 'id', $ids ) );
		// phpcs:enable
		$this->strip( $ids, null );
		return is_int( $n ) ? $n : 0;
	}

	/**
	 * Deletes the args and files of emails (sent, discarded), or turns them into a kind that
	 * keeps none.
	 *
	 * @param int[]       $ids  Ids.
	 * @param string|null $kind New kind, or null to keep it.
	 * @return void
	 */
	private function strip( array $ids, ?string $kind ): void {
		global $wpdb;
		if ( ! $ids ) {
			return;
		}
		$set = null === $kind ? '' : $wpdb->prepare( ', kind = %s', $kind );
		// phpcs:disable WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared -- the plugin's own tables; parts prepared.
		$wpdb->query( "UPDATE {$this->table()} SET args = NULL{$set} WHERE " . $this->in( 'id', $ids ) );
		$wpdb->query( "DELETE FROM {$this->files_table()} WHERE " . $this->in( 'email_id', $ids ) );
		// phpcs:enable
	}

	/**
	 * Retention: drops emails older than `fix_mailersend_hold_days`, then the oldest beyond
	 * `fix_mailersend_hold_max_emails`, then the oldest whose args and files exceed
	 * `fix_mailersend_hold_max_bytes` together. Emails being sent are left alone.
	 *
	 * @return int Emails deleted.
	 */
	public function prune(): int {
		global $wpdb;
		if ( ! $this->exists() ) {
			return 0;
		}
		$table   = $this->table();
		$deleted = array();

		/**
		 * Filters how many days a failed email is kept (default 30).
		 *
		 * @since 0.9.0
		 *
		 * @param int $days Days.
		 */
		$days   = (int) apply_filters( 'fix_mailersend_hold_days', self::DEFAULT_DAYS );
		$cutoff = gmdate( 'Y-m-d H:i:s', time() - max( 0, $days ) * 86400 );
		// phpcs:disable WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own table.
		$old = $wpdb->get_col( $wpdb->prepare( "SELECT id FROM {$table} WHERE created_at < %s AND status <> 'sending'", $cutoff ) );
		foreach ( is_array( $old ) ? $old : array() as $id ) {
			$deleted[ (int) $id ] = true;
		}

		/**
		 * Filters how many failed emails are kept at most (default 1000; the oldest go first).
		 *
		 * @since 0.9.0
		 *
		 * @param int $max Emails.
		 */
		$max   = max( 0, (int) apply_filters( 'fix_mailersend_hold_max_emails', self::DEFAULT_MAX_EMAILS ) );
		$count = (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$table} WHERE status <> 'sending'" ) - count( $deleted );
		if ( $count > $max ) {
			$ids = $wpdb->get_col( "SELECT id FROM {$table} WHERE status <> 'sending' ORDER BY created_at ASC, id ASC" );
			foreach ( is_array( $ids ) ? $ids : array() as $id ) {
				if ( $count <= $max ) {
					break;
				}
				if ( ! isset( $deleted[ (int) $id ] ) ) {
					$deleted[ (int) $id ] = true;
					--$count;
				}
			}
		}

		/**
		 * Filters how many bytes the kept emails (bodies and attachments) may take together
		 * (default 50 MB; the oldest go first).
		 *
		 * @since 0.9.0
		 *
		 * @param int $bytes Bytes.
		 */
		$max_bytes = max( 0, (int) apply_filters( 'fix_mailersend_hold_max_bytes', self::DEFAULT_MAX_BYTES ) );
		$sizes     = $wpdb->get_results( "SELECT id, bytes FROM {$table} WHERE status <> 'sending' AND args IS NOT NULL ORDER BY created_at DESC, id DESC", 'ARRAY_A' );
		$sum       = 0;
		foreach ( is_array( $sizes ) ? $sizes : array() as $row ) {
			if ( isset( $deleted[ (int) $row['id'] ] ) ) {
				continue;
			}
			$sum += (int) $row['bytes'];
			if ( $sum > $max_bytes ) {
				$deleted[ (int) $row['id'] ] = true;
			}
		}
		// phpcs:enable

		$ids = array_keys( $deleted );
		foreach ( array_chunk( $ids, self::MAX_IDS ) as $chunk ) {
			$this->delete( $chunk );
		}
		return count( $ids );
	}

	/**
	 * Deletes emails and their files for good.
	 *
	 * @param int[] $ids Ids.
	 * @return int How many emails.
	 */
	public function delete( array $ids ): int {
		global $wpdb;
		$ids = self::ids( $ids );
		if ( ! $ids || ! $this->exists() ) {
			return 0;
		}
		// phpcs:disable WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared -- the plugin's own tables; in() is prepared.
		$wpdb->query( "DELETE FROM {$this->files_table()} WHERE " . $this->in( 'email_id', $ids ) );
		$n = $wpdb->query( "DELETE FROM {$this->table()} WHERE " . $this->in( 'id', $ids ) );
		// phpcs:enable
		return is_int( $n ) ? $n : 0;
	}

	/**
	 * The ids among these that repeat an earlier email kept (same fingerprint: recipients,
	 * subject and body; not discarded), so that resending them would send the same message to
	 * the same people twice. The oldest of each group is not a repeat.
	 *
	 * @param int[] $ids Ids.
	 * @return int[]
	 */
	public function repeats( array $ids ): array {
		global $wpdb;
		$ids = self::ids( $ids );
		if ( ! $ids || ! $this->exists() ) {
			return array();
		}
		$table = $this->table();
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared -- the plugin's own table; in() is prepared.
		$found = $wpdb->get_col( "SELECT h.id FROM {$table} h WHERE " . $this->in( 'h.id', $ids ) . ' AND ' . $this->repeat_sql() );
		return self::ids( is_array( $found ) ? $found : array() );
	}

	/**
	 * Emails whose sender or recipients include an address (privacy exporter and eraser), oldest first.
	 *
	 * @param string $email    Address.
	 * @param int    $page     Page (1).
	 * @param int    $per_page Per page.
	 * @return array<int, array<string, mixed>> get()'s shape.
	 */
	public function find_by_address( string $email, int $page, int $per_page ): array {
		global $wpdb;
		$email = strtolower( trim( $email ) );
		if ( '' === $email || ! $this->exists() ) {
			return array();
		}
		// Whole addresses only: recipients is ", "-joined.
		$like = '%, ' . $wpdb->esc_like( $email ) . ',%';
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own table.
		$ids   = $wpdb->get_col( $wpdb->prepare( "SELECT id FROM {$this->table()} WHERE sender = %s OR CONCAT(', ', recipients, ',') LIKE %s ORDER BY id LIMIT %d OFFSET %d", $email, $like, max( 1, $per_page ), ( max( 1, $page ) - 1 ) * max( 1, $per_page ) ) );
		$items = array();
		foreach ( is_array( $ids ) ? $ids : array() as $id ) {
			$item = $this->get( (int) $id );
			if ( null !== $item ) {
				$items[] = $item;
			}
		}
		return $items;
	}

	/**
	 * Whether this site's emails table exists (cached per request and table name).
	 *
	 * @return bool
	 */
	public function exists(): bool {
		global $wpdb;
		$table = $this->table();
		if ( empty( self::$known[ $table ] ) ) {
			// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching
			self::$known[ $table ] = $table === $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $table ) ) );
		}
		return self::$known[ $table ];
	}

	/**
	 * Summaries of rows (the REST list item's shape).
	 *
	 * @param array<int, array<string, mixed>> $rows Rows of summary_columns().
	 * @return array<int, array<string, mixed>>
	 */
	private function summaries( array $rows ): array {
		$repeats = array_flip( $this->repeats( array_column( $rows, 'id' ) ) );
		$items   = array();
		foreach ( $rows as $row ) {
			$id      = (int) $row['id'];
			$kind    = (string) $row['kind'];
			$status  = (string) $row['status'];
			$to      = '' === (string) $row['recipients'] ? array() : explode( ', ', (string) $row['recipients'] );
			$items[] = array(
				'id'             => $id,
				'created_at'     => self::iso( (string) $row['created_at'] ),
				'status'         => $status,
				'kind'           => $kind,
				'verdict'        => (string) $row['verdict'],
				'to'             => $to,
				'subject'        => (string) $row['subject'],
				'sender'         => (string) $row['sender'],
				'initiator'      => (string) $row['initiator'],
				'bytes'          => (int) $row['bytes'],
				'attachments'    => (int) $row['attachments'],
				'repeat'         => isset( $repeats[ $id ] ),
				'sendable'       => 'whole' === $kind && in_array( $status, array( 'held', 'failed' ), true ),
				'result_id'      => null === $row['result_id'] || '' === $row['result_id'] ? null : (string) $row['result_id'],
				'result_verdict' => null === $row['result_verdict'] || '' === $row['result_verdict'] ? null : (string) $row['result_verdict'],
			);
		}//end foreach
		return $items;
	}

	/**
	 * The columns of a summary (with the attachments' count).
	 *
	 * @return string
	 */
	private function summary_columns(): string {
		$files = $this->files_table();
		$table = $this->table();
		return "id, created_at, status, kind, verdict, recipients, subject, sender, initiator, bytes, result_id, result_verdict, (SELECT COUNT(*) FROM {$files} f WHERE f.email_id = {$table}.id) AS attachments";
	}

	/**
	 * The per-email cap (`fix_mailersend_hold_max_email_bytes`, default 10 MB).
	 *
	 * @return int
	 */
	public function max_email_bytes(): int {
		/**
		 * Filters the largest email kept whole, body and attachments together (default 10 MB);
		 * a larger one keeps only who, when, subject and sender (kind `too_large`).
		 *
		 * @since 0.9.0
		 *
		 * @param int $bytes Bytes.
		 */
		return max( 0, (int) apply_filters( 'fix_mailersend_hold_max_email_bytes', self::DEFAULT_MAX_EMAIL_BYTES ) );
	}

	/**
	 * `column IN (…)`, prepared ('0=1' for an empty list).
	 *
	 * @param string            $column Column.
	 * @param array<int, mixed> $values Values (ints or strings).
	 * @return string
	 */
	private function in( string $column, array $values ): string {
		global $wpdb;
		if ( ! $values ) {
			return '0=1';
		}
		$holders = implode( ',', array_fill( 0, count( $values ), is_int( reset( $values ) ) ? '%d' : '%s' ) );
		// phpcs:ignore WordPress.DB.PreparedSQLPlaceholders.UnfinishedPrepare, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- placeholders built above.
		return (string) $wpdb->prepare( "{$column} IN ({$holders})", $values );
	}

	/**
	 * Positive integer ids, unique, at most MAX_IDS.
	 *
	 * @param array<int|string, mixed> $ids Ids.
	 * @return int[]
	 */
	private static function ids( array $ids ): array {
		$out = array();
		foreach ( $ids as $id ) {
			if ( is_numeric( $id ) && (int) $id > 0 ) {
				$out[ (int) $id ] = (int) $id;
			}
		}
		return array_slice( array_values( $out ), 0, self::MAX_IDS );
	}

	/**
	 * Addresses, lower case, unique.
	 *
	 * @param mixed $list Addresses.
	 * @return string[]
	 */
	private static function recipients( $list ): array {
		$out = array();
		foreach ( is_array( $list ) ? $list : array() as $address ) {
			$address = strtolower( trim( self::text( $address ) ) );
			if ( '' !== $address ) {
				$out[ $address ] = $address;
			}
		}
		return array_values( $out );
	}

	/**
	 * A scalar as a string ('' otherwise).
	 *
	 * @param mixed $value Value.
	 * @return string
	 */
	private static function text( $value ): string {
		return is_scalar( $value ) ? (string) $value : '';
	}

	/**
	 * At most $length characters.
	 *
	 * @param string $text   Text.
	 * @param int    $length Characters.
	 * @return string
	 */
	private static function cut( string $text, int $length ): string {
		return function_exists( 'mb_substr' ) ? mb_substr( $text, 0, $length ) : substr( $text, 0, $length );
	}

	/**
	 * A time as Y-m-d H:i:s UTC (now when absent or unreadable).
	 *
	 * @param mixed $value Y-m-d H:i:s (UTC) or ISO 8601.
	 * @return string
	 */
	private static function datetime( $value ): string {
		$time = is_string( $value ) && '' !== $value ? strtotime( 1 === preg_match( '/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/', $value ) ? $value . ' UTC' : $value ) : false;
		return gmdate( 'Y-m-d H:i:s', false === $time ? time() : $time );
	}

	/**
	 * Y-m-d H:i:s UTC as ISO 8601 with "Z".
	 *
	 * @param string $datetime Stored time.
	 * @return string
	 */
	private static function iso( string $datetime ): string {
		return str_replace( ' ', 'T', $datetime ) . 'Z';
	}
}
