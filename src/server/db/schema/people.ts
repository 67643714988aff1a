import { sql } from 'drizzle-orm'
import {
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core'
import { users } from './auth.ts'
import { companies } from './companies.ts'
import { workspaces } from './workspaces.ts'

export const people = pgTable(
  'people',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull().default(''),
    jobTitle: text('job_title'),
    ownerId: text('owner_id').references(() => users.id, { onDelete: 'set null' }),
    companyId: uuid('company_id'),
    // Where the contact came from (a fixed list, see people.schema.ts) and their town:
    // the "lead sources" and "customers by city" dashboard charts read these.
    source: text('source'),
    city: text('city'),
    // "first last", lowercased: the sort key for name order and the base of search.
    sortName: text('sort_name').notNull(),
    // Lowercased names, emails and phone digits, written by the service; searched with LIKE.
    searchText: text('search_text').notNull(),
    // Tag ids (see tags) and custom field values keyed by custom_fields.key.
    tagIds: uuid('tag_ids').array().notNull().default(sql`'{}'::uuid[]`),
    custom: jsonb('custom').$type<Record<string, unknown>>().notNull().default({}),
    version: integer('version').notNull().default(1),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    // Millisecond precision, so a timestamp survives the round trip through a JS Date
    // and a keyset cursor made from it matches the row exactly.
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('people_tags_idx').using('gin', sql`${t.tagIds}`),
    // Ascending on purpose: a backward scan serves `order by … desc, id desc` exactly,
    // where drizzle's `.desc()` would add NULLS LAST and no longer match the query.
    index('people_updated_idx').on(t.workspaceId, t.updatedAt, t.id),
    // "Owner is me" filters, newest first, without walking everyone else's rows.
    index('people_owner_updated_idx').on(t.workspaceId, t.ownerId, t.updatedAt, t.id),
    index('people_created_idx').on(t.workspaceId, t.createdAt, t.id),
    index('people_name_idx').on(t.workspaceId, t.sortName, t.id),
    // Composite, so a person can only belong to a company of the same workspace.
    foreignKey({
      columns: [t.workspaceId, t.companyId],
      foreignColumns: [companies.workspaceId, companies.id],
    }),
    index('people_company_idx').on(t.workspaceId, t.companyId).where(sql`${t.companyId} is not null`),
    index('people_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    // Dashboard (features/analytics), read index-only (why not rollups: see deals.ts).
    // New people of a period (KPI, lead sources by source), with the owner filter.
    index('people_analytics_created_idx')
      .on(t.workspaceId, t.createdAt, t.ownerId, t.source)
      .where(sql`${t.deletedAt} is null`),
    // People per city: a grouped walk in city order, no sort.
    index('people_analytics_city_idx')
      .on(t.workspaceId, t.city, t.ownerId)
      .where(sql`${t.deletedAt} is null and ${t.city} is not null`),
  ],
)

export const personPhones = pgTable(
  'person_phones',
  {
    workspaceId: uuid('workspace_id').notNull(),
    personId: uuid('person_id').notNull(),
    position: smallint('position').notNull(),
    e164: text('e164').notNull(),
    label: text('label'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.personId, t.position] }),
    foreignKey({
      columns: [t.workspaceId, t.personId],
      foreignColumns: [people.workspaceId, people.id],
    }).onDelete('cascade'),
    index('person_phones_e164_idx').on(t.workspaceId, t.e164),
  ],
)

export const personEmails = pgTable(
  'person_emails',
  {
    workspaceId: uuid('workspace_id').notNull(),
    personId: uuid('person_id').notNull(),
    position: smallint('position').notNull(),
    // As typed (for display); lookups use lower(email).
    email: text('email').notNull(),
    label: text('label'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.personId, t.position] }),
    foreignKey({
      columns: [t.workspaceId, t.personId],
      foreignColumns: [people.workspaceId, people.id],
    }).onDelete('cascade'),
    index('person_emails_email_idx').on(t.workspaceId, sql`lower(${t.email})`),
  ],
)
