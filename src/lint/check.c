/* SPDX-License-Identifier: MIT */
/*
 * check.c
 *	  ml_report() and the span helpers every rule uses.
 *
 * A finding's span is computed from tokens, never from the SQL text: by default it covers a
 * statement's leading keywords ("CREATE UNIQUE INDEX"), which is where the eye goes in the
 * caret line. The position is turned into line:column here, once, with a copy of the line.
 */
#include <stdarg.h>
#include <string.h>

#include "miglint/rule.h"

/* Keywords that may lead a DDL statement although PostgreSQL lists them as unreserved. */
static bool
leading_unreserved(PgQuery__Token t)
{
	switch (t)
	{
		case PG_QUERY__TOKEN__ALTER:
		case PG_QUERY__TOKEN__DROP:
		case PG_QUERY__TOKEN__ADD_P:
		case PG_QUERY__TOKEN__INDEX:
		case PG_QUERY__TOKEN__SCHEMA:
		case PG_QUERY__TOKEN__SEQUENCE:
		case PG_QUERY__TOKEN__EXTENSION:
		case PG_QUERY__TOKEN__TYPE_P:
		case PG_QUERY__TOKEN__DOMAIN_P:
		case PG_QUERY__TOKEN__VIEW:
		case PG_QUERY__TOKEN__FUNCTION:
		case PG_QUERY__TOKEN__PROCEDURE:
		case PG_QUERY__TOKEN__TRIGGER:
		case PG_QUERY__TOKEN__MATERIALIZED:
		case PG_QUERY__TOKEN__REPLACE:
		case PG_QUERY__TOKEN__IF_P:
		case PG_QUERY__TOKEN__UNLOGGED:
		case PG_QUERY__TOKEN__TEMP:
		case PG_QUERY__TOKEN__TEMPORARY:
		case PG_QUERY__TOKEN__RECURSIVE:
		case PG_QUERY__TOKEN__POLICY:
		case PG_QUERY__TOKEN__ROLE:
		case PG_QUERY__TOKEN__DATABASE:
			return true;
		default:
			return false;
	}
}

static bool
leading_keyword(const struct ml_token *t)
{
	if (t->keyword == PG_QUERY__KEYWORD_KIND__NO_KEYWORD)
		return false;
	return t->keyword != PG_QUERY__KEYWORD_KIND__UNRESERVED_KEYWORD || leading_unreserved(t->token);
}

/* The statement's leading keywords; the first token alone when it is not a keyword. */
static void
keyword_span(const struct ml_check *chk, const struct ml_stmt *stmt, size_t *start, size_t *end)
{
	const struct ml_token *toks = stmt->tokens;
	size_t i = 0;
	bool any = false;

	(void) chk;
	*start = stmt->start;
	*end = stmt->start;
	while (i < stmt->n_tokens && (ml_token_is_comment(&toks[i]) || toks[i].start < stmt->start))
		i++;
	for (; i < stmt->n_tokens && toks[i].start < stmt->end; i++)
	{
		const struct ml_token *t = &toks[i];

		if (ml_token_is_comment(t))
			continue;
		if (any && !leading_keyword(t))
			break;
		if (!any)
			*start = t->start;
		*end = t->end;
		any = true;
		if (!leading_keyword(t))
			break;
	}
	if (!any)
		*end = stmt->end > stmt->start ? stmt->end : stmt->start;
}

void
ml_span_with_keywords_before(const struct ml_check *chk, const struct ml_stmt *stmt, size_t at,
							 size_t *start, size_t *end)
{
	const struct ml_token *toks = stmt->tokens;
	size_t i = 0;

	(void) chk;
	*start = at;
	*end = at;
	while (i < stmt->n_tokens && toks[i].start < at)
		i++;
	if (i >= stmt->n_tokens)
		return;
	*end = toks[i].end;
	while (i > 0)
	{
		const struct ml_token *t = &toks[i - 1];

		if (ml_token_is_comment(t))
		{
			i--;
			continue;
		}
		if (t->token != PG_QUERY__TOKEN__ADD_P && t->token != PG_QUERY__TOKEN__COLUMN &&
			t->token != PG_QUERY__TOKEN__DROP && t->token != PG_QUERY__TOKEN__CONSTRAINT &&
			t->token != PG_QUERY__TOKEN__IF_P && t->token != PG_QUERY__TOKEN__NOT &&
			t->token != PG_QUERY__TOKEN__EXISTS)
			break;
		*start = t->start;
		i--;
	}
}

static struct ml_diag *
report_va(struct ml_check *chk, const struct ml_source *src, size_t start, size_t end,
		  const char *fmt, va_list ap)
{
	struct ml_diag *d = ml_diag_list_add(chk->diags);
	const char *text;
	size_t len;

	if (end < start)
		end = start;
	d->rule = chk->rule->name;
	d->severity = chk->severity;
	d->file_order = src->order;
	d->start = (uint32_t) start;
	d->end = (uint32_t) end;
	ml_source_line_col(src, start, &d->line, &d->col);
	ml_source_line_col(src, end, &d->end_line, &d->end_col);
	d->message = ml_arena_vprintf(d->list->arena, fmt, ap);
	text = ml_source_line_text(src, d->line, &len);
	d->source_line = ml_arena_strndup(d->list->arena, text, len);
	d->file = ml_diag_shared(d, src->path);
	return d;
}

struct ml_diag *
ml_report(struct ml_check *chk, const struct ml_stmt *stmt, const char *fmt, ...)
{
	size_t start, end;
	struct ml_diag *d;
	va_list ap;

	keyword_span(chk, stmt, &start, &end);
	va_start(ap, fmt);
	d = report_va(chk, chk->file->src, start, end, fmt, ap);
	va_end(ap);
	return d;
}

struct ml_diag *
ml_report_at(struct ml_check *chk, const struct ml_stmt *stmt, int location, const char *fmt, ...)
{
	long at = ml_stmt_location(stmt, location);
	size_t tok = at >= 0 ? ml_file_token_at(chk->file, (size_t) at) : chk->file->n_tokens;
	size_t start, end, i = 0;
	struct ml_diag *d;
	va_list ap;

	/* Inside a DO block the file has one string token: the statement has its own tokens. */
	if (stmt->in_do && at >= 0 && stmt->tokens != NULL)
		i = ml_tokens_at(stmt->tokens, stmt->n_tokens, (size_t) at);
	if (stmt->in_do && at >= 0 && i < stmt->n_tokens)
	{
		start = stmt->tokens[i].start;
		end = stmt->tokens[i].end;
	}
	else if (tok < chk->file->n_tokens)
	{
		start = chk->file->tokens[tok].start;
		end = chk->file->tokens[tok].end;
	}
	else
		keyword_span(chk, stmt, &start, &end);
	va_start(ap, fmt);
	d = report_va(chk, chk->file->src, start, end, fmt, ap);
	va_end(ap);
	return d;
}

struct ml_diag *
ml_report_span(struct ml_check *chk, size_t start, size_t end, const char *fmt, ...)
{
	struct ml_diag *d;
	va_list ap;

	va_start(ap, fmt);
	d = report_va(chk, chk->file->src, start, end, fmt, ap);
	va_end(ap);
	return d;
}

struct ml_diag *
ml_report_in(struct ml_check *chk, const struct ml_source *src, size_t start, size_t end,
			 const char *fmt, ...)
{
	struct ml_diag *d;
	va_list ap;

	va_start(ap, fmt);
	d = report_va(chk, src, start, end, fmt, ap);
	va_end(ap);
	return d;
}

/* One file ml_check_source read, kept for the next finding in it (a list in chk's arena). */
struct ml_source_cache
{
	const struct ml_migration *migration;
	const struct ml_source *src;
	struct ml_source_cache *next;
};

const struct ml_source *
ml_check_source(struct ml_check *chk, const struct ml_migration *m)
{
	struct ml_source *src = NULL;
	struct ml_source_cache *kept;
	struct ml_error err;

	/* A folder rule may report thousands of findings into one file: read it once. */
	for (kept = chk->sources; kept != NULL; kept = kept->next)
		if (kept->migration == m)
			return kept->src;

	/* The text that was linted: --fix --diff lints the fixed text, not the file's. */
	if ((m->override != NULL ? ml_source_from_bytes(&src, chk->arena, m->override,
													m->override_len, m->display, &err)
							 : ml_source_read(&src, chk->arena, m->fs_path, m->display, &err)) != 0)
	{
		/* An empty or unreadable file still has a first line to point at. */
		src = ml_source_stub(chk->arena, m->display);
	}
	src->order = m->order;
	kept = ml_arena_alloc(chk->arena, sizeof(*kept));
	kept->migration = m;
	kept->src = src;
	kept->next = chk->sources;
	chk->sources = kept;
	return src;
}

const struct ml_journal_entry *
ml_check_journal_entry(const struct ml_check *chk)
{
	if (chk->meta == NULL || chk->migration == NULL)
		return NULL;
	for (size_t i = 0; i < chk->meta->n_entries; i++)
		if (chk->meta->entry[i].file == chk->migration)
			return &chk->meta->entry[i];
	return NULL;
}

struct ml_diag *
ml_report_at_json(struct ml_check *chk, const struct ml_meta_file *mf, const cJSON *item,
			   const char *fmt, ...)
{
	size_t start = 0, end = 0;
	struct ml_diag *d;
	va_list ap;

	if (item != NULL && mf->json.root != NULL)
	{
		start = ml_json_key_offset(&mf->json, item);
		end = ml_json_end_offset(&mf->json, item);
	}
	else if (mf->src->len > 0)
		end = 1;
	va_start(ap, fmt);
	d = report_va(chk, mf->src, start, end, fmt, ap);
	va_end(ap);
	return d;
}

struct ml_diag *
ml_report_at_snapshot(struct ml_check *chk, const struct ml_snapshot *s, enum ml_snapshot_at at,
					  const char *fmt, ...)
{
	const struct ml_meta_file *mf = ml_snapshot_open(chk->meta, s);
	const cJSON *root = mf->json.root, *item = NULL;
	size_t start = 0, end = mf->src->len > 0 ? 1 : 0;
	struct ml_diag *d;
	va_list ap;

	if (at == ML_SNAP_ROOT)
		item = root;
	else if (at == ML_SNAP_ID)
		item = ml_json_member(root, "id");
	else if (at == ML_SNAP_PARENT)
		item = ml_snapshot_parent_member(root);
	else if (at == ML_SNAP_DIALECT)
		item = ml_json_member(root, "dialect");
	if (item != NULL && root != NULL)
	{
		start = ml_json_key_offset(&mf->json, item);
		end = ml_json_end_offset(&mf->json, item);
	}
	va_start(ap, fmt);
	d = report_va(chk, mf->src, start, end, fmt, ap);
	va_end(ap);
	return d;
}

/* The schema a RangeVar names, or NULL when it leaves it to the search_path. */
static const char *
range_var_schema(const PgQuery__RangeVar *rv)
{
	return rv->schemaname && rv->schemaname[0] ? rv->schemaname : NULL;
}

bool
ml_check_table_existed(const struct ml_check *chk, const PgQuery__RangeVar *rv)
{
	const struct ml_cat_object *t;

	if (chk->catalog == NULL || rv == NULL)
		return true;
	t = ml_catalog_find(chk->catalog, ML_OBJ_TABLE, range_var_schema(rv), rv->relname);
	return t == NULL || ml_catalog_existed_before(chk->catalog, t);
}

const PgQuery__AlterTableStmt *
ml_check_alter_existing_table(const struct ml_check *chk, const struct ml_stmt *stmt)
{
	const PgQuery__AlterTableStmt *at;

	if (stmt->node->node_case != PG_QUERY__NODE__NODE_ALTER_TABLE_STMT)
		return NULL;
	at = stmt->node->alter_table_stmt;
	if (at->objtype != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE ||
		!ml_check_table_existed(chk, at->relation))
		return NULL;
	return at;
}

/* Adds the column of ColumnDef node 'n' (named 'name' when the definition has none). */
static size_t
add_typed_column(struct ml_typed_column *out, size_t n, size_t cap, const PgQuery__Node *node,
				 const char *name)
{
	const PgQuery__ColumnDef *cd;

	if (n >= cap || node == NULL || node->node_case != PG_QUERY__NODE__NODE_COLUMN_DEF)
		return n;
	cd = node->column_def;
	if (cd->type_name == NULL)
		return n;
	out[n].name = cd->colname != NULL && cd->colname[0] != '\0' ? cd->colname : name;
	out[n].type = cd->type_name;
	out[n].location = cd->type_name->location;
	return n + 1;
}

size_t
ml_check_typed_columns(const struct ml_stmt *stmt, struct ml_typed_column *out, size_t cap)
{
	size_t n = 0;

	if (stmt->node->node_case == PG_QUERY__NODE__NODE_CREATE_STMT)
	{
		const PgQuery__CreateStmt *cs = stmt->node->create_stmt;

		for (size_t i = 0; i < cs->n_table_elts; i++)
			n = add_typed_column(out, n, cap, cs->table_elts[i], NULL);
	}
	else if (stmt->node->node_case == PG_QUERY__NODE__NODE_ALTER_TABLE_STMT)
	{
		const PgQuery__AlterTableStmt *at = stmt->node->alter_table_stmt;

		for (size_t i = 0; i < at->n_cmds; i++)
		{
			const PgQuery__AlterTableCmd *cmd = at->cmds[i]->alter_table_cmd;

			if (cmd != NULL && (cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumn ||
								cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_AlterColumnType))
				n = add_typed_column(out, n, cap, cmd->def, cmd->name);
		}
	}
	return n;
}

const char *
ml_type_base_name(const PgQuery__TypeName *type)
{
	const PgQuery__Node *last;

	if (type == NULL || type->n_names == 0)
		return "";
	last = type->names[type->n_names - 1];
	return last->node_case == PG_QUERY__NODE__NODE_STRING ? last->string->sval : "";
}

void
ml_alter_added_constraints(struct ml_check *chk, const struct ml_stmt *stmt,
						   const PgQuery__AlterTableStmt *at, PgQuery__ConstrType contype,
						   ml_added_constraint_fn fn)
{
	for (size_t i = 0; i < at->n_cmds; i++)
	{
		const PgQuery__AlterTableCmd *cmd = at->cmds[i]->alter_table_cmd;

		if (cmd == NULL || cmd->def == NULL)
			continue;
		if (cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraint &&
			cmd->def->node_case == PG_QUERY__NODE__NODE_CONSTRAINT)
		{
			const PgQuery__Constraint *c = cmd->def->constraint;

			if (c->contype == contype && (c->indexname == NULL || c->indexname[0] == '\0'))
				fn(chk, stmt, at, c, NULL);
		}
		else if (cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumn &&
				 cmd->def->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF)
		{
			const PgQuery__ColumnDef *cd = cmd->def->column_def;

			for (size_t k = 0; k < cd->n_constraints; k++)
			{
				const PgQuery__Constraint *c = cd->constraints[k]->constraint;

				if (c != NULL && c->contype == contype)
				{
					fn(chk, stmt, at, c, cd);
					break;
				}
			}
		}
	}
}

const char *
ml_constraint_key_columns(struct ml_check *chk, const PgQuery__Constraint *c)
{
	const char *out = "";

	for (size_t i = 0; i < c->n_keys; i++)
		if (c->keys[i]->node_case == PG_QUERY__NODE__NODE_STRING)
			out = ml_arena_printf(chk->arena, "%s%s%s", out, out[0] ? ", " : "",
								  ml_quote_ident(chk->arena, c->keys[i]->string->sval));
	return out;
}

const char *
ml_check_concurrently_note(const struct ml_check *chk)
{
	if (ml_check_drizzle(chk))
		return " drizzle-orm runs all pending migrations in one transaction, where CONCURRENTLY "
			   "fails: build the index outside the migrator first (in psql or a deploy step) and "
			   "keep only the ADD CONSTRAINT here.";
	if (ml_check_in_transaction(chk))
		return chk->config->transaction == ML_TRANSACTION_DEFAULT
				   ? " Runners of plain migration folders wrap each file in a transaction (set "
					 "\"transaction\": \"none\" in the config if this one does not), where "
					 "CONCURRENTLY fails: build the index in a step that runs outside one."
				   : " The config says the runner wraps the migration in a transaction, where "
					 "CONCURRENTLY fails: build the index in a step that runs outside one.";
	return "";
}

bool
ml_type_is_builtin(const PgQuery__TypeName *type, const char *name)
{
	const PgQuery__Node *first = type->n_names == 2 ? type->names[0] : NULL;

	if (type->n_names != 1 && !(first != NULL && first->node_case == PG_QUERY__NODE__NODE_STRING &&
								strcmp(first->string->sval, "pg_catalog") == 0))
		return false;
	return strcmp(ml_type_base_name(type), name) == 0;
}

bool
ml_check_drizzle(const struct ml_check *chk)
{
	return chk->folder != NULL && (chk->folder->kind == ML_FOLDER_DRIZZLE ||
								   chk->folder->kind == ML_FOLDER_DRIZZLE_V1) &&
		   chk->migration != NULL && (chk->migration->journaled ||
									  chk->folder->kind == ML_FOLDER_DRIZZLE_V1);
}

/*
 * True when the file opens with sqlx's "-- no-transaction" directive (its first token is
 * that comment): sqlx then runs it outside a transaction.
 */
enum ml_transaction
ml_check_transaction(const struct ml_check *chk)
{
	enum ml_transaction mode = chk->config->transaction;

	if (mode == ML_TRANSACTION_DEFAULT)
		mode = ml_check_drizzle(chk) ? ML_TRANSACTION_ALL
			   : chk->folder != NULL && chk->folder->kind == ML_FOLDER_PLAIN
				   ? ML_TRANSACTION_PER_FILE
				   : ML_TRANSACTION_NONE;
	if (mode == ML_TRANSACTION_PER_FILE && chk->migration != NULL &&
		chk->migration->no_transaction)
		return ML_TRANSACTION_NONE;
	return mode;
}

bool
ml_check_in_transaction(const struct ml_check *chk)
{
	return ml_check_transaction(chk) != ML_TRANSACTION_NONE;
}

bool
ml_check_table_dropped_existed(const struct ml_check *chk, const PgQuery__RangeVar *rv)
{
	const struct ml_cat_object *t;

	if (chk->catalog == NULL || rv == NULL)
		return true;
	t = ml_catalog_find_dropped(chk->catalog, ML_OBJ_TABLE, range_var_schema(rv), rv->relname);
	return t == NULL || ml_catalog_existed_before(chk->catalog, t);
}

bool
ml_check_index_table_existed(const struct ml_check *chk, const PgQuery__Node *object)
{
	const struct ml_cat_object *idx, *table;
	const char *schema, *name;

	if (chk->catalog == NULL || object->node_case != PG_QUERY__NODE__NODE_LIST ||
		!ml_name_split(object->list->items, object->list->n_items, &schema, &name))
		return true;
	idx = ml_catalog_find(chk->catalog, ML_OBJ_INDEX, schema, name);
	if (idx == NULL)
		idx = ml_catalog_find_dropped(chk->catalog, ML_OBJ_INDEX, schema, name);
	if (idx == NULL)
		return true;
	/* An index whose table the catalog does not know is on a table made elsewhere. */
	table = ml_cat_object_table(idx);
	return table == NULL || ml_catalog_existed_before(chk->catalog, table);
}

/* True when a column definition makes ADD COLUMN rewrite the table or check every row. */
static bool
column_needs_pass(const PgQuery__Node *def)
{
	const PgQuery__ColumnDef *cd;
	const char *type;

	if (def == NULL || def->node_case != PG_QUERY__NODE__NODE_COLUMN_DEF)
		return false;
	cd = def->column_def;
	type = cd->type_name != NULL ? ml_type_base_name(cd->type_name) : "";
	if (strstr(type, "serial") != NULL)
		return true;
	for (size_t i = 0; i < cd->n_constraints; i++)
	{
		const PgQuery__Constraint *c = cd->constraints[i]->constraint;

		if (c != NULL && (c->contype == PG_QUERY__CONSTR_TYPE__CONSTR_IDENTITY ||
						  c->contype == PG_QUERY__CONSTR_TYPE__CONSTR_GENERATED ||
						  c->contype == PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY ||
						  c->contype == PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE ||
						  c->contype == PG_QUERY__CONSTR_TYPE__CONSTR_CHECK ||
						  c->contype == PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN))
			return true;
	}
	return false;
}

bool
ml_alter_cmd_needs_pass(const PgQuery__AlterTableCmd *cmd)
{
	switch (cmd->subtype)
	{
		case PG_QUERY__ALTER_TABLE_TYPE__AT_AlterColumnType:
		case PG_QUERY__ALTER_TABLE_TYPE__AT_SetNotNull:
		case PG_QUERY__ALTER_TABLE_TYPE__AT_SetLogged:
		case PG_QUERY__ALTER_TABLE_TYPE__AT_SetUnLogged:
		case PG_QUERY__ALTER_TABLE_TYPE__AT_SetTableSpace:
			return true;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumn:
			return column_needs_pass(cmd->def);
		case PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraint:
			return cmd->def != NULL && cmd->def->node_case == PG_QUERY__NODE__NODE_CONSTRAINT &&
				   !cmd->def->constraint->skip_validation &&
				   cmd->def->constraint->contype != PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL;
		default:
			return false;
	}
}

const char *
ml_check_do_block_note(const struct ml_stmt *stmt)
{
	return stmt->in_do ? " A DO block runs in a transaction: write the statement outside it." : "";
}
