#!/usr/bin/env bash
# npm run plugin-zip: builds the screen (a fresh production build, always), then writes the
# installable zip with what the plugin needs and nothing else:
#   fix-mailersend/{plugin.php, uninstall.php, readme.txt, includes/, build/, languages/}
# No vendor/ (includes/autoload.php loads the classes), no src/, tests, stand-ins or tooling.
# Usage: bash bin/plugin-zip.sh [output.zip]   (default: ./fix-mailersend.zip)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SLUG=fix-mailersend
OUT=${1:-$ROOT/$SLUG.zip}
case "$OUT" in /*) ;; *) OUT="$PWD/$OUT" ;; esac
SHIPPED=(plugin.php uninstall.php readme.txt includes build languages)

log() { printf '\033[1;34m[plugin-zip]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[plugin-zip]\033[0m %s\n' "$*" >&2; exit 1; }

cd "$ROOT"

log "building the screen (wp-scripts build)"
rm -rf build
npx wp-scripts build >&2 || die "the build failed: no zip written"
for file in build/index.js build/index.asset.php "languages/$SLUG.pot"; do
	[ -s "$file" ] || die "$file is missing: no zip written"
done

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir "$stage/$SLUG"
cp -R "${SHIPPED[@]}" "$stage/$SLUG/"
# Nothing hidden (.DS_Store, editor files) and no source maps.
find "$stage/$SLUG" \( -name '.*' -o -name '*.map' \) -exec rm -rf {} +

rm -f "$OUT"
# PHP's ZipArchive (php-zip, which the stack installs anyway): sorted entries, one root folder.
php -- "$stage" "$SLUG" "$OUT" <<'PHP' || die "could not write $OUT"
<?php
[ , $stage, $slug, $out ] = $argv;
$zip = new ZipArchive();
if ( true !== $zip->open( $out, ZipArchive::CREATE | ZipArchive::OVERWRITE ) ) {
	exit( 1 );
}
$files = array();
$items = new RecursiveIteratorIterator( new RecursiveDirectoryIterator( "$stage/$slug", FilesystemIterator::SKIP_DOTS ), RecursiveIteratorIterator::SELF_FIRST );
foreach ( $items as $item ) {
	$files[ substr( $item->getPathname(), strlen( $stage ) + 1 ) ] = $item;
}
ksort( $files );
foreach ( $files as $name => $item ) {
	$item->isDir() ? $zip->addEmptyDir( $name ) : $zip->addFile( $item->getPathname(), $name );
}
exit( $zip->close() ? 0 : 1 );
PHP
files=$(cd "$stage" && find "$SLUG" -type f | wc -l)
size=$(wc -c <"$OUT")
log "$OUT: $files files, $size bytes"
echo "$OUT"
