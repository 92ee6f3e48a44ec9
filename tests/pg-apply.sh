#!/bin/sh
# SPDX-License-Identifier: MIT
# pg-apply.sh: miglint --apply, --status and --dry-run against a real PostgreSQL.
#
# Each scenario runs miglint on the folders of testdata/apply (made by
# tools/make-apply-fixtures.py) against a fresh database of a throwaway server and writes a
# transcript: every command, its exact output and exit status, and the database state after
# it (the migrations table's rows, the tables with their columns, the indexes). The
# transcript must equal testdata/apply/expected/<scenario>.out; MIGLINT_ACCEPT=1 rewrites it.
# Only timings ("12 ms"), applied_at times, database names and the temporary folder's path
# are normalised.
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") src=$2
PG_HBA_EXTRA="local all pwuser scram-sha-256"
. "$(dirname "$0")/pg-harness.sh"
pg_start
data=$src/testdata/apply
expected=$data/expected
failed=0
n=0

pg_psql -d postgres -c "CREATE ROLE pwuser LOGIN PASSWORD 'right'" \
	-c "CREATE ROLE weak LOGIN"

# begin NAME: a new scenario with its own database, "db".
begin() {
	scenario=$1
	n=$((n + 1))
	db=apply$n
	pg_psql -d postgres -c "CREATE DATABASE $db" >/dev/null
	out=$work/$scenario.out
	: >"$out"
}

# run ARGS...: runs miglint from testdata/apply and records the command, output and status.
run() {
	echo "\$ miglint $*" >>"$out"
	set +e
	(cd "$data" && "$bin" --no-color "$@") >"$work/stdout" 2>"$work/stderr"
	rc=$?
	set -e
	cat "$work/stdout" "$work/stderr" >>"$out"
	echo "[exit $rc]" >>"$out"
}

# apply ARGS... / status ARGS...: --apply / --status on the scenario's database.
apply() { run --apply --database-url "$(pg_url "$db")" "$@"; }
status() { run --status --database-url "$(pg_url "$db")" "$@"; }

# state: the database as a user would check it.
state() {
	{
		echo "-- state of $scenario"
		pg_psql -d "$db" -At -F ' ' -c "
			SELECT 'schema ' || nspname FROM pg_namespace
			WHERE nspname NOT LIKE 'pg\_%' AND nspname NOT IN ('information_schema', 'public')
			ORDER BY 1" \
			-c "SELECT 'table ' || table_schema || '.' || table_name || '(' ||
				string_agg(column_name, ', ' ORDER BY ordinal_position) || ')'
			FROM information_schema.columns
			WHERE table_schema NOT IN ('pg_catalog', 'information_schema')
			GROUP BY table_schema, table_name ORDER BY 1" \
			-c "SELECT 'index ' || indexname FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1"
		if [ -n "$(pg_psql -d "$db" -At -c "SELECT to_regclass('drizzle.__drizzle_migrations')")" ]; then
			if [ -n "$(pg_psql -d "$db" -At -c "SELECT 1 FROM information_schema.columns WHERE
					table_schema = 'drizzle' AND column_name = 'name'")" ]; then
				pg_psql -d "$db" -At -F ' ' -c "SELECT 'row', id, hash, created_at, name,
					CASE WHEN applied_at IS NULL THEN 'applied_at=NULL' ELSE 'applied_at=set' END
					FROM drizzle.__drizzle_migrations ORDER BY id"
			else
				pg_psql -d "$db" -At -F ' ' -c "SELECT 'row', id, hash, created_at
					FROM drizzle.__drizzle_migrations ORDER BY id"
			fi
		fi
	} >>"$out"
}

# wait_for QUERY: waits (up to 20 s) until QUERY on the scenario's database returns a row.
wait_for() {
	tries=0
	until [ -n "$(pg_psql -d "$db" -At -c "$1")" ]; do
		tries=$((tries + 1))
		if [ "$tries" -gt 200 ]; then
			echo "FAIL $scenario: timed out waiting for: $1"
			exit 1
		fi
		sleep 0.1
	done
}

# apply_in_background ARGS...: --apply in the background; wait_background collects it.
apply_in_background() {
	echo "\$ miglint --apply $* (in the background)" >>"$out"
	rm -f "$work"/bg.*
	(
		rc=0
		cd "$data"
		"$bin" --no-color --apply --database-url "$(pg_url "$db")" "$@" \
			>"$work/bg.out" 2>"$work/bg.err" || rc=$?
		echo "$rc" >"$work/bg.rc"
	) &
	background=$!
}
# wait_for_migration_to_sleep: until the background miglint runs 0002_wait's pg_sleep.
wait_for_migration_to_sleep() {
	wait_for "SELECT 1 FROM pg_stat_activity WHERE application_name = 'miglint'
		AND query LIKE '%pg_sleep%'"
}
wait_background() {
	wait "$background" || true
	cat "$work/bg.out" "$work/bg.err" >>"$out"
	echo "[exit $(cat "$work/bg.rc")]" >>"$out"
}

# copy NAME: a writable copy of testdata/apply/NAME in the temporary folder; prints its path.
copy() {
	rm -rf "${work:?}/$1"
	cp -r "$data/$1" "$work/$1"
	echo "$work/$1"
}

# finish: compares the transcript with the expected one.
finish() {
	sed -e "s|$work|<tmp>|g" -e 's/([0-9]* ms)/(N ms)/g' \
		-e 's/applied [0-9-]* [0-9:]* UTC/applied <time>/' -e 's/apply[0-9][0-9]*/<db>/g' \
		"$out" >"$out.norm"
	if [ "${MIGLINT_ACCEPT:-}" = 1 ]; then
		mkdir -p "$expected"
		cp "$out.norm" "$expected/$scenario.out"
		echo "accepted $scenario"
	elif ! [ -f "$expected/$scenario.out" ]; then
		echo "FAIL $scenario: no expected transcript (run with MIGLINT_ACCEPT=1 and review it)"
		failed=1
	elif ! cmp -s "$out.norm" "$expected/$scenario.out"; then
		echo "FAIL $scenario:"
		diff -u "$expected/$scenario.out" "$out.norm" | head -n 60
		failed=1
	else
		echo "ok   $scenario"
	fi
}

begin v0-fresh-then-again
apply v0-healthy
state
apply v0-healthy
state
status v0-healthy
finish

begin v0-partial-then-complete
apply v0-first-two
state
apply v0-healthy
state
finish

begin v0-dry-run-changes-nothing
apply --dry-run v0-healthy
state
apply v0-first-two
apply --dry-run v0-healthy
state
finish

begin v0-failure-rolls-back-everything
apply v0-fail
state
apply v0-first-two
apply v0-fail
state
finish

begin v0-skipped-by-when-refused
apply v0-healthy
dir=$(copy v0-healthy)
cp "$data/v0-fail/0004_add_users_age.sql" "$dir/0003_add_users_age.sql"
python3 - "$dir/meta/_journal.json" <<'EOF'
import json, sys
j = json.load(open(sys.argv[1]))
j["entries"].append({"idx": 3, "version": "7", "when": j["entries"][1]["when"] + 1,
                     "tag": "0003_add_users_age", "breakpoints": True})
open(sys.argv[1], "w").write(json.dumps(j, indent=2))
EOF
apply "$dir"
apply --force "$dir"
status "$dir"
state
finish

begin v0-modified-file-refused
apply v0-first-two
dir=$(copy v0-healthy)
printf '\n-- edited after it was applied\n' >>"$dir/0001_add_posts.sql"
apply "$dir"
state
status "$dir"
apply --allow-modified "$dir"
state
finish

begin v0-null-created-at-refused
apply v0-first-two
pg_psql -d "$db" -c "INSERT INTO drizzle.__drizzle_migrations (hash, created_at)
	VALUES ('4f1c0e77', NULL)"
apply v0-healthy
state
finish

begin v0-deleted-migration-refused
apply v0-healthy
dir=$(copy v0-healthy)
python3 - "$dir/meta/_journal.json" <<'EOF'
import json, sys
j = json.load(open(sys.argv[1]))
del j["entries"][1]
open(sys.argv[1], "w").write(json.dumps(j, indent=2))
EOF
rm "$dir/0001_add_posts.sql"
apply --force "$dir"
state
finish

begin v0-not-in-a-transaction-refused
apply v0-concurrently
apply --force v0-concurrently
state
finish

begin v0-commit-inside-refused
apply --force v0-commit-inside
state
finish

begin v0-backend-terminated-mid-apply
apply_in_background v0-sleep-in-the-middle
wait_for_migration_to_sleep
pg_psql -d postgres -At -c "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
	WHERE application_name = 'miglint'" >>"$out"
wait_background
state
finish

begin v0-server-stopped-mid-apply
apply_in_background v0-sleep-in-the-middle
wait_for_migration_to_sleep
as_pg "$pgbin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null
wait_background
pg_ctl_start "$work/data"
state
finish

begin v0-lock-timeout
apply v0-healthy
# Another session holds an ACCESS EXCLUSIVE lock on "users" while the migration needs one.
pg_psql -d "$db" -c "BEGIN" -c "LOCK TABLE users" -c "SELECT pg_sleep(30)" >/dev/null 2>&1 &
holder=$!
wait_for "SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
	WHERE c.relname = 'users' AND l.mode = 'AccessExclusiveLock'"
apply --lock-timeout=200ms v0-lock
pg_psql -d postgres -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
	WHERE datname = '$db' AND query LIKE '%pg_sleep%'" >/dev/null
wait "$holder" || true
state
apply --lock-timeout=nonsense v0-lock
state
finish

begin v0-two-appliers-at-once
url=$(pg_url "$db")
(cd "$data" && "$bin" --no-color -q --apply --database-url "$url" v0-slow >"$work/a.out" 2>"$work/a.err"; echo "$?" >"$work/a.rc") &
(cd "$data" && "$bin" --no-color -q --apply --database-url "$url" v0-slow >"$work/b.out" 2>"$work/b.err"; echo "$?" >"$work/b.rc") &
wait
{
	echo "exit statuses: $(cat "$work/a.rc") $(cat "$work/b.rc")"
	echo "summaries, sorted:"
	cat "$work/a.out" "$work/b.out" | sed 's/([0-9]* ms)/(N ms)/' | sort
} >>"$out"
state
finish

begin v0-quoted-table-names
run --apply --database-url "$(pg_url "$db")" --migrations-schema 'Ops; DROP TABLE x' \
	--migrations-table 'mig "log"' -q v0-healthy
pg_psql -d "$db" -At -F ' ' -c "SELECT 'row', id, created_at FROM \"Ops; DROP TABLE x\".\"mig \"\"log\"\"\" ORDER BY id" >>"$out"
status --migrations-schema 'Ops; DROP TABLE x' \
	--migrations-table 'mig "log"' v0-healthy
state
finish

begin v1-fresh-then-again
apply v1-healthy
state
apply v1-healthy
status v1-healthy
finish

begin v1-partial-then-complete
apply v1-first-two
apply v1-healthy
state
finish

begin v1-renamed-folder-refused
apply v1-healthy
dir=$(copy v1-healthy)
mv "$dir/20261125083425_add_users_bio" "$dir/20261125083425_add_user_bio"
apply "$dir"
status "$dir"
# The hint's UPDATE, run as printed, makes both agree again.
(cd "$data" && "$bin" --apply --database-url "$(pg_url "$db")" "$dir" 2>&1 || true) |
	sed -n 's/^miglint: hint: \(UPDATE .*\)$/\1/p' | pg_psql -d "$db"
apply "$dir"
state
finish

begin v1-upgrade-of-a-v0-table
apply v0-healthy
status v1-healthy
apply --dry-run v1-healthy
apply v1-healthy
state
finish

begin v1-upgrade-same-second-refused
apply v0-same-second
apply v1-same-second
state
# The repair miglint prints, run as printed: then both drizzle-orm 1.0 and miglint agree.
(cd "$data" && "$bin" --apply --database-url "$(pg_url "$db")" v1-same-second 2>&1 || true) |
	sed -n '/^    BEGIN;$/,/^    COMMIT;$/p' | pg_psql -d "$db"
apply v1-same-second
state
finish

begin connection-and-permission-errors
run --apply --database-url "postgresql:///$db?host=$work/nowhere" v0-healthy
run --apply --database-url "$(pg_url nosuchdb)" v0-healthy
run --apply --database-url "postgresql://pwuser:wrong@/$db?host=$work" v0-healthy
run --apply --database-url "$(pg_url "$db" weak)" v0-healthy
pg_psql -d postgres -c "ALTER DATABASE $db SET default_transaction_read_only = on"
apply v0-healthy
state
# A server in recovery: a second cluster started as a standby with no primary.
as_pg "$pgbin/initdb" -D "$work/standby" -A trust -U postgres >/dev/null 2>&1
as_pg touch "$work/standby/standby.signal"
pg_ctl_start "$work/standby" "-p 5499"
run --apply --database-url "postgresql:///postgres?host=$work&port=5499&user=postgres" v0-healthy
as_pg "$pgbin/pg_ctl" -D "$work/standby" -m immediate stop >/dev/null
finish

exit $failed
