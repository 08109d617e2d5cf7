<?php
/**
 * The REST API of the Fix MailerSend screen: fix-mailersend/v1.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Rest;

use FixMailerSend\Diagnosis\Verdict;
use FixMailerSend\Diagnosis\Verdicts;
use FixMailerSend\Service\Test_Email;
use FixMailerSend\Service\Token_Service;
use FixMailerSend\WpMailSmtp\Adapter;
use FixMailerSend\Support\Token;
use WP_Error;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

defined( 'ABSPATH' ) || exit;

/**
 * Routes (docs/architecture.md): GET /status, POST /token/check, PUT /token, POST /test-email.
 *
 * Every route needs WP Mail SMTP's admin capability (401 logged out, 403 without it), every
 * input has a schema, every failure is a WP_Error with a status, and no answer contains a
 * full token: only Mask::token(). The flows live in Service\Token_Service and
 * Service\Test_Email, which the WP-CLI command calls too: this class is the HTTP side only.
 */
class Rest_Controller extends \WP_REST_Controller {

	/**
	 * The REST namespace.
	 */
	const REST_NAMESPACE = 'fix-mailersend/v1';

	/**
	 * WP Mail SMTP adapter (its capability guards every route).
	 *
	 * @var Adapter
	 */
	private $adapter;

	/**
	 * Status, check and save.
	 *
	 * @var Token_Service
	 */
	private $tokens;

	/**
	 * The test email.
	 *
	 * @var Test_Email
	 */
	private $test_email;

	/**
	 * Creates the controller.
	 *
	 * @param Adapter       $adapter    WP Mail SMTP adapter.
	 * @param Token_Service $tokens     Status, check and save.
	 * @param Test_Email    $test_email The test email.
	 */
	public function __construct( Adapter $adapter, Token_Service $tokens, Test_Email $test_email ) {
		$this->namespace  = self::REST_NAMESPACE;
		$this->rest_base  = '';
		$this->adapter    = $adapter;
		$this->tokens     = $tokens;
		$this->test_email = $test_email;
	}

	/**
	 * Registers the four routes.
	 *
	 * @return void
	 */
	public function register_routes() {
		register_rest_route(
			self::REST_NAMESPACE,
			'/status',
			array(
				array(
					'methods'             => WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_status' ),
					'permission_callback' => array( $this, 'permissions_check' ),
					'args'                => array(),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);

		register_rest_route(
			self::REST_NAMESPACE,
			'/outage',
			array(
				array(
					'methods'             => WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_outage' ),
					'permission_callback' => array( $this, 'permissions_check' ),
					'args'                => array(),
				),
				'schema' => array( $this, 'get_outage_schema' ),
			)
		);

		register_rest_route(
			self::REST_NAMESPACE,
			'/token/check',
			array(
				array(
					'methods'             => WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'check_token' ),
					'permission_callback' => array( $this, 'permissions_check' ),
					'args'                => array(
						'token' => $this->token_arg( false ),
						'deep'  => array(
							'description' => __( 'Also probe sending and the From domain (costs one request of the MailerSend daily quota).', 'fix-mailersend' ),
							'type'        => 'boolean',
							'default'     => false,
						),
					),
				),
				'schema' => array( $this, 'get_check_schema' ),
			)
		);

		register_rest_route(
			self::REST_NAMESPACE,
			'/token',
			array(
				array(
					'methods'             => 'PUT',
					'callback'            => array( $this, 'save_token' ),
					'permission_callback' => array( $this, 'permissions_check' ),
					'args'                => array(
						'token'         => $this->token_arg( true ),
						'switch_mailer' => array(
							'description' => __( 'Make MailerSend WP Mail SMTP’s active mailer (the user agreed).', 'fix-mailersend' ),
							'type'        => 'boolean',
							'default'     => false,
						),
						'save_anyway'   => array(
							'description' => __( 'Save although MailerSend could not check the token (only for mailersend_unavailable, network_error, and rate_limited before the token was accepted).', 'fix-mailersend' ),
							'type'        => 'boolean',
							'default'     => false,
						),
						'expires_at'    => array(
							'description'       => __( 'The expiration date chosen for the token in MailerSend (YYYY-MM-DD).', 'fix-mailersend' ),
							'type'              => array( 'string', 'null' ),
							'pattern'           => '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
							'default'           => null,
							'validate_callback' => array( $this, 'validate_date_arg' ),
						),
					),
				),
				'schema' => array( $this, 'get_save_schema' ),
			)
		);

		register_rest_route(
			self::REST_NAMESPACE,
			'/test-email',
			array(
				array(
					'methods'             => WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'send_test_email' ),
					'permission_callback' => array( $this, 'permissions_check' ),
					'args'                => array(
						'to'   => array(
							'description' => __( 'Recipient of the test email.', 'fix-mailersend' ),
							'type'        => 'string',
							'format'      => 'email',
							'required'    => true,
							'minLength'   => 3,
							'maxLength'   => 254,
						),
						'html' => array(
							'description' => __( 'Send an HTML email (else plain text).', 'fix-mailersend' ),
							'type'        => 'boolean',
							'default'     => true,
						),
					),
				),
				'schema' => array( $this, 'get_test_email_schema' ),
			)
		);
	}

	/**
	 * The `token` argument.
	 *
	 * @param bool $required Whether the route needs it.
	 * @return array<string, mixed>
	 */
	private function token_arg( bool $required ): array {
		return array(
			'description'       => $required
				? __( 'The MailerSend API token to check and save.', 'fix-mailersend' )
				: __( 'The MailerSend API token to check; without it, the saved token is checked.', 'fix-mailersend' ),
			'type'              => 'string',
			'required'          => $required,
			'minLength'         => 1,
			'maxLength'         => Token_Service::TOKEN_MAX_LENGTH,
			'validate_callback' => array( $this, 'validate_token_arg' ),
			'sanitize_callback' => array( $this, 'sanitize_token_arg' ),
		);
	}

	// -----------------------------------------------------------------------------------------
	// Permission and argument callbacks.
	// -----------------------------------------------------------------------------------------

	/**
	 * Every route: WP Mail SMTP's admin capability (401 logged out, 403 logged in without it).
	 *
	 * @param WP_REST_Request $request The request.
	 * @return true|WP_Error
	 *
	 * @phpstan-param WP_REST_Request<array<string, mixed>> $request
	 */
	public function permissions_check( $request ) {
		unset( $request );
		if ( current_user_can( $this->adapter->capability() ) ) {
			return true;
		}
		return new WP_Error(
			'rest_forbidden',
			__( 'Sorry, you are not allowed to manage the MailerSend connection of this site.', 'fix-mailersend' ),
			array( 'status' => rest_authorization_required_code() )
		);
	}

	/**
	 * The token: the schema (string, 1..2048), then one line of printable ASCII without HTML,
	 * not only whitespace. The screen normalises pastes before sending; this refuses what
	 * cannot be a pasted token instead of guessing.
	 *
	 * @param mixed           $value   The value.
	 * @param WP_REST_Request $request The request.
	 * @param string          $param   The parameter name.
	 * @return true|WP_Error
	 *
	 * @phpstan-param WP_REST_Request<array<string, mixed>> $request
	 */
	public function validate_token_arg( $value, $request, $param ) {
		if ( self::token_in_url( $request ) ) {
			// Refused as a whole by the route's callback (400 fix_mailersend_token_in_url).
			return true;
		}
		$valid = rest_validate_request_arg( $value, $request, $param );
		if ( true !== $valid ) {
			return $valid;
		}
		return Token_Service::validate_token_input( (string) $value );
	}

	/**
	 * The token as the rest of the code sees it: a Support\Token, normalised here where it
	 * enters (spaces, quotes, "Bearer " removed).
	 *
	 * @param mixed           $value   The value.
	 * @param WP_REST_Request $request The request.
	 * @param string          $param   The parameter name.
	 * @return mixed
	 *
	 * @phpstan-param WP_REST_Request<array<string, mixed>> $request
	 */
	public function sanitize_token_arg( $value, $request, $param ) {
		if ( self::token_in_url( $request ) ) {
			// Never used: the route's callback refuses the request (400 fix_mailersend_token_in_url).
			return '';
		}
		if ( null === $value ) {
			// Core skips validation for null; an explicit null is not "no token".
			return new WP_Error(
				'rest_invalid_type',
				/* translators: %s: parameter name. */
				sprintf( __( '%s is not of type string.', 'fix-mailersend' ), $param ),
				array( 'param' => $param )
			);
		}
		$value = rest_sanitize_request_arg( $value, $request, $param );
		return is_string( $value ) ? Token::from( $value ) : $value;
	}

	/**
	 * A real calendar date (the pattern is checked by the schema).
	 *
	 * @param mixed           $value   The value.
	 * @param WP_REST_Request $request The request.
	 * @param string          $param   The parameter name.
	 * @return true|WP_Error
	 *
	 * @phpstan-param WP_REST_Request<array<string, mixed>> $request
	 */
	public function validate_date_arg( $value, $request, $param ) {
		$valid = rest_validate_request_arg( $value, $request, $param );
		if ( true !== $valid || null === $value ) {
			return $valid;
		}
		// The schema's pattern is matched by PCRE, whose `$` also matches before a final newline.
		if ( ! is_string( $value ) || ! Token_Service::is_date( $value ) ) {
			return new WP_Error( 'fix_mailersend_invalid_date', __( 'The expiration date must be a real date (YYYY-MM-DD).', 'fix-mailersend' ) );
		}
		return true;
	}

	/**
	 * Whether the query string carries a `token` (e.g. POST /token/check?token=…).
	 *
	 * @param WP_REST_Request $request The request.
	 * @return bool
	 *
	 * @phpstan-param WP_REST_Request<array<string, mixed>> $request
	 */
	private static function token_in_url( $request ): bool {
		return array_key_exists( 'token', (array) $request->get_query_params() );
	}

	/**
	 * The refusal of a token sent in the URL: URLs end up in server, proxy and browser logs
	 * and histories, so a token there is never used, even when the body has one too.
	 *
	 * @return WP_Error
	 */
	private static function token_in_url_error(): WP_Error {
		return new WP_Error(
			'fix_mailersend_token_in_url',
			__( 'Send the token in the request body, not in the URL: URLs end up in server and proxy logs and browser history. Nothing was checked or saved. If this token was ever sent in a URL, consider it exposed: delete it in MailerSend and create a new one.', 'fix-mailersend' ),
			array( 'status' => 400 )
		);
	}

	// -----------------------------------------------------------------------------------------
	// GET /status.
	// -----------------------------------------------------------------------------------------

	/**
	 * What the Diagnose step shows: WP Mail SMTP, mailer, token (masked), From, last failure,
	 * last check, and the headline. Never calls MailerSend.
	 *
	 * @param WP_REST_Request $request The request.
	 * @return WP_REST_Response
	 *
	 * @phpstan-param WP_REST_Request<array<string, mixed>> $request
	 */
	public function get_status( $request ) {
		$status = Token_Service::export( $this->tokens->status() );
		if ( isset( $status['wp_mail_smtp'] ) && is_array( $status['wp_mail_smtp'] ) ) {
			// WP Mail SMTP Pro's network-wide settings: a save changes every site's settings.
			$status['wp_mail_smtp']['network_wide'] = $this->adapter->network_wide_settings();
		}
		// Fields other parts add with register_rest_field( 'fix-mailersend-status', … ): `held`.
		return rest_ensure_response( $this->add_additional_fields_to_object( $status, $request ) );
	}

	/**
	 * GET /outage: the outage report alone (also GET /status `outage`), null without failures.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response
	 */
	public function get_outage( $request ) {
		unset( $request );
		return rest_ensure_response( $this->tokens->outage() );
	}

	/**
	 * Schema of GET /outage.
	 *
	 * @return array<string, mixed>
	 */
	public function get_outage_schema(): array {
		return array_merge(
			array(
				'$schema' => 'http://json-schema.org/draft-04/schema#',
				'title'   => 'fix-mailersend-outage',
			),
			self::outage_schema()
		);
	}

	// -----------------------------------------------------------------------------------------
	// POST /token/check.
	// -----------------------------------------------------------------------------------------

	/**
	 * Checks a pasted token, or the saved one (then kept as the last check). Any verdict is a 200.
	 *
	 * @param WP_REST_Request $request The request.
	 * @return WP_REST_Response|WP_Error
	 *
	 * @phpstan-param WP_REST_Request<array<string, mixed>> $request
	 */
	public function check_token( $request ) {
		if ( self::token_in_url( $request ) ) {
			return self::token_in_url_error();
		}
		$token  = $request->get_param( 'token' );
		$result = $this->tokens->check( $token instanceof Token ? $token : null, (bool) $request->get_param( 'deep' ) );
		if ( $result instanceof WP_Error ) {
			return $result;
		}
		return rest_ensure_response( Token_Service::export( $result ) );
	}

	// -----------------------------------------------------------------------------------------
	// PUT /token.
	// -----------------------------------------------------------------------------------------

	/**
	 * Checks the token with MailerSend, then saves it into WP Mail SMTP by merging: only when
	 * it proved to work (or MailerSend could not be reached and the user insists).
	 *
	 * @param WP_REST_Request $request The request.
	 * @return WP_REST_Response|WP_Error
	 *
	 * @phpstan-param WP_REST_Request<array<string, mixed>> $request
	 */
	public function save_token( $request ) {
		if ( self::token_in_url( $request ) ) {
			return self::token_in_url_error();
		}
		$expires_at = $request->get_param( 'expires_at' );
		$token      = $request->get_param( 'token' );
		$result     = $this->tokens->save(
			$token instanceof Token ? $token : Token::none(),
			(bool) $request->get_param( 'switch_mailer' ),
			(bool) $request->get_param( 'save_anyway' ),
			is_string( $expires_at ) && '' !== $expires_at ? $expires_at : null,
			self::how( $request )
		);
		if ( $result instanceof WP_Error ) {
			return $result;
		}
		return rest_ensure_response( Token_Service::export( $result ) );
	}

	/**
	 * How a save was made, for the audit trail: `screen` only when the request carries a
	 * valid REST nonce of the current user in `X-WP-Nonce` (what the screen sends, cookie
	 * authentication in wp-admin); anything else (application passwords, scripts, a header
	 * with any other value) is `rest`.
	 *
	 * @param WP_REST_Request $request The request.
	 * @return string
	 *
	 * @phpstan-param WP_REST_Request<array<string, mixed>> $request
	 */
	private static function how( $request ): string {
		$nonce = $request->get_header( 'X-WP-Nonce' );
		return is_string( $nonce ) && '' !== $nonce && false !== wp_verify_nonce( $nonce, 'wp_rest' ) ? 'screen' : 'rest';
	}

	// -----------------------------------------------------------------------------------------
	// POST /test-email.
	// -----------------------------------------------------------------------------------------

	/**
	 * Sends a test email through wp_mail(), WP Mail SMTP and MailerSend, and explains the outcome.
	 *
	 * @param WP_REST_Request $request The request.
	 * @return WP_REST_Response|WP_Error
	 *
	 * @phpstan-param WP_REST_Request<array<string, mixed>> $request
	 */
	public function send_test_email( $request ) {
		$result = $this->test_email->send( (string) $request->get_param( 'to' ), (bool) $request->get_param( 'html' ) );
		if ( $result instanceof WP_Error ) {
			return $result;
		}
		return rest_ensure_response( Token_Service::export( $result ) );
	}

	// -----------------------------------------------------------------------------------------
	// Response schemas.
	// -----------------------------------------------------------------------------------------

	/**
	 * Schema of GET /status.
	 *
	 * @return array<string, mixed>
	 */
	public function get_item_schema() {
		if ( $this->schema ) {
			return $this->add_additional_fields_schema( $this->schema );
		}
		$nullable_string = array( 'type' => array( 'string', 'null' ) );
		$verdict         = self::verdict_schema();

		$this->schema = array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'fix-mailersend-status',
			'type'       => 'object',
			'properties' => array(
				'wp_mail_smtp' => array(
					'type'       => 'object',
					'context'    => array( 'view' ),
					'readonly'   => true,
					'properties' => array(
						'state'        => array(
							'type' => 'string',
							'enum' => array( 'active', 'inactive', 'missing', 'too_old' ),
						),
						'version'      => $nullable_string,
						'min_version'  => array( 'type' => 'string' ),
						'pro'          => array( 'type' => 'boolean' ),
						'network_wide' => array(
							'description' => __( 'WP Mail SMTP uses network-wide settings (Pro, multisite): a save changes every site of the network, so only network administrators may make it.', 'fix-mailersend' ),
							'type'        => 'boolean',
						),
						'settings_url' => array(
							'type'   => 'string',
							'format' => 'uri',
						),
					),
				),
				'mailer'       => array(
					'type'       => 'object',
					'context'    => array( 'view' ),
					'readonly'   => true,
					'properties' => array(
						'slug'          => $nullable_string,
						'is_mailersend' => array( 'type' => 'boolean' ),
						'from_constant' => array( 'type' => 'boolean' ),
					),
				),
				'token'        => array(
					'type'       => 'object',
					'context'    => array( 'view' ),
					'readonly'   => true,
					'properties' => array(
						'source'     => array(
							'type' => 'string',
							'enum' => array( 'database', 'constant', 'none' ),
						),
						'masked'     => $nullable_string,
						'constant'   => array( 'type' => 'string' ),
						'expires_at' => $nullable_string,
					),
				),
				'from'         => array(
					'type'       => 'object',
					'context'    => array( 'view' ),
					'readonly'   => true,
					'properties' => array(
						'email'  => array( 'type' => 'string' ),
						'domain' => array( 'type' => 'string' ),
					),
				),
				'last_failure' => array(
					'type'       => array( 'object', 'null' ),
					'context'    => array( 'view' ),
					'readonly'   => true,
					'properties' => array(
						'at'            => $nullable_string,
						'message'       => array( 'type' => 'string' ),
						'ms_code'       => $nullable_string,
						'http_status'   => array( 'type' => array( 'integer', 'null' ) ),
						'resolved'      => array( 'type' => 'boolean' ),
						'current_token' => array(
							'description' => __( 'Whether the failed email was sent with the token on file now; null when unknown.', 'fix-mailersend' ),
							'type'        => array( 'boolean', 'null' ),
						),
						'verdict'       => $verdict,
					),
				),
				'last_check'   => array(
					'type'       => array( 'object', 'null' ),
					'context'    => array( 'view' ),
					'readonly'   => true,
					'properties' => array(
						'at'      => array( 'type' => 'string' ),
						'verdict' => $verdict,
						'current' => array( 'type' => 'boolean' ),
					),
				),
				'headline'     => $verdict + array(
					'context'  => array( 'view' ),
					'readonly' => true,
				),
				'outage'       => self::outage_schema(),
			),
		);
		return $this->add_additional_fields_schema( $this->schema );
	}

	/**
	 * Schema of POST /token/check.
	 *
	 * @return array<string, mixed>
	 */
	public function get_check_schema(): array {
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'fix-mailersend-token-check',
			'type'       => 'object',
			'properties' => array(
				'verdict' => self::verdict_schema(),
				'token'   => array(
					'type'       => 'object',
					'properties' => array(
						'masked' => array( 'type' => array( 'string', 'null' ) ),
						'source' => array(
							'type' => 'string',
							'enum' => array( 'pasted', 'database', 'constant', 'none' ),
						),
					),
				),
			),
		);
	}

	/**
	 * Schema of PUT /token (200).
	 *
	 * @return array<string, mixed>
	 */
	public function get_save_schema(): array {
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'fix-mailersend-token-save',
			'type'       => 'object',
			'properties' => array(
				'saved'           => array( 'type' => 'boolean' ),
				'verdict'         => self::verdict_schema(),
				'token'           => array(
					'type'       => 'object',
					'properties' => array(
						'masked' => array( 'type' => 'string' ),
						'source' => array(
							'type' => 'string',
							'enum' => array( 'database' ),
						),
					),
				),
				'mailer_switched' => array( 'type' => 'boolean' ),
			),
		);
	}

	/**
	 * Schema of POST /test-email.
	 *
	 * @return array<string, mixed>
	 */
	public function get_test_email_schema(): array {
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'fix-mailersend-test-email',
			'type'       => 'object',
			'properties' => array(
				'accepted'       => array( 'type' => 'boolean' ),
				'via_mailersend' => array(
					'description' => 'With accepted: whether MailerSend\'s answer was seen (false: WordPress reported the email as sent, but no request reached MailerSend).',
					'type'        => 'boolean',
				),
				'message_id'     => array( 'type' => array( 'string', 'null' ) ),
				'warnings'       => array(
					'type'  => 'array',
					'items' => self::verdict_schema(),
				),
				'verdict'        => self::verdict_schema(),
			),
		);
	}

	/**
	 * Schema of GET /status `outage` (Recovery\Outage_Report::get()).
	 *
	 * @return array<string, mixed>
	 */
	public static function outage_schema(): array {
		return array(
			'description' => __( 'The MailerSend failures of the last 30 days in WP Mail SMTP’s Debug Events, since the last email that went out; null when there are none.', 'fix-mailersend' ),
			'type'        => array( 'object', 'null' ),
			'context'     => array( 'view' ),
			'readonly'    => true,
			'properties'  => array(
				'known'     => array( 'type' => 'boolean' ),
				'reason'    => array(
					'description' => __( 'Why the failures are not known: WP Mail SMTP’s Debug Events table is missing, or was emptied.', 'fix-mailersend' ),
					'type'        => array( 'string', 'null' ),
					'enum'        => array( 'no_table', 'emptied', null ),
				),
				'since'     => array(
					'type'   => array( 'string', 'null' ),
					'format' => 'date-time',
				),
				'last'      => array(
					'type'   => array( 'string', 'null' ),
					'format' => 'date-time',
				),
				'ongoing'   => array(
					'description' => __( 'No email went out through MailerSend since the last failure.', 'fix-mailersend' ),
					'type'        => 'boolean',
				),
				'failed'    => array( 'type' => 'integer' ),
				'truncated' => array(
					'description' => __( 'The window (30 days, 5,000 events) cut the outage short: at least this many failed.', 'fix-mailersend' ),
					'type'        => 'boolean',
				),
				'causes'    => array(
					'type'  => 'array',
					'items' => array(
						'type'       => 'object',
						'properties' => array(
							'verdict' => array(
								'type' => 'string',
								'enum' => Verdicts::all_ids(),
							),
							'title'   => array(
								'description' => __( 'The verdict’s title, from the catalogue.', 'fix-mailersend' ),
								'type'        => 'string',
							),
							'count'   => array( 'type' => 'integer' ),
						),
					),
				),
				'senders'   => array(
					'type'  => 'array',
					'items' => array(
						'type'       => 'object',
						'properties' => array(
							'name'  => array( 'type' => 'string' ),
							'count' => array( 'type' => 'integer' ),
						),
					),
				),
				'summary'   => array( 'type' => 'string' ),
			),
		);
	}

	/**
	 * Schema of a verdict (docs/architecture.md).
	 *
	 * @return array<string, mixed>
	 */
	public static function verdict_schema(): array {
		return array(
			'type'       => 'object',
			'properties' => array(
				'id'          => array(
					'type' => 'string',
					'enum' => Verdicts::all_ids(),
				),
				'severity'    => array(
					'type' => 'string',
					'enum' => Verdict::SEVERITIES,
				),
				'title'       => array( 'type' => 'string' ),
				'explanation' => array( 'type' => 'string' ),
				'steps'       => array(
					'type'  => 'array',
					'items' => array( 'type' => 'string' ),
				),
				'evidence'    => array(
					'type'                 => 'object',
					'additionalProperties' => array( 'type' => array( 'string', 'number', 'boolean', 'null' ) ),
				),
				'policy'      => array(
					'description' => 'Derived from the verdict catalogue and the evidence (Verdicts::policy()).',
					'type'        => 'object',
					'properties'  => array(
						'step'         => array(
							'type' => array( 'string', 'null' ),
							'enum' => array( 'new-token', 'paste', 'test', null ),
						),
						'proves_token' => array( 'type' => 'boolean' ),
						'save_anyway'  => array( 'type' => 'boolean' ),
					),
				),
			),
		);
	}
}
