/* SPDX-License-Identifier: MIT */
/*
 * sarif.c
 *	  The SARIF 2.1.0 reporter, for GitHub code scanning and other SARIF consumers.
 *
 * tool.driver lists every rule (id, name, shortDescription = summary, fullDescription =
 * why, help = fix, helpUri, defaultConfiguration.level = the effective severity); each
 * result names its rule by id and index, with a physical location whose region is in
 * Unicode code points (the run says so with columnKind), as miglint counts columns.
 * Levels: error -> "error", warning -> "warning", info -> "note". File paths become
 * relative URI references with RFC 3986 percent-encoding.
 */
#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "miglint/arena.h"
#include "miglint/report.h"
#include "miglint/rule.h"
#include "miglint/strbuf.h"

#ifndef MIGLINT_DOCS_URL
#define MIGLINT_DOCS_URL "https://github.com/miglint/miglint/blob/main/docs/rules/"
#endif

static const char *
level(enum ml_severity s)
{
	return s == ML_SEVERITY_ERROR ? "error" : s == ML_SEVERITY_WARNING ? "warning" : "note";
}

/* A path as a URI reference: unreserved characters and '/' kept, the rest percent-encoded. */
static char *
uri_of(const char *path)
{
	struct ml_strbuf sb;

	ml_strbuf_init(&sb);
	if (path[0] == '/')
		ml_strbuf_puts(&sb, "file://");
	for (const unsigned char *p = (const unsigned char *) path; *p; p++)
	{
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
			strchr("-._~/", *p) != NULL)
			ml_strbuf_putc(&sb, (char) *p);
		else
			ml_strbuf_printf(&sb, "%%%02X", *p);
	}
	return ml_strbuf_detach(&sb);
}

static cJSON *
text(const char *t)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "text", t);
	return o;
}

static cJSON *
driver(const struct ml_config *cfg)
{
	cJSON *d = cJSON_CreateObject(), *rules;

	cJSON_AddStringToObject(d, "name", "miglint");
	cJSON_AddStringToObject(d, "version", MIGLINT_VERSION);
	cJSON_AddStringToObject(d, "semanticVersion", MIGLINT_VERSION);
	cJSON_AddStringToObject(d, "informationUri", MIGLINT_DOCS_URL);
	rules = cJSON_AddArrayToObject(d, "rules");
	for (size_t i = 0; i < ml_rules_count; i++)
	{
		const struct ml_rule *r = ml_rules[i];
		cJSON *o = cJSON_CreateObject(), *conf;
		char *help_uri = malloc(strlen(MIGLINT_DOCS_URL) + strlen(r->name) + 4);

		if (help_uri == NULL)
			ml_fatal_oom();
		sprintf(help_uri, "%s%s.md", MIGLINT_DOCS_URL, r->name);
		cJSON_AddStringToObject(o, "id", r->name);
		cJSON_AddStringToObject(o, "name", r->name);
		cJSON_AddItemToObject(o, "shortDescription", text(r->summary));
		cJSON_AddItemToObject(o, "fullDescription", text(r->why));
		cJSON_AddItemToObject(o, "help", text(r->fix));
		cJSON_AddStringToObject(o, "helpUri", help_uri);
		conf = cJSON_AddObjectToObject(o, "defaultConfiguration");
		if (cfg->severity[i] == ML_SEVERITY_OFF)
		{
			cJSON_AddBoolToObject(conf, "enabled", 0);
			cJSON_AddStringToObject(conf, "level", level(r->severity));
		}
		else
			cJSON_AddStringToObject(conf, "level", level(cfg->severity[i]));
		cJSON_AddItemToArray(rules, o);
		free(help_uri);
	}
	return d;
}

/* A finding's message: the primary, then detail and hint as sentences after it. */
static char *
message_text(const struct ml_diag *d)
{
	struct ml_strbuf sb;

	ml_strbuf_init(&sb);
	ml_strbuf_puts(&sb, d->message);
	if (d->detail != NULL)
		ml_strbuf_printf(&sb, "\n%s", d->detail);
	if (d->hint != NULL)
		ml_strbuf_printf(&sb, "\nHint: %s", d->hint);
	return ml_strbuf_detach(&sb);
}

/*
 * Writes one result as cJSON prints it inside the document: nested four levels deeper, so
 * each of its lines gets four more tabs (a printed string never holds a raw newline).
 */
static void
put_result(FILE *out, cJSON *res)
{
	char *printed = cJSON_Print(res);

	if (printed == NULL)
		ml_fatal_oom();
	for (const char *p = printed, *nl; *p; p = nl + 1)
	{
		nl = strchr(p, '\n');
		if (nl == NULL)
		{
			fputs(p, out);
			break;
		}
		fwrite(p, 1, (size_t) (nl - p) + 1, out);
		fputs("\t\t\t\t", out);
	}
	free(printed);
	cJSON_Delete(res);
}

/*
 * The document is printed with an empty results array and written around it, each result
 * built, printed and freed in turn: the same bytes as printing the whole tree, without
 * holding every finding as JSON at once.
 */
void
ml_report_sarif(FILE *out, const struct ml_diag_list *diags, const struct ml_config *cfg)
{
	cJSON *root = cJSON_CreateObject(), *runs, *run, *tool;
	char *printed, *slot;
	bool first = true;

	cJSON_AddStringToObject(root, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
	cJSON_AddStringToObject(root, "version", "2.1.0");
	runs = cJSON_AddArrayToObject(root, "runs");
	run = cJSON_CreateObject();
	cJSON_AddItemToArray(runs, run);
	tool = cJSON_AddObjectToObject(run, "tool");
	cJSON_AddItemToObject(tool, "driver", driver(cfg));
	cJSON_AddStringToObject(run, "columnKind", "unicodeCodePoints");
	cJSON_AddArrayToObject(run, "results");
	printed = cJSON_Print(root);
	cJSON_Delete(root);
	/* "results" is the run's last member, so its "[]" is the last in the text. */
	if (printed == NULL || (slot = strstr(printed, "\"results\":\t[]")) == NULL)
		ml_fatal_oom();
	slot += strlen("\"results\":\t[");
	fwrite(printed, 1, (size_t) (slot - printed), out);
	for (size_t i = 0; i < diags->n; i++)
	{
		const struct ml_diag *d = &diags->items[i];
		cJSON *res, *locs, *loc, *phys, *art, *region;
		char *uri, *msg;

		if (d->suppressed)
			continue;
		res = cJSON_CreateObject();
		cJSON_AddStringToObject(res, "ruleId", d->rule);
		cJSON_AddNumberToObject(res, "ruleIndex",
								(double) ml_rule_index(ml_rule_find(d->rule)));
		cJSON_AddStringToObject(res, "level", level(d->severity));
		msg = message_text(d);
		cJSON_AddItemToObject(res, "message", text(msg));
		free(msg);
		locs = cJSON_AddArrayToObject(res, "locations");
		loc = cJSON_CreateObject();
		cJSON_AddItemToArray(locs, loc);
		phys = cJSON_AddObjectToObject(loc, "physicalLocation");
		art = cJSON_AddObjectToObject(phys, "artifactLocation");
		uri = uri_of(d->file);
		cJSON_AddStringToObject(art, "uri", uri);
		free(uri);
		region = cJSON_AddObjectToObject(phys, "region");
		cJSON_AddNumberToObject(region, "startLine", d->line);
		cJSON_AddNumberToObject(region, "startColumn", d->col);
		cJSON_AddNumberToObject(region, "endLine", d->end_line);
		cJSON_AddNumberToObject(region, "endColumn", d->end_col > d->col || d->end_line > d->line
														 ? d->end_col
														 : d->col + 1);
		if (!first)
			fputs(", ", out);
		first = false;
		put_result(out, res);
	}
	fputs(slot, out);
	fputc('\n', out);
	free(printed);
}
