import { uuidv7 } from 'uuidv7'
import type { DbOrTx } from '../../db/client.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError, notFound, preconditionFailed } from '../../http/errors.ts'
import { assertCan, assertMember } from '../../http/permissions.ts'
import { customFieldNames, flatCustom, nextCustom } from '../custom-fields/custom-values.ts'
import { countList, listPlan } from '../filters/list-where.ts'
import { encodeListCursor } from '../filters/sort.ts'
import { resolveTagIds } from '../tags/tags.service.ts'
import { diffFields, listTimeline, recordEvent } from '../timeline/timeline.service.ts'
import {
  type DealRow,
  endOfColumn,
  findDealRow,
  insertDealRow,
  presentDeals,
  presentDetailedDeals,
  selectDealsPage,
  updateDealRow,
} from './deals.queries.ts'
import { assertLinks, nextClosing, resolvePlacement } from './deals.rules.ts'
import type { Deal, DealCreateInput, DealsListQuery, DealUpdateInput } from './deals.schema.ts'
import { findPipeline } from './pipelines.queries.ts'

// Deal use cases: the people pattern (authorization first, one transaction, the
// timeline event written with the change), plus pipeline/stage placement and the
// open → won/lost lifecycle.

export async function listDeals(ctx: Ctx, query: DealsListQuery) {
  assertCan(ctx, 'read')
  const plan = await listPlan(ctx, 'deal', query)
  const { items, next } = await selectDealsPage(ctx.db, plan, query.limit)
  return {
    data: await presentDetailedDeals(ctx.db, ctx.workspace.id, items),
    nextCursor: next ? encodeListCursor(next) : null,
  }
}

/** How many deals the list holds with these parameters, up to 10,000. */
export async function countDeals(ctx: Ctx, query: DealsListQuery) {
  assertCan(ctx, 'read')
  return countList(ctx, 'deal', query)
}

export async function getDeal(ctx: Ctx, id: string): Promise<Deal> {
  assertCan(ctx, 'read')
  const row = await findDealRow(ctx.db, ctx.workspace.id, id)
  if (!row) throw notFound('Deal')
  return one(ctx.db, ctx, row)
}

/** Creates a deal at the bottom of its column; a replayed create with the same id returns the first. */
export async function createDeal(
  ctx: Ctx,
  input: DealCreateInput,
): Promise<{ deal: Deal; created: boolean }> {
  assertCan(ctx, 'write')
  const ownerId = input.ownerId === undefined ? ctx.userId : input.ownerId
  await assertMember(ctx, ownerId)
  return ctx.db.transaction(async (tx) => {
    const id = input.id ?? uuidv7()
    const replay = await findDealRow(tx, ctx.workspace.id, id)
    if (replay) return { deal: await one(tx, ctx, replay), created: false }
    const { pipeline, stage } = await resolvePlacement(tx, ctx, input)
    const personId = input.personId ?? null
    const companyId = input.companyId ?? null
    await assertLinks(tx, ctx, { personId, companyId })
    const tagIds = await resolveTagIds(tx, ctx, input.tagIds ?? [])
    const custom = (await nextCustom(tx, ctx, 'deal', {}, input.custom)) ?? {}
    const closing = nextClosing(null, { stageKind: stage.kind, stageChanged: true }, input)
    const row = await insertDealRow(tx, {
      workspaceId: ctx.workspace.id,
      id,
      title: input.title,
      amountMinor: input.amountMinor ?? 0,
      currency: input.currency ?? ctx.workspace.currency,
      pipelineId: pipeline.id,
      stageId: stage.id,
      rank: await endOfColumn(tx, ctx.workspace.id, stage.id),
      personId,
      companyId,
      ownerId,
      expectedCloseDate: input.expectedCloseDate ?? null,
      ...closing,
      searchText: input.title.toLowerCase(),
      tagIds,
      custom,
      createdBy: ctx.userId,
    })
    if (!row) throw new AppError(409, 'id_taken', 'This id is already in use')
    await recordEvent(tx, ctx, {
      subjectType: 'deal',
      subjectId: id,
      kind: 'created',
      label: row.title,
      links: links(row),
    })
    return { deal: await one(tx, ctx, row), created: true }
  })
}

export async function updateDeal(
  ctx: Ctx,
  id: string,
  expectedVersion: number,
  input: DealUpdateInput,
): Promise<Deal> {
  assertCan(ctx, 'write')
  if (input.ownerId !== undefined) await assertMember(ctx, input.ownerId)
  return ctx.db.transaction(async (tx) => {
    const current = await lockLiveDeal(tx, ctx, id, expectedVersion)
    const before = await one(tx, ctx, current)
    const moving = input.pipelineId !== undefined || input.stageId !== undefined
    const placement = moving
      ? await resolvePlacement(tx, ctx, {
          pipelineId: input.pipelineId ?? current.pipelineId,
          stageId: input.stageId,
        })
      : null
    const stageChanged = !!placement && placement.stage.id !== current.stageId
    await assertLinks(tx, ctx, {
      personId: input.personId === undefined ? null : input.personId,
      companyId: input.companyId === undefined ? null : input.companyId,
    })
    const tagIds = input.tagIds && (await resolveTagIds(tx, ctx, input.tagIds))
    const custom = await nextCustom(tx, ctx, 'deal', current.custom, input.custom)
    const closing = nextClosing(
      { ...current, status: before.status, stageKind: before.stage.kind },
      { stageKind: placement?.stage.kind ?? before.stage.kind, stageChanged },
      input,
    )
    const row = await updateDealRow(tx, ctx.workspace.id, id, expectedVersion, {
      ...(input.title !== undefined ? { title: input.title, searchText: input.title.toLowerCase() } : {}),
      ...(input.amountMinor !== undefined ? { amountMinor: input.amountMinor } : {}),
      ...(input.currency !== undefined ? { currency: input.currency } : {}),
      ...(placement ? { pipelineId: placement.pipeline.id, stageId: placement.stage.id } : {}),
      ...(stageChanged ? { rank: await endOfColumn(tx, ctx.workspace.id, placement.stage.id) } : {}),
      ...(input.personId !== undefined ? { personId: input.personId } : {}),
      ...(input.companyId !== undefined ? { companyId: input.companyId } : {}),
      ...(input.ownerId !== undefined ? { ownerId: input.ownerId } : {}),
      ...(input.expectedCloseDate !== undefined ? { expectedCloseDate: input.expectedCloseDate } : {}),
      ...(tagIds ? { tagIds } : {}),
      ...(custom ? { custom } : {}),
      ...closing,
    })
    if (!row) throw preconditionFailed()
    const after = await one(tx, ctx, row)
    await recordChange(tx, ctx, before, after)
    return after
  })
}

/** Locks a deal for a change: 404 outside the workspace, 409 in the trash, 412 when stale. */
export async function lockLiveDeal(tx: DbOrTx, ctx: Ctx, id: string, expectedVersion: number) {
  const current = await findDealRow(tx, ctx.workspace.id, id, true)
  if (!current) throw notFound('Deal')
  if (current.deletedAt) throw new AppError(409, 'deleted', 'Restore this deal from the trash before editing')
  if (current.version !== expectedVersion) throw preconditionFailed()
  return current
}

// The deal as the timeline shows field values: names for references.
const flat = (d: Deal): Record<string, unknown> => ({
  stage: d.stage.name,
  status: d.status,
  title: d.title,
  // Amount and currency as one value, so the timeline can show "ETB 1,500.00 → ETB 2,000.00".
  amount: { amountMinor: d.amountMinor, currency: d.currency },
  pipeline: d.pipeline.name,
  person: d.person?.name ?? null,
  company: d.company?.name ?? null,
  owner: d.owner?.name ?? null,
  expectedCloseDate: d.expectedCloseDate,
  lostReason: d.lostReason,
  tags: d.tags.map((x) => x.name).join(', ') || null,
  ...flatCustom(d.custom),
})

/**
 * One event per change: `stage_changed` when the stage moved (from → to first, then any
 * other field), else `updated`. It is linked to the deal's person and company, so their
 * timelines show it too.
 */
export async function recordChange(tx: DbOrTx, ctx: Ctx, before: Deal, after: Deal) {
  const changes = diffFields(flat(before), flat(after), [
    'stage',
    'status',
    'title',
    'amount',
    'pipeline',
    'person',
    'company',
    'owner',
    'expectedCloseDate',
    'lostReason',
    'tags',
    ...customFieldNames(before.custom, after.custom),
  ])
  if (!changes.length) return
  await recordEvent(tx, ctx, {
    subjectType: 'deal',
    subjectId: after.id,
    kind: before.stage.id !== after.stage.id ? 'stage_changed' : 'updated',
    label: after.title,
    changes,
    links: { dealId: after.id, personId: after.person?.id ?? null, companyId: after.company?.id ?? null },
  })
}

const links = (r: DealRow) => ({ dealId: r.id, personId: r.personId, companyId: r.companyId })

export async function deleteDeal(ctx: Ctx, id: string, expectedVersion: number | null): Promise<Deal> {
  return setDeleted(ctx, id, expectedVersion, true)
}

export async function restoreDeal(ctx: Ctx, id: string, expectedVersion: number | null): Promise<Deal> {
  return setDeleted(ctx, id, expectedVersion, false)
}

async function setDeleted(ctx: Ctx, id: string, expectedVersion: number | null, deleted: boolean) {
  assertCan(ctx, 'write')
  return ctx.db.transaction(async (tx) => {
    const current = await findDealRow(tx, ctx.workspace.id, id, true)
    if (!current) throw notFound('Deal')
    if (expectedVersion !== null && current.version !== expectedVersion) throw preconditionFailed()
    if (!!current.deletedAt === deleted) return one(tx, ctx, current)
    let rank: number | undefined
    if (!deleted) {
      // A restored deal goes back to the bottom of its column, if its pipeline still exists.
      if (!(await findPipeline(tx, ctx.workspace.id, current.pipelineId))) {
        throw new AppError(409, 'pipeline_deleted', 'Restore the pipeline of this deal first')
      }
      rank = await endOfColumn(tx, ctx.workspace.id, current.stageId)
    }
    const row = await updateDealRow(tx, ctx.workspace.id, id, current.version, {
      deletedAt: deleted ? new Date() : null,
      ...(rank !== undefined ? { rank } : {}),
    })
    if (!row) throw preconditionFailed()
    await recordEvent(tx, ctx, {
      subjectType: 'deal',
      subjectId: id,
      kind: deleted ? 'deleted' : 'restored',
      label: row.title,
      links: links(row),
    })
    return one(tx, ctx, row)
  })
}

export async function one(db: DbOrTx, ctx: Ctx, row: DealRow): Promise<Deal> {
  const [deal] = await presentDeals(db, ctx.workspace.id, [row])
  return deal!
}

/** The deal's timeline: 404 for a deal outside the workspace, like every route. */
export async function dealTimeline(
  ctx: Ctx,
  id: string,
  query: { limit: number; cursor?: string | undefined },
) {
  assertCan(ctx, 'read')
  if (!(await findDealRow(ctx.db, ctx.workspace.id, id))) throw notFound('Deal')
  return listTimeline(ctx, { dealId: id }, query)
}
