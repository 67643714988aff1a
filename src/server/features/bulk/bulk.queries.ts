import { type SQL, sql } from 'drizzle-orm'
import { uuidv7 } from 'uuidv7'
import { type DbOrTx, queryRows } from '../../db/client.ts'
import { timelineEvents } from '../../db/schema/index.ts'
import type { Ctx } from '../../http/context.ts'
import { activityLabel } from '../activities/activities.service.ts'
import type { TimelineLinks } from '../timeline/timeline.service.ts'
import type { BulkObject } from './bulk.schema.ts'

// SQL of bulk actions. The four tables share deleted_at, version and updated_at (people,
// companies and deals also owner_id and tag_ids), so one statement serves them all.
// Every statement is scoped by workspace_id.
export const TABLE: Record<BulkObject, string> = {
  person: 'people',
  company: 'companies',
  deal: 'deals',
  activity: 'activities',
}

/** A PostgreSQL uuid[] as one parameter (the ids are validated uuids, from zod or the database). */
export const uuidArray = (ids: string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`

/** A record of a batch as it was before the change: what the timeline event needs. */
export type BulkRow = {
  id: string
  label: string
  ownerId: string | null
  tagIds: string[]
  deleted: boolean
  // deals only
  personId: string | null
  companyId: string | null
  pipelineId: string | null
  stageId: string | null
  status: string | null
  lostReason: string | null
  closedAt: string | null
  pipelineLive: boolean
  // activities only (ownerId is the assignee; personId and companyId are filled in from
  // the deal and the person, as the activity's timeline events carry them)
  dealId: string | null
  type: string
  title: string | null
  body: string | null
  occurredAt: string
  createdBy: string | null
  done: boolean
}

const iso = (column: string) =>
  sql.raw(`to_char(t.${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`)

const DEAL_COLUMNS = sql`t.person_id as "personId", t.company_id as "companyId",
  t.pipeline_id as "pipelineId", t.stage_id as "stageId", t.status, t.lost_reason as "lostReason",
  ${iso('closed_at')} as "closedAt",
  exists(select 1 from pipelines p where p.workspace_id = t.workspace_id and p.id = t.pipeline_id
         and p.deleted_at is null) as "pipelineLive"`

// The label is made in lockBatch from the title and body. The links as activities.service's
// timelineLinks() fills them in: the deal's person and company, else the person's company.
const ACTIVITY_COLUMNS = sql`'' as label, t.assignee_id as "ownerId", '[]'::jsonb as "tagIds",
  t.type, t.title, t.body, t.created_by as "createdBy", t.done_at is not null as done,
  ${iso('occurred_at')} as "occurredAt", t.deal_id as "dealId",
  coalesce(t.person_id, (select d.person_id from deals d
    where d.workspace_id = t.workspace_id and d.id = t.deal_id)) as "personId",
  coalesce(t.company_id,
    (select d.company_id from deals d where d.workspace_id = t.workspace_id and d.id = t.deal_id),
    (select p.company_id from people p where p.workspace_id = t.workspace_id and p.id = t.person_id)
  ) as "companyId"`

const COLUMNS: Record<BulkObject, SQL> = {
  person: sql`trim(t.first_name || ' ' || t.last_name) as label, t.owner_id as "ownerId",
    to_jsonb(t.tag_ids) as "tagIds"`,
  company: sql`t.name as label, t.owner_id as "ownerId", to_jsonb(t.tag_ids) as "tagIds"`,
  deal: sql`t.title as label, t.owner_id as "ownerId", to_jsonb(t.tag_ids) as "tagIds", ${DEAL_COLUMNS}`,
  activity: ACTIVITY_COLUMNS,
}

/**
 * The next batch of the selection after `after` in id order, locked for the change.
 * `scope` is the selection's condition on the table (it may name the table's columns,
 * so the table keeps its own name here and `t` is only an alias for the same row).
 */
export async function lockBatch(
  tx: DbOrTx,
  workspaceId: string,
  object: BulkObject,
  scope: SQL,
  after: string | null,
  limit: number,
): Promise<BulkRow[]> {
  const table = sql.identifier(TABLE[object])
  const rows = await queryRows<BulkRow>(
    tx,
    sql`select t.id, t.deleted_at is not null as deleted, ${COLUMNS[object]}
        from ${table} t
        where (t.workspace_id, t.id) in (
          select workspace_id, id from ${table}
          where workspace_id = ${workspaceId} and (${scope})
            ${after ? sql`and id > ${after}::uuid` : sql``}
          order by id
          limit ${limit}
        )
        order by t.id
        for update of t`,
  )
  return rows.map((r) => ({
    ...r,
    // An activity's label is the one its single edits write (title, else the note's first line).
    label: object === 'activity' ? activityLabel(r) : r.label,
    pipelineLive: r.pipelineLive ?? true,
  }))
}

/** How many records the selection holds, counting at most `cap` (null: all of them). */
export async function countSelection(
  db: DbOrTx,
  workspaceId: string,
  object: BulkObject,
  scope: SQL,
  cap: number | null,
): Promise<number> {
  const table = sql.identifier(TABLE[object])
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from (
          select 1 from ${table} where workspace_id = ${workspaceId} and (${scope})
          ${cap === null ? sql`` : sql`limit ${cap}`}
        ) s`,
  )
  return Number(row?.n ?? 0)
}

/** One set-based UPDATE for the batch: `set` is the SET list; version and updated_at always move. */
export async function updateBatch(
  tx: DbOrTx,
  workspaceId: string,
  object: BulkObject,
  ids: string[],
  set: SQL,
) {
  if (!ids.length) return
  await tx.execute(
    sql`update ${sql.identifier(TABLE[object])}
        set ${set}, version = version + 1, updated_at = now()
        where workspace_id = ${workspaceId} and id = any(${uuidArray(ids)})`,
  )
}

/**
 * Per-deal values (rank, closing) for a batch, joined from one jsonb parameter:
 * `update deals … from jsonb_to_recordset(…) v where deals.id = v.id`.
 */
export async function updateDealsFrom(
  tx: DbOrTx,
  workspaceId: string,
  values: {
    id: string
    rank: number
    status?: string
    lostReason?: string | null
    closedAt?: string | null
  }[],
  set: SQL,
) {
  if (!values.length) return
  await tx.execute(
    sql`update deals
        set ${set}, version = deals.version + 1, updated_at = now()
        from jsonb_to_recordset(${JSON.stringify(values)}::jsonb)
          as v(id uuid, rank double precision, status text, "lostReason" text, "closedAt" timestamptz)
        where deals.workspace_id = ${workspaceId} and deals.id = v.id`,
  )
}

export type BulkEvent = {
  subjectId: string
  kind: 'updated' | 'deleted' | 'restored' | 'stage_changed'
  label: string
  links: TimelineLinks
  changes?: { field: string; from: unknown; to: unknown }[]
}

/** Builds a record's event as a single edit would (bulk.service.ts `change`). */
export type EventOf = (r: BulkRow, kind: BulkEvent['kind'], changes?: BulkEvent['changes']) => BulkEvent

/**
 * The batch's timeline events in one INSERT: the rows recordEvent() writes for a single
 * edit. The rows travel as one jsonb parameter (500 rows of parameters cost more to
 * build and bind than the insert itself).
 */
export async function insertEvents(tx: DbOrTx, ctx: Ctx, object: BulkObject, events: BulkEvent[]) {
  if (!events.length) return
  const rows = events.map((e) => ({
    id: uuidv7(),
    subjectId: e.subjectId,
    kind: e.kind,
    label: e.label,
    personId: e.links.personId ?? null,
    companyId: e.links.companyId ?? null,
    dealId: e.links.dealId ?? null,
    // An activity's events name it, as recordEvent's activityId does for single edits.
    activityId: object === 'activity' ? e.subjectId : null,
    changes: e.changes?.length ? e.changes : null,
  }))
  await tx.execute(
    sql`insert into ${timelineEvents} (workspace_id, id, actor_id, subject_type, subject_id, kind, label,
          person_id, company_id, deal_id, activity_id, changes)
        select ${ctx.workspace.id}, v.id, ${ctx.userId}, ${object}, v."subjectId", v.kind, v.label,
          v."personId", v."companyId", v."dealId", v."activityId", v.changes
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id uuid, "subjectId" uuid, kind text,
          label text, "personId" uuid, "companyId" uuid, "dealId" uuid, "activityId" uuid, changes jsonb)`,
  )
}
