<?php
/**
 * The REST API of the Fix MailerSend screen: fix-mailersend/v1.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Rest;

use FixMailerSend\Diagnosis\Diagnosis;
use FixMailerSend\Diagnosis\Token_Inspector;
use FixMailerSend\Diagnosis\Verdict;
use FixMailerSend\Storage\Audit_Trail;
use FixMailerSend\Storage\Check_Log;
use FixMailerSend\Storage\Recent_Checks;
use FixMailerSend\Storage\Token_Expiry;
use FixMailerSend\Support\Mask;
use FixMailerSend\Support\Throttle;
use FixMailerSend\WpMailSmtp\Adapter;
use FixMailerSend\WpMailSmtp\Send_Watcher;
use WP_Error;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

/**
 * Routes (docs/architecture.md): GET /status, POST /token/check, PUT /token, POST /test-email.
 *
 * Every route needs WP Mail SMTP's admin capability (401 logged out, 403 without it), every
 * input has a schema, every failure is a WP_Error with a status, and no answer contains a
 * full token: only Mask::token().
 */
class Rest_Controller extends \WP_REST_Controller {

	/**
	 * The REST namespace.
	 */
	const REST_NAMESPACE = 'fix-mailersend/v1';

	/**
	 * Longest token input accepted, in characters.
	 */
	const TOKEN_MAX_LENGTH = 2048;

	/**
	 * Verdicts for which the user may save a token MailerSend could not check.
	 */
	const SAVE_ANYWAY_VERDICTS = array( 'mailersend_unavailable', 'network_error' );

	/**
	 * The header WP Mail SMTP's Email Test tool sends (bypasses "Do Not Send" and its queue).
	 */
	const TEST_EMAIL_HEADER = 'X-Mailer-Type:WPMailSMTP/Admin/Test';

	/**
	 * WP Mail SMTP adapter.
	 *
	 * @var Adapter
	 */
	private $adapter;

	/**
	 * The diagnosis.
	 *
	 * @var Diagnosis
	 */
	private $diagnosis;

	/**
	 * Send watcher.
	 *
	 * @var Send_Watcher
	 */
	private $watcher;

	/**
	 * Audit trail of token changes.
	 *
	 * @var Audit_Trail
	 */
	private $audit;

	/**
	 * Last check of the saved token.
	 *
	 * @var Check_Log
	 */
	private $checks;

	/**
	 * Expiry date of the saved token.
	 *
	 * @var Token_Expiry
	 */
	private $expiry;

	/**
	 * Per-site throttle (the test email's bucket).
	 *
	 * @var Throttle
	 */
	private $throttle;

	/**
	 * Recent deep checks of pasted tokens.
	 *
	 * @var Recent_Checks
	 */
	private $recent;

	/**
	 * Creates the controller.
	 *
	 * @param Adapter       $adapter   WP Mail SMTP adapter.
	 * @param Diagnosis     $diagnosis The diagnosis.
	 * @param Send_Watcher  $watcher   Send watcher.
	 * @param Audit_Trail   $audit     Audit trail.
	 * @param Check_Log     $checks    Last check.
	 * @param Token_Expiry  $expiry    Token expiry.
	 * @param Throttle      $throttle  Per-site throttle.
	 * @param Recent_Checks $recent    Recent deep checks.
	 */
	public function __construct( Adapter $adapter, Diagnosis $diagnosis, Send_Watcher $watcher, Audit_Trail $audit, Check_Log $checks, Token_Expiry $expiry, Throttle $throttle, Recent_Checks $recent ) {
		$this->namespace = self::REST_NAMESPACE;
		$this->rest_base = '';
		$this->adapter   = $adapter;
		$this->diagnosis = $diagnosis;
		$this->watcher   = $watcher;
		$this->audit     = $audit;
		$this->checks    = $checks;
		$this->expiry    = $expiry;
		$this->throttle  = $throttle;
		$this->recent    = $recent;
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
							'description' => __( 'Make MailerSend WP Mail SMTP\'s active mailer (the user agreed).', 'fix-mailersend' ),
							'type'        => 'boolean',
							'default'     => false,
						),
						'save_anyway'   => array(
							'description' => __( 'Save although MailerSend could not be reached (only for mailersend_unavailable and network_error).', 'fix-mailersend' ),
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
			'maxLength'         => self::TOKEN_MAX_LENGTH,
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
		$valid = rest_validate_request_arg( $value, $request, $param );
		if ( true !== $valid ) {
			return $valid;
		}
		$value = (string) $value;
		if ( 1 !== preg_match( '/^[\x20-\x7E]*$/', $value ) ) {
			return new WP_Error(
				'fix_mailersend_invalid_token',
				__( 'The token must be a single line of letters, digits and punctuation (no line breaks, tabs or non-ASCII characters such as "…").', 'fix-mailersend' )
			);
		}
		if ( false !== strpbrk( $value, '<>' ) ) {
			return new WP_Error(
				'fix_mailersend_invalid_token',
				__( 'The token must not contain "<" or ">".', 'fix-mailersend' )
			);
		}
		if ( '' === Token_Inspector::normalise( $value ) ) {
			return new WP_Error(
				'fix_mailersend_invalid_token',
				__( 'The token is empty.', 'fix-mailersend' )
			);
		}
		return true;
	}

	/**
	 * The token as the rest of the code sees it: normalised (spaces, quotes, "Bearer " removed).
	 *
	 * @param mixed           $value   The value.
	 * @param WP_REST_Request $request The request.
	 * @param string          $param   The parameter name.
	 * @return mixed
	 *
	 * @phpstan-param WP_REST_Request<array<string, mixed>> $request
	 */
	public function sanitize_token_arg( $value, $request, $param ) {
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
		return is_string( $value ) ? Token_Inspector::normalise( $value ) : $value;
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
		$parts = array_map( 'intval', explode( '-', (string) $value ) );
		if ( 3 !== count( $parts ) || ! checkdate( $parts[1], $parts[2], $parts[0] ) ) {
			return new WP_Error( 'fix_mailersend_invalid_date', __( 'The expiration date must be a real date (YYYY-MM-DD).', 'fix-mailersend' ) );
		}
		return true;
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
		unset( $request );
		$adapter = $this->adapter;
		$state   = $adapter->state();
		$loaded  = $adapter->is_loaded();
		$token   = $adapter->token();
		$source  = $adapter->token_source();
		$mailer  = $adapter->mailer();

		$failure      = $adapter->last_failure();
		$failure_data = null;
		$failure_fact = null;
		if ( null !== $failure ) {
			$verdict      = $this->diagnosis->explain_failure( $failure['message'], (string) $failure['ms_code'], (int) $failure['http_status'] );
			$failure_data = array(
				'at'            => $failure['at'],
				'message'       => Mask::scrub( $failure['message'], array( $token ) ),
				'ms_code'       => $failure['ms_code'],
				'http_status'   => $failure['http_status'],
				'resolved'      => $failure['resolved'],
				'current_token' => $failure['current_token'],
				'verdict'       => self::verdict_data( $verdict ),
			);
			$failure_fact = $failure + array( 'verdict' => $verdict );
		}

		$check      = $this->checks->get();
		$check_data = null;
		$check_fact = null;
		if ( null !== $check ) {
			$current    = '' !== $check['fingerprint'] && $check['fingerprint'] === $adapter->token_fingerprint();
			$check_data = array(
				'at'      => $check['at'],
				'verdict' => self::verdict_data( $check['verdict'] ),
				'current' => $current,
			);
			$check_fact = array(
				'at'      => $check['at'],
				'current' => $current,
				'verdict' => $check['verdict'],
			);
		}

		$headline = Headline::pick(
			array(
				'state'        => $state,
				'version'      => $adapter->version(),
				'mailer'       => $mailer,
				'token_source' => $source,
				'token'        => $token,
				'failure'      => $failure_fact,
				'check'        => $check_fact,
			)
		);

		$data = array(
			'wp_mail_smtp' => array(
				'state'        => $state,
				'version'      => $adapter->version(),
				'min_version'  => Adapter::MIN_VERSION,
				'pro'          => $adapter->is_pro(),
				'settings_url' => $adapter->settings_url(),
			),
			'mailer'       => array(
				'slug'          => $mailer,
				'is_mailersend' => Adapter::MAILER === $mailer,
				'from_constant' => $loaded && $adapter->mailer_from_constant(),
			),
			'token'        => array(
				'source'     => $source,
				'masked'     => '' === $token ? null : Mask::token( $token ),
				'constant'   => Adapter::CONSTANT,
				'expires_at' => 'database' === $source ? $this->expiry->get() : null,
			),
			'from'         => array(
				'email'  => $adapter->from_email(),
				'domain' => $adapter->from_domain(),
			),
			'last_failure' => $failure_data,
			'last_check'   => $check_data,
			'headline'     => self::verdict_data( $headline ),
		);

		return rest_ensure_response( $data );
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
		$pasted = is_string( $request->get_param( 'token' ) );
		if ( $pasted ) {
			$token  = (string) $request->get_param( 'token' );
			$source = 'pasted';
		} else {
			$token  = Token_Inspector::normalise( $this->adapter->token() );
			$source = $this->adapter->token_source();
		}

		$deep    = (bool) $request->get_param( 'deep' );
		$verdict = $this->diagnosis->check_token( $token, $this->adapter->from_email(), $deep );
		if ( $verdict instanceof WP_Error ) {
			return $verdict;
		}

		if ( $deep ) {
			$this->recent->remember( Token_Inspector::normalise( $token ), $this->adapter->from_email(), $verdict );
		}
		if ( ! $pasted ) {
			$this->checks->record( $verdict, $this->adapter->token() );
		}

		return rest_ensure_response(
			array(
				'verdict' => self::verdict_data( $verdict ),
				'token'   => array(
					'masked' => '' === $token ? null : Mask::token( $token ),
					'source' => $source,
				),
			)
		);
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
		$token = (string) $request->get_param( 'token' );

		if ( ! $this->adapter->is_loaded() ) {
			return new WP_Error(
				'fix_mailersend_wp_mail_smtp_unavailable',
				__( 'WP Mail SMTP is not active, so there is nowhere to save the token. Install or activate WP Mail SMTP first.', 'fix-mailersend' ),
				array( 'status' => 409 )
			);
		}

		$verdict = $this->check_before_saving( $token );
		if ( $verdict instanceof WP_Error ) {
			return $verdict;
		}

		if ( $this->adapter->token_from_constant() ) {
			return new WP_Error(
				'fix_mailersend_constant_defined',
				sprintf(
					/* translators: %s: constant name. */
					__( 'The MailerSend token is set by the %s constant in wp-config.php, so it cannot be saved here. Replace the token in wp-config.php instead; nothing was changed.', 'fix-mailersend' ),
					Adapter::CONSTANT
				),
				array(
					'status'   => 409,
					'constant' => Adapter::CONSTANT,
					'verdict'  => self::verdict_data( $verdict ),
				)
			);
		}

		$anyway = (bool) $request->get_param( 'save_anyway' ) && in_array( $verdict->id(), self::SAVE_ANYWAY_VERDICTS, true );
		if ( ! self::proves_token( $verdict ) && ! $anyway ) {
			return new WP_Error(
				'fix_mailersend_token_rejected',
				in_array( $verdict->id(), self::SAVE_ANYWAY_VERDICTS, true )
					? __( 'MailerSend could not check the token, so it was not saved. The saved token was not changed. You may save it anyway.', 'fix-mailersend' )
					: __( 'The token did not pass the check, so it was not saved. The saved token was not changed.', 'fix-mailersend' ),
				array(
					'status'  => 422,
					'verdict' => self::verdict_data( $verdict ),
				)
			);
		}

		$before = $this->adapter->token();
		$result = $this->adapter->save_token( $token, (bool) $request->get_param( 'switch_mailer' ) );
		if ( $result instanceof WP_Error ) {
			$result->add_data( array_merge( (array) $result->get_error_data(), array( 'verdict' => self::verdict_data( $verdict ) ) ) );
			return $result;
		}

		$expires_at = $request->get_param( 'expires_at' );
		$expires_at = is_string( $expires_at ) && '' !== $expires_at ? $expires_at : null;

		$this->audit->record( self::how( $request ), $before, $token, null, $expires_at );
		$this->expiry->set( $expires_at );
		$this->checks->record( $verdict, $token );

		return rest_ensure_response(
			array(
				'saved'           => true,
				'verdict'         => self::verdict_data( $verdict ),
				'token'           => array(
					'masked' => Mask::token( $token ),
					'source' => 'database',
				),
				'mailer_switched' => $result['mailer_switched'],
			)
		);
	}

	/**
	 * The full check a token must pass before it is saved: the deep check (permission to
	 * send, the From domain), so that a token every email would fail with is never saved.
	 * A deep check of the same token made on the screen in the last minutes stands, and then
	 * only the free quota call confirms the token is still active: one save never costs two
	 * probes of MailerSend's daily quota.
	 *
	 * @param string $token The token to save.
	 * @return Verdict|WP_Error WP_Error when throttled.
	 */
	private function check_before_saving( string $token ) {
		$from   = $this->adapter->from_email();
		$recent = $this->recent->recall( Token_Inspector::normalise( $token ), $from );

		$verdict = $this->diagnosis->check_token( $token, $from, null === $recent );
		if ( $verdict instanceof WP_Error || null === $recent || ! self::proves_token( $verdict ) ) {
			return $verdict;
		}
		return $recent;
	}

	/**
	 * A verdict as JSON data: `evidence` is always an object, `{}` when empty.
	 *
	 * @param Verdict $verdict The verdict.
	 * @return array<string, mixed>
	 */
	public static function verdict_data( Verdict $verdict ): array {
		$data             = $verdict->to_array();
		$data['evidence'] = (object) $data['evidence'];
		return $data;
	}

	/**
	 * Whether a verdict proves that MailerSend accepts the token: `valid`, or a warning given
	 * after MailerSend accepted it (`legacy_token`, `rate_limited`, `send_paused`, …).
	 *
	 * @param Verdict $verdict The verdict.
	 * @return bool
	 */
	public static function proves_token( Verdict $verdict ): bool {
		return $verdict->is_valid() || ( 'warning' === $verdict->severity() && $verdict->token_accepted() );
	}

	/**
	 * How a save was made, for the audit trail: the screen sends core's REST nonce (cookie
	 * authentication in wp-admin); other clients (application passwords, scripts) do not.
	 *
	 * @param WP_REST_Request $request The request.
	 * @return string
	 *
	 * @phpstan-param WP_REST_Request<array<string, mixed>> $request
	 */
	private static function how( $request ): string {
		$nonce = $request->get_header( 'x_wp_nonce' );
		if ( null === $nonce || '' === $nonce ) {
			$nonce = $request->get_param( '_wpnonce' );
		}
		return is_string( $nonce ) && '' !== $nonce ? 'screen' : 'rest';
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
		if ( ! $this->adapter->is_loaded() ) {
			return new WP_Error(
				'fix_mailersend_wp_mail_smtp_unavailable',
				__( 'WP Mail SMTP is not active, so a test email would not go through MailerSend.', 'fix-mailersend' ),
				array( 'status' => 409 )
			);
		}
		if ( ! $this->adapter->is_mailersend() ) {
			return new WP_Error(
				'fix_mailersend_mailer_not_mailersend',
				__( 'WP Mail SMTP does not send through MailerSend, so a test email would not test MailerSend. Save a working token with "Switch WP Mail SMTP to MailerSend" first.', 'fix-mailersend' ),
				array( 'status' => 409 )
			);
		}

		$wait = $this->throttle->acquire( Throttle::BUCKET_SEND );
		if ( $wait > 0 ) {
			return new WP_Error(
				'fix_mailersend_throttled',
				sprintf(
					/* translators: %d: seconds to wait. */
					_n( 'Too many test emails: wait %d second before sending another.', 'Too many test emails: wait %d seconds before sending another.', $wait, 'fix-mailersend' ),
					$wait
				),
				array(
					'status'      => 429,
					'retry_after' => $wait,
					'bucket'      => Throttle::BUCKET_SEND,
				)
			);
		}

		$to      = (string) $request->get_param( 'to' );
		$html    = (bool) $request->get_param( 'html' );
		$message = self::test_email( $html );
		$headers = array( self::TEST_EMAIL_HEADER );
		if ( $html ) {
			$headers[] = 'Content-Type: text/html; charset=UTF-8';
		}

		$outcome = $this->watcher->capture(
			static function () use ( $to, $message, $headers ) {
				return wp_mail( $to, $message['subject'], $message['body'], $headers );
			}
		);

		return rest_ensure_response( $this->explain_test_email( $outcome ) );
	}

	/**
	 * Turns what the watcher saw into the route's answer.
	 *
	 * @param array{sent: bool, response: \FixMailerSend\MailerSend\Api_Response|null, failure: array{message: string, ms_code: string, http_status: int}|null, mail_error: string|null} $outcome What happened.
	 * @return array<string, mixed>
	 */
	private function explain_test_email( array $outcome ): array {
		$from = $this->adapter->from_email();

		if ( null === $outcome['response'] && $outcome['sent'] ) {
			// Sent without a visible MailerSend request (e.g. another plugin took over wp_mail()).
			return array(
				'accepted'   => true,
				'message_id' => null,
				'warnings'   => array(),
			);
		}

		$result = null !== $outcome['response'] ? $this->diagnosis->explain_send_response( $outcome['response'], $from ) : null;
		if ( null !== $result && ! $result['accepted'] ) {
			return array(
				'accepted' => false,
				'verdict'  => self::verdict_data( $result['verdict'] ),
			);
		}
		if ( null !== $result && $outcome['sent'] ) {
			return array(
				'accepted'   => true,
				'message_id' => $result['message_id'],
				'warnings'   => array_map(
					array( self::class, 'verdict_data' ),
					$result['warnings']
				),
			);
		}

		// No answer seen and nothing sent, or MailerSend accepted it yet wp_mail() failed afterwards.
		if ( null !== $outcome['failure'] ) {
			$verdict = $this->diagnosis->explain_failure( $outcome['failure']['message'], $outcome['failure']['ms_code'], $outcome['failure']['http_status'] );
		} else {
			$verdict = $this->diagnosis->explain_failure( (string) $outcome['mail_error'] );
		}
		return array(
			'accepted' => false,
			'verdict'  => self::verdict_data( $verdict ),
		);
	}

	/**
	 * Subject and body of the test email, in the site's language.
	 *
	 * @param bool $html HTML or plain text.
	 * @return array{subject: string, body: string}
	 */
	private static function test_email( bool $html ): array {
		$site = wp_specialchars_decode( (string) get_bloginfo( 'name' ), ENT_QUOTES );
		$url  = home_url( '/' );

		$subject = sprintf(
			/* translators: %s: site title. */
			__( 'Test email from %s (Fix MailerSend)', 'fix-mailersend' ),
			'' !== $site ? $site : $url
		);
		$lines = array(
			__( 'This is a test email sent by Fix MailerSend.', 'fix-mailersend' ),
			sprintf(
				/* translators: %s: site address. */
				__( 'It was sent from %s through WordPress, WP Mail SMTP and MailerSend: if you are reading it, email from your site reaches MailerSend and gets delivered.', 'fix-mailersend' ),
				$url
			),
			__( 'You can delete this email.', 'fix-mailersend' ),
		);

		if ( ! $html ) {
			return array(
				'subject' => $subject,
				'body'    => implode( "\n\n", $lines ) . "\n",
			);
		}

		$body = '<!doctype html><html><body style="font-family: sans-serif; line-height: 1.5;">';
		foreach ( $lines as $index => $line ) {
			$body .= 0 === $index ? '<p><strong>' . esc_html( $line ) . '</strong></p>' : '<p>' . esc_html( $line ) . '</p>';
		}
		$body .= '</body></html>';

		return array(
			'subject' => $subject,
			'body'    => $body,
		);
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
				'accepted'   => array( 'type' => 'boolean' ),
				'message_id' => array( 'type' => array( 'string', 'null' ) ),
				'warnings'   => array(
					'type'  => 'array',
					'items' => self::verdict_schema(),
				),
				'verdict'    => self::verdict_schema(),
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
				'id'          => array( 'type' => 'string' ),
				'severity'    => array(
					'type' => 'string',
					'enum' => array( 'success', 'info', 'warning', 'error' ),
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
			),
		);
	}
}
