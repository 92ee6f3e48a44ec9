/* SPDX-License-Identifier: MIT */
/*
 * config.h
 *	  The run's settings: from .miglint.json (or package.json's "miglint" key), then the
 *	  command line on top.
 *
 *	  {"rules": {"<rule>": "off" | "info" | "warning" | "error"}, "pgVersion": 16,
 *	   "failOn": "warning", "exclude": ["glob", ...], "transaction": "all",
 *	   "migrations": {"table": "__drizzle_migrations", "schema": "drizzle"}}
 *
 * A config file is found by walking up from the first linted path; an unknown key, a wrong
 * type or a JSON syntax error is an error naming the file, the line and the column.
 */
#ifndef MIGLINT_CONFIG_H
#define MIGLINT_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "miglint/diag.h"
#include "miglint/error.h"

struct ml_parse_cache;

enum ml_transaction
{
	ML_TRANSACTION_DEFAULT, /* Drizzle folders "all", plain folders "per-file", a file alone
							 * "none" (ml_check_transaction) */
	ML_TRANSACTION_ALL,
	ML_TRANSACTION_PER_FILE,
	ML_TRANSACTION_NONE,
};

struct ml_config
{
	enum ml_severity *severity; /* per rule, in registry order: the effective severity */
	enum ml_severity fail_on;	/* findings at or above it make the exit status 1 */
	int pg_version;	 /* the major version, 10 to 30 */
	int pg_minor;	 /* the minor release ("14.3" gives 3), or -1 when not given */
	enum ml_transaction transaction;
	char *migrations_table;
	char *migrations_schema;
	char **exclude; /* globs, matched against paths relative to base_dir and as shown */
	size_t n_exclude;
	/* Set from the command line, not from the file: */
	unsigned jobs;				  /* parsing threads (--jobs); 0: one per CPU */
	struct ml_parse_cache *cache; /* the parse cache, or NULL (not owned) */
	char *path;		/* the config file read, or NULL */
	char *base_dir; /* its directory */
};

/* Defaults: every rule at its default severity, failOn warning, pgVersion 16. */
void ml_config_init(struct ml_config *cfg);
void ml_config_cleanup(struct ml_config *cfg);

/*
 * Finds the config file for 'start' (a file or a directory): the nearest .miglint.json, or
 * package.json with a "miglint" key, walking up to the root. Returns a malloc'd path or NULL.
 */
char *ml_config_find(const char *start);

/* Reads 'path' into 'cfg'. Returns 0, or ML_EIO / ML_EINPUT with 'err' naming the problem. */
int ml_config_load(struct ml_config *cfg, const char *path, struct ml_error *err);

/* Sets a rule (or every rule of an alias) to 'sev'. ML_EINPUT for an unknown name. */
int ml_config_set_rule(struct ml_config *cfg, const char *name, enum ml_severity sev,
					   struct ml_error *err);

/* Parses "off", "info", "warning", "error"; false for anything else. */
bool ml_config_parse_severity(const char *text, enum ml_severity *out);

/*
 * Parses a PostgreSQL version: a major version "16" (10 to 30), or a release "14.3" (minor 0
 * to 99). Sets *major and *minor (-1 without one); false for anything else.
 */
bool ml_config_parse_pg_version(const char *text, int *major, int *minor);

/* True when 'display' (a path as shown) matches an exclude glob. */
bool ml_config_excluded(const struct ml_config *cfg, const char *display);

#endif
