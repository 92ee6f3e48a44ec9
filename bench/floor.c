/* SPDX-License-Identifier: MIT */
/*
 * floor.c
 *	  The cost floor of the benchmark: libpg_query's own parse of the bytes miglint reads.
 *
 *	  bench-floor FILE|DIR...
 *
 * Each .sql file (directories are walked) is read and cut into pieces: at drizzle's
 * breakpoints when it has them, else into statements by libpg_query's scanner-based
 * splitter. Each piece goes through pg_query_parse_protobuf and is unpacked, on one thread,
 * as miglint's parse does at the least. Prints the files, bytes and statements parsed.
 */
#include <dirent.h>
#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "miglint/arena.h"
#include "miglint/sql.h"

static size_t files, bytes, statements;

static void
parse_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct ml_arena *arena;
	struct ml_chunk *chunks;
	char *data;
	long len;
	size_t n;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 ||
		fseek(f, 0, SEEK_SET) != 0 || (data = malloc((size_t) len + 1)) == NULL)
	{
		if (f != NULL)
			fclose(f);
		return;
	}
	n = fread(data, 1, (size_t) len, f);
	fclose(f);
	data[n] = '\0';
	arena = ml_arena_create();
	if (ml_has_breakpoint(data, n))
		n = ml_split_breakpoints(&chunks, arena, data, n);
	else
	{
		PgQuerySplitResult sr = pg_query_split_with_scanner(data);

		size_t total = n;

		n = sr.error == NULL && sr.n_stmts > 0 ? (size_t) sr.n_stmts : 0;
		chunks = ml_arena_alloc(arena, (n + 1) * sizeof(*chunks));
		for (size_t i = 0; i < n; i++)
		{
			chunks[i].offset = (size_t) sr.stmts[i]->stmt_location;
			chunks[i].len = sr.stmts[i]->stmt_len > 0 ? (size_t) sr.stmts[i]->stmt_len
													 : total - chunks[i].offset;
		}
		pg_query_free_split_result(sr);
	}
	for (size_t c = 0; c < n; c++)
	{
		char *text = strndup(data + chunks[c].offset, chunks[c].len);
		PgQueryProtobufParseResult r = pg_query_parse_protobuf(text);

		if (r.error == NULL)
		{
			PgQuery__ParseResult *pr = pg_query__parse_result__unpack(
				NULL, r.parse_tree.len, (const uint8_t *) r.parse_tree.data);

			if (pr != NULL)
			{
				statements += pr->n_stmts;
				pg_query__parse_result__free_unpacked(pr, NULL);
			}
		}
		pg_query_free_protobuf_parse_result(r);
		free(text);
	}
	ml_arena_destroy(arena);
	files++;
	bytes += (size_t) len;
	free(data);
}

static int
by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static void
walk(const char *path)
{
	struct stat st;
	struct dirent **names;
	int count;

	if (stat(path, &st) != 0)
		return;
	if (!S_ISDIR(st.st_mode))
	{
		size_t l = strlen(path);

		if (l > 4 && strcmp(path + l - 4, ".sql") == 0)
			parse_file(path);
		return;
	}
	count = scandir(path, &names, NULL, by_name);
	for (int i = 0; i < count; i++)
	{
		char *child;

		if (names[i]->d_name[0] != '.' && asprintf(&child, "%s/%s", path, names[i]->d_name) >= 0)
		{
			walk(child);
			free(child);
		}
		free(names[i]);
	}
	if (count >= 0)
		free(names);
}

int
main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		walk(argv[i]);
	printf("%zu files, %zu bytes, %zu statements\n", files, bytes, statements);
	pg_query_exit();
	return 0;
}
