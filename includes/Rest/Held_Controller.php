<?php
/**
 * The REST routes of the held emails: fix-mailersend/v1/held….
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Rest;

use FixMailerSend\Diagnosis\Verdicts;
use FixMailerSend\Recovery\Held_Emails;
use FixMailerSend\Recovery\Resender;
use FixMailerSend\Service\Token_Service;
use FixMailerSend\Support\Deadline;
use WP_Error;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

defined( 'ABSPATH' ) || exit;

/**
 * GET /held, GET /held/<id>, POST /held/resend, POST /held/resend/next, POST /held/discard,
 * PUT /held/settings, and GET /status's `held` field (docs/architecture.md). HTTP only: the
 * work is Held_Emails' and Resender's, which `wp fix-mailersend held` runs too. The permission
 * callback is Rest_Controller's (WP Mail SMTP's admin capability: 401 / 403).
 */
class Held_Controller extends \WP_REST_Controller {

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
	 * Every route's permission callback (Rest_Controller::permissions_check()).
	 *
	 * @var callable
	 */
	private $permission;

	/**
	 * Creates the controller.
	 *
	 * @param Held_Emails $held       The held emails.
	 * @param Resender    $resender   The resender.
	 * @param callable    $permission The permission callback of every route of the namespace.
	 */
	public function __construct( Held_Emails $held, Resender $resender, callable $permission ) {
		$this->namespace  = Rest_Controller::REST_NAMESPACE;
		$this->rest_base  = 'held';
		$this->held       = $held;
		$this->resender   = $resender;
		$this->permission = $permission;
	}

	/**
	 * Registers the routes and GET /status's `held` field.
	 *
	 * @return void
	 */
	public function register_routes() {
		register_rest_route(
			Rest_Controller::REST_NAMESPACE,
			'/held',
			array(
				array(
					'methods'             => WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_items' ),
					'permission_callback' => $this->permission,
					'args'                => $this->get_collection_params(),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);

		register_rest_route(
			Rest_Controller::REST_NAMESPACE,
			'/held/(?P<id>\d+)',
			array(
				array(
					'methods'             => WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_item' ),
					'permission_callback' => $this->permission,
					'args'                => array(
						'id' => array(
							'description' => __( 'The held email’s id.', 'fix-mailersend' ),
							'type'        => 'integer',
							'minimum'     => 1,
						),
					),
				),
				'schema' => array( $this, 'get_detail_schema' ),
			)
		);

		register_rest_route(
			Rest_Controller::REST_NAMESPACE,
			'/held/resend',
			array(
				array(
					'methods'             => WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'queue' ),
					'permission_callback' => $this->permission,
					'args'                => array(
						'ids'    => self::ids_arg( __( 'The held emails to resend (held or failed emails kept whole; others are left as they are), or all: true.', 'fix-mailersend' ), false ),
						'all'    => array(
							'description' => __( 'Resend every email that can be resent, except repeats of an earlier one (with search and before: only those).', 'fix-mailersend' ),
							'type'        => 'boolean',
							'default'     => false,
						),
						'search' => self::search_arg(),
						'before' => self::before_arg(),
					),
				),
				'schema' => array( $this, 'get_queue_schema' ),
			)
		);

		register_rest_route(
			Rest_Controller::REST_NAMESPACE,
			'/held/resend/next',
			array(
				array(
					'methods'             => WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'next' ),
					'permission_callback' => $this->permission,
					'args'                => array(),
				),
				'schema' => array( $this, 'get_next_schema' ),
			)
		);

		register_rest_route(
			Rest_Controller::REST_NAMESPACE,
			'/held/discard',
			array(
				array(
					'methods'             => WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'discard' ),
					'permission_callback' => $this->permission,
					'args'                => array(
						'ids'    => self::ids_arg( __( 'The held emails to discard (or all: true).', 'fix-mailersend' ), false ),
						'all'    => array(
							'description' => __( 'Discard every email still waiting (with before: only the older ones).', 'fix-mailersend' ),
							'type'        => 'boolean',
							'default'     => false,
						),
						'before' => self::before_arg(),
					),
				),
				'schema' => array( $this, 'get_discard_schema' ),
			)
		);

		register_rest_route(
			Rest_Controller::REST_NAMESPACE,
			'/held/settings',
			array(
				array(
					'methods'             => 'PUT',
					'callback'            => array( $this, 'update_settings' ),
					'permission_callback' => $this->permission,
					'args'                => array(
						'holding' => array(
							'description' => __( 'Keep emails that fail for a reason the admin can fix, to resend them later. Off deletes every held email.', 'fix-mailersend' ),
							'type'        => 'boolean',
							'required'    => true,
						),
					),
				),
				'schema' => array( $this, 'get_settings_schema' ),
			)
		);

		register_rest_field(
			'fix-mailersend-status',
			'held',
			array(
				'get_callback' => array( $this, 'status_field' ),
				'schema'       => self::status_field_schema(),
			)
		);
	}

	// -----------------------------------------------------------------------------------------
	// Arguments.
	// -----------------------------------------------------------------------------------------

	/**
	 * GET /held's arguments.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	public function get_collection_params() {
		return array(
			'page'     => array(
				'description' => __( 'Current page of the list.', 'fix-mailersend' ),
				'type'        => 'integer',
				'default'     => 1,
				'minimum'     => 1,
			),
			'per_page' => array(
				'description' => __( 'Maximum number of emails in one page.', 'fix-mailersend' ),
				'type'        => 'integer',
				'default'     => Held_Emails::PER_PAGE,
				'minimum'     => 1,
				'maximum'     => Held_Emails::PER_PAGE_MAX,
			),
			'search'   => self::search_arg(),
			'status'   => array(
				'description' => __( 'Only emails with these statuses (default: held, queued, sending, failed).', 'fix-mailersend' ),
				'type'        => 'array',
				'items'       => array(
					'type' => 'string',
					'enum' => Held_Emails::STATUSES,
				),
				'uniqueItems' => true,
			),
			'before'   => self::before_arg(),
		);
	}

	/**
	 * An `ids` argument.
	 *
	 * @param string $description Description.
	 * @param bool   $required    Whether the route needs it.
	 * @return array<string, mixed>
	 */
	private static function ids_arg( string $description, bool $required ): array {
		return array(
			'description' => $description,
			'type'        => 'array',
			'required'    => $required,
			'minItems'    => 1,
			'maxItems'    => Held_Emails::IDS_MAX,
			'items'       => array(
				'type'    => 'integer',
				'minimum' => 1,
			),
		);
	}

	/**
	 * The `search` argument.
	 *
	 * @return array<string, mixed>
	 */
	private static function search_arg(): array {
		return array(
			'description' => __( 'Only emails whose recipients, subject, sender or initiator contain this text.', 'fix-mailersend' ),
			'type'        => 'string',
			'maxLength'   => 200,
		);
	}

	/**
	 * The `before` argument: a date or date-time (UTC unless it says its zone).
	 *
	 * @return array<string, mixed>
	 */
	private static function before_arg(): array {
		return array(
			'description'       => __( 'Only emails that failed before this time: YYYY-MM-DD, YYYY-MM-DD HH:MM:SS or ISO 8601 (UTC unless a zone is given).', 'fix-mailersend' ),
			'type'              => 'string',
			'maxLength'         => 40,
			'validate_callback' => array( self::class, 'validate_before_arg' ),
		);
	}

	/**
	 * `before`: the schema, then a real date and time (Held_Emails::parse_before()).
	 *
	 * @param mixed           $value   The value.
	 * @param WP_REST_Request $request The request.
	 * @param string          $param   The parameter name.
	 * @return true|WP_Error
	 *
	 * @phpstan-param WP_REST_Request<array<string, mixed>> $request
	 */
	public static function validate_before_arg( $value, $request, $param ) {
		$valid = rest_validate_request_arg( $value, $request, $param );
		if ( true !== $valid ) {
			return $valid;
		}
		if ( ! is_string( $value ) || null === Held_Emails::parse_before( $value ) ) {
			return new WP_Error( 'fix_mailersend_invalid_date', __( 'before must be a real date or date and time: YYYY-MM-DD, YYYY-MM-DD HH:MM:SS or ISO 8601.', 'fix-mailersend' ) );
		}
		return true;
	}

	/**
	 * The request's `before`, as the store wants it (null when absent).
	 *
	 * @param WP_REST_Request $request The request.
	 * @return string|null
	 *
	 * @phpstan-param WP_REST_Request<array<string, mixed>> $request
	 */
	private static function before( $request ): ?string {
		$before = $request->get_param( 'before' );
		return is_string( $before ) && '' !== $before ? Held_Emails::parse_before( $before ) : null;
	}

	// -----------------------------------------------------------------------------------------
	// Handlers.
	// -----------------------------------------------------------------------------------------

	/**
	 * GET /held: one page, newest first, with X-WP-Total and X-WP-TotalPages (and Link) headers.
	 *
	 * @param WP_REST_Request $request The request.
	 * @return WP_REST_Response|WP_Error
	 *
	 * @phpstan-param WP_REST_Request<array<string, mixed>> $request
	 */
	public function get_items( $request ) {
		$page     = (int) $request->get_param( 'page' );
		$per_page = (int) $request->get_param( 'per_page' );
		$status   = $request->get_param( 'status' );
		$search   = $request->get_param( 'search' );
		$found    = $this->held->page(
			array(
				'page'     => $page,
				'per_page' => $per_page,
				'status'   => is_array( $status ) ? array_values( array_map( 'strval', $status ) ) : array(),
				'search'   => is_string( $search ) ? $search : '',
				'before'   => self::before( $request ),
			)
		);
		if ( $page > $found['pages'] && $found['total'] > 0 ) {
			return new WP_Error(
				'rest_invalid_page_number',
				__( 'The page number requested is larger than the number of pages available.', 'fix-mailersend' ),
				array( 'status' => 400 )
			);
		}

		$response = rest_ensure_response( $found['items'] );
		$response->header( 'X-WP-Total', (string) $found['total'] );
		$response->header( 'X-WP-TotalPages', (string) $found['pages'] );
		$response->header(
			'X-FMS-Sendable',
			(string) count(
				$this->held->sendable_ids(
					array(
						'search' => is_string( $search ) ? $search : '',
						'before' => self::before( $request ),
					)
				)
			)
		);

		$base = add_query_arg( urlencode_deep( $request->get_query_params() ), rest_url( $this->namespace . '/held' ) );
		if ( $page > 1 ) {
			$response->link_header( 'prev', add_query_arg( 'page', min( $page - 1, max( 1, $found['pages'] ) ), $base ) );
		}
		if ( $page < $found['pages'] ) {
			$response->link_header( 'next', add_query_arg( 'page', $page + 1, $base ) );
		}
		return $response;
	}

	/**
	 * GET /held/<id>: the summary, a text preview (never HTML) and advice.
	 *
	 * @param WP_REST_Request $request The request.
	 * @return WP_REST_Response|WP_Error
	 *
	 * @phpstan-param WP_REST_Request<array<string, mixed>> $request
	 */
	public function get_item( $request ) {
		$item = $this->held->item( (int) $request->get_param( 'id' ) );
		if ( null === $item ) {
			return self::not_found();
		}
		return rest_ensure_response( $item );
	}

	/**
	 * POST /held/resend: queues `ids`, or `all` (what `held resend --all` queues, narrowed by
	 * `search` and `before`); the screen then calls /held/resend/next.
	 *
	 * @param WP_REST_Request $request The request.
	 * @return WP_REST_Response|WP_Error
	 *
	 * @phpstan-param WP_REST_Request<array<string, mixed>> $request
	 */
	public function queue( $request ) {
		$ids    = $request->get_param( 'ids' );
		$all    = (bool) $request->get_param( 'all' );
		$search = $request->get_param( 'search' );
		$before = self::before( $request );
		if ( is_array( $ids ) === $all || ( ! $all && ( null !== $before || null !== $search ) ) ) {
			return new WP_Error(
				'rest_invalid_param',
				__( 'Give either ids, or all: true (optionally with search and before).', 'fix-mailersend' ),
				array(
					'status' => 400,
					'params' => array( 'ids' => __( 'Give either ids, or all: true.', 'fix-mailersend' ) ),
				)
			);
		}
		$queued = $all
			? $this->held->queue_all(
				array(
					'search' => is_string( $search ) ? $search : '',
					'before' => $before,
				)
			)
			: $this->held->queue( is_array( $ids ) ? $ids : array() );
		return rest_ensure_response( array( 'queued' => $queued ) );
	}

	/**
	 * POST /held/resend/next: sends one batch within the action's deadline.
	 *
	 * @param WP_REST_Request $request The request.
	 * @return WP_REST_Response
	 *
	 * @phpstan-param WP_REST_Request<array<string, mixed>> $request
	 */
	public function next( $request ) {
		unset( $request );
		$result = $this->resender->run( Deadline::start( Resender::ACTION ) );
		return rest_ensure_response( Token_Service::export( $result ) );
	}

	/**
	 * POST /held/discard: `ids`, or `all` (with `before`, only older ones).
	 *
	 * @param WP_REST_Request $request The request.
	 * @return WP_REST_Response|WP_Error
	 *
	 * @phpstan-param WP_REST_Request<array<string, mixed>> $request
	 */
	public function discard( $request ) {
		$ids    = $request->get_param( 'ids' );
		$all    = (bool) $request->get_param( 'all' );
		$before = self::before( $request );
		if ( is_array( $ids ) === $all || ( ! $all && null !== $before ) ) {
			return new WP_Error(
				'rest_invalid_param',
				__( 'Give either ids, or all: true (optionally with before).', 'fix-mailersend' ),
				array(
					'status' => 400,
					'params' => array( 'ids' => __( 'Give either ids, or all: true.', 'fix-mailersend' ) ),
				)
			);
		}
		$discarded = $all ? $this->held->discard_all( $before ) : $this->held->discard( is_array( $ids ) ? $ids : array() );
		return rest_ensure_response( array( 'discarded' => $discarded ) );
	}

	/**
	 * PUT /held/settings: the holding switch (off deletes every held email).
	 *
	 * @param WP_REST_Request $request The request.
	 * @return WP_REST_Response
	 *
	 * @phpstan-param WP_REST_Request<array<string, mixed>> $request
	 */
	public function update_settings( $request ) {
		return rest_ensure_response( $this->held->set_holding( (bool) $request->get_param( 'holding' ) ) );
	}

	/**
	 * GET /status's `held` field.
	 *
	 * @return array{holding: bool, waiting: int, queued: int, sending: int, token_proven: bool}
	 */
	public function status_field(): array {
		return $this->held->status();
	}

	/**
	 * 404 for an id that is not a held email.
	 *
	 * @return WP_Error
	 */
	private static function not_found(): WP_Error {
		return new WP_Error(
			'fix_mailersend_held_not_found',
			__( 'There is no held email with this id (it may have been deleted when holding was turned off, or dropped after its time).', 'fix-mailersend' ),
			array( 'status' => 404 )
		);
	}

	// -----------------------------------------------------------------------------------------
	// Schemas.
	// -----------------------------------------------------------------------------------------

	/**
	 * Schema of a list item (GET /held answers an array of these).
	 *
	 * @return array<string, mixed>
	 */
	public function get_item_schema() {
		if ( $this->schema ) {
			return $this->add_additional_fields_schema( $this->schema );
		}
		$this->schema = array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'fix-mailersend-held-email',
			'type'       => 'object',
			'properties' => self::summary_properties(),
		);
		return $this->add_additional_fields_schema( $this->schema );
	}

	/**
	 * The summary's properties.
	 *
	 * @return array<string, mixed>
	 */
	private static function summary_properties(): array {
		$strings  = array(
			'type'  => 'array',
			'items' => array( 'type' => 'string' ),
		);
		$verdicts = array_merge( Verdicts::all_ids(), array( null ) );
		return array(
			'id'             => array( 'type' => 'integer' ),
			'created_at'     => array(
				'description' => __( 'When it failed (ISO 8601, UTC).', 'fix-mailersend' ),
				'type'        => 'string',
				'format'      => 'date-time',
			),
			'status'         => array(
				'type' => 'string',
				'enum' => Held_Emails::STATUSES,
			),
			'kind'           => array(
				'description' => __( 'whole: kept as given to wp_mail(); link: a password-reset, set-password or login link (only who, when, subject, sender kept); too_large: over the size kept for one email.', 'fix-mailersend' ),
				'type'        => 'string',
				'enum'        => array( 'whole', 'link', 'too_large' ),
			),
			'verdict'        => array(
				'description' => __( 'Why it failed (a verdict id).', 'fix-mailersend' ),
				'type'        => 'string',
			),
			'to'             => $strings,
			'subject'        => array( 'type' => 'string' ),
			'sender'         => array( 'type' => 'string' ),
			'initiator'      => array(
				'description' => __( 'The plugin, theme or "WordPress" that sent it.', 'fix-mailersend' ),
				'type'        => 'string',
			),
			'bytes'          => array( 'type' => 'integer' ),
			'attachments'    => array(
				'description' => __( 'How many attachments it has.', 'fix-mailersend' ),
				'type'        => 'integer',
			),
			'repeat'         => array(
				'description' => __( 'The same message to the same recipients as an earlier held email.', 'fix-mailersend' ),
				'type'        => 'boolean',
			),
			'sendable'       => array(
				'description' => __( 'Whether it can be resent (kept whole, held or failed).', 'fix-mailersend' ),
				'type'        => 'boolean',
			),
			'result_id'      => array(
				'description' => __( 'MailerSend’s message id, once resent.', 'fix-mailersend' ),
				'type'        => array( 'string', 'null' ),
			),
			'result_verdict' => array(
				'description' => __( 'Why the resend failed (a verdict id).', 'fix-mailersend' ),
				'type'        => array( 'string', 'null' ),
				'enum'        => $verdicts,
			),
			'result_title'   => array(
				'description' => __( 'That verdict’s title, from the catalogue.', 'fix-mailersend' ),
				'type'        => array( 'string', 'null' ),
			),
		);
	}

	/**
	 * Schema of GET /held/<id>.
	 *
	 * @return array<string, mixed>
	 */
	public function get_detail_schema(): array {
		$strings = array(
			'type'  => 'array',
			'items' => array( 'type' => 'string' ),
		);
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'fix-mailersend-held-email-detail',
			'type'       => 'object',
			'properties' => self::summary_properties() + array(
				'preview' => array(
					'type'       => 'object',
					'properties' => array(
						'to'          => $strings,
						'cc'          => $strings,
						'bcc'         => $strings,
						'reply_to'    => $strings,
						'from'        => array( 'type' => 'string' ),
						'subject'     => array( 'type' => 'string' ),
						'text'        => array(
							'description' => __( 'The message as plain text (HTML turned into text; never HTML). Null when the body was not kept.', 'fix-mailersend' ),
							'type'        => array( 'string', 'null' ),
						),
						'attachments' => array(
							'type'  => 'array',
							'items' => array(
								'type'       => 'object',
								'properties' => array(
									'name'  => array( 'type' => 'string' ),
									'type'  => array( 'type' => 'string' ),
									'bytes' => array( 'type' => 'integer' ),
								),
							),
						),
					),
				),
				'advice'  => array(
					'description' => __( 'What to do when it cannot be resent from here (link, too_large, discarded), else null.', 'fix-mailersend' ),
					'type'        => array( 'string', 'null' ),
				),
			),
		);
	}

	/**
	 * Schema of POST /held/resend.
	 *
	 * @return array<string, mixed>
	 */
	public function get_queue_schema(): array {
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'fix-mailersend-held-resend',
			'type'       => 'object',
			'properties' => array(
				'queued' => array(
					'description' => __( 'How many were queued for resending.', 'fix-mailersend' ),
					'type'        => 'integer',
				),
			),
		);
	}

	/**
	 * Schema of POST /held/resend/next.
	 *
	 * @return array<string, mixed>
	 */
	public function get_next_schema(): array {
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'fix-mailersend-held-resend-next',
			'type'       => 'object',
			'properties' => array(
				'sent'    => array(
					'type'  => 'array',
					'items' => array(
						'type'       => 'object',
						'properties' => array(
							'id'        => array( 'type' => 'integer' ),
							'result_id' => array( 'type' => array( 'string', 'null' ) ),
						),
					),
				),
				'failed'  => array(
					'type'  => 'array',
					'items' => array(
						'type'       => 'object',
						'properties' => array(
							'id'      => array( 'type' => 'integer' ),
							'verdict' => array(
								'type' => 'string',
								'enum' => Verdicts::all_ids(),
							),
							'title'   => array( 'type' => 'string' ),
						),
					),
				),
				'stopped' => array(
					'description' => __( 'The verdict that stopped the run (every other email would fail the same way); the rest is back to held. Null when it did not stop.', 'fix-mailersend' ),
					'type'        => array( 'object', 'null' ),
				) + Rest_Controller::verdict_schema(),
				'left'    => array(
					'description' => __( 'Emails still queued or being sent: call again while more than 0 and not stopped.', 'fix-mailersend' ),
					'type'        => 'integer',
				),
				'done'    => array(
					'description' => __( 'How many this batch finished (sent and failed).', 'fix-mailersend' ),
					'type'        => 'integer',
				),
			),
		);
	}

	/**
	 * Schema of POST /held/discard.
	 *
	 * @return array<string, mixed>
	 */
	public function get_discard_schema(): array {
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'fix-mailersend-held-discard',
			'type'       => 'object',
			'properties' => array(
				'discarded' => array( 'type' => 'integer' ),
			),
		);
	}

	/**
	 * Schema of PUT /held/settings.
	 *
	 * @return array<string, mixed>
	 */
	public function get_settings_schema(): array {
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'fix-mailersend-held-settings',
			'type'       => 'object',
			'properties' => array(
				'holding' => array( 'type' => 'boolean' ),
				'deleted' => array(
					'description' => __( 'How many held emails were deleted (turning holding off deletes them all).', 'fix-mailersend' ),
					'type'        => 'integer',
				),
			),
		);
	}

	/**
	 * Schema of GET /status's `held` field.
	 *
	 * @return array<string, mixed>
	 */
	public static function status_field_schema(): array {
		return array(
			'description' => __( 'The held emails: whether holding is on, how many wait to be resent, how many a resend run still has queued or is sending, and whether the token is proven since the last failure (the Recover step is offered then).', 'fix-mailersend' ),
			'type'        => 'object',
			'context'     => array( 'view' ),
			'readonly'    => true,
			'properties'  => array(
				'holding'      => array( 'type' => 'boolean' ),
				'waiting'      => array( 'type' => 'integer' ),
				'queued'       => array( 'type' => 'integer' ),
				'sending'      => array( 'type' => 'integer' ),
				'token_proven' => array( 'type' => 'boolean' ),
			),
		);
	}
}
