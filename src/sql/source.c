/* SPDX-License-Identifier: MIT */
/*
 * source.c
 *	  Reading a file into its arena, refusing what is not text, and the line table.
 *
 * Refusals name the file and the exact place: an empty file, a NUL byte or invalid UTF-8
 * (PostgreSQL would reject both; drizzle-orm would silently rewrite invalid bytes to U+FFFD
 * and hash that), and anything over ML_SOURCE_MAX_BYTES.
 */
#include "miglint/source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "miglint/utf8.h"

/*
 * Builds the line table on first use: most files are never reported on, and a folder's
 * snapshots are megabytes. The source is not shared between threads while it is in use.
 */
static void
build_lines(const struct ml_source *csrc)
{
	struct ml_source *src = (struct ml_source *) csrc;
	const char *p, *end = src->data + src->len;
	size_t n = 1;

	if (src->line_starts != NULL)
		return;
	for (p = src->data; (p = memchr(p, '\n', (size_t) (end - p))) != NULL; p++)
		n++;
	src->line_starts = ml_arena_alloc(src->arena, n * sizeof(uint32_t));
	src->n_lines = n;
	n = 0;
	src->line_starts[n++] = 0;
	for (p = src->data; (p = memchr(p, '\n', (size_t) (end - p))) != NULL; p++)
		src->line_starts[n++] = (uint32_t) (p - src->data + 1);
}

/* Checks the bytes, then builds the table; 'data' is already NUL-terminated in the arena. */
static int
finish(struct ml_source **out, struct ml_arena *arena, char *data, size_t len,
	   const char *display, struct ml_error *err)
{
	struct ml_source *src = ml_arena_alloc(arena, sizeof(*src));
	const char *nul;
	size_t bad;
	unsigned line, col;

	src->path = ml_arena_strdup(arena, display);
	src->data = data;
	src->len = len;
	src->arena = arena;
	if (len == 0)
		return ml_error_set(err, ML_EINPUT, "file \"%s\" is empty", display);
	nul = memchr(data, '\0', len);
	if (nul != NULL)
	{
		ml_source_line_col(src, (size_t) (nul - data), &line, &col);
		ml_error_set(err, ML_EINPUT, "file \"%s\" contains a NUL byte at line %u, column %u",
					 display, line, col);
		ml_error_detail(err, "A migration must be text; this looks like a binary file.");
		return ML_EINPUT;
	}
	if (!ml_utf8_valid(data, len, &bad))
	{
		ml_source_line_col(src, bad, &line, &col);
		ml_error_set(err, ML_EINPUT,
					 "file \"%s\" is not valid UTF-8: invalid byte 0x%02X at line %u, column %u",
					 display, (unsigned char) data[bad], line, col);
		ml_error_detail(err, "PostgreSQL rejects invalid UTF-8, and drizzle-orm would hash the "
							 "file after replacing the byte. Save the file as UTF-8.");
		return ML_EINPUT;
	}
	*out = src;
	return 0;
}

int
ml_source_from_bytes(struct ml_source **out, struct ml_arena *arena, const char *bytes,
					 size_t len, const char *display, struct ml_error *err)
{
	char *data;

	if (len > ML_SOURCE_MAX_BYTES)
		return ml_error_set(err, ML_ELIMIT, "file \"%s\" is too large: %zu bytes, the limit is %zu",
							display, len, ML_SOURCE_MAX_BYTES);
	data = ml_arena_strndup(arena, bytes, len);
	return finish(out, arena, data, len, display, err);
}

/* Reads a regular file whose size is known: one allocation, one byte spare for the NUL. */
static int
read_regular(char **out, size_t *out_len, struct ml_arena *arena, int fd, size_t size,
			 const char *display, struct ml_error *err)
{
	char *buf = ml_arena_alloc(arena, size + 2);
	size_t len = 0;

	/* Read one byte past the size to notice a file that grew meanwhile. */
	while (len <= size)
	{
		ssize_t n = read(fd, buf + len, size + 1 - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return ml_error_set(err, ML_EIO, "could not read file \"%s\": %s", display,
								strerror(errno));
		if (n == 0)
			break;
		len += (size_t) n;
	}
	if (len > ML_SOURCE_MAX_BYTES)
		return ml_error_set(err, ML_ELIMIT, "file \"%s\" is too large: over %zu bytes", display,
							ML_SOURCE_MAX_BYTES);
	if (len > size)
	{
		/* It grew after fstat(): a file being written is not something to lint. */
		return ml_error_set(err, ML_EIO, "could not read file \"%s\": it changed while being read",
							display);
	}
	buf[len] = '\0';
	*out = buf;
	*out_len = len;
	return 0;
}

/* Reads a pipe or a terminal to its end, up to the cap. */
static int
read_stream(char **out, size_t *out_len, struct ml_arena *arena, int fd, const char *display,
			struct ml_error *err)
{
	size_t cap = 64 * 1024, len = 0;
	char *buf = malloc(cap + 1);

	if (buf == NULL)
		ml_fatal_oom();
	for (;;)
	{
		ssize_t n;

		if (len == cap)
		{
			char *more;

			if (cap > ML_SOURCE_MAX_BYTES)
			{
				free(buf);
				return ml_error_set(err, ML_ELIMIT, "file \"%s\" is too large: over %zu bytes",
									display, ML_SOURCE_MAX_BYTES);
			}
			cap *= 2;
			more = realloc(buf, cap + 1);
			if (more == NULL)
				ml_fatal_oom();
			buf = more;
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
		{
			free(buf);
			return ml_error_set(err, ML_EIO, "could not read file \"%s\": %s", display,
								strerror(errno));
		}
		if (n == 0)
			break;
		len += (size_t) n;
	}
	if (len > ML_SOURCE_MAX_BYTES)
	{
		free(buf);
		return ml_error_set(err, ML_ELIMIT, "file \"%s\" is too large: over %zu bytes", display,
							ML_SOURCE_MAX_BYTES);
	}
	*out = ml_arena_strndup(arena, buf, len);
	*out_len = len;
	free(buf);
	return 0;
}

/* Reads all of 'fd' up to the cap. */
static int
read_fd(char **out, size_t *out_len, struct ml_arena *arena, int fd, const char *display,
		struct ml_error *err)
{
	struct stat st;

	if (fstat(fd, &st) != 0)
		return ml_error_set(err, ML_EIO, "could not read file \"%s\": %s", display, strerror(errno));
	if (S_ISDIR(st.st_mode))
		return ml_error_set(err, ML_EIO, "could not read file \"%s\": Is a directory", display);
	if (S_ISREG(st.st_mode))
	{
		if ((size_t) st.st_size > ML_SOURCE_MAX_BYTES)
			return ml_error_set(err, ML_ELIMIT,
								"file \"%s\" is too large: %lld bytes, the limit is %zu", display,
								(long long) st.st_size, ML_SOURCE_MAX_BYTES);
		return read_regular(out, out_len, arena, fd, (size_t) st.st_size, display, err);
	}
	return read_stream(out, out_len, arena, fd, display, err);
}

int
ml_source_read(struct ml_source **out, struct ml_arena *arena, const char *fs_path,
			   const char *display, struct ml_error *err)
{
	char *data = NULL;
	size_t len = 0;
	int fd, rc;

	if (fs_path == NULL)
		fd = STDIN_FILENO;
	else
	{
		fd = open(fs_path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
		if (fd < 0)
			return ml_error_set(err, ML_EIO, "could not open file \"%s\": %s", display,
								strerror(errno));
	}
	rc = read_fd(&data, &len, arena, fd, display, err);
	if (fs_path != NULL)
		close(fd);
	if (rc != 0)
		return rc;
	return finish(out, arena, data, len, display, err);
}

struct ml_source *
ml_source_stub(struct ml_arena *arena, const char *display)
{
	struct ml_source *src = ml_arena_alloc(arena, sizeof(*src));

	src->path = ml_arena_strdup(arena, display);
	src->data = "";
	src->len = 0;
	src->arena = arena;
	return src;
}

void
ml_source_line_col(const struct ml_source *src, size_t offset, unsigned *line, unsigned *col)
{
	size_t lo = 0, hi;

	build_lines(src);
	hi = src->n_lines;
	if (offset > src->len)
		offset = src->len;
	/* The last line whose start is <= offset. */
	while (hi - lo > 1)
	{
		size_t mid = lo + (hi - lo) / 2;

		if (src->line_starts[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	*line = (unsigned) lo + 1;
	*col = (unsigned) ml_utf8_count(src->data + src->line_starts[lo],
									offset - src->line_starts[lo]) + 1;
}

const char *
ml_source_line_text(const struct ml_source *src, unsigned line, size_t *len)
{
	size_t start, end;

	build_lines(src);
	if (line == 0 || line > src->n_lines)
	{
		*len = 0;
		return "";
	}
	start = src->line_starts[line - 1];
	end = line < src->n_lines ? src->line_starts[line] - 1 : src->len;
	if (end > start && src->data[end - 1] == '\r')
		end--;
	*len = end - start;
	return src->data + start;
}
