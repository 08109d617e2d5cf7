#!/usr/bin/env bash
# npm start: a local WordPress with Fix MailerSend, WP Mail SMTP (stand-in) and the MailerSend
# stand-in, ready to click through. Ctrl-C stops everything it started.
FMS_PROFILE=${FMS_PROFILE:-dev}
export FMS_PROFILE
# shellcheck source=bin/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

started=$SECONDS
ensure_system_packages
ensure_node_modules
ensure_vendor
ensure_build
# The wait loop below sleeps in the background: stop that sleep too, or it outlives Ctrl-C.
sleeper=
stop() {
	trap - INT TERM HUP
	echo
	log "stopping"
	if [ -n "$sleeper" ]; then kill "$sleeper" 2>/dev/null || true; fi
	env_down
	exit 0
}
trap stop INT TERM HUP
env_up
# Development only: a demo shop and a demo form (with an attachment), whose emails fail with the rest.
for demo in "$ROOT"/bin/dev-mu-plugins/*.php; do
	ln -sfn "$demo" "$SITE/wp-content/mu-plugins/$(basename "$demo")"
done
FMS_WP_DIR="$SITE" php "$ROOT/bin/seed-failure.php" || true
scripted() { php -r 'echo json_decode( file_get_contents( $argv[1] ), true )["tokens"][ $argv[2] ]["token"];' "$TOKENS_FILE" "$1"; }
state=$(FMS_WP_DIR="$SITE" FMS_TOKENS_FILE="$TOKENS_FILE" php "$ROOT/bin/site-state.php" 2>/dev/null || echo unknown)
reset_hint="  To start over broken (a fresh site, a token MailerSend rejects, a few failed emails):
    FMS_FRESH=1 npm start"
case "$state" in
	broken) state_text="  The site is broken on purpose: WP Mail SMTP holds a token MailerSend rejects,
  and a few emails have failed (held by Fix MailerSend, to be resent once the token is fixed)." ;;
	changed*) state_text="  The site is as you left it last time: WP Mail SMTP now uses ${state#changed }.
$reset_hint" ;;
	*) state_text="  Could not read the site's WP Mail SMTP settings (logs: $LOGS).
$reset_hint" ;;
esac

cat <<INFO

  Fix MailerSend is running ($((SECONDS - started)) s).

  Admin:      $SITE_URL/wp-admin/admin.php?page=fix-mailersend
  Log in:     admin / password
  MailerSend stand-in: $STANDIN_URL  (scripted tokens: tests/stand-ins/mailersend/tokens.json)

$state_text
  Tokens the MailerSend stand-in knows, to paste on the screen:
    works:                         $(scripted valid_full)
    from another account:          $(scripted other_account)
    sending only (no domain read): $(scripted valid_sending_only)
  (all of them: tests/stand-ins/mailersend/tokens.json)

  Press Ctrl-C to stop.

INFO
while true; do
	sleep 3600 &
	sleeper=$!
	wait "$sleeper"
done
