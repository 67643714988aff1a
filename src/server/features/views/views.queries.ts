import { and, asc, desc, eq, ne, or, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../db/client.ts'
import { savedViews, users, viewDefaults } from '../../db/schema/index.ts'

// SQL for saved views and each user's default view, always scoped by workspace_id.
export type ViewRow = typeof savedViews.$inferSelect
export type ViewWithOwner = ViewRow & { ownerName: string; isDefault: boolean }

/** The view and its owner's name, plus whether it is `userId`'s default for its list. */
function selectViews(db: DbOrTx, userId: string) {
  return db
    .select({
      view: savedViews,
      ownerName: users.name,
      defaultFor: viewDefaults.viewId,
    })
    .from(savedViews)
    .innerJoin(users, eq(users.id, savedViews.ownerId))
    .leftJoin(
      viewDefaults,
      and(
        eq(viewDefaults.workspaceId, savedViews.workspaceId),
        eq(viewDefaults.userId, userId),
        eq(viewDefaults.object, savedViews.object),
        eq(viewDefaults.viewId, savedViews.id),
      ),
    )
    .$dynamic()
}

const withOwner = (r: { view: ViewRow; ownerName: string; defaultFor: string | null }): ViewWithOwner => ({
  ...r.view,
  ownerName: r.ownerName,
  isDefault: r.defaultFor !== null,
})

/** Shared views and the user's own ones: shared first, then by name. */
export async function selectVisibleViews(db: DbOrTx, workspaceId: string, userId: string, object: string) {
  const rows = await selectViews(db, userId)
    .where(
      and(
        eq(savedViews.workspaceId, workspaceId),
        eq(savedViews.object, object),
        or(eq(savedViews.shared, true), eq(savedViews.ownerId, userId)),
      ),
    )
    .orderBy(desc(savedViews.shared), asc(sql`lower(${savedViews.name})`), asc(savedViews.id))
  return rows.map(withOwner)
}

export async function findViewRow(db: DbOrTx, workspaceId: string, userId: string, id: string) {
  const rows = await selectViews(db, userId).where(
    and(eq(savedViews.workspaceId, workspaceId), eq(savedViews.id, id)),
  )
  return rows[0] ? withOwner(rows[0]) : null
}

export async function insertViewRow(db: DbOrTx, row: typeof savedViews.$inferInsert) {
  await db.insert(savedViews).values(row)
}

/** Null when the version moved on. */
export async function updateViewRow(
  db: DbOrTx,
  workspaceId: string,
  id: string,
  expectedVersion: number,
  set: Partial<typeof savedViews.$inferInsert>,
) {
  const rows = await db
    .update(savedViews)
    .set({ ...set, version: sql`${savedViews.version} + 1`, updatedAt: sql`now()` })
    .where(
      and(
        eq(savedViews.workspaceId, workspaceId),
        eq(savedViews.id, id),
        eq(savedViews.version, expectedVersion),
      ),
    )
    .returning({ id: savedViews.id })
  return rows.length > 0
}

export async function deleteViewRow(db: DbOrTx, workspaceId: string, id: string) {
  await db.delete(savedViews).where(and(eq(savedViews.workspaceId, workspaceId), eq(savedViews.id, id)))
}

export async function upsertDefault(
  db: DbOrTx,
  row: { workspaceId: string; userId: string; object: string; viewId: string },
) {
  await db
    .insert(viewDefaults)
    .values(row)
    .onConflictDoUpdate({
      target: [viewDefaults.workspaceId, viewDefaults.userId, viewDefaults.object],
      set: { viewId: row.viewId },
    })
}

export async function deleteDefault(db: DbOrTx, workspaceId: string, userId: string, object: string) {
  await db
    .delete(viewDefaults)
    .where(
      and(
        eq(viewDefaults.workspaceId, workspaceId),
        eq(viewDefaults.userId, userId),
        eq(viewDefaults.object, object),
      ),
    )
}

/** A view made personal again stops being anyone else's default. */
export async function dropOthersDefaults(db: DbOrTx, workspaceId: string, viewId: string, ownerId: string) {
  await db
    .delete(viewDefaults)
    .where(
      and(
        eq(viewDefaults.workspaceId, workspaceId),
        eq(viewDefaults.viewId, viewId),
        ne(viewDefaults.userId, ownerId),
      ),
    )
}
