<?php
/**
 * The held emails and personal data: the privacy policy's text, an exporter and an eraser.
 *
 * @package FixMailerSend
 */

declare( strict_types=1 );

namespace FixMailerSend\Recovery;

defined( 'ABSPATH' ) || exit;

/**
 * Held emails hold personal data (addresses, and what the emails said): the suggested privacy
 * policy text says what is kept, why, for how long and where; core's personal-data tools
 * find them by address (a recipient or the sender), export them and erase them.
 */
final class Held_Privacy {

	/**
	 * Exporter and eraser id.
	 */
	const ID = 'fix-mailersend-held';

	/**
	 * Emails per page of an export or erasure.
	 */
	const PER_PAGE = 50;

	/**
	 * Where the emails are.
	 *
	 * @var Held_Store
	 */
	private $store;

	/**
	 * Creates it.
	 *
	 * @param Held_Store $store Where the emails are.
	 */
	public function __construct( Held_Store $store ) {
		$this->store = $store;
	}

	/**
	 * `admin_init`: the suggested privacy policy text (Settings → Privacy).
	 *
	 * @return void
	 */
	public function add_policy_content(): void {
		if ( function_exists( 'wp_add_privacy_policy_content' ) ) {
			wp_add_privacy_policy_content( __( 'Fix MailerSend', 'fix-mailersend' ), wp_kses_post( wpautop( self::policy_text(), false ) ) );
		}
	}

	/**
	 * The policy text (also in readme.txt, "Privacy").
	 *
	 * @return string
	 */
	public static function policy_text(): string {
		return __( 'When an email from this site cannot be sent because of a problem with its MailerSend account or connection (such as an expired API token), Fix MailerSend keeps a copy of that email so that the site administrator can send it again once the problem is fixed. The copy holds the recipients, the sender, the subject, the message, its headers and its attachments, and the name of the plugin or part of WordPress that sent it. Emails that carry a password-reset or sign-in link are never kept whole: only their recipients, sender, subject and time. Copies are kept in the database of this site, never in a public folder. The message, headers and attachments are deleted once the email is resent or discarded; what remains is deleted after 30 days (sooner when many emails are held). The administrator can switch this off, which deletes them all. Nothing is kept for emails that were sent.', 'fix-mailersend' );
	}

	/**
	 * `wp_privacy_personal_data_exporters`.
	 *
	 * @param mixed $exporters Exporters.
	 * @return mixed
	 */
	public function register_exporter( $exporters ) {
		if ( is_array( $exporters ) ) {
			$exporters[ self::ID ] = array(
				'exporter_friendly_name' => __( 'Emails held to be resent (Fix MailerSend)', 'fix-mailersend' ),
				'callback'               => array( $this, 'export' ),
			);
		}
		return $exporters;
	}

	/**
	 * `wp_privacy_personal_data_erasers`.
	 *
	 * @param mixed $erasers Erasers.
	 * @return mixed
	 */
	public function register_eraser( $erasers ) {
		if ( is_array( $erasers ) ) {
			$erasers[ self::ID ] = array(
				'eraser_friendly_name' => __( 'Emails held to be resent (Fix MailerSend)', 'fix-mailersend' ),
				'callback'             => array( $this, 'erase' ),
			);
		}
		return $erasers;
	}

	/**
	 * Exports the held emails sent to or from an address, one page at a time.
	 *
	 * @param mixed $email_address The address.
	 * @param mixed $page          Page (1-based).
	 * @return array{data: array<int, array<string, mixed>>, done: bool}
	 */
	public function export( $email_address, $page = 1 ): array {
		$items = $this->store->find_by_address( is_string( $email_address ) ? $email_address : '', max( 1, (int) $page ), self::PER_PAGE );
		$data  = array();
		foreach ( $items as $item ) {
			$fields = array(
				__( 'Failed at', 'fix-mailersend' )   => (string) $item['created_at'],
				__( 'Status', 'fix-mailersend' )      => (string) $item['status'],
				__( 'To', 'fix-mailersend' )          => implode( ', ', (array) $item['to'] ),
				__( 'From', 'fix-mailersend' )        => (string) $item['sender'],
				__( 'Subject', 'fix-mailersend' )     => (string) $item['subject'],
				__( 'Sent by', 'fix-mailersend' )     => (string) $item['initiator'],
				__( 'Message', 'fix-mailersend' )     => is_array( $item['args'] ) && isset( $item['args']['message'] ) ? (string) $item['args']['message'] : '',
				__( 'Headers', 'fix-mailersend' )     => is_array( $item['args'] ) && isset( $item['args']['headers'] ) ? implode( "\n", (array) $item['args']['headers'] ) : '',
				__( 'Attachments', 'fix-mailersend' ) => implode( ', ', array_column( (array) $item['attachments'], 'name' ) ),
			);
			$rows   = array();
			foreach ( $fields as $name => $value ) {
				if ( '' !== $value ) {
					$rows[] = array(
						'name'  => $name,
						'value' => $value,
					);
				}
			}
			$data[] = array(
				'group_id'    => self::ID,
				'group_label' => __( 'Emails held to be resent', 'fix-mailersend' ),
				'item_id'     => self::ID . '-' . $item['id'],
				'data'        => $rows,
			);
		}//end foreach
		return array(
			'data' => $data,
			'done' => count( $items ) < self::PER_PAGE,
		);
	}

	/**
	 * Erases the held emails sent to or from an address (the whole email, attachments
	 * included), one batch at a time.
	 *
	 * @param mixed $email_address The address.
	 * @param mixed $page          Page (unused: erased emails leave the list).
	 * @return array{items_removed: bool, items_retained: bool, messages: string[], done: bool}
	 */
	public function erase( $email_address, $page = 1 ): array {
		unset( $page );
		$items   = $this->store->find_by_address( is_string( $email_address ) ? $email_address : '', 1, self::PER_PAGE );
		$removed = $this->store->delete( array_column( $items, 'id' ) );
		return array(
			'items_removed'  => $removed > 0,
			'items_retained' => false,
			'messages'       => array(),
			'done'           => count( $items ) < self::PER_PAGE,
		);
	}
}
