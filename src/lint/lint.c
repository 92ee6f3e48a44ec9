/* SPDX-License-Identifier: MIT */
/*
 * lint.c
 *	  The driver behind `miglint PATH...`.
 *
 * Folder by folder: load the Drizzle journal and snapshots, then take the files in the
 * order they run. Each file is read, split and parsed; each statement is replayed into the
 * folder's catalog and then given to every statement rule, so a rule sees the schema as it
 * stands right after its statement; then the file rules run, the ignore comments are
 * applied, the rules that judge the ignore comments run, and the file's arena is freed.
 * Files that never run (a .sql without journal entry, *.down.sql) are linted but not
 * replayed. A file named alone inside a Drizzle folder is linted with the whole folder
 * replayed around it, and only its findings (and the folder's) are reported. Last, the
 * folder rules judge the journal, the snapshots and the final schema.
 */
#include "miglint/lint.h"

#include "miglint/catalog.h"
#include "miglint/drizzle.h"
#include "miglint/rule.h"

/* Runs the statement rules (or, with after_suppression, nothing) on one statement. */
static void
statement_rules(struct ml_check *chk, const struct ml_stmt *stmt)
{
	for (size_t r = 0; r < ml_rules_count; r++)
	{
		const struct ml_rule *rule = ml_rules[r];

		if (chk->config->severity[r] == ML_SEVERITY_OFF || rule->check_statement == NULL)
			continue;
		chk->rule = rule;
		rule->check_statement(chk, stmt);
	}
}

static void
file_rules(struct ml_check *chk, bool after_suppression)
{
	for (size_t r = 0; r < ml_rules_count; r++)
	{
		const struct ml_rule *rule = ml_rules[r];

		if (chk->config->severity[r] == ML_SEVERITY_OFF || rule->check_file == NULL ||
			rule->after_suppression != after_suppression)
			continue;
		chk->rule = rule;
		rule->check_file(chk);
	}
}

/* What one folder's files share while they are linted. */
struct folder_run
{
	struct ml_lint_stats *stats;
	struct ml_diag_list *diags;
	struct ml_folder *folder;
	struct ml_drizzle_meta *meta;
	struct ml_catalog *catalog;
	size_t migrations; /* files replayed so far */
	const struct ml_config *config;
	ml_input_error_fn on_error;
	void *data;
};

static void
lint_file(struct folder_run *run, struct ml_migration *m, bool replay)
{
	struct ml_arena *arena = ml_arena_create();
	struct ml_source *src = NULL;
	struct ml_file file;
	struct ml_suppressions supp;
	struct ml_check chk = {0};
	struct ml_error err;
	size_t first, late;

	ml_error_clear(&err);
	if (m->override == NULL && m->fs_path != NULL && run->folder->kind != ML_FOLDER_SINGLE &&
		!ml_folder_path_inside(run->folder->real_root, m->fs_path))
	{
		ml_error_set(&err, ML_EINPUT,
					 "file \"%s\" lies outside the folder, through a symbolic link", m->display);
		ml_error_detail(&err, "Only files inside the folder given are read.");
		ml_error_hint(&err, "Copy the migration into the folder instead of linking to it.");
	}
	if (err.code != 0 ||
		(m->override != NULL
			 ? ml_source_from_bytes(&src, arena, m->override, m->override_len, m->display, &err) != 0
			 : ml_source_read(&src, arena, m->fs_path, m->display, &err) != 0))
	{
		if (m->selected)
		{
			run->stats->input_errors++;
			run->on_error(&err, run->data);
		}
		ml_arena_destroy(arena);
		return;
	}
	src->order = m->order;
	ml_file_parse(&file, arena, src, m->mode);
	ml_suppress_collect(&supp, arena, &file);
	chk.arena = arena;
	chk.file = &file;
	chk.diags = run->diags;
	chk.supp = &supp;
	chk.folder = run->folder;
	chk.migration = m;
	chk.meta = run->meta;
	chk.catalog = replay ? run->catalog : NULL;
	chk.config = run->config;
	if (replay)
	{
		ml_catalog_begin(run->catalog, run->migrations++, src);
		if (file.n_dynamic > 0)
			ml_catalog_mark_inexact(run->catalog);
	}
	first = run->diags->n;
	for (size_t i = 0; i < file.n_stmts; i++)
	{
		if (replay)
			ml_catalog_apply(run->catalog, &file.stmts[i]);
		if (m->selected && file.stmts[i].node != NULL)
			statement_rules(&chk, &file.stmts[i]);
	}
	if (m->selected)
	{
		file_rules(&chk, false);
		ml_suppress_apply(&supp, run->diags->items, first, run->diags->n);
		late = run->diags->n;
		file_rules(&chk, true);
		ml_suppress_apply(&supp, run->diags->items, late, run->diags->n);
		run->stats->files++;
		for (size_t i = 0; i < file.n_stmts; i++)
			if (file.stmts[i].node != NULL)
				run->stats->statements++;
	}
	ml_arena_destroy(arena);
}

/* A file runs (and so is replayed) when drizzle's migrator or the folder's tool runs it. */
static bool
runs(const struct ml_folder *f, const struct ml_migration *m)
{
	if (f->kind == ML_FOLDER_DRIZZLE)
		return m->journaled;
	return !m->down;
}

static void
lint_folder(struct folder_run *run, size_t *order)
{
	struct ml_folder *f = run->folder;
	struct ml_check chk = {0};
	bool any = false;

	for (size_t i = 0; i < f->n_files; i++)
	{
		f->files[i].order = (*order)++;
		any = any || f->files[i].selected;
	}
	if (!any && !f->named)
		return;
	run->meta = ml_drizzle_meta_load(f, order);
	run->catalog = ml_catalog_create();
	run->migrations = 0;
	for (size_t i = 0; i < f->n_files; i++)
	{
		bool replay = runs(f, &f->files[i]);

		if (f->files[i].selected || replay)
			lint_file(run, &f->files[i], replay);
	}
	chk.arena = ml_arena_create();
	chk.diags = run->diags;
	chk.folder = f;
	chk.meta = run->meta;
	chk.catalog = run->catalog;
	chk.config = run->config;
	for (size_t r = 0; r < ml_rules_count; r++)
	{
		const struct ml_rule *rule = ml_rules[r];

		if (run->config->severity[r] == ML_SEVERITY_OFF || rule->check_folder == NULL)
			continue;
		chk.rule = rule;
		rule->check_folder(&chk);
	}
	ml_arena_destroy(chk.arena);
	ml_catalog_destroy(run->catalog);
	ml_drizzle_meta_destroy(run->meta);
	run->catalog = NULL;
	run->meta = NULL;
}

void
ml_lint_run(struct ml_lint_stats *stats, struct ml_diag_list *diags, const struct ml_inputs *in,
			const struct ml_config *config, ml_input_error_fn on_error, void *data)
{
	size_t order = 0;
	struct folder_run run = {0};

	stats->files = 0;
	stats->statements = 0;
	stats->input_errors = 0;
	run.stats = stats;
	run.diags = diags;
	run.on_error = on_error;
	run.config = config;
	run.data = data;
	for (size_t f = 0; f < in->n_folders; f++)
	{
		run.folder = in->folders[f];
		lint_folder(&run, &order);
	}
	ml_diag_list_sort(diags);
}
