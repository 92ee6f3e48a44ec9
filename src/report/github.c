/* SPDX-License-Identifier: MIT */
/*
 * github.c
 *	  GitHub Actions workflow commands: one annotation per finding.
 *
 *	  ::error file=drizzle/0001_x.sql,line=4,col=1,endLine=4,endColumn=13,title=rule::message
 *
 * Escaped as GitHub's runner unescapes them: in the message '%', '\r' and '\n' become
 * %25, %0D and %0A; in a property also ':' and ',' become %3A and %2C. Levels: error ->
 * error, warning -> warning, info -> notice. The message carries the detail and the hint
 * on lines of their own (as %0A).
 */
#include "miglint/report.h"
#include "miglint/strbuf.h"

static void
escape(struct ml_strbuf *sb, const char *s, bool property)
{
	for (; *s; s++)
	{
		if (*s == '%')
			ml_strbuf_puts(sb, "%25");
		else if (*s == '\r')
			ml_strbuf_puts(sb, "%0D");
		else if (*s == '\n')
			ml_strbuf_puts(sb, "%0A");
		else if (property && *s == ':')
			ml_strbuf_puts(sb, "%3A");
		else if (property && *s == ',')
			ml_strbuf_puts(sb, "%2C");
		else
			ml_strbuf_putc(sb, *s);
	}
}

void
ml_report_github(FILE *out, const struct ml_diag_list *diags)
{
	struct ml_strbuf sb;

	ml_strbuf_init(&sb);
	for (size_t i = 0; i < diags->n; i++)
	{
		const struct ml_diag *d = &diags->items[i];
		const char *cmd = d->severity == ML_SEVERITY_ERROR	   ? "error"
						  : d->severity == ML_SEVERITY_WARNING ? "warning"
															   : "notice";

		if (d->suppressed)
			continue;
		ml_strbuf_printf(&sb, "::%s file=", cmd);
		escape(&sb, d->file, true);
		ml_strbuf_printf(&sb, ",line=%u,col=%u,endLine=%u,endColumn=%u,title=", d->line, d->col,
						 d->end_line, d->end_col);
		escape(&sb, d->rule, true);
		ml_strbuf_puts(&sb, "::");
		escape(&sb, d->message, false);
		if (d->detail != NULL)
		{
			ml_strbuf_puts(&sb, "%0A");
			escape(&sb, d->detail, false);
		}
		if (d->hint != NULL)
		{
			ml_strbuf_puts(&sb, "%0AHint: ");
			escape(&sb, d->hint, false);
		}
		ml_strbuf_putc(&sb, '\n');
		ml_strbuf_flush_at(&sb, out, ML_REPORT_FLUSH_AT);
	}
	if (sb.len > 0)
		fwrite(sb.data, 1, sb.len, out);
	ml_strbuf_cleanup(&sb);
}
