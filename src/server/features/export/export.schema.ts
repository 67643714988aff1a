import * as z from 'zod'
import { companiesListQuery } from '../companies/companies.schema.ts'
import { dealsListQuery } from '../deals/deals.schema.ts'
import { peopleListQuery } from '../people/people.schema.ts'
import { COMPANY_EXPORT_COLUMNS, DEAL_EXPORT_COLUMNS, PEOPLE_EXPORT_COLUMNS } from './export-columns.ts'

// CSV export of a list view: the list's own filter and sort parameters (its query schema
// minus limit and cursor), plus which columns (export-columns.ts) and whether Excel gets a BOM.
/** `?columns=firstName,phones`: keys of `keys`, in the order wanted; absent means all. */
function columnsParam<K extends string>(keys: readonly K[]) {
  return z
    .string()
    .max(1000)
    .optional()
    .transform((raw, ctx): ExportColumn<K>[] => {
      if (raw === undefined) return [...keys]
      const wanted = [...new Set(raw.split(',').map((k) => k.trim()))]
      const unknown = wanted.filter(
        (k) => !(keys as readonly string[]).includes(k) && k !== 'tags' && !CUSTOM_COLUMN.test(k),
      )
      if (unknown.length) {
        const names = unknown.map((k) => (k ? `"${k}"` : 'an empty key')).join(', ')
        const all = [...keys, 'tags', 'custom.<key>'].join(', ')
        ctx.addIssue({ code: 'custom', message: `Unknown column ${names}; use any of ${all}` })
        return z.NEVER
      }
      return wanted as ExportColumn<K>[]
    })
    .describe(
      `Comma-separated column keys, in the order wanted (default: ${keys.join(', ')}); ` +
        'also `tags` and `custom.<key>` for a custom field',
    )
}

/** A custom field column; whether the key exists is checked against the workspace's fields. */
const CUSTOM_COLUMN = /^custom\.[a-z0-9_]{1,64}$/
export type ExportColumn<K extends string> = K | 'tags' | `custom.${string}`

const csvOptions = {
  excel: z
    .stringbool()
    .default(false)
    .describe('Start with a UTF-8 byte-order mark so Excel reads the file as UTF-8'),
}

export const peopleExportQuery = peopleListQuery
  .omit({ limit: true, cursor: true })
  .extend({ columns: columnsParam(PEOPLE_EXPORT_COLUMNS), ...csvOptions })

export const companiesExportQuery = companiesListQuery
  .omit({ limit: true, cursor: true })
  .extend({ columns: columnsParam(COMPANY_EXPORT_COLUMNS), ...csvOptions })

export const dealsExportQuery = dealsListQuery
  .omit({ limit: true, cursor: true })
  .extend({ columns: columnsParam(DEAL_EXPORT_COLUMNS), ...csvOptions })

export type PeopleExportColumn = (typeof PEOPLE_EXPORT_COLUMNS)[number]
export type CompanyExportColumn = (typeof COMPANY_EXPORT_COLUMNS)[number]
export type DealExportColumn = (typeof DEAL_EXPORT_COLUMNS)[number]
export type PeopleExportQuery = z.output<typeof peopleExportQuery>
export type CompaniesExportQuery = z.output<typeof companiesExportQuery>
export type DealsExportQuery = z.output<typeof dealsExportQuery>

export { COMPANY_EXPORT_COLUMNS, DEAL_EXPORT_COLUMNS, PEOPLE_EXPORT_COLUMNS }
