/* SPDX-License-Identifier: MIT */
/*
 * harness.h
 *	  What the test programs share: running the miglint binary and reading files.
 *
 * Tests assert what a user sees, so they run the real binary (MIGLINT_BIN, set by meson) in a
 * given directory and compare its exact stdout, stderr and exit status.
 */
#ifndef MIGLINT_TEST_HARNESS_H
#define MIGLINT_TEST_HARNESS_H

#include <stdbool.h>
#include <stddef.h>

struct run_result
{
	char *out; /* stdout, NUL-terminated, malloc'd */
	size_t out_len;
	char *err; /* stderr, NUL-terminated, malloc'd */
	size_t err_len;
	int status; /* exit status, or 128 + signal number */
};

/*
 * Runs MIGLINT_BIN with 'argv' (NULL-terminated, without argv[0]) in directory 'cwd',
 * feeding 'input' (may be NULL: /dev/null) on stdin. 'as_uid' >= 0 drops to that user first.
 */
void run_miglint(struct run_result *res, const char *cwd, const char *const *argv,
				 const char *input, size_t input_len, int as_uid);
void run_result_free(struct run_result *res);

/* The whole file, NUL-terminated and malloc'd, or NULL when it cannot be read. */
char *read_file(const char *path, size_t *len);

/* Writes 'len' bytes; false on failure. */
bool write_file(const char *path, const char *data, size_t len);

/* An environment variable that meson sets; aborts the test when it is missing. */
const char *test_env(const char *name);

/* A malloc'd "dir/name". */
char *path_join(const char *dir, const char *name);

/* Writes 'text' to dir/rel, and makes the directory dir/rel; both fail the test on error. */
void put_in(const char *dir, const char *rel, const char *text);
void mkdir_in(const char *dir, const char *rel);

/* A fresh temporary directory (malloc'd path); removed by remove_tree. */
char *make_temp_dir(void);
void remove_tree(const char *path);

#endif
