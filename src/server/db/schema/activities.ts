import { sql } from 'drizzle-orm'
import {
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core'
import { users } from './auth.ts'
import { companies } from './companies.ts'
import { deals } from './deals.ts'
import { people } from './people.ts'
import { workspaces } from './workspaces.ts'

// Notes, calls, meetings and tasks: one table, the type-specific columns nullable.
export const activities = pgTable(
  'activities',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull(),
    type: text('type').notNull(),
    title: text('title'),
    // Markdown, stored as typed; rendered with a sanitizer on the client.
    body: text('body'),
    personId: uuid('person_id'),
    companyId: uuid('company_id'),
    dealId: uuid('deal_id'),
    // When it happened (calls, notes) or starts (meetings); tasks use dueAt.
    occurredAt: timestamp('occurred_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    callDirection: text('call_direction'),
    callDurationSeconds: integer('call_duration_seconds'),
    callOutcome: text('call_outcome'),
    meetingEndAt: timestamp('meeting_end_at', { withTimezone: true, precision: 3 }),
    meetingPlace: text('meeting_place'),
    dueAt: timestamp('due_at', { withTimezone: true, precision: 3 }),
    assigneeId: text('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    doneAt: timestamp('done_at', { withTimezone: true, precision: 3 }),
    version: integer('version').notNull().default(1),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({ columns: [t.workspaceId, t.personId], foreignColumns: [people.workspaceId, people.id] }),
    foreignKey({
      columns: [t.workspaceId, t.companyId],
      foreignColumns: [companies.workspaceId, companies.id],
    }),
    foreignKey({ columns: [t.workspaceId, t.dealId], foreignColumns: [deals.workspaceId, deals.id] }),
    check('activities_type_check', sql`${t.type} in ('note', 'call', 'meeting', 'task')`),
    check(
      'activities_call_direction_check',
      sql`${t.callDirection} is null or ${t.callDirection} in ('inbound', 'outbound')`,
    ),
    check('activities_task_due_check', sql`${t.type} <> 'task' or ${t.dueAt} is not null`),
    check(
      'activities_meeting_end_check',
      sql`${t.meetingEndAt} is null or ${t.meetingEndAt} > ${t.occurredAt}`,
    ),
    check(
      'activities_link_check',
      sql`${t.personId} is not null or ${t.companyId} is not null or ${t.dealId} is not null`,
    ),
    index('activities_occurred_idx').on(t.workspaceId, t.occurredAt, t.id),
    index('activities_person_idx')
      .on(t.workspaceId, t.personId, t.occurredAt, t.id)
      .where(sql`${t.personId} is not null`),
    index('activities_company_idx')
      .on(t.workspaceId, t.companyId, t.occurredAt, t.id)
      .where(sql`${t.companyId} is not null`),
    index('activities_deal_idx')
      .on(t.workspaceId, t.dealId, t.occurredAt, t.id)
      .where(sql`${t.dealId} is not null`),
    // "My tasks": open tasks of an assignee by due date.
    index('activities_open_tasks_idx')
      .on(t.workspaceId, t.assigneeId, t.dueAt, t.id)
      .where(sql`${t.type} = 'task' and ${t.doneAt} is null and ${t.deletedAt} is null`),
    // Activity reports the daily rollup cannot answer (owner, assignee or creator filters),
    // read index-only: activities of a period by type and owner (assignee, else creator).
    // The dashboard chart reads activity_daily (analytics.ts); overdue tasks read
    // activities_open_tasks_idx above.
    index('activities_analytics_occurred_idx')
      .on(t.workspaceId, t.occurredAt, t.type, t.assigneeId, t.createdBy)
      .where(sql`${t.deletedAt} is null`),
  ],
)
