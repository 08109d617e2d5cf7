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
trap 'echo; log "stopping"; env_down; exit 0' INT TERM
env_up
FMS_WP_DIR="$SITE" php "$ROOT/bin/seed-failure.php" || true
scripted() { php -r 'echo json_decode( file_get_contents( $argv[1] ), true )["tokens"][ $argv[2] ]["token"];' "$TOKENS_FILE" "$1"; }

cat <<INFO

  Fix MailerSend is running ($((SECONDS - started)) s).

  Admin:      $SITE_URL/wp-admin/admin.php?page=fix-mailersend
  Log in:     admin / password
  MailerSend stand-in: $STANDIN_URL  (scripted tokens: tests/stand-ins/mailersend/tokens.json)

  The site starts broken on purpose: WP Mail SMTP holds a token MailerSend rejects,
  and one email has failed. Tokens the MailerSend stand-in knows, to paste on the screen:
    works:                         $(scripted valid_full)
    from another account:          $(scripted other_account)
    sending only (no domain read): $(scripted valid_sending_only)
  (all of them: tests/stand-ins/mailersend/tokens.json)

  Press Ctrl-C to stop.

INFO
while true; do
	sleep 3600 &
	wait $!
done
