import { Readable } from 'node:stream'
import { uuidv7 } from 'uuidv7'
import type { Ctx } from '../../http/context.ts'
import { AppError, type FieldError, invalid, notFound } from '../../http/errors.ts'
import { assertCan } from '../../http/permissions.ts'
import { selectCustomFields } from '../custom-fields/custom-fields.queries.ts'
import { BOM, csvLine } from '../export/csv.ts'
import { enqueueJob } from '../jobs/jobs.ts'
import { CsvError } from './csv-reader.ts'
import {
  COMPANY_TARGETS,
  detectSource,
  IMPORT_OBJECTS,
  type ImportObject,
  type Mapping,
  MULTI_TARGETS,
  PERSON_TARGETS,
  suggestMapping,
} from './detect.ts'
import {
  CHUNK_BYTES,
  deleteImportRow,
  deleteStaleUploads,
  findImport,
  type ImportWithJob,
  insertChunk,
  insertImportRow,
  lockImport,
  readChunk,
  selectFailedRows,
  selectImports,
  updateImportRow,
} from './imports.queries.ts'
import type { Import, ImportStartInput } from './imports.schema.ts'
import { type Analysis, analyseFile, UnreadableFileError } from './read-file.ts'

// Import use cases: upload (store the file in the database, detect what it is, suggest a
// mapping), start (check the mapping, queue the job), errors.csv, revert. The work itself
// runs in the background: import.job.ts and revert.job.ts.

/** Largest upload accepted (413 beyond). Tests lower it. */
export const importLimits = { maxBytes: 200 * 1024 * 1024 }

export type UploadPart =
  | { type: 'field'; fieldname: string; value: unknown }
  | {
      type: 'file'
      fieldname: string
      filename: string
      file: AsyncIterable<Buffer> & { truncated?: boolean }
    }

/** Which status a client sees: a job that failed or was cancelled fails the import with it. */
function effectiveStatus(row: ImportWithJob): Import['status'] {
  const active = ['queued', 'running', 'reverting'].includes(row.imp.status)
  if (active && (row.jobStatus === 'failed' || row.jobStatus === 'cancelled')) return 'failed'
  return row.imp.status as Import['status']
}

export function presentImport(row: ImportWithJob): Import {
  const { imp } = row
  const status = effectiveStatus(row)
  return {
    id: imp.id,
    object: imp.object as ImportObject,
    fileName: imp.fileName,
    format: imp.format as Import['format'],
    encoding: imp.encoding,
    delimiter: imp.delimiter,
    columns: imp.columns,
    sample: imp.sample,
    rowCount: imp.rowCount,
    mapping: imp.mapping,
    suggestedMapping: imp.suggestedMapping,
    source: imp.source as Import['source'],
    duplicates: imp.duplicates as Import['duplicates'],
    status,
    jobId: imp.jobId,
    counts: {
      done: imp.done,
      total: imp.rowCount,
      created: imp.created,
      updated: imp.updated,
      skipped: imp.skipped,
      failed: imp.failed,
    },
    error: imp.error ?? (status === 'failed' ? (row.jobError ?? 'The import stopped') : null),
    createdAt: imp.createdAt.toISOString(),
    finishedAt: imp.finishedAt?.toISOString() ?? null,
    createdBy: imp.createdBy ? { id: imp.createdBy, name: row.creator ?? '' } : null,
  }
}

async function load(ctx: Ctx, id: string): Promise<ImportWithJob> {
  const row = await findImport(ctx.db, ctx.workspace.id, id)
  if (!row) throw notFound('Import')
  return row
}

export async function listImports(ctx: Ctx): Promise<{ data: Import[] }> {
  assertCan(ctx, 'read')
  return { data: (await selectImports(ctx.db, ctx.workspace.id)).map(presentImport) }
}

export async function getImport(ctx: Ctx, id: string): Promise<Import> {
  assertCan(ctx, 'read')
  return presentImport(await load(ctx, id))
}

/**
 * Streams the upload into the database in 1 MB chunks (never whole in memory) and reads
 * each chunk back as soon as it is stored, to detect the file's encoding, format,
 * delimiter and source, count its rows and keep a sample: the analysis runs beside the
 * storing, not after it. Fields may come before or after the file.
 */
export async function uploadImport(ctx: Ctx, parts: AsyncIterable<UploadPart>): Promise<Import> {
  assertCan(ctx, 'write')
  const ws = ctx.workspace.id
  await deleteStaleUploads(ctx.db, ws)
  let object: unknown
  let stored: { id: string; fileName: string; size: number } | null = null
  let progress: StoreProgress | null = null
  let analysis: Promise<Analysis> | null = null
  try {
    for await (const part of parts) {
      if (part.type === 'field') {
        if (part.fieldname === 'object') object = part.value
        continue
      }
      if (part.fieldname !== 'file' || stored) {
        for await (const _ of part.file) {
          // Only one file is read; any other is drained.
        }
        continue
      }
      const id = uuidv7()
      const fileName = (part.filename || 'upload').slice(0, 255)
      await insertImportRow(ctx.db, {
        workspaceId: ws,
        id,
        object: 'person',
        fileName,
        createdBy: ctx.userId,
      })
      stored = { id, fileName, size: 0 }
      const storing = storeProgress()
      progress = storing
      analysis = analyseFile(() => readStored(ctx, id, storing))
      analysis.catch(() => {}) // awaited below, once the file is stored
      stored.size = await storeFile(ctx, id, part.file, storing)
      storing.end()
      if (part.file.truncated) {
        throw new AppError(
          413,
          'file_too_large',
          `The file is larger than ${importLimits.maxBytes / 1024 / 1024} MB`,
        )
      }
    }
    const errors: FieldError[] = []
    if (!IMPORT_OBJECTS.includes(object as ImportObject)) {
      errors.push({ field: 'object', code: 'invalid', message: 'Choose person or company' })
    }
    if (!stored) errors.push({ field: 'file', code: 'required', message: 'Choose a CSV or vCard file' })
    if (errors.length) throw invalid(errors)
    return await analysed(ctx, stored!.id, object as ImportObject, stored!.size, analysis!)
  } catch (err) {
    // The analysis stops reading before the file goes.
    progress?.stop()
    await analysis?.catch(() => {})
    if (stored) await deleteImportRow(ctx.db, ws, stored.id)
    throw err
  }
}

type StoreProgress = ReturnType<typeof storeProgress>

/** How many chunks of a file are stored so far, and whether the file has ended (or failed). */
function storeProgress() {
  let stored = 0
  let ended = false
  let stopped = false
  let waiting: (() => void)[] = []
  const changed = () => {
    for (const wake of waiting) wake()
    waiting = []
  }
  return {
    add() {
      stored++
      changed()
    },
    end() {
      ended = true
      changed()
    },
    /** The upload failed: readers stop at once. */
    stop() {
      stopped = true
      changed()
    },
    /** Waits until chunk `n` is stored (true) or the file ended without it (false). */
    async has(n: number): Promise<boolean> {
      while (stored <= n && !ended && !stopped) await new Promise<void>((resolve) => waiting.push(resolve))
      return stored > n && !stopped
    },
  }
}

/** The file as stored so far, read back chunk by chunk, each once it is stored. */
async function* readStored(ctx: Ctx, id: string, progress: StoreProgress) {
  for (let chunk = 0; await progress.has(chunk); chunk++) {
    const data = await readChunk(ctx.db, ctx.workspace.id, id, chunk)
    if (!data) return
    yield data
  }
}

async function storeFile(
  ctx: Ctx,
  id: string,
  file: AsyncIterable<Buffer>,
  progress: StoreProgress,
): Promise<number> {
  let pending: Buffer[] = []
  let length = 0
  let chunk = 0
  let size = 0
  for await (const piece of file) {
    size += piece.length
    pending.push(piece)
    length += piece.length
    while (length >= CHUNK_BYTES) {
      const all = Buffer.concat(pending)
      await insertChunk(ctx.db, ctx.workspace.id, id, chunk++, Buffer.from(all.subarray(0, CHUNK_BYTES)))
      progress.add()
      pending = [all.subarray(CHUNK_BYTES)]
      length -= CHUNK_BYTES
    }
  }
  if (length) {
    await insertChunk(ctx.db, ctx.workspace.id, id, chunk, Buffer.concat(pending))
    progress.add()
  }
  return size
}

async function analysed(
  ctx: Ctx,
  id: string,
  object: ImportObject,
  size: number,
  running: Promise<Analysis>,
): Promise<Import> {
  const ws = ctx.workspace.id
  let analysis: Analysis
  try {
    analysis = await running
  } catch (err) {
    if (err instanceof UnreadableFileError || err instanceof CsvError) {
      throw invalid([{ field: 'file', code: 'unreadable', message: err.message }])
    }
    throw err
  }
  const source = analysis.format === 'vcard' ? 'vcard' : detectSource(analysis.columns)
  const customFields = await selectCustomFields(ctx.db, ws, object, { archived: false })
  await updateImportRow(ctx.db, ws, id, {
    object,
    fileSize: size,
    format: analysis.format,
    encoding: analysis.encoding,
    delimiter: analysis.delimiter,
    columns: analysis.columns,
    sample: analysis.sample,
    rowCount: analysis.rowCount,
    source,
    suggestedMapping: suggestMapping(object, analysis.columns, source, customFields),
    status: 'uploaded',
  })
  return presentImport(await load(ctx, id))
}

/** The mapping as given, checked: known columns, known targets, single targets once, a name. */
async function checkMapping(
  ctx: Ctx,
  object: ImportObject,
  columns: string[],
  input: Mapping,
): Promise<Mapping> {
  const builtIn: readonly string[] = object === 'person' ? PERSON_TARGETS : COMPANY_TARGETS
  const custom = new Set(
    (await selectCustomFields(ctx.db, ctx.workspace.id, object, { archived: false })).map(
      (f) => `custom.${f.key}`,
    ),
  )
  const errors: FieldError[] = []
  const used = new Set<string>()
  const mapping: Mapping = Object.fromEntries(columns.map((c) => [c, null]))
  for (const [column, target] of Object.entries(input)) {
    const field = `mapping.${column}`
    if (!columns.includes(column)) {
      errors.push({ field, code: 'unknown_column', message: 'The file has no such column' })
    } else if (target !== null && !builtIn.includes(target) && !custom.has(target)) {
      errors.push({ field, code: 'unknown_target', message: `Not a field of a ${object}: ${target}` })
    } else if (target !== null && !MULTI_TARGETS.includes(target) && used.has(target)) {
      errors.push({ field, code: 'duplicate_target', message: `Another column already goes to ${target}` })
    } else {
      if (target) used.add(target)
      mapping[column] = target
    }
  }
  const named =
    object === 'person' ? ['firstName', 'lastName', 'fullName'].some((t) => used.has(t)) : used.has('name')
  if (!errors.length && !named) {
    errors.push({ field: 'mapping', code: 'name_required', message: 'Choose the column that holds the name' })
  }
  if (errors.length) throw invalid(errors)
  return mapping
}

export async function startImport(ctx: Ctx, id: string, input: ImportStartInput): Promise<Import> {
  assertCan(ctx, 'write')
  const current = await load(ctx, id)
  if (current.imp.status !== 'uploaded') {
    throw new AppError(409, 'already_started', 'This import has already been started')
  }
  const mapping = await checkMapping(
    ctx,
    current.imp.object as ImportObject,
    current.imp.columns,
    input.mapping,
  )
  // Only one start wins: the status moves from 'uploaded' once, under the row lock.
  const claimed = await ctx.db.transaction(async (tx) => {
    const row = await lockImport(tx, ctx.workspace.id, id)
    if (row?.status !== 'uploaded') return false
    await updateImportRow(tx, ctx.workspace.id, id, {
      mapping,
      duplicates: input.duplicates,
      status: 'queued',
    })
    return true
  })
  if (!claimed) throw new AppError(409, 'already_started', 'This import has already been started')
  const job = await enqueueJob(ctx, 'import', { importId: id }, current.imp.rowCount)
  await updateImportRow(ctx.db, ctx.workspace.id, id, { jobId: job.id })
  return presentImport(await load(ctx, id))
}

/** Reverts a finished (or failed) import as a whole, in the background. */
export async function revertImport(ctx: Ctx, id: string): Promise<Import> {
  assertCan(ctx, 'write')
  const current = await load(ctx, id)
  const status = effectiveStatus(current)
  if (!current.imp.jobId || (status !== 'done' && status !== 'failed')) {
    throw new AppError(409, 'not_revertible', 'Only a finished or failed import can be reverted')
  }
  const claimed = await ctx.db.transaction(async (tx) => {
    const row = await lockImport(tx, ctx.workspace.id, id)
    if (!row || row.status !== current.imp.status || row.jobId !== current.imp.jobId) return false
    await updateImportRow(tx, ctx.workspace.id, id, { status: 'reverting', error: null, finishedAt: null })
    return true
  })
  if (!claimed) throw new AppError(409, 'not_revertible', 'This import changed meanwhile; reload it')
  const job = await enqueueJob(ctx, 'import-revert', { importId: id })
  await updateImportRow(ctx.db, ctx.workspace.id, id, { jobId: job.id })
  return presentImport(await load(ctx, id))
}

/**
 * errors.csv: every failed row's cells as read, plus `row` (as a spreadsheet numbers it,
 * the header being row 1; a vCard's card number) and `error`.
 */
export async function errorsCsv(ctx: Ctx, id: string): Promise<{ filename: string; body: Readable }> {
  assertCan(ctx, 'read')
  const { imp } = await load(ctx, id)
  const ws = ctx.workspace.id
  const header = imp.format === 'csv' ? 1 : 0
  async function* lines() {
    yield BOM + csvLine([...imp.columns, 'row', 'error'])
    for (let after = 0; ; ) {
      const page = await selectFailedRows(ctx.db, ws, id, after, 1000)
      if (!page.length) return
      yield page.map((r) => csvLine([...(r.cells ?? []), String(r.rowNo + header), r.error])).join('')
      after = page[page.length - 1]!.rowNo
    }
  }
  // ASCII only: a header cannot carry the Ge'ez of a file name.
  const base =
    imp.fileName
      .replace(/\.[^.]*$/, '')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'import'
  return { filename: `${base}-errors.csv`, body: Readable.from(lines()) }
}
