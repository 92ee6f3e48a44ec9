# SPDX-License-Identifier: MIT
# pg-harness.sh: a throwaway PostgreSQL server for the tests that need a real one; sourced.
#
#   pg_start          initdb + pg_ctl in a new temporary folder ($work), listening only on a
#                     unix socket in it, as user postgres when the test runs as root; the
#                     server stops and the folder goes when the script exits. Exits 77
#                     (meson's "skipped") when there are no server binaries.
#   pg_ctl_start DIR [OPTIONS]  starts (again) the cluster in DIR on the socket folder $work,
#                     with extra server OPTIONS (e.g. "-p 5499")
#   pg_psql ARGS...   psql as the superuser postgres, quiet, stopping at the first error
#   pg_url DB [USER]  a libpq URI for database DB on that socket
#   as_pg CMD...      runs CMD as the server's owner
# Set PG_HBA_EXTRA to lines put in front of pg_hba.conf before the server starts.
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
as_pg() {
	if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
pg_cleanup() {
	for d in "$work"/data "$work"/standby; do
		[ -d "$d" ] && as_pg "$pgbin/pg_ctl" -D "$d" -m immediate stop >/dev/null 2>&1 || true
	done
	rm -rf "$work"
}
pg_start() {
	if [ -z "$pgbin" ] || ! [ -x "$pgbin/initdb" ]; then
		echo "skipped: no PostgreSQL server binaries (apt-get install postgresql)"
		exit 77
	fi
	work=$(mktemp -d /tmp/miglint-pg.XXXXXX)
	chmod 755 "$work"
	[ "$(id -u)" -eq 0 ] && chown postgres "$work"
	trap pg_cleanup EXIT
	as_pg "$pgbin/initdb" -D "$work/data" -A trust -U postgres >"$work/initdb.log" 2>&1
	if [ -n "${PG_HBA_EXTRA:-}" ]; then
		printf '%s\n' "$PG_HBA_EXTRA" | cat - "$work/data/pg_hba.conf" >"$work/hba.new"
		chmod 644 "$work/hba.new"
		as_pg cp "$work/hba.new" "$work/data/pg_hba.conf"
	fi
	pg_ctl_start "$work/data"
}
pg_ctl_start() {
	as_pg "$pgbin/pg_ctl" -D "$1" -l "$1.log" -w \
		-o "-k $work -c listen_addresses= -c fsync=off ${2:-}" start >/dev/null
}
pg_psql() { as_pg "$pgbin/psql" -h "$work" -U postgres -X -q -v ON_ERROR_STOP=1 "$@"; }
pg_url() { echo "postgresql:///$1?host=$work&user=${2:-postgres}"; }
