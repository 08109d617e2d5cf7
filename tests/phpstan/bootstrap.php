<?php
/**
 * Constants PHPStan needs to know about (defined at run time by plugin.php or wp-config.php).
 *
 * @package FixMailerSend
 */

define( 'FIX_MAILERSEND_VERSION', '0.0.0' );
define( 'FIX_MAILERSEND_FILE', __DIR__ . '/../plugin.php' );
define( 'FIX_MAILERSEND_DIR', dirname( __DIR__ ) . '/' );
define( 'ABSPATH', '/' );
define( 'WPINC', 'wp-includes' );
define( 'WP_CONTENT_DIR', '/wp-content' );
define( 'WP_PLUGIN_DIR', '/wp-content/plugins' );
define( 'WPMU_PLUGIN_DIR', '/wp-content/mu-plugins' );
define( 'DAY_IN_SECONDS', 86400 );
define( 'ARRAY_A', 'ARRAY_A' );
