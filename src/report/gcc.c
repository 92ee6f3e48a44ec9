/* SPDX-License-Identifier: MIT */
/*
 * gcc.c
 *	  One line per finding, as compilers print them, for editors' quickfix lists:
 *
 *	  drizzle/0001_x.sql:4:1: warning: CREATE INDEX "i" is not idempotent [require-if-not-exists]
 *
 * info findings are "note". Line breaks inside a message are shown as \n, so that each
 * finding stays one line.
 */
#include "miglint/report.h"
#include "miglint/strbuf.h"

void
ml_report_gcc(FILE *out, const struct ml_diag_list *diags)
{
	struct ml_strbuf sb;

	ml_strbuf_init(&sb);
	for (size_t i = 0; i < diags->n; i++)
	{
		const struct ml_diag *d = &diags->items[i];

		if (d->suppressed)
			continue;
		for (const char *p = d->file; *p; p++)
			if (*p == '\n')
				ml_strbuf_puts(&sb, "\\n");
			else
				ml_strbuf_putc(&sb, *p);
		ml_strbuf_printf(&sb, ":%u:%u: %s: ", d->line, d->col,
						 d->severity == ML_SEVERITY_ERROR	  ? "error"
						 : d->severity == ML_SEVERITY_WARNING ? "warning"
															  : "note");
		for (const char *p = d->message; *p; p++)
			if (*p == '\n')
				ml_strbuf_puts(&sb, "\\n");
			else if (*p != '\r')
				ml_strbuf_putc(&sb, *p);
		ml_strbuf_printf(&sb, " [%s]\n", d->rule);
		ml_strbuf_flush_at(&sb, out, ML_REPORT_FLUSH_AT);
	}
	if (sb.len > 0)
		fwrite(sb.data, 1, sb.len, out);
	ml_strbuf_cleanup(&sb);
}
