#!/bin/sh
# SPDX-License-Identifier: MIT
# dev.sh: the README's two quick-start commands, on a fresh Debian 12 machine as root
# (or as a user with sudo).
#
#   ./dev.sh example   install the Debian packages miglint needs, build it, and lint the
#                      bundled Drizzle folder examples/drizzle
#   ./dev.sh test      install, build, and run the whole test suite twice: a normal build
#                      (build/) and an AddressSanitizer + UndefinedBehaviorSanitizer build
#                      (build-asan/), where a leak or undefined behaviour fails the run
#
# .ci/run calls "./dev.sh test".
set -eu
cd "$(dirname "$0")"

PACKAGES="gcc libc6-dev meson ninja-build pkg-config libpg-query-dev libprotobuf-c-dev libcjson-dev libpq-dev libssl-dev check python3-jsonschema postgresql"

install_packages() {
	missing=""
	for p in $PACKAGES; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
			missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	sudo=""
	[ "$(id -u)" -ne 0 ] && sudo="sudo"
	echo "dev.sh: installing$missing"
	$sudo apt-get update
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends $missing
}

# build DIR [meson options...]: configure once, then compile.
build() {
	dir=$1
	shift
	[ -f "$dir/build.ninja" ] || meson setup "$dir" "$@"
	meson compile -C "$dir"
}

case "${1:-}" in
example)
	install_packages
	build build
	# Exit status 1 means findings, which the example has on purpose.
	./build/miglint examples/drizzle || [ $? -eq 1 ]
	;;
test)
	install_packages
	build build
	meson test -C build --print-errorlogs
	build build-asan -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug
	meson test -C build-asan --print-errorlogs
	;;
*)
	echo "usage: ./dev.sh example | test" >&2
	exit 2
	;;
esac
