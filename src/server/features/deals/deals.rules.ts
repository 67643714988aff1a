import type { DbOrTx } from '../../db/client.ts'
import { allQueries } from '../../db/parallel.ts'
import type { Ctx } from '../../http/context.ts'
import { type FieldError, invalid } from '../../http/errors.ts'
import { findCompanyRow } from '../companies/companies.queries.ts'
import { findPersonRow } from '../people/people.queries.ts'
import { findDealRow } from './deals.queries.ts'
import type { DealStatus } from './deals.schema.ts'
import { findPipeline, findStages, loadPipelines } from './pipelines.queries.ts'
import type { Pipeline, Stage, StageKind } from './pipelines.schema.ts'

// Rules shared by deal create, update and move (and by activities for record links).

/**
 * The pipeline and stage a deal goes to. `pipelineId` is the effective pipeline (the
 * input's, else the deal's current one); without it the stage's own pipeline is used,
 * and without either the workspace's first pipeline. No stage means the first open one.
 */
export async function resolvePlacement(
  db: DbOrTx,
  ctx: Ctx,
  want: { pipelineId?: string | undefined; stageId?: string | undefined },
): Promise<{ pipeline: Pipeline; stage: Stage }> {
  let pipelineId = want.pipelineId
  if (!pipelineId && want.stageId) {
    const stage = (await findStages(db, ctx.workspace.id, [want.stageId])).get(want.stageId)
    if (!stage || stage.deletedAt)
      throw invalid([notFoundField('stageId', 'No such stage in this workspace')])
    pipelineId = stage.pipelineId
  }
  const pipeline = pipelineId
    ? await findPipeline(db, ctx.workspace.id, pipelineId)
    : (await loadPipelines(db, ctx.workspace.id))[0]
  if (!pipeline) throw invalid([notFoundField('pipelineId', 'No such pipeline in this workspace')])
  const stage = want.stageId
    ? pipeline.stages.find((s) => s.id === want.stageId)
    : pipeline.stages.find((s) => s.kind === 'open')
  if (!stage) {
    throw invalid([
      { field: 'stageId', code: 'wrong_pipeline', message: `Not a stage of the pipeline ${pipeline.name}` },
    ])
  }
  return { pipeline, stage }
}

type Closing = { status: DealStatus; lostReason: string | null; closedAt: Date | null }

/**
 * Status, lost reason and close time after a change. A won or lost stage decides the
 * status; leaving one reopens the deal. Won/lost stamp `closedAt`; lost needs a reason.
 */
export function nextClosing(
  current: (Closing & { stageKind: StageKind }) | null,
  target: { stageKind: StageKind; stageChanged: boolean },
  input: { status?: DealStatus | undefined; lostReason?: string | null | undefined },
  now = new Date(),
): Closing {
  let status: DealStatus
  if (target.stageKind !== 'open') {
    if (input.status && input.status !== target.stageKind) {
      throw invalid([
        {
          field: 'status',
          code: 'stage_mismatch',
          message: `A deal in a ${target.stageKind} stage is ${target.stageKind}; move it to an open stage first`,
        },
      ])
    }
    status = target.stageKind
  } else if (input.status) {
    status = input.status
  } else if (current && target.stageChanged && current.stageKind !== 'open') {
    status = 'open'
  } else {
    status = current?.status ?? 'open'
  }
  const lostReason =
    status === 'lost'
      ? input.lostReason !== undefined
        ? input.lostReason
        : (current?.lostReason ?? null)
      : null
  if (status === 'lost' && !lostReason) {
    throw invalid([{ field: 'lostReason', code: 'required', message: 'Say why the deal was lost' }])
  }
  const closedAt = status === 'open' ? null : current && current.status === status ? current.closedAt : now
  return { status, lostReason, closedAt }
}

const notFoundField = (field: string, message: string): FieldError => ({ field, code: 'not_found', message })

/**
 * The person, company and deal a record links to must exist, live, in this workspace:
 * 400 naming each field that does not (ids of other workspaces look the same as none).
 */
export async function assertLinks(
  db: DbOrTx,
  ctx: Ctx,
  links: { personId?: string | null; companyId?: string | null; dealId?: string | null },
) {
  const ws = ctx.workspace.id
  const [person, company, deal] = await allQueries(db, [
    async () => (links.personId ? findPersonRow(db, ws, links.personId) : null),
    async () => (links.companyId ? findCompanyRow(db, ws, links.companyId) : null),
    async () => (links.dealId ? findDealRow(db, ws, links.dealId) : null),
  ])
  const errors: FieldError[] = []
  if (links.personId && (!person || person.deletedAt))
    errors.push(notFoundField('personId', 'No such person in this workspace'))
  if (links.companyId && (!company || company.deletedAt))
    errors.push(notFoundField('companyId', 'No such company in this workspace'))
  if (links.dealId && (!deal || deal.deletedAt))
    errors.push(notFoundField('dealId', 'No such deal in this workspace'))
  if (errors.length) throw invalid(errors)
  return { deal }
}
