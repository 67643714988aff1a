import { and, eq, type SQL, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../db/client.ts'
import { stages, tags } from '../../db/schema/index.ts'
import type { Ctx } from '../../http/context.ts'
import { invalid } from '../../http/errors.ts'
import { assertCan, assertMember } from '../../http/permissions.ts'
import { endOfColumn, RANK_STEP } from '../deals/deals.queries.ts'
import { nextClosing } from '../deals/deals.rules.ts'
import type { DealStatus } from '../deals/deals.schema.ts'
import { findPipeline, findStages } from '../deals/pipelines.queries.ts'
import type { StageKind } from '../deals/pipelines.schema.ts'
import { enqueueJob, type JobRun, registerJobKind } from '../jobs/jobs.ts'
import { ownerNames } from '../people/people.queries.ts'
import { tagsOfRecords } from '../tags/tags.queries.ts'
import { diffFields } from '../timeline/timeline.service.ts'
import { changeActivities, changesActivity, skipsActivity } from './bulk.activities.ts'
import {
  type BulkEvent,
  type BulkRow,
  countSelection,
  type EventOf,
  insertEvents,
  lockBatch,
  updateBatch,
  updateDealsFrom,
} from './bulk.queries.ts'
import {
  type BulkAction,
  type BulkInput,
  type BulkObject,
  bulkJobPayload,
  INLINE_LIMIT,
} from './bulk.schema.ts'
import { selectionScope } from './bulk.selection.ts'

// Bulk actions: the same change and the same timeline events as single edits, made
// set-based in batches. A small selection is changed inside the request; a larger one
// becomes a 'bulk' job that walks the selection in id order, one transaction per batch,
// with its position (the last id) checkpointed in that transaction, so a restarted job
// continues exactly after the last committed batch and changes no record twice.
// Activities: assign and done change tasks only; the other activities selected are
// walked and counted as `skipped` (in the answer and in the job's result).

export const BATCH_SIZE = 500

type Plan = {
  object: BulkObject
  action: BulkAction
  scope: SQL
  /** The new owner's (or activity assignee's) name, for the timeline. */
  ownerName: string | null
  stage: { id: string; name: string; kind: StageKind; pipelineId: string } | null
}

export type BulkResult = { done: number; total: number; skipped?: number } | { jobId: string }

export async function runBulk(ctx: Ctx, object: BulkObject, input: BulkInput): Promise<BulkResult> {
  assertCan(ctx, 'write')
  const plan = await preparePlan(ctx, object, input)
  const found = await countSelection(ctx.db, ctx.workspace.id, object, plan.scope, INLINE_LIMIT + 1)
  if (found <= INLINE_LIMIT) {
    const batch = await ctx.db.transaction((tx) => applyBatch(tx, ctx, plan, null))
    const answer = { done: batch.count, total: batch.count }
    return object === 'activity' ? { ...answer, skipped: batch.skipped } : answer
  }
  // Explicit ids are few (≤ 1000): count them now. A whole list is counted by the job.
  const total =
    'ids' in input.selection
      ? await countSelection(ctx.db, ctx.workspace.id, object, plan.scope, null)
      : undefined
  const job = await enqueueJob(ctx, 'bulk', { object, ...input }, total)
  return { jobId: job.id }
}

const ACTIONS: Record<BulkObject, BulkAction['type'][]> = {
  person: ['assignOwner', 'addTag', 'removeTag', 'delete', 'restore'],
  company: ['assignOwner', 'addTag', 'removeTag', 'delete', 'restore'],
  deal: ['assignOwner', 'addTag', 'removeTag', 'delete', 'restore', 'moveStage'],
  activity: ['assign', 'setDone', 'delete', 'restore'],
}

/** Checks the role and the action's target (owner, tag, stage) and builds the selection's condition. */
async function preparePlan(ctx: Ctx, object: BulkObject, input: BulkInput): Promise<Plan> {
  const { action } = input
  // The routes' schemas already refuse these; a job's payload is checked again here.
  if (!ACTIONS[object].includes(action.type)) {
    throw invalid([{ field: 'action.type', code: 'invalid', message: `Not an action on ${object} records` }])
  }
  let ownerName: string | null = null
  let stage: Plan['stage'] = null
  if (action.type === 'assign') {
    await assertMember(ctx, action.assigneeId, 'action.assigneeId')
    ownerName = (await ownerNames(ctx.db, [action.assigneeId])).get(action.assigneeId) ?? ''
  } else if (action.type === 'assignOwner') {
    await assertMember(ctx, action.ownerId, 'action.ownerId')
    if (action.ownerId) ownerName = (await ownerNames(ctx.db, [action.ownerId])).get(action.ownerId) ?? ''
  } else if (action.type === 'addTag' || action.type === 'removeTag') {
    if (!(await tagExists(ctx.db, ctx, action.tagId, false))) throw noSuchTag()
  } else if (action.type === 'moveStage') {
    const row = (await findStages(ctx.db, ctx.workspace.id, [action.stageId])).get(action.stageId)
    const pipeline =
      row && !row.deletedAt ? await findPipeline(ctx.db, ctx.workspace.id, row.pipelineId) : null
    if (!row || !pipeline) throw noSuchStage()
    stage = { id: row.id, name: row.name, kind: row.kind as StageKind, pipelineId: row.pipelineId }
    if (stage.kind === 'lost' && !action.lostReason) {
      throw invalid([
        { field: 'action.lostReason', code: 'required', message: 'Say why the deals were lost' },
      ])
    }
  }
  const scope = await selectionScope(ctx, object, input.selection)
  return { object, action, scope, ownerName, stage }
}

const noSuchTag = () =>
  invalid([{ field: 'action.tagId', code: 'not_found', message: 'No such tag in this workspace' }])
const noSuchStage = () =>
  invalid([{ field: 'action.stageId', code: 'not_found', message: 'No such stage in this workspace' }])

async function tagExists(db: DbOrTx, ctx: Ctx, tagId: string, lock: boolean) {
  const q = db
    .select({ id: tags.id })
    .from(tags)
    .where(and(eq(tags.workspaceId, ctx.workspace.id), eq(tags.id, tagId)))
  // FOR SHARE: deleting the tag waits for this batch, so no record gets a dangling tag id.
  return (lock ? await q.for('share') : await q).length > 0
}

/**
 * One batch, inside the caller's transaction: locks the next records of the selection
 * after `after`, changes those the action changes (a record already in that state is
 * only counted) and writes their timeline events.
 */
async function applyBatch(tx: DbOrTx, ctx: Ctx, plan: Plan, after: string | null) {
  const { action } = plan
  if (
    (action.type === 'addTag' || action.type === 'removeTag') &&
    !(await tagExists(tx, ctx, action.tagId, true))
  )
    throw noSuchTag()
  if (plan.stage) {
    // The target column, locked as a single move locks it (stage first, then the deals).
    const locked = await tx
      .select({ id: stages.id })
      .from(stages)
      .where(
        and(
          eq(stages.workspaceId, ctx.workspace.id),
          eq(stages.id, plan.stage.id),
          sql`${stages.deletedAt} is null`,
        ),
      )
      .for('no key update')
    if (!locked.length) throw noSuchStage()
  }
  const rows = await lockBatch(tx, ctx.workspace.id, plan.object, plan.scope, after, BATCH_SIZE)
  const changing = rows.filter((r) => changes(plan, r))
  await insertEvents(tx, ctx, plan.object, await change(tx, ctx, plan, changing))
  const skipped = plan.object === 'activity' ? rows.filter((r) => skipsActivity(action, r)).length : 0
  return { count: rows.length, last: rows.at(-1)?.id ?? null, changed: changing.length, skipped }
}

/** Whether the action changes this record; trashed records are only restored. */
function changes(plan: Plan, r: BulkRow): boolean {
  const a = plan.action
  if (plan.object === 'activity') return changesActivity(a, r)
  switch (a.type) {
    case 'delete':
      return !r.deleted
    case 'restore':
      // A deal comes back only while its pipeline exists (as a single restore).
      return r.deleted && r.pipelineLive
    case 'assignOwner':
      return !r.deleted && r.ownerId !== a.ownerId
    case 'addTag':
      return !r.deleted && !r.tagIds.includes(a.tagId)
    case 'removeTag':
      return !r.deleted && r.tagIds.includes(a.tagId)
    case 'moveStage':
      return !r.deleted && r.pipelineId === plan.stage!.pipelineId && r.stageId !== a.stageId
    default:
      return false
  }
}

const links = (object: BulkObject, r: BulkRow) =>
  object === 'person'
    ? { personId: r.id }
    : object === 'company'
      ? { companyId: r.id }
      : object === 'deal'
        ? { dealId: r.id, personId: r.personId, companyId: r.companyId }
        : { personId: r.personId, companyId: r.companyId, dealId: r.dealId }

/** The set-based UPDATE of the batch, and the events a single edit would have written. */
async function change(tx: DbOrTx, ctx: Ctx, plan: Plan, rows: BulkRow[]): Promise<BulkEvent[]> {
  if (!rows.length) return []
  const { object, action } = plan
  const ws = ctx.workspace.id
  const ids = rows.map((r) => r.id)
  const event: EventOf = (r, kind, changes) => ({
    subjectId: r.id,
    kind,
    label: r.label,
    links: links(object, r),
    ...(changes ? { changes } : {}),
  })
  // Activities keep the activity_daily rollup in step: their own module.
  if (object === 'activity') return changeActivities(tx, ctx, action, plan.ownerName, rows, event)
  switch (action.type) {
    case 'assignOwner': {
      const before = await ownerNames(
        tx,
        rows.map((r) => r.ownerId),
      )
      await updateBatch(tx, ws, object, ids, sql`owner_id = ${action.ownerId}`)
      return rows.map((r) =>
        event(r, 'updated', [
          { field: 'owner', from: r.ownerId ? (before.get(r.ownerId) ?? '') : null, to: plan.ownerName },
        ]),
      )
    }
    case 'addTag':
    case 'removeTag': {
      const add = action.type === 'addTag'
      const after = rows.map((r) => ({
        id: r.id,
        tagIds: add ? [...r.tagIds, action.tagId] : r.tagIds.filter((t) => t !== action.tagId),
      }))
      const [namesBefore, namesAfter] = [
        await tagsOfRecords(tx, ws, rows),
        await tagsOfRecords(tx, ws, after),
      ]
      const text = (m: typeof namesBefore, id: string) =>
        m
          .get(id)
          ?.map((t) => t.name)
          .join(', ') || null
      await updateBatch(
        tx,
        ws,
        object,
        ids,
        add
          ? sql`tag_ids = array_append(tag_ids, ${action.tagId}::uuid)`
          : sql`tag_ids = array_remove(tag_ids, ${action.tagId}::uuid)`,
      )
      return rows.map((r) =>
        event(r, 'updated', [{ field: 'tags', from: text(namesBefore, r.id), to: text(namesAfter, r.id) }]),
      )
    }
    case 'delete':
      await updateBatch(tx, ws, object, ids, sql`deleted_at = now()`)
      return rows.map((r) => event(r, 'deleted'))
    case 'restore':
      if (object === 'deal') {
        // A restored deal goes to the bottom of its column, as a single restore does.
        const ends = new Map<string, number>()
        const values = []
        for (const r of rows) {
          const rank = ends.get(r.stageId!) ?? (await endOfColumn(tx, ws, r.stageId!))
          ends.set(r.stageId!, rank + RANK_STEP)
          values.push({ id: r.id, rank })
        }
        await updateDealsFrom(tx, ws, values, sql`deleted_at = null, rank = v.rank`)
      } else {
        await updateBatch(tx, ws, object, ids, sql`deleted_at = null`)
      }
      return rows.map((r) => event(r, 'restored'))
    case 'moveStage':
      return moveDeals(tx, ctx, plan.stage!, action.lostReason, rows, event)
    default:
      return []
  }
}

/** Deals into another stage of their pipeline, at the bottom of its column; won/lost stages close them. */
async function moveDeals(
  tx: DbOrTx,
  ctx: Ctx,
  stage: NonNullable<Plan['stage']>,
  lostReason: string | undefined,
  rows: BulkRow[],
  event: EventOf,
) {
  const from = await findStages(
    tx,
    ctx.workspace.id,
    rows.map((r) => r.stageId!),
  )
  let rank = await endOfColumn(tx, ctx.workspace.id, stage.id)
  const values = []
  const events: BulkEvent[] = []
  for (const r of rows) {
    const before = { stage: from.get(r.stageId!)?.name ?? '', status: r.status, lostReason: r.lostReason }
    const closing = nextClosing(
      {
        status: r.status as DealStatus,
        lostReason: r.lostReason,
        closedAt: r.closedAt ? new Date(r.closedAt) : null,
        stageKind: (from.get(r.stageId!)?.kind ?? 'open') as StageKind,
      },
      { stageKind: stage.kind, stageChanged: true },
      { lostReason },
    )
    values.push({ id: r.id, rank, ...closing, closedAt: closing.closedAt?.toISOString() ?? null })
    rank += RANK_STEP
    const after = { stage: stage.name, status: closing.status, lostReason: closing.lostReason }
    events.push(event(r, 'stage_changed', diffFields(before, after, ['stage', 'status', 'lostReason'])))
  }
  await updateDealsFrom(
    tx,
    ctx.workspace.id,
    values,
    sql`stage_id = ${stage.id}::uuid, rank = v.rank, status = v.status, lost_reason = v."lostReason",
        closed_at = v."closedAt"`,
  )
  return events
}

// The job: payload = { object, selection, action }; state = { after, changed, skipped }.

/** The 'bulk' job: walks the selection batch by batch from the checkpointed id. */
export async function bulkJob(run: JobRun) {
  const { object, ...input } = bulkJobPayload.parse(run.job.payload)
  const { ctx } = run
  assertCan(ctx, 'write')
  const plan = await preparePlan(ctx, object, input)
  const state = run.job.state as { after?: string | null; changed?: number; skipped?: number }
  let after = state.after ?? null
  let changed = state.changed ?? 0
  let skipped = state.skipped ?? 0
  let done = run.job.done
  const total = run.job.total ?? (await countSelection(ctx.db, ctx.workspace.id, object, plan.scope, null))
  // Activities report what they skipped (not tasks); the other objects skip nothing.
  const result = () => (object === 'activity' ? { changed, skipped } : { changed })
  for (;;) {
    if (await run.cancelled()) return { ...result(), cancelled: true }
    const batch = await run.db.transaction(async (tx) => {
      const b = await applyBatch(tx, ctx, plan, after)
      if (b.count) {
        const next = { after: b.last, changed: changed + b.changed, skipped: skipped + b.skipped }
        await run.checkpoint(tx, next, done + b.count, total)
      }
      return b
    })
    if (!batch.count) break
    after = batch.last
    changed += batch.changed
    skipped += batch.skipped
    done += batch.count
  }
  // Records that left the selection meanwhile (deleted by someone, say) were not found:
  // the job ends at 100 % of what it found.
  if (done !== total) await run.checkpoint(run.db, { after, changed, skipped }, done, done)
  return result()
}

registerJobKind('bulk', bulkJob)
