<?php
/**
 * Plugin Name: Demo MailerSend loader (Fix MailerSend e2e, TEST ONLY)
 * Description: TEST CODE, never shipped, never in the live preview. Installed by
 *              tests/e2e/preview.spec.ts beside the live preview's demo MailerSend
 *              (fix-mailersend-demo.php, written from blueprint.json exactly as the preview writes it).
 *
 * The demo turns itself on only inside WordPress Playground (the preview's constant AND PHP on
 * WebAssembly AND Playground's php.ini), so on this test site it stays off by design. With the
 * preview's constant defined, this hooks in the demo's own code, as the demo does by itself inside
 * Playground. Must-use plugins load in file-name order: the demo ("fix-…") before this ("fms-…").
 *
 * @package FixMailerSend\Tests
 */

defined( 'ABSPATH' ) || exit;

if ( defined( 'FIX_MAILERSEND_DEMO' ) && function_exists( 'fms_demo_boot' ) && ! fms_demo_enabled() ) {
	fms_demo_boot();
}
