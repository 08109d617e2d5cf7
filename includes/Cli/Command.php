<?php
/**
 * WP-CLI: `wp fix-mailersend status | check | set-token | test-email`.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Cli;

use FixMailerSend\Diagnosis\Verdict;
use FixMailerSend\Diagnosis\Verdicts;
use FixMailerSend\Recovery\Held_Emails;
use FixMailerSend\Service\Test_Email;
use FixMailerSend\Service\Token_Service;
use FixMailerSend\Support\Mask;
use FixMailerSend\WpMailSmtp\Adapter;
use FixMailerSend\Support\Token;
use WP_CLI;
use WP_CLI\Formatter;
use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * Diagnoses and fixes the MailerSend API token of WP Mail SMTP.
 *
 * The rest of `wp help fix-mailersend` (what it does, the exit codes, examples) is
 * Command::longdesc(), given to WP_CLI::add_command(): its exit codes list the verdicts of
 * each code from the catalogue (Diagnosis\Verdicts, column `exit`).
 */
final class Command {

	/**
	 * The command's name.
	 */
	const NAME = 'fix-mailersend';

	/**
	 * Exit codes (see the class comment; stable, documented in README.md).
	 */
	const EXIT_OK              = 0;
	const EXIT_ERROR           = 1;
	const EXIT_USAGE           = 2;
	const EXIT_FORMAT          = 3;
	const EXIT_UNAUTHENTICATED = 4;
	const EXIT_ACCOUNT         = 5;
	const EXIT_SENDING         = 6;
	const EXIT_UNREACHABLE     = 7;
	const EXIT_SETUP           = 8;
	const EXIT_THROTTLED       = 9;
	const EXIT_NOT_CHECKED     = 10;

	/**
	 * What each exit code means (`wp help fix-mailersend`, with the verdicts of each code from
	 * the catalogue; README.md "WP-CLI" has the same table, checked by ExitCodesTest).
	 */
	const EXIT_MEANINGS = array(
		self::EXIT_OK              => 'the token works (set-token: saved it; test-email: MailerSend accepted the email)',
		self::EXIT_ERROR           => 'unknown: an answer nobody could classify, or an unexpected error',
		self::EXIT_USAGE           => 'usage: an unknown option, a token on the command line, nothing on STDIN, a bad --expires, --to or --format value (a --to that PHPMailer refuses too)',
		self::EXIT_FORMAT          => 'the token\'s format',
		self::EXIT_UNAUTHENTICATED => 'MailerSend does not recognise the token',
		self::EXIT_ACCOUNT         => 'permission or account',
		self::EXIT_SENDING         => 'domain, trial, quota, plan or rate',
		self::EXIT_UNREACHABLE     => 'MailerSend or the network unreachable',
		self::EXIT_SETUP           => 'the site\'s setup, or a wp-config.php constant owns the token (or the mailer); a test email WordPress reported as sent that did not go through MailerSend (another plugin sent it)',
		self::EXIT_THROTTLED       => 'throttled: the plugin\'s per-site limit on MailerSend calls; try again later',
		self::EXIT_NOT_CHECKED     => 'status only: the saved token was never checked',
	);

	/**
	 * WP_Error code → exit code, for refusals that are not about the token itself.
	 */
	const ERROR_EXIT_CODES = array(
		'fix_mailersend_throttled'                => self::EXIT_THROTTLED,
		'fix_mailersend_wp_mail_smtp_unavailable' => self::EXIT_SETUP,
		'fix_mailersend_mailer_not_mailersend'    => self::EXIT_SETUP,
		'fix_mailersend_constant_defined'         => self::EXIT_SETUP,
		'fix_mailersend_mailer_constant_defined'  => self::EXIT_SETUP,
		'fix_mailersend_invalid_recipient'        => self::EXIT_USAGE,
		'fix_mailersend_invalid_date'             => self::EXIT_USAGE,
	);

	/**
	 * Output formats.
	 */
	const FORMATS = array( 'table', 'json', 'yaml' );

	/**
	 * Most bytes read from STDIN (a token is at most Token_Service::TOKEN_MAX_LENGTH characters).
	 */
	const STDIN_LIMIT = 65536;

	/**
	 * Stands for the token in the wp-config.php line printed when a constant owns the key.
	 */
	const TOKEN_PLACEHOLDER = 'YOUR-NEW-TOKEN';

	/**
	 * Status, check and checked save.
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
	 * WP Mail SMTP adapter.
	 *
	 * @var Adapter
	 */
	private $adapter;

	/**
	 * The held emails (`status`'s `held` block, as GET /status's).
	 *
	 * @var Held_Emails|null
	 */
	private $held;

	/**
	 * Creates the command with the services it runs (the REST API's, Plugin wires them).
	 *
	 * @param Token_Service    $tokens     Status, check and checked save.
	 * @param Test_Email       $test_email The test email.
	 * @param Adapter          $adapter    WP Mail SMTP adapter.
	 * @param Held_Emails|null $held       The held emails.
	 */
	public function __construct( Token_Service $tokens, Test_Email $test_email, Adapter $adapter, ?Held_Emails $held = null ) {
		$this->tokens     = $tokens;
		$this->test_email = $test_email;
		$this->adapter    = $adapter;
		$this->held       = $held;
	}

	/**
	 * The exit code of a verdict id (see the class comment): the catalogue's record `exit`
	 * (`unknown`'s for an id outside it).
	 *
	 * @param string $id Verdict id.
	 * @return int
	 */
	public static function exit_code( string $id ): int {
		return Verdicts::exit_code( $id );
	}

	/**
	 * The long description of `wp help fix-mailersend`: what it does, the exit codes with the
	 * verdicts of each (from the catalogue), examples.
	 *
	 * @return string
	 */
	public static function longdesc(): string {
		$codes = '';
		foreach ( self::EXIT_MEANINGS as $code => $meaning ) {
			$ids    = Verdicts::ids_where( 'exit', $code );
			$text   = $meaning . ( array() !== $ids ? ': ' . implode( ', ', $ids ) : '' );
			$lines  = explode( "\n", wordwrap( $text, 62, "\n", true ) );
			$codes .= '    ' . str_pad( (string) $code, 4 ) . implode( "\n        ", $lines ) . "\n";
		}
		return "The same checks and answers as the Fix MailerSend screen (Tools → Fix\n"
			. "MailerSend): what is wrong, in plain words, with the next steps. The token\n"
			. "is read from STDIN only, never from the command line, and is never printed\n"
			. "in full. Every subcommand takes --format=table (readable, the default),\n"
			. "json or yaml.\n\n"
			. "## EXIT CODES\n\n"
			. "Every subcommand exits with the code of its verdict (status: the\n"
			. "headline's), so scripts and monitors can act on it:\n\n"
			. $codes
			. "\n## EXAMPLES\n\n"
			. "    # What is wrong, as the screen's Diagnose step shows it.\n"
			. "    $ wp fix-mailersend status\n\n"
			. "    # Check the saved token: sending permission and From domain too.\n"
			. "    $ wp fix-mailersend check --deep\n\n"
			. "    # Check a new token and save it (the token comes from STDIN).\n"
			. "    $ pass show mailersend | wp fix-mailersend set-token\n\n"
			. "    # Send a test email through wp_mail(), WP Mail SMTP and MailerSend.\n"
			. "    $ wp fix-mailersend test-email --to=me@example.com\n";
	}

	// -----------------------------------------------------------------------------------------
	// Subcommands.
	// -----------------------------------------------------------------------------------------

	/**
	 * Shows what is wrong with the MailerSend token, as the screen's Diagnose step does.
	 *
	 * WP Mail SMTP, the mailer, the token (masked, and where it comes from),
	 * the last failed email, the last check and the headline verdict, from
	 * stored results only: no request goes to MailerSend. Exits with the
	 * headline's code (0 when the token works).
	 *
	 * ## OPTIONS
	 *
	 *     [--format=<format>]
	 *         table (readable: the headline, then the facts), json (the
	 *         shape of GET /wp-json/fix-mailersend/v1/status) or yaml
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp fix-mailersend status
	 *     $ wp fix-mailersend status --format=json
	 *
	 * @param array<int, string>   $args       Positional arguments (none).
	 * @param array<string, mixed> $assoc_args Options.
	 * @return void
	 */
	public function status( array $args, array $assoc_args ): void {
		$format = $this->arguments( 'status', $args, $assoc_args, array( 'format' ) );
		if ( null === $format ) {
			return;
		}

		$status = $this->tokens->status();
		// As GET /status: WP Mail SMTP Pro's network-wide settings (a save changes every site's).
		$status['wp_mail_smtp']['network_wide'] = $this->adapter->network_wide_settings();
		if ( null !== $this->held ) {
			// As GET /status's `held` field.
			$status['held'] = $this->held->status();
		}
		/**
		 * The headline.
		 *
		 * @var Verdict $headline
		 */
		$headline = $status['headline'];

		if ( 'table' === $format ) {
			$this->print_verdict( $headline, true );
			$this->print_facts( self::status_facts( $status ) );
		} else {
			$this->print_data( $status, $format );
		}
		$this->finish( self::exit_code( $headline->id() ) );
	}

	/**
	 * Checks the saved token with MailerSend and keeps the result as the last check.
	 *
	 * The screen's "Re-check saved token": the token WP Mail SMTP uses (from the
	 * database or the WPMS_MAILERSEND_API_KEY constant), checked with
	 * MailerSend's free quota call. The result becomes the last check that
	 * `status`, the admin notice and Site Health show.
	 *
	 * ## OPTIONS
	 *
	 *     [--deep]
	 *         also check permission to send and the From domain (one request
	 *         of MailerSend's daily quota; at most 10 a day per site)
	 *     [--format=<format>]
	 *         table (readable), json (the shape of
	 *         POST /wp-json/fix-mailersend/v1/token/check) or yaml
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp fix-mailersend check
	 *     $ wp fix-mailersend check --deep --format=json
	 *
	 * @param array<int, string>   $args       Positional arguments (none).
	 * @param array<string, mixed> $assoc_args Options.
	 * @return void
	 */
	public function check( array $args, array $assoc_args ): void {
		$format = $this->arguments( 'check', $args, $assoc_args, array( 'deep', 'format' ) );
		if ( null === $format ) {
			return;
		}
		$deep = self::flag( $assoc_args, 'deep' );

		$result = $this->tokens->check( null, $deep );
		if ( $result instanceof WP_Error ) {
			$this->fail( $result, $format, array() );
			return;
		}

		if ( 'table' === $format ) {
			$this->print_verdict( $result['verdict'], true );
			$this->print_facts(
				array(
					__( 'Token', 'fix-mailersend' ) => self::token_fact( $result['token']['masked'], $result['token']['source'] ),
					__( 'Check', 'fix-mailersend' ) => $deep
						? __( 'deep: the token, permission to send and the From domain', 'fix-mailersend' )
						: __( 'quick: the token (MailerSend’s free quota call)', 'fix-mailersend' ),
				)
			);
		} else {
			$this->print_data( $result, $format );
		}
		$this->finish( self::exit_code( $result['verdict']->id() ) );
	}

	/**
	 * Checks a new token from STDIN with MailerSend and saves it into WP Mail SMTP.
	 *
	 * Exactly what the screen's Save does: the deep check first (a deep check of
	 * the same token made on the screen in the last 15 minutes stands); a token
	 * that does not work is never saved and the old one stays. Only WP Mail
	 * SMTP's MailerSend API key changes (and its mailer, with --switch-mailer);
	 * the change goes into the audit trail as `cli`.
	 *
	 * The token is read from STDIN, never from the command line, where it would
	 * end up in the shell's history and in the process list. At a terminal,
	 * paste it when asked (the input is hidden). When the
	 * WPMS_MAILERSEND_API_KEY constant in wp-config.php owns the token, nothing
	 * is saved: the define() line to put there is printed instead.
	 *
	 * ## OPTIONS
	 *
	 *     [--switch-mailer]
	 *         also make MailerSend WP Mail SMTP's mailer when another one is
	 *         active
	 *     [--save-anyway]
	 *         save although MailerSend could not check the token (only when
	 *         it could not be reached, or was too busy to check it)
	 *     [--expires=<date>]
	 *         the expiration date chosen for the token in MailerSend
	 *         (YYYY-MM-DD), for the reminder a week before
	 *     [--deep]
	 *         run a fresh deep check even when a recent one of this token
	 *         would stand
	 *     [--format=<format>]
	 *         table (readable), json (the shape of
	 *         PUT /wp-json/fix-mailersend/v1/token) or yaml
	 *
	 * A token given as an argument (or as --token) is refused with exit code 2.
	 *
	 * ## EXAMPLES
	 *
	 *     $ pass show mailersend | wp fix-mailersend set-token \
	 *         --expires=2027-06-30
	 *     $ wp fix-mailersend set-token --switch-mailer < token.txt
	 *
	 * @subcommand set-token
	 *
	 * @param array<int, string>   $args       Positional arguments: refused.
	 * @param array<string, mixed> $assoc_args Options.
	 * @return void
	 */
	public function set_token( array $args, array $assoc_args ): void {
		$format = $this->arguments( 'set-token', $args, $assoc_args, array( 'switch-mailer', 'save-anyway', 'expires', 'deep', 'format' ) );
		if ( null === $format ) {
			return;
		}

		$expires = $assoc_args['expires'] ?? null;
		if ( null !== $expires && ( ! is_string( $expires ) || ! Token_Service::is_date( $expires ) ) ) {
			WP_CLI::error( __( 'The expiration date must be a real date (YYYY-MM-DD).', 'fix-mailersend' ), self::EXIT_USAGE );
			return;
		}

		$token = $this->read_token();
		if ( $token instanceof WP_Error ) {
			WP_CLI::error( $token->get_error_message(), self::EXIT_USAGE );
			return;
		}

		$result = $this->tokens->save(
			$token,
			self::flag( $assoc_args, 'switch-mailer' ),
			self::flag( $assoc_args, 'save-anyway' ),
			$expires,
			'cli',
			self::flag( $assoc_args, 'deep' )
		);

		if ( $result instanceof WP_Error ) {
			$this->refuse_save( $result, $token, $format );
			return;
		}

		if ( 'table' !== $format ) {
			$this->print_data( $result, $format );
			return;
		}
		$this->print_verdict( $result['verdict'] );
		WP_CLI::success(
			sprintf(
				/* translators: %s: masked token. */
				__( 'Saved the token %s in WP Mail SMTP. The previous one is in the audit trail, masked.', 'fix-mailersend' ),
				$result['token']['masked']
			)
		);
		if ( $result['mailer_switched'] ) {
			WP_CLI::log( __( 'WP Mail SMTP now sends through MailerSend.', 'fix-mailersend' ) );
		}
		foreach ( Token_Service::not_recorded_messages( $result['not_recorded'] ) as $message ) {
			WP_CLI::warning( $message );
		}
		if ( ! $result['verdict']->is_valid() ) {
			WP_CLI::warning( $result['verdict']->title() );
		}
		WP_CLI::log( __( 'Next: wp fix-mailersend test-email', 'fix-mailersend' ) );
	}

	/**
	 * Sends a test email through wp_mail(), WP Mail SMTP and MailerSend, and explains it.
	 *
	 * The real sending path, as the screen's "Send test email": MailerSend's
	 * answer (accepted, with its message id and warnings, or the reason it
	 * failed and what to do).
	 *
	 * ## OPTIONS
	 *
	 *     [--to=<email>]
	 *         the recipient (default: the site's administration email)
	 *     [--no-html]
	 *         send plain text (the default is HTML, as on the screen)
	 *     [--format=<format>]
	 *         table (readable), json (the shape of
	 *         POST /wp-json/fix-mailersend/v1/test-email) or yaml
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp fix-mailersend test-email
	 *     $ wp fix-mailersend test-email --to=me@example.com --no-html
	 *
	 * @subcommand test-email
	 *
	 * @param array<int, string>   $args       Positional arguments (none).
	 * @param array<string, mixed> $assoc_args Options.
	 * @return void
	 */
	public function test_email( array $args, array $assoc_args ): void {
		$format = $this->arguments( 'test-email', $args, $assoc_args, array( 'to', 'html', 'format' ) );
		if ( null === $format ) {
			return;
		}

		$to = $assoc_args['to'] ?? get_option( 'admin_email' );
		if ( ! is_string( $to ) || strlen( $to ) > 254 || ! is_email( $to ) ) {
			WP_CLI::error( __( 'The recipient (--to) must be an email address.', 'fix-mailersend' ), self::EXIT_USAGE );
			return;
		}
		$html = ! isset( $assoc_args['html'] ) || self::flag( $assoc_args, 'html' );

		$result = $this->test_email->send( $to, $html );
		if ( $result instanceof WP_Error ) {
			$this->fail( $result, $format, array( 'accepted' => false ) );
			return;
		}

		$not_via_mailersend = $result['accepted'] && false === ( $result['via_mailersend'] ?? null );
		if ( 'table' !== $format ) {
			$this->print_data( $result, $format );
		} elseif ( $not_via_mailersend ) {
			WP_CLI::warning( self::not_via_mailersend_text() );
		} elseif ( $result['accepted'] ) {
			WP_CLI::success(
				null !== ( $result['message_id'] ?? null )
					/* translators: 1: recipient, 2: MailerSend's message id. */
					? sprintf( __( 'MailerSend accepted the test email to %1$s (message id %2$s). Check that inbox.', 'fix-mailersend' ), $to, (string) $result['message_id'] )
					/* translators: %s: recipient. */
					: sprintf( __( 'The test email to %s was sent. Check that inbox.', 'fix-mailersend' ), $to )
			);
			foreach ( $result['warnings'] ?? array() as $warning ) {
				$this->print_verdict( $warning );
			}
		} elseif ( isset( $result['verdict'] ) ) {
			$this->print_verdict( $result['verdict'] );
			WP_CLI::log( __( 'The test email was not sent.', 'fix-mailersend' ) );
		}

		if ( $not_via_mailersend ) {
			// MailerSend was not tested: a site setup matter, not a success.
			$this->finish( self::EXIT_SETUP );
			return;
		}
		$this->finish( $result['accepted'] || ! isset( $result['verdict'] ) ? self::EXIT_OK : self::exit_code( $result['verdict']->id() ) );
	}

	/**
	 * What a test email that WordPress reported as sent without MailerSend's answer means.
	 *
	 * @return string
	 */
	public static function not_via_mailersend_text(): string {
		return __( 'WordPress reported the email as sent, but it did not go through MailerSend: another plugin may be handling email. MailerSend was not tested.', 'fix-mailersend' );
	}

	// -----------------------------------------------------------------------------------------
	// Input.
	// -----------------------------------------------------------------------------------------

	/**
	 * Checks a subcommand's arguments, and returns the --format, or null after a usage error
	 * (exit code 2). The subcommands declare no WP-CLI synopsis: they check their arguments
	 * here, so that every usage error exits 2 and no argument is ever echoed back (someone
	 * may have typed a token there).
	 *
	 * @param string               $subcommand The subcommand.
	 * @param array<int, string>   $args       Positional arguments: none accepted.
	 * @param array<string, mixed> $assoc_args Options.
	 * @param string[]             $allowed    The subcommand's options.
	 * @return string|null
	 */
	private function arguments( string $subcommand, array $args, array $assoc_args, array $allowed ): ?string {
		$stdin_only = __( 'The token is read from STDIN only, never from the command line, where it would be kept in your shell’s history and shown in the process list. Pipe it in instead, e.g. `pass show mailersend | wp fix-mailersend set-token`, or run `wp fix-mailersend set-token` at a terminal and paste it when asked. Nothing was changed.', 'fix-mailersend' );

		if ( array_key_exists( 'token', $assoc_args ) || ( array() !== $args && 'set-token' === $subcommand ) ) {
			WP_CLI::error( $stdin_only, self::EXIT_USAGE );
			return null;
		}
		if ( array() !== $args ) {
			WP_CLI::error( __( 'This subcommand takes no arguments, only options: see `wp help fix-mailersend`. (A token is never given on the command line: `set-token` reads it from STDIN.)', 'fix-mailersend' ), self::EXIT_USAGE );
			return null;
		}

		foreach ( array_keys( $assoc_args ) as $key ) {
			if ( ! in_array( (string) $key, $allowed, true ) ) {
				WP_CLI::error(
					sprintf(
						/* translators: 1: the unknown option, 2: the known options. */
						__( 'Unknown option --%1$s. Known options: %2$s.', 'fix-mailersend' ),
						// A long "option" may be a token typed as --<token>: masked, like every token.
						strlen( (string) $key ) > 24 ? Mask::token( (string) $key ) : (string) $key,
						'--' . implode( ', --', $allowed )
					),
					self::EXIT_USAGE
				);
				return null;
			}
		}

		$format = $assoc_args['format'] ?? 'table';
		if ( is_string( $format ) && in_array( $format, self::FORMATS, true ) ) {
			return $format;
		}
		WP_CLI::error(
			sprintf(
				/* translators: %s: the formats, comma-separated. */
				__( '--format must be one of: %s.', 'fix-mailersend' ),
				implode( ', ', self::FORMATS )
			),
			self::EXIT_USAGE
		);
		return null;
	}

	/**
	 * A flag's value: `--deep` is true; `--no-deep`, `--deep=0|false|no` are false.
	 *
	 * @param array<string, mixed> $assoc_args Options.
	 * @param string               $name       The flag.
	 * @return bool
	 */
	private static function flag( array $assoc_args, string $name ): bool {
		if ( ! isset( $assoc_args[ $name ] ) ) {
			return false;
		}
		$value = $assoc_args[ $name ];
		return ! in_array( is_string( $value ) ? strtolower( $value ) : $value, array( false, '', '0', 'false', 'no' ), true );
	}

	/**
	 * The token from STDIN (at a terminal: asked for, hidden), cleaned as the screen cleans a
	 * paste (whitespace, newlines, quotes, a leading "Bearer "), then held to PUT /token's rules.
	 *
	 * @return Token|WP_Error The token (normalised here, where it enters), or why there is none (a usage error).
	 */
	private function read_token() {
		if ( self::stdin_is_terminal() ) {
			$raw = self::ask_hidden( __( 'Paste the MailerSend API token, then press Enter (the input is hidden): ', 'fix-mailersend' ) );
		} else {
			$raw = stream_get_contents( STDIN, self::STDIN_LIMIT + 1 );
			$raw = is_string( $raw ) ? $raw : '';
		}

		if ( strlen( $raw ) > self::STDIN_LIMIT ) {
			return new WP_Error( 'fix_mailersend_invalid_token', __( 'STDIN holds far more than a token. Pipe the token alone.', 'fix-mailersend' ) );
		}
		$token = Token::from( $raw );
		if ( $token->is_empty() ) {
			return new WP_Error( 'fix_mailersend_no_token', __( 'No token on STDIN. Pipe it in, e.g. `pass show mailersend | wp fix-mailersend set-token`, or run the command at a terminal and paste it when asked. Nothing was changed.', 'fix-mailersend' ) );
		}
		$valid = Token_Service::validate_token_input( $token->value() );
		return true === $valid ? $token : $valid;
	}

	/**
	 * Whether STDIN is an interactive terminal.
	 *
	 * @return bool
	 */
	private static function stdin_is_terminal(): bool {
		if ( function_exists( 'stream_isatty' ) ) {
			return stream_isatty( STDIN );
		}
		return function_exists( 'posix_isatty' ) && posix_isatty( STDIN );
	}

	/**
	 * Asks for one line on the terminal without echoing it (the question goes to STDERR).
	 *
	 * @param string $question The question.
	 * @return string
	 */
	private static function ask_hidden( string $question ): string {
		// php://stderr, not fwrite( STDERR ): WPCS 2 and 3 (Plugin Check) both accept it without an ignore.
		file_put_contents( 'php://stderr', $question );
		$hide = class_exists( '\cli\Shell' );
		if ( $hide ) {
			\cli\Shell::hide();
		}
		try {
			$line = fgets( STDIN, self::STDIN_LIMIT );
		} finally {
			if ( $hide ) {
				\cli\Shell::hide( false );
			}
			file_put_contents( 'php://stderr', "\n" );
		}
		return is_string( $line ) ? $line : '';
	}

	// -----------------------------------------------------------------------------------------
	// Refusals and errors.
	// -----------------------------------------------------------------------------------------

	/**
	 * Explains why a token was not saved, and exits: nothing was written.
	 *
	 * @param WP_Error $error  The service's refusal.
	 * @param Token    $token  The token from STDIN (shown masked only).
	 * @param string   $format Output format.
	 * @return void
	 */
	private function refuse_save( WP_Error $error, Token $token, string $format ): void {
		$code    = (string) $error->get_error_code();
		$verdict = Token_Service::error_verdict( $error );
		$extra   = array();
		$exit    = self::ERROR_EXIT_CODES[ $code ] ?? self::EXIT_ERROR;

		if ( 'fix_mailersend_token_rejected' === $code && null !== $verdict ) {
			$exit = self::exit_code( $verdict->id() );
		}

		$define = null;
		if ( 'fix_mailersend_constant_defined' === $code && null !== $verdict ) {
			$proven      = Verdicts::proves_token( $verdict );
			$unreachable = Verdicts::may_save_anyway( $verdict );
			// As on the screen: the line only for a token that works, or that could not be checked.
			if ( $proven || $unreachable ) {
				// A command's output ends up in terminals' scrollback and CI logs: the line names
				// the token by a placeholder, never prints it.
				$define          = sprintf( "define( '%s', '%s' );", Adapter::CONSTANT, self::TOKEN_PLACEHOLDER );
				$extra['define'] = $define;
				$extra['token']  = $token->masked();
			}
			if ( ! $proven ) {
				$exit = self::exit_code( $verdict->id() );
			}
		}

		if ( 'table' === $format && null !== $verdict ) {
			$this->print_verdict( $verdict );
		}
		if ( 'table' === $format && null !== $define && null !== $verdict ) {
			$this->print_define_line( $define, $token, $verdict );
		}
		$this->fail( $error, $format, array( 'saved' => false ), $exit, $extra );
	}

	/**
	 * Tells where the token goes when a wp-config.php constant owns it (table format).
	 *
	 * @param string  $define  The line, with a placeholder for the token.
	 * @param Token   $token   The token from STDIN (shown masked only).
	 * @param Verdict $verdict Its check.
	 * @return void
	 */
	private function print_define_line( string $define, Token $token, Verdict $verdict ): void {
		WP_CLI::log(
			sprintf(
				/* translators: %s: constant name. */
				__( 'WP Mail SMTP reads the token from the %s constant in wp-config.php. Put this line there instead of the current one:', 'fix-mailersend' ),
				Adapter::CONSTANT
			)
		);
		WP_CLI::log( '' );
		WP_CLI::log( '    ' . $define );
		WP_CLI::log( '' );
		WP_CLI::log(
			sprintf(
				/* translators: 1: placeholder in the line above, 2: masked token. */
				__( 'Replace %1$s with the token you piped in (%2$s). This command never prints a token.', 'fix-mailersend' ),
				self::TOKEN_PLACEHOLDER,
				$token->masked()
			)
		);
		if ( ! Verdicts::proves_token( $verdict ) ) {
			WP_CLI::warning( __( 'MailerSend could not check this token: make sure it works before you put it there.', 'fix-mailersend' ) );
		}
	}

	/**
	 * Reports a refusal of the services and exits: JSON/YAML on STDOUT when asked for, the
	 * message on STDERR.
	 *
	 * @param WP_Error             $error  The refusal.
	 * @param string               $format Output format.
	 * @param array<string, mixed> $first  Fields put first in the JSON/YAML answer.
	 * @param int|null             $exit   Exit code (null: from the error code).
	 * @param array<string, mixed> $last   Fields put last in the JSON/YAML answer.
	 * @return void
	 */
	private function fail( WP_Error $error, string $format, array $first, ?int $exit = null, array $last = array() ): void {
		$code = (string) $error->get_error_code();
		if ( null === $exit ) {
			$exit = self::ERROR_EXIT_CODES[ $code ] ?? self::EXIT_ERROR;
		}

		if ( 'table' !== $format ) {
			$data    = $error->get_error_data();
			$data    = is_array( $data ) ? $data : array();
			$answer  = $first + array(
				'code'    => $code,
				'message' => $error->get_error_message(),
			);
			$verdict = Token_Service::error_verdict( $error );
			if ( null !== $verdict ) {
				$answer['verdict'] = $verdict;
			}
			foreach ( array( 'constant', 'retry_after' ) as $key ) {
				if ( isset( $data[ $key ] ) ) {
					$answer[ $key ] = $data[ $key ];
				}
			}
			$this->print_data( array_merge( $answer, $last ), $format );
		}

		WP_CLI::error( $error->get_error_message(), max( 1, $exit ) );
	}

	/**
	 * Ends a subcommand: returns for 0, else halts with the code.
	 *
	 * @param int $exit Exit code.
	 * @return void
	 */
	private function finish( int $exit ): void {
		if ( self::EXIT_OK !== $exit ) {
			WP_CLI::halt( $exit );
		}
	}

	// -----------------------------------------------------------------------------------------
	// Output.
	// -----------------------------------------------------------------------------------------

	/**
	 * Prints data as JSON (verdict evidence as objects, as the REST API answers) or YAML.
	 *
	 * @param array<string, mixed> $data   A result of the services (Verdict objects allowed).
	 * @param string               $format json or yaml.
	 * @return void
	 */
	private function print_data( array $data, string $format ): void {
		$export = Token_Service::export( $data, 'json' === $format );
		$args   = array( 'format' => $format );
		( new Formatter( $args, array_keys( $export ) ) )->display_item( $export );
	}

	/**
	 * Prints a verdict as the screen shows it: the title, the explanation, the next steps,
	 * the evidence.
	 *
	 * @param Verdict $verdict The verdict.
	 * @param bool    $hint    Also name the subcommand that comes next.
	 * @return void
	 */
	public static function print_verdict( Verdict $verdict, bool $hint = false ): void {
		$labels = array(
			'success' => array( '%G', __( 'Success', 'fix-mailersend' ) ),
			'info'    => array( '%B', __( 'Info', 'fix-mailersend' ) ),
			'warning' => array( '%Y', __( 'Warning', 'fix-mailersend' ) ),
			'error'   => array( '%R', __( 'Error', 'fix-mailersend' ) ),
		);
		$label  = $labels[ $verdict->severity() ] ?? $labels['info'];

		WP_CLI::log( WP_CLI::colorize( $label[0] . self::escape_colors( $label[1] . ': ' . $verdict->title() ) . '%n' ) );
		if ( '' !== $verdict->explanation() ) {
			WP_CLI::log( $verdict->explanation() );
		}
		if ( array() !== $verdict->steps() ) {
			WP_CLI::log( '' );
			WP_CLI::log( __( 'Next steps:', 'fix-mailersend' ) );
			foreach ( $verdict->steps() as $index => $step ) {
				WP_CLI::log( sprintf( '  %d. %s', $index + 1, $step ) );
			}
		}
		$evidence = $verdict->evidence();
		if ( array() !== $evidence ) {
			$pairs = array();
			foreach ( $evidence as $key => $value ) {
				$pairs[] = $key . '=' . self::scalar( $value );
			}
			WP_CLI::log( '' );
			WP_CLI::log( __( 'Evidence:', 'fix-mailersend' ) . ' ' . implode( ', ', $pairs ) );
		}
		$next = $hint ? self::next_command( $verdict->id() ) : null;
		if ( null !== $next ) {
			WP_CLI::log( '' );
			WP_CLI::log( __( 'On the command line:', 'fix-mailersend' ) . ' ' . $next );
		}
		WP_CLI::log( '' );
	}

	/**
	 * The subcommand that comes next after a verdict, if one does.
	 *
	 * @param string $id Verdict id.
	 * @return string|null
	 */
	private static function next_command( string $id ): ?string {
		$set_token = __( '<your new token> | wp fix-mailersend set-token', 'fix-mailersend' );
		switch ( $id ) {
			case 'valid':
				return 'wp fix-mailersend test-email';
			case 'not_checked':
				return 'wp fix-mailersend check --deep';
			case 'mailer_not_mailersend':
				return $set_token . ' --switch-mailer';
			case 'rate_limited':
			case 'quota_exhausted':
			case 'mailersend_unavailable':
			case 'network_error':
				return __( 'wp fix-mailersend check (later)', 'fix-mailersend' );
		}
		$exit = self::exit_code( $id );
		if ( in_array( $exit, array( self::EXIT_FORMAT, self::EXIT_UNAUTHENTICATED, self::EXIT_ACCOUNT ), true ) || 'domain_unverified' === $id ) {
			return $set_token;
		}
		return null;
	}

	/**
	 * Prints facts as a Field/Value table.
	 *
	 * @param array<string, string> $facts Label → value.
	 * @return void
	 */
	private function print_facts( array $facts ): void {
		$args = array( 'format' => 'table' );
		( new Formatter( $args, array_keys( $facts ) ) )->display_item( $facts );
	}

	/**
	 * The facts of `status`, in words.
	 *
	 * @param array<string, mixed> $status Token_Service::status().
	 * @return array<string, string>
	 */
	private static function status_facts( array $status ): array {
		$wpms      = $status['wp_mail_smtp'];
		$words     = array(
			'active'   => __( 'active', 'fix-mailersend' ),
			'inactive' => __( 'installed, not active', 'fix-mailersend' ),
			'missing'  => __( 'not installed', 'fix-mailersend' ),
			'too_old'  => __( 'active, too old', 'fix-mailersend' ),
		);
		$wpms_fact = $words[ $wpms['state'] ] ?? (string) $wpms['state'];
		if ( null !== $wpms['version'] ) {
			$wpms_fact .= sprintf( ' (%s %s)', $wpms['pro'] ? 'Pro' : 'Lite', $wpms['version'] );
		}
		if ( ! empty( $wpms['network_wide'] ) ) {
			$wpms_fact .= ', ' . __( 'network-wide settings (a save changes every site of the network)', 'fix-mailersend' );
		}

		$mailer      = $status['mailer'];
		$mailer_fact = null === $mailer['slug'] ? '—' : (string) $mailer['slug'];
		if ( $mailer['from_constant'] ) {
			$mailer_fact .= ' ' . __( '(set by WPMS_MAILER in wp-config.php)', 'fix-mailersend' );
		}

		$token = $status['token'];

		$failure = $status['last_failure'];
		if ( null === $failure ) {
			$failure_fact = __( 'none', 'fix-mailersend' );
		} else {
			$failure_fact = sprintf(
				'%s: %s',
				null !== $failure['at'] ? $failure['at'] : __( 'time unknown', 'fix-mailersend' ),
				$failure['verdict']->title()
			);
			if ( '' !== $failure['message'] ) {
				$failure_fact .= ' — "' . $failure['message'] . '"';
			}
			if ( $failure['resolved'] ) {
				$failure_fact .= ' ' . __( '(resolved: a later email went out)', 'fix-mailersend' );
			} elseif ( false === $failure['current_token'] ) {
				$failure_fact .= ' ' . __( '(with a token since replaced)', 'fix-mailersend' );
			}
		}

		$check = $status['last_check'];
		if ( null === $check ) {
			$check_fact = __( 'never', 'fix-mailersend' );
		} else {
			$check_fact = sprintf( '%s: %s', $check['at'], $check['verdict']->title() );
			if ( ! $check['current'] ) {
				$check_fact .= ' ' . __( '(of a token since replaced)', 'fix-mailersend' );
			}
		}

		$facts = array(
			__( 'WP Mail SMTP', 'fix-mailersend' )  => $wpms_fact,
			__( 'Mailer', 'fix-mailersend' )        => $mailer_fact,
			__( 'Token', 'fix-mailersend' )         => self::token_fact( $token['masked'], $token['source'] ),
			__( 'Token expires', 'fix-mailersend' ) => null !== $token['expires_at'] ? (string) $token['expires_at'] : __( 'not given', 'fix-mailersend' ),
			__( 'From', 'fix-mailersend' )          => (string) $status['from']['email'],
			__( 'Last failure', 'fix-mailersend' )  => $failure_fact,
			__( 'Last check', 'fix-mailersend' )    => $check_fact,
			__( 'Outage', 'fix-mailersend' )        => isset( $status['outage']['summary'] ) && is_string( $status['outage']['summary'] ) ? $status['outage']['summary'] : __( 'none in the last 30 days', 'fix-mailersend' ),
		);
		if ( isset( $status['held'] ) ) {
			$facts[ __( 'Held emails', 'fix-mailersend' ) ] = $status['held']['holding']
				/* translators: %s: number of emails. */
				? sprintf( _n( '%s waiting to be resent (`wp fix-mailersend held list`)', '%s waiting to be resent (`wp fix-mailersend held list`)', $status['held']['waiting'], 'fix-mailersend' ), number_format_i18n( $status['held']['waiting'] ) )
				: __( 'not kept (holding is off)', 'fix-mailersend' );
		}
		return $facts;
	}

	/**
	 * A token in words: masked, and where it comes from.
	 *
	 * @param string|null $masked The masked token.
	 * @param string      $source database, constant, pasted or none.
	 * @return string
	 */
	private static function token_fact( ?string $masked, string $source ): string {
		if ( null === $masked || 'none' === $source ) {
			return __( 'none', 'fix-mailersend' );
		}
		$sources = array(
			/* translators: %s: masked token. */
			'database' => __( '%s (saved in WP Mail SMTP’s settings)', 'fix-mailersend' ),
			/* translators: 1: masked token, 2: constant name. */
			'constant' => __( '%1$s (the %2$s constant in wp-config.php)', 'fix-mailersend' ),
		);
		return isset( $sources[ $source ] ) ? sprintf( $sources[ $source ], $masked, Adapter::CONSTANT ) : $masked;
	}

	/**
	 * An evidence value in words.
	 *
	 * @param string|int|float|bool|null $value The value.
	 * @return string
	 */
	private static function scalar( $value ): string {
		if ( null === $value ) {
			return 'null';
		}
		if ( is_bool( $value ) ) {
			return $value ? 'true' : 'false';
		}
		return (string) $value;
	}

	/**
	 * Keeps WP-CLI's colour tokens (%G, %n, …) in a text from being read as colours.
	 *
	 * @param string $text Text.
	 * @return string
	 */
	private static function escape_colors( string $text ): string {
		return str_replace( '%', '%%', $text );
	}
}
