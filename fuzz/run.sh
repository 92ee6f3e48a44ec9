#!/bin/sh
# SPDX-License-Identifier: MIT
# fuzz/run.sh [SECONDS]: runs each libFuzzer harness (sql, journal, snapshot, config) for
# SECONDS (default 600), two at a time on the machine's two cores, and prints a table of
# executions, coverage and crashes. Builds build-fuzz/ with clang and -Dfuzz=true on the
# first run (installs clang and libfuzzer-14-dev when missing). Seeds come from testdata/ and,
# in a developer checkout, ../shared/corpora/; the corpus grows in build-fuzz/corpus/<harness>
# across runs. A crash or leak is saved in build-fuzz/crashes/<harness>/: fix it, then copy
# the input into testdata/fuzz-regressions/<harness>/, which the normal test suite replays.
set -eu
cd "$(dirname "$0")/.."
secs=${1:-600}
build=build-fuzz

if ! command -v clang >/dev/null || ! [ -e "$(clang -print-file-name=libclang_rt.fuzzer-x86_64.a)" ]; then
	sudo=""
	[ "$(id -u)" -ne 0 ] && sudo="sudo"
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends clang libfuzzer-14-dev
fi
[ -f "$build/build.ninja" ] || CC=clang meson setup "$build" -Dfuzz=true \
	-Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debugoptimized >/dev/null
ninja -C "$build" >/dev/null

# seed HARNESS FIND-ARGS...: copies the matching files (up to 256 KB) into the seed folder.
seed() {
	h=$1
	shift
	mkdir -p "$build/seeds/$h"
	for root in testdata ../shared/corpora; do
		[ -d "$root" ] || continue
		find "$root" -type f -size -256k "$@" 2>/dev/null | head -n 3000 | while read -r f; do
			name=$(printf '%s' "$f" | cksum | cut -d' ' -f1)
			if [ "$h" = config ]; then
				# The first byte picks the file name: 1 for package.json.
				sel='\000'
				[ "$(basename "$f")" = package.json ] && sel='\001'
				{ printf "$sel"; cat "$f"; } >"$build/seeds/$h/$name"
			elif [ "$h" = sql ]; then
				# The first byte picks the split: 1 (Drizzle) for files beside a journal.
				mode='\000'
				[ -e "$(dirname "$f")/meta/_journal.json" ] && mode='\001'
				{ printf "$mode"; cat "$f"; } >"$build/seeds/$h/$name"
			else
				cp "$f" "$build/seeds/$h/$name"
			fi
		done
	done
}
rm -rf "$build/seeds"
seed sql -name '*.sql'
seed journal -name '_journal.json'
seed snapshot \( -name '*_snapshot.json' -o -name 'snapshot.json' \)
seed config \( -name '.miglint.json' -o -name 'package.json' -o -name '*.miglint.json' \)
printf '\000{"rules":{"require-if-not-exists":"error"},"pgVersion":14,"exclude":["x/*.sql"]}' \
	>"$build/seeds/config/handmade"

# fuzz HARNESS: one libFuzzer run of $secs seconds; its log is $build/fuzz-logs/HARNESS.log.
fuzz() {
	h=$1
	mkdir -p "$build/corpus/$h" "$build/crashes/$h" "$build/fuzz-logs"
	# libpg_query 15-4.0 leaks a few bytes on PL/pgSQL error paths: tests/lsan.supp.
	ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
		LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0 \
		UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		"$build/fuzz/fuzz-$h" "$build/corpus/$h" "$build/seeds/$h" \
		-max_total_time="$secs" -max_len=65536 -timeout=20 -rss_limit_mb=4096 \
		-print_final_stats=1 -artifact_prefix="$build/crashes/$h/" \
		>"$build/fuzz-logs/$h.log" 2>&1 || true
}
echo "fuzzing each harness for $secs s, two at a time ..."
fuzz sql &
fuzz journal &
wait
fuzz snapshot &
fuzz config &
wait

printf '%-9s %8s %12s %9s %14s %8s\n' harness seconds executions exec/s "coverage" crashes
for h in sql journal snapshot config; do
	log=$build/fuzz-logs/$h.log
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
	cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -n 1)
	crashes=$(find "$build/crashes/$h" -type f | wc -l)
	# A run that stopped at a crash ran less than $secs: libFuzzer then prints no "Done".
	ran=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -n 1)
	[ -z "$ran" ] && [ -n "${runs:-}" ] && [ "${rate:-0}" -gt 0 ] && ran=$((runs / rate))
	printf '%-9s %8s %12s %9s %14s %8s\n' "$h" "${ran:-?}" "${runs:-?}" "${rate:-?}" "${cov:-?}" "$crashes"
done
if [ -n "$(find "$build/crashes" -type f)" ]; then
	echo "crashes found: see $build/crashes/ and the logs in $build/fuzz-logs/"
	exit 1
fi
