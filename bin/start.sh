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

cat <<INFO

  Fix MailerSend is running ($((SECONDS - started)) s).

  Admin:      $SITE_URL/wp-admin/admin.php?page=fix-mailersend
  Log in:     admin / password
  MailerSend stand-in: $STANDIN_URL  (scripted tokens: tests/stand-ins/mailersend/tokens.json)

  The site starts broken on purpose: WP Mail SMTP holds a token MailerSend rejects.
  Paste the "valid_full" token from tokens.json on the Fix MailerSend screen to fix it.
  Press Ctrl-C to stop.

INFO
while true; do
	sleep 3600 &
	wait $!
done
