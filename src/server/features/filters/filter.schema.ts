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

// The field catalog (`GET /fields`): which fields a list of an object can filter, sort and
// show. Built-in labels are translated by the web app from the key; custom fields carry theirs.
export const FIELD_OBJECTS = ['person', 'company', 'deal', 'activity'] as const
export const FIELD_TYPES = [
  'text',
  'longText',
  'number',
  'currency',
  'date',
  'datetime',
  'boolean',
  'select',
  'multiSelect',
  'phone',
  'email',
  'url',
  'ref',
  'user',
  'tags',
] as const
export const FIELD_REFS = ['company', 'person', 'deal', 'pipeline', 'stage', 'user', 'tag'] as const

const labels = z.object({ en: z.string(), am: z.string().optional(), sw: z.string().optional() })

export const fieldOutput = z
  .object({
    key: z.string().describe('Built-in key (`jobTitle`) or `custom.<key>`'),
    type: z.enum(FIELD_TYPES),
    builtIn: z.boolean(),
    sortable: z.boolean(),
    labels: labels.optional().describe('Custom fields only'),
    options: z.array(z.object({ key: z.string(), labels: labels.optional() })).optional(),
    ref: z.enum(FIELD_REFS).optional().describe("What the ids of a 'ref', 'user' or 'tags' field point at"),
  })
  .meta({ id: 'Field' })

export const fieldsQuery = z.object({ object: z.enum(FIELD_OBJECTS) }).strict()
export const fieldsOutput = z.object({ data: z.array(fieldOutput) })

/** Which operators each field type accepts (see the comment at the top). */
const TEXT_OPS = ['contains', 'notContains', 'eq', 'neq', 'empty', 'notEmpty'] as const
const RANGE_OPS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'empty', 'notEmpty'] as const
const SELECT_OPS = ['eq', 'neq', 'in', 'notIn', 'empty', 'notEmpty'] as const
const SET_OPS = ['in', 'all', 'notIn', 'empty', 'notEmpty'] as const
export const OPS_BY_TYPE: Record<FieldType, readonly FilterOp[]> = {
  text: TEXT_OPS,
  longText: TEXT_OPS,
  phone: TEXT_OPS,
  email: TEXT_OPS,
  url: TEXT_OPS,
  number: RANGE_OPS,
  currency: RANGE_OPS,
  date: RANGE_OPS,
  datetime: RANGE_OPS,
  boolean: ['eq', 'empty', 'notEmpty'],
  select: SELECT_OPS,
  ref: SELECT_OPS,
  user: [...SELECT_OPS, 'me'],
  multiSelect: SET_OPS,
  tags: SET_OPS,
}

/** `sort`: a sortable field key, `-` in front for descending (`-updatedAt`, `custom.budget`). */
export const sortParam = (fallback: string, legacy: readonly string[]) =>
  z
    .string()
    .max(80)
    .regex(/^-?[A-Za-z][\w.]*$/, 'A field key, with a leading - for descending')
    .default(fallback)
    .describe(
      `Any sortable field of GET /fields, with a leading \`-\` for descending, e.g. ${legacy.join(', ')}. ` +
        'Empty values sort last either way.',
    )

export type FieldType = (typeof FIELD_TYPES)[number]
export type FieldObject = (typeof FIELD_OBJECTS)[number]
export type FieldRef = (typeof FIELD_REFS)[number]
export type Field = z.infer<typeof fieldOutput>

/** `GET /<list>/count`: at most 10,000 are counted; `capped` means "10,000 or more". */
export const listCountOutput = z
  .object({ count: z.number().int(), capped: z.boolean() })
  .meta({ id: 'ListCount' })
