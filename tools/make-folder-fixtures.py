#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# make-folder-fixtures.py: writes the folder cases of the journal and snapshot rules under
# testdata/rules/<rule>/{bad,good}-<what>/. Each case is a small Drizzle folder in
# drizzle-kit 0.31's exact layout (or drizzle-kit 1.0's), derived from one healthy base by
# one edit, so that a case shows one defect. The output is committed; rerun this after
# changing a case, then MIGLINT_ACCEPT=1 meson test -C build --suite golden, and review.
import json, os, shutil, sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "testdata", "rules")
ORIGIN = "00000000-0000-0000-0000-000000000000"
IDS = ["2c1f8a52-6a6b-4c8e-9d7e-0b5b1d1e0a01", "7d3e4c1b-2f0a-4b9e-8c6d-1a2b3c4d5e02",
       "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c03", "4f5e6d7c-8b9a-4c0d-9e1f-2a3b4c5d6e04",
       "b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d05"]
WHEN = [1795595663050, 1795595664050, 1795595665050, 1795595666050, 1795595667050]

SQL = {
    "0000_init": 'CREATE TABLE IF NOT EXISTS "users" (\n\t"id" serial PRIMARY KEY NOT NULL,\n'
                 '\t"email" varchar(255) NOT NULL\n);\n',
    "0001_add_posts": 'CREATE TABLE IF NOT EXISTS "posts" (\n\t"id" serial PRIMARY KEY NOT NULL,\n'
                      '\t"author_id" integer NOT NULL,\n\t"title" text NOT NULL\n);\n'
                      '--> statement-breakpoint\n'
                      'CREATE INDEX IF NOT EXISTS "posts_author_id_idx" ON "posts" USING btree ("author_id");',
    "0002_add_users_bio": 'ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "bio" text;',
}

def col(name, typ, pk=False, nn=False):
    return {"name": name, "type": typ, "primaryKey": pk, "notNull": nn}

USERS0 = {"id": col("id", "serial", True, True), "email": col("email", "varchar(255)", False, True)}
POSTS = {"id": col("id", "serial", True, True), "author_id": col("author_id", "integer", False, True),
         "title": col("title", "text", False, True)}

def table(name, cols):
    return {"name": name, "schema": "", "columns": cols, "indexes": {}, "foreignKeys": {},
            "compositePrimaryKeys": {}, "uniqueConstraints": {}, "policies": {},
            "checkConstraints": {}, "isRLSEnabled": False}

def snapshot(i, tables, prev=None):
    return {"id": IDS[i], "prevId": prev if prev is not None else (IDS[i - 1] if i else ORIGIN),
            "version": "7", "dialect": "postgresql", "tables": tables, "enums": {}, "schemas": {},
            "sequences": {}, "roles": {}, "policies": {}, "views": {},
            "_meta": {"columns": {}, "schemas": {}, "tables": {}}}

def base():
    """The healthy folder: files, journal and snapshots as dicts of path -> text."""
    users1 = dict(USERS0, bio=col("bio", "text"))
    snaps = [snapshot(0, {"public.users": table("users", USERS0)}),
             snapshot(1, {"public.posts": table("posts", POSTS), "public.users": table("users", USERS0)}),
             snapshot(2, {"public.posts": table("posts", POSTS), "public.users": table("users", users1)})]
    journal = {"version": "7", "dialect": "postgresql", "entries": [
        {"idx": i, "version": "7", "when": WHEN[i], "tag": tag, "breakpoints": True}
        for i, tag in enumerate(SQL)]}
    files = {f"{tag}.sql": text for tag, text in SQL.items()}
    files["meta/_journal.json"] = journal
    for i, s in enumerate(snaps):
        files[f"meta/{i:04d}_snapshot.json"] = s
    return files

def v1_base():
    files = {}
    names = ["20250101000000_init", "20250102000000_add_posts"]
    sql = [SQL["0000_init"], SQL["0001_add_posts"]]
    for i, (n, text) in enumerate(zip(names, sql)):
        files[f"{n}/migration.sql"] = text
        files[f"{n}/snapshot.json"] = {"version": "9", "dialect": "postgres", "id": IDS[i],
                                       "prevIds": [IDS[i - 1] if i else ORIGIN],
                                       "type": "diff" if i else "base"}
    return files

def write(rule, case, files):
    d = os.path.join(ROOT, rule, case)
    shutil.rmtree(d, ignore_errors=True)
    for path, content in files.items():
        p = os.path.join(d, path)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        mode = "wb"
        with open(p, mode) as f:
            if isinstance(content, tuple):
                f.close()
                os.remove(p)
                os.symlink(content[1], p)
            elif isinstance(content, bytes):
                f.write(content)
            elif isinstance(content, str):
                f.write(content.encode())
            else:
                f.write(json.dumps(content, indent=2).encode())  # drizzle-kit: no newline

def journal(files):
    return files["meta/_journal.json"]

def cases():
    out = []
    def case(rule, name, edit=None, v1=False):
        f = v1_base() if v1 else base()
        if edit:
            edit(f)
        out.append((rule, name, f))

    # journal-invalid
    case("journal-invalid", "good-healthy")
    case("journal-invalid", "bad-merge-conflict",
         lambda f: f.__setitem__("meta/_journal.json", json.dumps(journal(f), indent=2)
                                 .replace('    {\n      "idx": 2', '<<<<<<< HEAD\n    {\n      "idx": 2', 1)))
    case("journal-invalid", "bad-json-array",
         lambda f: f.__setitem__("meta/_journal.json", journal(f)["entries"]))
    def bad_fields(f):
        e = journal(f)["entries"]
        e[0]["when"] = "yesterday"
        del e[1]["tag"]
        e[2]["idx"] = "2"
    case("journal-invalid", "bad-entry-fields", bad_fields)
    case("journal-invalid", "bad-tag-outside-folder",
         lambda f: journal(f)["entries"][2].__setitem__("tag", "../0002_add_users_bio"))
    case("journal-invalid", "bad-dialect", lambda f: journal(f).__setitem__("dialect", "mysql"))
    case("journal-invalid", "bad-truncated",
         lambda f: f.__setitem__("meta/_journal.json", json.dumps(journal(f), indent=2)[:200]))
    case("journal-invalid", "bad-entries-not-an-array",
         lambda f: journal(f).__setitem__("entries", {str(e["idx"]): e for e in journal(f)["entries"]}))
    case("journal-invalid", "bad-when-negative",
         lambda f: journal(f)["entries"][1].__setitem__("when", -1795595664050))
    def dangling(f):
        f["meta/_journal.json"] = ("symlink", "/nonexistent/_journal.json")
    case("journal-invalid", "bad-dangling-symlink", dangling)
    def dup_key(f):
        j = json.dumps(journal(f), indent=2)
        f["meta/_journal.json"] = j.replace('"entries": [', '"entries": [],\n  "entries": [', 1)
    case("journal-invalid", "good-repeated-key-last-wins", dup_key)
    # unjournaled-migration
    case("unjournaled-migration", "good-healthy")
    case("unjournaled-migration", "bad-entry-lost",
         lambda f: journal(f)["entries"].pop(1))
    case("unjournaled-migration", "bad-not-a-migration",
         lambda f: f.__setitem__("seed.sql", "INSERT INTO \"users\" (\"email\") VALUES ('a@b.c');\n"))
    # missing-migration-file
    case("missing-migration-file", "good-healthy")
    case("missing-migration-file", "bad-file-deleted", lambda f: f.pop("0002_add_users_bio.sql"))
    case("missing-migration-file", "good-v1", v1=True)
    case("missing-migration-file", "bad-v1-folder-without-sql",
         lambda f: f.pop("20250102000000_add_posts/migration.sql"), v1=True)
    # journal-when-not-increasing
    case("journal-when-not-increasing", "good-healthy")
    case("journal-when-not-increasing", "bad-when-backwards",
         lambda f: journal(f)["entries"][2].__setitem__("when", WHEN[1] - 86400000))
    def equal(f):
        journal(f)["entries"][1]["when"] = WHEN[0]
    case("journal-when-not-increasing", "bad-when-equal", equal)
    # journal-idx-mismatch
    case("journal-idx-mismatch", "good-healthy")
    case("journal-idx-mismatch", "bad-duplicate-idx",
         lambda f: journal(f)["entries"][2].__setitem__("idx", 1))
    case("journal-idx-mismatch", "bad-gap",
         lambda f: journal(f)["entries"][2].__setitem__("idx", 4))
    def from_one(f):
        for e in journal(f)["entries"]:
            n = e["idx"] + 1
            old = e["tag"]
            e["tag"] = f"{n:04d}" + old[4:]
            f[e["tag"] + ".sql"] = f.pop(old + ".sql")
        for i in (2, 1, 0):
            f[f"meta/{i + 1:04d}_snapshot.json"] = f.pop(f"meta/{i:04d}_snapshot.json")
    case("journal-idx-mismatch", "bad-tags-numbered-from-one", from_one)
    # concurrently-in-transaction
    def cic(f):
        f["0003_add_posts_title_idx.sql"] = 'CREATE INDEX CONCURRENTLY IF NOT EXISTS "posts_title_idx" ON "posts" USING btree ("title");'
        journal(f)["entries"].append({"idx": 3, "version": "7", "when": WHEN[3], "tag": "0003_add_posts_title_idx",
                                      "breakpoints": True})
        f["meta/0003_snapshot.json"] = dict(f["meta/0002_snapshot.json"], id=IDS[3], prevId=IDS[2])
    case("concurrently-in-transaction", "bad-drizzle-concurrent-index", cic)
    case("concurrently-in-transaction", "good-healthy")
    # transaction-nesting
    def nested(f):
        f["0003_add_status_value.sql"] = ('BEGIN;--> statement-breakpoint\n'
                                          'CREATE TYPE "status" AS ENUM (\'a\');--> statement-breakpoint\n'
                                          'COMMIT;')
        journal(f)["entries"].append({"idx": 3, "version": "7", "when": WHEN[3], "tag": "0003_add_status_value",
                                      "breakpoints": True})
        f["meta/0003_snapshot.json"] = dict(f["meta/0002_snapshot.json"], id=IDS[3], prevId=IDS[2])
    case("transaction-nesting", "bad-drizzle-commit", nested)
    case("transaction-nesting", "good-healthy")
    # breakpoints-off-multi-statement
    def bp_off(f):
        journal(f)["entries"][1]["breakpoints"] = False
        f["0001_add_posts.sql"] = f["0001_add_posts.sql"].replace("--> statement-breakpoint\n", "")
    case("breakpoints-off-multi-statement", "bad-breakpoints-false", bp_off)
    def bp_off_one(f):
        journal(f)["entries"][2]["breakpoints"] = False
    case("breakpoints-off-multi-statement", "good-breakpoints-false-one-statement", bp_off_one)
    # require-lock-timeout, require-statement-timeout (0002 alters the existing "users")
    for guc in ("lock", "statement"):
        case(f"require-{guc}-timeout", "bad-drizzle-no-timeout")
        case(f"require-{guc}-timeout", "good-drizzle-set-local",
             lambda f, guc=guc: f.__setitem__("0002_add_users_bio.sql",
                                              f"SET LOCAL {guc}_timeout = '5s';--> statement-breakpoint\n"
                                              + f["0002_add_users_bio.sql"]))
    # multiple-alter-table (drizzle-orm's transaction keeps the lock: only passes count)
    def add_0003(f, tag, sql, users_cols):
        f[f"{tag}.sql"] = sql
        journal(f)["entries"].append({"idx": 3, "version": "7", "when": WHEN[3], "tag": tag,
                                      "breakpoints": True})
        snap = json.loads(json.dumps(f["meta/0002_snapshot.json"]))
        snap["id"], snap["prevId"] = IDS[3], IDS[2]
        snap["tables"]["public.users"]["columns"].update(users_cols)
        f["meta/0003_snapshot.json"] = snap
    def two_passes(f):
        add_0003(f, "0003_users_required",
                 'ALTER TABLE "users" ALTER COLUMN "bio" SET DEFAULT \'\';--> statement-breakpoint\n'
                 'ALTER TABLE "users" ALTER COLUMN "bio" SET NOT NULL;--> statement-breakpoint\n'
                 'ALTER TABLE "users" ALTER COLUMN "email" SET DATA TYPE text;',
                 {"bio": dict(col("bio", "text", False, True), default="''"),
                  "email": col("email", "text", False, True)})
    case("multiple-alter-table", "bad-drizzle-two-passes", two_passes)
    def instant(f):
        add_0003(f, "0003_users_more",
                 'ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "avatar" text;--> statement-breakpoint\n'
                 'ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "city" text;',
                 {"avatar": col("avatar", "text"), "city": col("city", "text")})
    case("multiple-alter-table", "good-drizzle-instant-changes", instant)
    # missing-statement-breakpoint ("breakpoints": true, or Drizzle 1.0)
    case("missing-statement-breakpoint", "good-healthy")
    case("missing-statement-breakpoint", "bad-hand-edited",
         lambda f: f.__setitem__("0002_add_users_bio.sql", f["0002_add_users_bio.sql"] +
                                 '\nUPDATE "users" SET "bio" = \'\' WHERE "bio" IS NULL;'))
    case("missing-statement-breakpoint", "good-do-block",
         lambda f: f.__setitem__("0002_add_users_bio.sql",
                                 'DO $$ BEGIN\n ALTER TABLE "users" ADD COLUMN "bio" text;\n'
                                 ' UPDATE "users" SET "bio" = \'\';\n'
                                 'EXCEPTION WHEN duplicate_column THEN null;\nEND $$;'))
    case("missing-statement-breakpoint", "bad-v1-markers-removed",
         lambda f: f.__setitem__("20250102000000_add_posts/migration.sql",
                                 f["20250102000000_add_posts/migration.sql"]
                                 .replace("--> statement-breakpoint\n", "")), v1=True)
    case("missing-statement-breakpoint", "good-v1", v1=True)
    # snapshot-invalid
    case("snapshot-invalid", "good-healthy")
    case("snapshot-invalid", "bad-empty-snapshot", lambda f: f.__setitem__("meta/0001_snapshot.json", b""))
    case("snapshot-invalid", "bad-conflict-marker",
         lambda f: f.__setitem__("meta/0002_snapshot.json",
                                 "<<<<<<< HEAD\n" + json.dumps(f["meta/0002_snapshot.json"], indent=2)))
    def no_id(f):
        del f["meta/0001_snapshot.json"]["id"]
        del f["meta/0001_snapshot.json"]["dialect"]
    case("snapshot-invalid", "bad-missing-keys", no_id)
    # snapshot-chain-broken
    case("snapshot-chain-broken", "good-healthy")
    case("snapshot-chain-broken", "bad-origin-parent",
         lambda f: f["meta/0002_snapshot.json"].__setitem__("prevId", ORIGIN))
    case("snapshot-chain-broken", "bad-collision",
         lambda f: f["meta/0002_snapshot.json"].__setitem__("prevId", IDS[0]))
    case("snapshot-chain-broken", "bad-parent-missing",
         lambda f: f["meta/0002_snapshot.json"].__setitem__("prevId", IDS[4]))
    case("snapshot-chain-broken", "bad-newest-snapshot-missing", lambda f: f.pop("meta/0002_snapshot.json"))
    def out_of_order(f):
        # 0002's snapshot renamed to sort first among the later ones: name order is not history.
        f["meta/0000_snapshot.json"]["prevId"] = ORIGIN
        s1, s2 = f["meta/0001_snapshot.json"], f["meta/0002_snapshot.json"]
        f["meta/0001_snapshot.json"], f["meta/0002_snapshot.json"] = dict(s2), dict(s1)
    case("snapshot-chain-broken", "bad-out-of-order", out_of_order)
    case("snapshot-chain-broken", "bad-own-parent",
         lambda f: f["meta/0001_snapshot.json"].__setitem__("prevId", IDS[1]))
    def cycle(f):
        # 0001 and 0002 name each other as parent: a chain that never reaches the origin.
        f["meta/0001_snapshot.json"]["prevId"] = IDS[2]
        f["meta/0002_snapshot.json"]["prevId"] = IDS[1]
    case("snapshot-chain-broken", "bad-cycle", cycle)
    case("snapshot-chain-broken", "good-v1", v1=True)
    case("snapshot-chain-broken", "bad-v1-parent-missing",
         lambda f: f["20250102000000_add_posts/snapshot.json"].__setitem__("prevIds", [IDS[4]]), v1=True)
    # full-schema-recreation and create-existing-object
    def recreate(f):
        f["0003_add_users_avatar.sql"] = (
            'CREATE TABLE "posts" (\n\t"id" serial PRIMARY KEY NOT NULL,\n\t"author_id" integer NOT NULL,\n'
            '\t"title" text NOT NULL\n);\n--> statement-breakpoint\n'
            'CREATE TABLE "users" (\n\t"id" serial PRIMARY KEY NOT NULL,\n\t"email" varchar(255) NOT NULL,\n'
            '\t"bio" text,\n\t"avatar_url" text\n);\n--> statement-breakpoint\n'
            'CREATE INDEX "posts_author_id_idx" ON "posts" USING btree ("author_id");')
        journal(f)["entries"].append({"idx": 3, "version": "7", "when": WHEN[3], "tag": "0003_add_users_avatar",
                                      "breakpoints": True})
        users = dict(USERS0, bio=col("bio", "text"), avatar_url=col("avatar_url", "text"))
        f["meta/0003_snapshot.json"] = snapshot(3, {"public.posts": table("posts", POSTS),
                                                    "public.users": table("users", users)}, prev=ORIGIN)
    case("full-schema-recreation", "bad-recreated-schema", recreate)
    def incremental(f):
        f["0003_add_users_avatar.sql"] = 'ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "avatar_url" text;'
        journal(f)["entries"].append({"idx": 3, "version": "7", "when": WHEN[3], "tag": "0003_add_users_avatar",
                                      "breakpoints": True})
        users = dict(USERS0, bio=col("bio", "text"), avatar_url=col("avatar_url", "text"))
        f["meta/0003_snapshot.json"] = snapshot(3, {"public.posts": table("posts", POSTS),
                                                    "public.users": table("users", users)})
    case("full-schema-recreation", "good-incremental", incremental)
    def merged(f):
        f["0003_add_tags.sql"] = 'CREATE TABLE IF NOT EXISTS "tags" (\n\t"id" serial PRIMARY KEY NOT NULL\n);\n'
        f["0004_add_tags_name.sql"] = ('CREATE TABLE "tags" (\n\t"id" serial PRIMARY KEY NOT NULL,\n\t"name" text\n);\n'
                                       '--> statement-breakpoint\n'
                                       'ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "bio" varchar(80);')
        tags = {"id": col("id", "serial", True, True)}
        tags2 = dict(tags, name=col("name", "text"))
        users = dict(USERS0, bio=col("bio", "text"))
        for i, (tag, t) in enumerate([("0003_add_tags", tags), ("0004_add_tags_name", tags2)], start=3):
            journal(f)["entries"].append({"idx": i, "version": "7", "when": WHEN[i], "tag": tag, "breakpoints": True})
            f[f"meta/{i:04d}_snapshot.json"] = snapshot(i, {"public.posts": table("posts", POSTS),
                                                            "public.tags": table("tags", t),
                                                            "public.users": table("users", users)})
    case("create-existing-object", "bad-branches-both-create", merged)
    def same_again(f):
        f["0003_reassert.sql"] = ('-- miglint-ignore-file require-concurrent-index-creation\n'
                                  'ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "bio" text;--> statement-breakpoint\n'
                                  'CREATE INDEX IF NOT EXISTS "posts_author_id_idx" ON "posts" USING btree ("author_id");')
        journal(f)["entries"].append({"idx": 3, "version": "7", "when": WHEN[3], "tag": "0003_reassert",
                                      "breakpoints": True})
        f["meta/0003_snapshot.json"] = dict(f["meta/0002_snapshot.json"], id=IDS[3], prevId=IDS[2])
    case("create-existing-object", "good-same-definition-again", same_again)
    # snapshot-drift
    case("snapshot-drift", "good-healthy")
    def drift(f):
        f["0002_add_users_bio.sql"] = 'ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "biography" text;'
    case("snapshot-drift", "bad-column-renamed-by-hand", drift)
    # leftover-journal
    case("leftover-journal", "good-v1", v1=True)
    case("leftover-journal", "bad-journal-after-up",
         lambda f: f.__setitem__("meta/_journal.json", base()["meta/_journal.json"]), v1=True)
    # duplicate-migration-version
    case("duplicate-migration-version", "good-healthy")
    def dup(f):
        f["0002_add_tags.sql"] = 'CREATE TABLE IF NOT EXISTS "tags" (\n\t"id" serial PRIMARY KEY NOT NULL\n);\n'
    case("duplicate-migration-version", "bad-two-branches-same-number", dup)
    # ambiguous-migration-order
    case("ambiguous-migration-order", "good-v1", v1=True)
    def same_second(f):
        f["20250102000000_add_tags/migration.sql"] = 'CREATE TABLE IF NOT EXISTS "tags" ("id" integer);'
        f["20250102000000_add_tags/snapshot.json"] = {"version": "9", "dialect": "postgres", "id": IDS[2],
                                                      "prevIds": [IDS[0]], "type": "diff"}
    case("ambiguous-migration-order", "bad-same-second", same_second, v1=True)
    def no_stamp(f):
        f["seed_users/migration.sql"] = 'INSERT INTO "users" ("email") VALUES (\'a@b.c\') ON CONFLICT DO NOTHING;'
        f["seed_users/snapshot.json"] = {"version": "9", "dialect": "postgres", "id": IDS[2],
                                         "prevIds": [IDS[1]], "type": "diff"}
    case("ambiguous-migration-order", "bad-no-timestamp", no_stamp, v1=True)
    return out

if __name__ == "__main__":
    for rule, name, files in cases():
        write(rule, name, files)
    print("wrote", len(cases()), "cases")
