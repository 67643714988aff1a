import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../db/client.ts'
import { companies, deals, people, tags } from '../../db/schema/index.ts'
import type { RecordTag, Tag, TagColor } from './tags.schema.ts'

// SQL for tags, always scoped by workspace_id.
export type TagRow = typeof tags.$inferSelect

const byName = [asc(sql`lower(${tags.name})`), asc(tags.name), asc(tags.id)]

export async function selectTags(db: DbOrTx, workspaceId: string): Promise<TagRow[]> {
  return db
    .select()
    .from(tags)
    .where(eq(tags.workspaceId, workspaceId))
    .orderBy(...byName)
}

export async function findTagRow(db: DbOrTx, workspaceId: string, id: string, forUpdate = false) {
  const q = db
    .select()
    .from(tags)
    .where(and(eq(tags.workspaceId, workspaceId), eq(tags.id, id)))
  const rows = forUpdate ? await q.for('update') : await q
  return rows[0] ?? null
}

/** The tag with this name, compared case-insensitively (the unique index's rule). */
export async function findTagByName(db: DbOrTx, workspaceId: string, name: string) {
  const rows = await db
    .select()
    .from(tags)
    .where(and(eq(tags.workspaceId, workspaceId), sql`lower(${tags.name}) = lower(${name})`))
  return rows[0] ?? null
}

/** Null when the name (or id) is taken: the unique index decides, so two racing creates cannot both win. */
export async function insertTagRow(db: DbOrTx, row: typeof tags.$inferInsert): Promise<TagRow | null> {
  const inserted = await db.insert(tags).values(row).onConflictDoNothing().returning()
  return inserted[0] ?? null
}

export async function updateTagRow(
  db: DbOrTx,
  workspaceId: string,
  id: string,
  expectedVersion: number,
  set: { name?: string; color?: TagColor },
): Promise<TagRow | null> {
  const rows = await db
    .update(tags)
    .set({ ...set, version: sql`${tags.version} + 1` })
    .where(and(eq(tags.workspaceId, workspaceId), eq(tags.id, id), eq(tags.version, expectedVersion)))
    .returning()
  return rows[0] ?? null
}

/**
 * Deletes a tag and takes it off every person, company and deal: one statement per
 * table. The records keep their version (a tag disappearing is not an edit of them).
 */
export async function deleteTagEverywhere(db: DbOrTx, workspaceId: string, id: string) {
  for (const table of [people, companies, deals]) {
    await db
      .update(table)
      .set({ tagIds: sql`array_remove(${table.tagIds}, ${id}::uuid)` })
      .where(and(eq(table.workspaceId, workspaceId), sql`${table.tagIds} @> array[${id}::uuid]`))
  }
  await db.delete(tags).where(and(eq(tags.workspaceId, workspaceId), eq(tags.id, id)))
}

/** The subset of `ids` that are tags of the workspace. */
export async function existingTagIds(db: DbOrTx, workspaceId: string, ids: string[]) {
  if (!ids.length) return new Set<string>()
  const rows = await db
    .select({ id: tags.id })
    .from(tags)
    .where(and(eq(tags.workspaceId, workspaceId), inArray(tags.id, ids)))
  return new Set(rows.map((r) => r.id))
}

/**
 * The tags of a page of records, by name, in one query for the whole page. Ids whose tag
 * is gone are skipped.
 */
export async function tagsOfRecords(
  db: DbOrTx,
  workspaceId: string,
  rows: { id: string; tagIds: string[] }[],
): Promise<Map<string, RecordTag[]>> {
  const wanted = [...new Set(rows.flatMap((r) => r.tagIds))]
  const out = new Map<string, RecordTag[]>()
  if (!wanted.length) return out
  const found = await db
    .select({ id: tags.id, name: tags.name, color: tags.color })
    .from(tags)
    .where(and(eq(tags.workspaceId, workspaceId), inArray(tags.id, wanted)))
    .orderBy(...byName)
  const rank = new Map(found.map((t, i) => [t.id, i]))
  const byId = new Map(found.map((t) => [t.id, { ...t, color: t.color as TagColor }]))
  for (const r of rows) {
    const list = r.tagIds.filter((id) => byId.has(id)).sort((a, b) => rank.get(a)! - rank.get(b)!)
    out.set(
      r.id,
      list.map((id) => byId.get(id)!),
    )
  }
  return out
}

export function presentTag(row: TagRow): Tag {
  return { id: row.id, name: row.name, color: row.color as TagColor, version: row.version }
}
