#!/bin/sh
# SPDX-License-Identifier: MIT
# bench/run.sh: miglint against squawk, side by side, in one run. Prints a table; never a test.
#
#   bench/run.sh [RUNS]        (default 5 runs of each workload, alternating the two tools)
#
# squawk-cli is installed at a pinned version into bench/.squawk (git-ignored) and its native
# linux-x64 binary is called directly, so start-up is compared fairly. Workloads 1-4 use
# ../shared/corpora (a developer checkout); 5, 6 and 7 are generated. For each workload:
# median wall time of each tool and their ratio (miglint / squawk); miglint's CPU time (user
# + sys) and the cost floor's, libpg_query alone parsing the same bytes on one thread
# (build/bench-floor), with miglint's CPU time beyond it; peak RSS of each tool; miglint's
# statements per second. Rows 1-6 are cold: miglint starts each run with an empty parse
# cache (and fills it, which it pays for). Rows 7 re-run with the cache filled, as a
# pre-commit hook or CI does every day. Row 5b doubles row 5, to show cost grows linearly.
# Each run is timed with date(1) and time(1) around the tool; the median cost of that frame
# around true(1), measured in the same rounds, is taken off both tools' wall times, so the
# small rows compare the tools, not the frame.
set -eu
cd "$(dirname "$0")/.."
runs=${1:-5}
squawk_version=2.66.0
miglint=${MIGLINT:-build/miglint}
floor=${FLOOR:-build/bench-floor}
shared=../shared/corpora
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

[ -x "$miglint" ] && [ -x "$floor" ] || { echo "build first (./dev.sh example)"; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)"; exit 2; }
squawk=bench/.squawk/node_modules/@squawk-cli/linux-x64/bin/squawk
if ! [ -x "$squawk" ]; then
	npm install --prefix bench/.squawk --no-save --no-audit --no-fund "squawk-cli@$squawk_version" >/dev/null
fi

# Generated workloads: N drizzle-style files of about 15 KB each (2,000 files: about 30 MB),
# and one file with 20,000 findings for the text reporter.
generate() {
	mkdir -p "$2"
	awk -v n="$1" -v dir="$2" 'BEGIN {
		for (i = 0; i < n; i++) {
			f = sprintf("%s/%04d_gen.sql", dir, i)
			for (j = 0; j < 60; j++) {
				t = sprintf("t_%04d_%d", i, j)
				printf "CREATE TABLE \"%s\" (\n\t\"id\" serial PRIMARY KEY NOT NULL,\n\t\"name\" text NOT NULL,\n\t\"created_at\" timestamp with time zone DEFAULT now() NOT NULL\n);\n--> statement-breakpoint\nCREATE INDEX \"%s_name_idx\" ON \"%s\" USING btree (\"name\");--> statement-breakpoint\n", t, t, t > f
			}
			close(f)
		}
	}'
}
gen=$work/generated
generate 2000 "$gen/drizzle30"
generate 4000 "$gen/drizzle60"
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "CREATE TABLE t%d (id int);\n", i }' >"$gen/findings20k.sql"

# median of the numbers on stdin
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# measure TOOL ARGS...: prints "wall cpu kilobytes" of one run. Wall time from the clock in
# nanoseconds (time(1)'s is in hundredths, too coarse for one file); CPU and RSS from time(1).
measure() {
	t0=$(date +%s%N)
	/usr/bin/time -o "$work/t" -f '%U %S %M' "$@" >/dev/null 2>&1 || true
	t1=$(date +%s%N)
	tail -n 1 "$work/t" | awk -v ns=$((t1 - t0)) '{ printf "%.3f %.2f %s\n", ns / 1e9, $1 + $2, $3 }'
}

# row NAME CACHE MIGLINT_PATHS SQUAWK_FILES: CACHE is "cold" (empty before each run) or
# "warm" (filled once before the runs).
row() {
	name=$1 cache=$2 mpaths=$3 sfiles=$4
	: >"$work/m" && : >"$work/s" && : >"$work/f" && : >"$work/b"
	rm -rf "$work/cache"
	# shellcheck disable=SC2086
	[ "$cache" = warm ] && "$miglint" --no-config --cache-dir "$work/cache" $mpaths >/dev/null 2>&1 || true
	r=0
	while [ $r -lt "$runs" ]; do
		[ "$cache" = cold ] && rm -rf "$work/cache"
		# shellcheck disable=SC2086
		measure "$miglint" --no-config --format text --cache-dir "$work/cache" $mpaths >>"$work/m"
		# shellcheck disable=SC2086
		measure "$squawk" $sfiles >>"$work/s"
		# shellcheck disable=SC2086
		measure "$floor" $mpaths >>"$work/f"
		measure true >>"$work/b"
		r=$((r + 1))
	done
	# shellcheck disable=SC2086
	stmts=$("$miglint" --no-config --no-cache $mpaths 2>/dev/null | tail -n 1 |
		sed -n 's/.*[0-9] files*, \([0-9]*\) statements* checked.*/\1/p')
	bt=$(cut -d' ' -f1 "$work/b" | median)
	mt=$(cut -d' ' -f1 "$work/m" | median | awk -v b="$bt" '{ printf "%.4f", $1 - b }')
	st=$(cut -d' ' -f1 "$work/s" | median | awk -v b="$bt" '{ printf "%.4f", $1 - b }')
	mc=$(cut -d' ' -f2 "$work/m" | median)
	fc=$(cut -d' ' -f2 "$work/f" | median)
	mm=$(cut -d' ' -f3 "$work/m" | median)
	sm=$(cut -d' ' -f3 "$work/s" | median)
	echo "$name $mt" >>"$work/rows"
	awk -v n="$name" -v mt="$mt" -v st="$st" -v mc="$mc" -v fc="$fc" -v mm="$mm" -v sm="$sm" \
		-v stmts="${stmts:-0}" 'BEGIN {
		ratio = st > 0 ? sprintf("%.2f", mt / st) : "-"
		over = fc > 0 ? sprintf("%+.0f%%", 100 * (mc - fc) / fc) : "-"
		rate = mt > 0 ? sprintf("%.0f", stmts / mt) : "-"
		printf "%-36s %8.4f %8.4f %6s %8s %8s %7s %7.1f %7.1f %9s\n", n, mt, st, ratio, mc, fc, over,
			mm / 1024, sm / 1024, rate
	}'
}

echo "machine: $(nproc) cores, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "miglint $("$miglint" --version | cut -d' ' -f2), squawk $squawk_version (native binary), $runs runs each, medians"
echo "wall and CPU in seconds (wall without the timing frame: see the top of this script); floor = libpg_query alone, one thread; over = miglint CPU beyond the floor; RSS in MB"
printf '%-36s %8s %8s %6s %8s %8s %7s %7s %7s %9s\n' workload "miglint" "squawk" ratio "ml CPU" "floor" over \
	"ml RSS" "sq RSS" "stmts/s"
if [ -d "$shared" ]; then
	one=$shared/real/vercel__ai-chatbot/0000_keen_devos.sql
	tambo=$shared/real/tambo-ai__tambo
	all_sql=$(find "$shared/real" "$shared/drizzle-kit" -name '*.sql' -not -path '*/_generator/*')
	row "1 one small Drizzle migration" cold "$one" "$one"
	row "2 real folder (tambo, 95 files)" cold "$tambo" "$(ls "$tambo"/*.sql)"
	row "3 corpora/real + drizzle-kit" cold "$shared/real/*/ $shared/drizzle-kit/*/" "$all_sql"
	row "4 pg-regress/sql" cold "$shared/pg-regress/sql" "$(ls "$shared"/pg-regress/sql/*.sql)"
else
	echo "(../shared/corpora not found: workloads 1-4 need a developer checkout)"
fi
row "5 generated 2,000 files (~30 MB)" cold "$gen/drizzle30" "$(ls "$gen"/drizzle30/*.sql)"
row "5b generated 4,000 files (~60 MB)" cold "$gen/drizzle60" "$(ls "$gen"/drizzle60/*.sql)"
row "6 one file, 20,000 findings" cold "$gen/findings20k.sql" "$gen/findings20k.sql"
if [ -d "$shared" ]; then
	row "7a re-run of 2, cache filled" warm "$tambo" "$(ls "$tambo"/*.sql)"
	row "7b re-run of 3, cache filled" warm "$shared/real/*/ $shared/drizzle-kit/*/" "$all_sql"
	row "7c re-run of 4, cache filled" warm "$shared/pg-regress/sql" "$(ls "$shared"/pg-regress/sql/*.sql)"
fi
row "7d re-run of 5, cache filled" warm "$gen/drizzle30" "$(ls "$gen"/drizzle30/*.sql)"
awk '/^5 / { a = $NF } /^5b / { b = $NF } END {
	if (a > 0) printf "linearity: 4,000 files took %.2f times as long as 2,000\n", b / a }' "$work/rows"
