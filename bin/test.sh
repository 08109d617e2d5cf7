#!/usr/bin/env bash
# npm test: every check in one command. `bash bin/test.sh [layer…] [-- runner args]`
# Layers (all by default, in this order): lint-js lint-php typecheck phpstan unit standins php e2e
# php and e2e run against a fresh real site (profile "test": WordPress + MariaDB + php -S + the
# MailerSend stand-in), started here and stopped on exit.
FMS_PROFILE=${FMS_PROFILE:-test}
export FMS_PROFILE
# shellcheck source=bin/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
set +e

ALL_LAYERS=(lint-js lint-php typecheck phpstan unit standins php e2e)
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

cleanup() { [ "$env_started" = 1 ] && env_down; }
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
debug_log_clean() {
	if [ -s "$DEBUG_LOG" ]; then
		log "WordPress logged PHP messages during this layer ($DEBUG_LOG):"
		head -n 40 "$DEBUG_LOG" >&2
		return 1
	fi
}

run_layer() {
	local layer=$1
	shift
	case "$layer" in
		lint-js) npx wp-scripts lint-js src tests/e2e tests/stand-ins/mailersend "$@" ;;
		lint-php) vendor/bin/phpcs "$@" ;;
		typecheck) npx tsc --noEmit "$@" ;;
		phpstan) vendor/bin/phpstan analyse --memory-limit=1G --no-progress "$@" ;;
		unit) npx wp-scripts test-unit-js "$@" ;;
		standins) node --test tests/stand-ins/mailersend/ "$@" ;;
		php)
			needs_site || return 1
			vendor/bin/phpunit "$@" && debug_log_clean
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
		results+=("$(printf '  %-10s passed  %4ss' "$layer" "$took")")
		passed=$((passed + 1))
	else
		results+=("$(printf '  %-10s FAILED  %4ss  (exit %s)' "$layer" "$took" "$status")")
		failed=$((failed + 1))
	fi
done

echo
echo "Fix MailerSend test summary (profile $PROFILE):"
printf '%s\n' "${results[@]}"
echo "layers: $passed passed, $failed failed"
[ $failed -eq 0 ]
