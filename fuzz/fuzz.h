/* SPDX-License-Identifier: MIT */
/*
 * fuzz.h
 *	  What the fuzz harnesses share. Each harness is one LLVMFuzzerTestOneInput; built with
 *	  -Dfuzz=true (clang, libFuzzer) it is a fuzzer, and linked with replay.c it is a plain
 *	  program that feeds it the files of testdata/fuzz-regressions/<harness>/, which the
 *	  normal test suite runs.
 */
#ifndef MIGLINT_FUZZ_H
#define MIGLINT_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "miglint/folder.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Lints 'in' with the default config and runs every reporter into /dev/null. */
void fuzz_lint_and_report(struct ml_inputs *in);

/* A private temporary folder for this process (created once, never removed while running). */
const char *fuzz_temp_dir(void);

/*
 * The scratch Drizzle folder the journal and snapshot harnesses share: meta/ and two small
 * migrations, 0000_init.sql and 0001_next.sql. The harness writes its own meta files.
 */
const char *fuzz_drizzle_folder(void);

/* Lints the folder 'dir' as the command line would (when it can be opened at all). */
void fuzz_lint_folder(const char *dir);

/* Writes data[0..size) to dir/rel, creating nothing else. */
void fuzz_write(const char *dir, const char *rel, const uint8_t *data, size_t size);

#endif
