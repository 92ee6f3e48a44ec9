#!/bin/sh
# SPDX-License-Identifier: MIT
# bench/run.sh: miglint against squawk, side by side, in one run. Prints a table; never a test.
#
#   bench/run.sh [RUNS]        (default 5 runs of each workload, alternating the two tools)
#
# squawk-cli is installed at a pinned version into bench/.squawk (git-ignored) and its native
# linux-x64 binary is called directly, so start-up is compared fairly. Workloads use
# ../shared/corpora when it is there (a developer checkout) and generated input otherwise.
# Medians of wall time, and peak RSS from /usr/bin/time, per tool; ratio = miglint / squawk.
set -eu
cd "$(dirname "$0")/.."
runs=${1:-5}
squawk_version=2.66.0
miglint=${MIGLINT:-build/miglint}
shared=../shared/corpora
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

[ -x "$miglint" ] || { echo "build miglint first (./dev.sh example)"; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)"; exit 2; }
squawk=bench/.squawk/node_modules/@squawk-cli/linux-x64/bin/squawk
if ! [ -x "$squawk" ]; then
	npm install --prefix bench/.squawk --no-save --no-audit --no-fund "squawk-cli@$squawk_version" >/dev/null
fi

# Generated workloads: 2,000 drizzle-style files of about 15 KB (about 30 MB), and one file
# with 20,000 findings for the text reporter.
gen=$work/generated
mkdir -p "$gen/drizzle30"
i=0
while [ $i -lt 2000 ]; do
	n=$(printf '%04d' $i)
	{
		j=0
		while [ $j -lt 60 ]; do
			printf 'CREATE TABLE "t_%s_%s" (\n\t"id" serial PRIMARY KEY NOT NULL,\n\t"name" text NOT NULL,\n\t"created_at" timestamp with time zone DEFAULT now() NOT NULL\n);\n--> statement-breakpoint\nCREATE INDEX "t_%s_%s_name_idx" ON "t_%s_%s" USING btree ("name");--> statement-breakpoint\n' "$n" $j "$n" $j "$n" $j
			j=$((j + 1))
		done
	} >"$gen/drizzle30/${n}_gen.sql"
	i=$((i + 1))
done
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "CREATE TABLE t%d (id int);\n", i }' >"$gen/findings20k.sql"

# median of the numbers on stdin
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# measure TOOL ARGS...: prints "seconds kilobytes" for one run.
measure() {
	/usr/bin/time -o "$work/t" -f '%e %M' "$@" >/dev/null 2>&1 || true
	tail -n 1 "$work/t"
}

row() {
	name=$1
	mfiles=$2
	sfiles=$3
	: >"$work/m" && : >"$work/s"
	r=0
	while [ $r -lt "$runs" ]; do
		# shellcheck disable=SC2086
		measure "$miglint" --no-config --format text $mfiles >>"$work/m"
		# shellcheck disable=SC2086
		measure "$squawk" $sfiles >>"$work/s"
		r=$((r + 1))
	done
	mt=$(cut -d' ' -f1 "$work/m" | median)
	st=$(cut -d' ' -f1 "$work/s" | median)
	mm=$(cut -d' ' -f2 "$work/m" | median)
	sm=$(cut -d' ' -f2 "$work/s" | median)
	printf '%-34s %9s %9s %7s %10s %10s\n' "$name" "$mt" "$st" \
		"$(awk -v a="$mt" -v b="$st" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')" "$mm" "$sm"
}

echo "machine: $(nproc) cores, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "miglint $("$miglint" --version | cut -d' ' -f2), squawk $squawk_version (native binary), $runs runs each, medians"
printf '%-34s %9s %9s %7s %10s %10s\n' workload "miglint s" "squawk s" ratio "miglint KB" "squawk KB"
if [ -d "$shared" ]; then
	one=$shared/real/vercel__ai-chatbot/0000_keen_devos.sql
	row "1 one small Drizzle migration" "$one" "$one"
	row "2 real folder (tambo, 95 files)" "$shared/real/tambo-ai__tambo" "$(ls "$shared"/real/tambo-ai__tambo/*.sql)"
	row "3 corpora/real + drizzle-kit" "$shared/real/*/ $shared/drizzle-kit/*/" \
		"$(find "$shared/real" "$shared/drizzle-kit" -name '*.sql' -not -path '*/_generator/*')"
	row "4 pg-regress/sql" "$shared/pg-regress/sql" "$(ls "$shared"/pg-regress/sql/*.sql)"
else
	echo "(../shared/corpora not found: workloads 1-4 need a developer checkout)"
fi
row "5 generated 2,000 files (~30 MB)" "$gen/drizzle30" "$(ls "$gen"/drizzle30/*.sql)"
row "6 one file, 20,000 findings" "$gen/findings20k.sql" "$gen/findings20k.sql"
