<?php
/**
 * Base of the held-email tests: this site's tables exist before the test's transaction starts
 * (dbDelta's CREATE/ALTER would commit it), and the holding switch is on.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Tests\Recovery;

use FixMailerSend\Recovery\Held_Store;
use FixMailerSend\Tests\TestCase;

abstract class Held_Test_Case extends TestCase {

	/**
	 * The store.
	 *
	 * @var Held_Store
	 */
	protected $store;

	protected function setUp(): void {
		$this->store = new Held_Store();
		self::ensure_tables();
		parent::setUp();
		delete_option( Held_Store::HOLDING_OPTION );
	}

	/**
	 * Creates this site's tables when missing (outside any transaction: DDL commits).
	 */
	public static function ensure_tables(): void {
		global $wpdb;
		$store = new Held_Store();
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery
		if ( $store->table() !== $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $store->table() ) ) || Held_Store::DB_VERSION !== get_option( Held_Store::DB_VERSION_OPTION ) ) {
			$store->install();
		}
	}

	/**
	 * Rows of a table of this plugin, straight from the database.
	 *
	 * @param string $sql SELECT … (with {held} / {files} for the tables).
	 * @return array<int, array<string, mixed>>
	 */
	protected function rows( string $sql ): array {
		global $wpdb;
		$sql = str_replace( array( '{held}', '{files}' ), array( $this->store->table(), $this->store->files_table() ), $sql );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.NotPrepared
		$rows = $wpdb->get_results( $sql, ARRAY_A );
		return is_array( $rows ) ? $rows : array();
	}

	/**
	 * A whole email as capture gives it to the store.
	 *
	 * @param array<string, mixed> $over Fields to change.
	 * @return array<string, mixed>
	 */
	protected static function email( array $over = array() ): array {
		return $over + array(
			'verdict'    => 'unauthenticated',
			'recipients' => array( 'Ann@Example.org' ),
			'subject'    => 'Your order',
			'sender'     => 'shop@example.com',
			'initiator'  => 'WooCommerce',
			'args'       => array(
				'to'      => array( 'Ann@Example.org' ),
				'subject' => 'Your order',
				'message' => 'Thank you for your order.',
				'headers' => array( 'Content-Type: text/plain' ),
			),
			'files'      => array(),
		);
	}

	/**
	 * Saves a stand-in token as WP Mail SMTP's MailerSend API key.
	 *
	 * @param string $name Token name in tokens.json.
	 */
	protected function saved_token( string $name ): void {
		$option                          = $this->wpms_option();
		$option['mailersend']['api_key'] = $this->token( $name );
		$this->set_wpms_option( $option );
	}

	/**
	 * Every held row, with every column.
	 *
	 * @return array<int, array<string, mixed>>
	 */
	protected function held_rows(): array {
		return $this->rows( 'SELECT * FROM {held} ORDER BY id' );
	}
}
