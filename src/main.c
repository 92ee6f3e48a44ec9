/* SPDX-License-Identifier: MIT */
/*
 * main.c
 *	  The miglint command line: parse options, call the library, map the result to 0/1/2.
 *
 * Exit codes: 0 no findings at warning level or above; 1 findings; 2 a usage error or an
 * input that could not be linted (a missing path, an unreadable or binary file, ...), even
 * when other files were linted and had findings.
 */
#include <errno.h>
#include <getopt.h>
#include <pg_query.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "miglint/apply.h"
#include "miglint/config.h"
#include "miglint/fix.h"
#include "miglint/folder.h"
#include "miglint/lint.h"
#include "miglint/parse_cache.h"
#include "miglint/pgq.h"
#include "miglint/pool.h"
#include "miglint/report.h"
#include "miglint/rule.h"

enum
{
	EXIT_CLEAN = 0,
	EXIT_FINDINGS = 1,
	EXIT_TROUBLE = 2,
};

enum
{
	OPT_LIST_RULES = 256,
	OPT_EXPLAIN,
	OPT_NO_COLOR,
	OPT_COLOR,
	OPT_STDIN_FILENAME,
	OPT_CONFIG,
	OPT_NO_CONFIG,
	OPT_ENABLE,
	OPT_DISABLE,
	OPT_PG_VERSION,
	OPT_FAIL_ON,
	OPT_FIX,
	OPT_DIFF,
	OPT_ALL,
	OPT_DRY_RUN,
	OPT_APPLY,
	OPT_STATUS,
	OPT_DATABASE_URL,
	OPT_MIGRATIONS_TABLE,
	OPT_MIGRATIONS_SCHEMA,
	OPT_LOCK_TIMEOUT,
	OPT_FORCE,
	OPT_ALLOW_MODIFIED,
	OPT_CACHE_DIR,
	OPT_NO_CACHE,
};

static const char usage_text[] =
	"Usage: miglint [OPTIONS] PATH...\n"
	"\n"
	"Lints PostgreSQL migrations. PATH is a Drizzle folder (with meta/_journal.json), a\n"
	"Drizzle 1.0 folder (<timestamp>_<name>/migration.sql), a folder of .sql files, a .sql\n"
	"file, or - for standard input. A .sql file inside a Drizzle folder is linted with its\n"
	"folder's context.\n"
	"\n"
	"Options:\n"
	"  -f, --format=FORMAT      output format: text (default), json, sarif, github or gcc\n"
	"      --color[=WHEN]       colour the text output: auto (default, only on a terminal),\n"
	"                           always or never; NO_COLOR in the environment means never\n"
	"      --no-color           same as --color=never\n"
	"      --stdin-filename=NAME  the name of standard input in messages; a name inside a\n"
	"                           Drizzle folder lints it as that migration\n"
	"      --config=FILE        read settings from FILE instead of the nearest .miglint.json\n"
	"                           (or package.json \"miglint\" key) above the first PATH\n"
	"      --no-config          read no config file\n"
	"      --enable=RULE        turn RULE on (at its default severity, or warning)\n"
	"      --disable=RULE       turn RULE off\n"
	"      --pg-version=V       the PostgreSQL version migrations run on: a major version\n"
	"                           (default 16) or a release such as 14.3\n"
	"  -j, --jobs=N             parse on N threads (default: one per CPU)\n"
	"      --cache-dir=DIR      keep parse results in DIR (default:\n"
	"                           $XDG_CACHE_HOME/miglint, else ~/.cache/miglint)\n"
	"      --no-cache           neither read nor write the parse cache\n"
	"      --fail-on=LEVEL      exit 1 for findings at LEVEL or above: error, warning\n"
	"                           (default) or info\n"
	"      --fix                make the files idempotent in place: IF [NOT] EXISTS, OR\n"
	"                           REPLACE, or drizzle-kit's DO guard (only where the effect on a\n"
	"                           fresh database is the same); then lint the fixed files\n"
	"      --diff, --dry-run    with --fix: print a unified diff and change nothing\n"
	"      --all                with --fix: fix every file of a named folder; without it only\n"
	"                           files named on the command line are fixed, because rewriting\n"
	"                           an applied migration changes the hash drizzle recorded\n"
	"\n"
	"Applying (drizzle-orm's bookkeeping, in one transaction):\n"
	"      --apply              lint PATH (a Drizzle folder), then apply its pending\n"
	"                           migrations to the database, recording them exactly as\n"
	"                           drizzle-orm's migrate() does; refuses on lint errors\n"
	"      --dry-run            with --apply: print the plan and change nothing\n"
	"      --status             list each migration as applied, pending or a problem\n"
	"      --database-url=URL   libpq connection string or URI (default: $DATABASE_URL)\n"
	"      --migrations-table=NAME   default __drizzle_migrations\n"
	"      --migrations-schema=NAME  default drizzle\n"
	"      --lock-timeout=TIME  lock_timeout of the migration transaction (default 5s)\n"
	"      --force              apply despite lint errors\n"
	"      --allow-modified     apply although a recorded migration matches no file\n"
	"  -q, --quiet              no progress line per migration\n"
	"\n"
	"      --list-rules         list every rule with its default severity and summary\n"
	"      --explain=RULE       explain a rule: why it matters, how to fix it, examples\n"
	"  -h, --help               show this help and exit\n"
	"  -V, --version            show the version and exit\n"
	"\n"
	"Ignore comments:\n"
	"  -- miglint-ignore RULE[, RULE]   on the line before a statement, or at its end\n"
	"  -- miglint-ignore-file RULE      before the first statement of a file\n"
	"\n"
	"Exit status:\n"
	"  0  no findings at the failing level (--fail-on, default warning) or above\n"
	"  1  findings at the failing level or above\n"
	"  2  usage error, a config error, or an input that could not be linted\n"
	"With --apply: 0 applied (or nothing pending), 1 refused for lint errors, 2 refused or\n"
	"failed (none of the run's migrations applied). With --status: 0 no problems,\n"
	"1 problems, 2 the database or folder could not be read.\n";

static void
usage_error(const char *fmt, const char *arg)
{
	fputs("miglint: error: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nmiglint: hint: Try \"miglint --help\" for more information.\n", stderr);
}

static void
list_rules(void)
{
	size_t w = 0;

	for (size_t i = 0; i < ml_rules_count; i++)
		if (strlen(ml_rules[i]->name) > w)
			w = strlen(ml_rules[i]->name);
	for (size_t i = 0; i < ml_rules_count; i++)
		printf("%-*s  %-7s  %s\n", (int) w, ml_rules[i]->name,
			   ml_severity_name(ml_rules[i]->severity), ml_rules[i]->summary);
}

/* Prints 'text' with every line indented by four spaces. */
static void
print_indented(const char *text)
{
	const char *p = text;

	while (*p)
	{
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t) (nl - p) : strlen(p);

		printf("    %.*s\n", (int) len, p);
		p += len + (nl ? 1 : 0);
	}
}

static int
explain(const char *name)
{
	const struct ml_rule *r = ml_rule_find(name);

	if (r == NULL)
	{
		fprintf(stderr, "miglint: error: rule \"%s\" is unrecognized\n", name);
		fputs("miglint: hint: \"miglint --list-rules\" lists the rule names.\n", stderr);
		return EXIT_TROUBLE;
	}
	printf("%s: %s\n\n", r->name, r->summary);
	printf("Default severity: %s. Category: %s.\n\n", ml_severity_name(r->severity),
		   ml_category_name(r->category));
	printf("Why:\n  %s\n\nFix:\n  %s\n\nBad:\n", r->why, r->fix);
	print_indented(r->bad);
	printf("\nGood:\n");
	print_indented(r->good);
	return EXIT_CLEAN;
}

static void
report_input_error(const struct ml_error *err, void *data)
{
	(void) data;
	fprintf(stderr, "miglint: error: %s\n", err->message);
	if (err->detail[0] != '\0')
		fprintf(stderr, "miglint: detail: %s\n", err->detail);
	if (err->hint[0] != '\0')
		fprintf(stderr, "miglint: hint: %s\n", err->hint);
}

/*
 * The settings: the config file (given, found above 'first_path', or none), then the flags.
 * Returns EXIT_CLEAN, or EXIT_TROUBLE after printing why.
 */
static int
settings(struct ml_config *cfg, bool no_config, const char *config_path, const char *first_path,
		 const char *stdin_name, const char **toggles, size_t n_toggles, const char *pg_version,
		 const char *fail_on)
{
	struct ml_error err;
	char *found = NULL;
	int rc = 0;

	ml_error_clear(&err);
	if (config_path != NULL)
		rc = ml_config_load(cfg, config_path, &err);
	else if (!no_config)
	{
		const char *start = strcmp(first_path, "-") != 0 ? first_path
							: stdin_name != NULL	  ? stdin_name
													  : ".";

		struct stat st;

		/* A stdin name or path that does not exist: search from the working directory. */
		found = ml_config_find(stat(start, &st) == 0 ? start : ".");
		if (found != NULL)
			rc = ml_config_load(cfg, found, &err);
	}
	free(found);
	if (rc != 0)
	{
		report_input_error(&err, NULL);
		return EXIT_TROUBLE;
	}
	for (size_t i = 0; i < n_toggles; i += 2)
	{
		const char *name = toggles[i + 1];

		for (size_t r = 0; r < ml_rules_count; r++)
			if (ml_rule_matches(name, ml_rules[r]))
				cfg->severity[r] = toggles[i] == NULL			   ? ML_SEVERITY_OFF
								   : ml_rules[r]->severity != ML_SEVERITY_OFF ? ml_rules[r]->severity
																		  : ML_SEVERITY_WARNING;
	}
	if (pg_version != NULL)
	{
		if (!ml_config_parse_pg_version(pg_version, &cfg->pg_version, &cfg->pg_minor))
		{
			usage_error("--pg-version \"%s\" is not a PostgreSQL version (a major version 10 "
						"to 30, or a release such as 14.3)",
						pg_version);
			return EXIT_TROUBLE;
		}
	}
	if (fail_on != NULL &&
		(!ml_config_parse_severity(fail_on, &cfg->fail_on) || cfg->fail_on == ML_SEVERITY_OFF))
	{
		usage_error("--fail-on \"%s\" is not error, warning or info", fail_on);
		return EXIT_TROUBLE;
	}
	return EXIT_CLEAN;
}

/*
 * --apply / --status: the folder read as drizzle-orm reads it, the lint gate (findings at
 * error severity refuse, unless 'force'), then the database. 'diags' is NULL for
 * --status, which does not lint.
 */
static int
run_apply(struct ml_apply_options *aopt, const char *path, struct ml_diag_list *diags,
		  const struct ml_lint_stats *stats, bool force)
{
	struct ml_apply_plan plan;
	struct ml_error err;
	int rc;

	aopt->out = stdout;
	aopt->err = stderr;
	aopt->tty = isatty(STDOUT_FILENO);
	ml_error_clear(&err);
	if (ml_apply_plan_read(&plan, path, &err) != 0)
	{
		report_input_error(&err, NULL);
		ml_apply_plan_cleanup(&plan);
		return EXIT_TROUBLE;
	}
	if (diags != NULL)
	{
		struct ml_report_counts counts;

		ml_report_count(&counts, diags);
		if (counts.errors > 0)
		{
			/* The gate shows what stops it; the warnings are for "miglint PATH". */
			for (size_t i = 0; i < diags->n; i++)
				if (diags->items[i].severity != ML_SEVERITY_ERROR)
					diags->items[i].suppressed = true;
			ml_report_text(stderr, diags, stats, false);
			if (!force)
			{
				fprintf(stderr, "miglint: error: lint found %zu %s; nothing was applied\n",
						counts.errors, counts.errors == 1 ? "error" : "errors");
				fputs("miglint: hint: Fix them, or pass --force to apply anyway.\n", stderr);
				ml_apply_plan_cleanup(&plan);
				return EXIT_FINDINGS;
			}
			fprintf(stderr, "miglint: warning: --force: applying despite %zu lint %s\n",
					counts.errors, counts.errors == 1 ? "error" : "errors");
		}
		if (counts.warnings > 0)
			fprintf(stderr, "miglint: note: lint found %zu %s; run \"miglint %s\" to see them\n",
					counts.warnings, counts.warnings == 1 ? "warning" : "warnings", path);
	}
	rc = ml_apply_run(&plan, aopt);
	ml_apply_plan_cleanup(&plan);
	return rc < 0 ? EXIT_TROUBLE : rc;
}

/*
 * The parse cache: --cache-dir, else the default directory; none with --no-cache. A
 * directory given that cannot be used is worth a warning; the default one is not.
 */
static struct ml_parse_cache *
open_cache(const char *dir, bool off)
{
	char *fallback = NULL;
	const char *why = "";
	struct ml_parse_cache *c;

	if (off || (dir == NULL && (dir = fallback = ml_parse_cache_default_dir()) == NULL))
		return NULL;
	c = ml_parse_cache_open(dir, &why);
	if (c == NULL && fallback == NULL)
		fprintf(stderr,
				"miglint: warning: cache directory \"%s\" cannot be used: %s; parsing without "
				"a cache\n",
				dir, why);
	free(fallback);
	return c;
}

/* The --jobs value: 1 to 256, or 0 when it is not one. */
static unsigned
parse_jobs(const char *text)
{
	char *end;
	unsigned long n;

	if (text[0] < '0' || text[0] > '9')
		return 0;
	errno = 0;
	n = strtoul(text, &end, 10);
	if (errno != 0 || *end != '\0' || n < 1 || n > 256)
		return 0;
	return (unsigned) n;
}

int
main(int argc, char **argv)
{
	static const struct option options[] = {
		{"format", required_argument, NULL, 'f'},
		{"color", optional_argument, NULL, OPT_COLOR},
		{"colour", optional_argument, NULL, OPT_COLOR},
		{"no-color", no_argument, NULL, OPT_NO_COLOR},
		{"stdin-filename", required_argument, NULL, OPT_STDIN_FILENAME},
		{"config", required_argument, NULL, OPT_CONFIG},
		{"no-config", no_argument, NULL, OPT_NO_CONFIG},
		{"enable", required_argument, NULL, OPT_ENABLE},
		{"disable", required_argument, NULL, OPT_DISABLE},
		{"pg-version", required_argument, NULL, OPT_PG_VERSION},
		{"fail-on", required_argument, NULL, OPT_FAIL_ON},
		{"jobs", required_argument, NULL, 'j'},
		{"cache-dir", required_argument, NULL, OPT_CACHE_DIR},
		{"no-cache", no_argument, NULL, OPT_NO_CACHE},
		{"fix", no_argument, NULL, OPT_FIX},
		{"diff", no_argument, NULL, OPT_DIFF},
		{"dry-run", no_argument, NULL, OPT_DRY_RUN},
		{"apply", no_argument, NULL, OPT_APPLY},
		{"status", no_argument, NULL, OPT_STATUS},
		{"database-url", required_argument, NULL, OPT_DATABASE_URL},
		{"migrations-table", required_argument, NULL, OPT_MIGRATIONS_TABLE},
		{"migrations-schema", required_argument, NULL, OPT_MIGRATIONS_SCHEMA},
		{"lock-timeout", required_argument, NULL, OPT_LOCK_TIMEOUT},
		{"force", no_argument, NULL, OPT_FORCE},
		{"allow-modified", no_argument, NULL, OPT_ALLOW_MODIFIED},
		{"quiet", no_argument, NULL, 'q'},
		{"all", no_argument, NULL, OPT_ALL},
		{"list-rules", no_argument, NULL, OPT_LIST_RULES},
		{"explain", required_argument, NULL, OPT_EXPLAIN},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	const char *format = "text", *color_when = "auto", *stdin_name = NULL;
	const char *config_path = NULL, *pg_version = NULL, *fail_on = NULL, *jobs = NULL;
	const char *cache_dir = NULL;
	bool no_cache = false;
	const char **toggles = calloc((size_t) argc + 1, sizeof(char *)); /* "+rule" / "-rule" */
	size_t n_toggles = 0;
	bool no_config = false, fix = false, diff = false, all = false, dry_run = false;
	bool apply = false, status_only = false, force = false;
	struct ml_apply_options aopt = {.lock_timeout = "5s"};
	struct ml_config cfg;
	struct ml_inputs inputs;
	struct ml_diag_list diags;
	struct ml_lint_stats stats;
	struct ml_report_counts counts;
	struct ml_error err;
	bool color, trouble = false, stdin_used = false;
	size_t failing;
	int c, status;

	opterr = 0;
	aopt.conninfo = getenv("DATABASE_URL");
	while ((c = getopt_long(argc, argv, ":f:j:qhV", options, NULL)) != -1)
	{
		switch (c)
		{
			case 'f':
				format = optarg;
				break;
			case OPT_COLOR:
				color_when = optarg ? optarg : "always";
				break;
			case OPT_NO_COLOR:
				color_when = "never";
				break;
			case OPT_STDIN_FILENAME:
				stdin_name = optarg;
				break;
			case OPT_CONFIG:
				config_path = optarg;
				break;
			case OPT_NO_CONFIG:
				no_config = true;
				break;
			case OPT_ENABLE:
			case OPT_DISABLE:
				if (!ml_rule_known(optarg))
				{
					usage_error("rule \"%s\" is unrecognized", optarg);
					free(toggles);
					return EXIT_TROUBLE;
				}
				toggles[n_toggles++] = c == OPT_ENABLE ? optarg : NULL;
				toggles[n_toggles++] = optarg;
				break;
			case OPT_PG_VERSION:
				pg_version = optarg;
				break;
			case OPT_FAIL_ON:
				fail_on = optarg;
				break;
			case 'j':
				jobs = optarg;
				break;
			case OPT_CACHE_DIR:
				cache_dir = optarg;
				break;
			case OPT_NO_CACHE:
				no_cache = true;
				break;
			case OPT_FIX:
				fix = true;
				break;
			case OPT_DIFF:
				diff = true;
				break;
			case OPT_ALL:
				all = true;
				break;
			case OPT_DRY_RUN:
				dry_run = true;
				break;
			case OPT_APPLY:
				apply = true;
				break;
			case OPT_STATUS:
				status_only = true;
				break;
			case OPT_DATABASE_URL:
				aopt.conninfo = optarg;
				break;
			case OPT_MIGRATIONS_TABLE:
				aopt.table = optarg;
				break;
			case OPT_MIGRATIONS_SCHEMA:
				aopt.schema = optarg;
				break;
			case OPT_LOCK_TIMEOUT:
				aopt.lock_timeout = optarg;
				break;
			case OPT_FORCE:
				force = true;
				break;
			case OPT_ALLOW_MODIFIED:
				aopt.allow_modified = true;
				break;
			case 'q':
				aopt.quiet = true;
				break;
			case OPT_LIST_RULES:
				free(toggles);
				list_rules();
				return EXIT_CLEAN;
			case OPT_EXPLAIN:
				free(toggles);
				return explain(optarg);
			case 'h':
				free(toggles);
				fputs(usage_text, stdout);
				return EXIT_CLEAN;
			case 'V':
				free(toggles);
				printf("miglint %s (libpg_query, PostgreSQL %s grammar)\n", MIGLINT_VERSION,
					   PG_VERSION);
				return EXIT_CLEAN;
			case ':':
				free(toggles);
				usage_error("option \"%s\" requires a value", argv[optind - 1]);
				return EXIT_TROUBLE;
			default:
				free(toggles);
				usage_error("unrecognized option \"%s\"", argv[optind - 1]);
				return EXIT_TROUBLE;
		}
	}
	if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0 &&
		strcmp(format, "sarif") != 0 && strcmp(format, "github") != 0 && strcmp(format, "gcc") != 0)
	{
		usage_error("unrecognized output format \"%s\"; use text, json, sarif, github or gcc",
					format);
		free(toggles);
		return EXIT_TROUBLE;
	}
	if (strcmp(color_when, "always") == 0)
		color = true;
	else if (strcmp(color_when, "never") == 0)
		color = false;
	else if (strcmp(color_when, "auto") == 0)
		color = isatty(STDOUT_FILENO) && getenv("NO_COLOR") == NULL;
	else
	{
		usage_error("unrecognized --color value \"%s\"; use auto, always or never", color_when);
		free(toggles);
		return EXIT_TROUBLE;
	}
	if (dry_run && !fix && !apply)
	{
		usage_error("%s", "--dry-run needs --fix or --apply");
		free(toggles);
		return EXIT_TROUBLE;
	}
	diff = diff || (dry_run && fix);
	if ((apply || status_only) && (fix || (apply && status_only)))
	{
		usage_error("%s", fix ? "--fix cannot be combined with --apply or --status"
							  : "--apply and --status cannot be combined");
		free(toggles);
		return EXIT_TROUBLE;
	}
	if (!apply && (force || aopt.allow_modified))
	{
		usage_error("%s needs --apply", force ? "--force" : "--allow-modified");
		free(toggles);
		return EXIT_TROUBLE;
	}
	if ((apply || status_only) && (optind + 1 != argc || strcmp(argv[optind], "-") == 0))
	{
		usage_error("%s", optind >= argc ? "no PATH given"
										 : "--apply and --status take one Drizzle folder");
		free(toggles);
		return EXIT_TROUBLE;
	}
	if ((apply || status_only) && (aopt.conninfo == NULL || aopt.conninfo[0] == '\0'))
	{
		usage_error("%s", "no database given: pass --database-url or set DATABASE_URL");
		free(toggles);
		return EXIT_TROUBLE;
	}
	if ((diff || all) && !fix)
	{
		usage_error("%s", diff ? "--diff and --dry-run need --fix" : "--all needs --fix");
		free(toggles);
		return EXIT_TROUBLE;
	}
	if (optind >= argc)
	{
		usage_error("%s", "no PATH given");
		free(toggles);
		return EXIT_TROUBLE;
	}
	if (jobs != NULL && parse_jobs(jobs) == 0)
	{
		usage_error("--jobs \"%s\" is not a number of threads (1 to 256)", jobs);
		free(toggles);
		return EXIT_TROUBLE;
	}
	if (cache_dir != NULL && (no_cache || cache_dir[0] == '\0'))
	{
		usage_error("%s", no_cache ? "--cache-dir and --no-cache cannot be combined"
								   : "--cache-dir needs a directory");
		free(toggles);
		return EXIT_TROUBLE;
	}
	ml_config_init(&cfg);
	cfg.jobs = jobs != NULL ? parse_jobs(jobs) : 0;
	/* One thread means one: no helper parses a long file from its other end either. */
	ml_pgq_ahead_enable(ml_pool_threads(cfg.jobs) > 0);
	status = settings(&cfg, no_config, config_path, argv[optind], stdin_name, toggles, n_toggles,
					  pg_version, fail_on);
	free(toggles);
	if (status != EXIT_CLEAN)
	{
		ml_config_cleanup(&cfg);
		return status;
	}
	/* The migrations table: the flags, else the config (whose defaults are drizzle's). */
	if (aopt.schema == NULL)
		aopt.schema = cfg.migrations_schema;
	if (aopt.table == NULL)
		aopt.table = cfg.migrations_table;
	if ((apply || status_only) && (strlen(aopt.schema) > 63 || strlen(aopt.table) > 63))
	{
		usage_error("the migrations table \"%s\" has a name longer than 63 bytes, which "
					"PostgreSQL truncates (--migrations-schema, --migrations-table or the "
					"config's \"migrations\")",
					strlen(aopt.schema) > 63 ? aopt.schema : aopt.table);
		ml_config_cleanup(&cfg);
		return EXIT_TROUBLE;
	}
	if (status_only)
	{
		aopt.action = ML_APPLY_STATUS;
		status = run_apply(&aopt, argv[optind], NULL, NULL, false);
		ml_config_cleanup(&cfg);
		return status;
	}
	ml_inputs_init(&inputs);
	for (int i = optind; i < argc; i++)
	{
		if (strcmp(argv[i], "-") == 0)
		{
			if (stdin_used)
			{
				usage_error("%s", "standard input (-) can be named only once");
				ml_inputs_cleanup(&inputs);
				ml_config_cleanup(&cfg);
				return EXIT_TROUBLE;
			}
			stdin_used = true;
		}
		ml_error_clear(&err);
		/* pre-commit may pass other projects' snapshot.json files: they are not migrations. */
		if (strlen(argv[i]) > 5 && strcmp(argv[i] + strlen(argv[i]) - 5, ".json") == 0 &&
			!ml_folder_is_meta_file(argv[i]))
		{
			fprintf(stderr, "miglint: note: \"%s\" is not a Drizzle journal or snapshot; skipped\n",
					argv[i]);
			continue;
		}
		if (ml_inputs_add(&inputs, argv[i], stdin_name, &err) != 0)
		{
			report_input_error(&err, NULL);
			trouble = true;
		}
	}
	/* Excluded files are not reported on, but still run (and are replayed) in their folder. */
	for (size_t f = 0; f < inputs.n_folders; f++)
		for (size_t i = 0; i < inputs.folders[f]->n_files; i++)
			if (inputs.folders[f]->files[i].fs_path != NULL &&
				ml_config_excluded(&cfg, inputs.folders[f]->files[i].display))
				inputs.folders[f]->files[i].selected = false;
	if (fix)
	{
		struct ml_fix_stats fs;

		ml_fix_run(&fs, &inputs, &cfg, all, diff, stdout, report_input_error, NULL);
		if (fs.errors > 0)
			trouble = true;
		fprintf(stderr, "miglint: %s %zu %s in %zu %s", diff ? "would make" : "made", fs.edits,
				fs.edits == 1 ? "fix" : "fixes", fs.files, fs.files == 1 ? "file" : "files");
		if (fs.skipped > 0)
			fprintf(stderr, "; %zu %s of named folders left alone (add --all to fix them)",
					fs.skipped, fs.skipped == 1 ? "file" : "files");
		if (fs.unparsable > 0)
			fprintf(stderr, "; %zu %s with a syntax error left alone", fs.unparsable,
					fs.unparsable == 1 ? "file" : "files");
		fputs("\n", stderr);
	}
	ml_diag_list_init(&diags);
	cfg.cache = open_cache(cache_dir, no_cache);
	ml_lint_run(&stats, &diags, &inputs, &cfg, report_input_error, NULL);
	if (stats.input_errors > 0)
		trouble = true;
	if (apply)
	{
		aopt.action = dry_run ? ML_APPLY_DRY_RUN : ML_APPLY_MIGRATE;
		status = trouble ? EXIT_TROUBLE : run_apply(&aopt, argv[optind], &diags, &stats, force);
		goto done;
	}
	if (fix && diff)
		; /* the diff is the output; the exit status is the fixed files' */
	else if (strcmp(format, "json") == 0)
		ml_report_json(stdout, &diags, &stats);
	else if (strcmp(format, "sarif") == 0)
		ml_report_sarif(stdout, &diags, &cfg);
	else if (strcmp(format, "github") == 0)
		ml_report_github(stdout, &diags);
	else if (strcmp(format, "gcc") == 0)
		ml_report_gcc(stdout, &diags);
	else
		ml_report_text(stdout, &diags, &stats, color);
	fflush(stdout);
	ml_report_count(&counts, &diags);
	failing = counts.errors + (cfg.fail_on <= ML_SEVERITY_WARNING ? counts.warnings : 0) +
			  (cfg.fail_on <= ML_SEVERITY_INFO ? counts.infos : 0);
	status = trouble ? EXIT_TROUBLE : failing > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
done:
	ml_parse_cache_close(cfg.cache);
	ml_diag_list_cleanup(&diags);
	ml_inputs_cleanup(&inputs);
	ml_config_cleanup(&cfg);
	ml_pgq_exit();
	return status;
}
