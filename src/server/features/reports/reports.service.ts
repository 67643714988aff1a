import { uuidv7 } from 'uuidv7'
import type { Ctx } from '../../http/context.ts'
import { forbidden, notFound, preconditionFailed } from '../../http/errors.ts'
import { assertCan, can } from '../../http/permissions.ts'
import type { Dataset } from '../analytics/dataset.schema.ts'
import {
  deletePin,
  deleteReportRow,
  dropOthersPins,
  findReportRow,
  insertPin,
  insertReportRow,
  type ReportWithPin,
  selectPinnedReports,
  selectVisibleReports,
  updateReportRow,
} from './reports.queries.ts'
import {
  type Report,
  type ReportCreateInput,
  type ReportDefinition,
  type ReportUpdateInput,
  reportDefinition,
} from './reports.schema.ts'
import { compileReport } from './run.compile.ts'
import { runReport } from './run.service.ts'

// Saved reports, as saved views work: anyone may keep personal reports (viewers too, a
// report changes no record); sharing one with the workspace takes the member role. A
// report is changed or deleted by its owner, or, when shared, by an admin. Reports others
// keep personal do not exist for you (404). Pins are each user's own dashboard.

function canEdit(ctx: Ctx, r: ReportWithPin): boolean {
  if (r.ownerId === ctx.userId) return !r.shared || can(ctx.role, 'write')
  return r.shared && can(ctx.role, 'manage')
}

function present(r: ReportWithPin): Report {
  return {
    id: r.id,
    name: r.name,
    shared: r.shared,
    ownerId: r.ownerId,
    // Stored definitions went through the schema; parsing again fills defaults added later.
    definition: reportDefinition.parse(r.definition),
    pinned: r.pinned,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }
}

async function visibleReport(ctx: Ctx, id: string): Promise<ReportWithPin> {
  const r = await findReportRow(ctx.db, ctx.workspace.id, ctx.userId, id)
  if (!r || (!r.shared && r.ownerId !== ctx.userId)) throw notFound('Report')
  return r
}

/** A definition must compile against the object's fields (400 naming `definition.…`). */
const assertDefinitionFits = (ctx: Ctx, def: ReportDefinition) => compileReport(ctx, def)

export async function listReports(ctx: Ctx): Promise<Report[]> {
  assertCan(ctx, 'read')
  return (await selectVisibleReports(ctx.db, ctx.workspace.id, ctx.userId)).map(present)
}

export async function getReport(ctx: Ctx, id: string): Promise<Report> {
  assertCan(ctx, 'read')
  return present(await visibleReport(ctx, id))
}

export async function createReport(ctx: Ctx, input: ReportCreateInput): Promise<Report> {
  assertCan(ctx, input.shared ? 'write' : 'read')
  await assertDefinitionFits(ctx, input.definition)
  const id = uuidv7()
  await insertReportRow(ctx.db, {
    workspaceId: ctx.workspace.id,
    id,
    name: input.name,
    ownerId: ctx.userId,
    shared: input.shared,
    definition: input.definition,
  })
  return present((await findReportRow(ctx.db, ctx.workspace.id, ctx.userId, id))!)
}

export async function updateReport(
  ctx: Ctx,
  id: string,
  expectedVersion: number,
  input: ReportUpdateInput,
): Promise<Report> {
  assertCan(ctx, 'read')
  const r = await visibleReport(ctx, id)
  if (!canEdit(ctx, r)) throw forbidden('Only its owner or an admin can change this report')
  if (input.shared && !r.shared) assertCan(ctx, 'write')
  if (r.version !== expectedVersion) throw preconditionFailed()
  if (input.definition) await assertDefinitionFits(ctx, input.definition)
  await ctx.db.transaction(async (tx) => {
    const updated = await updateReportRow(tx, ctx.workspace.id, id, expectedVersion, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.shared !== undefined ? { shared: input.shared } : {}),
      ...(input.definition !== undefined ? { definition: input.definition } : {}),
    })
    if (!updated) throw preconditionFailed()
    if (r.shared && input.shared === false) await dropOthersPins(tx, ctx.workspace.id, id, r.ownerId)
  })
  return present((await findReportRow(ctx.db, ctx.workspace.id, ctx.userId, id))!)
}

export async function deleteReport(ctx: Ctx, id: string, expectedVersion: number | null): Promise<void> {
  assertCan(ctx, 'read')
  const r = await visibleReport(ctx, id)
  if (!canEdit(ctx, r)) throw forbidden('Only its owner or an admin can delete this report')
  if (expectedVersion !== null && r.version !== expectedVersion) throw preconditionFailed()
  await deleteReportRow(ctx.db, ctx.workspace.id, id)
}

/** A saved report's Dataset, with its definition as saved. */
export async function reportResult(ctx: Ctx, id: string): Promise<{ report: Report; dataset: Dataset }> {
  assertCan(ctx, 'read')
  const report = present(await visibleReport(ctx, id))
  return { report, dataset: await runReport(ctx, report.definition) }
}

export async function pinReport(ctx: Ctx, id: string): Promise<void> {
  assertCan(ctx, 'read')
  await visibleReport(ctx, id)
  await insertPin(ctx.db, ctx.workspace.id, ctx.userId, id)
}

export async function unpinReport(ctx: Ctx, id: string): Promise<void> {
  assertCan(ctx, 'read')
  await visibleReport(ctx, id)
  await deletePin(ctx.db, ctx.workspace.id, ctx.userId, id)
}

export async function listPins(ctx: Ctx): Promise<Report[]> {
  assertCan(ctx, 'read')
  return (await selectPinnedReports(ctx.db, ctx.workspace.id, ctx.userId)).map(present)
}
