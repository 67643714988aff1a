import { sql } from 'drizzle-orm'
import { index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { users } from './auth.ts'
import { workspaces } from './workspaces.ts'

// One row per thing that happened to a customer record: created, field changes,
// deleted, restored, stage changes, activities. It is the timeline on person, company
// and deal pages and the audit trail at once. Services write it in the same transaction
// as the change it describes; no trigger does.
export type FieldChange = { field: string; from: unknown; to: unknown }

export const timelineEvents = pgTable(
  'timeline_events',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    actorId: text('actor_id').references(() => users.id, { onDelete: 'set null' }),
    // What the event is about; the record ids say on which timelines it shows.
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    kind: text('kind').notNull(),
    personId: uuid('person_id'),
    companyId: uuid('company_id'),
    dealId: uuid('deal_id'),
    // For kind 'activity': the call, meeting, note or task, shown as it is now.
    activityId: uuid('activity_id'),
    changes: jsonb('changes').$type<FieldChange[]>(),
    // A short label of the subject at the time (a name or title), so the timeline reads
    // well even after the record is renamed or purged.
    label: text('label'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('timeline_person_idx')
      .on(t.workspaceId, t.personId, t.occurredAt, t.id)
      .where(sql`${t.personId} is not null`),
    index('timeline_company_idx')
      .on(t.workspaceId, t.companyId, t.occurredAt, t.id)
      .where(sql`${t.companyId} is not null`),
    index('timeline_deal_idx')
      .on(t.workspaceId, t.dealId, t.occurredAt, t.id)
      .where(sql`${t.dealId} is not null`),
    // An activity's event moves with the activity when its links or time change.
    index('timeline_activity_idx').on(t.workspaceId, t.activityId).where(sql`${t.activityId} is not null`),
  ],
)
