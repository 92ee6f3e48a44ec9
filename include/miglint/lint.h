/* SPDX-License-Identifier: MIT */
/*
 * lint.h
 *	  The driver: every selected file of every input through parse -> rules -> suppression.
 *
 * One arena per file, freed as soon as the file is done; diagnostics outlive it in the
 * run's list. A file that cannot be read is reported through the callback and counted,
 * and the other files are still linted.
 */
#ifndef MIGLINT_LINT_H
#define MIGLINT_LINT_H

#include <stddef.h>

#include "miglint/config.h"
#include "miglint/diag.h"
#include "miglint/error.h"
#include "miglint/folder.h"

struct ml_lint_stats
{
	size_t files;		 /* files linted */
	size_t statements;	 /* statements parsed (syntax errors not included) */
	size_t input_errors; /* files that could not be linted */
};

/* Called once per file that could not be read or is not lintable text. */
typedef void (*ml_input_error_fn)(const struct ml_error *err, void *data);

/*
 * Lints the selected files of 'in' into 'diags' (suppressed findings are kept, marked).
 * Fills *stats. Never fails: input problems go to 'on_error'.
 */
void ml_lint_run(struct ml_lint_stats *stats, struct ml_diag_list *diags,
				 const struct ml_inputs *in, const struct ml_config *config,
				 ml_input_error_fn on_error, void *data);

#endif
