#!/usr/bin/env bash
# npm test: every check in one command. `bash bin/test.sh [layer…] [-- runner args]`
# Layers (all by default, in this order): lint-js lint-php typecheck phpstan unit standins preview
# php php-multisite reliability e2e
# php and e2e run against a fresh real site (profile "test": WordPress + MariaDB + php -S + the
# MailerSend stand-in), started here and stopped on exit. php-multisite brings up its own stack
# (profile "test-ms", ports BASE+10…: a subdirectory network of two sites) and stops it after;
# so does reliability (profile "test-rel", ports BASE+20…, php -S with 16 workers).
FMS_PROFILE=${FMS_PROFILE:-test}
# The php and e2e layers share one single site (whatever the shell says).
FMS_MULTISITE=0
export FMS_PROFILE FMS_MULTISITE
# shellcheck source=bin/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
set +e

ALL_LAYERS=(lint-js lint-php typecheck phpstan unit standins preview php php-multisite reliability e2e)
layers=()
runner_args=()
while [ $# -gt 0 ]; do
	if [ "$1" = "--" ]; then
		shift
		runner_args=("$@")
		break
	fi
	layers+=("$1")
	shift
done
[ ${#layers[@]} -gt 0 ] || layers=("${ALL_LAYERS[@]}")

results=()
failed=0
passed=0
env_started=0
multisite_started=0
reliability_started=0

cleanup() {
	[ "$env_started" = 1 ] && env_down
	[ "$multisite_started" = 1 ] && multisite_env down
	[ "$reliability_started" = 1 ] && reliability_env down
}
trap cleanup EXIT
trap 'exit 130' INT TERM

(
	set -e
	ensure_system_packages
	ensure_node_modules
	ensure_vendor
) || die "could not install the test dependencies"

needs_site() {
	if [ "$env_started" = 0 ]; then
		(set -e; ensure_build) || return 1
		(set -e; FMS_FRESH=1 env_up >/dev/null) || return 1
		env_started=1
		eval "$(env_exports)"
	else
		# Each layer starts from a freshly installed site.
		(set -e; FMS_FRESH=1 install_site >/dev/null) || return 1
	fi
	: >"$DEBUG_LOG"
}

# A PHP notice, warning or deprecation logged by WordPress during a layer fails that layer.
# $1: the log (default: the profile's); $2: an extended regex of lines that do not count.
debug_log_clean() {
	local file=${1:-$DEBUG_LOG} ignore=${2:-^$} found
	found=$(grep -Ev "$ignore" "$file" 2>/dev/null | grep -v '^$')
	if [ -n "$found" ]; then
		log "WordPress logged PHP messages during this layer ($file):"
		head -n 40 <<<"$found" >&2
		return 1
	fi
}

# Core's own deprecation (PHP 8.2+) each time a network loads wp-includes/ms-functions.php.
CORE_MULTISITE_DEPRECATION='PHP Deprecated:  Optional parameter \$[a-z_]+ declared before required parameter \$[a-z_]+ is implicitly treated as a required parameter in .*/wp-includes/ms-functions\.php on line [0-9]+$'

# The multisite stack, beside the other layers' site: its own profile, ports and network.
multisite_env() {
	FMS_PROFILE="$PROFILE-ms" FMS_PORT_BASE=$((PORT_BASE + 10)) FMS_MULTISITE=1 FMS_FRESH=1 \
		bash "$ROOT/bin/env.sh" "$@"
}

# php-multisite: a fresh network, the `multisite` PHPUnit suite against it, then the stack stops.
run_multisite() {
	local exports status
	multisite_started=1
	exports=$(multisite_env up) || { multisite_env down; multisite_started=0; return 1; }
	(
		eval "$exports"
		: >"$FMS_DEBUG_LOG"
		vendor/bin/phpunit --testsuite multisite "$@" && debug_log_clean "$FMS_DEBUG_LOG" "$CORE_MULTISITE_DEPRECATION"
	)
	status=$?
	multisite_env down
	multisite_started=0
	return $status
}

# The reliability stack: its own single site, more PHP workers than any per-site limit, so
# parallel requests really run at once (tests/reliability, docs/harness.md).
reliability_env() {
	FMS_PROFILE="$PROFILE-rel" FMS_PORT_BASE=$((PORT_BASE + 20)) FMS_MULTISITE=0 FMS_FRESH=1 \
		FMS_WEB_WORKERS=16 bash "$ROOT/bin/env.sh" "$@"
}

# reliability: a fresh site with 16 workers, the `reliability` PHPUnit suite, then the stack stops.
run_reliability() {
	local exports status
	reliability_started=1
	exports=$(reliability_env up) || { reliability_env down; reliability_started=0; return 1; }
	(
		eval "$exports"
		: >"$FMS_DEBUG_LOG"
		vendor/bin/phpunit --testsuite reliability "$@" && debug_log_clean "$FMS_DEBUG_LOG"
	)
	status=$?
	reliability_env down
	reliability_started=0
	return $status
}

run_layer() {
	local layer=$1
	shift
	case "$layer" in
		lint-js) npx wp-scripts lint-js src tests/e2e tests/stand-ins/mailersend tests/preview bin "$@" ;;
		lint-php) vendor/bin/phpcs "$@" ;;
		typecheck) npx tsc --noEmit "$@" ;;
		phpstan) vendor/bin/phpstan analyse --memory-limit=1G --no-progress "$@" ;;
		unit) npx wp-scripts test-unit-js "$@" ;;
		standins) node --test tests/stand-ins/mailersend/ "$@" ;;
		preview) node --test tests/preview/ "$@" ;;
		php)
			needs_site || return 1
			vendor/bin/phpunit "$@" && debug_log_clean
			;;
		php-multisite) run_multisite "$@" ;;
		reliability)
			(set -e; ensure_build) || return 1
			run_reliability "$@"
			;;
		e2e)
			needs_site || return 1
			npx playwright test "$@" && debug_log_clean
			;;
		*) log "unknown layer: $layer (known: ${ALL_LAYERS[*]})"; return 2 ;;
	esac
}

cd "$ROOT" || exit 1
for layer in "${layers[@]}"; do
	log "── $layer"
	start=$SECONDS
	run_layer "$layer" "${runner_args[@]}"
	status=$?
	took=$((SECONDS - start))
	if [ $status -eq 0 ]; then
		results+=("$(printf '  %-13s passed  %4ss' "$layer" "$took")")
		passed=$((passed + 1))
	else
		results+=("$(printf '  %-13s FAILED  %4ss  (exit %s)' "$layer" "$took" "$status")")
		failed=$((failed + 1))
	fi
done

echo
echo "Fix MailerSend test summary (profile $PROFILE):"
printf '%s\n' "${results[@]}"
echo "layers: $passed passed, $failed failed"
[ $failed -eq 0 ]
