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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "miglint/folder.h"

/* Writes 'data' over 'path' through a temporary file and rename(2). */
static int
write_atomically(const char *path, const char *data, size_t len, struct ml_error *err)
{
	struct stat st;
	size_t plen = strlen(path);
	char *tmp = malloc(plen + 16);
	int fd, rc = 0;
	size_t done = 0;

	if (tmp == NULL)
		ml_fatal_oom();
	snprintf(tmp, plen + 16, "%s.miglint-fix", path);
	if (stat(path, &st) != 0)
		st.st_mode = 0644;
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, st.st_mode & 07777);
	if (fd < 0)
	{
		rc = ml_error_set(err, ML_EIO, "could not write file \"%s\": %s", tmp, strerror(errno));
		free(tmp);
		return rc;
	}
	while (done < len)
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

void
ml_fix_run(struct ml_fix_stats *stats, struct ml_inputs *in, int pg_version, bool all, bool diff,
		   FILE *out, ml_fix_error_fn on_error, void *data)
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
			struct ml_error err;
			enum ml_split_mode mode = m->mode;
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
			if (mode == ML_SPLIT_AUTO)
				mode = ml_has_breakpoint(src->data, src->len) ? ML_SPLIT_DRIZZLE : ML_SPLIT_PLAIN;
			ml_file_parse(&file, arena, src, mode);
			n = ml_fix_edits(&edits, arena, &file, pg_version);
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
