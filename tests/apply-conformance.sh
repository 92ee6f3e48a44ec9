#!/bin/sh
# SPDX-License-Identifier: MIT
# apply-conformance.sh: miglint --apply leaves a database exactly as drizzle-orm's migrator
# does. The oracle of ../shared/oracle (drizzle-orm 0.45.4, and 1.0.0-rc.5 for 1.0 folders)
# and miglint apply the same folders into fresh databases of a throwaway server, and the
# oracle's --dump-only of both (the migrations table's rows and the whole schema from
# pg_catalog) must be the same. Then half a folder is applied by one and the rest by the other,
# both ways, and compared with the oracle's full apply; and a 0.x database is carried over to
# a 1.0 folder (drizzle-kit up) by each of them. Last, every real folder of
# ../shared/corpora/real is applied by both to an empty database (where drizzle-orm fails,
# miglint must fail the same way and leave the same state).
#
# Where drizzle silently goes wrong (a migration it skips, a 0.x table it names wrongly),
# miglint refuses by design: such a case is listed as "refused" with miglint's reason, and is
# not a failure. Needs ../shared (a developer checkout), node and npm (the oracle's packages
# are installed once into the build folder with npm ci); skips, saying why, without them.
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") src=$2 build=$3
shared=$src/../shared
if ! [ -d "$shared/oracle" ] || ! [ -d "$shared/corpora/drizzle-kit" ]; then
	echo "skipped: $shared/oracle not found (only a developer checkout has ../shared)"
	exit 77
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
	echo "skipped: node and npm are needed to run drizzle-orm's migrator"
	exit 77
fi
oracle=$build/oracle
if ! [ -f "$oracle/.installed" ] || ! cmp -s "$shared/oracle/package-lock.json" "$oracle/package-lock.json"; then
	rm -rf "$oracle"
	cp -r "$shared/oracle" "$oracle"
	if ! (cd "$oracle" && npm ci --silent && cd v1 && npm ci --silent) >"$build/oracle-npm.log" 2>&1; then
		echo "skipped: npm ci of the oracle failed (see $build/oracle-npm.log)"
		rm -rf "$oracle"
		exit 77
	fi
	touch "$oracle/.installed"
fi
. "$(dirname "$0")/pg-harness.sh"
pg_start
failed=0 same=0 refused=0 n=0

# newdb: a fresh database; its URL in $url.
newdb() {
	n=$((n + 1))
	pg_psql -d postgres -c "CREATE DATABASE conf$n" >/dev/null
	url=$(pg_url "conf$n")
}

# oracle V FOLDER URL [--dump-only]: drizzle-orm's migrate() (V = v0 or v1), from the
# folder's parent so that messages hold the relative path.
oracle() {
	script=drizzle-apply.mjs
	[ "$1" = v1 ] && script=drizzle-apply-v1.mjs
	(cd "$(dirname "$2")" && node "$oracle/$script" "./$(basename "$2")" "$3" ${4:-}) 2>/dev/null || true
}

# miglint FOLDER URL: --apply, lint gate off (the lint findings are the linter's business,
# the state is this test's); its stderr is kept for the refusal reason.
miglint_apply() {
	"$bin" --apply --force -q --no-config --database-url "$2" "$1" >/dev/null 2>"$work/miglint.err" || true
}

# compare LABEL V FOLDER URL_A URL_B: the oracle's dump of both databases must be equal.
compare() {
	oracle "$2" "$3" "$4" --dump-only >"$work/a.json"
	oracle "$2" "$3" "$5" --dump-only >"$work/b.json"
	compare_dumps "$1"
}

# compare_dumps LABEL: $work/a.json and $work/b.json must be equal (but for "migrate").
compare_dumps() {
	if python3 - "$work/a.json" "$work/b.json" <<'EOF'; then
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for d in (a, b):
    d.pop("migrate", None)
if a != b:
    for k in sorted(set(a) | set(b)):
        if a.get(k) != b.get(k):
            print("  differs in", k, ":", json.dumps(a.get(k))[:300], "vs", json.dumps(b.get(k))[:300])
    sys.exit(1)
EOF
		same=$((same + 1))
		echo "same     $1"
	else
		failed=1
		echo "DIFF     $1"
	fi
}

# The cases where drizzle is silently wrong and miglint refuses by design, with the reason
# miglint must give: a migration drizzle 0.x skips; a 0.x table drizzle 1.0 names after the
# wrong folders (drizzle-v1-semantics.md (i) 2); a COMMIT inside a migration, which makes
# drizzle commit the run half-way (these two real folders then fail later, half applied).
expected_refusals='broken-when-backwards: half by drizzle, rest by miglint|would be skipped
healthy-evolving -> upgraded-from-v0 (miglint both)|would name row
healthy-evolving -> upgraded-from-v0 (drizzle 0.x, then miglint)|would name row
real/buster-so__buster (drizzle-orm'"'"'s migrate() fails on an empty database)|cannot end the migration transaction
real/giselles-ai__giselle (drizzle-orm'"'"'s migrate() fails on an empty database)|cannot end the migration transaction'

# refused LABEL: true (and listed) when miglint refused this case; a refusal that is not
# expected, or not for the expected reason, fails the test.
refused() {
	want=$(printf '%s\n' "$expected_refusals" | awk -F'|' -v l="$1" '$1 == l { print $2 }')
	if [ -z "$want" ]; then
		return 1 # not expected: compare states (a wrong refusal shows as a difference)
	fi
	reason=$(grep -m1 -F -- "$want" "$work/miglint.err" || true)
	if [ -n "$reason" ]; then
		refused=$((refused + 1))
		echo "refused  $1: ${reason#*error: }"
	else
		failed=1
		echo "DIFF     $1: miglint was expected to refuse ($want), but did not"
	fi
	return 0
}

# half V FOLDER: a copy holding the first half of the migrations; prints its path.
half() {
	h=$work/half/$(basename "$2")
	rm -rf "$h"
	mkdir -p "$work/half"
	cp -r "$2" "$h"
	if [ "$1" = v0 ]; then
		python3 - "$h" <<'EOF'
import json, os, sys
p = os.path.join(sys.argv[1], "meta", "_journal.json")
j = json.load(open(p))
for e in j["entries"][(len(j["entries"]) + 1) // 2:]:
    f = os.path.join(sys.argv[1], e["tag"] + ".sql")
    if os.path.exists(f):
        os.remove(f)
j["entries"] = j["entries"][:(len(j["entries"]) + 1) // 2]
open(p, "w").write(json.dumps(j, indent=2))
EOF
	else
		for s in $(ls "$h" | LC_ALL=C sort); do
			[ -f "$h/$s/migration.sql" ] && echo "$s"
		done >"$work/subs"
		total=$(wc -l <"$work/subs")
		tail -n +"$(((total + 1) / 2 + 1))" "$work/subs" | while read -r s; do rm -rf "${h:?}/$s"; done
	fi
	echo "$h"
}

# conform V FOLDER: full apply by each, then half-and-half both ways.
conform() {
	v=$1 f=$2 label=$(basename "$2")
	newdb; full=$url
	oracle "$v" "$f" "$full" >/dev/null
	newdb; mine=$url
	miglint_apply "$f" "$mine"
	refused "$label" || compare "$label" "$v" "$f" "$full" "$mine"
	# Two runs: the reference is drizzle's own two runs (1.0 rows then carry two times).
	h=$(half "$v" "$f")
	newdb; twice=$url
	oracle "$v" "$h" "$twice" >/dev/null
	oracle "$v" "$f" "$twice" >/dev/null
	newdb; mixed=$url
	oracle "$v" "$h" "$mixed" >/dev/null
	miglint_apply "$f" "$mixed"
	refused "$label: half by drizzle, rest by miglint" ||
		compare "$label: half by drizzle, rest by miglint" "$v" "$f" "$twice" "$mixed"
	newdb; mixed=$url
	miglint_apply "$h" "$mixed"
	oracle "$v" "$f" "$mixed" >/dev/null
	compare "$label: half by miglint, rest by drizzle" "$v" "$f" "$twice" "$mixed"
}

for f in "$shared"/corpora/drizzle-kit/*/ "$src/testdata/apply/v0-healthy/"; do
	[ -f "$f/meta/_journal.json" ] && conform v0 "${f%/}"
done
for f in "$shared"/corpora/drizzle-kit-v1/*/ "$src/testdata/apply/v1-healthy/"; do
	case $(basename "$f") in _*) continue ;; esac
	conform v1 "${f%/}"
done

# A 0.x database carried over to the 1.0 folder drizzle-kit up made of it, each way round.
upgrade() {
	v0=$1 v1=$2 label="$(basename "$1") -> $(basename "$2")"
	newdb; ref=$url
	oracle v0 "$v0" "$ref" >/dev/null
	oracle v1 "$v1" "$ref" >/dev/null
	newdb; mine=$url
	miglint_apply "$v0" "$mine"
	miglint_apply "$v1" "$mine"
	refused "$label (miglint both)" || compare "$label (miglint both)" v1 "$v1" "$ref" "$mine"
	newdb; mixed=$url
	oracle v0 "$v0" "$mixed" >/dev/null
	miglint_apply "$v1" "$mixed"
	refused "$label (drizzle 0.x, then miglint)" ||
		compare "$label (drizzle 0.x, then miglint)" v1 "$v1" "$ref" "$mixed"
	newdb; mixed=$url
	miglint_apply "$v0" "$mixed"
	oracle v1 "$v1" "$mixed" >/dev/null
	compare "$label (miglint, then drizzle 1.0)" v1 "$v1" "$ref" "$mixed"
}
upgrade "$shared/corpora/drizzle-kit-v1/_v0-sources/healthy-spaced" "$shared/corpora/drizzle-kit-v1/upgraded-from-v0-spaced"
upgrade "$shared/corpora/drizzle-kit/healthy-evolving" "$shared/corpora/drizzle-kit-v1/upgraded-from-v0"
upgrade "$src/testdata/apply/v0-healthy" "$src/testdata/apply/v1-healthy"

# drop_new_roles: roles are global to the server, so a folder that creates one could not
# run twice in it; each run's database is dumped, dropped, and its new roles with it.
roles() { pg_psql -d postgres -At -c "SELECT rolname FROM pg_roles ORDER BY 1"; }
drop_new_roles() {
	pg_psql -d postgres -c "DROP DATABASE conf$n" >/dev/null
	roles | comm -13 "$work/roles" - | while read -r r; do
		pg_psql -d postgres -c "DROP ROLE \"$r\"" >/dev/null
	done
}

# Real folders: those drizzle-orm applies cleanly on an empty database.
roles >"$work/roles"
for f in "$shared"/corpora/real/*/; do
	f=${f%/}
	[ -f "$f/meta/_journal.json" ] || continue
	newdb
	ok=$(oracle v0 "$f" "$url" | grep -c '"ok": true' || true)
	oracle v0 "$f" "$url" --dump-only >"$work/a.json"
	drop_new_roles
	label=real/$(basename "$f")
	[ "$ok" = 0 ] && label="$label (drizzle-orm's migrate() fails on an empty database)"
	newdb
	miglint_apply "$f" "$url"
	oracle v0 "$f" "$url" --dump-only >"$work/b.json"
	drop_new_roles
	refused "$label" || compare_dumps "$label"
done
echo "$same same, $refused refused by design, failed=$failed"
exit $failed
