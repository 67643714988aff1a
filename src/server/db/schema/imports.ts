import { sql } from 'drizzle-orm'
import {
  bigint,
  check,
  customType,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core'
import { users } from './auth.ts'
import { workspaces } from './workspaces.ts'

// Imports of people and companies from CSV and vCard files. The uploaded file lives in
// the database (import_files, 1 MB chunks) so that it survives a restart and any app
// process can run the import; import_rows is the per-row log that makes an import
// resumable (written with each batch) and revertible (what was created, the before-image
// of what was updated); import_created is the compact log of the records an import
// creates, one row per batch.

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' })

export const IMPORT_STATUSES = [
  'uploading',
  'uploaded',
  'queued',
  'running',
  'done',
  'failed',
  'reverting',
  'reverted',
] as const
export const IMPORT_ACTIONS = ['created', 'updated', 'skipped', 'failed'] as const

export const imports = pgTable(
  'imports',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull(),
    object: text('object').notNull(),
    fileName: text('file_name').notNull(),
    fileSize: bigint('file_size', { mode: 'number' }).notNull().default(0),
    format: text('format').notNull().default('csv'),
    encoding: text('encoding').notNull().default('utf-8'),
    delimiter: text('delimiter'),
    columns: jsonb('columns').$type<string[]>().notNull().default([]),
    sample: jsonb('sample').$type<string[][]>().notNull().default([]),
    rowCount: integer('row_count').notNull().default(0),
    source: text('source'),
    suggestedMapping: jsonb('suggested_mapping').$type<Record<string, string | null>>().notNull().default({}),
    mapping: jsonb('mapping').$type<Record<string, string | null>>().notNull().default({}),
    duplicates: text('duplicates').notNull().default('skip'),
    // 'uploading' while the file streams in: such an import is not listed yet.
    status: text('status').notNull().default('uploading'),
    jobId: uuid('job_id'),
    // Live progress, written with each batch.
    done: integer('done').notNull().default(0),
    created: integer('created').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    error: text('error'),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('imports_created_idx').on(t.workspaceId, t.createdAt, t.id),
    check('imports_object_check', sql`${t.object} in ('person', 'company')`),
    check('imports_format_check', sql`${t.format} in ('csv', 'vcard')`),
    check('imports_duplicates_check', sql`${t.duplicates} in ('skip', 'update', 'create')`),
    check(
      'imports_status_check',
      sql`${t.status} in ('uploading', 'uploaded', 'queued', 'running', 'done', 'failed', 'reverting', 'reverted')`,
    ),
  ],
)

export const importFiles = pgTable(
  'import_files',
  {
    workspaceId: uuid('workspace_id').notNull(),
    importId: uuid('import_id').notNull(),
    chunk: integer('chunk').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.importId, t.chunk] }),
    foreignKey({
      columns: [t.workspaceId, t.importId],
      foreignColumns: [imports.workspaceId, imports.id],
    }).onDelete('cascade'),
  ],
)

export const importRows = pgTable(
  'import_rows',
  {
    workspaceId: uuid('workspace_id').notNull(),
    importId: uuid('import_id').notNull(),
    // The data row of the file (1 = the first after the header; the card's number in a vCard).
    rowNo: integer('row_no').notNull(),
    // 'person' or 'company': a person row may also create its company (logged as its own row).
    recordType: text('record_type').notNull(),
    action: text('action').notNull(),
    recordId: uuid('record_id'),
    error: text('error'),
    // Failed rows: the cells as read, for errors.csv.
    cells: jsonb('cells').$type<string[]>(),
    // Updated rows: the record before the import changed it, for revert.
    before: jsonb('before').$type<Record<string, unknown>>(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.importId, t.rowNo, t.recordType] }),
    foreignKey({
      columns: [t.workspaceId, t.importId],
      foreignColumns: [imports.workspaceId, imports.id],
    }).onDelete('cascade'),
    index('import_rows_failed_idx').on(t.workspaceId, t.importId, t.rowNo).where(sql`${t.action} = 'failed'`),
    // Revert reads the created rows newest first. Most imports log none here any more
    // (import_created holds them): without it each page would walk every skipped,
    // failed and updated row of the import to find none.
    index('import_rows_created_idx')
      .on(t.workspaceId, t.importId, t.recordType, t.rowNo)
      .where(sql`${t.action} = 'created'`),
    check('import_rows_action_check', sql`${t.action} in ('created', 'updated', 'skipped', 'failed')`),
  ],
)

// The records an import of people (or companies) creates of its own object: one row per
// batch instead of one import_rows row per record, so a 1M-row import writes a thousand
// log rows, not a million (inserts, index entries and foreign-key checks). Imports from
// before it, and companies a people import creates on the side, are in import_rows.
export const importCreated = pgTable(
  'import_created',
  {
    workspaceId: uuid('workspace_id').notNull(),
    importId: uuid('import_id').notNull(),
    recordType: text('record_type').notNull(),
    // The batch's lowest row_no: batches cover disjoint ranges, so walking the primary key
    // backwards reads the log newest row first (revert).
    firstRow: integer('first_row').notNull(),
    // Same length, same order (ascending row_no): row_nos[i] created ids[i].
    rowNos: integer('row_nos').array().notNull(),
    ids: uuid('ids').array().notNull(),
  },
  (t) => [
    // A batch is written once (its checkpoint commits with it): a bug would fail here
    // rather than log a batch twice.
    primaryKey({ columns: [t.workspaceId, t.importId, t.recordType, t.firstRow] }),
    foreignKey({
      columns: [t.workspaceId, t.importId],
      foreignColumns: [imports.workspaceId, imports.id],
    }).onDelete('cascade'),
    check('import_created_record_type_check', sql`${t.recordType} in ('person', 'company')`),
  ],
)
