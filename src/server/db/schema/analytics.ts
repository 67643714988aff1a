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
// Figures themselves are computed from the records (indexes, no rollup tables).

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
