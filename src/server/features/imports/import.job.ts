import type { Tx } from '../../db/client.ts'
import { AppError } from '../../http/errors.ts'
import { assertCan } from '../../http/permissions.ts'
import { selectCustomFields } from '../custom-fields/custom-fields.queries.ts'
import { type JobRun, registerJobKind } from '../jobs/jobs.ts'
import { listMembers } from '../workspaces/workspaces.queries.ts'
import { type BatchResult, type DuplicateMode, type Plan, refreshStatistics } from './batch.ts'
import { writeCompaniesBatch } from './companies-batch.ts'
import type { Encoding } from './decode.ts'
import type { ImportObject } from './detect.ts'
import { deleteFile, findImport, readChunks, updateImportRow } from './imports.queries.ts'
import { writePeopleBatch } from './people-batch.ts'
import { dataRows } from './read-file.ts'
import { type CompanyDraft, compileMapping, type FailedRow, type PersonDraft, prepareRow } from './rows.ts'

// The 'import' job. The stored file is read again from the start, row by row; rows at or
// before the checkpoint are skipped (a resumed run), the others are validated and
// written in batches. Each batch is one transaction holding its records, its per-row log,
// the import's counters and the job checkpoint, so a crash loses no row and writes none
// twice. The next batch is validated while the current one is being written: on
// PostgreSQL, Node's work (parsing, phone numbers) and the database's overlap.

/** Rows per batch; tests make it small to cross batch boundaries. */
export const importSettings = { batchSize: 1000 }
/** Test hook: runs inside each batch transaction before it commits (throw to simulate a crash). */
export const importHooks: { beforeCommit?: (batch: number) => void | Promise<void> } = {}

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
  const write = (tx: Tx, rows: Prepared[]): Promise<BatchResult> =>
    object === 'person'
      ? writePeopleBatch(tx, plan, rows as (PersonDraft | FailedRow)[])
      : writeCompaniesBatch(tx, plan, rows as (CompanyDraft | FailedRow)[])

  const size = importSettings.batchSize
  let queue: Prepared[] = []
  let writing: Promise<void> | null = null
  let batchNo = 0
  let cancelled = false
  let nextAnalyze = 1000

  const writeBatch = async (batch: Prepared[]) => {
    const lastRow = await db.transaction(async (tx) => {
      const r = await write(tx, batch)
      await importHooks.beforeCommit?.(++batchNo)
      await run.checkpoint(tx, { row: r.lastRow }, r.lastRow, imp.rowCount)
      return r.lastRow
    })
    if (lastRow - after >= nextAnalyze) {
      nextAnalyze *= 8
      await refreshStatistics(db, object)
    }
  }
  // Starts writing the rows read so far once the previous batch has committed: one batch
  // is written while the next one is read and checked.
  const flush = async () => {
    const batch = queue
    queue = []
    if (writing) await writing
    if (await run.cancelled()) {
      cancelled = true
      return
    }
    const p = writeBatch(batch)
    p.catch(() => {}) // awaited by the next flush; this only keeps a failure from going unhandled meanwhile
    writing = p
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
    if (writing) await writing
  } finally {
    // Never leave a batch transaction running behind a failure.
    if (writing) await (writing as Promise<void>).catch(() => {})
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
