import { and, eq, isNotNull, isNull, type SQL, sql } from 'drizzle-orm'
import { type DbOrTx, queryRows } from '../../db/client.ts'
import { activities, deals, people } from '../../db/schema/index.ts'
import type { Ctx } from '../../http/context.ts'
import { compileFilters, escapeLike } from './conditions.ts'
import { catalogFor, type FieldDef, TABLES } from './fields.ts'
import type { FieldObject, FilterCondition } from './filter.schema.ts'
import { decodeListCursor, planSort } from './sort.ts'

// The WHERE of a list: workspace, trash, the search box, the list's own parameters
// (companyId, stageId …) and the filters. Lists, counts, exports and bulk actions all
// build their condition here, so they always agree on which rows a view holds.

export type ListParams = {
  q?: string | undefined
  filters?: FilterCondition[] | undefined
  trashed?: boolean | undefined
  // The lists' older parameters, each meaning `eq`.
  companyId?: string | undefined
  personId?: string | undefined
  dealId?: string | undefined
  pipelineId?: string | undefined
  stageId?: string | undefined
  ownerId?: string | undefined
  status?: string | undefined
  type?: string | undefined
  assigneeId?: string | undefined
  done?: boolean | undefined
}

export type ListPlan = { where: SQL; order: SQL[]; key: SQL<string | null> }

const keysOf = (params: ListParams) => (params.filters ?? []).map((f) => f.field)

/** The condition for that object's table (see the contract in notes/contracts.md). */
export async function listWhere(ctx: Ctx, object: FieldObject, params: ListParams): Promise<SQL> {
  return whereFor(ctx, object, params, await catalogFor(ctx, object, keysOf(params)))
}

/** WHERE (with the keyset cursor), ORDER BY and the cursor's sort value of one list page. */
export async function listPlan(
  ctx: Ctx,
  object: FieldObject,
  params: ListParams & { sort: string; cursor?: string | undefined },
): Promise<ListPlan> {
  const fields = await catalogFor(ctx, object, [...keysOf(params), params.sort.replace(/^-/, '')])
  const where = whereFor(ctx, object, params, fields)
  const sort = planSort(fields, params.sort, TABLES[object].id)
  const after = params.cursor ? sort.after(decodeListCursor(params.cursor, sort)) : undefined
  return { where: and(where, after)!, order: sort.order, key: sort.key }
}

function whereFor(ctx: Ctx, object: FieldObject, p: ListParams, fields: Map<string, FieldDef>): SQL {
  const t = TABLES[object]
  return and(
    eq(t.workspaceId, ctx.workspace.id),
    p.trashed ? isNotNull(t.deletedAt) : isNull(t.deletedAt),
    p.q ? search(object, p.q) : undefined,
    ...ownParams(object, p),
    ...compileFilters(ctx, object, p.filters ?? [], fields),
  )!
}

/** The search box: the lowercased search_text (trigram index); activities their title and body. */
function search(object: FieldObject, q: string): SQL {
  const pattern = `%${escapeLike(q.toLowerCase())}%`
  if (object === 'activity') {
    return sql`(coalesce(${activities.title}, '') || ' ' || coalesce(${activities.body}, '')) ilike ${pattern}`
  }
  return sql`${TABLES[object].searchText} like ${pattern}`
}

function ownParams(object: FieldObject, p: ListParams): (SQL | undefined)[] {
  const is = (col: Parameters<typeof eq>[0], v: string | undefined) =>
    v === undefined ? undefined : eq(col, v)
  switch (object) {
    case 'person':
      return [is(people.companyId, p.companyId)]
    case 'company':
      return []
    case 'deal':
      return [
        is(deals.pipelineId, p.pipelineId),
        is(deals.stageId, p.stageId),
        is(deals.personId, p.personId),
        is(deals.companyId, p.companyId),
        is(deals.ownerId, p.ownerId),
        is(deals.status, p.status),
      ]
    case 'activity':
      return [
        is(activities.type, p.type),
        is(activities.personId, p.personId),
        is(activities.companyId, p.companyId),
        is(activities.dealId, p.dealId),
        is(activities.assigneeId, p.assigneeId),
        p.done === undefined ? undefined : p.done ? isNotNull(activities.doneAt) : isNull(activities.doneAt),
      ]
  }
}

/** Counting stops here: above it the answer is "10,000+". */
export const COUNT_CAP = 10_000

/** How many rows match, up to COUNT_CAP (an exact count of a million rows costs 150 ms). */
export async function countWhere(db: DbOrTx, object: FieldObject, where: SQL) {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from (select 1 from ${TABLES[object]} where ${where} limit ${COUNT_CAP + 1}) t`,
  )
  const n = Number(row?.n ?? 0)
  return { count: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP }
}

/** `GET /<list>/count`: the same parameters as the list. */
export async function countList(ctx: Ctx, object: FieldObject, params: ListParams) {
  return countWhere(ctx.db, object, await listWhere(ctx, object, params))
}
