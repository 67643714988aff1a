import { exchangeRatesSql, insertActivitiesSql, insertDealsSql, salesTargetsSql } from './gen-deals.ts'
import {
  insertCompaniesSql,
  insertPeopleSql,
  type Sizes,
  stageCompaniesSql,
  stagePeopleSql,
} from './gen-people.ts'
import { type Exec, type Gen, lit } from './sql.ts'

// Bulk load: drop the keys and indexes of the big tables, fill them with set-based SQL,
// then build keys and indexes once (perf-notes.md: load-then-build is 1.6x faster than
// loading into indexed tables, and the trigram index makes row-by-row loads 3x slower).
// Everything dropped is read back from the catalog first and recreated from its own
// definition, so the database ends exactly as the migrations left it.

export type Step = { name: string; ms: number; rssMb: number }

export const BULK_TABLES = [
  'people',
  'person_phones',
  'person_emails',
  'companies',
  'company_phones',
  'company_emails',
  'deals',
  'activities',
]
const inList = BULK_TABLES.map((t) => lit(t)).join(', ')

export const rssMb = () => Math.round(process.memoryUsage().rss / 1_048_576)

/** Runs `fn`, logs and returns how long it took and the RSS after it. */
export async function timed<T>(steps: Step[], name: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now()
  const result = await fn()
  const step = { name, ms: performance.now() - started, rssMb: rssMb() }
  steps.push(step)
  console.log(`  ${name}: ${(step.ms / 1000).toFixed(1)} s, rss ${step.rssMb} MB`)
  return result
}

type Saved = { keys: Def[]; foreignKeys: Def[]; indexes: Def[] }
type Def = { tbl: string; name: string; def: string }

async function saveAndDrop(exec: Exec): Promise<Saved> {
  const constraints = (await exec(`select c.conrelid::regclass::text as tbl, c.conname as name,
      c.contype as type, pg_get_constraintdef(c.oid) as def
    from pg_constraint c
    where c.contype in ('p', 'f')
      and (c.conrelid::regclass::text in (${inList}) or c.confrelid::regclass::text in (${inList}))
    order by c.conname`)) as (Def & { type: string })[]
  const indexes = (await exec(`select i.indrelid::regclass::text as tbl,
      i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
    from pg_index i
    where i.indrelid::regclass::text in (${inList})
      and not exists (select 1 from pg_constraint c
        where c.conindid = i.indexrelid and c.contype in ('p', 'u', 'x'))
    order by 2`)) as Def[]
  const saved = {
    keys: constraints.filter((c) => c.type === 'p'),
    foreignKeys: constraints.filter((c) => c.type === 'f'),
    indexes,
  }
  for (const c of saved.foreignKeys) await exec(`alter table ${c.tbl} drop constraint ${c.name}`)
  for (const c of saved.keys) await exec(`alter table ${c.tbl} drop constraint ${c.name}`)
  for (const i of saved.indexes) await exec(`drop index ${i.name}`)
  return saved
}

export type LoadInput = {
  g: Gen
  sizes: Sizes
  workspaceId: string
  owners: string[]
  pipeline: { id: string; stageIds: string[] }
  /** The workspace currency: most deals are in it, the others get exchange rates. */
  currency: string
}

/** Small tables the analytics read, filled after the big ones (not dropped or re-indexed). */
const ANALYTICS_TABLES = ['exchange_rates', 'sales_targets', 'activity_daily']

/** Fills the workspace; returns the timed steps. The tables must be empty. */
export async function loadData(exec: Exec, input: LoadInput): Promise<Step[]> {
  const { g, sizes, workspaceId: ws, owners } = input
  const steps: Step[] = []
  const s = await timed(steps, 'drop keys and indexes', () => saveAndDrop(exec))
  await exec('drop table if exists bench_p, bench_c')
  await timed(steps, `stage ${sizes.people} people`, () => exec(stagePeopleSql(g, sizes)))
  await timed(steps, `stage ${sizes.companies} companies`, () => exec(stageCompaniesSql(g, sizes)))
  await timed(steps, 'insert companies, their phones and emails', async () => {
    for (const q of insertCompaniesSql(g, ws, owners)) await exec(q)
  })
  await timed(steps, 'insert people, their phones and emails', async () => {
    for (const q of insertPeopleSql(g, sizes, ws, owners)) await exec(q)
  })
  await timed(steps, `insert ${sizes.deals} deals`, () =>
    exec(insertDealsSql(g, sizes, ws, owners, input.pipeline, input.currency)),
  )
  await timed(steps, `insert ${sizes.activities} activities`, () =>
    exec(insertActivitiesSql(g, sizes, ws, owners)),
  )
  await exec('drop table bench_p, bench_c')
  await timed(steps, 'exchange rates and monthly sales targets', async () => {
    await exec(exchangeRatesSql(ws, input.currency))
    await exec(salesTargetsSql(g, ws, owners, input.currency))
  })
  await timed(steps, 'primary keys', async () => {
    for (const c of s.keys) await exec(`alter table ${c.tbl} add constraint ${c.name} ${c.def}`)
  })
  for (const table of BULK_TABLES) {
    const list = s.indexes.filter((i) => i.tbl === table)
    if (!list.length) continue
    await timed(steps, `indexes on ${table} (${list.map((i) => i.name).join(', ')})`, async () => {
      for (const i of list) await exec(i.def)
    })
  }
  await timed(steps, 'foreign keys (validated)', async () => {
    for (const c of s.foreignKeys) await exec(`alter table ${c.tbl} add constraint ${c.name} ${c.def}`)
  })
  // The per-day activity rollup the activities chart and reports read, recounted in one
  // set-based statement as rebuildActivityDaily (features/analytics/activity-daily.ts) does.
  await timed(steps, 'activity_daily rollup', async () => {
    await exec(`delete from activity_daily where workspace_id = ${lit(ws)}`)
    await exec(`insert into activity_daily (workspace_id, day, type, owner_id, n)
      select a.workspace_id, (a.occurred_at at time zone w.time_zone)::date, a.type,
        coalesce(a.assignee_id, a.created_by, ''), count(*)::int
      from activities a join workspaces w on w.id = a.workspace_id
      where a.workspace_id = ${lit(ws)} and a.deleted_at is null
      group by 1, 2, 3, 4`)
  })
  await timed(steps, 'vacuum analyze', () =>
    exec(`vacuum analyze ${[...BULK_TABLES, ...ANALYTICS_TABLES].join(', ')}`),
  )
  return steps
}

/** Rows per table in the workspace, as loaded. */
export async function countRows(exec: Exec, ws: string) {
  const out: Record<string, number> = {}
  for (const t of [...BULK_TABLES, ...ANALYTICS_TABLES]) {
    const [row] = await exec(`select count(*)::int as n from ${t} where workspace_id = ${lit(ws)}`)
    out[t] = Number(row?.n)
  }
  return out
}
