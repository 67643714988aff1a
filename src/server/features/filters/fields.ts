import { type SQL, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../db/client.ts'
import { activities, companies, deals, people } from '../../db/schema/index.ts'
import type { Labels } from '../../db/schema/organize.ts'
import type { Ctx } from '../../http/context.ts'
import { ACTIVITY_TYPES } from '../activities/activities.schema.ts'
import { COMPANY_SIZES } from '../companies/companies.schema.ts'
import { selectCustomFields } from '../custom-fields/custom-fields.queries.ts'
import { DEAL_STATUSES } from '../deals/deals.schema.ts'
import { PERSON_SOURCES } from '../people/people.schema.ts'
import { COUNTRY_CODES, CURRENCIES } from '../workspaces/regions.ts'
import type { Field, FieldObject, FieldRef, FieldType } from './filter.schema.ts'

// The field catalog of each list: what a filter, a sort, a saved view or an export column
// may name. Built-in fields are fixed here; custom fields come from `custom_fields`
// (non-archived) as `custom.<key>`. Each definition also says how to read the value in SQL.

export const TABLES = { person: people, company: companies, deal: deals, activity: activities } as const
export type ListTable = (typeof TABLES)[FieldObject]

/** A catalog entry plus how to read it. Only this module and conditions/sort use the extra members. */
export type FieldDef = Field & {
  /** The value as one SQL expression; absent for phone/email (other tables) and tags. */
  expr?: SQL
  /** The expression is never null: plain keyset paging, and the existing indexes apply. */
  notNull?: boolean
  /** The expression holds lowercased text (sort_name, search_text): compare with lowercased values. */
  lowered?: boolean
  /** A trigram-indexed text that contains the value, checked first for `contains`. */
  searchText?: SQL
  /** Values live in the person/company phone or email table. */
  contacts?: 'phones' | 'emails'
  /** Set on custom fields: the key in the `custom` jsonb. */
  customKey?: string
}

const opts = (keys: readonly string[]) => keys.map((key) => ({ key }))
const col = (c: unknown) => sql`${c}`

function def(key: string, type: FieldType, more: Partial<FieldDef> = {}): FieldDef {
  const sortable = !['longText', 'multiSelect', 'tags', 'ref', 'user'].includes(type) && !more.contacts
  return { key, type, builtIn: true, sortable, ...more }
}
const ref = (key: string, to: FieldRef, expr: SQL) => def(key, 'ref', { ref: to, expr })
const user = (key: string, expr: SQL) => def(key, 'user', { ref: 'user', expr })
const stamp = (key: string, expr: SQL) => def(key, 'datetime', { expr, notNull: true })

const PERSON: FieldDef[] = [
  def('name', 'text', {
    expr: col(people.sortName),
    notNull: true,
    lowered: true,
    searchText: col(people.searchText),
  }),
  def('firstName', 'text', { expr: col(people.firstName), notNull: true }),
  def('lastName', 'text', { expr: col(people.lastName), notNull: true }),
  def('jobTitle', 'text', { expr: col(people.jobTitle) }),
  ref('company', 'company', col(people.companyId)),
  def('phone', 'phone', { contacts: 'phones' }),
  def('email', 'email', { contacts: 'emails' }),
  // Filter and show only: no index orders people by source or city (the dashboard's
  // city index skips people without one), so a sort would read the whole workspace.
  def('source', 'select', { expr: col(people.source), options: opts(PERSON_SOURCES), sortable: false }),
  def('city', 'text', { expr: col(people.city), sortable: false }),
  user('owner', col(people.ownerId)),
  def('tags', 'tags', { ref: 'tag' }),
  stamp('createdAt', col(people.createdAt)),
  stamp('updatedAt', col(people.updatedAt)),
]

const COMPANY: FieldDef[] = [
  def('name', 'text', {
    expr: col(companies.sortName),
    notNull: true,
    lowered: true,
    searchText: col(companies.searchText),
  }),
  def('domain', 'text', { expr: col(companies.domain) }),
  def('industry', 'text', { expr: col(companies.industry) }),
  def('size', 'select', { expr: col(companies.size), options: opts(COMPANY_SIZES) }),
  def('city', 'text', { expr: col(companies.city) }),
  def('region', 'text', { expr: col(companies.region) }),
  def('country', 'select', { expr: col(companies.country), options: opts(COUNTRY_CODES) }),
  def('phone', 'phone', { contacts: 'phones' }),
  def('email', 'email', { contacts: 'emails' }),
  user('owner', col(companies.ownerId)),
  def('tags', 'tags', { ref: 'tag' }),
  stamp('createdAt', col(companies.createdAt)),
  stamp('updatedAt', col(companies.updatedAt)),
]

const DEAL: FieldDef[] = [
  // search_text is the lowercased title: the title sort key, trigram-indexed for contains.
  def('title', 'text', {
    expr: col(deals.searchText),
    notNull: true,
    lowered: true,
    searchText: col(deals.searchText),
  }),
  def('amount', 'currency', { expr: col(deals.amountMinor), notNull: true }),
  def('currency', 'select', { expr: col(deals.currency), notNull: true, options: opts(CURRENCIES) }),
  ref('pipeline', 'pipeline', col(deals.pipelineId)),
  ref('stage', 'stage', col(deals.stageId)),
  def('status', 'select', { expr: col(deals.status), notNull: true, options: opts(DEAL_STATUSES) }),
  ref('person', 'person', col(deals.personId)),
  ref('company', 'company', col(deals.companyId)),
  user('owner', col(deals.ownerId)),
  def('expectedCloseDate', 'date', { expr: col(deals.expectedCloseDate) }),
  def('closedAt', 'datetime', { expr: col(deals.closedAt) }),
  def('lostReason', 'text', { expr: col(deals.lostReason) }),
  def('tags', 'tags', { ref: 'tag' }),
  stamp('createdAt', col(deals.createdAt)),
  stamp('updatedAt', col(deals.updatedAt)),
]

const ACTIVITY: FieldDef[] = [
  def('type', 'select', { expr: col(activities.type), notNull: true, options: opts(ACTIVITY_TYPES) }),
  def('title', 'text', { expr: col(activities.title) }),
  def('body', 'longText', { expr: col(activities.body) }),
  ref('person', 'person', col(activities.personId)),
  ref('company', 'company', col(activities.companyId)),
  ref('deal', 'deal', col(activities.dealId)),
  user('assignee', col(activities.assigneeId)),
  user('createdBy', col(activities.createdBy)),
  def('done', 'boolean', { expr: sql`(${activities.doneAt} is not null)`, notNull: true }),
  def('dueAt', 'datetime', { expr: col(activities.dueAt) }),
  stamp('occurredAt', col(activities.occurredAt)),
  stamp('createdAt', col(activities.createdAt)),
]

export const BUILT_IN: Record<FieldObject, FieldDef[]> = {
  person: PERSON,
  company: COMPANY,
  deal: DEAL,
  activity: ACTIVITY,
}

type CustomFieldLike = {
  key: string
  type: string
  labels: Labels
  options: { key: string; labels: Labels }[]
}

/** How a custom value reads from the jsonb, cast by its type (values are validated on write). */
export function customExpr(table: ListTable, key: string, type: string): SQL {
  if (!('custom' in table)) throw new Error('This object has no custom fields')
  const text = sql`(${table.custom} ->> ${key}::text)`
  switch (type) {
    case 'number':
      return sql`${text}::numeric`
    case 'currency':
      return sql`((${table.custom} -> ${key}::text) ->> 'amount')::bigint`
    case 'date':
      return sql`${text}::date`
    case 'boolean':
      return sql`${text}::boolean`
    case 'multiSelect':
      return sql`(${table.custom} -> ${key}::text)`
    default:
      return text
  }
}

export function customDef(object: FieldObject, f: CustomFieldLike): FieldDef {
  const type = f.type as FieldType
  return {
    key: `custom.${f.key}`,
    type,
    builtIn: false,
    sortable: !['longText', 'multiSelect'].includes(type),
    labels: f.labels,
    ...(type === 'select' || type === 'multiSelect' ? { options: f.options } : {}),
    expr: customExpr(TABLES[object], f.key, type),
    customKey: f.key,
  }
}

/** The object's live custom field definitions, by position. People, companies and deals only. */
export async function selectLiveCustomFields(db: DbOrTx, workspaceId: string, object: FieldObject) {
  if (object === 'activity') return []
  return selectCustomFields(db, workspaceId, object, { archived: false })
}

/**
 * The catalog as a map from key. Custom fields cost a query, so they are only loaded when
 * one of `keys` names one: the usual list request (built-in filters and sort) sends no
 * extra statement.
 */
export async function catalogFor(
  ctx: Ctx,
  object: FieldObject,
  keys: Iterable<string> = [],
): Promise<Map<string, FieldDef>> {
  const fields = new Map(BUILT_IN[object].map((f) => [f.key, f]))
  if ([...keys].some((k) => k.startsWith('custom.'))) {
    for (const f of await selectLiveCustomFields(ctx.db, ctx.workspace.id, object)) {
      const d = customDef(object, f)
      fields.set(d.key, d)
    }
  }
  return fields
}

/** `GET /fields`: the public part of each definition, built-in fields first. */
export async function listFields(ctx: Ctx, object: FieldObject): Promise<Field[]> {
  const custom = await selectLiveCustomFields(ctx.db, ctx.workspace.id, object)
  return [...BUILT_IN[object], ...custom.map((f) => customDef(object, f))].map(publicField)
}

export function publicField(f: FieldDef): Field {
  return {
    key: f.key,
    type: f.type,
    builtIn: f.builtIn,
    sortable: f.sortable,
    ...(f.labels ? { labels: f.labels } : {}),
    ...(f.options ? { options: f.options } : {}),
    ...(f.ref ? { ref: f.ref } : {}),
  }
}
