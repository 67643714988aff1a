import * as z from 'zod'
import { COMPANY_TARGETS, IMPORT_OBJECTS, PERSON_TARGETS, SOURCES } from './detect.ts'

// The import shapes of the API (contracts.md, "Import"). Targets are the built-in ones
// of detect.ts plus `custom.<key>` for the object's custom fields.
export { COMPANY_TARGETS, IMPORT_OBJECTS, PERSON_TARGETS }

export const IMPORT_PUBLIC_STATUSES = [
  'uploaded',
  'queued',
  'running',
  'done',
  'failed',
  'reverting',
  'reverted',
] as const
export const DUPLICATE_MODES = ['skip', 'update', 'create'] as const

const mapping = z.record(z.string(), z.string().nullable())

export const importOutput = z
  .object({
    id: z.uuid(),
    object: z.enum(IMPORT_OBJECTS),
    fileName: z.string(),
    format: z.enum(['csv', 'vcard']),
    encoding: z.string().describe('utf-8, utf-16le, utf-16be or windows-1252'),
    delimiter: z.string().nullable().describe('CSV only: , ; tab or |'),
    columns: z.array(z.string()),
    sample: z.array(z.array(z.string())).describe('The first 5 data rows'),
    rowCount: z.number().int(),
    mapping: mapping.describe('column → target or null; empty until started'),
    suggestedMapping: mapping,
    source: z.enum(SOURCES).nullable(),
    duplicates: z.enum(DUPLICATE_MODES),
    status: z.enum(IMPORT_PUBLIC_STATUSES),
    jobId: z.uuid().nullable(),
    counts: z.object({
      done: z.number().int(),
      total: z.number().int(),
      created: z.number().int(),
      updated: z.number().int(),
      skipped: z.number().int(),
      failed: z.number().int(),
    }),
    error: z.string().nullable(),
    createdAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
    createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  })
  .meta({ id: 'Import' })

export const importsListOutput = z.object({ data: z.array(importOutput) })

export const importStartInput = z
  .object({
    mapping: mapping.describe(
      'Every column of the file may be given: column → target, or null to leave it out',
    ),
    duplicates: z
      .enum(DUPLICATE_MODES)
      .describe(
        'A row with the phone or email of an existing record: skip it, update that record, or create anyway',
      ),
  })
  .strict()
  .meta({ id: 'ImportStart' })

export type Import = z.infer<typeof importOutput>
export type ImportStartInput = z.infer<typeof importStartInput>
