import { and, eq } from 'drizzle-orm'
import type { DbOrTx } from '../../db/client.ts'
import { stages } from '../../db/schema/index.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError, invalid, notFound, preconditionFailed } from '../../http/errors.ts'
import { assertCan } from '../../http/permissions.ts'
import {
  boardDeals,
  boardTotals,
  columnRanks,
  endOfColumn,
  presentDeals,
  RANK_STEP,
  renumberColumn,
  updateDealRow,
} from './deals.queries.ts'
import { nextClosing } from './deals.rules.ts'
import type { BoardQuery, Deal, DealMoveInput } from './deals.schema.ts'
import { lockLiveDeal, one, recordChange } from './deals.service.ts'
import { findPipeline } from './pipelines.queries.ts'

// The kanban board of a pipeline and moving deals on it.

/** Stages in order, each with its first open deals by rank and its totals per currency. */
export async function getBoard(ctx: Ctx, pipelineId: string, query: BoardQuery) {
  assertCan(ctx, 'read')
  const pipeline = await findPipeline(ctx.db, ctx.workspace.id, pipelineId)
  if (!pipeline) throw notFound('Pipeline')
  const stageIds = pipeline.stages.map((s) => s.id)
  const ownerId = query.ownerId ?? null
  const [rows, totals] = await Promise.all([
    boardDeals(ctx.db, ctx.workspace.id, stageIds, { limit: query.limit, ownerId }),
    boardTotals(ctx.db, ctx.workspace.id, stageIds, ownerId),
  ])
  const deals = await presentDeals(ctx.db, ctx.workspace.id, rows)
  return {
    pipeline,
    stages: pipeline.stages.map((stage) => {
      const mine = totals.filter((t) => t.stageId === stage.id)
      return {
        ...stage,
        deals: deals.filter((d) => d.stage.id === stage.id),
        count: mine.reduce((n, t) => n + t.count, 0),
        totals: mine.map(({ currency, amountMinor, count }) => ({ currency, amountMinor, count })),
      }
    }),
  }
}

/**
 * Puts a deal into a column of its pipeline at a place: before or after a neighbour, at
 * an index, or last. The new rank is the midpoint of the neighbours' ranks; when they are
 * too close to split, the column is renumbered first. Entering a won or lost stage closes
 * the deal; the stage change goes to the timeline in the same transaction.
 */
export async function moveDeal(
  ctx: Ctx,
  id: string,
  expectedVersion: number | null,
  input: DealMoveInput,
): Promise<Deal> {
  assertCan(ctx, 'write')
  const version = expectedVersion ?? input.version ?? null
  if (version === null) {
    throw new AppError(428, 'if_match_required', 'Send If-Match (or version) with the version you moved')
  }
  return ctx.db.transaction(async (tx) => {
    // One mover per column at a time, so two moves cannot pick the same gap. The column
    // is locked before the deal (every move takes them in that order: no deadlock), and
    // NO KEY UPDATE leaves other deals free to reference the stage meanwhile.
    await tx
      .select({ id: stages.id })
      .from(stages)
      .where(and(eq(stages.workspaceId, ctx.workspace.id), eq(stages.id, input.stageId)))
      .for('no key update')
    const current = await lockLiveDeal(tx, ctx, id, version)
    const before = await one(tx, ctx, current)
    const pipeline = await findPipeline(tx, ctx.workspace.id, current.pipelineId)
    const stage = pipeline?.stages.find((s) => s.id === input.stageId)
    if (!stage) {
      throw invalid([
        { field: 'stageId', code: 'wrong_pipeline', message: 'Not a stage of this deal’s pipeline' },
      ])
    }
    const stageChanged = stage.id !== current.stageId
    const closing = nextClosing(
      { ...current, status: before.status, stageKind: before.stage.kind },
      { stageKind: stage.kind, stageChanged },
      { lostReason: input.lostReason },
    )
    const rank =
      closing.status === 'open'
        ? await rankAt(ctx, tx, stage.id, id, input)
        : await endOfColumn(tx, ctx.workspace.id, stage.id)
    const row = await updateDealRow(tx, ctx.workspace.id, id, version, {
      stageId: stage.id,
      rank,
      ...closing,
    })
    if (!row) throw preconditionFailed()
    const after = await one(tx, ctx, row)
    await recordChange(tx, ctx, before, after)
    return after
  })
}

async function rankAt(ctx: Ctx, tx: DbOrTx, stageId: string, movingId: string, input: DealMoveInput) {
  let column = await columnRanks(tx, ctx.workspace.id, stageId, movingId)
  const index = targetIndex(column, input)
  let rank = between(column[index - 1]?.rank, column[index]?.rank)
  if (rank === null) {
    await renumberColumn(
      tx,
      ctx.workspace.id,
      column.map((d) => d.id),
    )
    column = column.map((d, i) => ({ ...d, rank: (i + 1) * RANK_STEP }))
    rank = between(column[index - 1]?.rank, column[index]?.rank)!
  }
  return rank
}

function targetIndex(column: { id: string }[], input: DealMoveInput) {
  for (const field of ['beforeId', 'afterId'] as const) {
    const neighbour = input[field]
    if (neighbour === undefined) continue
    const i = column.findIndex((d) => d.id === neighbour)
    if (i < 0) {
      throw invalid([{ field, code: 'not_in_column', message: 'Not an open deal of the target stage' }])
    }
    return field === 'beforeId' ? i : i + 1
  }
  return Math.min(input.position ?? column.length, column.length)
}

/** A rank strictly between two neighbours (either may be missing), or null when there is none. */
export function between(prev: number | undefined, next: number | undefined): number | null {
  if (prev === undefined && next === undefined) return RANK_STEP
  if (prev === undefined) return next! - RANK_STEP
  if (next === undefined) return prev + RANK_STEP
  const mid = (prev + next) / 2
  return mid > prev && mid < next ? mid : null
}
