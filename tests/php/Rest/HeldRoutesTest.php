<?php
/**
 * The /held routes (docs/architecture.md): schemas, permissions, bad input, pagination as
 * core's collections, search, the text preview (never HTML), discard and the holding switch.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Rest;

use FixMailerSend\Recovery\Held_Store;
use FixMailerSend\Tests\Recovery\Held_Test_Case;

final class HeldRoutesTest extends Held_Test_Case {

	/**
	 * Every route of the held emails: method, route, a valid body.
	 *
	 * @return array<string, array{string, string, array<string, mixed>}>
	 */
	public static function routes(): array {
		return array(
			'GET /held'              => array( 'GET', '/held', array() ),
			'GET /held/<id>'         => array( 'GET', '/held/1', array() ),
			'POST /held/resend'      => array( 'POST', '/held/resend', array( 'ids' => array( 1 ) ) ),
			'POST /held/resend/next' => array( 'POST', '/held/resend/next', array() ),
			'POST /held/discard'     => array( 'POST', '/held/discard', array( 'ids' => array( 1 ) ) ),
			'PUT /held/settings'     => array( 'PUT', '/held/settings', array( 'holding' => true ) ),
		);
	}

	#[\PHPUnit\Framework\Attributes\DataProvider( 'routes' )]
	public function test_logged_out_is_401_and_without_the_capability_403_and_nothing_changes( string $method, string $route, array $body ): void {
		$id    = (int) $this->store->add( self::email() );
		$route = str_replace( '/1', '/' . $id, $route );
		if ( isset( $body['ids'] ) ) {
			$body['ids'] = array( $id );
		}

		$this->assertRestError( 401, 'rest_forbidden', $this->rest( $method, $route, $body ) );
		$this->log_in_as( 'editor' );
		$this->assertRestError( 403, 'rest_forbidden', $this->rest( $method, $route, $body ) );

		$this->assertSame( 'held', $this->store->get( $id )['status'] ?? null, 'The email is untouched.' );
		$this->assertTrue( $this->store->holding() );
		$this->assertSame( array(), $this->standin_requests_to( '/v1/email' ) );
	}

	#[\PHPUnit\Framework\Attributes\DataProvider( 'routes' )]
	public function test_every_route_has_a_schema_and_described_arguments( string $method, string $route, array $body ): void {
		unset( $body );
		$this->log_in_as( 'administrator' );
		$data = $this->json( $this->rest( 'OPTIONS', $route ) );
		$this->assertIsArray( $data );
		$this->assertArrayHasKey( 'schema', $data, "$method $route has a response schema" );
		$this->assertSame( 'object', $data['schema']['type'] );
		$this->assertNotEmpty( $data['schema']['properties'] );
		$endpoint = null;
		foreach ( $data['endpoints'] as $candidate ) {
			if ( in_array( $method, $candidate['methods'], true ) ) {
				$endpoint = $candidate;
			}
		}
		$this->assertNotNull( $endpoint, "$method is an endpoint of $route" );
		foreach ( $endpoint['args'] as $name => $arg ) {
			$this->assertNotEmpty( $arg['type'] ?? null, "$method $route: $name has a type" );
			if ( 'id' !== $name ) {
				$this->assertNotEmpty( $arg['description'] ?? null, "$method $route: $name is described" );
			}
		}
	}

	/**
	 * Bad input: a route, a body (query for GET), the parameter named in the 400.
	 *
	 * @return array<string, array{string, string, array<string, mixed>, string}>
	 */
	public static function bad_input(): array {
		return array(
			'per_page 0'               => array( 'GET', '/held', array( 'per_page' => 0 ), 'per_page' ),
			'per_page 101'             => array( 'GET', '/held', array( 'per_page' => 101 ), 'per_page' ),
			'page 0'                   => array( 'GET', '/held', array( 'page' => 0 ), 'page' ),
			'an unknown status'        => array( 'GET', '/held', array( 'status' => 'lost' ), 'status' ),
			'before not a date'        => array( 'GET', '/held', array( 'before' => 'yesterday' ), 'before' ),
			'before 31 February'       => array( 'GET', '/held', array( 'before' => '2026-02-31' ), 'before' ),
			'search too long'          => array( 'GET', '/held', array( 'search' => str_repeat( 'a', 201 ) ), 'search' ),
			'resend without ids'       => array( 'POST', '/held/resend', array(), 'ids' ),
			'resend no id'             => array( 'POST', '/held/resend', array( 'ids' => array() ), 'ids' ),
			'resend 501 ids'           => array( 'POST', '/held/resend', array( 'ids' => range( 1, 501 ) ), 'ids' ),
			'resend a string id'       => array( 'POST', '/held/resend', array( 'ids' => array( 'one' ) ), 'ids' ),
			'resend id 0'              => array( 'POST', '/held/resend', array( 'ids' => array( 0 ) ), 'ids' ),
			'resend ids and all'       => array(
				'POST',
				'/held/resend',
				array(
					'ids' => array( 1 ),
					'all' => true,
				),
				'ids',
			),
			'resend all: false'        => array( 'POST', '/held/resend', array( 'all' => false ), 'ids' ),
			'resend search, no all'    => array( 'POST', '/held/resend', array( 'search' => 'order' ), 'ids' ),
			'resend before, no all'    => array(
				'POST',
				'/held/resend',
				array(
					'ids'    => array( 1 ),
					'before' => '2026-12-01',
				),
				'ids',
			),
			'resend all, bad date'     => array(
				'POST',
				'/held/resend',
				array(
					'all'    => true,
					'before' => '2026-02-31',
				),
				'before',
			),
			'discard nothing'          => array( 'POST', '/held/discard', array(), 'ids' ),
			'discard ids and all'      => array(
				'POST',
				'/held/discard',
				array(
					'ids' => array( 1 ),
					'all' => true,
				),
				'ids',
			),
			'discard before, no all'   => array( 'POST', '/held/discard', array( 'before' => '2026-12-01' ), 'ids' ),
			'discard all, bad date'    => array(
				'POST',
				'/held/discard',
				array(
					'all'    => true,
					'before' => '2026-13-01',
				),
				'before',
			),
			'settings without holding' => array( 'PUT', '/held/settings', array(), 'holding' ),
			'settings holding "yes"'   => array( 'PUT', '/held/settings', array( 'holding' => 'yes' ), 'holding' ),
		);
	}

	#[\PHPUnit\Framework\Attributes\DataProvider( 'bad_input' )]
	public function test_bad_input_is_a_400_naming_the_parameter_and_changes_nothing( string $method, string $route, array $params, string $param ): void {
		$id = (int) $this->store->add( self::email() );
		$this->log_in_as( 'administrator' );

		$response = $this->rest( $method, $route, $params );
		$data     = $this->json( $response );
		$this->assertSame( 400, $response->get_status(), (string) wp_json_encode( $data ) );
		$this->assertContains( $data['code'], array( 'rest_invalid_param', 'rest_missing_callback_param' ) );
		$params = $data['data']['params'] ?? array();
		// rest_invalid_param names each parameter with its reason; rest_missing_callback_param lists them.
		$this->assertTrue( isset( $params[ $param ] ) || in_array( $param, $params, true ), (string) wp_json_encode( $data ) );

		$this->assertSame( 'held', $this->store->get( $id )['status'] ?? null );
		$this->assertTrue( $this->store->holding() );
	}

	public function test_the_list_is_paged_like_cores_collections(): void {
		// Two days ago, 10:00 UTC (within the 30 days kept), a minute apart.
		$base = strtotime( gmdate( 'Y-m-d', time() - 2 * DAY_IN_SECONDS ) . ' 10:00:00 UTC' );
		for ( $i = 1; $i <= 25; $i++ ) {
			$this->store->add(
				self::email(
					array(
						'subject'    => "Order $i",
						'created_at' => gmdate( 'Y-m-d H:i:s', $base + $i * 60 ),
					)
				)
			);
		}
		$this->log_in_as( 'administrator' );

		$first = $this->rest( 'GET', '/held', array( 'per_page' => 10 ) );
		$this->assertSame( 200, $first->get_status() );
		$this->assertSame( '25', $first->get_headers()['X-WP-Total'] );
		$this->assertSame( '3', $first->get_headers()['X-WP-TotalPages'] );
		$items = $this->json( $first );
		$this->assertCount( 10, $items );
		$this->assertSame( 'Order 25', $items[0]['subject'], 'Newest first.' );
		$this->assertSame( gmdate( 'Y-m-d', $base ) . 'T10:25:00Z', $items[0]['created_at'] );
		$this->assertStringContainsString( 'rel="next"', (string) ( $first->get_headers()['Link'] ?? '' ) );

		$last = $this->rest(
			'GET',
			'/held',
			array(
				'per_page' => 10,
				'page'     => 3,
			)
		);
		$this->assertCount( 5, $this->json( $last ) );
		$this->assertSame( 'Order 5', $this->json( $last )[0]['subject'] );
		$this->assertStringContainsString( 'rel="prev"', (string) ( $last->get_headers()['Link'] ?? '' ) );
		$this->assertStringNotContainsString( 'rel="next"', (string) ( $last->get_headers()['Link'] ?? '' ) );

		$this->assertRestError(
			400,
			'rest_invalid_page_number',
			$this->rest(
				'GET',
				'/held',
				array(
					'per_page' => 10,
					'page'     => 4,
				)
			)
		);

		$before = $this->rest( 'GET', '/held', array( 'before' => gmdate( 'Y-m-d', $base ) . 'T10:05:30Z' ) );
		$this->assertSame( '5', $before->get_headers()['X-WP-Total'], 'before: only the older ones.' );
		$offset = $this->rest( 'GET', '/held', array( 'before' => gmdate( 'Y-m-d', $base ) . 'T11:05:30+01:00' ) );
		$this->assertSame( '5', $offset->get_headers()['X-WP-Total'], 'A zone is honoured.' );
	}

	public function test_an_empty_list_has_zero_pages_and_no_error(): void {
		$this->log_in_as( 'administrator' );
		$response = $this->rest( 'GET', '/held' );
		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( array(), $this->json( $response ) );
		$this->assertSame( '0', $response->get_headers()['X-WP-Total'] );
		$this->assertSame( '0', $response->get_headers()['X-WP-TotalPages'] );
	}

	public function test_search_finds_by_recipient_subject_sender_and_initiator(): void {
		$this->store->add( self::email() );
		$this->store->add(
			self::email(
				array(
					'recipients' => array( 'bob@example.net' ),
					'subject'    => 'New comment on "Hello"',
					'sender'     => 'blog@example.com',
					'initiator'  => 'WordPress',
				)
			)
		);
		$this->log_in_as( 'administrator' );
		$subjects = function ( string $search ): array {
			return array_column( $this->json( $this->rest( 'GET', '/held', array( 'search' => $search ) ) ), 'subject' );
		};
		$this->assertSame( array( 'New comment on "Hello"' ), $subjects( 'BOB@example' ) );
		$this->assertSame( array( 'Your order' ), $subjects( 'order' ) );
		$this->assertSame( array( 'New comment on "Hello"' ), $subjects( 'blog@' ) );
		$this->assertSame( array( 'Your order' ), $subjects( 'WooCommerce' ) );
		$this->assertSame( array(), $subjects( '100%' ), 'LIKE wildcards are literal.' );
	}

	public function test_statuses_filter_the_list(): void {
		$held    = (int) $this->store->add( self::email() );
		$dropped = (int) $this->store->add( self::email( array( 'subject' => 'Dropped' ) ) );
		$this->store->discard( array( $dropped ) );
		$this->log_in_as( 'administrator' );

		$this->assertSame( array( $held ), array_column( $this->json( $this->rest( 'GET', '/held' ) ), 'id' ), 'By default: what still waits.' );
		$this->assertSame( array( $dropped ), array_column( $this->json( $this->rest( 'GET', '/held', array( 'status' => 'discarded' ) ) ), 'id' ) );
		$this->assertSame( array( $dropped, $held ), array_column( $this->json( $this->rest( 'GET', '/held', array( 'status' => array( 'held', 'discarded' ) ) ) ), 'id' ) );
	}

	public function test_the_preview_is_plain_text_of_an_html_email_never_html(): void {
		$html = '<!doctype html><html><head><title>T</title><style>p{color:red}</style><script>alert(1)</script></head>'
			. '<body><h1>Order #42</h1><p>Hello Ann,<br>thanks &amp; welcome.</p><ul><li>Tea</li><li>Cake</li></ul>'
			. '<p><a href="https://shop.example.com/orders/42">See your order</a></p><img src="x" onerror="alert(2)"></body></html>';
		$id   = (int) $this->store->add(
			self::email(
				array(
					'args'  => array(
						'to'      => array( 'Ann <ann@example.org>', 'bob@example.net' ),
						'subject' => 'Your order',
						'message' => $html,
						'headers' => array(
							'Content-Type: text/html; charset=UTF-8',
							'From: Shop <shop@example.com>',
							'Cc: carl@example.org, "Doe, Jane" <jane@example.org>',
							'Bcc: audit@example.com',
							'Reply-To: help@example.com',
						),
					),
					'files' => array(
						array(
							'name'    => 'invoice.pdf',
							'type'    => 'application/pdf',
							'content' => '%PDF-1.4 tiny',
						),
					),
				)
			)
		);
		$this->log_in_as( 'administrator' );

		$response = $this->rest( 'GET', '/held/' . $id );
		$this->assertSame( 200, $response->get_status() );
		$item = $this->json( $response );
		$this->assertSame( $id, $item['id'] );
		$this->assertSame( 1, $item['attachments'] );
		$this->assertNull( $item['advice'] );
		$preview = $item['preview'];
		$this->assertSame( array( 'Ann <ann@example.org>', 'bob@example.net' ), $preview['to'] );
		$this->assertSame( array( 'carl@example.org', '"Doe, Jane" <jane@example.org>' ), $preview['cc'] );
		$this->assertSame( array( 'audit@example.com' ), $preview['bcc'] );
		$this->assertSame( array( 'help@example.com' ), $preview['reply_to'] );
		$this->assertSame( 'Shop <shop@example.com>', $preview['from'] );
		$this->assertSame(
			array(
				array(
					'name'  => 'invoice.pdf',
					'type'  => 'application/pdf',
					'bytes' => 13,
				),
			),
			$preview['attachments']
		);
		$this->assertSame(
			"Order #42\n\nHello Ann,\nthanks & welcome.\n\n- Tea\n- Cake\n\nSee your order (https://shop.example.com/orders/42)",
			$preview['text']
		);
		$this->assertStringNotContainsString( '<', $preview['text'] );
		$this->assertStringNotContainsString( 'alert', $preview['text'] );
	}

	public function test_a_plain_text_email_is_shown_as_it_is(): void {
		$text = "Hi <Ann>,\n\n  your code is 5 < 6.\n";
		$id   = (int) $this->store->add(
			self::email(
				array(
					'args' => array(
						'to'      => array( 'ann@example.org' ),
						'subject' => 'S',
						'message' => $text,
						'headers' => array(),
					),
				)
			)
		);
		$this->log_in_as( 'administrator' );
		$this->assertSame( "Hi <Ann>,\n\n  your code is 5 < 6.", $this->json( $this->rest( 'GET', '/held/' . $id ) )['preview']['text'] );
	}

	public function test_a_login_link_email_has_no_text_and_says_to_ask_for_a_new_link(): void {
		$id = (int) $this->store->add(
			array(
				'kind'       => 'link',
				'verdict'    => 'unauthenticated',
				'recipients' => array( 'ann@example.org' ),
				'subject'    => '[Site] Password Reset',
				'sender'     => 'wordpress@example.com',
				'initiator'  => 'WordPress',
			)
		);
		$this->log_in_as( 'administrator' );
		$item = $this->json( $this->rest( 'GET', '/held/' . $id ) );
		$this->assertSame( 'link', $item['kind'] );
		$this->assertFalse( $item['sendable'] );
		$this->assertNull( $item['preview']['text'] );
		$this->assertSame( array( 'ann@example.org' ), $item['preview']['to'] );
		$this->assertStringContainsString( 'ask the person to request a new link', (string) $item['advice'] );
	}

	public function test_an_unknown_id_is_a_404(): void {
		$this->log_in_as( 'administrator' );
		$this->assertRestError( 404, 'fix_mailersend_held_not_found', $this->rest( 'GET', '/held/999999999' ) );
	}

	public function test_resend_queues_only_what_can_be_resent(): void {
		$whole = (int) $this->store->add( self::email() );
		$link  = (int) $this->store->add(
			self::email(
				array(
					'kind' => 'link',
					'args' => null,
				)
			)
		);
		$this->log_in_as( 'administrator' );

		$data = $this->json( $this->rest( 'POST', '/held/resend', array( 'ids' => array( $whole, $link, 999999 ) ) ) );
		$this->assertSame( array( 'queued' => 1 ), $data );
		$this->assertSame( 'queued', $this->store->get( $whole )['status'] );
		$this->assertSame( 'held', $this->store->get( $link )['status'] );
		$this->assertSame( 1, $this->json( $this->rest( 'GET', '/status' ) )['held']['queued'] );
	}

	public function test_resend_all_queues_every_sendable_email_the_filter_matches_except_repeats(): void {
		$days   = static fn( int $n ): string => gmdate( 'Y-m-d H:i:s', time() - $n * DAY_IN_SECONDS );
		$old    = (int) $this->store->add( self::email( array( 'created_at' => $days( 10 ) ) ) );
		$repeat = (int) $this->store->add( self::email( array( 'created_at' => $days( 9 ) ) ) );
		$link   = (int) $this->store->add(
			self::email(
				array(
					'kind'       => 'link',
					'args'       => null,
					'subject'    => 'Password reset',
					'created_at' => $days( 8 ),
				)
			)
		);
		$other  = (int) $this->store->add(
			self::email(
				array(
					'recipients' => array( 'bob@example.net' ),
					'subject'    => 'New comment',
					'created_at' => $days( 7 ),
				)
			)
		);
		$new    = (int) $this->store->add(
			self::email(
				array(
					'recipients' => array( 'cy@example.net' ),
					'subject'    => 'Your invoice',
					'created_at' => $days( 1 ),
				)
			)
		);
		$this->log_in_as( 'administrator' );
		$status = function ( array $ids ): array {
			return array_map( fn( int $id ): string => (string) ( $this->store->get( $id )['status'] ?? '' ), $ids );
		};

		$list = $this->rest( 'GET', '/held' );
		$this->assertSame( '5', $list->get_headers()['X-WP-Total'] );
		$this->assertSame( '3', $list->get_headers()['X-FMS-Sendable'], 'Not the repeat, not the login link.' );
		$this->assertSame( '1', $this->rest( 'GET', '/held', array( 'search' => 'bob@' ) )->get_headers()['X-FMS-Sendable'] );
		$this->assertSame( '2', $this->rest( 'GET', '/held', array( 'before' => gmdate( 'Y-m-d', time() - 5 * DAY_IN_SECONDS ) ) )->get_headers()['X-FMS-Sendable'] );

		$searched = $this->rest(
			'POST',
			'/held/resend',
			array(
				'all'    => true,
				'search' => 'order',
			)
		);
		$this->assertSame( array( 'queued' => 1 ), $this->json( $searched ) );
		$this->assertSame( array( 'queued', 'held', 'held', 'held', 'held' ), $status( array( $old, $repeat, $link, $other, $new ) ) );

		$before = $this->rest(
			'POST',
			'/held/resend',
			array(
				'all'    => true,
				'before' => gmdate( 'Y-m-d', time() - 5 * DAY_IN_SECONDS ),
			)
		);
		$this->assertSame( array( 'queued' => 1 ), $this->json( $before ), 'The order is queued already; the comment is the one older one left.' );
		$this->assertSame( array( 'queued', 'held', 'held', 'queued', 'held' ), $status( array( $old, $repeat, $link, $other, $new ) ) );

		$this->assertSame( array( 'queued' => 1 ), $this->json( $this->rest( 'POST', '/held/resend', array( 'all' => true ) ) ) );
		$this->assertSame( array( 'queued', 'held', 'held', 'queued', 'queued' ), $status( array( $old, $repeat, $link, $other, $new ) ), 'The repeat and the login link stay held.' );
	}

	public function test_discard_by_ids_and_all_before_a_time(): void {
		// Within the 30 days kept.
		$old   = (int) $this->store->add( self::email( array( 'created_at' => gmdate( 'Y-m-d H:i:s', time() - 10 * DAY_IN_SECONDS ) ) ) );
		$older = (int) $this->store->add( self::email( array( 'created_at' => gmdate( 'Y-m-d H:i:s', time() - 20 * DAY_IN_SECONDS ) ) ) );
		$new   = (int) $this->store->add( self::email( array( 'created_at' => gmdate( 'Y-m-d H:i:s', time() - DAY_IN_SECONDS ) ) ) );
		$this->log_in_as( 'administrator' );

		$this->assertSame( array( 'discarded' => 1 ), $this->json( $this->rest( 'POST', '/held/discard', array( 'ids' => array( $older ) ) ) ) );
		$this->assertSame(
			array( 'discarded' => 1 ),
			$this->json(
				$this->rest(
					'POST',
					'/held/discard',
					array(
						'all'    => true,
						'before' => gmdate( 'Y-m-d', time() - 5 * DAY_IN_SECONDS ),
					)
				)
			)
		);
		$this->assertSame( 'discarded', $this->store->get( $old )['status'] );
		$this->assertNull( $this->store->get( $old )['args'], 'Its body and headers are gone.' );
		$this->assertSame( 'held', $this->store->get( $new )['status'] );
		$this->assertSame( array( 'discarded' => 1 ), $this->json( $this->rest( 'POST', '/held/discard', array( 'all' => true ) ) ) );
		$this->assertSame( 0, $this->json( $this->rest( 'GET', '/status' ) )['held']['waiting'] );
	}

	public function test_turning_holding_off_deletes_everything_held(): void {
		$this->store->add( self::email() );
		$this->store->add( self::email( array( 'subject' => 'Another' ) ) );
		$this->log_in_as( 'administrator' );

		$this->assertSame(
			array(
				'holding' => false,
				'deleted' => 2,
			),
			$this->json( $this->rest( 'PUT', '/held/settings', array( 'holding' => false ) ) )
		);
		$this->assertSame( array(), $this->rows( 'SELECT id FROM {held}' ) );
		$this->assertFalse( $this->json( $this->rest( 'GET', '/status' ) )['held']['holding'] );
		$this->assertSame(
			array(
				'holding' => true,
				'deleted' => 0,
			),
			$this->json( $this->rest( 'PUT', '/held/settings', array( 'holding' => true ) ) )
		);
		$this->assertSame( '1', get_option( Held_Store::HOLDING_OPTION ) );
	}
}
