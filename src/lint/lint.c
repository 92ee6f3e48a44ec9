/* SPDX-License-Identifier: MIT */
/*
 * lint.c
 *	  The driver behind `miglint PATH...`.
 *
 * Folder by folder: load the Drizzle journal and snapshots, then take the files in the
 * order they run. Each file is read, split and parsed on worker threads, a few files ahead
 * (pool.h), since that depends on nothing else; then, in order, each statement is replayed
 * into the folder's catalog and given to every statement rule, so a rule sees the schema as it
 * stands right after its statement; then the file rules run, the ignore comments are
 * applied, the rules that judge the ignore comments run, and the file's arena is freed.
 * Files that never run (a .sql without journal entry, *.down.sql) are linted but not
 * replayed. A file named alone inside a Drizzle folder is linted with the whole folder
 * replayed around it, and only its findings (and the folder's) are reported. Last, the
 * folder rules judge the journal, the snapshots and the final schema. Each file's ignore
 * comments are kept past its arena: they silence the folder rules' findings too, and
 * unused-ignore, the one rule that runs after suppression, judges them at the very end.
 */
#include "miglint/lint.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "miglint/catalog.h"
#include "miglint/drizzle.h"
#include "miglint/json.h"
#include "miglint/parse_cache.h"
#include "miglint/pool.h"
#include "miglint/rule.h"

/*
 * Files read and parsed ahead of the one being linted, at most, and their bytes: bounds
 * memory (a parsed file takes about 60 times its size) and keeps the cores busy.
 */
#define PARSE_AHEAD 16
#define PARSE_AHEAD_BYTES ((size_t) 8 * 1024 * 1024)

/* Runs the statement rules on one statement. */
static void
statement_rules(struct ml_check *chk, const struct ml_stmt *stmt)
{
	for (size_t r = 0; r < ml_rules_count; r++)
	{
		const struct ml_rule *rule = ml_rules[r];

		if (chk->config->severity[r] == ML_SEVERITY_OFF || rule->check_statement == NULL)
			continue;
		chk->rule = rule;
		chk->severity = chk->config->severity[r];
		rule->check_statement(chk, stmt);
	}
}

static void
file_rules(struct ml_check *chk)
{
	for (size_t r = 0; r < ml_rules_count; r++)
	{
		const struct ml_rule *rule = ml_rules[r];

		if (chk->config->severity[r] == ML_SEVERITY_OFF || rule->check_file == NULL)
			continue;
		chk->rule = rule;
		chk->severity = chk->config->severity[r];
		rule->check_file(chk);
	}
}

/* Runs the folder rules that run before suppression, or the ones after it. */
static void
folder_rules(struct ml_check *chk, bool after_suppression)
{
	for (size_t r = 0; r < ml_rules_count; r++)
	{
		const struct ml_rule *rule = ml_rules[r];

		if (chk->config->severity[r] == ML_SEVERITY_OFF || rule->check_folder == NULL ||
			rule->after_suppression != after_suppression)
			continue;
		chk->rule = rule;
		chk->severity = chk->config->severity[r];
		rule->check_folder(chk);
	}
}

/* One file read and parsed by a pool job, waiting for the consumer. */
struct parsed
{
	struct ml_arena *arena;
	struct ml_source *src; /* NULL when it could not be read: see err */
	struct ml_file file;
	struct ml_suppressions supp;
	struct ml_error err;
};

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
	struct ml_migration **jobs; /* the files to lint, in order */
	struct parsed *parsed;		/* one slot per job */
	struct ml_arena *kept_arena; /* the kept ignore comments */
	struct ml_kept_ignores *kept;
	size_t n_kept;
};

/*
 * Pool job: reads and parses one file into its slot. Touches nothing shared but the
 * (read-only) folder, so it runs on any thread.
 */
static void
parse_job(void *ctx, size_t job)
{
	struct folder_run *run = ctx;
	struct ml_migration *m = run->jobs[job];
	struct parsed *p = &run->parsed[job];

	p->arena = ml_arena_create();
	p->src = NULL;
	ml_error_clear(&p->err);
	if (m->override == NULL && m->fs_path != NULL && run->folder->kind != ML_FOLDER_SINGLE &&
		!ml_folder_path_inside(run->folder->real_root, m->fs_path))
	{
		ml_error_set(&p->err, ML_EINPUT,
					 "file \"%s\" lies outside the folder, through a symbolic link", m->display);
		ml_error_detail(&p->err, "Only files inside the folder given are read.");
		ml_error_hint(&p->err, "Copy the migration into the folder instead of linking to it.");
		return;
	}
	if ((m->override != NULL ? ml_source_from_bytes(&p->src, p->arena, m->override,
													m->override_len, m->display, &p->err)
							 : ml_source_read(&p->src, p->arena, m->fs_path, m->display,
											  &p->err)) != 0)
	{
		p->src = NULL;
		return;
	}
	p->src->order = m->order;
	ml_file_parse_cached(run->config->cache, &p->file, p->arena, p->src, m->mode);
	ml_suppress_collect(&p->supp, p->arena, &p->file);
}

/* Keeps the file's ignore comments for the folder rules (see struct ml_kept_ignores). */
static void
keep_ignores(struct folder_run *run, const struct ml_migration *m, const struct parsed *p)
{
	struct ml_suppressions kept;

	if (ml_suppress_keep(&kept, run->kept_arena, &p->supp) == 0)
		return;
	run->kept = realloc(run->kept, (run->n_kept + 1) * sizeof(*run->kept));
	if (run->kept == NULL)
		ml_fatal_oom();
	run->kept[run->n_kept].migration = m;
	run->kept[run->n_kept].order = p->src->order;
	run->kept[run->n_kept].supp = kept;
	run->n_kept++;
}

/* Silences the folder's findings items[from..) that a kept ignore comment covers. */
static void
apply_kept_ignores(struct folder_run *run, size_t from)
{
	for (size_t i = from; i < run->diags->n; i++)
		for (size_t k = 0; k < run->n_kept; k++)
			if (run->kept[k].order == run->diags->items[i].file_order)
				ml_suppress_apply(&run->kept[k].supp, run->diags->items, i, i + 1);
}

/* Replays a parsed file into the catalog and runs the rules on it; frees its slot. */
static void
lint_file(struct folder_run *run, struct ml_migration *m, struct parsed *p, bool replay)
{
	struct ml_file *file = &p->file;
	struct ml_check chk = {0};
	size_t first;

	if (p->src == NULL)
	{
		if (m->selected)
		{
			run->stats->input_errors++;
			run->on_error(&p->err, run->data);
		}
		ml_arena_destroy(p->arena);
		return;
	}
	m->no_transaction = ml_file_no_transaction(file);
	/* Standard input can be read only once: keep its text for ml_check_source. */
	if (m->fs_path == NULL && m->override == NULL)
	{
		m->override = malloc(p->src->len + 1);
		if (m->override == NULL)
			ml_fatal_oom();
		memcpy(m->override, p->src->data, p->src->len);
		m->override[p->src->len] = '\0';
		m->override_len = p->src->len;
	}
	chk.arena = p->arena;
	chk.file = file;
	chk.diags = run->diags;
	chk.supp = &p->supp;
	chk.folder = run->folder;
	chk.migration = m;
	chk.meta = run->meta;
	chk.catalog = replay ? run->catalog : NULL;
	chk.config = run->config;
	if (replay)
	{
		ml_catalog_begin(run->catalog, run->migrations++, p->src);
		if (file->n_dynamic > 0)
			ml_catalog_mark_inexact(run->catalog);
	}
	first = run->diags->n;
	for (size_t i = 0; i < file->n_stmts; i++)
	{
		if (replay)
			ml_catalog_apply(run->catalog, &file->stmts[i]);
		if (m->selected && file->stmts[i].node != NULL)
			statement_rules(&chk, &file->stmts[i]);
	}
	if (m->selected)
	{
		file_rules(&chk);
		ml_suppress_apply(&p->supp, run->diags->items, first, run->diags->n);
		keep_ignores(run, m, p);
		run->stats->files++;
		for (size_t i = 0; i < file->n_stmts; i++)
			if (file->stmts[i].node != NULL)
				run->stats->statements++;
	}
	ml_arena_destroy(p->arena);
}

/* A file's size, for the read-ahead budget (0 when it cannot be known: it is read anyway). */
static size_t
file_size(const struct ml_migration *m)
{
	struct stat st;

	if (m->override != NULL)
		return m->override_len;
	if (m->fs_path == NULL || stat(m->fs_path, &st) != 0 || st.st_size < 0)
		return 0;
	return (size_t) st.st_size;
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
	struct ml_pool *pool;
	size_t n_jobs = 0, *sizes, first;
	bool any = false;

	for (size_t i = 0; i < f->n_files; i++)
	{
		f->files[i].order = (*order)++;
		any = any || f->files[i].selected;
	}
	if (!any && !f->named)
		return;
	run->meta = ml_drizzle_meta_load(f, order, ml_pool_threads(run->config->jobs));
	run->catalog = ml_catalog_create();
	run->kept_arena = ml_arena_create();
	run->kept = NULL;
	run->n_kept = 0;
	run->migrations = 0;
	run->jobs = calloc(f->n_files + 1, sizeof(*run->jobs));
	run->parsed = calloc(f->n_files + 1, sizeof(*run->parsed));
	sizes = calloc(f->n_files + 1, sizeof(*sizes));
	if (run->jobs == NULL || run->parsed == NULL || sizes == NULL)
		ml_fatal_oom();
	for (size_t i = 0; i < f->n_files; i++)
		if (f->files[i].selected || runs(f, &f->files[i]))
		{
			sizes[n_jobs] = file_size(&f->files[i]);
			run->jobs[n_jobs++] = &f->files[i];
		}
	pool = ml_pool_start(n_jobs, PARSE_AHEAD, ml_pool_threads(run->config->jobs), parse_job, run,
						 sizes, PARSE_AHEAD_BYTES);
	for (size_t j = 0; j < n_jobs; j++)
	{
		ml_pool_take(pool, j);
		lint_file(run, run->jobs[j], &run->parsed[j], runs(f, run->jobs[j]));
	}
	ml_pool_finish(pool);
	free(run->jobs);
	free(run->parsed);
	free(sizes);
	/* The snapshots were read while the files were linted; only folder rules read them. */
	ml_drizzle_meta_wait(run->meta);
	chk.arena = ml_arena_create();
	chk.diags = run->diags;
	chk.folder = f;
	first = run->diags->n;
	chk.meta = run->meta;
	chk.catalog = run->catalog;
	chk.config = run->config;
	folder_rules(&chk, false);
	apply_kept_ignores(run, first);
	first = run->diags->n;
	chk.kept = run->kept;
	chk.n_kept = run->n_kept;
	folder_rules(&chk, true);
	apply_kept_ignores(run, first);
	free(run->kept);
	ml_arena_destroy(run->kept_arena);
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

	/* Before any worker thread: the hooks are a global every cJSON call reads. */
	ml_json_init();
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
