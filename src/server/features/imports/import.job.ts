import { AppError } from '../../http/errors.ts'
import { assertCan } from '../../http/permissions.ts'
import { selectCustomFields } from '../custom-fields/custom-fields.queries.ts'
import { type JobRun, registerJobKind } from '../jobs/jobs.ts'
import { listMembers } from '../workspaces/workspaces.queries.ts'
import { countedRows, type DuplicateMode, type Plan, refreshStatistics, saveProgress } from './batch.ts'
import { prepareCompaniesBatch } from './companies-batch.ts'
import type { Encoding } from './decode.ts'
import type { ImportObject } from './detect.ts'
import { deleteFile, findImport, readChunks, updateImportRow } from './imports.queries.ts'
import { preparePeopleBatch } from './people-batch.ts'
import { batchWriter, hasPool } from './pipeline.ts'
import { dataRows } from './read-file.ts'
import { type CompanyDraft, compileMapping, type FailedRow, type PersonDraft, prepareRow } from './rows.ts'

// The 'import' job. The stored file is read again from the start, row by row; rows at or
// before the checkpoint are skipped (a resumed run), the others are validated and
// written in batches. Each batch is one transaction holding its records, its per-row log,
// the import's counters and the job checkpoint, so a crash loses no row and writes none
// twice. The next batch is validated while the current ones are being written: on
// PostgreSQL two batches are in flight at once, committing in order (pipeline.ts), so
// Node's work (parsing, phone numbers) and the database's overlap on both cores.

/** Rows per batch; tests make it small to cross batch boundaries. */
export const importSettings = { batchSize: 1000 }
export { importHooks } from './pipeline.ts'

type Prepared = PersonDraft | CompanyDraft | FailedRow

const breathe = () => new Promise<void>((resolve) => setImmediate(resolve))

export async function runImport(run: JobRun): Promise<Record<string, unknown>> {
  const { ctx, db } = run
  assertCan(ctx, 'write')
  const ws = ctx.workspace.id
  const importId = String(run.job.payload.importId)
  const found = await findImport(db, ws, importId)
  if (!found) throw new AppError(404, 'not_found', 'This import no longer exists')
  const imp = found.imp
  const object = imp.object as ImportObject
  const after = Number(run.job.state.row ?? 0)
  await updateImportRow(db, ws, importId, { status: 'running', error: null })

  const [members, customFields] = await Promise.all([
    listMembers(db, ws),
    selectCustomFields(db, ws, object, { archived: false }),
  ])
  const compiled = compileMapping({
    object,
    columns: imp.columns,
    mapping: imp.mapping,
    country: ctx.workspace.country,
    members: members.map((m) => ({ id: m.userId, name: m.name, email: m.email })),
    customFields,
  })
  const plan: Plan = { ctx, importId, object, mode: imp.duplicates as DuplicateMode }
  // Two batches at once only where a batch never reads or locks records another one writes.
  const pipelined = hasPool(db) && plan.mode !== 'update'
  const writer = batchWriter<Prepared>(db, pipelined, {
    prepare: (on, rows, pending) =>
      object === 'person'
        ? preparePeopleBatch(on, plan, rows as (PersonDraft | FailedRow)[], pending)
        : prepareCompaniesBatch(on, plan, rows as (CompanyDraft | FailedRow)[], pending),
    finish: async (tx, batch, counts) => {
      await saveProgress(tx, plan, batch.lastRow, counts)
      await run.checkpoint(tx, { row: batch.lastRow }, batch.lastRow, imp.rowCount)
    },
  })

  const size = importSettings.batchSize
  let queue: Prepared[] = []
  let cancelled = false
  // ANALYZE beside the batches (not between them), one at a time, when the import has
  // changed the table as much as makes autovacuum analyze it: 50 rows plus 10% of the
  // rows its statistics counted. Checked after 1k, 8k, 64k, 512k… rows: a first import
  // into an empty table refreshes at each step, a big import into a big table once or
  // twice. PGlite has no autovacuum, and on PostgreSQL it may be off or come late; the
  // batch lookups themselves do not need fresh statistics (see findByKeys).
  let nextCheck = 1000
  let analyzedAt = after
  let counted = await countedRows(db, object)
  let analyzing: Promise<void> | null = null
  const analyzeAfter = (lastRow: number | null) => {
    if (lastRow === null || lastRow - after < nextCheck || analyzing) return
    while (lastRow - after >= nextCheck) nextCheck *= 8
    if (lastRow - analyzedAt < 50 + 0.1 * counted) return
    analyzedAt = lastRow
    analyzing = refreshStatistics(db, object).then(async () => {
      counted = await countedRows(db, object)
      analyzing = null
    })
  }
  // Starts writing the rows read so far once there is room for another batch: the next
  // batch is read and checked while the ones in flight are written.
  const flush = async () => {
    const batch = queue
    queue = []
    analyzeAfter(await writer.room())
    if (await run.cancelled()) {
      cancelled = true
      return
    }
    writer.start(batch)
  }

  try {
    let rowNo = 0
    const format = { ...imp, format: imp.format as 'csv' | 'vcard', encoding: imp.encoding as Encoding }
    reading: for await (const rows of dataRows(readChunks(db, ws, importId), format)) {
      for (const cells of rows) {
        rowNo++
        if (rowNo <= after) continue
        queue.push(prepareRow(compiled, rowNo, cells))
        if (rowNo % 64 === 0) await breathe()
        if (queue.length >= size) {
          await flush()
          if (cancelled) break reading
        }
      }
    }
    if (queue.length && !cancelled) await flush()
    analyzeAfter(await writer.drain())
  } finally {
    // Never leave a batch transaction (or an ANALYZE) running behind a failure.
    await writer.settle()
    await analyzing
  }
  if (cancelled) return { cancelled: true }

  const done = await db.transaction(async (tx) => {
    const row = await updateImportRow(tx, ws, importId, { status: 'done', finishedAt: new Date() })
    // The file has served its purpose: errors.csv and revert work from the row log.
    await deleteFile(tx, ws, importId)
    return row!
  })
  return { created: done.created, updated: done.updated, skipped: done.skipped, failed: done.failed }
}

registerJobKind('import', runImport)
