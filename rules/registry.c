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

extern const struct ml_rule ml_rule_adding_field_with_default;
extern const struct ml_rule ml_rule_adding_not_nullable_field;
extern const struct ml_rule ml_rule_adding_required_field;
extern const struct ml_rule ml_rule_adding_serial_primary_key_field;
extern const struct ml_rule ml_rule_ambiguous_migration_order;
extern const struct ml_rule ml_rule_ban_alter_domain_with_add_constraint;
extern const struct ml_rule ml_rule_ban_char_field;
extern const struct ml_rule ml_rule_ban_concurrent_index_pg14_corruption;
extern const struct ml_rule ml_rule_ban_create_domain_with_constraint;
extern const struct ml_rule ml_rule_ban_drop_column;
extern const struct ml_rule ml_rule_ban_drop_database;
extern const struct ml_rule ml_rule_ban_drop_not_null;
extern const struct ml_rule ml_rule_ban_drop_table;
extern const struct ml_rule ml_rule_ban_duplicate_column_assignments;
extern const struct ml_rule ml_rule_ban_exclusion_constraint;
extern const struct ml_rule ml_rule_ban_rename_enum_value;
extern const struct ml_rule ml_rule_ban_truncate_cascade;
extern const struct ml_rule ml_rule_ban_uncommitted_transaction;
extern const struct ml_rule ml_rule_breakpoints_off_multi_statement;
extern const struct ml_rule ml_rule_changing_column_type;
extern const struct ml_rule ml_rule_concurrently_in_transaction;
extern const struct ml_rule ml_rule_constraint_missing_not_valid;
extern const struct ml_rule ml_rule_create_existing_object;
extern const struct ml_rule ml_rule_disallowed_unique_constraint;
extern const struct ml_rule ml_rule_duplicate_migration_version;
extern const struct ml_rule ml_rule_enum_value_used_in_same_transaction;
extern const struct ml_rule ml_rule_foreign_key_without_index;
extern const struct ml_rule ml_rule_full_schema_recreation;
extern const struct ml_rule ml_rule_identifier_too_long;
extern const struct ml_rule ml_rule_journal_idx_mismatch;
extern const struct ml_rule ml_rule_journal_invalid;
extern const struct ml_rule ml_rule_journal_when_not_increasing;
extern const struct ml_rule ml_rule_leftover_journal;
extern const struct ml_rule ml_rule_missing_migration_file;
extern const struct ml_rule ml_rule_missing_statement_breakpoint;
extern const struct ml_rule ml_rule_multiple_alter_table;
extern const struct ml_rule ml_rule_prefer_bigint_over_int;
extern const struct ml_rule ml_rule_prefer_bigint_over_smallint;
extern const struct ml_rule ml_rule_prefer_identity;
extern const struct ml_rule ml_rule_prefer_jsonb;
extern const struct ml_rule ml_rule_prefer_repack;
extern const struct ml_rule ml_rule_prefer_text_field;
extern const struct ml_rule ml_rule_prefer_timestamptz;
extern const struct ml_rule ml_rule_psql_meta_command;
extern const struct ml_rule ml_rule_renaming_column;
extern const struct ml_rule ml_rule_renaming_table;
extern const struct ml_rule ml_rule_require_concurrent_index_creation;
extern const struct ml_rule ml_rule_require_concurrent_index_deletion;
extern const struct ml_rule ml_rule_require_concurrent_partition_detach;
extern const struct ml_rule ml_rule_require_concurrent_reindex;
extern const struct ml_rule ml_rule_require_enum_value_ordering;
extern const struct ml_rule ml_rule_require_if_exists;
extern const struct ml_rule ml_rule_require_if_not_exists;
extern const struct ml_rule ml_rule_require_lock_timeout;
extern const struct ml_rule ml_rule_require_statement_timeout;
extern const struct ml_rule ml_rule_require_table_schema;
extern const struct ml_rule ml_rule_snapshot_chain_broken;
extern const struct ml_rule ml_rule_snapshot_drift;
extern const struct ml_rule ml_rule_snapshot_invalid;
extern const struct ml_rule ml_rule_statements_after_access_exclusive_lock;
extern const struct ml_rule ml_rule_syntax_error;
extern const struct ml_rule ml_rule_transaction_nesting;
extern const struct ml_rule ml_rule_unchecked_dynamic_sql;
extern const struct ml_rule ml_rule_unjournaled_migration;
extern const struct ml_rule ml_rule_unused_ignore;

const struct ml_rule *const ml_rules[] = {
	&ml_rule_adding_field_with_default,
	&ml_rule_adding_not_nullable_field,
	&ml_rule_adding_required_field,
	&ml_rule_adding_serial_primary_key_field,
	&ml_rule_ambiguous_migration_order,
	&ml_rule_ban_alter_domain_with_add_constraint,
	&ml_rule_ban_char_field,
	&ml_rule_ban_concurrent_index_pg14_corruption,
	&ml_rule_ban_create_domain_with_constraint,
	&ml_rule_ban_drop_column,
	&ml_rule_ban_drop_database,
	&ml_rule_ban_drop_not_null,
	&ml_rule_ban_drop_table,
	&ml_rule_ban_duplicate_column_assignments,
	&ml_rule_ban_exclusion_constraint,
	&ml_rule_ban_rename_enum_value,
	&ml_rule_ban_truncate_cascade,
	&ml_rule_ban_uncommitted_transaction,
	&ml_rule_breakpoints_off_multi_statement,
	&ml_rule_changing_column_type,
	&ml_rule_concurrently_in_transaction,
	&ml_rule_constraint_missing_not_valid,
	&ml_rule_create_existing_object,
	&ml_rule_disallowed_unique_constraint,
	&ml_rule_duplicate_migration_version,
	&ml_rule_enum_value_used_in_same_transaction,
	&ml_rule_foreign_key_without_index,
	&ml_rule_full_schema_recreation,
	&ml_rule_identifier_too_long,
	&ml_rule_journal_idx_mismatch,
	&ml_rule_journal_invalid,
	&ml_rule_journal_when_not_increasing,
	&ml_rule_leftover_journal,
	&ml_rule_missing_migration_file,
	&ml_rule_missing_statement_breakpoint,
	&ml_rule_multiple_alter_table,
	&ml_rule_prefer_bigint_over_int,
	&ml_rule_prefer_bigint_over_smallint,
	&ml_rule_prefer_identity,
	&ml_rule_prefer_jsonb,
	&ml_rule_prefer_repack,
	&ml_rule_prefer_text_field,
	&ml_rule_prefer_timestamptz,
	&ml_rule_psql_meta_command,
	&ml_rule_renaming_column,
	&ml_rule_renaming_table,
	&ml_rule_require_concurrent_index_creation,
	&ml_rule_require_concurrent_index_deletion,
	&ml_rule_require_concurrent_partition_detach,
	&ml_rule_require_concurrent_reindex,
	&ml_rule_require_enum_value_ordering,
	&ml_rule_require_if_exists,
	&ml_rule_require_if_not_exists,
	&ml_rule_require_lock_timeout,
	&ml_rule_require_statement_timeout,
	&ml_rule_require_table_schema,
	&ml_rule_snapshot_chain_broken,
	&ml_rule_snapshot_drift,
	&ml_rule_snapshot_invalid,
	&ml_rule_statements_after_access_exclusive_lock,
	&ml_rule_syntax_error,
	&ml_rule_transaction_nesting,
	&ml_rule_unchecked_dynamic_sql,
	&ml_rule_unjournaled_migration,
	&ml_rule_unused_ignore,
};

const size_t ml_rules_count = sizeof(ml_rules) / sizeof(ml_rules[0]);

/* Other linters' names for what one of our rules (or several) checks. */
static const struct
{
	const char *alias;
	const char *rule;
} aliases[] = {
	{"prefer-robust-stmts", "require-if-exists"}, /* squawk: both idempotency rules */
	{"prefer-robust-stmts", "require-if-not-exists"},
	{"ban-concurrent-index-creation-in-transaction", "concurrently-in-transaction"},
	{"adding-foreign-key-constraint", "constraint-missing-not-valid"}, /* ours covers CHECK too */
	{"prefer-timestamp-tz", "prefer-timestamptz"}, /* squawk's other spelling */
	{"require-timeout-settings", "require-lock-timeout"}, /* squawk 2.x split it in two */
	{"require-timeout-settings", "require-statement-timeout"},
};

bool
ml_rule_matches(const char *name, const struct ml_rule *rule)
{
	if (strcmp(name, rule->name) == 0)
		return true;
	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (strcmp(aliases[i].alias, name) == 0 && strcmp(aliases[i].rule, rule->name) == 0)
			return true;
	return false;
}

bool
ml_rule_known(const char *name)
{
	for (size_t i = 0; i < ml_rules_count; i++)
		if (ml_rule_matches(name, ml_rules[i]))
			return true;
	return false;
}

size_t
ml_rule_index(const struct ml_rule *rule)
{
	for (size_t i = 0; i < ml_rules_count; i++)
		if (ml_rules[i] == rule)
			return i;
	return 0;
}

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
		case ML_CATEGORY_LOCKING:
			return "locking";
		case ML_CATEGORY_COMPATIBILITY:
			return "compatibility";
		case ML_CATEGORY_TRANSACTION:
			return "transaction";
	}
	return "other";
}
