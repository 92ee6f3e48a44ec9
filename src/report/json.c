/* SPDX-License-Identifier: MIT */
/*
 * json.c
 *	  The JSON reporter: one document, version 1.
 *
 *	  {"version": 1, "tool": {"name": "miglint", "version": "0.1.0"},
 *	   "findings": [{"rule", "severity", "file", "line", "column", "endLine", "endColumn",
 *	                 "startByte", "endByte", "message", "detail", "hint"}],
 *	   "summary": {"errors", "warnings", "infos", "files", "statements"}}
 *
 * Lines and columns are 1-based, columns count characters, and the end is exclusive (the
 * column after the last character), as in SARIF; bytes are 0-based offsets. A missing
 * detail or hint is null.
 */
#include <cjson/cJSON.h>
#include <stdlib.h>

#include "miglint/arena.h"
#include "miglint/report.h"

static void
add_str_or_null(cJSON *obj, const char *key, const char *value)
{
	if (value != NULL)
		cJSON_AddStringToObject(obj, key, value);
	else
		cJSON_AddNullToObject(obj, key);
}

void
ml_report_json(FILE *out, const struct ml_diag_list *diags, const struct ml_lint_stats *stats)
{
	cJSON *root = cJSON_CreateObject();
	cJSON *tool, *findings, *summary;
	struct ml_report_counts counts;
	char *text;

	if (root == NULL)
		ml_fatal_oom();
	cJSON_AddNumberToObject(root, "version", 1);
	tool = cJSON_AddObjectToObject(root, "tool");
	cJSON_AddStringToObject(tool, "name", "miglint");
	cJSON_AddStringToObject(tool, "version", MIGLINT_VERSION);
	findings = cJSON_AddArrayToObject(root, "findings");
	for (size_t i = 0; i < diags->n; i++)
	{
		const struct ml_diag *d = &diags->items[i];
		cJSON *f;

		if (d->suppressed)
			continue;
		f = cJSON_CreateObject();
		if (f == NULL)
			ml_fatal_oom();
		cJSON_AddStringToObject(f, "rule", d->rule);
		cJSON_AddStringToObject(f, "severity", ml_severity_name(d->severity));
		cJSON_AddStringToObject(f, "file", d->file);
		cJSON_AddNumberToObject(f, "line", d->line);
		cJSON_AddNumberToObject(f, "column", d->col);
		cJSON_AddNumberToObject(f, "endLine", d->end_line);
		cJSON_AddNumberToObject(f, "endColumn", d->end_col);
		cJSON_AddNumberToObject(f, "startByte", d->start);
		cJSON_AddNumberToObject(f, "endByte", d->end);
		cJSON_AddStringToObject(f, "message", d->message);
		add_str_or_null(f, "detail", d->detail);
		add_str_or_null(f, "hint", d->hint);
		cJSON_AddItemToArray(findings, f);
	}
	ml_report_count(&counts, diags);
	summary = cJSON_AddObjectToObject(root, "summary");
	cJSON_AddNumberToObject(summary, "errors", (double) counts.errors);
	cJSON_AddNumberToObject(summary, "warnings", (double) counts.warnings);
	cJSON_AddNumberToObject(summary, "infos", (double) counts.infos);
	cJSON_AddNumberToObject(summary, "files", (double) stats->files);
	cJSON_AddNumberToObject(summary, "statements", (double) stats->statements);
	text = cJSON_PrintUnformatted(root);
	if (text == NULL)
		ml_fatal_oom();
	fputs(text, out);
	fputc('\n', out);
	free(text);
	cJSON_Delete(root);
}
