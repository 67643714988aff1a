import { type SQL, sql } from 'drizzle-orm'
import type { Ctx } from '../../http/context.ts'
import { invalid, notFound } from '../../http/errors.ts'
import { findPipeline } from '../deals/pipelines.queries.ts'
import type { Pipeline } from '../deals/pipelines.schema.ts'
import { BUILT_IN } from '../filters/fields.ts'
import type { FieldObject, FilterCondition } from '../filters/filter.schema.ts'
import { getRole } from '../workspaces/workspaces.queries.ts'
import { type DashboardQuery, type Drill, MAX_PERIOD_DAYS } from './dashboard.schema.ts'
import { loadRates, type Rates } from './money.ts'
import { type Period, periodsOf } from './period.ts'

// What every dashboard widget is computed over: the period (and the one before it), the
// owner and pipeline filters, the rates for money. Also the pieces each widget uses to
// build its SQL conditions and its drill-down into the matching list.

export type Scope = {
  workspaceId: string
  currency: string
  timeZone: string
  current: Period
  previous: Period
  today: string
  now: Date
  /** The owner asked for, as a user id (`me` resolved). */
  ownerId: string | null
  ownerIsMe: boolean
  pipeline: Pipeline | null
  rates: Rates
}

export async function resolveScope(ctx: Ctx, query: DashboardQuery, now = new Date()): Promise<Scope> {
  const { current, previous, timeZone, today } = periodsOf(ctx.workspace.timeZone, query, now)
  if (current.days > MAX_PERIOD_DAYS) {
    throw invalid([{ field: 'from', code: 'too_long', message: `At most ${MAX_PERIOD_DAYS} days before to` }])
  }
  const ownerIsMe = query.ownerId === 'me' || query.ownerId === ctx.userId
  const ownerId = query.ownerId === 'me' ? ctx.userId : (query.ownerId ?? null)
  const [pipeline, role, rates] = await Promise.all([
    query.pipelineId ? findPipeline(ctx.db, ctx.workspace.id, query.pipelineId) : null,
    ownerId && !ownerIsMe ? getRole(ctx.db, ctx.workspace.id, ownerId) : 'self',
    loadRates(ctx.db, ctx.workspace.id, ctx.workspace.currency),
  ])
  // Ids of another workspace do not exist here.
  if (query.pipelineId && !pipeline) throw notFound('Pipeline')
  if (!role) throw notFound('Owner')
  return {
    workspaceId: ctx.workspace.id,
    currency: ctx.workspace.currency,
    timeZone,
    current,
    previous,
    today,
    now,
    ownerId,
    ownerIsMe,
    pipeline,
    rates,
  }
}

// ---- SQL ------------------------------------------------------------------------------

/** `and <column> = owner` when an owner was asked for. */
export const ownerSql = (s: Scope, column: SQL | string): SQL =>
  s.ownerId ? sql`and ${typeof column === 'string' ? sql.raw(column) : column} = ${s.ownerId}` : sql``

export const pipelineSql = (s: Scope, column: string): SQL =>
  s.pipeline ? sql`and ${sql.raw(column)} = ${s.pipeline.id}::uuid` : sql``

export const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`

// ---- drill-downs ------------------------------------------------------------------------

const hasField = (object: FieldObject, key: string) => BUILT_IN[object].some((f) => f.key === key)

export const between = (field: string, from: string, to: string): FilterCondition => ({
  field,
  op: 'between',
  value: [from, to],
})
export const eq = (field: string, value: string | boolean): FilterCondition => ({ field, op: 'eq', value })

/** The owner condition as a list filter (`me` stays `me`, so a saved link follows the viewer). */
export function ownerFilter(s: Scope, field = 'owner'): FilterCondition[] {
  if (!s.ownerId) return []
  return [s.ownerIsMe ? { field, op: 'me' } : eq(field, s.ownerId)]
}

export function dealDrill(s: Scope, filters: FilterCondition[]): Drill {
  return {
    object: 'deal',
    filters: [...filters, ...ownerFilter(s), ...(s.pipeline ? [eq('pipeline', s.pipeline.id)] : [])],
  }
}

export function personDrill(s: Scope, filters: FilterCondition[]): Drill | null {
  // `source` and `city` only drill where the people list can filter them.
  if (filters.some((f) => !hasField('person', f.field))) return null
  return { object: 'person', filters: [...filters, ...ownerFilter(s)] }
}

export function activityDrill(filters: FilterCondition[]): Drill {
  return { object: 'activity', filters }
}
