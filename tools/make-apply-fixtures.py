#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# make-apply-fixtures.py: writes the Drizzle folders that tests/pg-apply.sh applies, under
# testdata/apply/<case>/. They grow from the healthy folder of make-folder-fixtures.py: the
# same three migrations in drizzle-kit 0.31's layout (v0-*) and as drizzle-kit up would move
# them into 1.0 folders (v1-*, same bytes, folders named after each entry's "when" second).
# The output is committed; rerun this after changing a case.
import datetime, importlib.util, json, os, shutil

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "testdata", "apply")
spec = importlib.util.spec_from_file_location("folders", os.path.join(HERE, "make-folder-fixtures.py"))
folders = importlib.util.module_from_spec(spec)
spec.loader.exec_module(folders)


def write(case, files):
    d = os.path.join(ROOT, case)
    shutil.rmtree(d, ignore_errors=True)
    for path, content in files.items():
        p = os.path.join(d, path)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as f:
            if isinstance(content, bytes):
                f.write(content)
            elif isinstance(content, str):
                f.write(content.encode())
            else:
                f.write(json.dumps(content, indent=2).encode())


def v0(extra=(), keep=3, whens=None):
    """The healthy folder, its first 'keep' migrations, then 'extra' (tag, sql) migrations."""
    files = folders.base()
    journal = files["meta/_journal.json"]
    tags = [e["tag"] for e in journal["entries"]]
    for i, tag in enumerate(tags[keep:], keep):
        del files[f"{tag}.sql"], files[f"meta/{i:04d}_snapshot.json"]
    del journal["entries"][keep:]
    last = files[f"meta/{keep - 1:04d}_snapshot.json"]
    for n, (tag, sql) in enumerate(extra):
        i = keep + n
        files[f"{tag}.sql"] = sql
        snap = dict(last, id=folders.IDS[i], prevId=folders.IDS[i - 1])
        files[f"meta/{i:04d}_snapshot.json"] = snap
        journal["entries"].append({"idx": i, "version": "7", "when": folders.WHEN[i], "tag": tag,
                                   "breakpoints": True})
    for e, w in zip(journal["entries"], whens or []):
        e["when"] = w
    return files


def up(files, seconds=None):
    """What drizzle-kit up makes of a 0.x folder: <UTC second of when>_<name>/migration.sql."""
    out = {}
    entries = files["meta/_journal.json"]["entries"]
    for i, e in enumerate(entries):
        sec = seconds[i] if seconds else e["when"] // 1000
        stamp = datetime.datetime.fromtimestamp(sec, datetime.timezone.utc).strftime("%Y%m%d%H%M%S")
        name = stamp + "_" + e["tag"].split("_", 1)[1]
        out[f"{name}/migration.sql"] = files[e["tag"] + ".sql"]
        out[f"{name}/snapshot.json"] = {
            "version": "9", "dialect": "postgres", "id": folders.IDS[i],
            "prevIds": [folders.IDS[i - 1] if i else folders.ORIGIN],
            "type": "diff" if i else "base"}
    return out


FAILING = ('-- the cast fails at run time; the linter cannot know\n'
           'UPDATE "users" SET "email" = \'x\'\n'
           'WHERE "id" = \'abc\'::integer;')


def main():
    write("v0-healthy", v0())
    write("v0-first-two", v0(keep=2))
    # Five migrations; the third fails.
    write("v0-fail", v0([("0002_backfill_email", FAILING),
                         ("0003_add_users_bio", 'ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "bio" text;'),
                         ("0004_add_users_age", 'ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "age" integer;')],
                        keep=2))
    # The third of four sleeps: time to stop the server or end the backend mid-apply.
    write("v0-sleep-in-the-middle", v0([("0002_wait", 'SELECT pg_sleep(30);'),
                                        ("0003_add_users_age", 'ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "age" integer;')],
                                       keep=2))
    write("v0-commit-inside", v0([("0003_lower_emails", 'UPDATE "users" SET "email" = lower("email");\nCOMMIT;')]))
    write("v0-concurrently", v0([("0003_title_idx",
                                  'CREATE INDEX CONCURRENTLY IF NOT EXISTS "posts_title_idx" ON "posts" ("title");')]))
    write("v0-slow", v0([("0003_slow", 'SELECT pg_sleep(1);')]))
    write("v0-lock", v0([("0003_add_users_age", 'ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "age" integer;')]))
    write("v1-healthy", up(v0()))
    write("v1-first-two", up(v0(keep=2)))
    # Entries 1 and 2 applied within one second; drizzle-kit up then wanted entry 2's "when"
    # a second later, so its folder is in the next second and entry 1's second holds only one.
    w = folders.WHEN
    trap = v0(whens=[w[0], w[1] + 100, w[1] + 900])
    write("v0-same-second", trap)
    write("v1-same-second", up(trap, [w[0] // 1000, w[1] // 1000, w[1] // 1000 + 1]))


def cli_case(case, files, args):
    """A bad-input case of the CLI golden runner: testdata/cli/<case>/{args,drizzle/}."""
    d = os.path.join(HERE, "..", "testdata", "cli", case)
    shutil.rmtree(os.path.join(d, "drizzle"), ignore_errors=True)
    global ROOT
    saved, ROOT = ROOT, d
    write("drizzle", files)
    ROOT = saved
    with open(os.path.join(d, "args"), "w") as f:
        f.write("\n".join(["--no-color"] + args + ["drizzle"]) + "\n")


def cli_cases():
    never = ["--apply", "--database-url", "postgresql://nobody@127.0.0.1:1/never"]
    missing = v0()
    del missing["0001_add_posts.sql"]
    cli_case("apply-missing-file", missing, never)
    bom = v0()
    bom["0000_init.sql"] = b"\xef\xbb\xbf" + bom["0000_init.sql"].encode()
    cli_case("apply-byte-order-mark", bom, never)
    when = v0()
    when["meta/_journal.json"]["entries"][2]["when"] = "yesterday"
    cli_case("apply-when-not-a-number", when, never)
    outside = v0()
    outside["meta/_journal.json"]["entries"][2]["tag"] = "../0002_add_users_bio"
    cli_case("apply-tag-outside-folder", outside, never)
    seed = up(v0())
    seed["seed_data/migration.sql"] = "SELECT 1;"
    cli_case("apply-v1-name-not-a-time", seed, never)
    leftover = up(v0())
    leftover["meta/_journal.json"] = v0()["meta/_journal.json"]
    cli_case("apply-v1-leftover-journal", leftover, never)
    plain = {"001_init.sql": "CREATE TABLE IF NOT EXISTS t (id int);\n"}
    cli_case("apply-plain-folder", plain, never)
    cli_case("apply-unreachable-server", v0(), never)
    cli_case("apply-without-database", v0(), ["--apply"])
    cli_case("apply-dry-run-without-apply", v0(), ["--dry-run"])
    cli_case("apply-force-without-apply", v0(), ["--force"])
    cli_case("apply-with-fix", v0(), ["--apply", "--fix"])
    cli_case("apply-table-name-too-long", v0(), never + ["--migrations-table", "m" * 64])
    cli_case("status-with-force", v0(), ["--status", "--force"])
    cli_case("status-unreachable-server", v0(),
             ["--status", "--database-url", "postgresql://nobody@127.0.0.1:1/never"])


if __name__ == "__main__":
    main()
    cli_cases()
