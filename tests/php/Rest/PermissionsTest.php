<?php
/**
 * Every route, every role: 200 for administrators, 403 for editors and subscribers, 401 logged out.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Rest;

use FixMailerSend\Tests\TestCase;
use PHPUnit\Framework\Attributes\DataProvider;

final class PermissionsTest extends TestCase {

	/**
	 * Route × role.
	 *
	 * @return array<string, array{string, string, string, string, int}>
	 */
	public static function routes_and_roles(): array {
		$routes = array(
			'status'      => array( 'GET', '/status' ),
			'outage'      => array( 'GET', '/outage' ),
			'check saved' => array( 'POST', '/token/check' ),
			'check paste' => array( 'POST', '/token/check' ),
			'save'        => array( 'PUT', '/token' ),
			'test email'  => array( 'POST', '/test-email' ),
		);
		$roles  = array(
			'administrator' => 200,
			'editor'        => 403,
			'author'        => 403,
			'subscriber'    => 403,
			'logged_out'    => 401,
		);
		$cases  = array();
		foreach ( $routes as $name => $route ) {
			foreach ( $roles as $role => $status ) {
				$cases[ "$name as $role" ] = array( $name, $route[0], $route[1], $role, $status );
			}
		}
		return $cases;
	}

	#[DataProvider( 'routes_and_roles' )]
	public function test_route_answers_by_role( string $name, string $method, string $route, string $role, int $status ): void {
		$params = array();
		if ( 'check paste' === $name || 'save' === $name ) {
			$params['token'] = $this->token( 'valid_full' );
		}
		if ( 'test email' === $name ) {
			$params['to'] = 'someone@example.com';
		}
		$before = serialize( $this->wpms_option() ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize

		$this->log_in_as( $role );
		$response = $this->rest( $method, $route, $params );

		if ( 200 === $status ) {
			$this->assertSame( 200, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
			return;
		}

		$this->assertRestError( $status, 'rest_forbidden', $response );
		// Refused before doing anything: nothing saved, nothing asked of MailerSend.
		$this->assertSame( $before, serialize( $this->wpms_option() ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
		$this->assertSame( array(), $this->standin_requests() );
		$this->assertFalse( get_option( 'fix_mailersend_audit' ) );
		$this->assertFalse( get_option( 'fix_mailersend_last_check' ) );
	}

	public function test_wp_mail_smtp_capability_filter_is_honoured(): void {
		$filter = static function (): string {
			return 'edit_others_posts';
		};
		add_filter( 'wp_mail_smtp_core_get_capability_manage_options', $filter );
		try {
			$this->log_in_as( 'editor' );
			$this->assertSame( 200, $this->rest( 'GET', '/status' )->get_status() );

			$this->log_in_as( 'subscriber' );
			$this->assertRestError( 403, 'rest_forbidden', $this->rest( 'GET', '/status' ) );
		} finally {
			remove_filter( 'wp_mail_smtp_core_get_capability_manage_options', $filter );
		}
	}

	public function test_routes_are_registered_exactly(): void {
		$routes = rest_get_server()->get_routes( 'fix-mailersend/v1' );
		$found  = array();
		foreach ( $routes as $route => $handlers ) {
			foreach ( $handlers as $handler ) {
				foreach ( array_keys( $handler['methods'] ) as $method ) {
					$found[] = "$method $route";
				}
			}
		}
		sort( $found );
		$this->assertSame(
			array(
				'GET /fix-mailersend/v1',
				'GET /fix-mailersend/v1/held',
				'GET /fix-mailersend/v1/held/(?P<id>\\d+)',
				'GET /fix-mailersend/v1/outage',
				'GET /fix-mailersend/v1/status',
				'POST /fix-mailersend/v1/held/discard',
				'POST /fix-mailersend/v1/held/resend',
				'POST /fix-mailersend/v1/held/resend/next',
				'POST /fix-mailersend/v1/test-email',
				'POST /fix-mailersend/v1/token/check',
				'PUT /fix-mailersend/v1/held/settings',
				'PUT /fix-mailersend/v1/token',
			),
			$found
		);
	}

	public function test_every_route_has_a_response_schema(): void {
		$this->log_in_as( 'administrator' );
		foreach ( array( '/status', '/token/check', '/token', '/test-email' ) as $route ) {
			$response = $this->rest( 'OPTIONS', $route );
			$data     = $this->json( $response );
			$this->assertSame( 200, $response->get_status(), $route );
			$this->assertIsArray( $data['schema'] ?? null, $route );
			$this->assertSame( 'object', $data['schema']['type'], $route );
		}
	}
}
