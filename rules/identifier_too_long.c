/* SPDX-License-Identifier: MIT */
/*
 * identifier_too_long.c
 *	  Flags identifiers longer than 63 bytes.
 *
 * PostgreSQL silently cuts every identifier to 63 bytes (NAMEDATALEN - 1), so the catalog
 * holds another name than the migration and the Drizzle schema: drizzle-kit then sees a
 * difference on every generate, and two long names that share their first 63 bytes collide.
 * The parser already cuts them, so this rule reads the tokens, not the tree.
 */
#include "miglint/rule.h"

/* Bytes of the identifier a token spells: quotes removed, doubled quotes counted once. */
static size_t
identifier_length(const char *text, size_t len)
{
	size_t n = 0;

	if (len < 2 || text[0] != '"')
		return len;
	for (size_t i = 1; i + 1 < len; i++)
	{
		if (text[i] == '"')
			i++;
		n++;
	}
	return n;
}

/* Entry point: called once per statement, in file order. */
static void
check(struct ml_check *chk, const struct ml_stmt *stmt)
{
	const char *data = chk->file->src->data;

	if (stmt->unplaced)
		return; /* a '...' DO body: its tokens have no place in the file */
	for (uint32_t i = 0; i < stmt->n_tokens; i++)
	{
		const struct ml_token *t = &stmt->tokens[i];
		size_t bytes;
		struct ml_diag *d;

		if (t->token != PG_QUERY__TOKEN__IDENT)
			continue;
		bytes = identifier_length(data + t->start, t->end - t->start);
		if (bytes <= 63)
			continue;
		d = ml_report_span(chk, t->start, t->end, "identifier %s%.*s%s is %zu bytes long",
						   data[t->start] == '"' ? "" : "\"", (int) (t->end - t->start),
						   data + t->start, data[t->start] == '"' ? "" : "\"", bytes);
		ml_diag_detail(d, "PostgreSQL cuts identifiers to 63 bytes without an error, so the "
						  "database holds another name than the migration and the schema in "
						  "code, and names that share their first 63 bytes collide.");
		ml_diag_hint(d, "Choose a name of at most 63 bytes (in Drizzle, name the constraint or "
						"index explicitly).");
	}
}

const struct ml_rule ml_rule_identifier_too_long = {
	.name = "identifier-too-long",
	.category = ML_CATEGORY_SCHEMA,
	.severity = ML_SEVERITY_WARNING,
	.summary = "an identifier longer than 63 bytes, which PostgreSQL truncates",
	.why = "PostgreSQL silently truncates identifiers to 63 bytes, so the database and the "
		   "schema in code disagree on the name, and long names can collide.",
	.fix = "Use names of at most 63 bytes; name long foreign keys and indexes explicitly.",
	.bad = "ALTER TABLE \"organization_memberships\" ADD CONSTRAINT "
		   "\"organization_memberships_organization_id_organizations_id_fk\" FOREIGN KEY "
		   "(\"organization_id\") REFERENCES \"organizations\"(\"id\");",
	.good = "ALTER TABLE \"organization_memberships\" ADD CONSTRAINT \"org_memberships_org_fk\" "
			"FOREIGN KEY (\"organization_id\") REFERENCES \"organizations\"(\"id\");",
	.check_statement = check,
};
