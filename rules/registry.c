/* SPDX-License-Identifier: MIT */
/*
 * registry.c
 *	  Every rule, sorted by name. The only place that knows rules by name.
 *
 * Adding a rule: one line here and one in rules/meson.build (STYLE.md §9). The registry test
 * checks that names are unique, sorted and kebab-case and that each rule is complete.
 */
#include <string.h>

#include "miglint/rule.h"

extern const struct ml_rule ml_rule_psql_meta_command;
extern const struct ml_rule ml_rule_require_if_exists;
extern const struct ml_rule ml_rule_require_if_not_exists;
extern const struct ml_rule ml_rule_syntax_error;
extern const struct ml_rule ml_rule_unused_ignore;

const struct ml_rule *const ml_rules[] = {
	&ml_rule_psql_meta_command,
	&ml_rule_require_if_exists,
	&ml_rule_require_if_not_exists,
	&ml_rule_syntax_error,
	&ml_rule_unused_ignore,
};

const size_t ml_rules_count = sizeof(ml_rules) / sizeof(ml_rules[0]);

const struct ml_rule *
ml_rule_find(const char *name)
{
	for (size_t i = 0; i < ml_rules_count; i++)
		if (strcmp(ml_rules[i]->name, name) == 0)
			return ml_rules[i];
	return NULL;
}

const char *
ml_category_name(enum ml_category cat)
{
	switch (cat)
	{
		case ML_CATEGORY_SYNTAX:
			return "syntax";
		case ML_CATEGORY_IDEMPOTENCE:
			return "idempotence";
		case ML_CATEGORY_PSQL:
			return "psql";
		case ML_CATEGORY_SUPPRESSION:
			return "suppression";
		case ML_CATEGORY_JOURNAL:
			return "journal";
		case ML_CATEGORY_SNAPSHOT:
			return "snapshot";
		case ML_CATEGORY_SCHEMA:
			return "schema";
	}
	return "other";
}
