import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm'
import { uuidv7 } from 'uuidv7'
import type { DbOrTx } from '../../db/client.ts'
import { deals, pipelines, stages } from '../../db/schema/index.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError, invalid, notFound, preconditionFailed } from '../../http/errors.ts'
import { assertCan } from '../../http/permissions.ts'
import type { Pipeline, PipelineCreateInput, PipelineUpdateInput } from './pipelines.schema.ts'

// Pipelines and their ordered stages. Anyone reads them; admins change them.

type StageSpec = { id?: string | undefined; name: string; probability: number; kind: 'open' | 'won' | 'lost' }

export async function listPipelines(ctx: Ctx): Promise<Pipeline[]> {
  assertCan(ctx, 'read')
  return loadPipelines(ctx.db, ctx.workspace.id)
}

export async function loadPipelines(db: DbOrTx, workspaceId: string, onlyId?: string): Promise<Pipeline[]> {
  const rows = await db
    .select()
    .from(pipelines)
    .where(
      and(
        eq(pipelines.workspaceId, workspaceId),
        isNull(pipelines.deletedAt),
        onlyId ? eq(pipelines.id, onlyId) : undefined,
      ),
    )
    .orderBy(asc(pipelines.position), asc(pipelines.createdAt))
  if (!rows.length) return []
  const stageRows = await db
    .select()
    .from(stages)
    .where(
      and(
        eq(stages.workspaceId, workspaceId),
        inArray(
          stages.pipelineId,
          rows.map((r) => r.id),
        ),
        isNull(stages.deletedAt),
      ),
    )
    .orderBy(asc(stages.position))
  return rows.map((p) => ({
    id: p.id,
    name: p.name,
    position: p.position,
    version: p.version,
    stages: stageRows
      .filter((s) => s.pipelineId === p.id)
      .map((s) => ({
        id: s.id,
        name: s.name,
        position: s.position,
        probability: s.probability,
        kind: s.kind as StageSpec['kind'],
      })),
  }))
}

export async function getPipeline(db: DbOrTx, workspaceId: string, id: string): Promise<Pipeline> {
  const [pipeline] = await loadPipelines(db, workspaceId, id)
  if (!pipeline) throw notFound('Pipeline')
  return pipeline
}

/** Inserts a pipeline with its stages; used by the API and when a workspace is created. */
export async function insertPipeline(
  tx: DbOrTx,
  workspaceId: string,
  input: { name: string; stages: StageSpec[] },
) {
  const id = uuidv7()
  const [{ next } = { next: 0 }] = await tx
    .select({ next: sql<number>`coalesce(max(${pipelines.position}) + 1, 0)::int` })
    .from(pipelines)
    .where(eq(pipelines.workspaceId, workspaceId))
  await tx.insert(pipelines).values({ workspaceId, id, name: input.name, position: Number(next) })
  await tx.insert(stages).values(
    input.stages.map((s, position) => ({
      workspaceId,
      id: uuidv7(),
      pipelineId: id,
      name: s.name,
      position,
      probability: s.probability,
      kind: s.kind,
    })),
  )
  return id
}

export async function createPipeline(ctx: Ctx, input: PipelineCreateInput): Promise<Pipeline> {
  assertCan(ctx, 'manage')
  return ctx.db.transaction(async (tx) => {
    const id = await insertPipeline(tx, ctx.workspace.id, input)
    return getPipeline(tx, ctx.workspace.id, id)
  })
}

/**
 * Renames a pipeline and/or replaces its stage list: stages keep their id when the
 * client sends it, new ones are added, and a stage left out is removed — unless deals
 * are still in it (409, nothing changed).
 */
export async function updatePipeline(
  ctx: Ctx,
  id: string,
  expectedVersion: number,
  input: PipelineUpdateInput,
) {
  assertCan(ctx, 'manage')
  return ctx.db.transaction(async (tx) => {
    const current = await getPipeline(tx, ctx.workspace.id, id)
    if (current.version !== expectedVersion) throw preconditionFailed()
    const updated = await tx
      .update(pipelines)
      .set({
        ...(input.name ? { name: input.name } : {}),
        version: sql`${pipelines.version} + 1`,
        updatedAt: new Date(),
      })
      .where(
        and(
          eq(pipelines.workspaceId, ctx.workspace.id),
          eq(pipelines.id, id),
          eq(pipelines.version, expectedVersion),
        ),
      )
      .returning()
    if (!updated[0]) throw preconditionFailed()
    if (input.stages) await replaceStages(tx, ctx, current, input.stages)
    return getPipeline(tx, ctx.workspace.id, id)
  })
}

async function replaceStages(tx: DbOrTx, ctx: Ctx, current: Pipeline, next: StageSpec[]) {
  const known = new Set(current.stages.map((s) => s.id))
  next.forEach((s, i) => {
    if (s.id && !known.has(s.id)) {
      throw invalid([{ field: `stages.${i}.id`, code: 'not_found', message: 'Not a stage of this pipeline' }])
    }
  })
  const kept = new Set(next.map((s) => s.id).filter(Boolean))
  const removed = current.stages.filter((s) => !kept.has(s.id)).map((s) => s.id)
  if (removed.length) {
    const [inUse] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(deals)
      .where(and(eq(deals.workspaceId, ctx.workspace.id), inArray(deals.stageId, removed)))
    if (Number(inUse?.n) > 0) {
      throw new AppError(409, 'stage_in_use', 'Move the deals out of a stage before removing it')
    }
    await tx
      .update(stages)
      .set({ deletedAt: new Date() })
      .where(and(eq(stages.workspaceId, ctx.workspace.id), inArray(stages.id, removed)))
  }
  for (const [position, s] of next.entries()) {
    const values = { name: s.name, probability: s.probability, kind: s.kind, position }
    if (s.id) {
      await tx
        .update(stages)
        .set(values)
        .where(and(eq(stages.workspaceId, ctx.workspace.id), eq(stages.id, s.id)))
    } else {
      await tx
        .insert(stages)
        .values({ workspaceId: ctx.workspace.id, id: uuidv7(), pipelineId: current.id, ...values })
    }
  }
}

export async function deletePipeline(ctx: Ctx, id: string) {
  assertCan(ctx, 'manage')
  await ctx.db.transaction(async (tx) => {
    await getPipeline(tx, ctx.workspace.id, id)
    const [used] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(deals)
      .where(and(eq(deals.workspaceId, ctx.workspace.id), eq(deals.pipelineId, id)))
    if (Number(used?.n) > 0) throw new AppError(409, 'pipeline_in_use', 'This pipeline still has deals')
    const all = await loadPipelines(tx, ctx.workspace.id)
    if (all.length <= 1) throw new AppError(409, 'last_pipeline', 'A workspace keeps at least one pipeline')
    await tx
      .update(pipelines)
      .set({ deletedAt: new Date() })
      .where(and(eq(pipelines.workspaceId, ctx.workspace.id), eq(pipelines.id, id)))
  })
}
