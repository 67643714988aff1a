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
import { workspaces } from './workspaces.ts'

export const companies = pgTable(
  'companies',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    // Lowercased host name without "www.", used to match companies on import and dedupe.
    domain: text('domain'),
    industry: text('industry'),
    size: text('size'),
    city: text('city'),
    region: text('region'),
    country: text('country'),
    ownerId: text('owner_id').references(() => users.id, { onDelete: 'set null' }),
    sortName: text('sort_name').notNull(),
    searchText: text('search_text').notNull(),
    // Tag ids (see tags) and custom field values keyed by custom_fields.key.
    tagIds: uuid('tag_ids').array().notNull().default(sql`'{}'::uuid[]`),
    custom: jsonb('custom').$type<Record<string, unknown>>().notNull().default({}),
    version: integer('version').notNull().default(1),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('companies_tags_idx').using('gin', sql`${t.tagIds}`),
    index('companies_updated_idx').on(t.workspaceId, t.updatedAt, t.id),
    // "Owner is me" filters, newest first, without walking everyone else's rows.
    index('companies_owner_updated_idx').on(t.workspaceId, t.ownerId, t.updatedAt, t.id),
    index('companies_created_idx').on(t.workspaceId, t.createdAt, t.id),
    index('companies_name_idx').on(t.workspaceId, t.sortName, t.id),
    index('companies_domain_idx').on(t.workspaceId, t.domain),
    index('companies_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
  ],
)

export const companyPhones = pgTable(
  'company_phones',
  {
    workspaceId: uuid('workspace_id').notNull(),
    companyId: uuid('company_id').notNull(),
    position: smallint('position').notNull(),
    e164: text('e164').notNull(),
    label: text('label'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.companyId, t.position] }),
    foreignKey({
      columns: [t.workspaceId, t.companyId],
      foreignColumns: [companies.workspaceId, companies.id],
    }).onDelete('cascade'),
    index('company_phones_e164_idx').on(t.workspaceId, t.e164),
  ],
)

export const companyEmails = pgTable(
  'company_emails',
  {
    workspaceId: uuid('workspace_id').notNull(),
    companyId: uuid('company_id').notNull(),
    position: smallint('position').notNull(),
    email: text('email').notNull(),
    label: text('label'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.companyId, t.position] }),
    foreignKey({
      columns: [t.workspaceId, t.companyId],
      foreignColumns: [companies.workspaceId, companies.id],
    }).onDelete('cascade'),
    index('company_emails_email_idx').on(t.workspaceId, sql`lower(${t.email})`),
  ],
)
