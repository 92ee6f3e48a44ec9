/* SPDX-License-Identifier: MIT */
/*
 * lint.c
 *	  The driver behind `miglint PATH...`.
 *
 * For each file: read and check the bytes, split and parse, collect ignore comments, run
 * every statement rule on every parsed statement and every file rule once, apply the ignore
 * comments, then run the rules that judge the ignore comments themselves.
 */
#include "miglint/lint.h"

#include "miglint/rule.h"

/* Runs one phase of the rules over a parsed file. */
static void
run_rules(struct ml_check *chk, bool after_suppression)
{
	for (size_t r = 0; r < ml_rules_count; r++)
	{
		const struct ml_rule *rule = ml_rules[r];

		if (rule->severity == ML_SEVERITY_OFF || rule->after_suppression != after_suppression)
			continue;
		chk->rule = rule;
		if (rule->check_statement != NULL)
			for (size_t i = 0; i < chk->file->n_stmts; i++)
				if (chk->file->stmts[i].node != NULL)
					rule->check_statement(chk, &chk->file->stmts[i]);
		if (rule->check_file != NULL)
			rule->check_file(chk);
	}
}

static void
lint_file(struct ml_lint_stats *stats, struct ml_diag_list *diags, const struct ml_migration *m,
		  size_t order, ml_input_error_fn on_error, void *data)
{
	struct ml_arena *arena = ml_arena_create();
	struct ml_source *src = NULL;
	struct ml_file file;
	struct ml_suppressions supp;
	struct ml_check chk = {0};
	struct ml_error err;
	enum ml_split_mode mode = m->mode;
	size_t first, late;

	ml_error_clear(&err);
	if (ml_source_read(&src, arena, m->fs_path, m->display, &err) != 0)
	{
		stats->input_errors++;
		on_error(&err, data);
		ml_arena_destroy(arena);
		return;
	}
	if (mode == ML_SPLIT_AUTO)
		mode = ml_has_breakpoint(src->data, src->len) ? ML_SPLIT_DRIZZLE : ML_SPLIT_PLAIN;
	ml_file_parse(&file, arena, src, mode);
	ml_suppress_collect(&supp, arena, &file);
	chk.arena = arena;
	chk.file = &file;
	chk.diags = diags;
	chk.file_order = order;
	chk.supp = &supp;
	first = diags->n;
	run_rules(&chk, false);
	ml_suppress_apply(&supp, diags->items, first, diags->n);
	late = diags->n;
	run_rules(&chk, true);
	ml_suppress_apply(&supp, diags->items, late, diags->n);
	stats->files++;
	for (size_t i = 0; i < file.n_stmts; i++)
		if (file.stmts[i].node != NULL)
			stats->statements++;
	ml_arena_destroy(arena);
}

void
ml_lint_run(struct ml_lint_stats *stats, struct ml_diag_list *diags, const struct ml_inputs *in,
			ml_input_error_fn on_error, void *data)
{
	size_t order = 0;

	stats->files = 0;
	stats->statements = 0;
	stats->input_errors = 0;
	for (size_t f = 0; f < in->n_folders; f++)
		for (size_t i = 0; i < in->folders[f]->n_files; i++)
			if (in->folders[f]->files[i].selected)
				lint_file(stats, diags, &in->folders[f]->files[i], order++, on_error, data);
	ml_diag_list_sort(diags);
}
