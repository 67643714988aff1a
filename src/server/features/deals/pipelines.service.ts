import { eq } from 'drizzle-orm'
import type { DbOrTx } from '../../db/client.ts'
import { pipelines } from '../../db/schema/index.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError, type FieldError, invalid, notFound, preconditionFailed } from '../../http/errors.ts'
import { assertCan } from '../../http/permissions.ts'
import {
  dealsPerStage,
  findPipeline,
  insertPipeline,
  loadPipelines,
  lockPipeline,
  softDeleteStages,
  updatePipelineRow,
  upsertStage,
} from './pipelines.queries.ts'
import type { Pipeline, PipelineCreateInput, PipelineUpdateInput } from './pipelines.schema.ts'

// Pipelines and their ordered stages. Anyone in the workspace reads them; only admins
// and owners change them, since every deal of the team depends on them.
export { insertPipeline }

export async function listPipelines(ctx: Ctx, query: { trashed: boolean }) {
  assertCan(ctx, 'read')
  return { data: await loadPipelines(ctx.db, ctx.workspace.id, { trashed: query.trashed }) }
}

export async function getPipeline(ctx: Ctx, id: string): Promise<Pipeline> {
  assertCan(ctx, 'read')
  const pipeline = await findPipeline(ctx.db, ctx.workspace.id, id)
  if (!pipeline) throw notFound('Pipeline')
  return pipeline
}

export async function createPipeline(ctx: Ctx, input: PipelineCreateInput): Promise<Pipeline> {
  assertCan(ctx, 'manage')
  const errors: FieldError[] = input.stages.flatMap((s, i) =>
    s.id
      ? [{ field: `stages.${i}.id`, code: 'not_allowed', message: 'A new pipeline has no stage ids yet' }]
      : [],
  )
  if (errors.length) throw invalid(errors)
  return ctx.db.transaction(async (tx) => {
    const id = await insertPipeline(tx, ctx.workspace.id, input)
    return (await findPipeline(tx, ctx.workspace.id, id))!
  })
}

/**
 * Renames a pipeline and/or replaces its stage list: stages keep their id when the
 * client sends it, new ones are added, and a stage left out is removed — unless deals
 * are still in it (409, nothing changed). A stage with deals cannot change its kind
 * either, since the kind decides whether those deals are open, won or lost.
 */
export async function updatePipeline(
  ctx: Ctx,
  id: string,
  expectedVersion: number,
  input: PipelineUpdateInput,
): Promise<Pipeline> {
  assertCan(ctx, 'manage')
  return ctx.db.transaction(async (tx) => {
    const row = await lockPipeline(tx, ctx.workspace.id, id)
    if (!row) throw notFound('Pipeline')
    if (row.deletedAt) throw new AppError(409, 'deleted', 'Restore this pipeline before editing it')
    if (row.version !== expectedVersion) throw preconditionFailed()
    const current = (await findPipeline(tx, ctx.workspace.id, id, true))!
    if (input.stages) await replaceStages(tx, ctx, current, input.stages)
    const updated = await updatePipelineRow(tx, ctx.workspace.id, id, expectedVersion, {
      ...(input.name ? { name: input.name } : {}),
    })
    if (!updated) throw preconditionFailed()
    return (await findPipeline(tx, ctx.workspace.id, id, true))!
  })
}

async function replaceStages(
  tx: DbOrTx,
  ctx: Ctx,
  current: Pipeline,
  next: NonNullable<PipelineUpdateInput['stages']>,
) {
  const known = new Map(current.stages.map((s) => [s.id, s]))
  const seen = new Set<string>()
  const errors: FieldError[] = []
  next.forEach((s, i) => {
    if (!s.id) return
    if (!known.has(s.id)) {
      errors.push({ field: `stages.${i}.id`, code: 'not_found', message: 'Not a stage of this pipeline' })
    } else if (seen.has(s.id)) {
      errors.push({ field: `stages.${i}.id`, code: 'duplicate', message: 'This stage is listed twice' })
    }
    seen.add(s.id)
  })
  if (errors.length) throw invalid(errors)

  const removed = current.stages.filter((s) => !seen.has(s.id)).map((s) => s.id)
  const recast = next.flatMap((s, i) => (s.id && known.get(s.id)?.kind !== s.kind ? [{ id: s.id, i }] : []))
  // Trashed deals count too: restoring one must find its stage.
  const inUse = await dealsPerStage(tx, ctx.workspace.id, [...removed, ...recast.map((r) => r.id)])
  if (removed.some((s) => inUse.has(s))) {
    throw new AppError(
      409,
      'stage_in_use',
      'Move the deals (trashed ones too) out of a stage before removing it',
    )
  }
  const blocked = recast.filter((r) => inUse.has(r.id))
  if (blocked.length) {
    throw new AppError(
      409,
      'stage_in_use',
      'A stage with deals cannot change between open, won and lost',
      blocked.map((b) => ({
        field: `stages.${b.i}.kind`,
        code: 'stage_in_use',
        message: 'Move its deals out first',
      })),
    )
  }
  await softDeleteStages(tx, ctx.workspace.id, removed)
  for (const [position, s] of next.entries()) {
    await upsertStage(tx, ctx.workspace.id, current.id, { ...s, position })
  }
}

/** Moves a pipeline to the trash; refused for the last one and for one with open deals. */
export async function deletePipeline(ctx: Ctx, id: string, expectedVersion: number | null) {
  return setDeleted(ctx, id, expectedVersion, true)
}

export async function restorePipeline(ctx: Ctx, id: string, expectedVersion: number | null) {
  return setDeleted(ctx, id, expectedVersion, false)
}

async function setDeleted(
  ctx: Ctx,
  id: string,
  expectedVersion: number | null,
  deleted: boolean,
): Promise<Pipeline> {
  assertCan(ctx, 'manage')
  return ctx.db.transaction(async (tx) => {
    // Lock every pipeline of the workspace: two concurrent deletes must not both pass
    // the "not the last one" check.
    const all = await tx
      .select()
      .from(pipelines)
      .where(eq(pipelines.workspaceId, ctx.workspace.id))
      .for('update')
    const row = all.find((p) => p.id === id)
    if (!row) throw notFound('Pipeline')
    if (expectedVersion !== null && row.version !== expectedVersion) throw preconditionFailed()
    if (!!row.deletedAt === deleted) return (await findPipeline(tx, ctx.workspace.id, id, true))!
    if (deleted) {
      if (all.filter((p) => !p.deletedAt).length <= 1) {
        throw new AppError(409, 'last_pipeline', 'A workspace keeps at least one pipeline')
      }
      const pipeline = (await findPipeline(tx, ctx.workspace.id, id, true))!
      const open = await dealsPerStage(
        tx,
        ctx.workspace.id,
        pipeline.stages.map((s) => s.id),
        { onlyOpen: true, live: true },
      )
      if (open.size) {
        throw new AppError(409, 'pipeline_in_use', 'Close or move the open deals of this pipeline first')
      }
    }
    const updated = await updatePipelineRow(tx, ctx.workspace.id, id, row.version, {
      deletedAt: deleted ? new Date() : null,
    })
    if (!updated) throw preconditionFailed()
    return (await findPipeline(tx, ctx.workspace.id, id, true))!
  })
}
