/* SPDX-License-Identifier: MIT */
/*
 * fix_run.c
 *	  `miglint --fix` over the inputs: which files, the edits, and writing them or showing a
 *	  diff.
 *
 * A migration that was already applied is recorded with the hash of its bytes (drizzle-orm,
 * sqlx, ...): rewriting it changes that hash. So only files named on the command line are
 * fixed (pre-commit passes the new ones), and every file of a folder only with --all.
 * Files are written whole to a temporary file beside them and renamed over, keeping their
 * mode, so a crash leaves the old or the new file, never half of one. With --diff nothing is
 * written: the fixed text is given to the linter instead, so the exit status is the one the
 * fixed files would have.
 */
#include "miglint/fix.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "miglint/folder.h"
#include "miglint/rule.h"
#include "miglint/suppress.h"

/*
 * Writes 'data' over 'path' through a new temporary file beside it and rename(2). A symlink
 * is followed (its target is replaced, the link stays); the file's mode is kept.
 */
static int
write_atomically(const char *link, const char *data, size_t len, struct ml_error *err)
{
	struct stat st;
	char path[PATH_MAX];
	char *tmp;
	int fd, rc = 0;
	size_t done = 0;

	if (realpath(link, path) == NULL)
		return ml_error_set(err, ML_EIO, "could not write file \"%s\": %s", link, strerror(errno));
	if (stat(path, &st) != 0)
		st.st_mode = 0644;
	tmp = malloc(strlen(path) + 32);
	if (tmp == NULL)
		ml_fatal_oom();
	sprintf(tmp, "%s.miglint-fix.XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0)
	{
		rc = ml_error_set(err, ML_EIO, "could not write file \"%s\": %s", tmp, strerror(errno));
		free(tmp);
		return rc;
	}
	if (fchmod(fd, st.st_mode & 07777) != 0)
		rc = ml_error_set(err, ML_EIO, "could not write file \"%s\": %s", tmp, strerror(errno));
	while (rc == 0 && done < len)
	{
		ssize_t n = write(fd, data + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
		{
			rc = ml_error_set(err, ML_EIO, "could not write file \"%s\": %s", tmp, strerror(errno));
			break;
		}
		done += (size_t) n;
	}
	if (rc == 0 && fsync(fd) != 0)
		rc = ml_error_set(err, ML_EIO, "could not write file \"%s\": %s", tmp, strerror(errno));
	close(fd);
	if (rc == 0 && rename(tmp, path) != 0)
		rc = ml_error_set(err, ML_EIO, "could not replace file \"%s\": %s", path, strerror(errno));
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	return rc;
}

/* What the allowed-callback needs: the settings and the file's ignore comments. */
struct allow_ctx
{
	const struct ml_config *cfg;
	const struct ml_suppressions *supp;
};

/* A fix answers a rule's finding: not when the rule is off or an ignore comment silences it. */
static bool
allowed(void *p, const struct ml_stmt *st, const char *rule_name)
{
	const struct allow_ctx *ctx = p;
	const struct ml_rule *rule = ml_rule_find(rule_name);

	if (rule == NULL || ctx->cfg->severity[ml_rule_index(rule)] == ML_SEVERITY_OFF)
		return false;
	for (size_t i = 0; i < ctx->supp->n; i++)
	{
		const struct ml_ignore *ig = &ctx->supp->items[i];

		if (ig->misplaced || (!ig->file_level && (!ig->bound || st->start < ig->scope_start ||
												  st->start > ig->scope_end)))
			continue;
		for (size_t k = 0; k < ig->n_names; k++)
			if (ml_rule_matches(ig->names[k].name, rule))
				return false;
	}
	return true;
}

void
ml_fix_run(struct ml_fix_stats *stats, struct ml_inputs *in, const struct ml_config *cfg, bool all,
		   bool diff, FILE *out, ml_fix_error_fn on_error, void *data)
{
	memset(stats, 0, sizeof(*stats));
	for (size_t f = 0; f < in->n_folders; f++)
		for (size_t i = 0; i < in->folders[f]->n_files; i++)
		{
			struct ml_migration *m = &in->folders[f]->files[i];
			struct ml_arena *arena;
			struct ml_source *src = NULL;
			struct ml_file file;
			struct ml_edit *edits;
			struct ml_suppressions supp;
			struct allow_ctx actx;
			struct ml_error err;
			size_t n, new_len;
			char *fixed;

			if (!m->selected || m->fs_path == NULL)
				continue;
			if (!m->named && !all)
			{
				stats->skipped++;
				continue;
			}
			arena = ml_arena_create();
			ml_error_clear(&err);
			if (ml_source_read(&src, arena, m->fs_path, m->display, &err) != 0)
			{
				ml_arena_destroy(arena); /* the lint pass reports it */
				continue;
			}
			ml_file_parse(&file, arena, src, m->mode);
			ml_suppress_collect(&supp, arena, &file);
			actx.cfg = cfg;
			actx.supp = &supp;
			n = ml_fix_edits(&edits, arena, &file, cfg->pg_version, allowed, &actx);
			for (size_t k = 0; k < file.n_stmts; k++)
				if (file.stmts[k].node == NULL)
				{
					stats->unparsable++;
					break;
				}
			if (n > 0)
			{
				fixed = ml_fix_apply(src->data, src->len, edits, n, &new_len);
				stats->files++;
				stats->edits += n;
				if (diff)
				{
					char *d = ml_fix_diff(m->display, src->data, src->len, edits, n);

					fputs(d, out);
					free(d);
					/* The linter sees the fixed text, as if it had been written. */
					free(m->override);
					m->override = fixed;
					m->override_len = new_len;
					fixed = NULL;
				}
				else if (write_atomically(m->fs_path, fixed, new_len, &err) != 0)
				{
					on_error(&err, data);
					stats->errors++;
				}
				free(fixed);
			}
			ml_arena_destroy(arena);
		}
}
