#!/bin/sh
# install.sh: `meson install` into a DESTDIR gives a miglint that runs, its man page and docs.
set -eu
build=$1 src=$2
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
meson install -C "$build" --destdir "$dest" --no-rebuild --quiet >/dev/null
bin=$(find "$dest" -type f -name miglint -perm -u+x | head -n 1)
[ -n "$bin" ] || { echo "no miglint binary installed"; exit 1; }
"$bin" --version | grep -q '^miglint ' || { echo "installed miglint does not run"; exit 1; }
find "$dest" -name miglint.1 | grep -q . || { echo "man page not installed"; exit 1; }
find "$dest" -path '*doc/miglint/rules/require-if-not-exists.md' | grep -q . ||
	{ echo "rule docs not installed"; exit 1; }
# The installed binary lints the example folder exactly as the built one.
status=0
"$bin" --no-color --no-config "$src/examples/drizzle" >/dev/null || status=$?
[ "$status" -eq 1 ] || { echo "installed miglint exited $status on examples/drizzle"; exit 1; }
echo "installed into $dest and ran $bin"
