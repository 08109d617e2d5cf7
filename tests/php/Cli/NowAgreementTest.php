<?php
/**
 * One rule of what is wrong now (Diagnosis\Now): GET /status's headline (the screen), the admin
 * notice, Site Health and `wp fix-mailersend status` agree, situation by situation.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Cli;

use FixMailerSend\Diagnosis\Verdicts;
use FixMailerSend\Plugin;
use FixMailerSend\Storage\Check_Log;
use FixMailerSend\Storage\Failure_Log;
use FixMailerSend\Storage\Token_Expiry;
use FixMailerSend\Support\Token;
use FixMailerSend\Watch\Watch_Log;
use PHPUnit\Framework\Attributes\DataProvider;

final class NowAgreementTest extends Cli_Test_Case {

	/**
	 * A moment an hour ago, shifted by some seconds (ISO 8601, UTC).
	 *
	 * @param int $seconds Seconds after it.
	 * @return string
	 */
	private static function at( int $seconds ): string {
		return gmdate( 'c', (int) ( floor( time() / 60 ) * 60 ) - HOUR_IN_SECONDS + $seconds );
	}

	/**
	 * The situations: what is stored → the headline id, the notice (`kind:id`, or null), Site
	 * Health's status, the CLI's exit code.
	 *
	 * @return array<string, array{array<string, mixed>, string, string|null, string, int}>
	 */
	public static function situations(): array {
		$unauthenticated = array( 'Unauthenticated.', '', 401 );
		$domain          = array( 'The from.email domain must be verified in your account to send emails. #MS42207', 'MS42207', 422 );
		$outage          = array( 'Service Unavailable', '', 503 );
		return array(
			'failure only'                              => array( array( 'failure' => array( $unauthenticated, 0 ) ), 'unauthenticated', 'failure:unauthenticated', 'critical', 4 ),
			'a one-off failure only'                    => array( array( 'failure' => array( $outage, 0 ) ), 'mailersend_unavailable', null, 'recommended', 7 ),
			'bad check only'                            => array( array( 'check' => array( 'unauthenticated', 0 ) ), 'unauthenticated', 'check:unauthenticated', 'critical', 4 ),
			'good check only'                           => array( array( 'check' => array( 'valid', 0 ) ), 'valid', null, 'good', 0 ),
			'failure, then a good check'                => array(
				array(
					'failure' => array( $unauthenticated, 0 ),
					'check'   => array( 'valid', 60 ),
				),
				'valid',
				null,
				'good',
				0,
			),
			'domain failure, then a quota check'        => array(
				array(
					'failure' => array( $domain, 0 ),
					'check'   => array( 'valid', 60 ),
				),
				'domain_unverified',
				'failure:domain_unverified',
				'critical',
				6,
			),
			'domain failure, then a deep check'         => array(
				array(
					'failure' => array( $domain, 0 ),
					'check'   => array( 'valid', 60, array( 'deep_checked' => true ) ),
				),
				'valid',
				null,
				'good',
				0,
			),
			'good check, then a failure'                => array(
				array(
					'check'   => array( 'valid', 0 ),
					'failure' => array( $unauthenticated, 60 ),
				),
				'unauthenticated',
				'failure:unauthenticated',
				'critical',
				4,
			),
			'bad check, then a failure of another kind' => array(
				array(
					'check'   => array( 'unauthenticated', 0 ),
					'failure' => array( $domain, 60 ),
				),
				'domain_unverified',
				'failure:domain_unverified',
				'critical',
				6,
			),
			'failure and bad check in the same second'  => array(
				array(
					'failure' => array( $domain, 0 ),
					'check'   => array( 'unauthenticated', 0 ),
				),
				'unauthenticated',
				'check:unauthenticated',
				'critical',
				4,
			),
			'failure, then an inconclusive check'       => array(
				array(
					'failure' => array( $unauthenticated, 0 ),
					'check'   => array( 'network_error', 60 ),
				),
				'unauthenticated',
				'failure:unauthenticated',
				'critical',
				4,
			),
			'bad daily check, then an inconclusive one' => array(
				array(
					'memory' => array( 'unauthenticated', 0 ),
					'check'  => array( 'mailersend_unavailable', 60 ),
				),
				'unauthenticated',
				'check:unauthenticated',
				'critical',
				4,
			),
			'expiry in three days'                      => array( array( 'expires' => 3 ), 'not_checked', 'expiry_soon', 'recommended', 10 ),
			'expired two days ago'                      => array( array( 'expires' => -2 ), 'not_checked', 'expired', 'recommended', 10 ),
			'a failure before the expiry reminder'      => array(
				array(
					'expires' => 3,
					'failure' => array( $unauthenticated, 0 ),
				),
				'unauthenticated',
				'failure:unauthenticated',
				'critical',
				4,
			),
			'another mailer'                            => array( array( 'mailer' => 'smtp' ), 'mailer_not_mailersend', null, 'recommended', 8 ),
			'no token'                                  => array( array( 'token' => '' ), 'missing', null, 'critical', 3 ),
		);
	}

	/**
	 * @param array<string, mixed> $scene   What is stored.
	 * @param string               $id      The headline's id (GET /status, the CLI).
	 * @param string|null          $notice  The admin notice: `kind:verdict id`, the expiry kind, or null.
	 * @param string               $health  Site Health's status.
	 * @param int                  $exit    `wp fix-mailersend status`'s exit code.
	 */
	#[DataProvider( 'situations' )]
	public function test_the_four_agree( array $scene, string $id, ?string $notice, string $health, int $exit ): void {
		$this->set_scene( $scene );

		// The screen: GET /status's headline.
		$this->log_in_as( 'administrator' );
		$this->assertSame( $id, $this->json( $this->rest( 'GET', '/status' ) )['headline']['id'], 'GET /status' );

		// The admin notice (on the dashboard, for an administrator).
		require_once ABSPATH . 'wp-admin/includes/class-wp-screen.php';
		require_once ABSPATH . 'wp-admin/includes/screen.php';
		set_current_screen( 'dashboard' );
		$plugin = Plugin::instance();
		$this->assertNotNull( $plugin );
		$problem = $plugin->admin_notice()->current_problem();
		unset( $GLOBALS['current_screen'] );
		$shown = null === $problem ? null : $problem['kind'] . ( null !== $problem['verdict'] ? ':' . $problem['verdict']->id() : '' );
		$this->assertSame( $notice, $shown, 'the admin notice' );

		// Site Health.
		$this->assertSame( $health, $plugin->site_health()->result()['status'], 'Site Health' );
		wp_set_current_user( 0 );

		// The command line.
		$result = $this->wp( array( 'status', '--format=json' ) );
		$this->assertSame( $id, $this->json_of( $result )['headline']['id'], 'wp fix-mailersend status' );
		$this->assertExit( $exit, $result );
	}

	/**
	 * Stores a situation: WP Mail SMTP's settings, a failure, the last check, the daily check's
	 * memory, an expiry date (committed: the CLI child reads them).
	 *
	 * @param array<string, mixed> $scene What to store.
	 * @return void
	 */
	private function set_scene( array $scene ): void {
		$token = $this->use_token( 'valid_full', (string) ( $scene['mailer'] ?? 'mailersend' ) );
		if ( isset( $scene['token'] ) ) {
			$option                          = $this->wpms_option();
			$option['mailersend']['api_key'] = (string) $scene['token'];
			$this->set_wpms_option( $option );
		}
		\WPMailSMTP\Debug::clear();
		$fingerprint = Token::from( $token )->fingerprint();

		if ( isset( $scene['failure'] ) ) {
			list( list( $message, $code, $status ), $seconds ) = $scene['failure'];
			$entry       = ( new Failure_Log() )->record( $message, $code, $status, $fingerprint );
			$entry['at'] = self::at( $seconds );
			update_option( Failure_Log::OPTION, $entry, false );
		}
		if ( isset( $scene['check'] ) ) {
			$evidence = ( $scene['check'][2] ?? array() ) + ( 'valid' === $scene['check'][0] ? array( 'token_accepted' => true ) : array() );
			( new Check_Log() )->record( Verdicts::make( $scene['check'][0], $evidence ), Token::from( $token ) );
			$stored       = get_option( Check_Log::OPTION );
			$stored['at'] = self::at( $scene['check'][1] );
			update_option( Check_Log::OPTION, $stored, false );
		}
		if ( isset( $scene['memory'] ) ) {
			( new Watch_Log() )->remember( 'bad', Verdicts::make( $scene['memory'][0] ), Token::from( $token ) );
			$stored       = get_option( Watch_Log::OPTION );
			$stored['at'] = self::at( $scene['memory'][1] );
			update_option( Watch_Log::OPTION, $stored, false );
		}
		if ( isset( $scene['expires'] ) ) {
			( new Token_Expiry() )->set( (string) wp_date( 'Y-m-d', time() + (int) $scene['expires'] * DAY_IN_SECONDS ) );
		}
		wp_cache_flush();
		self::refresh_wp_mail_smtp_options();
	}
}
