#!/usr/bin/env bash
# bash bin/env.sh up|down|exports — the local stack for one profile (see docs/harness.md).
# shellcheck source=bin/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

case "${1:-}" in
	up)
		ensure_vendor
		env_up
		env_exports
		;;
	down) env_down ;;
	exports) env_exports ;;
	*) die "usage: bash bin/env.sh up|down|exports" ;;
esac
