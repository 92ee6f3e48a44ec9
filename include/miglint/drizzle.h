/* SPDX-License-Identifier: MIT */
/*
 * drizzle.h
 *	  A Drizzle folder's metadata: the journal and the snapshots, with positions.
 *
 * Loaded once per folder by the lint driver, read by the folder rules. Nothing here judges:
 * a journal that is not JSON, an entry without a tag, a snapshot without an id are all
 * recorded as they are (with where they are), and the rules word what is wrong with them.
 * Everything lives in the meta's own arena; ml_drizzle_meta_destroy frees it.
 */
#ifndef MIGLINT_DRIZZLE_H
#define MIGLINT_DRIZZLE_H

#include <stdbool.h>
#include <stddef.h>

#include "miglint/folder.h"
#include "miglint/json.h"
#include "miglint/json_scan.h"
#include "miglint/source.h"

/* drizzle-kit's parent id of the first snapshot. */
#define ML_ORIGIN_UUID "00000000-0000-0000-0000-000000000000"

/* A meta file: its text (or why it could not be read) and its parsed JSON. */
struct ml_meta_file
{
	char *name;				   /* file name inside meta/ (or the v1 folder name) */
	struct ml_source *src;	   /* never NULL: an empty stand-in when unreadable */
	const char *read_error;	   /* why the bytes could not be used, or NULL */
	struct ml_json json;	   /* json.root is NULL when it is not JSON */
};

struct ml_journal_entry
{
	size_t position;   /* index in "entries" */
	const cJSON *item; /* the entry object (NULL never: non-objects are skipped and counted) */
	const cJSON *idx;  /* the members, or NULL when missing */
	const cJSON *when;
	const cJSON *tag;
	const cJSON *breakpoints;
	const char *tag_text;	  /* tag when it is a string, else NULL */
	bool tag_safe;			  /* a plain file name: no '/', '\\', "." or ".." */
	struct ml_migration *file; /* <tag>.sql in the folder, or NULL */
	size_t snapshot;		  /* index into snapshots, or (size_t) -1 */
};

/*
 * What the rules need of a snapshot, read once. The parsed tree is not kept (a folder's
 * snapshots are megabytes of JSON each): ml_snapshot_open reads the file again when a rule
 * needs positions or more members, which happens for the newest snapshot and for findings.
 */
struct ml_snapshot
{
	const char *name;		/* file name inside meta/ (or the v1 folder name) */
	const char *path;		/* the file as shown to the user */
	const char *fs_path;	/* the file to open */
	size_t order;			/* its place in the report's order */
	const char *read_error; /* why the bytes could not be used, or NULL */
	bool parsed;			/* the bytes are valid JSON */
	size_t error_at;		/* when not parsed: the byte offset where the parse failed */
	enum ml_json_kind root, id_kind, prev_kind, version, dialect_kind;
	const char *dialect;	/* "dialect" when it is a string */
	const char *prefix;		/* v0: the part of the name before "_snapshot.json" */
	const char *id;			/* NULL when missing or not a string */
	const char *prev_id;	/* v0 "prevId" */
	const char **prev_ids;	/* v1 "prevIds" */
	size_t n_prev_ids;
	bool has_entry;			/* a journal entry names it (v0) */
};

/* A Drizzle 1.0 migration folder. */
struct ml_v1_dir
{
	char *name;
	struct ml_migration *file; /* its migration.sql, or NULL when missing */
	size_t snapshot;		   /* index into snapshots, or (size_t) -1 */
};

struct ml_pool;

struct ml_drizzle_meta
{
	struct ml_arena *arena;
	bool has_journal;
	struct ml_meta_file journal;
	const cJSON *entries; /* the "entries" array, or NULL */
	struct ml_journal_entry *entry;
	size_t n_entries;
	struct ml_snapshot *snapshots; /* v0: meta/ files sorted by name; v1: per folder */
	size_t n_snapshots;
	struct ml_v1_dir *dirs;
	size_t n_dirs;
	struct ml_snapshot_cache *cache; /* the snapshot ml_snapshot_open read last */
	struct ml_pool *reading;		 /* the snapshots still being read, or NULL */
};

/*
 * Loads the journal of 'f' (a Drizzle or Drizzle 1.0 folder; any other kind gives an empty
 * meta) and finds its snapshots, then returns while 'threads' extra threads (pool.h) read
 * them: the migrations can be linted meanwhile. The snapshots[] are ready only after
 * ml_drizzle_meta_wait. Meta files get report orders from *next_order on. Owned: destroy it.
 */
struct ml_drizzle_meta *ml_drizzle_meta_load(struct ml_folder *f, size_t *next_order,
											 unsigned threads);

/* Waits until every snapshot was read (reading those no thread took yet). */
void ml_drizzle_meta_wait(struct ml_drizzle_meta *meta);

/* Waits for the snapshots (ml_drizzle_meta_wait) and frees everything. */
void ml_drizzle_meta_destroy(struct ml_drizzle_meta *meta);

/*
 * Snapshot 's' read and parsed again, with positions; for an unreadable one, a stand-in
 * with read_error set. Borrowed: valid until the next call for another snapshot, or until
 * the meta is destroyed.
 */
const struct ml_meta_file *ml_snapshot_open(const struct ml_drizzle_meta *meta,
											const struct ml_snapshot *s);

/*
 * Fills the summary of 's' (root, id, parent, version, dialect; parsed set, error_at 0) from
 * the text of a snapshot without building a tree (json_scan.h). Returns false, leaving 's'
 * as it was, when the scanner is not sure or a string it would copy has an escape: then
 * parse the text and use ml_snapshot_summarize. 'text' is NUL-terminated at 'len'.
 */
bool ml_snapshot_scan(struct ml_snapshot *s, const char *text, size_t len);

/* Fills the summary of 's' from a parsed snapshot 'root' (not NULL). */
void ml_snapshot_summarize(struct ml_snapshot *s, const cJSON *root);

/* Frees the summary's strings (malloc'd: threads share no arena) and clears them. */
void ml_snapshot_summary_free(struct ml_snapshot *s);

/* The member holding a snapshot's parent: "prevIds" (1.0) or else "prevId", or NULL. */
const cJSON *ml_snapshot_parent_member(const cJSON *root);

/* The snapshot file prefix of a tag: "0005_add_x" -> "0005" (the text before the first '_'). */
char *ml_drizzle_tag_prefix(struct ml_arena *arena, const char *tag);

#endif
