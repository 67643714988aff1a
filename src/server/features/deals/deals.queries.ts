import { and, asc, eq, getTableColumns, inArray, isNull, lte, type SQL, sql } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import { type DbOrTx, qualified } from '../../db/client.ts'
import { allQueries } from '../../db/parallel.ts'
import { companies, deals, people, pipelines, stages, users } from '../../db/schema/index.ts'
import { refNames } from '../contacts/ref-names.ts'
import { liveCustomKeys, presentCustom } from '../custom-fields/custom-values.ts'
import { listPage } from '../filters/list-page.ts'
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

/** What a deal shows besides its own columns: its stage and the names it points at. */
type DealDetails = {
  stage: { name: string; kind: StageKind; probability: number } | null
  pipeline: string | null
  person: string | null
  company: string | null
  owner: string | null
}
export type DetailedDeal = { row: Omit<DealRow, 'searchText'>; details: DealDetails }

/** Rows plus their stage, pipeline, person, company and owner, in the API's shape. */
export async function presentDeals(db: DbOrTx, workspaceId: string, rows: DealRow[]): Promise<Deal[]> {
  const [stageRows, names] = await allQueries(db, [
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
  ])
  const name = (map: Map<string, string>, id: string | null) => (id ? (map.get(id) ?? null) : null)
  const items = rows.map((r) => {
    const stage = stageRows.get(r.stageId)
    return {
      row: r,
      details: {
        stage: stage
          ? { name: stage.name, kind: stage.kind as StageKind, probability: stage.probability }
          : null,
        pipeline: name(names.pipeline, r.pipelineId),
        person: name(names.person, r.personId),
        company: name(names.company, r.companyId),
        owner: name(names.user, r.ownerId),
      },
    }
  })
  return presentDetailedDeals(db, workspaceId, items)
}

/**
 * Deals read with their details (a list page from selectDealsPage, or presentDeals), in
 * the API's shape. Tags and custom field keys are looked up only when a row has some.
 */
export async function presentDetailedDeals(
  db: DbOrTx,
  workspaceId: string,
  items: DetailedDeal[],
): Promise<Deal[]> {
  const rows = items.map((i) => i.row)
  const [tags, live] = await allQueries(db, [
    () => tagsOfRecords(db, workspaceId, rows),
    () => liveCustomKeys(db, workspaceId, 'deal', rows),
  ])
  return items.map(({ row: r, details: d }) => ({
    id: r.id,
    title: r.title,
    amountMinor: Number(r.amountMinor),
    currency: r.currency,
    pipeline: { id: r.pipelineId, name: d.pipeline ?? '' },
    stage: {
      id: r.stageId,
      name: d.stage?.name ?? '',
      kind: d.stage?.kind ?? 'open',
      probability: d.stage?.probability ?? 0,
    },
    person: r.personId ? { id: r.personId, name: d.person ?? '' } : null,
    company: r.companyId ? { id: r.companyId, name: d.company ?? '' } : null,
    owner: r.ownerId ? { id: r.ownerId, name: d.owner ?? '' } : null,
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
  }))
}

// A page's details in its own statement, one small index probe per row and table (as
// people.queries.ts does); evaluated after ORDER BY … LIMIT, for the page's rows only.
const inWorkspace = (table: SQL, id: AnyPgColumn, column: SQL) =>
  sql`(select ${column} from ${table} x where x.workspace_id = ${qualified(deals.workspaceId)} and x.id = ${qualified(id)})`
const dealDetails = sql<DealDetails>`json_build_object(
  'stage', ${inWorkspace(sql`${stages}`, deals.stageId, sql`json_build_object('name', x.name, 'kind', x.kind, 'probability', x.probability)`)},
  'pipeline', ${inWorkspace(sql`${pipelines}`, deals.pipelineId, sql`x.name`)},
  'person', ${inWorkspace(sql`${people}`, deals.personId, sql`trim(x.first_name || ' ' || x.last_name)`)},
  'company', ${inWorkspace(sql`${companies}`, deals.companyId, sql`x.name`)},
  'owner', (select u.name from ${users} u where u.id = ${qualified(deals.ownerId)}))`

/** One page of the list with each deal's details; `plan` (where, filters, sort, cursor) comes from filters/list-where.ts. */
export const selectDealsPage = listPage(deals, dealDetails, ['searchText'])

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
