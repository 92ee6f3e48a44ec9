#!/bin/sh
# SPDX-License-Identifier: MIT
# parse-cache.sh: the parse cache and --jobs never change what a user sees. Each check lints
# the same folder (examples/drizzle plus 42 generated files with findings, DO blocks, syntax
# errors, psql meta-commands, and two long enough for a second parsing thread) and compares stdout, stderr and the exit status with a
# run without cache on one thread:
#   - a cold run, a warm run, and runs on 1, 2 and 7 threads;
#   - every entry damaged (a flipped byte, a truncation, a wrong magic, an empty file, a
#     directory in its place), an entry claiming 2 GiB, then another file's entry put under
#     each name: all are misses, and the run rewrites each with exactly the entry a cold run
#     writes; an entry with a valid key and checksum holding another text's results is a
#     miss too;
#   - two processes filling one cache at once;
#   - MIGLINT_CACHE_MAX_MB=1 keeps the directory under 1 MiB;
#   - a cache directory that cannot be created is a warning, and the output is the same.
# Usage: parse-cache.sh MIGLINT SOURCE_ROOT
set -eu
bin=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
	echo "FAIL: $*"
	exit 1
}

dir=$work/folder
mkdir -p "$dir"
cp -R "$src/examples/drizzle/." "$dir/"
# Generated files: run as a plain folder beside the Drizzle one.
plain=$work/plain
mkdir -p "$plain"
i=0
while [ $i -lt 40 ]; do
	{
		j=0
		while [ $j -lt 30 ]; do
			printf 'CREATE TABLE t_%s_%s (id serial PRIMARY KEY, name varchar(20));\n' $i $j
			printf 'CREATE INDEX i_%s_%s ON t_%s_%s (name);\n' $i $j $i $j
			printf 'DO $$ BEGIN ALTER TABLE t_%s_%s ADD CONSTRAINT c_%s_%s CHECK (id > 0); EXCEPTION WHEN duplicate_object THEN null; END $$;\n' $i $j $i $j
			j=$((j + 1))
		done
		[ $((i % 10)) -eq 3 ] && printf 'SELEC 1;\n\\set x 1\nDROP TABLE t_%s_0;\n' $i
	} >"$plain/$(printf '%04d' $i)_gen.sql"
	i=$((i + 1))
done
# Two long files (1,400 statements: two of the blocks in which a second thread parses from
# the other end, pgq.h): one clean, one with a syntax error in its second block, where both
# threads have parsed past it. Their entries stay well under the 1 MiB bound tested below.
for name in big big_bad; do
	{
		j=0
		while [ $j -lt 700 ]; do
			printf 'CREATE TABLE b_%s_%s (id int);
INSERT INTO b_%s_%s VALUES (%s);
' $name $j $name $j $j
			[ $name = big_bad ] && [ $j -eq 600 ] && printf 'SELEC oops;
'
			j=$((j + 1))
		done
	} >"$plain/$(printf '%04d' $i)_$name.sql"
	i=$((i + 1))
done

# lint OUT ARGS...: stdout, stderr and exit status of one run, into OUT.{out,err,rc}.
lint() {
	out=$1
	shift
	rc=0
	"$bin" --no-config --no-color "$@" "$dir" "$plain" >"$out.out" 2>"$out.err" || rc=$?
	echo "$rc" >"$out.rc"
}
same() {
	for ext in out err rc; do
		cmp -s "$work/ref.$ext" "$1.$ext" || {
			diff -u "$work/ref.$ext" "$1.$ext" | head -20
			fail "$2: $ext differs from the run without cache"
		}
	done
}
entries() {
	find "$work/cache" -type f -not -name '*.tmp.*' -not -name .pruned | sort
}

lint "$work/ref" --no-cache -j1
[ "$(cat "$work/ref.rc")" = 1 ] || fail "the reference run should find something"
grep -q 'syntax error' "$work/ref.out" || fail "the reference run should report the syntax error"

lint "$work/cold" --cache-dir "$work/cache"
same "$work/cold" "cold cache"
n=$(entries | wc -l)
# One per file of 2 KiB or more: the 42 generated ones (the example's files are smaller).
[ "$n" -eq 42 ] || fail "expected 42 entries (one per file of 2 KiB or more), found $n"
mkdir "$work/saved"
for e in $(entries); do cp "$e" "$work/saved/$(basename "$e")"; done
lint "$work/warm" --cache-dir "$work/cache"
same "$work/warm" "warm cache"
for j in 1 2 7; do
	lint "$work/j$j" --cache-dir "$work/cache" -j$j
	same "$work/j$j" "warm cache, -j$j"
	lint "$work/n$j" --no-cache -j$j
	same "$work/n$j" "no cache, -j$j"
done

# Damage every entry, five ways in turn.
k=0
for e in $(entries); do
	case $((k % 5)) in
	0) printf 'X' | dd of="$e" bs=1 seek=100 conv=notrunc 2>/dev/null ;;
	1) truncate -s 60 "$e" ;;
	2) printf 'NOTCACHE' | dd of="$e" bs=1 seek=0 conv=notrunc 2>/dev/null ;;
	3) : >"$e" ;;
	4) rm "$e" && mkdir "$e" ;;
	esac
	k=$((k + 1))
done
lint "$work/damaged" --cache-dir "$work/cache"
same "$work/damaged" "damaged entries"
# A directory in an entry's place stays (rename cannot replace it): a miss every time.
find "$work/cache" -type d -name '????????????????????????????????????????????????????????????????' \
	-exec rmdir {} +
lint "$work/repaired" --cache-dir "$work/cache"
same "$work/repaired" "after repair"
for e in $(entries); do
	cmp -s "$e" "$work/saved/$(basename "$e")" || fail "entry $(basename "$e") was not rewritten as a cold run writes it"
done

# An entry that claims 2 GiB (a sparse file with a matching header): a miss, not a 2 GiB read.
big_entry=$(entries | head -n 1)
printf '\310\377\377\177\000\000\000\000' | dd of="$big_entry" bs=1 seek=40 conv=notrunc 2>/dev/null
truncate -s 2147483648 "$big_entry"
lint "$work/huge" --cache-dir "$work/cache"
same "$work/huge" "an entry that claims 2 GiB"
cmp -s "$big_entry" "$work/saved/$(basename "$big_entry")" || fail "the 2 GiB entry was not rewritten"

# Another file's entry under each name: valid, but not this file's.
first=$(entries | head -n 1)
for e in $(entries); do [ "$e" = "$first" ] || cp "$first" "$e"; done
lint "$work/swapped" --cache-dir "$work/cache"
same "$work/swapped" "entries of another file"
for e in $(entries); do
	cmp -s "$e" "$work/saved/$(basename "$e")" || fail "entry $(basename "$e") was not rewritten after a swap"
done

# An entry crafted with a valid key and checksum but another text's results: two generated
# files of the same length, 0011 and 0012; 0012's results under 0011's key. The texts'
# hashes in the records make it a miss.
for f in 0011 0012; do
	mkdir -p "$work/one-$f"
	cp "$plain/${f}_gen.sql" "$work/one-$f/"
	"$bin" --no-config --no-color --cache-dir "$work/cache-$f" "$work/one-$f" >/dev/null 2>&1 || true
done
[ "$(wc -c <"$plain/0011_gen.sql")" -eq "$(wc -c <"$plain/0012_gen.sql")" ] || fail "0011 and 0012 should have the same length"
e11=$(find "$work/cache-0011" -type f -not -name .pruned)
e12=$(find "$work/cache-0012" -type f -not -name .pruned)
{ head -c 40 "$e11"; tail -c +41 "$e12"; } >"$work/crafted" && mv "$work/crafted" "$e11"
rc=0
"$bin" --no-config --no-color --no-cache "$work/one-0011" >"$work/ref11.out" 2>&1 || rc=$?
rc2=0
"$bin" --no-config --no-color --cache-dir "$work/cache-0011" "$work/one-0011" >"$work/crafted11.out" 2>&1 || rc2=$?
cmp -s "$work/ref11.out" "$work/crafted11.out" && [ $rc = $rc2 ] || fail "another text's results were replayed"

# Two processes filling one cache at once.
rc1=0 rc2=0
"$bin" --no-config --no-color --cache-dir "$work/shared" "$dir" "$plain" >"$work/p1.out" 2>"$work/p1.err" &
p1=$!
"$bin" --no-config --no-color --cache-dir "$work/shared" "$dir" "$plain" >"$work/p2.out" 2>"$work/p2.err" &
p2=$!
wait $p1 || rc1=$?
wait $p2 || rc2=$?
echo $rc1 >"$work/p1.rc"
echo $rc2 >"$work/p2.rc"
same "$work/p1" "first of two processes"
same "$work/p2" "second of two processes"
lint "$work/after-two" --cache-dir "$work/shared"
same "$work/after-two" "after two processes"
left=$(find "$work/shared" -name '*.tmp.*' | wc -l)
[ "$left" -eq 0 ] || fail "$left temporary files left behind"

# The size bound.
rc=0
MIGLINT_CACHE_MAX_MB=1 "$bin" --no-config --no-color --cache-dir "$work/small" "$dir" "$plain" \
	>"$work/small.out" 2>"$work/small.err" || rc=$?
echo $rc >"$work/small.rc"
same "$work/small" "a 1 MiB cache"
total=$(find "$work/small" -type f -exec cat {} + | wc -c)
big=$(find "$work/cache" -type f -exec cat {} + | wc -c)
[ "$big" -gt 1048576 ] || fail "the generated folder's entries ($big bytes) should exceed 1 MiB"
[ "$total" -le 1048576 ] || fail "the 1 MiB cache holds $total bytes"
[ "$total" -gt 0 ] || fail "the 1 MiB cache holds nothing"

# A cache directory that cannot be made.
: >"$work/blocker"
lint "$work/blocked" --cache-dir "$work/blocker/cache"
expected="miglint: warning: cache directory \"$work/blocker/cache\" cannot be used: it cannot be created; parsing without a cache"
[ "$(head -n 1 "$work/blocked.err")" = "$expected" ] || fail "unexpected warning: $(head -n 1 "$work/blocked.err")"
tail -n +2 "$work/blocked.err" >"$work/blocked.rest"
cmp -s "$work/ref.err" "$work/blocked.rest" || fail "stderr differs beyond the warning"
cmp -s "$work/ref.out" "$work/blocked.out" || fail "stdout differs with an unusable cache"
cmp -s "$work/ref.rc" "$work/blocked.rc" || fail "exit status differs with an unusable cache"
echo "parse cache: all checks passed"
