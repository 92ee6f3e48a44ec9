/* SPDX-License-Identifier: MIT */
/*
 * text.c
 *	  The text reporter, psql-flavoured:
 *
 *	  drizzle/0003_users_email.sql:4:1: warning: CREATE INDEX "users_email_idx" is not idempotent [require-if-not-exists]
 *	      4 | CREATE INDEX "users_email_idx" ON "users" USING btree ("email");
 *	        | ^~~~~~~~~~~~
 *	    DETAIL: Running this migration a second time fails because the index already exists.
 *	    HINT: Write CREATE INDEX IF NOT EXISTS "users_email_idx".
 *
 * The caret line repeats the source line's tabs so it lines up in any tab width; control
 * characters in the source line are shown as spaces so a file cannot drive the terminal.
 * Output goes through a buffer written out every 64 KiB: cost is linear in the number of
 * findings, and the whole report is never held in memory.
 */
#include <stdlib.h>
#include <string.h>

#include "miglint/arena.h"
#include "miglint/report.h"
#include "miglint/utf8.h"
#include "miglint/strbuf.h"

#define BOLD "\033[1m"
#define RED "\033[31m"
#define YELLOW "\033[33m"
#define CYAN "\033[36m"
#define DIM "\033[2m"
#define RESET "\033[0m"

/* Appends 'v' in decimal, right-aligned in 'width' columns (0: no padding). */
static void
put_uint(struct ml_strbuf *sb, unsigned v, int width)
{
	char digits[16];
	int n = 0;

	do
	{
		digits[n++] = (char) ('0' + v % 10);
		v /= 10;
	} while (v > 0);
	for (int i = n; i < width; i++)
		ml_strbuf_putc(sb, ' ');
	while (n > 0)
		ml_strbuf_putc(sb, digits[--n]);
}

void
ml_report_count(struct ml_report_counts *out, const struct ml_diag_list *diags)
{
	const char *last_file = NULL;
	size_t last_order = (size_t) -1;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < diags->n; i++)
	{
		const struct ml_diag *d = &diags->items[i];

		if (d->suppressed)
			continue;
		if (d->severity == ML_SEVERITY_ERROR)
			out->errors++;
		else if (d->severity == ML_SEVERITY_WARNING)
			out->warnings++;
		else if (d->severity == ML_SEVERITY_INFO)
			out->infos++;
		if (last_file == NULL || d->file_order != last_order)
			out->files_with_findings++;
		last_file = d->file;
		last_order = d->file_order;
	}
}

static const char *
sev_color(enum ml_severity s)
{
	return s == ML_SEVERITY_ERROR ? RED : s == ML_SEVERITY_WARNING ? YELLOW : CYAN;
}

/* Appends the source line with control characters (other than tab) shown as spaces. */
static void
put_source(struct ml_strbuf *sb, const char *line)
{
	const char *run = line, *p = line;

	for (; *p; p++)
	{
		if (((unsigned char) *p < 0x20 && *p != '\t') || *p == 0x7f)
		{
			ml_strbuf_add(sb, run, (size_t) (p - run));
			ml_strbuf_putc(sb, ' ');
			run = p + 1;
		}
	}
	ml_strbuf_add(sb, run, (size_t) (p - run));
}

/* Appends the caret line: spaces (or tabs) up to 'col', then ^~~~ over the span. */
static void
put_caret(struct ml_strbuf *sb, const struct ml_diag *d)
{
	const unsigned char *p = (const unsigned char *) d->source_line;
	unsigned c = 1, width;

	while (*p && c < d->col)
	{
		ml_strbuf_putc(sb, *p == '\t' ? '\t' : ' ');
		p++;
		while ((*p & 0xC0) == 0x80)
			p++;
		c++;
	}
	if (d->end_line == d->line && d->end_col > d->col)
		width = d->end_col - d->col;
	else
	{
		/* The span runs past this line: underline to its end. */
		width = 1;
		while (*p)
		{
			p++;
			while ((*p & 0xC0) == 0x80)
				p++;
			if (*p)
				width++;
		}
	}
	ml_strbuf_putc(sb, '^');
	for (unsigned i = 1; i < width; i++)
		ml_strbuf_putc(sb, '~');
}

/* Appends text with line breaks shown as \n: a finding's first line stays one line. */
static void
put_one_line(struct ml_strbuf *sb, const char *text)
{
	for (const char *p = text; *p; p++)
	{
		if (*p == '\n')
			ml_strbuf_puts(sb, "\\n");
		else if (*p != '\r')
			ml_strbuf_putc(sb, *p);
	}
}

/*
 * Appends the source line and the caret line under it. A line longer than WINDOW characters
 * (minified SQL, a data line) is cut to a window around the caret, marked with "...".
 */
#define WINDOW 160
static void
put_window(struct ml_strbuf *sb, const struct ml_diag *d, const char *caret_color)
{
	const char *line = d->source_line;
	size_t len = strlen(line), chars, first = 0, last;
	struct ml_diag shifted = *d;
	char *cut;

	chars = ml_utf8_count(line, len);
	last = chars;
	if (chars > WINDOW)
	{
		first = d->col > 41 ? d->col - 41 : 0;
		last = first + WINDOW < chars ? first + WINDOW : chars;
	}
	cut = strndup(line + ml_utf8_offset(line, len, first),
				  ml_utf8_offset(line, len, last) - ml_utf8_offset(line, len, first));
	if (cut == NULL)
		ml_fatal_oom();
	if (first > 0)
		ml_strbuf_puts(sb, "...");
	put_source(sb, cut);
	if (last < chars)
		ml_strbuf_puts(sb, "...");
	ml_strbuf_puts(sb, "\n      | ");
	if (first > 0)
		ml_strbuf_puts(sb, "   ");
	shifted.source_line = cut;
	shifted.col = d->col - (unsigned) first;
	if (shifted.end_line == shifted.line)
		shifted.end_col = d->end_col - (unsigned) first > (unsigned) (last - first) + 1
							  ? (unsigned) (last - first) + 1
							  : d->end_col - (unsigned) first;
	if (caret_color)
		ml_strbuf_puts(sb, caret_color);
	put_caret(sb, &shifted);
	if (caret_color)
		ml_strbuf_puts(sb, RESET);
	free(cut);
}

static void
plural(struct ml_strbuf *sb, size_t n, const char *one, const char *many, bool *first)
{
	if (n == 0)
		return;
	ml_strbuf_printf(sb, "%s%zu %s", *first ? "" : ", ", n, n == 1 ? one : many);
	*first = false;
}

void
ml_report_text(FILE *out, const struct ml_diag_list *diags, const struct ml_lint_stats *stats,
			   bool color)
{
	struct ml_strbuf sb;
	struct ml_report_counts counts;
	bool first = true;

	ml_strbuf_init(&sb);
	for (size_t i = 0; i < diags->n; i++)
	{
		const struct ml_diag *d = &diags->items[i];
		const char *sc = sev_color(d->severity);

		if (d->suppressed)
			continue;
		if (color)
			ml_strbuf_puts(&sb, BOLD);
		ml_strbuf_puts(&sb, d->file);
		ml_strbuf_putc(&sb, ':');
		put_uint(&sb, d->line, 0);
		ml_strbuf_putc(&sb, ':');
		put_uint(&sb, d->col, 0);
		ml_strbuf_puts(&sb, color ? ":" RESET " " : ": ");
		if (color)
			ml_strbuf_puts(&sb, sc);
		ml_strbuf_puts(&sb, ml_severity_name(d->severity));
		ml_strbuf_puts(&sb, color ? ":" RESET " " : ": ");
		put_one_line(&sb, d->message);
		ml_strbuf_puts(&sb, color ? " " DIM "[" : " [");
		ml_strbuf_puts(&sb, d->rule);
		ml_strbuf_puts(&sb, color ? "]" RESET "\n" : "]\n");
		put_uint(&sb, d->line, 5);
		ml_strbuf_puts(&sb, " | ");
		put_window(&sb, d, color ? sc : NULL);
		ml_strbuf_putc(&sb, '\n');
		if (d->detail != NULL)
		{
			ml_strbuf_puts(&sb, "  DETAIL: ");
			ml_strbuf_puts(&sb, d->detail);
			ml_strbuf_putc(&sb, '\n');
		}
		if (d->hint != NULL)
		{
			ml_strbuf_puts(&sb, "  HINT: ");
			ml_strbuf_puts(&sb, d->hint);
			ml_strbuf_putc(&sb, '\n');
		}
		ml_strbuf_putc(&sb, '\n');
		ml_strbuf_flush_at(&sb, out, ML_REPORT_FLUSH_AT);
	}
	ml_report_count(&counts, diags);
	if (counts.errors + counts.warnings + counts.infos > 0)
	{
		plural(&sb, counts.errors, "error", "errors", &first);
		plural(&sb, counts.warnings, "warning", "warnings", &first);
		plural(&sb, counts.infos, "info", "infos", &first);
		ml_strbuf_printf(&sb, " in %zu %s (%zu %s, %zu %s checked)\n", counts.files_with_findings,
						 counts.files_with_findings == 1 ? "file" : "files", stats->files,
						 stats->files == 1 ? "file" : "files", stats->statements,
						 stats->statements == 1 ? "statement" : "statements");
	}
	if (sb.len > 0)
		fwrite(sb.data, 1, sb.len, out);
	ml_strbuf_cleanup(&sb);
}
