import { execSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { BASELINE, type Case, listCases, searchCases, type Walk } from './cases.ts'
import { analyticsCases } from './cases-analytics.ts'
import type { Sizes } from './gen-people.ts'
import { benchImport, type ImportRun, withImport } from './import.ts'
import { countRows, loadData, rssMb } from './load.ts'
import { compact, compactPlan, measure, type Result, slowest } from './measure.ts'
import { type Explained, failures, type RunData, renderResults, type TargetRun, verdicts } from './report.ts'
import { analyticsFacts, analyticsSection } from './report-analytics.ts'
import { gen } from './sql.ts'
import { openPglite, openPostgres, signUpTeam, startApp, type Target } from './target.ts'
import { verifySample } from './verify.ts'

// `npm run bench [-- --scale=0.01] [--seed=42] [--runs=60] [--warmup=10] [--only=pg|pglite]
//   [--cases=lists,search,analytics,import] [--analytics-runs=20] [--analytics-warmup=2]
//   [--explain-over=ms] [--out=file]`
// Builds a workspace through the app, bulk-loads it with SQL, measures list pages, search
// and the analytics (dashboard, forecast, reports) through the app and as direct SQL, the
// import on PostgreSQL, and writes bench/RESULTS.md. --cases picks parts (default all).
// PostgreSQL: PG_URL (default postgres://postgres@127.0.0.1:5432/postgres); the scratch
// database kiungo_bench (BENCH_DB) is created and dropped (kept with BENCH_KEEP_DB=1). PGlite: a temporary directory.

export const CASE_GROUPS = ['lists', 'search', 'analytics', 'import'] as const
export type CaseGroup = (typeof CASE_GROUPS)[number]

function args() {
  const get = (name: string, fallback: string) =>
    process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback
  const scale = Number(get('scale', '1'))
  if (!(scale > 0 && scale <= 1)) throw new Error('--scale must be in (0, 1]')
  const cases = get('cases', CASE_GROUPS.join(','))
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)
  const unknown = cases.filter((x) => !(CASE_GROUPS as readonly string[]).includes(x))
  if (unknown.length || !cases.length) {
    throw new Error(`--cases: ${unknown.join(', ') || 'none'}; pick from ${CASE_GROUPS.join(', ')}`)
  }
  const runs = Number(get('runs', '60'))
  const warmup = Number(get('warmup', '10'))
  const all = cases.length === CASE_GROUPS.length
  return {
    scale,
    seed: Number(get('seed', '42')),
    runs,
    warmup,
    // Analytics requests take 10-100x longer than a list page: fewer runs (never more than --runs).
    analyticsRuns: Math.min(runs, Number(get('analytics-runs', '20'))),
    analyticsWarmup: Math.min(warmup, Number(get('analytics-warmup', '2'))),
    only: get('only', 'both'),
    explainOver: Number(get('explain-over', 'Infinity')),
    cases: new Set(cases as CaseGroup[]),
    // Only a full run replaces the committed bench/RESULTS.md; smoke and partial runs go
    // to a temporary file unless --out says otherwise.
    out: get(
      'out',
      scale === 1 && get('only', 'both') === 'both' && all
        ? 'bench/RESULTS.md'
        : path.join(os.tmpdir(), 'kiungo-bench-RESULTS.md'),
    ),
    pgUrl: process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  }
}

const sizesAt = (scale: number): Sizes => ({
  people: Math.round(1_000_000 * scale),
  companies: Math.round(100_000 * scale),
  deals: Math.round(300_000 * scale),
  activities: Math.round(3_000_000 * scale),
})

// Peak RSS, sampled; PGlite blocks the event loop while it works, so loads also sample
// after each statement (load.ts) and the peak takes both.
let peak = 0
setInterval(() => {
  peak = Math.max(peak, rssMb())
}, 200).unref()

async function benchTarget(
  target: Target,
  name: string,
  sizes: Sizes,
  o: ReturnType<typeof args>,
  ref: TargetRun | null,
) {
  const started = performance.now()
  peak = rssMb()
  const app = await startApp(target.database)
  const { owner, members } = await signUpTeam(app)
  const [ws] = await target.exec(`select workspace_id::text as id from memberships where user_id = $1`, [
    owner.userId,
  ])
  const workspaceId = String(ws?.id)
  const [pipeline] = await target.exec(`select id::text as id from pipelines where workspace_id = $1`, [
    workspaceId,
  ])
  const stages = await target.exec(
    `select id::text as id from stages where workspace_id = $1 and pipeline_id = $2 order by position`,
    [workspaceId, pipeline?.id],
  )
  const [wsRow] = await target.exec(`select currency from workspaces where id = $1`, [workspaceId])
  console.log(`${name}: loading ${JSON.stringify(sizes)}`)
  const steps = await loadData(target.exec, {
    g: gen(o.seed),
    sizes,
    workspaceId,
    owners: [owner.userId, ...members.map((m) => m.userId)],
    pipeline: { id: String(pipeline?.id), stageIds: stages.map((r) => String(r.id)) },
    currency: String(wsRow?.currency),
  })
  peak = Math.max(peak, ...steps.map((st) => st.rssMb))
  const verified = await verifySample(target.exec, workspaceId)
  const counts = await countRows(target.exec, workspaceId)
  const [size] = await target.exec(`select pg_database_size(current_database())::float8 as b`)

  const cases: Case[] = [...BASELINE]
  let walks: Walk[] = []
  if (o.cases.has('lists')) {
    console.log(`${name}: picking cases (walking lists 200 pages deep)`)
    const lists = await listCases(target.exec, app, owner.cookie, workspaceId, members[0]!.userId)
    cases.push(...lists.cases)
    walks = lists.walks
  }
  if (o.cases.has('search')) cases.push(...(await searchCases(target.exec, workspaceId)))
  if (o.cases.has('analytics')) cases.push(...analyticsCases(members[0]!.userId))
  const results: Result[] = []
  for (const c of cases) {
    const runs = c.group === 'analytics' ? { runs: o.analyticsRuns, warmup: o.analyticsWarmup } : o
    const r = await measure(app, target, owner.cookie, c, runs)
    results.push(r)
    console.log(
      `  ${c.key}${c.depth ? ` (${c.depth})` : ''}: server p50 ${r.server.p50.toFixed(2)} p95 ${r.server.p95.toFixed(2)}` +
        ` | sql p50 ${r.sql.p50.toFixed(2)} p95 ${r.sql.p95.toFixed(2)} | ${r.rows} rows`,
    )
  }
  const run: TargetRun = {
    name,
    version: target.version,
    sizes,
    counts,
    steps,
    verified,
    results,
    walks,
    explains: [],
    facts: o.cases.has('analytics') ? await analyticsFacts(target.exec, workspaceId) : undefined,
    rssPeakMb: 0,
    dbSizeMb: Math.round(Number(size?.b) / 1_048_576),
    totalMs: 0,
  }
  run.explains = await explainMisses(target, run, ref, o.explainOver)
  await app.close()
  run.rssPeakMb = Math.max(peak, rssMb())
  run.totalMs = performance.now() - started
  return run
}

/**
 * EXPLAIN the slowest statement of each case that missed a target, and (--explain-over=ms)
 * of each case whose server p95 is above that, to read plans before they miss.
 */
async function explainMisses(
  target: Target,
  run: TargetRun,
  ref: TargetRun | null,
  overMs: number,
): Promise<Explained[]> {
  const out: Explained[] = []
  const missing = failures(run, ref, true)
  const slow = run.results.filter((r) => r.case.group !== 'baseline' && r.server.p95 > overMs)
  for (const r of run.results.filter((x) => missing.includes(x) || slow.includes(x))) {
    const i = slowest(r)
    const q = r.queries[i]!
    const missed = verdicts(r, run, ref).filter((v) => !v.ok && v.explain)
    const why = missed.length
      ? `missed ${missed.map((v) => v.name).join(', ')}`
      : `server p95 ${r.server.p95.toFixed(1)} ms > --explain-over=${overMs}`
    out.push({
      key: `${r.case.label}${r.case.depth ? `, ${r.case.depth}` : ''}${r.case.owner ? ', owner filter' : ''}${r.case.term ? ` \`${r.case.term}\`` : ''}`,
      where: `${why}; statement ${i + 1} of ${r.queries.length}, median ${r.perQuery[i]!.toFixed(2)} ms direct`,
      sql: compact(q.text, q.values),
      plan: compactPlan(
        await target.explain(r.queries, i).catch((err: Error) => `EXPLAIN failed: ${err.message}`),
      ),
    })
  }
  return out
}

const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ')

function machine(pg: TargetRun | null, lite: TargetRun | null, loadBefore: string): Record<string, string> {
  const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? 'unknown'
  return {
    'CPU cores (nproc)': execSync('nproc').toString().trim(),
    'CPU model': cpu,
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    Node: process.version,
    PostgreSQL: pg?.version ?? 'not run',
    PGlite: lite?.version ?? 'not run',
    OS: `${os.type()} ${os.release()}`,
    // Other work on the box shows in every figure: the load average says how much there was.
    'load average 1/5/15 min, start → end': `${loadBefore} → ${load()}`,
  }
}

/** Facts, not judgement: per target, how many cases met it and which did not. */
function summary(d: RunData): string {
  const lines: string[] = []
  for (const [run, ref] of [
    [d.pg, null],
    [d.pglite, d.pg],
  ] as const) {
    if (!run) continue
    const byTarget = new Map<string, { ok: number; missed: string[] }>()
    for (const r of run.results) {
      for (const v of verdicts(r, run, ref)) {
        const t = byTarget.get(v.name) ?? { ok: 0, missed: [] }
        if (v.ok) t.ok++
        else t.missed.push(r.case.key)
        byTarget.set(v.name, t)
      }
    }
    for (const [name, t] of byTarget) {
      const shown = t.missed.slice(0, 6).join(', ')
      const more = t.missed.length > 6 ? ` and ${t.missed.length - 6} more` : ''
      const missed = t.missed.length ? `; missed by ${shown}${more}` : ''
      lines.push(`- ${run.name}, ${name}: ${t.ok} of ${t.ok + t.missed.length} cases${missed}.`)
    }
  }
  return lines.join('\n')
}

async function main() {
  const o = args()
  const started = performance.now()
  const date = new Date().toISOString()
  const loadBefore = load()
  if (os.loadavg()[0]! > os.availableParallelism()) {
    console.warn(
      `Load average ${loadBefore} on ${os.availableParallelism()} cores: other work will skew the figures.`,
    )
  }
  let pg: TargetRun | null = null
  let lite: TargetRun | null = null
  let imported: ImportRun | null = null
  if (o.only !== 'pglite') {
    const dbName = process.env.BENCH_DB ?? 'kiungo_bench'
    const target = await openPostgres(o.pgUrl, dbName)
    try {
      pg = await benchTarget(target, 'PostgreSQL', sizesAt(o.scale), o, null)
      // The import, into a new workspace of the same loaded database (import.ts).
      if (o.cases.has('import')) {
        const url = new URL(o.pgUrl)
        url.pathname = `/${dbName}`
        imported = await benchImport(target, url.toString(), sizesAt(o.scale).people, o.seed)
      }
    } finally {
      await target.close()
    }
  }
  if (o.only !== 'pg') {
    const target = await openPglite()
    try {
      lite = await benchTarget(target, 'PGlite', sizesAt(o.scale / 10), o, pg)
    } finally {
      await target.close()
    }
  }
  const data: RunData = {
    date,
    scale: o.scale,
    seed: o.seed,
    runs: o.runs,
    warmup: o.warmup,
    analyticsRuns: o.analyticsRuns,
    analyticsWarmup: o.analyticsWarmup,
    cases: [...o.cases],
    machine: machine(pg, lite, loadBefore),
    pg,
    pglite: lite,
    totalMs: performance.now() - started,
  }
  mkdirSync(path.dirname(o.out), { recursive: true })
  const markdown = renderResults(data, summary(data), { analytics: analyticsSection(data) })
  writeFileSync(o.out, withImport(markdown, imported, o.scale))
  console.log(`${o.out} written; whole run ${((performance.now() - started) / 1000).toFixed(0)} s`)
}

await main()
process.exit(0)
