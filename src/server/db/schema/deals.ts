import { sql } from 'drizzle-orm'
import {
  bigint,
  check,
  date,
  doublePrecision,
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
import { people } from './people.ts'
import { workspaces } from './workspaces.ts'

export const pipelines = pgTable(
  'pipelines',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    position: smallint('position').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
)

// Stage kind: 'open' stages are the working columns; a deal in a 'won' or 'lost' stage is closed.
export const stages = pgTable(
  'stages',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    pipelineId: uuid('pipeline_id').notNull(),
    name: text('name').notNull(),
    position: smallint('position').notNull(),
    probability: smallint('probability').notNull(),
    kind: text('kind').notNull().default('open'),
    deletedAt: timestamp('deleted_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      columns: [t.workspaceId, t.pipelineId],
      foreignColumns: [pipelines.workspaceId, pipelines.id],
    }).onDelete('cascade'),
    check('stages_kind_check', sql`${t.kind} in ('open', 'won', 'lost')`),
    check('stages_probability_check', sql`${t.probability} between 0 and 100`),
  ],
)

export const deals = pgTable(
  'deals',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull(),
    title: text('title').notNull(),
    // Money as integer minor units (cents, santim) plus the ISO 4217 code: never floats.
    // Not null (0 = no value yet), so board totals and the amount sort never meet a null.
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull().default(0),
    currency: text('currency').notNull(),
    pipelineId: uuid('pipeline_id').notNull(),
    stageId: uuid('stage_id').notNull(),
    // Order inside a kanban column: a fraction between the neighbours, so a move writes one
    // row (the column is renumbered only when two neighbours get too close).
    rank: doublePrecision('rank').notNull(),
    personId: uuid('person_id'),
    companyId: uuid('company_id'),
    ownerId: text('owner_id').references(() => users.id, { onDelete: 'set null' }),
    expectedCloseDate: date('expected_close_date', { mode: 'string' }),
    status: text('status').notNull().default('open'),
    lostReason: text('lost_reason'),
    closedAt: timestamp('closed_at', { withTimezone: true, precision: 3 }),
    // The title lowercased: matched with LIKE and used as the title sort key.
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
    foreignKey({
      columns: [t.workspaceId, t.pipelineId],
      foreignColumns: [pipelines.workspaceId, pipelines.id],
    }),
    foreignKey({ columns: [t.workspaceId, t.stageId], foreignColumns: [stages.workspaceId, stages.id] }),
    foreignKey({ columns: [t.workspaceId, t.personId], foreignColumns: [people.workspaceId, people.id] }),
    foreignKey({
      columns: [t.workspaceId, t.companyId],
      foreignColumns: [companies.workspaceId, companies.id],
    }),
    check('deals_status_check', sql`${t.status} in ('open', 'won', 'lost')`),
    check('deals_lost_reason_check', sql`${t.status} <> 'lost' or ${t.lostReason} is not null`),
    check('deals_amount_check', sql`${t.amountMinor} >= 0`),
    // Kanban columns: the open deals of a stage in rank order.
    index('deals_board_idx')
      .on(t.workspaceId, t.stageId, t.rank, t.id)
      .where(sql`${t.status} = 'open' and ${t.deletedAt} is null`),
    index('deals_stage_idx').on(t.workspaceId, t.stageId),
    index('deals_tags_idx').using('gin', sql`${t.tagIds}`),
    index('deals_updated_idx').on(t.workspaceId, t.updatedAt, t.id),
    // "Owner is me" filters, newest first, without walking everyone else's rows.
    index('deals_owner_updated_idx').on(t.workspaceId, t.ownerId, t.updatedAt, t.id),
    index('deals_created_idx').on(t.workspaceId, t.createdAt, t.id),
    index('deals_title_idx').on(t.workspaceId, t.searchText, t.id),
    index('deals_amount_idx').on(t.workspaceId, t.amountMinor, t.id),
    index('deals_person_idx').on(t.workspaceId, t.personId).where(sql`${t.personId} is not null`),
    index('deals_company_idx').on(t.workspaceId, t.companyId).where(sql`${t.companyId} is not null`),
    index('deals_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    // Dashboard and forecast (features/analytics): partial covering indexes, read
    // index-only, instead of rollup tables. Figures stay exact the moment a record changes,
    // no write path (services, imports, bulk jobs, sync replays) has a rollup to keep in
    // step, and each widget reads one index range of at most a few hundred thousand small
    // entries. drizzle-kit cannot declare INCLUDE, so the covered columns are trailing key
    // columns: the same index-only scans, a slightly wider index.
    // Open deals now: pipeline funnel, deals by owner, open pipeline value, weighted
    // forecast (stage_id joins the probability), forecast by expected close month.
    index('deals_analytics_open_idx')
      .on(t.workspaceId, t.pipelineId, t.ownerId, t.stageId, t.currency, t.amountMinor, t.expectedCloseDate)
      .where(sql`${t.status} = 'open' and ${t.deletedAt} is null`),
    // Deals closed in a period: won count/value, win rate, deal size, sales cycle, won by
    // month, won in the forecast.
    index('deals_analytics_closed_idx')
      .on(
        t.workspaceId,
        t.closedAt,
        t.status,
        t.currency,
        t.amountMinor,
        t.createdAt,
        t.ownerId,
        t.pipelineId,
      )
      .where(sql`${t.status} <> 'open' and ${t.deletedAt} is null`),
    // Deals created in a period (new deals), with the owner and pipeline filters.
    index('deals_analytics_created_idx')
      .on(t.workspaceId, t.createdAt, t.ownerId, t.pipelineId)
      .where(sql`${t.deletedAt} is null`),
  ],
)
