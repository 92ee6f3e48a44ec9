#!/bin/sh
# pg-fix-twice.sh: proves --fix on a real PostgreSQL. Every fixed file of testdata/fix (those
# PostgreSQL can parse, but the left-alone-* ones), examples/drizzle, and the drizzle-kit
# folders healthy-evolving and multi-schema-enums of ../shared/corpora after `--fix --all`,
# are applied twice to a fresh database of a throwaway server: both runs must succeed, the
# schema after the second run must equal the schema after the first (pg_dump
# --schema-only), and that must be the schema the unfixed original builds. The server runs from a temporary
# folder on a unix socket, as user postgres when the test runs as root, and is stopped after.
set -eu
bin=$1 src=$2
. "$(dirname "$0")/pg-harness.sh"
pg_start
# pg_dump's \restrict / \unrestrict lines carry a random key: not part of the schema.
dump() {
	as_pg "$pgbin/pg_dump" -h "$work" -U postgres --schema-only "$1" | grep -v '^\\\(un\)\{0,1\}restrict '
}
n=0
# apply_twice NAME FILE...: applies the files in order, twice, and compares the schemas.
apply_twice() {
	label=$1
	shift
	n=$((n + 1))
	db=fix$n
	pg_psql -d postgres -c "CREATE DATABASE $db" >/dev/null
	for run in 1 2; do
		for f in "$@"; do
			if ! pg_psql -d "$db" -f "$f" >"$work/psql.out" 2>&1; then
				echo "FAIL $label: run $run of $(basename "$f"):"
				cat "$work/psql.out"
				exit 1
			fi
		done
		dump "$db" >"$work/schema$run.sql"
	done
	if ! cmp -s "$work/schema1.sql" "$work/schema2.sql"; then
		echo "FAIL $label: the schema after the second run differs:"
		diff "$work/schema1.sql" "$work/schema2.sql" | head -n 40
		exit 1
	fi
	echo "ok   $label: applied twice, same schema"
}
# same_as_original NAME ORIGINAL: the fixed file's first run left the schema the original
# leaves on a fresh database (a fix must not change what a migration does).
same_as_original() {
	label=$1
	shift
	n=$((n + 1))
	db=orig$n
	pg_psql -d postgres -c "CREATE DATABASE $db" >/dev/null
	for f in "$@"; do
		if ! pg_psql -d "$db" -f "$f" >"$work/psql.out" 2>&1; then
			echo "FAIL $label: the original $(basename "$f") does not apply:"
			cat "$work/psql.out"
			exit 1
		fi
	done
	dump "$db" >"$work/original.sql"
	if ! cmp -s "$work/original.sql" "$work/schema1.sql"; then
		echo "FAIL $label: the fixed files build another schema than the originals:"
		diff "$work/original.sql" "$work/schema1.sql" | head -n 40
		exit 1
	fi
	echo "ok   $label: same schema as the original"
}
for fixed in "$src"/testdata/fix/*.fixed; do
	case=${fixed%.fixed}
	name=$(basename "$case")
	# left-alone-* cases hold what --fix must not touch: they are not idempotent.
	case $name in left-alone-*) continue ;; esac
	if grep -q '\[syntax-error\]' "$case.after"; then
		continue
	fi
	cp "$fixed" "$work/$name.sql"
	cp "$case.sql" "$work/$name.orig.sql"
	chmod 644 "$work/$name.sql" "$work/$name.orig.sql"
	apply_twice "testdata/fix/$name" "$work/$name.sql"
	same_as_original "testdata/fix/$name" "$work/$name.orig.sql"
done
shared=$src/../shared/corpora/drizzle-kit
for folder in "$src/examples/drizzle" "$shared/healthy-evolving" "$shared/multi-schema-enums"; do
	name=$(basename "$folder")
	if ! [ -d "$folder" ]; then
		echo "note: $folder not found (only a developer checkout has ../shared); not applied"
		continue
	fi
	rm -rf "${work:?}/$name" "${work:?}/$name.orig"
	cp -r "$folder" "$work/$name"
	cp -r "$folder" "$work/$name.orig"
	chmod -R u+w,a+rX "$work/$name" "$work/$name.orig"
	"$bin" --no-config --fix --all "$work/$name" >/dev/null 2>&1 || true
	# drizzle-orm runs the journal's entries in order; their tags sort the same way here.
	apply_twice "$name (after --fix --all)" $(ls "$work/$name"/*.sql | sort)
	same_as_original "$name (after --fix --all)" $(ls "$work/$name.orig"/*.sql | sort)
done
