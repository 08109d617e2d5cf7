#!/usr/bin/env bash
# Shared by bin/env.sh, bin/start.sh and bin/test.sh: builds a private, real stack
# (WordPress from Debian's packages, MariaDB, php -S, the MailerSend stand-in) per profile.
# Everything lives under .cache/ (git-ignored). See docs/harness.md.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE="$ROOT/.cache"
PROFILE=${FMS_PROFILE:-dev}
case "$PROFILE" in
	dev) DEFAULT_BASE=8880 ;;
	test) DEFAULT_BASE=8980 ;;
	*) DEFAULT_BASE=9080 ;;
esac
PORT_BASE=${FMS_PORT_BASE:-$DEFAULT_BASE}
# 1: the profile's site is a subdirectory network of two sites (bin/install-network.php).
MULTISITE=${FMS_MULTISITE:-0}
WP_PORT=$PORT_BASE
MS_PORT=$((PORT_BASE + 1))
DB_PORT=$((PORT_BASE + 2))
STATE="$CACHE/profiles/$PROFILE"
SITE="$STATE/site"
RUN="$STATE/run"
LOGS="$STATE/logs"
SITE_URL="http://127.0.0.1:$WP_PORT"
STANDIN_URL="http://127.0.0.1:$MS_PORT"
TOKENS_FILE="$ROOT/tests/stand-ins/mailersend/tokens.json"
DEBUG_LOG="$LOGS/debug.log"

# Debian suites searched for WordPress: the newest stable release any of them serves wins.
WP_SUITES="trixie forky sid"
WP_DEB_PACKAGES="wordpress wordpress-theme-twentytwentyfive libphp-phpmailer php-getid3 libjs-underscore libjs-jquery-ui libjs-lodash libjs-cropper"

mkdir -p "$CACHE"

log() { printf '\033[1;34m[fix-mailersend]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[fix-mailersend]\033[0m %s\n' "$*" >&2; exit 1; }

as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# --- System packages -------------------------------------------------------

# Installs the Debian packages the stack needs and the machine lacks: only those, without
# recommends, saying what and how far along. Nothing already installed is upgraded unless a new
# package's dependencies force it (then the output names each upgrade before it happens): a PHP
# extension is taken in the installed PHP's own version when the archive still has it.
ensure_system_packages() {
	local wanted=() mm=""
	if command -v php >/dev/null; then
		local ext modules
		modules=$(php -m)
		mm=$(php -r 'echo PHP_MAJOR_VERSION . "." . PHP_MINOR_VERSION;')
		# mysqli for WordPress; curl, xml and mbstring for WordPress's HTTP API, PHPUnit and PHPCS;
		# intl for WordPress's IDN and normalisation helpers; zip for bin/plugin-zip.sh.
		for ext in mysqli curl xml mbstring intl zip; do
			grep -qix "$ext" <<<"$modules" || wanted+=("php$mm-${ext/mysqli/mysql}")
		done
	else
		wanted+=(php-cli php-mysql php-curl php-xml php-mbstring php-intl php-zip)
	fi
	command -v composer >/dev/null || wanted+=(composer)
	command -v unzip >/dev/null || wanted+=(unzip)
	[ -x /usr/sbin/mariadbd ] || wanted+=(mariadb-server)
	[ -x /usr/bin/chromium ] || wanted+=(chromium)
	command -v node >/dev/null || wanted+=(nodejs npm)
	[ ${#wanted[@]} -gt 0 ] || return 0

	log "system packages missing: ${wanted[*]}"
	log "updating Debian's package lists (apt-get update)"
	as_root apt-get update -qq || die "apt-get update failed"
	[ -n "$mm" ] && pin_php_extensions "$mm" wanted
	apt_plan "${wanted[@]}"
	apt_install "${wanted[@]}"
}

# Asks for PHP extension packages (php8.2-mysql, …) in the version of the installed PHP
# (php8.2-common) when the archive has it, so that adding one does not upgrade PHP itself.
# $1: PHP's major.minor; $2: the name of the array of package names to rewrite.
pin_php_extensions() {
	local mm=$1 installed pkg i
	local -n packages=$2
	installed=$(dpkg-query -W -f='${Version}' "php$mm-common" 2>/dev/null) || return 0
	for i in "${!packages[@]}"; do
		pkg=${packages[$i]}
		case "$pkg" in
			"php$mm-"*)
				if apt-cache madison "$pkg" 2>/dev/null | awk -F'|' '{gsub(/ /, "", $2); print $2}' | grep -qxF "$installed"; then
					packages[$i]="$pkg=$installed"
				fi
				;;
		esac
	done
}

# Simulates the install (apt-get -s) and says what it will do: how many packages are new and,
# one by one, which installed packages it would upgrade, since a new package depends on their
# newer version that the archive no longer has in the installed one.
apt_plan() {
	local plan new upgrades
	plan=$(as_root apt-get install -s --no-install-recommends "$@" 2>&1) || { printf '%s\n' "$plan" >&2; die "apt-get cannot install: $*"; }
	new=$(grep -c '^Inst [^ ]* (' <<<"$plan" || true)
	upgrades=$(grep '^Inst [^ ]* \[' <<<"$plan" | awk '{ gsub(/[][]/, "", $3); gsub(/[(]/, "", $4); print "    " $2 " " $3 " -> " $4 }' || true)
	log "installing $new new packages (no recommends): $*"
	if [ -n "$upgrades" ]; then
		log "WARNING: apt must also upgrade these installed packages: a new package depends on a newer version than the one installed (and no older one that fits is in the archive):"
		printf '%s\n' "$upgrades" >&2
		[ "${FMS_NO_UPGRADE:-0}" != 1 ] || die "stopped (FMS_NO_UPGRADE=1): install them yourself with: apt-get install --no-install-recommends $*"
	fi
}

# apt-get install without recommends, with one progress line per 10 % (apt's status lines).
apt_install() {
	local log_file="$CACHE/apt-install.log"
	: >"$log_file"
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
		-o APT::Status-Fd=1 -o Dpkg::Use-Pty=0 "$@" 2>>"$log_file" | apt_progress "$log_file" \
		|| { tail -n 20 "$log_file" >&2; die "apt-get install failed (log: $log_file)"; }
	log "system packages installed"
}

# Reads apt's status lines (dlstatus:…, pmstatus:…) and prints progress; the rest goes to $1.
apt_progress() {
	local log_file=$1 line kind percent what step last_dl=-1 last_pm=-1
	while IFS= read -r line; do
		case "$line" in
			dlstatus:* | pmstatus:*)
				IFS=: read -r kind _ percent what <<<"$line"
				step=$(( ${percent%%.*} / 10 * 10 ))
				if [ "$kind" = dlstatus ] && [ "$step" -gt "$last_dl" ]; then
					last_dl=$step
					log "downloading: $step % ($what)"
				elif [ "$kind" = pmstatus ] && [ "$step" -gt "$last_pm" ]; then
					last_pm=$step
					log "installing: $step % ($what)"
				fi
				;;
			*) printf '%s\n' "$line" >>"$log_file" ;;
		esac
	done
}

# --- npm and Composer ------------------------------------------------------

ensure_node_modules() {
	if [ ! -f "$ROOT/node_modules/.package-lock.json" ] || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
		log "installing npm dependencies (npm ci)"
		(cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
	fi
}

ensure_vendor() {
	if [ ! -f "$ROOT/vendor/autoload.php" ] || [ "$ROOT/composer.json" -nt "$ROOT/vendor/autoload.php" ]; then
		log "installing Composer dependencies"
		(cd "$ROOT" && composer install --no-interaction --no-progress --quiet)
		touch "$ROOT/vendor/autoload.php"
	fi
}

ensure_build() {
	local newest
	newest=$(find "$ROOT/src" -type f -newer "$ROOT/build/index.asset.php" 2>/dev/null | head -n 1 || true)
	if [ ! -f "$ROOT/build/index.asset.php" ] || [ -n "$newest" ]; then
		log "building the admin screen (wp-scripts build)"
		(cd "$ROOT" && npx wp-scripts build >"$CACHE/build.log" 2>&1) || { cat "$CACHE/build.log"; die "build failed"; }
	fi
}

# --- WordPress from Debian's packages --------------------------------------

apt_private() {
	local tool=$1 dir="$CACHE/apt"
	shift
	"$tool" -o Dir::Etc::SourceList="$dir/sources.list.d/wordpress.sources" \
		-o Dir::Etc::SourceParts=/dev/null -o Dir::State::Lists="$dir/lists" \
		-o Dir::Cache="$dir/cache" -o Debug::NoLocking=1 "$@"
}

# Prints the directory of a ready WordPress core (downloading it once).
ensure_wordpress() {
	local current="$CACHE/wordpress/current"
	if [ -f "$current/wp-includes/version.php" ]; then
		echo "$current"
		return
	fi
	local dir="$CACHE/apt" uri
	mkdir -p "$dir/sources.list.d" "$dir/lists/partial" "$dir/cache/archives/partial" "$dir/debs"
	# The same mirror the system uses, other suites; the system's apt setup is untouched.
	uri=$(grep -h '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -v security | head -n 1 | awk '{print $2}')
	[ -n "$uri" ] || uri=$(grep -hE '^deb ' /etc/apt/sources.list 2>/dev/null | grep -v security | head -n 1 | awk '{print $2}')
	[ -n "$uri" ] || die "cannot find the Debian mirror in /etc/apt"
	printf 'Types: deb\nURIs: %s\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
		"$uri" "$WP_SUITES" >"$dir/sources.list.d/wordpress.sources"
	log "looking up WordPress in Debian ($WP_SUITES)"
	apt_private apt-get update -qq >/dev/null
	local version
	version=$(apt_private apt-cache policy wordpress 2>/dev/null | awk '/Candidate:/ {print $2}')
	[ -n "$version" ] && [ "$version" != "(none)" ] || die "no wordpress package found"
	log "downloading WordPress $version and its bundled libraries"
	(cd "$dir/debs" && rm -f ./*.deb && apt_private apt-get download -qq $WP_DEB_PACKAGES >/dev/null 2>&1) \
		|| die "apt-get download failed"
	local tree="$dir/tree"
	rm -rf "$tree" && mkdir -p "$tree"
	local deb
	for deb in "$dir"/debs/*.deb; do dpkg-deb -x "$deb" "$tree"; done
	resolve_symlinks "$tree" "$tree/usr/share/wordpress"
	# Debian's wp-config.php reads /etc/wordpress; each site gets its own.
	rm -f "$tree/usr/share/wordpress/wp-config.php"
	local wp_version
	wp_version=$(php -r 'include $argv[1]; echo $wp_version;' "$tree/usr/share/wordpress/wp-includes/version.php")
	rm -rf "$CACHE/wordpress/$wp_version"
	mkdir -p "$CACHE/wordpress"
	mv "$tree/usr/share/wordpress" "$CACHE/wordpress/$wp_version"
	printf 'WordPress %s from Debian package wordpress %s\n' "$wp_version" "$version" >"$CACHE/wordpress/$wp_version/.source"
	ln -sfn "$wp_version" "$current"
	rm -rf "$tree"
	log "WordPress $wp_version ready"
	echo "$current"
}

# Debian's package links to shared copies of PHPMailer, getID3, underscore, lodash, jQuery UI and
# cropper; replace each link by its target from the unpacked packages so the tree stands alone.
resolve_symlinks() {
	local root="$1" wp="$2" link target resolved
	while IFS= read -r link; do
		target=$(readlink "$link")
		case "$target" in
			/*) resolved="$root$target" ;;
			*) resolved="$(dirname "$link")/$target" ;;
		esac
		rm -f "$link"
		if [ -e "$resolved" ]; then
			cp -rL "$resolved" "$link"
		elif [ -e "$target" ] && [ "${target#/}" != "$target" ]; then
			cp -L "$target" "$link" # e.g. the system's CA bundle
		fi
	done < <(find "$wp" -type l)
}

# --- The site ---------------------------------------------------------------

# wp-config.php; $1 = 1 once the profile's network is installed (multisite profiles only).
write_wp_config() {
	local network=${1:-0}
	cat >"$SITE/wp-config.php" <<PHP
<?php
// Generated by bin/lib.sh for the "$PROFILE" profile. Test and development only.
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', 'root' );
define( 'DB_PASSWORD', '' );
define( 'DB_HOST', '127.0.0.1:$DB_PORT' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );
\$table_prefix = 'wp_';

define( 'AUTH_KEY', '$PROFILE-auth' );
define( 'SECURE_AUTH_KEY', '$PROFILE-secure-auth' );
define( 'LOGGED_IN_KEY', '$PROFILE-logged-in' );
define( 'NONCE_KEY', '$PROFILE-nonce' );
define( 'AUTH_SALT', '$PROFILE-auth-salt' );
define( 'SECURE_AUTH_SALT', '$PROFILE-secure-auth-salt' );
define( 'LOGGED_IN_SALT', '$PROFILE-logged-in-salt' );
define( 'NONCE_SALT', '$PROFILE-nonce-salt' );

$(wp_config_urls "$network")
define( 'WP_ENVIRONMENT_TYPE', 'local' );
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_LOG', '$DEBUG_LOG' );
define( 'WP_DEBUG_DISPLAY', false );
define( 'SCRIPT_DEBUG', false );
define( 'DISABLE_WP_CRON', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'WP_AUTO_UPDATE_CORE', false );
define( 'FS_METHOD', 'direct' );

// Keep the site off the network; MailerSend's API host stays reachable (the test
// mu-plugin routes it to the stand-in). FMS_ACCESSIBLE_HOSTS lets a test block it.
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'WP_ACCESSIBLE_HOSTS', false !== getenv( 'FMS_ACCESSIBLE_HOSTS' ) ? (string) getenv( 'FMS_ACCESSIBLE_HOSTS' ) : 'api.mailersend.com' );
define( 'FIX_MAILERSEND_STANDIN_URL', '$STANDIN_URL' );
$(wp_config_multisite "$network")

// Tests put wp-config.php constants (WPMS_ON, WPMS_MAILERSEND_API_KEY, …) here.
if ( file_exists( __DIR__ . '/wp-config-local.php' ) ) {
	require __DIR__ . '/wp-config-local.php';
}

if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
PHP
}

# A single site's URL is fixed in wp-config.php; a network keeps each site's own in its options.
wp_config_urls() {
	[ "$1" = 1 ] && return 0
	printf "define( 'WP_HOME', '%s' );\ndefine( 'WP_SITEURL', '%s' );\n" "$SITE_URL" "$SITE_URL"
}

# Multisite profiles: WP_ALLOW_MULTISITE, and once the network is installed ($1 = 1), the
# network itself. Its domain keeps the port, as browsers send it in the Host header.
wp_config_multisite() {
	[ "$MULTISITE" = 1 ] || return 0
	printf "\n// A subdirectory network (FMS_MULTISITE=1).\ndefine( 'WP_ALLOW_MULTISITE', true );\n"
	[ "$1" = 1 ] || return 0
	cat <<PHP
define( 'MULTISITE', true );
define( 'SUBDOMAIN_INSTALL', false );
define( 'DOMAIN_CURRENT_SITE', '127.0.0.1:$WP_PORT' );
define( 'PATH_CURRENT_SITE', '/' );
define( 'SITE_ID_CURRENT_SITE', 1 );
define( 'BLOG_ID_CURRENT_SITE', 1 );
// PHP run from the shell (PHPUnit's bootstrap, bin/install-*.php) says Host 127.0.0.1, no port.
if ( 'cli' === PHP_SAPI && '127.0.0.1' === ( \$_SERVER['HTTP_HOST'] ?? '127.0.0.1' ) ) {
	\$_SERVER['HTTP_HOST'] = '127.0.0.1:$WP_PORT';
}
PHP
}

prepare_site() {
	local core
	core=$(ensure_wordpress)
	local version
	version=$(readlink "$core")
	if [ ! -f "$SITE/.core-version" ] || [ "$(cat "$SITE/.core-version")" != "$version" ]; then
		log "laying out the $PROFILE site (WordPress $version)"
		rm -rf "$SITE"
		mkdir -p "$SITE"
		cp -a "$core/." "$SITE/"
		echo "$version" >"$SITE/.core-version"
	fi
	mkdir -p "$SITE/wp-content/plugins" "$SITE/wp-content/mu-plugins" "$LOGS" "$RUN"
	ln -sfn "$ROOT" "$SITE/wp-content/plugins/fix-mailersend"
	ln -sfn "$ROOT/tests/stand-ins/wp-mail-smtp" "$SITE/wp-content/plugins/wp-mail-smtp"
	local mu
	for mu in "$ROOT"/tests/stand-ins/mu-plugins/*.php; do
		ln -sfn "$mu" "$SITE/wp-content/mu-plugins/$(basename "$mu")"
	done
	rm -f "$SITE/wp-config-local.php"
	write_wp_config
}

# --- Processes ----------------------------------------------------------------

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for_port() {
	local port=$1 what=$2 i
	for i in $(seq 1 100); do
		port_open "$port" && return 0
		sleep 0.1
	done
	die "$what did not start on port $port (logs: $LOGS)"
}

start_db() {
	local data="$STATE/db" own="$RUN/mariadb" # mariadbd runs as mysql: its socket, pid and log live in $own
	if [ -f "$own/mariadb.pid" ] && kill -0 "$(cat "$own/mariadb.pid")" 2>/dev/null; then return; fi
	mkdir -p "$data" "$own"
	chown mysql:mysql "$data" "$own"
	if [ ! -d "$data/mysql" ]; then
		mariadb-install-db --user=mysql --datadir="$data" --auth-root-authentication-method=normal \
			--skip-test-db >"$LOGS/mariadb-install.log" 2>&1 || { cat "$LOGS/mariadb-install.log"; die "mariadb-install-db failed"; }
	fi
	setsid /usr/sbin/mariadbd --no-defaults --user=mysql --datadir="$data" --socket="$own/mysqld.sock" \
		--port="$DB_PORT" --bind-address=127.0.0.1 --pid-file="$own/mariadb.pid" --skip-name-resolve \
		--log-error="$own/mariadb.log" >/dev/null 2>&1 &
	echo $! >"$RUN/mariadb.pid"
	local i
	for i in $(seq 1 100); do
		mariadb-admin --no-defaults -uroot -h127.0.0.1 -P"$DB_PORT" --connect-timeout=1 ping >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	die "MariaDB did not start on port $DB_PORT (log: $own/mariadb.log)"
}

mysql_root() { mariadb --no-defaults -uroot -h127.0.0.1 -P"$DB_PORT" "$@"; }

start_standin() {
	if [ -f "$RUN/standin.pid" ] && kill -0 "$(cat "$RUN/standin.pid")" 2>/dev/null; then return; fi
	setsid node "$ROOT/tests/stand-ins/mailersend/server.mjs" --port "$MS_PORT" >"$LOGS/standin.log" 2>&1 &
	echo $! >"$RUN/standin.pid"
	wait_for_port "$MS_PORT" "MailerSend stand-in"
}

start_web() {
	if [ -f "$RUN/web.pid" ] && kill -0 "$(cat "$RUN/web.pid")" 2>/dev/null; then return; fi
	# php -S is SAPI cli-server: OPcache follows opcache.enable (on), not enable_cli. Its default
	# revalidate_freq (2 s) would serve a PHP file the tests rewrite (wp-config-local.php) from
	# the cache for up to 2 s; checking timestamps on every request serves each change at once.
	PHP_CLI_SERVER_WORKERS=${FMS_WEB_WORKERS:-4} setsid php -d display_errors=stderr -d opcache.revalidate_freq=0 -S "127.0.0.1:$WP_PORT" -t "$SITE" \
		"$ROOT/bin/router.php" >"$LOGS/php-server.log" 2>&1 &
	echo $! >"$RUN/web.pid"
	wait_for_port "$WP_PORT" "php -S"
}

# Installs the site (fresh when FMS_FRESH=1 or when it is not installed yet).
install_site() {
	if [ "${FMS_FRESH:-0}" = 1 ]; then
		mysql_root -e 'DROP DATABASE IF EXISTS wordpress'
		: >"$DEBUG_LOG"
	fi
	mysql_root -e 'CREATE DATABASE IF NOT EXISTS wordpress CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci'
	if [ "$MULTISITE" = 1 ]; then
		install_network
	elif network_installed; then
		die "the $PROFILE profile holds a multisite network: use FMS_MULTISITE=1 (or FMS_FRESH=1 to start over)"
	else
		run_installer install-site.php
	fi
}

# A subdirectory network: bin/install-site.php installs the main site and the network's tables,
# then wp-config.php gets the network's constants and bin/install-network.php adds the second
# site and activates the plugins (each step is skipped when already done).
install_network() {
	if ! network_installed; then
		write_wp_config 0
		run_installer install-site.php
	fi
	write_wp_config 1
	run_installer install-network.php
}

network_installed() {
	[ -n "$(mysql_root -N -e "SHOW TABLES FROM wordpress LIKE 'wp\_site'")" ]
}

# Runs one of bin/'s installers against the profile's site.
run_installer() {
	FMS_WP_DIR="$SITE" FMS_TOKENS_FILE="$TOKENS_FILE" FMS_PROFILE="$PROFILE" FMS_MULTISITE="$MULTISITE" \
		php "$ROOT/bin/$1" >&2
}

stop_pidfile() {
	local file=$1 pid
	[ -f "$file" ] || return 0
	pid=$(cat "$file")
	# Each server was started with setsid: its PID is its process group.
	kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
	local i
	for i in $(seq 1 50); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -KILL -- "-$pid" 2>/dev/null || true
	rm -f "$file"
}

env_up() {
	ensure_system_packages
	prepare_site
	start_db
	start_standin
	install_site
	start_web
}

# Stops the profile's servers, all at once (each takes a second or two to exit).
env_down() {
	local server pids=()
	for server in web standin mariadb; do
		stop_pidfile "$RUN/$server.pid" &
		pids+=($!)
	done
	wait "${pids[@]}"
}

env_exports() {
	cat <<VARS
export FMS_PROFILE=$PROFILE
export FMS_PORT_BASE=$PORT_BASE
export FMS_WP_DIR=$SITE
export FMS_SITE_URL=$SITE_URL
export FMS_STANDIN_URL=$STANDIN_URL
export FMS_DEBUG_LOG=$DEBUG_LOG
export FMS_TOKENS_FILE=$TOKENS_FILE
export FMS_MULTISITE=$MULTISITE
VARS
}
