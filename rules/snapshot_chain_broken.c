/* SPDX-License-Identifier: MIT */
/*
 * snapshot_chain_broken.c
 *	  Flags snapshots whose parent links do not form the history drizzle-kit expects.
 *
 * drizzle-kit 0.x: each snapshot's prevId is the id of the one before it (files in name
 * order), the first's is the origin (all zeros). A later snapshot with the origin as parent
 * was generated without the earlier snapshots (it diffed against an empty schema: the
 * full-recreation bug); two snapshots with one parent are the "collision" that makes
 * drizzle-kit check fail and generate refuse; a parent that is no snapshot's id, a repeated
 * id, a snapshot no journal entry owns, and journal entries without a snapshot (the last
 * one means the next generate writes its change again) all break the chain. A parent that
 * is nowhere is not reported while some snapshot is unreadable or some entry has none: it
 * is most likely that one, reported already. drizzle-kit's
 * own output never has these: generate --custom writes a snapshot too.
 * drizzle-kit 1.0: prevIds may name several parents (a merge), and forks are normal; every
 * parent must exist, there is one base, each folder has a snapshot.json, and a child's folder
 * name must sort after its parents' (drizzle-kit's own check), or migrate may run it first.
 */
#include <string.h>

#include "miglint/rule.h"

static bool
usable(const struct ml_snapshot *s)
{
	return s->parsed && s->id != NULL;
}

/* Index of the usable snapshot with this id, or -1. */
static long
find_id(const struct ml_drizzle_meta *m, const char *id, size_t before)
{
	for (size_t i = 0; i < before; i++)
		if (usable(&m->snapshots[i]) && strcmp(m->snapshots[i].id, id) == 0)
			return (long) i;
	return -1;
}

/*
 * True when a snapshot could not be read, or a journal entry has none: a parent that is
 * nowhere is most likely that one, already reported.
 */
static bool
any_unusable(const struct ml_drizzle_meta *m)
{
	for (size_t i = 0; i < m->n_snapshots; i++)
		if (!usable(&m->snapshots[i]))
			return true;
	for (size_t i = 0; i < m->n_entries; i++)
		if (m->entry[i].tag_safe && m->entry[i].snapshot == (size_t) -1)
			return true;
	return false;
}

/* True when another snapshot names the same parent as snapshot 'i' (a collision). */
static bool
shares_parent(const struct ml_drizzle_meta *m, size_t i)
{
	for (size_t k = 0; k < m->n_snapshots; k++)
		if (k != i && usable(&m->snapshots[k]) && m->snapshots[k].prev_id != NULL &&
			strcmp(m->snapshots[k].prev_id, m->snapshots[i].prev_id) == 0)
			return true;
	return false;
}

static void
check_v0_links(struct ml_check *chk, const struct ml_drizzle_meta *m)
{
	long prev = -1;
	bool unusable = any_unusable(m);

	for (size_t i = 0; i < m->n_snapshots; i++)
	{
		const struct ml_snapshot *s = &m->snapshots[i];
		struct ml_diag *d;
		long dup, parent;

		if (!usable(s))
			continue;
		dup = find_id(m, s->id, i);
		if (dup >= 0)
		{
			d = ml_report_at_snapshot(chk, s, ML_SNAP_ID, "snapshot id \"%s\" repeats the id of "
															 "\"%s\"",
								  s->id, m->snapshots[dup].path);
			ml_diag_detail(d, "Snapshot ids are unique; a copied snapshot makes drizzle-kit's "
							  "history ambiguous.");
			ml_diag_hint(d, "Restore both files from version control, or regenerate the later "
							"migration.");
		}
		else if (s->prev_id != NULL)
		{
			const char *expected = prev >= 0 ? m->snapshots[prev].id : ML_ORIGIN_UUID;

			parent = find_id(m, s->prev_id, m->n_snapshots);
			if (strcmp(s->prev_id, expected) == 0)
				;
			else if (strcmp(s->prev_id, ML_ORIGIN_UUID) == 0)
			{
				d = ml_report_at_snapshot(chk, s, ML_SNAP_PARENT,
									  "snapshot's parent is the origin, but \"%s\" comes before it",
									  m->snapshots[prev].path);
				ml_diag_detail(d, "drizzle-kit found no earlier snapshot when it generated this "
								  "migration, so it diffed against an empty schema: the migration "
								  "most likely recreates objects that already exist, and "
								  "drizzle-kit check reports a collision.");
				ml_diag_hint(d, "Restore the missing snapshots, delete this migration with its "
								"journal entry and snapshot, and generate it again.");
			}
			else if (parent == (long) i)
			{
				d = ml_report_at_snapshot(chk, s, ML_SNAP_PARENT, "snapshot is its own parent");
				ml_diag_hint(d, "Set \"prevId\" to the id of the snapshot before it%s%s%s.",
							 prev >= 0 ? " (\"" : "", prev >= 0 ? m->snapshots[prev].id : "",
							 prev >= 0 ? "\")" : "");
			}
			else if (parent >= 0 && shares_parent(m, i))
			{
				d = ml_report_at_snapshot(chk, s, ML_SNAP_PARENT,
									  "snapshot shares its parent \"%s\" with another snapshot",
									  m->snapshots[parent].path);
				ml_diag_detail(d, "Two branches generated migrations from the same state; "
								  "drizzle-kit check fails on the collision and generate refuses "
								  "to run.");
				ml_diag_hint(d, "Delete the later branch's migration (file, journal entry, "
								"snapshot) and generate it again on top of the other.");
			}
			else if (parent >= 0)
			{
				d = ml_report_at_snapshot(chk, s, ML_SNAP_PARENT,
									  "snapshot's parent is \"%s\", not the snapshot before it%s%s%s",
									  m->snapshots[parent].path,
									  prev >= 0 ? " (\"" : "",
									  prev >= 0 ? m->snapshots[prev].path : "",
									  prev >= 0 ? "\")" : "");
				ml_diag_detail(d, "The snapshots are out of order: drizzle-kit takes the last file "
								  "in meta/ by name as the newest state, which is not the newest "
								  "here, so the next generate diffs against the wrong schema.");
				ml_diag_hint(d, "Rename the snapshots (and their migrations) so that name order is "
								"history order.");
			}
			else if (!unusable)
			{
				d = ml_report_at_snapshot(chk, s, ML_SNAP_PARENT,
									  "snapshot's parent \"%s\" is no snapshot's id", s->prev_id);
				ml_diag_detail(d, "The snapshot it was generated from is gone or was edited.");
				ml_diag_hint(d, "Restore the missing snapshot from version control.");
			}
		}
		prev = (long) i;
	}
}

static void
check_v0_entries(struct ml_check *chk, const struct ml_drizzle_meta *m)
{
	size_t run_start = (size_t) -1;

	for (size_t i = 0; i < m->n_snapshots; i++)
	{
		const struct ml_snapshot *s = &m->snapshots[i];
		struct ml_diag *d;

		if (s->has_entry || !usable(s) || !m->has_journal || m->entries == NULL)
			continue;
		d = ml_report_at_snapshot(chk, s, ML_SNAP_ID, "snapshot belongs to no journal entry");
		ml_diag_detail(d, "The snapshots say this migration's change exists, but without a "
						  "journal entry its migration never runs, and the next generate will "
						  "not write it either: schema and database drift apart.");
		ml_diag_hint(d, "Restore the journal entry of migration \"%s\", or delete the snapshot "
						"and its migration.",
					 s->prefix);
	}
	/* Entries without a snapshot, one finding per run of them. */
	for (size_t i = 0; i <= m->n_entries; i++)
	{
		bool missing = i < m->n_entries && m->entry[i].tag_text != NULL &&
					   m->entry[i].tag_safe && m->entry[i].snapshot == (size_t) -1;
		struct ml_diag *d;

		if (missing && run_start == (size_t) -1)
			run_start = i;
		if (missing || run_start == (size_t) -1)
			continue;
		if (i == m->n_entries && m->n_snapshots > 0)
		{
			d = ml_report_at_json(chk, &m->journal, m->entry[i - 1].tag,
								  "the newest journal entry%s (%zu%s%zu) %s no snapshot",
								  i - run_start > 1 ? "s" : "", run_start,
								  i - run_start > 1 ? " to " : "", i - 1,
								  i - run_start > 1 ? "have" : "has");
			ml_diag_detail(d, "drizzle-kit generate diffs the schema against the newest "
							  "snapshot, which is older than this migration, so the next "
							  "generate writes its changes a second time.");
		}
		else
		{
			d = ml_report_at_json(chk, &m->journal, m->entry[run_start].tag,
								  "journal entr%s %zu%s%zu %s no snapshot",
								  i - run_start > 1 ? "ies" : "y", run_start,
								  i - run_start > 1 ? " to " : "", i - 1,
								  i - run_start > 1 ? "have" : "has");
			ml_diag_detail(d, "drizzle-kit writes a snapshot for every migration it generates, "
							  "custom ones included; these were written by hand or lost theirs.");
		}
		if (i - run_start == 1)
			d->message = ml_arena_printf(d->list->arena, "journal entry %zu (\"%s\") has no snapshot",
										 run_start, m->entry[run_start].tag_text);
		ml_diag_hint(d, "Restore meta/<prefix>_snapshot.json from version control, or regenerate "
						"it with drizzle-kit.");
		run_start = (size_t) -1;
	}
}

static void
check_v1(struct ml_check *chk, const struct ml_drizzle_meta *m)
{
	size_t bases = 0;

	for (size_t i = 0; i < m->n_dirs; i++)
		if (m->dirs[i].snapshot == (size_t) -1 && m->dirs[i].file != NULL)
		{
			const struct ml_source *src = ml_check_source(chk, m->dirs[i].file);
			struct ml_diag *d = ml_report_in(chk, src, 0, 0, "migration folder \"%s\" has no "
															 "snapshot.json",
											 m->dirs[i].name);

			ml_diag_detail(d, "drizzle-kit 1.0 does not see a migration without snapshot.json: "
							  "the next generate writes its changes again.");
			ml_diag_hint(d, "Restore %s/snapshot.json from version control.", m->dirs[i].name);
		}
	for (size_t i = 0; i < m->n_snapshots; i++)
	{
		const struct ml_snapshot *s = &m->snapshots[i];
		struct ml_diag *d;

		if (!usable(s))
			continue;
		if (find_id(m, s->id, i) >= 0)
		{
			d = ml_report_at_snapshot(chk, s, ML_SNAP_ID, "snapshot id \"%s\" is not unique",
								  s->id);
			ml_diag_hint(d, "Restore the snapshot from version control.");
		}
		for (size_t k = 0; k < s->n_prev_ids; k++)
		{
			long p;

			if (strcmp(s->prev_ids[k], ML_ORIGIN_UUID) == 0)
			{
				if (++bases == 2)
				{
					d = ml_report_at_snapshot(chk, s, ML_SNAP_PARENT,
										  "second base snapshot: its parent is the origin");
					ml_diag_detail(d, "drizzle-kit 1.0 refuses a folder with two first migrations.");
					ml_diag_hint(d, "Delete this migration folder and generate it again.");
				}
				continue;
			}
			p = find_id(m, s->prev_ids[k], m->n_snapshots);
			if (p < 0)
			{
				d = ml_report_at_snapshot(chk, s, ML_SNAP_PARENT,
									  "snapshot's parent \"%s\" is no snapshot's id", s->prev_ids[k]);
				ml_diag_detail(d, "drizzle-kit 1.0 cannot rebuild the schema from this history: a "
								  "migration folder was deleted or its snapshot edited.");
				ml_diag_hint(d, "Restore the missing migration folder from version control.");
			}
			else if (ml_folder_name_compare(s->name, m->snapshots[p].name) <= 0 ||
					 strcmp(s->name, m->snapshots[p].name) <= 0)
			{
				d = ml_report_at_snapshot(chk, s, ML_SNAP_PARENT,
									  "migration \"%s\" sorts before its parent \"%s\"",
									  s->name, m->snapshots[p].name);
				ml_diag_detail(d, "drizzle-orm 1.0 runs migrations in folder-name order, so it can "
								  "run this one before the migration it builds on.");
				ml_diag_hint(d, "Rename the folder so that its timestamp is later than its "
								"parent's.");
			}
		}
	}
}

/* Entry point: called once per folder. */
static void
check(struct ml_check *chk)
{
	if (chk->folder->kind == ML_FOLDER_DRIZZLE)
	{
		check_v0_links(chk, chk->meta);
		check_v0_entries(chk, chk->meta);
	}
	else if (chk->folder->kind == ML_FOLDER_DRIZZLE_V1)
		check_v1(chk, chk->meta);
}

const struct ml_rule ml_rule_snapshot_chain_broken = {
	.name = "snapshot-chain-broken",
	.category = ML_CATEGORY_SNAPSHOT,
	.severity = ML_SEVERITY_ERROR,
	.summary = "snapshots whose parent links do not form drizzle-kit's history",
	.why = "drizzle-kit generate diffs the schema against the newest snapshot, and each "
		   "snapshot names its parent. A snapshot whose parent is the origin in the middle of "
		   "the history was generated against an empty schema (the full-recreation bug); two "
		   "snapshots with one parent are a collision drizzle-kit refuses; a missing snapshot "
		   "makes the next generate write a change again.",
	.fix = "Restore the missing or edited snapshots from version control; for a collision or a "
		   "recreation, delete the later migration (file, journal entry, snapshot) and generate "
		   "it again.",
	.bad = "meta/0005_snapshot.json: \"prevId\": \"00000000-0000-0000-0000-000000000000\"",
	.good = "meta/0005_snapshot.json: \"prevId\": \"<id of meta/0004_snapshot.json>\"",
	.check_folder = check,
};
