import { and, asc, eq, getTableColumns, inArray, isNull, lte, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../db/client.ts'
import { allQueries } from '../../db/parallel.ts'
import { deals } from '../../db/schema/index.ts'
import { refNames } from '../contacts/ref-names.ts'
import { liveCustomKeys, presentCustom } from '../custom-fields/custom-values.ts'
import type { ListPlan } from '../filters/list-where.ts'
import { pageOf } from '../filters/sort.ts'
import { tagsOfRecords } from '../tags/tags.queries.ts'
import type { Deal, DealStatus } from './deals.schema.ts'
import { findStages } from './pipelines.queries.ts'
import type { StageKind } from './pipelines.schema.ts'

// SQL for deals, always scoped by workspace_id. No rules here: the services decide.
export type DealRow = typeof deals.$inferSelect

/** Gap between neighbours when a column is (re)numbered; moves take midpoints. */
export const RANK_STEP = 1024

export async function insertDealRow(db: DbOrTx, row: typeof deals.$inferInsert): Promise<DealRow | null> {
  const inserted = await db.insert(deals).values(row).onConflictDoNothing().returning()
  return inserted[0] ?? null
}

export async function findDealRow(db: DbOrTx, workspaceId: string, id: string, forUpdate = false) {
  const q = db
    .select()
    .from(deals)
    .where(and(eq(deals.workspaceId, workspaceId), eq(deals.id, id)))
  const rows = forUpdate ? await q.for('update') : await q
  return rows[0] ?? null
}

/** Updates the row only if its version is still `expectedVersion`; null when it moved on. */
export async function updateDealRow(
  db: DbOrTx,
  workspaceId: string,
  id: string,
  expectedVersion: number,
  set: Partial<typeof deals.$inferInsert>,
): Promise<DealRow | null> {
  const rows = await db
    .update(deals)
    .set({ ...set, version: sql`${deals.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(deals.workspaceId, workspaceId), eq(deals.id, id), eq(deals.version, expectedVersion)))
    .returning()
  return rows[0] ?? null
}

/** Rows with their pipeline, stage, person, company and owner, in the API's shape. */
export async function presentDeals(db: DbOrTx, workspaceId: string, rows: DealRow[]): Promise<Deal[]> {
  const [stageRows, names, tags, live] = await allQueries(db, [
    () =>
      findStages(
        db,
        workspaceId,
        rows.map((r) => r.stageId),
      ),
    () =>
      refNames(db, workspaceId, {
        pipeline: rows.map((r) => r.pipelineId),
        person: rows.map((r) => r.personId),
        company: rows.map((r) => r.companyId),
        user: rows.map((r) => r.ownerId),
      }),
    () => tagsOfRecords(db, workspaceId, rows),
    () => liveCustomKeys(db, workspaceId, 'deal', rows),
  ])
  const { pipeline: pipelineNameMap, person: personNames, company: companyNames, user: owners } = names
  return rows.map((r) => {
    const stage = stageRows.get(r.stageId)
    return {
      id: r.id,
      title: r.title,
      amountMinor: Number(r.amountMinor),
      currency: r.currency,
      pipeline: { id: r.pipelineId, name: pipelineNameMap.get(r.pipelineId) ?? '' },
      stage: {
        id: r.stageId,
        name: stage?.name ?? '',
        kind: (stage?.kind ?? 'open') as StageKind,
        probability: stage?.probability ?? 0,
      },
      person: r.personId ? { id: r.personId, name: personNames.get(r.personId) ?? '' } : null,
      company: r.companyId ? { id: r.companyId, name: companyNames.get(r.companyId) ?? '' } : null,
      owner: r.ownerId ? { id: r.ownerId, name: owners.get(r.ownerId) ?? '' } : null,
      expectedCloseDate: r.expectedCloseDate,
      status: r.status as DealStatus,
      lostReason: r.lostReason,
      closedAt: r.closedAt?.toISOString() ?? null,
      rank: r.rank,
      tags: tags.get(r.id) ?? [],
      custom: presentCustom(r.custom, live),
      version: r.version,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      deletedAt: r.deletedAt?.toISOString() ?? null,
    }
  })
}

/** One page of the list; `plan` (where, filters, sort, cursor) comes from filters/list-where.ts. */
export async function selectDealsPage(db: DbOrTx, plan: ListPlan, limit: number) {
  const rows = await db
    .select({ row: deals, sortKey: plan.key })
    .from(deals)
    .where(plan.where)
    .orderBy(...plan.order)
    .limit(limit + 1)
  return pageOf(rows, limit)
}

const onBoard = (workspaceId: string) =>
  and(eq(deals.workspaceId, workspaceId), eq(deals.status, 'open'), isNull(deals.deletedAt))

/** The open deals of one column in board order (id breaks rank ties), optionally without one deal. */
export async function columnRanks(db: DbOrTx, workspaceId: string, stageId: string, withoutId?: string) {
  return db
    .select({ id: deals.id, rank: deals.rank })
    .from(deals)
    .where(
      and(
        onBoard(workspaceId),
        eq(deals.stageId, stageId),
        withoutId ? sql`${deals.id} <> ${withoutId}::uuid` : undefined,
      ),
    )
    .orderBy(asc(deals.rank), asc(deals.id))
}

/** Spreads a column out again (k × RANK_STEP) when two neighbours got too close to split. */
export async function renumberColumn(db: DbOrTx, workspaceId: string, ids: string[]) {
  if (!ids.length) return
  const values = sql.join(
    ids.map((id, i) => sql`(${id}::uuid, ${(i + 1) * RANK_STEP}::double precision)`),
    sql`, `,
  )
  // Rank is presentation, not content: no version bump, so nobody's edit becomes stale.
  await db.execute(sql`update deals set rank = v.rank from (values ${values}) as v(id, rank)
    where deals.workspace_id = ${workspaceId} and deals.id = v.id`)
}

/** A rank after the last open deal of the column. */
export async function endOfColumn(db: DbOrTx, workspaceId: string, stageId: string) {
  const [row] = await db
    .select({ max: sql<number | null>`max(${deals.rank})` })
    .from(deals)
    .where(and(onBoard(workspaceId), eq(deals.stageId, stageId)))
  return (row?.max === null || row?.max === undefined ? 0 : Number(row.max)) + RANK_STEP
}

/** The first `limit` open deals of each stage, in rank order. */
export async function boardDeals(
  db: DbOrTx,
  workspaceId: string,
  stageIds: string[],
  opts: { limit: number; ownerId: string | null },
) {
  if (!stageIds.length) return []
  const ranked = db
    .select({
      ...getTableColumns(deals),
      n: sql<number>`row_number() over (partition by ${deals.stageId} order by ${deals.rank}, ${deals.id})`.as(
        'n',
      ),
    })
    .from(deals)
    .where(
      and(
        onBoard(workspaceId),
        inArray(deals.stageId, stageIds),
        opts.ownerId ? eq(deals.ownerId, opts.ownerId) : undefined,
      ),
    )
    .as('ranked')
  const rows = await db
    .select()
    .from(ranked)
    .where(lte(ranked.n, opts.limit))
    .orderBy(asc(ranked.stageId), asc(ranked.n))
  return rows.map(({ n: _n, ...deal }) => deal as DealRow)
}

/** Per stage and currency: the sum and count of open deals. Currencies are never mixed. */
export async function boardTotals(
  db: DbOrTx,
  workspaceId: string,
  stageIds: string[],
  ownerId: string | null,
) {
  if (!stageIds.length) return []
  const rows = await db
    .select({
      stageId: deals.stageId,
      currency: deals.currency,
      amountMinor: sql<string>`sum(${deals.amountMinor})::text`,
      count: sql<number>`count(*)::int`,
    })
    .from(deals)
    .where(
      and(
        onBoard(workspaceId),
        inArray(deals.stageId, stageIds),
        ownerId ? eq(deals.ownerId, ownerId) : undefined,
      ),
    )
    .groupBy(deals.stageId, deals.currency)
    .orderBy(asc(deals.currency))
  return rows.map((r) => ({ ...r, amountMinor: Number(r.amountMinor), count: Number(r.count) }))
}
