#!/usr/bin/env bash
# npm run bench: prints numbers (never pass/fail). Starts the "bench" profile's site, measures,
# stops it. See bin/bench.php for what each number means.
FMS_PROFILE=${FMS_PROFILE:-bench}
FMS_PORT_BASE=${FMS_PORT_BASE:-9880}
export FMS_PROFILE FMS_PORT_BASE
# shellcheck source=bin/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

now_ms() { echo $(($(date +%s%N) / 1000000)); }
t0=$(now_ms)
ensure_system_packages
ensure_node_modules
ensure_vendor
ensure_build
t1=$(now_ms)
trap env_down EXIT
FMS_FRESH=1 env_up
t2=$(now_ms)
eval "$(env_exports)"

median_ms() { # URL RUNS: median time to first byte, in ms, over RUNS requests
	local url=$1 runs=$2 i
	for i in $(seq 1 "$runs"); do
		curl -s -o /dev/null -w '%{time_starttransfer}\n' "$url"
	done | sort -n | awk '{ a[NR] = $1 } END { printf "%.1f", a[int((NR + 1) / 2)] * 1000 }'
}

toggle_plugin() { # activate|deactivate
	php -r '$_SERVER["HTTP_HOST"]="127.0.0.1"; require getenv("FMS_WP_DIR")."/wp-load.php"; require_once ABSPATH."wp-admin/includes/plugin.php";
		"activate" === $argv[1] ? activate_plugin("fix-mailersend/plugin.php") : deactivate_plugins("fix-mailersend/plugin.php");' "$1"
}

echo "Fix MailerSend benchmarks (WordPress $(cat "$SITE/.core-version"), PHP $(php -r 'echo PHP_VERSION;'), $(nproc) cores)"
echo
echo "The screen's script, gzip -9 (the page needs build/index.js first; the steps' chunks load after):"
for file in "$ROOT"/build/*.js; do
	printf '  %-28s %6d bytes\n' "build/$(basename "$file")" "$(gzip -9c "$file" | wc -c)"
done
echo
echo "Front-end page load, plugin active (what the plugin adds):"
php "$ROOT/bin/bench.php" frontend
curl -s -o /dev/null "$SITE_URL/" # warm
on=$(median_ms "$SITE_URL/" 40)
toggle_plugin deactivate
curl -s -o /dev/null "$SITE_URL/"
off=$(median_ms "$SITE_URL/" 40)
toggle_plugin activate
echo "Front page TTFB, median of 40: active ${on} ms, inactive ${off} ms"
echo
echo "REST (in-process, admin user, stand-in on loopback):"
php "$ROOT/bin/bench.php" rest
echo
echo "Held emails (in-process): what holding costs a failing wp_mail(), holding off and on:"
php "$ROOT/bin/bench.php" held
echo
echo "Outage report, WP Mail SMTP's Debug Events with 100,000 rows (in-process; cold: the table read, cached: until the next failure):"
php "$ROOT/bin/bench.php" outage
echo
echo "Held emails over REST: GET /held with 10,000 held, resending 500 (bin/bench-held.php):"
php "$ROOT/bin/bench-held.php"
echo
# npm start's own steps: the checks for what is installed, then the servers; a warm start
# finds the site installed (a cold one adds apt, npm ci, Composer, the build and WordPress).
env_down
t3=$(now_ms)
env_up
t4=$(now_ms)
echo "Start-up, as npm start does it (this machine, everything already installed):"
echo "  checks for system packages, node_modules, vendor/, build/: $((t1 - t0)) ms"
echo "  servers up + a fresh site installed: $((t2 - t1)) ms"
echo "  servers up, site already installed (a warm start): $((t4 - t3)) ms"
echo
echo "Deadlines: each action's worst case, MailerSend slow (every answer after 9.5 s) or hanging."
echo "One run each, real delays: this takes a few minutes."
php "$ROOT/bin/bench.php" deadlines
