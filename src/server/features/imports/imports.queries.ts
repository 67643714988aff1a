import { and, asc, desc, eq, gt, ne, sql } from 'drizzle-orm'
import { type DbOrTx, queryRows } from '../../db/client.ts'
import { importFiles, importRows, imports, jobs, users } from '../../db/schema/index.ts'

// SQL for imports, their stored files and row logs, always scoped by workspace_id.
export type ImportRow = typeof imports.$inferSelect
export type ImportWithJob = {
  imp: ImportRow
  jobStatus: string | null
  jobError: string | null
  creator: string | null
}

/** Bytes per stored chunk of an uploaded file. */
export const CHUNK_BYTES = 1024 * 1024

export async function insertImportRow(db: DbOrTx, row: typeof imports.$inferInsert): Promise<ImportRow> {
  const [inserted] = await db.insert(imports).values(row).returning()
  return inserted!
}

export async function updateImportRow(
  db: DbOrTx,
  workspaceId: string,
  id: string,
  set: Partial<typeof imports.$inferInsert>,
): Promise<ImportRow | null> {
  const rows = await db
    .update(imports)
    .set({ ...set, updatedAt: sql`now()` })
    .where(and(eq(imports.workspaceId, workspaceId), eq(imports.id, id)))
    .returning()
  return rows[0] ?? null
}

export async function deleteImportRow(db: DbOrTx, workspaceId: string, id: string) {
  await db.delete(imports).where(and(eq(imports.workspaceId, workspaceId), eq(imports.id, id)))
}

/** Uploads a process died in the middle of (still 'uploading' a day later) go, with their chunks. */
export async function deleteStaleUploads(db: DbOrTx, workspaceId: string) {
  await db
    .delete(imports)
    .where(
      and(
        eq(imports.workspaceId, workspaceId),
        eq(imports.status, 'uploading'),
        sql`${imports.createdAt} < now() - interval '1 day'`,
      ),
    )
}

const withJob = {
  imp: imports,
  jobStatus: jobs.status,
  jobError: jobs.error,
  creator: users.name,
}

function selectWithJob(db: DbOrTx) {
  return db
    .select(withJob)
    .from(imports)
    .leftJoin(jobs, and(eq(jobs.workspaceId, imports.workspaceId), eq(jobs.id, imports.jobId)))
    .leftJoin(users, eq(users.id, imports.createdBy))
}

/** An import that has finished uploading, with its current job's status. */
export async function findImport(db: DbOrTx, workspaceId: string, id: string): Promise<ImportWithJob | null> {
  const rows = await selectWithJob(db).where(
    and(eq(imports.workspaceId, workspaceId), eq(imports.id, id), ne(imports.status, 'uploading')),
  )
  return rows[0] ?? null
}

/** For a state change: the import row itself, locked. */
export async function lockImport(db: DbOrTx, workspaceId: string, id: string): Promise<ImportRow | null> {
  const rows = await db
    .select()
    .from(imports)
    .where(and(eq(imports.workspaceId, workspaceId), eq(imports.id, id), ne(imports.status, 'uploading')))
    .for('update')
  return rows[0] ?? null
}

/** Newest first; a workspace keeps few imports, so one page of the latest 100 is the list. */
export async function selectImports(db: DbOrTx, workspaceId: string): Promise<ImportWithJob[]> {
  return selectWithJob(db)
    .where(and(eq(imports.workspaceId, workspaceId), ne(imports.status, 'uploading')))
    .orderBy(desc(imports.createdAt), desc(imports.id))
    .limit(100)
}

export async function insertChunk(
  db: DbOrTx,
  workspaceId: string,
  importId: string,
  chunk: number,
  data: Uint8Array,
) {
  await db.insert(importFiles).values({ workspaceId, importId, chunk, data })
}

/** One stored chunk of a file, or null past its end. */
export async function readChunk(
  db: DbOrTx,
  workspaceId: string,
  importId: string,
  chunk: number,
): Promise<Uint8Array | null> {
  const rows = await db
    .select({ data: importFiles.data })
    .from(importFiles)
    .where(
      and(
        eq(importFiles.workspaceId, workspaceId),
        eq(importFiles.importId, importId),
        eq(importFiles.chunk, chunk),
      ),
    )
  return rows[0]?.data ?? null
}

/** The stored file, one chunk (1 MB) in memory at a time. */
export async function* readChunks(
  db: DbOrTx,
  workspaceId: string,
  importId: string,
): AsyncGenerator<Uint8Array> {
  for (let chunk = 0; ; chunk++) {
    const data = await readChunk(db, workspaceId, importId, chunk)
    if (!data) return
    yield data
  }
}

export async function deleteFile(db: DbOrTx, workspaceId: string, importId: string) {
  await db
    .delete(importFiles)
    .where(and(eq(importFiles.workspaceId, workspaceId), eq(importFiles.importId, importId)))
}

/** Failed rows after `afterRow`, in file order, a page at a time (for errors.csv). */
export async function selectFailedRows(
  db: DbOrTx,
  workspaceId: string,
  importId: string,
  afterRow: number,
  limit: number,
) {
  return db
    .select({ rowNo: importRows.rowNo, cells: importRows.cells, error: importRows.error })
    .from(importRows)
    .where(
      and(
        eq(importRows.workspaceId, workspaceId),
        eq(importRows.importId, importId),
        eq(importRows.action, 'failed'),
        gt(importRows.rowNo, afterRow),
      ),
    )
    .orderBy(asc(importRows.rowNo))
    .limit(limit)
}

export type LoggedRow = {
  rowNo: number
  recordType: string
  action: string
  recordId: string | null
  before: Record<string, unknown> | null
}

/**
 * Logged rows of one action and record type, by row number descending, below `belowRow`.
 * Created records are logged per batch in import_created, and per row in import_rows by
 * imports from before it and for the companies a people import creates on the side.
 */
export async function selectLoggedRows(
  db: DbOrTx,
  workspaceId: string,
  importId: string,
  filter: {
    recordType: 'person' | 'company'
    action: 'created' | 'updated'
    belowRow: number
    limit: number
  },
): Promise<LoggedRow[]> {
  const { recordType, action, belowRow, limit } = filter
  const perRow = sql`select row_no, record_id, before from import_rows
    where workspace_id = ${workspaceId} and import_id = ${importId} and record_type = ${recordType}
      and action = ${action} and row_no < ${belowRow}
    order by row_no desc limit ${limit}`
  if (action === 'updated') return presentLogged(await queryRows(db, perRow), recordType, action)
  // import_rows_created_idx finds the per-row half without walking the other actions.
  // Batches cover disjoint row ranges: the primary key walked backwards (first_row desc)
  // meets rows newest first, so PostgreSQL unnests only the last batches, not the import.
  const perBatch = sql`select u.row_no, u.id as record_id, null::jsonb as before
    from import_created c cross join lateral unnest(c.row_nos, c.ids) as u(row_no, id)
    where c.workspace_id = ${workspaceId} and c.import_id = ${importId} and c.record_type = ${recordType}
      and c.first_row < ${belowRow} and u.row_no < ${belowRow}
    order by c.first_row desc, u.row_no desc limit ${limit}`
  const rows = await queryRows<RawLogged>(
    db,
    sql`select * from ((${perRow}) union all (${perBatch})) l order by row_no desc limit ${limit}`,
  )
  return presentLogged(rows, recordType, action)
}

type RawLogged = { row_no: number; record_id: string | null; before: Record<string, unknown> | null }

const presentLogged = (rows: RawLogged[], recordType: string, action: string): LoggedRow[] =>
  rows.map((r) => ({ rowNo: Number(r.row_no), recordType, action, recordId: r.record_id, before: r.before }))
