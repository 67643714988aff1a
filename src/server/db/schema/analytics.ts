import { sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core'
import { users } from './auth.ts'
import { workspaces } from './workspaces.ts'

// Analytics: saved reports, the reports each user pinned to their dashboard, monthly
// sales targets and the exchange rates used to add money of different currencies.
// Figures are computed from the records over covering indexes, except activities per
// day (activity_daily below): a year of a busy workspace is a million index entries.

/** A saved report: what the report builder shows, as its definition (see reports.schema.ts). */
export const reports = pgTable(
  'reports',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    // { object, filters, groupBy, measure, chart }
    definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // Shared reports are visible to the whole workspace; personal ones to their owner only.
    shared: boolean('shared').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
)

/** Reports a user pinned to their home dashboard, in their order. */
export const reportPins = pgTable(
  'report_pins',
  {
    workspaceId: uuid('workspace_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    reportId: uuid('report_id').notNull(),
    position: smallint('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.userId, t.reportId] }),
    foreignKey({
      columns: [t.workspaceId, t.reportId],
      foreignColumns: [reports.workspaceId, reports.id],
    }).onDelete('cascade'),
  ],
)

/** An owner's sales target for one month, in the workspace currency (minor units). */
export const salesTargets = pgTable(
  'sales_targets',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // The first day of the month (Gregorian).
    month: date('month', { mode: 'string' }).notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.userId, t.month] }),
    check('sales_targets_amount_check', sql`${t.amountMinor} >= 0`),
    check('sales_targets_month_check', sql`extract(day from ${t.month}) = 1`),
  ],
)

/** 1 unit of `currency` = `rate` units of the workspace currency; set by admins. */
export const exchangeRates = pgTable(
  'exchange_rates',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    currency: text('currency').notNull(),
    rate: numeric('rate', { precision: 20, scale: 10 }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.currency] }),
    check('exchange_rates_rate_check', sql`${t.rate} > 0`),
  ],
)

/**
 * Live activities (deleted_at is null) per day of occurred_at in the WORKSPACE time zone,
 * type and owner (coalesce(assignee_id, created_by, ''): the dashboard's activity owner).
 * Kept exact by the services that write activities, in the same transaction
 * (features/analytics/activity-daily.ts; no triggers); rebuilt when the time zone changes.
 * The activities chart and day/week/month reports by type read it: ~365 × types × owners
 * rows a year instead of every activity.
 */
export const activityDaily = pgTable(
  'activity_daily',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    type: text('type').notNull(),
    ownerId: text('owner_id').notNull().default(''),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.day, t.type, t.ownerId] })],
)
