/* SPDX-License-Identifier: MIT */
/*
 * transaction.c
 *	  The statements PostgreSQL refuses inside a transaction block (SQLSTATE 25001), what a
 *	  statement does to a transaction block, sqlx's "-- no-transaction" directive, and the
 *	  option lookup they and the rules share.
 *
 * Shared by the rule concurrently-in-transaction and by --apply, which runs every pending
 * migration in one transaction as drizzle-orm does and refuses such a statement before
 * sending anything.
 */
#include <string.h>

#include "miglint/sql.h"

const PgQuery__DefElem *
ml_def_elem_find(PgQuery__Node *const *items, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (items[i]->def_elem != NULL && strcmp(items[i]->def_elem->defname, name) == 0)
			return items[i]->def_elem;
	return NULL;
}

const char *
ml_stmt_refused_in_transaction(const PgQuery__Node *n)
{
	switch (n->node_case)
	{
		case PG_QUERY__NODE__NODE_INDEX_STMT:
			return n->index_stmt->concurrent ? "CREATE INDEX CONCURRENTLY" : NULL;
		case PG_QUERY__NODE__NODE_DROP_STMT:
			return n->drop_stmt->concurrent ? "DROP INDEX CONCURRENTLY" : NULL;
		case PG_QUERY__NODE__NODE_REINDEX_STMT:
			return ml_def_elem_find(n->reindex_stmt->params, n->reindex_stmt->n_params,
									"concurrently") != NULL
					   ? "REINDEX CONCURRENTLY"
					   : NULL;
		case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT:
			for (size_t i = 0; i < n->alter_table_stmt->n_cmds; i++)
			{
				const PgQuery__AlterTableCmd *cmd = n->alter_table_stmt->cmds[i]->alter_table_cmd;

				if (cmd != NULL && cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_DetachPartition &&
					cmd->def != NULL && cmd->def->node_case == PG_QUERY__NODE__NODE_PARTITION_CMD &&
					cmd->def->partition_cmd->concurrent)
					return "ALTER TABLE ... DETACH PARTITION CONCURRENTLY";
			}
			return NULL;
		case PG_QUERY__NODE__NODE_VACUUM_STMT:
			return n->vacuum_stmt->is_vacuumcmd ? "VACUUM" : NULL;
		case PG_QUERY__NODE__NODE_ALTER_SYSTEM_STMT:
			return "ALTER SYSTEM";
		case PG_QUERY__NODE__NODE_CREATEDB_STMT:
			return "CREATE DATABASE";
		case PG_QUERY__NODE__NODE_DROPDB_STMT:
			return "DROP DATABASE";
		case PG_QUERY__NODE__NODE_CREATE_TABLE_SPACE_STMT:
			return "CREATE TABLESPACE";
		default:
			return NULL;
	}
}

enum ml_tx_effect
ml_stmt_tx_effect(const PgQuery__Node *n)
{
	if (n == NULL || n->node_case != PG_QUERY__NODE__NODE_TRANSACTION_STMT)
		return ML_TX_NONE;
	switch (n->transaction_stmt->kind)
	{
		case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_BEGIN:
		case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_START:
			return ML_TX_OPEN;
		case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_COMMIT:
		case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK:
			return n->transaction_stmt->chain ? ML_TX_END_AND_OPEN : ML_TX_END;
		case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_PREPARE:
			return ML_TX_END;
		default:
			return ML_TX_NONE;
	}
}

bool
ml_file_no_transaction(const struct ml_file *file)
{
	static const char directive[] = "-- no-transaction";
	const struct ml_token *t;

	if (file == NULL || file->n_tokens == 0)
		return false;
	t = &file->tokens[0];
	return t->token == PG_QUERY__TOKEN__SQL_COMMENT &&
		   t->end - t->start >= sizeof(directive) - 1 &&
		   memcmp(file->src->data + t->start, directive, sizeof(directive) - 1) == 0;
}
