import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../db/client.ts'
import { companies, customFields, deals, people } from '../../db/schema/index.ts'
import type { CustomField, CustomFieldObject, CustomFieldType } from './custom-fields.schema.ts'

// SQL for custom field definitions, always scoped by workspace_id.
export type CustomFieldRow = typeof customFields.$inferSelect

/** One object's definitions by position; archived ones only when asked. */
export async function selectCustomFields(
  db: DbOrTx,
  workspaceId: string,
  object: CustomFieldObject,
  opts: { archived: boolean },
): Promise<CustomFieldRow[]> {
  return db
    .select()
    .from(customFields)
    .where(
      and(
        eq(customFields.workspaceId, workspaceId),
        eq(customFields.object, object),
        opts.archived ? undefined : isNull(customFields.archivedAt),
      ),
    )
    .orderBy(asc(customFields.position), asc(customFields.createdAt), asc(customFields.id))
}

export async function findCustomFieldRow(db: DbOrTx, workspaceId: string, id: string, forUpdate = false) {
  const q = db
    .select()
    .from(customFields)
    .where(and(eq(customFields.workspaceId, workspaceId), eq(customFields.id, id)))
  const rows = forUpdate ? await q.for('update') : await q
  return rows[0] ?? null
}

/** Every key of the object, archived ones included (their values still sit on records). */
export async function takenKeys(db: DbOrTx, workspaceId: string, object: CustomFieldObject) {
  const rows = await db
    .select({ key: customFields.key })
    .from(customFields)
    .where(and(eq(customFields.workspaceId, workspaceId), eq(customFields.object, object)))
  return new Set(rows.map((r) => r.key))
}

export async function liveFieldStats(db: DbOrTx, workspaceId: string, object: CustomFieldObject) {
  const [row] = await db
    .select({
      count: sql<number>`count(*) filter (where ${customFields.archivedAt} is null)::int`,
      maxPosition: sql<number | null>`max(${customFields.position})`,
    })
    .from(customFields)
    .where(and(eq(customFields.workspaceId, workspaceId), eq(customFields.object, object)))
  return { count: Number(row?.count ?? 0), maxPosition: row?.maxPosition ?? null }
}

/** Null when the key is taken (the unique index decides under concurrent creates). */
export async function insertCustomFieldRow(db: DbOrTx, row: typeof customFields.$inferInsert) {
  const inserted = await db.insert(customFields).values(row).onConflictDoNothing().returning()
  return inserted[0] ?? null
}

export async function updateCustomFieldRow(
  db: DbOrTx,
  workspaceId: string,
  id: string,
  expectedVersion: number,
  set: Partial<Pick<typeof customFields.$inferInsert, 'labels' | 'options' | 'position' | 'archivedAt'>>,
): Promise<CustomFieldRow | null> {
  const rows = await db
    .update(customFields)
    .set({ ...set, version: sql`${customFields.version} + 1`, updatedAt: sql`now()` })
    .where(
      and(
        eq(customFields.workspaceId, workspaceId),
        eq(customFields.id, id),
        eq(customFields.version, expectedVersion),
      ),
    )
    .returning()
  return rows[0] ?? null
}

const TABLES = { person: people, company: companies, deal: deals } as const

/**
 * Removes a field's values from every record of its object (one statement), then the
 * definition. Records keep their version: the field was already hidden from them.
 */
export async function purgeCustomField(db: DbOrTx, row: CustomFieldRow) {
  const table = TABLES[row.object as CustomFieldObject]
  await db
    .update(table)
    .set({ custom: sql`${table.custom} - ${row.key}::text` })
    .where(and(eq(table.workspaceId, row.workspaceId), sql`${table.custom} ? ${row.key}::text`))
  await db
    .delete(customFields)
    .where(and(eq(customFields.workspaceId, row.workspaceId), eq(customFields.id, row.id)))
}

export function presentCustomField(row: CustomFieldRow): CustomField {
  return {
    id: row.id,
    object: row.object as CustomFieldObject,
    key: row.key,
    type: row.type as CustomFieldType,
    labels: row.labels,
    options: row.options,
    position: row.position,
    version: row.version,
    archivedAt: row.archivedAt?.toISOString() ?? null,
  }
}
