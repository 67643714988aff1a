import { and, asc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm'
import { uuidv7 } from 'uuidv7'
import type { DbOrTx } from '../../db/client.ts'
import { deals, pipelines, stages } from '../../db/schema/index.ts'
import type { Pipeline, StageKind } from './pipelines.schema.ts'

// SQL for pipelines and stages, always scoped by workspace_id.
export type StageRow = typeof stages.$inferSelect
export type StageSpec = { name: string; probability: number; kind: StageKind }

/** Live pipelines (or the trashed ones), each with its live stages in order. */
export async function loadPipelines(
  db: DbOrTx,
  workspaceId: string,
  opts: { id?: string; trashed?: boolean; includeDeleted?: boolean } = {},
): Promise<Pipeline[]> {
  const rows = await db
    .select()
    .from(pipelines)
    .where(
      and(
        eq(pipelines.workspaceId, workspaceId),
        opts.includeDeleted
          ? undefined
          : opts.trashed
            ? isNotNull(pipelines.deletedAt)
            : isNull(pipelines.deletedAt),
        opts.id ? eq(pipelines.id, opts.id) : undefined,
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
        kind: s.kind as StageKind,
      })),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    deletedAt: p.deletedAt?.toISOString() ?? null,
  }))
}

export async function findPipeline(db: DbOrTx, workspaceId: string, id: string, includeDeleted = false) {
  const [pipeline] = await loadPipelines(db, workspaceId, { id, includeDeleted })
  return pipeline ?? null
}

/** Locks the pipeline row, so stage edits and deal moves into it queue behind each other. */
export async function lockPipeline(db: DbOrTx, workspaceId: string, id: string) {
  const rows = await db
    .select()
    .from(pipelines)
    .where(and(eq(pipelines.workspaceId, workspaceId), eq(pipelines.id, id)))
    .for('update')
  return rows[0] ?? null
}

/** Inserts a pipeline with its stages; used by the API, the demo data and new workspaces. */
export async function insertPipeline(
  tx: DbOrTx,
  workspaceId: string,
  input: { name: string; stages: StageSpec[] },
  id: string = uuidv7(),
) {
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

/** Updates the pipeline row only if its version is still `expectedVersion`. */
export async function updatePipelineRow(
  db: DbOrTx,
  workspaceId: string,
  id: string,
  expectedVersion: number,
  set: Partial<typeof pipelines.$inferInsert>,
) {
  const rows = await db
    .update(pipelines)
    .set({ ...set, version: sql`${pipelines.version} + 1`, updatedAt: sql`now()` })
    .where(
      and(
        eq(pipelines.workspaceId, workspaceId),
        eq(pipelines.id, id),
        eq(pipelines.version, expectedVersion),
      ),
    )
    .returning()
  return rows[0] ?? null
}

/** Stages by id, deleted ones included (a closed deal may still point at one). */
export async function findStages(db: DbOrTx, workspaceId: string, ids: string[]) {
  const wanted = [...new Set(ids)]
  if (!wanted.length) return new Map<string, StageRow>()
  const rows = await db
    .select()
    .from(stages)
    .where(and(eq(stages.workspaceId, workspaceId), inArray(stages.id, wanted)))
  return new Map(rows.map((r) => [r.id, r]))
}

/** How many deals (trashed ones too, unless `live`) sit in these stages, per stage. */
export async function dealsPerStage(
  db: DbOrTx,
  workspaceId: string,
  stageIds: string[],
  opts: { onlyOpen?: boolean; live?: boolean } = {},
) {
  if (!stageIds.length) return new Map<string, number>()
  const rows = await db
    .select({ stageId: deals.stageId, n: sql<number>`count(*)::int` })
    .from(deals)
    .where(
      and(
        eq(deals.workspaceId, workspaceId),
        inArray(deals.stageId, stageIds),
        opts.onlyOpen ? eq(deals.status, 'open') : undefined,
        opts.live ? isNull(deals.deletedAt) : undefined,
      ),
    )
    .groupBy(deals.stageId)
  return new Map(rows.map((r) => [r.stageId, Number(r.n)]))
}

export async function softDeleteStages(db: DbOrTx, workspaceId: string, ids: string[]) {
  if (!ids.length) return
  await db
    .update(stages)
    .set({ deletedAt: new Date() })
    .where(and(eq(stages.workspaceId, workspaceId), inArray(stages.id, ids)))
}

export async function upsertStage(
  db: DbOrTx,
  workspaceId: string,
  pipelineId: string,
  stage: StageSpec & { id?: string | undefined; position: number },
) {
  const values = {
    name: stage.name,
    probability: stage.probability,
    kind: stage.kind,
    position: stage.position,
  }
  if (stage.id) {
    await db
      .update(stages)
      .set(values)
      .where(and(eq(stages.workspaceId, workspaceId), eq(stages.id, stage.id)))
  } else {
    await db.insert(stages).values({ workspaceId, id: uuidv7(), pipelineId, ...values })
  }
}
