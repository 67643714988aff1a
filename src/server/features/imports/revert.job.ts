import { sql } from 'drizzle-orm'
import { type DbOrTx, queryRows } from '../../db/client.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { assertCan } from '../../http/permissions.ts'
import { type JobRun, registerJobKind } from '../jobs/jobs.ts'
import { recordEvents } from './batch.ts'
import { findImport, type LoggedRow, selectLoggedRows, updateImportRow } from './imports.queries.ts'
import {
  type CompanyValues,
  loadCompanyValues,
  loadPeopleValues,
  type PersonValues,
  saveCompanyValues,
  savePeopleValues,
} from './record-values.ts'

// The 'import-revert' job: undoes an import as a whole, from its row log, newest row
// first, in batches that each commit with the job checkpoint (so it resumes too):
// 1. records it updated get their before-image back;
// 2. people it created are deleted with their phones and emails (and their timeline);
// 3. companies it created likewise, after the people who pointed at them are gone.
// A created record that has since gained deals, activities (or, for a company, people)
// is moved to the trash instead, so nobody's later work disappears with it.

const PHASES = ['updated', 'person', 'company'] as const
type Phase = (typeof PHASES)[number]

export const revertSettings = { batchSize: 500 }
// Above any row number (a PostgreSQL integer): where each phase starts, from the end.
const LAST = 2_147_483_647

const ids = (list: string[]) => sql`${sql.param(list)}::uuid[]`

export async function runRevert(run: JobRun): Promise<Record<string, unknown>> {
  const { ctx, db } = run
  assertCan(ctx, 'write')
  const ws = ctx.workspace.id
  const importId = String(run.job.payload.importId)
  const found = await findImport(db, ws, importId)
  if (!found) throw new AppError(404, 'not_found', 'This import no longer exists')
  const object = found.imp.object as 'person' | 'company'
  let phase = (run.job.state.phase as Phase | undefined) ?? 'updated'
  let below = Number(run.job.state.below ?? LAST)
  const totals = { restored: 0, deleted: 0, trashed: 0, ...(run.job.state.totals as object | undefined) }
  let done = run.job.done

  while (true) {
    const rows = await selectLoggedRows(db, ws, importId, {
      recordType: phase === 'updated' ? object : phase,
      action: phase === 'updated' ? 'updated' : 'created',
      belowRow: below,
      limit: revertSettings.batchSize,
    })
    if (!rows.length) {
      const next = PHASES[PHASES.indexOf(phase) + 1]
      if (!next) break
      phase = next
      below = LAST
      continue
    }
    if (await run.cancelled()) return { cancelled: true, ...totals }
    await db.transaction(async (tx) => {
      if (phase === 'updated') totals.restored += await restore(tx, ctx, object, rows)
      else {
        const r = await remove(
          tx,
          ctx,
          phase,
          rows.map((x) => x.recordId!),
        )
        totals.deleted += r.deleted
        totals.trashed += r.trashed
      }
      below = rows[rows.length - 1]!.rowNo
      done += rows.length
      await run.checkpoint(tx, { phase, below, totals }, done)
    })
  }
  await updateImportRow(db, ws, importId, { status: 'reverted', finishedAt: new Date() })
  return totals
}

/** Writes back before-images; a record updated by several rows gets the earliest one. */
async function restore(tx: DbOrTx, ctx: Ctx, object: 'person' | 'company', rows: LoggedRow[]) {
  const byId = new Map<string, Record<string, unknown>>()
  // Rows come newest first: the last one seen for an id is its earliest before-image.
  for (const r of rows) if (r.recordId && r.before) byId.set(r.recordId, r.before)
  const list = [...byId.keys()]
  if (object === 'person') {
    const current = await loadPeopleValues(tx, ctx.workspace.id, list)
    const changes = list
      .filter((id) => current.has(id))
      .map((id) => ({ id, before: current.get(id)!, after: byId.get(id) as PersonValues }))
    await savePeopleValues(tx, ctx, changes)
    return changes.length
  }
  const current = await loadCompanyValues(tx, ctx.workspace.id, list)
  const changes = list
    .filter((id) => current.has(id))
    .map((id) => ({ id, before: current.get(id)!, after: byId.get(id) as CompanyValues }))
  await saveCompanyValues(tx, ctx, changes)
  return changes.length
}

const REFERENCES = {
  person: sql`not exists (select 1 from deals d where d.workspace_id = r.workspace_id and d.person_id = r.id)
    and not exists (select 1 from activities a where a.workspace_id = r.workspace_id and a.person_id = r.id)`,
  company: sql`not exists (select 1 from people p where p.workspace_id = r.workspace_id and p.company_id = r.id)
    and not exists (select 1 from deals d where d.workspace_id = r.workspace_id and d.company_id = r.id)
    and not exists (select 1 from activities a where a.workspace_id = r.workspace_id and a.company_id = r.id)`,
}

/** Deletes created records nothing else points at; trashes the others. */
async function remove(tx: DbOrTx, ctx: Ctx, type: 'person' | 'company', list: string[]) {
  const ws = ctx.workspace.id
  const table = sql.raw(type === 'person' ? 'people' : 'companies')
  const deleted = await queryRows<{ id: string }>(
    tx,
    sql`delete from ${table} r where r.workspace_id = ${ws} and r.id = any(${ids(list)}) and ${REFERENCES[type]}
        returning r.id`,
  )
  if (deleted.length) {
    // Phones and emails go with the record (foreign keys cascade); its own timeline events
    // go too, found through the person / company timeline index.
    const gone = ids(deleted.map((d) => d.id))
    const link = sql.raw(type === 'person' ? 'person_id' : 'company_id')
    await tx.execute(sql`delete from timeline_events where workspace_id = ${ws}
      and ${link} = any(${gone}) and subject_id = any(${gone})`)
  }
  const removed = new Set(deleted.map((d) => d.id))
  const rest = list.filter((id) => !removed.has(id))
  if (!rest.length) return { deleted: deleted.length, trashed: 0 }
  const label = type === 'person' ? sql`trim(r.first_name || ' ' || r.last_name)` : sql`r.name`
  const trashed = await queryRows<{ id: string; label: string }>(
    tx,
    sql`update ${table} r set deleted_at = now(), version = r.version + 1, updated_at = now()
        where r.workspace_id = ${ws} and r.id = any(${ids(rest)}) and r.deleted_at is null
        returning r.id, ${label} as label`,
  )
  await recordEvents(
    tx,
    ctx,
    'deleted',
    trashed.map((t) => ({
      type,
      id: t.id,
      label: t.label,
      personId: type === 'person' ? t.id : null,
      companyId: type === 'company' ? t.id : null,
    })),
  )
  return { deleted: deleted.length, trashed: trashed.length }
}

registerJobKind('import-revert', runRevert)
