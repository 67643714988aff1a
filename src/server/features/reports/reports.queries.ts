import { and, asc, desc, eq, or, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../db/client.ts'
import { reportPins, reports } from '../../db/schema/index.ts'

// SQL for saved reports and each user's dashboard pins, always scoped by workspace_id.
export type ReportRow = typeof reports.$inferSelect
export type ReportWithPin = ReportRow & { pinned: boolean }

function selectReports(db: DbOrTx, userId: string) {
  return db
    .select({ report: reports, position: reportPins.position })
    .from(reports)
    .leftJoin(
      reportPins,
      and(
        eq(reportPins.workspaceId, reports.workspaceId),
        eq(reportPins.reportId, reports.id),
        eq(reportPins.userId, userId),
      ),
    )
    .$dynamic()
}

const withPin = (r: { report: ReportRow; position: number | null }): ReportWithPin => ({
  ...r.report,
  pinned: r.position !== null,
})

const visible = (workspaceId: string, userId: string) =>
  and(eq(reports.workspaceId, workspaceId), or(eq(reports.shared, true), eq(reports.ownerId, userId)))

/** Mine and the shared ones, by name. */
export async function selectVisibleReports(db: DbOrTx, workspaceId: string, userId: string) {
  const rows = await selectReports(db, userId)
    .where(visible(workspaceId, userId))
    .orderBy(asc(sql`lower(${reports.name})`), asc(reports.id))
  return rows.map(withPin)
}

/** The user's pinned reports they can still see, in pin order. */
export async function selectPinnedReports(db: DbOrTx, workspaceId: string, userId: string) {
  const rows = await db
    .select({ report: reports, position: reportPins.position })
    .from(reportPins)
    .innerJoin(
      reports,
      and(eq(reports.workspaceId, reportPins.workspaceId), eq(reports.id, reportPins.reportId)),
    )
    .where(
      and(
        eq(reportPins.workspaceId, workspaceId),
        eq(reportPins.userId, userId),
        visible(workspaceId, userId),
      ),
    )
    .orderBy(asc(reportPins.position), asc(reports.id))
  return rows.map(withPin)
}

export async function findReportRow(db: DbOrTx, workspaceId: string, userId: string, id: string) {
  const rows = await selectReports(db, userId).where(
    and(eq(reports.workspaceId, workspaceId), eq(reports.id, id)),
  )
  return rows[0] ? withPin(rows[0]) : null
}

export async function insertReportRow(db: DbOrTx, row: typeof reports.$inferInsert) {
  await db.insert(reports).values(row)
}

/** False when the version moved on. */
export async function updateReportRow(
  db: DbOrTx,
  workspaceId: string,
  id: string,
  expectedVersion: number,
  set: Partial<typeof reports.$inferInsert>,
) {
  const rows = await db
    .update(reports)
    .set({ ...set, version: sql`${reports.version} + 1`, updatedAt: sql`now()` })
    .where(
      and(eq(reports.workspaceId, workspaceId), eq(reports.id, id), eq(reports.version, expectedVersion)),
    )
    .returning({ id: reports.id })
  return rows.length > 0
}

export async function deleteReportRow(db: DbOrTx, workspaceId: string, id: string) {
  await db.delete(reports).where(and(eq(reports.workspaceId, workspaceId), eq(reports.id, id)))
}

/** Pins at the end of the user's dashboard; pinning again keeps its place. */
export async function insertPin(db: DbOrTx, workspaceId: string, userId: string, reportId: string) {
  const [last] = await db
    .select({ position: reportPins.position })
    .from(reportPins)
    .where(and(eq(reportPins.workspaceId, workspaceId), eq(reportPins.userId, userId)))
    .orderBy(desc(reportPins.position))
    .limit(1)
  await db
    .insert(reportPins)
    .values({ workspaceId, userId, reportId, position: (last?.position ?? -1) + 1 })
    .onConflictDoNothing()
}

export async function deletePin(db: DbOrTx, workspaceId: string, userId: string, reportId: string) {
  await db
    .delete(reportPins)
    .where(
      and(
        eq(reportPins.workspaceId, workspaceId),
        eq(reportPins.userId, userId),
        eq(reportPins.reportId, reportId),
      ),
    )
}

/** A report made personal again leaves the other users' dashboards. */
export async function dropOthersPins(db: DbOrTx, workspaceId: string, reportId: string, ownerId: string) {
  await db
    .delete(reportPins)
    .where(
      and(
        eq(reportPins.workspaceId, workspaceId),
        eq(reportPins.reportId, reportId),
        sql`${reportPins.userId} <> ${ownerId}`,
      ),
    )
}
