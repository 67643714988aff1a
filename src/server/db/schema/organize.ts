import { sql } from 'drizzle-orm'
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { users } from './auth.ts'
import { workspaces } from './workspaces.ts'

// Finding and organising records: tags, custom field definitions, saved list views and
// background jobs (bulk actions, imports). Values live on the records themselves:
// `tag_ids uuid[]` and `custom jsonb` on people, companies and deals.

/** Labels shown to users, one per UI language; `en` is required, am/sw fall back to it. */
export type Labels = { en: string; am?: string; sw?: string }

export const tags = pgTable(
  'tags',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    // One of a small fixed palette (the web app maps it to accessible colours).
    color: text('color').notNull().default('slate'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('tags_name_idx').on(t.workspaceId, sql`lower(${t.name})`),
  ],
)

export const CUSTOM_FIELD_OBJECTS = ['person', 'company', 'deal'] as const
export const CUSTOM_FIELD_TYPES = [
  'text',
  'longText',
  'number',
  'currency',
  'date',
  'boolean',
  'select',
  'multiSelect',
  'phone',
  'email',
  'url',
] as const

export const customFields = pgTable(
  'custom_fields',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull(),
    object: text('object').notNull(),
    // Stable key used in the API, filters, exports and the `custom` jsonb: never renamed.
    key: text('key').notNull(),
    type: text('type').notNull(),
    labels: jsonb('labels').$type<Labels>().notNull(),
    // select / multiSelect: [{ key, labels }]
    options: jsonb('options').$type<{ key: string; labels: Labels }[]>().notNull().default([]),
    position: smallint('position').notNull().default(0),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    // Removing a field hides it; the values stay on the records until the field is purged.
    archivedAt: timestamp('archived_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('custom_fields_key_idx').on(t.workspaceId, t.object, t.key),
    check('custom_fields_object_check', sql`${t.object} in ('person', 'company', 'deal')`),
    check(
      'custom_fields_type_check',
      sql`${t.type} in ('text', 'longText', 'number', 'currency', 'date', 'boolean', 'select', 'multiSelect', 'phone', 'email', 'url')`,
    ),
  ],
)

export const VIEW_OBJECTS = ['person', 'company', 'deal', 'activity'] as const

export const savedViews = pgTable(
  'saved_views',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull(),
    object: text('object').notNull(),
    name: text('name').notNull(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // Shared views are visible to the whole workspace; personal ones to their owner only.
    shared: boolean('shared').notNull().default(false),
    // { filters, sort, columns, q }: the list state, as the web app puts it in the URL.
    state: jsonb('state').$type<Record<string, unknown>>().notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('saved_views_object_idx').on(t.workspaceId, t.object),
    check('saved_views_object_check', sql`${t.object} in ('person', 'company', 'deal', 'activity')`),
  ],
)

/** Each user's default view per list. */
export const viewDefaults = pgTable(
  'view_defaults',
  {
    workspaceId: uuid('workspace_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    object: text('object').notNull(),
    viewId: uuid('view_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.userId, t.object] }),
    foreignKey({
      columns: [t.workspaceId, t.viewId],
      foreignColumns: [savedViews.workspaceId, savedViews.id],
    }).onDelete('cascade'),
  ],
)

export const JOB_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const

// Background work (bulk actions, imports). A job's handler keeps its own checkpoint in
// `state`, written in the same transaction as each batch, so a restart resumes exactly.
export const jobs = pgTable(
  'jobs',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull(),
    kind: text('kind').notNull(),
    status: text('status').notNull().default('queued'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    state: jsonb('state').$type<Record<string, unknown>>().notNull().default({}),
    done: integer('done').notNull().default(0),
    total: integer('total'),
    result: jsonb('result').$type<Record<string, unknown>>(),
    error: text('error'),
    attempts: smallint('attempts').notNull().default(0),
    // A running job whose lease has passed (its process died) is picked up again.
    lockedUntil: timestamp('locked_until', { withTimezone: true, precision: 3 }),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('jobs_pending_idx').on(t.createdAt).where(sql`${t.status} in ('queued', 'running')`),
    check('jobs_status_check', sql`${t.status} in ('queued', 'running', 'done', 'failed', 'cancelled')`),
  ],
)
