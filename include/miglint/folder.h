/* SPDX-License-Identifier: MIT */
/*
 * folder.h
 *	  The folder model: what the user pointed at, classified once.
 *
 * A Drizzle folder has meta/_journal.json and the journal decides the order; a Drizzle 1.0
 * folder has one <timestamp>_<name>/migration.sql per migration; a plain folder is .sql files
 * ordered by their numeric prefix with *.down.sql kept after the rest; a single file or
 * standard input stands alone. A .sql file named on the command line that sits in a Drizzle
 * folder is linted with its folder's context: the folder is opened and only that file is
 * "selected" (its findings are reported), which is what a pre-commit hook needs.
 */
#ifndef MIGLINT_FOLDER_H
#define MIGLINT_FOLDER_H

#include <stdbool.h>
#include <stddef.h>

#include "miglint/error.h"
#include "miglint/sql.h"

enum ml_folder_kind
{
	ML_FOLDER_DRIZZLE,	  /* meta/_journal.json (drizzle-kit 0.x) */
	ML_FOLDER_DRIZZLE_V1, /* <name>/migration.sql folders, no journal (drizzle-kit 1.0) */
	ML_FOLDER_PLAIN,	  /* .sql files by numeric prefix */
	ML_FOLDER_SINGLE,	  /* one file, or standard input */
};

struct ml_migration
{
	char *fs_path;	 /* what to open; NULL means standard input */
	char *display;	 /* the path as shown in messages */
	enum ml_split_mode mode;
	bool journaled;	 /* a Drizzle journal entry names it: drizzle-orm runs it */
	bool down;		 /* *.down.sql in a plain folder */
	bool selected;	 /* its findings are reported */
	size_t order;	 /* its place in the report's order (set by the lint driver) */
	bool named;		 /* named on the command line itself (not found in a named folder) */
	char *override;	 /* text to lint instead of the file's (--fix --diff), or standard
					  * input's text once it was read; or NULL */
	size_t override_len;
	bool no_transaction; /* it opens with "-- no-transaction" (set when it is linted) */
};

struct ml_folder
{
	enum ml_folder_kind kind;
	char *fs_root;	 /* the folder (or the file for ML_FOLDER_SINGLE) */
	char *display_root;
	char *real_root; /* realpath, to open a folder once when several of its files are named */
	struct ml_migration *files;
	size_t n_files;
	bool named; /* the folder itself was named: its folder rules run even without files */
};

/* Everything named on one command line, in order. */
struct ml_inputs
{
	struct ml_folder **folders;
	size_t n_folders;
};

void ml_inputs_init(struct ml_inputs *in);
void ml_inputs_cleanup(struct ml_inputs *in);

/*
 * Adds what 'path' names: "-" is standard input, shown as 'stdin_name' (or "<stdin>").
 * Returns 0, or ML_EIO / ML_EINPUT with 'err' naming the path and the problem (missing path,
 * a directory without .sql files, a symlink loop ...). Nothing is added on failure.
 */
int ml_inputs_add(struct ml_inputs *in, const char *path, const char *stdin_name,
				  struct ml_error *err);

/*
 * Classifies a directory: Drizzle when meta/_journal.json exists, Drizzle 1.0 when a
 * subdirectory holds migration.sql, plain otherwise.
 */
enum ml_folder_kind ml_folder_classify_dir(const char *dir);

/*
 * Reads the tags of a Drizzle journal in entry order. Tags that are not strings, or that
 * would name a file outside the folder ("../x", "a/b"), are left out. Returns 0 and a
 * malloc'd array of malloc'd strings (free with ml_journal_tags_free), or a negative code
 * when the journal cannot be read or is not the expected JSON.
 */
int ml_journal_tags(char ***out, size_t *n_out, const char *journal_path, struct ml_error *err);
void ml_journal_tags_free(char **tags, size_t n);

/*
 * True when a journal tag names a file inside the folder: not empty, not "." or "..", and
 * without '/' or '\\'. A tag is input: "../../etc/passwd" must never be followed.
 */
bool ml_journal_tag_safe(const char *tag);

/*
 * Compares two migration folder names as drizzle-orm 1.0 orders them (String.localeCompare,
 * ICU root collation) for the names drizzle-kit writes: '_' < '-' < other punctuation <
 * digits < letters, letters case-blind first, then lower case before upper case, then bytes.
 */
int ml_folder_name_compare(const char *a, const char *b);

/*
 * True when 'path', with its symbolic links resolved, lies inside 'real_root' (a realpath).
 * A path that cannot be resolved counts as inside: opening it reports the real problem.
 */
bool ml_folder_path_inside(const char *real_root, const char *path);

/* True when 'path' names a Drizzle journal or snapshot (a file ml_inputs_add accepts). */
bool ml_folder_is_meta_file(const char *path);

/* Numeric prefix of a migration file name ("0003_x.sql" -> 3); false when there is none. */
bool ml_folder_numeric_prefix(const char *name, unsigned long long *out);

#endif
