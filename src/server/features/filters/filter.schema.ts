import * as z from 'zod'

// The list filter model, shared by the API, the web app's URL, saved views, exports and
// bulk actions. A filter is a list of conditions that must all hold (AND). In a URL or a
// query string it travels as JSON: `?filters=[{"field":"owner","op":"me"}]`.
//
// `field` is a key of the object's field catalog (`filters/fields.ts`): a built-in field
// such as `firstName`, `owner`, `createdAt`, `tags`, or a custom field as `custom.<key>`.
// Which operators a field accepts depends on its type:
//   text, longText, phone, email, url:  contains, notContains, eq, neq, empty, notEmpty
//   number, currency, date, datetime:   eq, neq, gt, gte, lt, lte, between, empty, notEmpty
//   boolean:                            eq, empty, notEmpty
//   select, ref (company, stage …):     eq, neq, in, notIn, empty, notEmpty
//   user (owner, assignee):             the select operators and `me`
//   multiSelect, tags:                  in (has any of), all (has all of), notIn (has none of), empty, notEmpty
// Values: a string or number for single-value operators, an array for in / notIn / all,
// a two-element array [from, to] (either may be null) for between; none for empty,
// notEmpty and me. Dates are `YYYY-MM-DD` (datetime fields compare whole days in the
// workspace time zone); currency amounts are in minor units.
export const FILTER_OPS = [
  'contains',
  'notContains',
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'in',
  'notIn',
  'all',
  'empty',
  'notEmpty',
  'me',
] as const

const scalar = z.union([z.string().max(500), z.number(), z.boolean()])

export const filterCondition = z
  .object({
    field: z.string().min(1).max(80),
    op: z.enum(FILTER_OPS),
    value: z.union([scalar, z.array(z.union([scalar, z.null()])).max(200)]).optional(),
  })
  .strict()
  .meta({ id: 'FilterCondition' })

export const filterList = z.array(filterCondition).max(20)

/** `?filters=<json>` on list, count, export and bulk endpoints. */
export const filtersParam = z
  .string()
  .max(8000)
  .optional()
  .transform((raw, ctx) => {
    if (!raw) return []
    let parsed: unknown
    try {
      parsed = JSON.parse(raw)
    } catch {
      ctx.addIssue({ code: 'custom', message: 'filters must be a JSON array of conditions' })
      return z.NEVER
    }
    const result = filterList.safeParse(parsed)
    if (!result.success) {
      for (const issue of result.error.issues) ctx.addIssue({ ...issue, path: issue.path } as never)
      return z.NEVER
    }
    return result.data
  })
  .describe('JSON array of {field, op, value} conditions, all of which must hold')

export type FilterOp = (typeof FILTER_OPS)[number]
export type FilterCondition = z.infer<typeof filterCondition>
