<?php
/**
 * Test stand-in: a tiny version of WP Mail SMTP's admin screens.
 *
 * Just enough for someone clicking around the dev site to see where the
 * MailerSend settings live: the active mailer, the masked key, and a form that
 * saves through `Options::set()`. Test code only.
 *
 * @package FixMailerSend\Tests\StandIns\WPMailSMTP
 */

namespace WPMailSMTP;

/**
 * Menu "WP Mail SMTP" (slug `wp-mail-smtp`) with Settings and Tools.
 */
class Admin {

	/**
	 * Settings page slug (also the top-level menu slug).
	 *
	 * @var string
	 */
	const SLUG = 'wp-mail-smtp';

	/**
	 * Tools page slug (Email Test / Debug Events in the real plugin).
	 *
	 * @var string
	 */
	const TOOLS_SLUG = 'wp-mail-smtp-tools';

	/**
	 * `admin-post.php` action and nonce action of the settings form.
	 *
	 * @var string
	 */
	const SAVE_ACTION = 'wp_mail_smtp_standin_save';

	/**
	 * Register hooks.
	 */
	public function hooks() {
		add_action( 'admin_menu', array( $this, 'register_menu' ) );
		add_action( 'admin_post_' . self::SAVE_ACTION, array( $this, 'save' ) );
	}

	/**
	 * Add the menu and its two pages.
	 */
	public function register_menu() {
		$capability = wp_mail_smtp()->get_capability_manage_options();

		add_menu_page( 'WP Mail SMTP', 'WP Mail SMTP', $capability, self::SLUG, array( $this, 'render_settings' ), 'dashicons-email-alt', 98 );
		add_submenu_page( self::SLUG, 'WP Mail SMTP', __( 'Settings', 'wp-mail-smtp' ), $capability, self::SLUG, array( $this, 'render_settings' ) );
		add_submenu_page( self::SLUG, 'WP Mail SMTP', __( 'Tools', 'wp-mail-smtp' ), $capability, self::TOOLS_SLUG, array( $this, 'render_tools' ) );
	}

	/**
	 * Save the settings form (mailer + MailerSend key), merging into the saved options.
	 */
	public function save() {
		if ( ! current_user_can( wp_mail_smtp()->get_capability_manage_options() ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to do that.', 'wp-mail-smtp' ), '', array( 'response' => 403 ) );
		}

		check_admin_referer( self::SAVE_ACTION );

		$mailer = isset( $_POST['wpms_mailer'] ) ? sanitize_text_field( wp_unslash( $_POST['wpms_mailer'] ) ) : 'mail';
		$data   = array( 'mail' => array( 'mailer' => $mailer ) );

		// Passed on unsanitized on purpose: Options::set() sanitizes it only when MailerSend
		// is the active mailer, exactly as WP Mail SMTP does.
		$key = isset( $_POST['wpms_mailersend_api_key'] ) ? wp_unslash( $_POST['wpms_mailersend_api_key'] ) : ''; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized

		if ( '' !== $key ) {
			$data['mailersend'] = array( 'api_key' => $key );
		}

		Options::init()->set( $data, false, false );

		wp_safe_redirect(
			add_query_arg(
				array(
					'page'    => self::SLUG,
					'updated' => '1',
				),
				admin_url( 'admin.php' )
			)
		);
		exit;
	}

	/**
	 * The Settings page.
	 */
	public function render_settings() {
		$options    = Options::init();
		$mailer     = (string) $options->get( 'mail', 'mailer' );
		$mailers    = Options::get_mailers();
		$key        = (string) $options->get( 'mailersend', 'api_key' );
		$key_const  = $options->is_const_defined( 'mailersend', 'api_key' );
		$mail_const = $options->is_const_defined( 'mail', 'mailer' );
		$code_only  = array( 'code' => array() );
		?>
		<div class="wrap">
			<h1>WP Mail SMTP</h1>
			<p><em><?php esc_html_e( 'Test stand-in of WP Mail SMTP Lite 4.8, used by Fix MailerSend\'s tests. It is not the real plugin.', 'wp-mail-smtp' ); ?></em></p>

			<?php $this->render_last_error_notice(); ?>

			<?php if ( isset( $_GET['updated'] ) ) : // phpcs:ignore WordPress.Security.NonceVerification.Recommended -- Display only. ?>
				<div class="notice notice-success"><p><?php esc_html_e( 'Settings were successfully saved.', 'wp-mail-smtp' ); ?></p></div>
			<?php endif; ?>

			<table class="form-table" role="presentation">
				<tr>
					<th scope="row"><?php esc_html_e( 'Active mailer', 'wp-mail-smtp' ); ?></th>
					<td>
						<strong><?php echo esc_html( isset( $mailers[ $mailer ] ) ? $mailers[ $mailer ] : $mailer ); ?></strong>
						(<code><?php echo esc_html( $mailer ); ?></code>)
						<?php if ( $mail_const ) : ?>
							<p class="description"><?php echo wp_kses( $options->get_const_set_message( 'WPMS_MAILER' ), $code_only ); ?></p>
						<?php endif; ?>
					</td>
				</tr>
				<tr>
					<th scope="row"><?php esc_html_e( 'MailerSend API Key', 'wp-mail-smtp' ); ?></th>
					<td>
						<?php if ( '' === $key ) : ?>
							<?php esc_html_e( 'Not set', 'wp-mail-smtp' ); ?>
						<?php else : ?>
							<code><?php echo esc_html( self::mask( $key ) ); ?></code>
						<?php endif; ?>
						<?php if ( $key_const ) : ?>
							<p class="description"><?php echo wp_kses( $options->get_const_set_message( 'WPMS_MAILERSEND_API_KEY' ), $code_only ); ?></p>
						<?php endif; ?>
					</td>
				</tr>
				<tr>
					<th scope="row"><?php esc_html_e( 'From Email', 'wp-mail-smtp' ); ?></th>
					<td><?php echo esc_html( (string) $options->get( 'mail', 'from_email' ) ); ?></td>
				</tr>
			</table>

			<h2><?php esc_html_e( 'Change settings', 'wp-mail-smtp' ); ?></h2>
			<form method="post" action="<?php echo esc_url( admin_url( 'admin-post.php' ) ); ?>">
				<input type="hidden" name="action" value="<?php echo esc_attr( self::SAVE_ACTION ); ?>">
				<?php wp_nonce_field( self::SAVE_ACTION ); ?>
				<table class="form-table" role="presentation">
					<tr>
						<th scope="row"><label for="wpms-mailer"><?php esc_html_e( 'Mailer', 'wp-mail-smtp' ); ?></label></th>
						<td>
							<select id="wpms-mailer" name="wpms_mailer">
								<?php foreach ( $mailers as $slug => $title ) : ?>
									<option value="<?php echo esc_attr( $slug ); ?>" <?php selected( $mailer, $slug ); ?>><?php echo esc_html( $title ); ?></option>
								<?php endforeach; ?>
							</select>
						</td>
					</tr>
					<tr>
						<th scope="row"><label for="wpms-mailersend-api-key"><?php esc_html_e( 'MailerSend API Key', 'wp-mail-smtp' ); ?></label></th>
						<td>
							<input type="password" id="wpms-mailersend-api-key" name="wpms_mailersend_api_key" class="regular-text" value="" autocomplete="off" spellcheck="false" <?php disabled( $key_const ); ?>>
							<p class="description">
								<?php esc_html_e( 'Leave empty to keep the saved key.', 'wp-mail-smtp' ); ?>
								<a href="https://app.mailersend.com/api-tokens" target="_blank" rel="noopener noreferrer"><?php esc_html_e( 'Get your API key', 'wp-mail-smtp' ); ?></a>
							</p>
						</td>
					</tr>
				</table>
				<?php submit_button( __( 'Save Settings', 'wp-mail-smtp' ) ); ?>
			</form>
		</div>
		<?php
	}

	/**
	 * The Tools page (the real one has Email Test and Debug Events tabs).
	 */
	public function render_tools() {
		$last = Debug::get_last();
		?>
		<div class="wrap">
			<h1><?php esc_html_e( 'WP Mail SMTP Tools', 'wp-mail-smtp' ); ?></h1>
			<p><em><?php esc_html_e( 'Test stand-in: the Email Test and Debug Events tools are not reproduced. This page only shows the last sending error.', 'wp-mail-smtp' ); ?></em></p>
			<h2><?php esc_html_e( 'Last sending error', 'wp-mail-smtp' ); ?></h2>
			<?php if ( '' === $last ) : ?>
				<p><?php esc_html_e( 'None.', 'wp-mail-smtp' ); ?></p>
			<?php else : ?>
				<pre><?php echo wp_kses_post( $last ); // Already escaped by Debug::get_last(). ?></pre>
			<?php endif; ?>
		</div>
		<?php
	}

	/**
	 * WP Mail SMTP's "Heads up!" notice, shown on its own screens only.
	 */
	private function render_last_error_notice() {
		$last = Debug::get_last();

		if ( '' === $last ) {
			return;
		}
		?>
		<div class="notice notice-error">
			<p><?php echo wp_kses( __( '<strong>Heads up!</strong> The last email your site attempted to send was unsuccessful.', 'wp-mail-smtp' ), array( 'strong' => array() ) ); ?></p>
			<blockquote><pre><?php echo wp_kses_post( $last ); // Already escaped by Debug::get_last(). ?></pre></blockquote>
		</div>
		<?php
	}

	/**
	 * A key shown masked: first 7 + "…" + last 4 (just "…" when too short to mask).
	 *
	 * @param string $key Key.
	 *
	 * @return string
	 */
	public static function mask( $key ) {
		return mb_strlen( $key ) >= 12 ? mb_substr( $key, 0, 7 ) . '…' . mb_substr( $key, -4 ) : '…';
	}
}
