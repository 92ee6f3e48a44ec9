/* SPDX-License-Identifier: MIT */
/*
 * report.h
 *	  Reporters: they format the run's findings and decide nothing.
 *
 * Suppressed findings are skipped by every reporter; primary, detail and hint pass through
 * unchanged (STYLE.md §7).
 */
#ifndef MIGLINT_REPORT_H
#define MIGLINT_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "miglint/config.h"
#include "miglint/diag.h"
#include "miglint/lint.h"

/* The reporters write their output out whenever this much is buffered. */
#define ML_REPORT_FLUSH_AT (64 * 1024)

/* Counts of the findings that are reported (not suppressed). */
struct ml_report_counts
{
	size_t errors;
	size_t warnings;
	size_t infos;
	size_t files_with_findings;
};

void ml_report_count(struct ml_report_counts *out, const struct ml_diag_list *diags);

/*
 * Text for people: "file:line:col: severity: message [rule]", the source line with a caret
 * under the span, DETAIL and HINT lines, and a summary line when anything was found.
 */
void ml_report_text(FILE *out, const struct ml_diag_list *diags, const struct ml_lint_stats *stats,
					bool color);

/* One JSON document (docs/json-output.md); version 1. */
void ml_report_json(FILE *out, const struct ml_diag_list *diags, const struct ml_lint_stats *stats);

/* SARIF 2.1.0, every rule in tool.driver (with the effective severities of 'cfg'). */
void ml_report_sarif(FILE *out, const struct ml_diag_list *diags, const struct ml_config *cfg);

/* GitHub Actions workflow commands (::error file=...::message), escaped as GitHub requires. */
void ml_report_github(FILE *out, const struct ml_diag_list *diags);

/* One line per finding, file:line:col: severity: message [rule]. */
void ml_report_gcc(FILE *out, const struct ml_diag_list *diags);

#endif
