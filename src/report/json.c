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
#include <stdbool.h>
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

/* Writes 'item' unformatted, as cJSON prints it inside a document, and frees it. */
static void
put_item(FILE *out, cJSON *item)
{
	char *text = cJSON_PrintUnformatted(item);

	if (text == NULL)
		ml_fatal_oom();
	fputs(text, out);
	free(text);
	cJSON_Delete(item);
}

/*
 * The document is written finding by finding (each one built, printed and freed), in the
 * exact bytes cJSON prints for the whole tree, so that a report of 200,000 findings never
 * holds them all as JSON at once.
 */
void
ml_report_json(FILE *out, const struct ml_diag_list *diags, const struct ml_lint_stats *stats)
{
	cJSON *tool = cJSON_CreateObject(), *summary = cJSON_CreateObject();
	struct ml_report_counts counts;
	bool first = true;

	if (tool == NULL || summary == NULL)
		ml_fatal_oom();
	cJSON_AddStringToObject(tool, "name", "miglint");
	cJSON_AddStringToObject(tool, "version", MIGLINT_VERSION);
	fputs("{\"version\":1,\"tool\":", out);
	put_item(out, tool);
	fputs(",\"findings\":[", out);
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
		if (!first)
			fputc(',', out);
		first = false;
		put_item(out, f);
	}
	ml_report_count(&counts, diags);
	cJSON_AddNumberToObject(summary, "errors", (double) counts.errors);
	cJSON_AddNumberToObject(summary, "warnings", (double) counts.warnings);
	cJSON_AddNumberToObject(summary, "infos", (double) counts.infos);
	cJSON_AddNumberToObject(summary, "files", (double) stats->files);
	cJSON_AddNumberToObject(summary, "statements", (double) stats->statements);
	fputs("],\"summary\":", out);
	put_item(out, summary);
	fputs("}\n", out);
}
