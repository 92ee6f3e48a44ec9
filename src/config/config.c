/* SPDX-License-Identifier: MIT */
/*
 * config.c
 *	  Finding and reading the config file (see config.h).
 *
 * The file is read with positions (json.h), so every complaint names file:line:column.
 * Settings are checked strictly: a typo in a key would otherwise silently do nothing.
 */
#include "miglint/config.h"

#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "miglint/arena.h"
#include "miglint/json.h"
#include "miglint/rule.h"

void
ml_config_init(struct ml_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->severity = calloc(ml_rules_count, sizeof(*cfg->severity));
	if (cfg->severity == NULL)
		ml_fatal_oom();
	for (size_t i = 0; i < ml_rules_count; i++)
		cfg->severity[i] = ml_rules[i]->severity;
	cfg->fail_on = ML_SEVERITY_WARNING;
	cfg->pg_version = 16;
	cfg->pg_minor = -1;
	cfg->migrations_table = ml_xstrdup("__drizzle_migrations");
	cfg->migrations_schema = ml_xstrdup("drizzle");
}

void
ml_config_cleanup(struct ml_config *cfg)
{
	free(cfg->severity);
	free(cfg->migrations_table);
	free(cfg->migrations_schema);
	for (size_t i = 0; i < cfg->n_exclude; i++)
		free(cfg->exclude[i]);
	free(cfg->exclude);
	free(cfg->path);
	free(cfg->base_dir);
	memset(cfg, 0, sizeof(*cfg));
}

/* Digits only, at most 'max'; false for anything else (no sign, no spaces, no empty text). */
static bool
parse_small(const char *text, size_t len, int max, int *out)
{
	int v = 0;

	if (len == 0 || len > 3)
		return false;
	for (size_t i = 0; i < len; i++)
	{
		if (text[i] < '0' || text[i] > '9')
			return false;
		v = v * 10 + (text[i] - '0');
	}
	if (v > max)
		return false;
	*out = v;
	return true;
}

bool
ml_config_parse_pg_version(const char *text, int *major, int *minor)
{
	const char *dot = strchr(text, '.');
	size_t len = strlen(text);
	int ma, mi = -1;

	if (!parse_small(text, dot ? (size_t) (dot - text) : len, 30, &ma) || ma < 10)
		return false;
	if (dot != NULL && !parse_small(dot + 1, len - (size_t) (dot + 1 - text), 99, &mi))
		return false;
	*major = ma;
	*minor = mi;
	return true;
}

bool
ml_config_parse_severity(const char *text, enum ml_severity *out)
{
	static const char *const names[] = {"off", "info", "warning", "error"};

	for (int i = 0; i < 4; i++)
		if (strcmp(text, names[i]) == 0)
		{
			*out = (enum ml_severity) i;
			return true;
		}
	return false;
}

int
ml_config_set_rule(struct ml_config *cfg, const char *name, enum ml_severity sev,
				   struct ml_error *err)
{
	bool any = false;

	for (size_t i = 0; i < ml_rules_count; i++)
		if (ml_rule_matches(name, ml_rules[i]))
		{
			cfg->severity[i] = sev;
			any = true;
		}
	if (!any)
		return ml_error_set(err, ML_EINPUT, "rule \"%s\" is unrecognized", name);
	return 0;
}

static bool
file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* True when package.json at 'path' has a "miglint" key. */
static bool
package_has_key(const char *path)
{
	struct ml_arena *arena = ml_arena_create();
	struct ml_source *src = NULL;
	struct ml_error err;
	struct ml_json j;
	bool has = false;

	if (ml_source_read(&src, arena, path, path, &err) == 0)
	{
		ml_json_parse(&j, src);
		has = ml_json_member(j.root, "miglint") != NULL;
		ml_json_cleanup(&j);
	}
	ml_arena_destroy(arena);
	return has;
}

/* 'path' relative to the working directory when it lies below it (as messages show it). */
static char *
relative(const char *path)
{
	char cwd[PATH_MAX];
	size_t l;

	if (getcwd(cwd, sizeof(cwd)) == NULL)
		return ml_xstrdup(path);
	l = strlen(cwd);
	if (strncmp(path, cwd, l) == 0 && path[l] == '/')
		return ml_xstrdup(path + l + 1);
	return ml_xstrdup(path);
}

char *
ml_config_find(const char *start)
{
	char dir[PATH_MAX];
	struct stat st;

	if (realpath(start, dir) == NULL)
		return NULL;
	if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode))
	{
		char *slash = strrchr(dir, '/');

		if (slash != NULL)
			*(slash == dir ? slash + 1 : slash) = '\0';
	}
	for (;;)
	{
		char path[PATH_MAX + 32];
		char *slash;

		snprintf(path, sizeof(path), "%s/.miglint.json", strcmp(dir, "/") == 0 ? "" : dir);
		if (file_exists(path))
			return relative(path);
		snprintf(path, sizeof(path), "%s/package.json", strcmp(dir, "/") == 0 ? "" : dir);
		if (file_exists(path) && package_has_key(path))
			return relative(path);
		if (strcmp(dir, "/") == 0)
			return NULL;
		slash = strrchr(dir, '/');
		*(slash == dir ? slash + 1 : slash) = '\0';
	}
}

/* "config file "x", line 3, column 5" in messages. */
static int
fail_at(struct ml_error *err, const char *path, const struct ml_source *src, size_t at,
		const char *what)
{
	unsigned line, col;

	ml_source_line_col(src, at, &line, &col);
	return ml_error_set(err, ML_EINPUT, "%s in config file \"%s\" at line %u, column %u", what,
						path, line, col);
}

static char *
keyed(const char *fmt, const char *key)
{
	static char buf[600];

	snprintf(buf, sizeof(buf), fmt, key);
	return buf;
}

static int
read_rules(struct ml_config *cfg, const struct ml_json *j, const cJSON *rules, const char *path,
		   const struct ml_source *src, struct ml_error *err)
{
	const cJSON *r;

	if (!cJSON_IsObject(rules))
		return fail_at(err, path, src, ml_json_offset(j, rules), "\"rules\" is not an object");
	cJSON_ArrayForEach(r, rules)
	{
		enum ml_severity sev;

		if (!cJSON_IsString(r) || !ml_config_parse_severity(r->valuestring, &sev))
			return fail_at(err, path, src, ml_json_offset(j, r),
						   keyed("severity of rule \"%s\" is not \"off\", \"info\", \"warning\" "
								 "or \"error\"",
								 r->string));
		if (ml_config_set_rule(cfg, r->string, sev, err) != 0)
			return fail_at(err, path, src, ml_json_key_offset(j, r),
						   keyed("unrecognized rule \"%s\"", r->string));
	}
	return 0;
}

static int
read_migrations(struct ml_config *cfg, const struct ml_json *j, const cJSON *m, const char *path,
				const struct ml_source *src, struct ml_error *err)
{
	const cJSON *k;

	if (!cJSON_IsObject(m))
		return fail_at(err, path, src, ml_json_offset(j, m), "\"migrations\" is not an object");
	cJSON_ArrayForEach(k, m)
	{
		char **slot = strcmp(k->string, "table") == 0	 ? &cfg->migrations_table
					  : strcmp(k->string, "schema") == 0 ? &cfg->migrations_schema
														 : NULL;

		if (slot == NULL)
			return fail_at(err, path, src, ml_json_key_offset(j, k),
						   keyed("unrecognized key \"migrations.%s\"", k->string));
		if (!cJSON_IsString(k) || k->valuestring[0] == '\0')
			return fail_at(err, path, src, ml_json_offset(j, k),
						   keyed("\"migrations.%s\" is not a non-empty string", k->string));
		free(*slot);
		*slot = ml_xstrdup(k->valuestring);
	}
	return 0;
}

static int
read_settings(struct ml_config *cfg, const struct ml_json *j, const cJSON *root, const char *path,
			  const struct ml_source *src, struct ml_error *err)
{
	const cJSON *k;

	if (!cJSON_IsObject(root))
		return fail_at(err, path, src, ml_json_offset(j, root), "settings are not a JSON object");
	cJSON_ArrayForEach(k, root)
	{
		const char *key = k->string;
		int rc = 0;

		if (strcmp(key, "rules") == 0)
			rc = read_rules(cfg, j, k, path, src, err);
		else if (strcmp(key, "pgVersion") == 0)
		{
			/* A number is a major version; a release ("14.3") is a string, since 14.10 is not 14.1. */
			if (cJSON_IsNumber(k) && k->valuedouble >= 10 && k->valuedouble <= 30 &&
				k->valuedouble == (int) k->valuedouble)
			{
				cfg->pg_version = (int) k->valuedouble;
				cfg->pg_minor = -1;
			}
			else if (!cJSON_IsString(k) ||
					 !ml_config_parse_pg_version(k->valuestring, &cfg->pg_version, &cfg->pg_minor))
				rc = fail_at(err, path, src, ml_json_offset(j, k),
							 "\"pgVersion\" is not a PostgreSQL version (a major version 10 to "
							 "30, or a release such as \"14.3\")");
		}
		else if (strcmp(key, "failOn") == 0)
		{
			if (!cJSON_IsString(k) || !ml_config_parse_severity(k->valuestring, &cfg->fail_on) ||
				cfg->fail_on == ML_SEVERITY_OFF)
				rc = fail_at(err, path, src, ml_json_offset(j, k),
							 "\"failOn\" is not \"info\", \"warning\" or \"error\"");
		}
		else if (strcmp(key, "transaction") == 0)
		{
			const char *v = cJSON_IsString(k) ? k->valuestring : "";

			if (strcmp(v, "all") == 0)
				cfg->transaction = ML_TRANSACTION_ALL;
			else if (strcmp(v, "per-file") == 0)
				cfg->transaction = ML_TRANSACTION_PER_FILE;
			else if (strcmp(v, "none") == 0)
				cfg->transaction = ML_TRANSACTION_NONE;
			else
				rc = fail_at(err, path, src, ml_json_offset(j, k),
							 "\"transaction\" is not \"all\", \"per-file\" or \"none\"");
		}
		else if (strcmp(key, "exclude") == 0)
		{
			const cJSON *g;

			if (!cJSON_IsArray(k))
				rc = fail_at(err, path, src, ml_json_offset(j, k), "\"exclude\" is not an array");
			cJSON_ArrayForEach(g, k)
			{
				if (rc != 0)
					break;
				if (!cJSON_IsString(g))
				{
					rc = fail_at(err, path, src, ml_json_offset(j, g),
								 "an \"exclude\" pattern is not a string");
					break;
				}
				cfg->exclude = realloc(cfg->exclude, (cfg->n_exclude + 1) * sizeof(char *));
				if (cfg->exclude == NULL)
					ml_fatal_oom();
				cfg->exclude[cfg->n_exclude++] = ml_xstrdup(g->valuestring);
			}
		}
		else if (strcmp(key, "migrations") == 0)
			rc = read_migrations(cfg, j, k, path, src, err);
		else
			rc = fail_at(err, path, src, ml_json_key_offset(j, k),
						 keyed("unrecognized key \"%s\"", key));
		if (rc != 0)
			return rc;
	}
	return 0;
}

int
ml_config_load(struct ml_config *cfg, const char *path, struct ml_error *err)
{
	struct ml_arena *arena = ml_arena_create();
	struct ml_source *src = NULL;
	struct ml_json j;
	const cJSON *root;
	const char *base = strrchr(path, '/');
	bool package = base != NULL ? strcmp(base + 1, "package.json") == 0
								: strcmp(path, "package.json") == 0;
	int rc;

	memset(&j, 0, sizeof(j));
	rc = ml_source_read(&src, arena, path, path, err);
	if (rc != 0)
	{
		if (rc == ML_EINPUT && strstr(err->message, "\" is empty") != NULL)
			ml_error_set(err, rc, "config file \"%s\" is empty", path);
		else if (rc == ML_EIO)
		{
			/* "could not open file "x": <reason>": keep the reason, name it a config file. */
			char reason[sizeof(err->message)];
			const char *colon = strrchr(err->message, ':');

			snprintf(reason, sizeof(reason), "%s", colon ? colon + 2 : err->message);
			ml_error_set(err, rc, "could not read config file \"%s\": %s", path, reason);
		}
		goto done;
	}
	ml_json_parse(&j, src);
	if (j.root == NULL)
	{
		rc = fail_at(err, path, src, j.error_at, "invalid JSON");
		goto done;
	}
	root = package ? ml_json_member(j.root, "miglint") : j.root;
	if (root == NULL)
	{
		rc = ml_error_set(err, ML_EINPUT, "config file \"%s\" has no \"miglint\" key", path);
		goto done;
	}
	rc = read_settings(cfg, &j, root, path, src, err);
	if (rc == 0)
	{
		char *slash;

		free(cfg->path);
		free(cfg->base_dir);
		cfg->path = ml_xstrdup(path);
		cfg->base_dir = ml_xstrdup(path);
		slash = strrchr(cfg->base_dir, '/');
		if (slash != NULL)
			*slash = '\0';
		else
			strcpy(cfg->base_dir, ".");
	}
done:
	ml_json_cleanup(&j);
	ml_arena_destroy(arena);
	return rc;
}

/*
 * 'path' made absolute against the working directory and cleaned of "." and ".." segments,
 * without following symlinks (the path the user sees). False when it does not fit.
 */
static bool
logical_path(const char *path, char *out, size_t cap)
{
	char buf[PATH_MAX * 2];
	size_t n = 0;
	char *seg, *save = NULL;

	if (path[0] == '/')
		snprintf(buf, sizeof(buf), "%s", path);
	else
	{
		char cwd[PATH_MAX];

		if (getcwd(cwd, sizeof(cwd)) == NULL)
			return false;
		snprintf(buf, sizeof(buf), "%s/%s", cwd, path);
	}
	out[0] = '\0';
	for (seg = strtok_r(buf, "/", &save); seg != NULL; seg = strtok_r(NULL, "/", &save))
	{
		if (strcmp(seg, ".") == 0)
			continue;
		if (strcmp(seg, "..") == 0)
		{
			char *slash = strrchr(out, '/');

			n = slash ? (size_t) (slash - out) : 0;
			out[n] = '\0';
			continue;
		}
		if (n + strlen(seg) + 2 > cap)
			return false;
		out[n++] = '/';
		strcpy(out + n, seg);
		n += strlen(seg);
	}
	if (n == 0)
		strcpy(out, "/");
	return true;
}

/* 'file' relative to 'base' when it lies below it, else NULL (points into 'file'). */
static const char *
below(const char *file, const char *base)
{
	size_t lb = strlen(base);

	if (strcmp(base, "/") == 0)
		return file + 1;
	return strncmp(file, base, lb) == 0 && file[lb] == '/' ? file + lb + 1 : NULL;
}

bool
ml_config_excluded(const struct ml_config *cfg, const char *display)
{
	char base[PATH_MAX], file[PATH_MAX], real_base[PATH_MAX], real_file[PATH_MAX];
	const char *rel = NULL, *real_rel = NULL;

	if (cfg->n_exclude == 0)
		return false;
	/* Relative to the config file's folder: as the user sees the path, and as it resolves. */
	if (cfg->base_dir != NULL && logical_path(cfg->base_dir, base, sizeof(base)) &&
		logical_path(display, file, sizeof(file)))
		rel = below(file, base);
	if (cfg->base_dir != NULL && realpath(cfg->base_dir, real_base) != NULL &&
		realpath(display, real_file) != NULL)
		real_rel = below(real_file, real_base);
	for (size_t i = 0; i < cfg->n_exclude; i++)
		if (fnmatch(cfg->exclude[i], display, 0) == 0 ||
			(rel != NULL && fnmatch(cfg->exclude[i], rel, 0) == 0) ||
			(real_rel != NULL && fnmatch(cfg->exclude[i], real_rel, 0) == 0))
			return true;
	return false;
}
