import { spawn } from 'node:child_process'
import { createReadStream, createWriteStream, rmSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { finished } from 'node:stream/promises'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import { postgresDatabase } from '../../src/server/db/client.ts'
import { JOB_TITLES } from '../../src/server/features/demo/seed-data.ts'
import { importSettings } from '../../src/server/features/imports/import.job.ts'
import { runJobsOnce } from '../../src/server/features/jobs/jobs.ts'
import {
  COMPANY_PLACES,
  COMPANY_SUFFIXES,
  COMPANY_TRADES,
  CULTURES,
  EMAIL_DOMAINS,
  mobilePrefixes,
} from './data.ts'
import { lit } from './sql.ts'
import { startApp, type Target } from './target.ts'

// Issue 4, point 5: import a CSV of N people (1M at full scale) through the app, on
// PostgreSQL, and compare it with a plain COPY of the same cleaned rows.
// - The CSV is generated here, streamed to a temporary file (names in Latin and Ge'ez,
//   phones in national and international forms, 0.5% of rows with a bad email, 0.1%
//   repeating the previous row's phone).
// - A fresh Node process (the "server") builds the app on the bench database, uploads the
//   file with POST /api/v1/imports (streamed multipart), starts it and runs the app's
//   'import' job handler to the end; its peak RSS is the kernel's max RSS of that process.
// - Baseline: the people rows the import wrote, COPY'd from a server-side file into an
//   empty copy of the people table with all its indexes and foreign keys.

export type ImportRun = {
  rows: number
  jobCpuMs: number
  fileMb: number
  uploadMs: number
  jobMs: number
  counts: { created: number; updated: number; skipped: number; failed: number }
  peopleRows: number
  copyMs: number
  /** The same rows COPY'd into the people table itself (new ids), rolled back: the "same table". */
  copySameMs: number
  copyError: string | null
  rssMb: number
  rssStartMb: number
  batchSize: number
}

/** Targets of issue 4 for the import. The 2 minutes are for 1M rows: scaled with the run. */
export const IMPORT_TARGETS = { vsCopy: 0.5, secondsPerMillion: 120, rssMb: 512 }

// A small seeded generator (mulberry32): the same file for the same seed and size.
function random(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The culture whose share of 100 contains `roll`. */
function pickCulture(roll: number) {
  let acc = 0
  for (const c of CULTURES) {
    acc += c.share
    if (roll < acc) return c
  }
  return CULTURES[0]!
}

const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)

/** Writes the CSV; returns its size in bytes. Never holds more than one row in memory. */
export async function writeCsv(file: string, rows: number, seed: number): Promise<number> {
  const rnd = random(seed)
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!
  const prefixes = Object.fromEntries(
    (['ET', 'KE', 'TZ'] as const).map((c) => [c, mobilePrefixes(c)]),
  ) as Record<'ET' | 'KE' | 'TZ', { code: string; prefixes: string[] }>
  // Distinct for every k: a prefix, then six digits that walk all of 0–999999.
  const phone = (country: 'ET' | 'KE' | 'TZ', k: number) => {
    const { code, prefixes: p } = prefixes[country]
    const digits = `${p[k % p.length]}${String((Math.floor(k / p.length) * 654321 + 123457) % 1_000_000).padStart(6, '0')}`
    const style = rnd()
    if (country === 'ET' && style < 0.5)
      return `0${digits.slice(0, 3)} ${digits.slice(3, 5)} ${digits.slice(5, 7)} ${digits.slice(7)}`
    if (style < 0.8) return `+${code} ${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`
    return `+${code}${digits}`
  }
  const titles = JOB_TITLES.filter((t): t is string => !!t)
  const out = createWriteStream(file)
  out.write('First Name,Last Name,Phone,Mobile,Email,Company,Job Title\r\n')
  let previousPhone = ''
  for (let i = 0; i < rows; i++) {
    const culture = pickCulture(rnd() * 100)
    const [first, firstLatin] = pick(culture.first)
    const [last, lastLatin] = pick(culture.last)
    const repeat = i > 0 && rnd() < 0.001
    const phone1 = repeat ? previousPhone : phone(culture.country, i)
    previousPhone = phone1
    const phone2 = rnd() < 0.4 ? phone(culture.country, rows + i) : ''
    const bad = rnd() < 0.005
    const email = bad
      ? `${firstLatin}(at)example`
      : rnd() < 0.75
        ? `${firstLatin}.${lastLatin}${i}@${pick(EMAIL_DOMAINS[culture.country])}`
        : ''
    // Companies repeat (about 10 people each): most rows find theirs already created.
    const c = Math.floor(rnd() ** 2 * Math.max(1, rows / 10))
    const company =
      rnd() < 0.7
        ? `${COMPANY_PLACES[culture.country][c % 12]} ${COMPANY_TRADES[c % COMPANY_TRADES.length]}${COMPANY_SUFFIXES[c % 7]} ${c}`
        : ''
    const title = rnd() < 0.8 ? pick(titles) : ''
    const line = `${[first, last, phone1, phone2, email, company, title].map(quote).join(',')}\r\n`
    if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
  }
  out.end()
  await finished(out)
  return statSync(file).size
}

// ---- The server side, in its own process ------------------------------------------------

const ORIGIN = 'http://localhost:3000'

async function signUp(app: FastifyInstance) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/signup',
    headers: { origin: ORIGIN },
    payload: {
      name: 'Importer',
      email: `importer-${Date.now()}@bench.example`,
      password: 'correct horse battery staple',
      workspace: { name: 'Kiungo Import Bench', locale: 'en', country: 'ET', calendar: 'gregorian' },
    },
  })
  if (res.statusCode !== 201) throw new Error(`sign-up failed: ${res.statusCode} ${res.body}`)
  const cookie = ([] as string[])
    .concat(res.headers['set-cookie'] ?? [])
    .map((c) => c.split(';')[0])
    .join('; ')
  return { cookie, workspaceId: res.json().workspace.id as string }
}

/** The upload as a browser sends it, streamed from the file: never whole in memory. */
function multipart(file: string) {
  const boundary = '----KiungoBenchBoundary7MA4YWxkTrZu0gW'
  async function* body() {
    yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="object"\r\n\r\nperson\r\n`)
    yield Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="people.csv"\r\nContent-Type: text/csv\r\n\r\n`,
    )
    for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) yield chunk as Buffer
    yield Buffer.from(`\r\n--${boundary}--\r\n`)
  }
  return { payload: Readable.from(body()), type: `multipart/form-data; boundary=${boundary}` }
}

export async function child(url: string, file: string) {
  const database = postgresDatabase(url)
  const app = await startApp(database)
  const { cookie, workspaceId } = await signUp(app)
  const rssStartMb = Math.round(process.memoryUsage().rss / 1_048_576)
  const headers = { cookie, origin: ORIGIN }
  const started = performance.now()
  const { payload, type } = multipart(file)
  const up = await app.inject({
    method: 'POST',
    url: '/api/v1/imports',
    headers: { ...headers, 'content-type': type },
    payload,
  })
  if (up.statusCode !== 201) throw new Error(`upload failed: ${up.statusCode} ${up.body}`)
  const uploadMs = performance.now() - started
  const imp = up.json()
  const start = await app.inject({
    method: 'POST',
    url: `/api/v1/imports/${imp.id}/start`,
    headers,
    payload: { mapping: imp.suggestedMapping, duplicates: 'skip' },
  })
  if (start.statusCode !== 202) throw new Error(`start failed: ${start.statusCode} ${start.body}`)
  const jobStarted = performance.now()
  const cpuBefore = process.cpuUsage()
  await runJobsOnce(database.db, { workspaceId })
  const jobMs = performance.now() - jobStarted
  const cpu = process.cpuUsage(cpuBefore)
  const done = (await app.inject({ method: 'GET', url: `/api/v1/imports/${imp.id}`, headers })).json()
  if (done.status !== 'done') throw new Error(`import ended ${done.status}: ${done.error}`)
  await app.close()
  await database.close()
  const result = {
    workspaceId,
    uploadMs,
    jobMs,
    counts: done.counts,
    rssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    rssStartMb,
    // Node's own CPU time during the job: how much of it was JavaScript, not waiting on the database.
    jobCpuMs: (cpu.user + cpu.system) / 1000,
    batchSize: importSettings.batchSize,
  }
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`)
}

export function runChild(url: string, file: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', `--url=${url}`, `--file=${file}`],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    let out = ''
    proc.stdout.on('data', (d) => {
      out += String(d)
    })
    proc.on('error', reject)
    proc.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '))
      if (code !== 0 || !line) reject(new Error(`import process exited ${code}: ${out.slice(-2000)}`))
      else resolve(JSON.parse(line.slice(7)))
    })
  })
}

// ---- The benchmark, from run.ts ------------------------------------------------------------

/**
 * The baseline: the people rows the import wrote, COPY'd from a server-side file into an
 * empty copy of the people table. LIKE copies columns, defaults, checks and indexes; the
 * foreign keys are added too, so COPY checks what the import's inserts check.
 */
async function copyBaseline(target: Target, ws: string, file: string) {
  await target.exec(`copy (select * from people where workspace_id = ${lit(ws)} order by created_at, id)
    to ${lit(file)}`)
  await target.exec('drop table if exists bench_people_copy')
  await target.exec('create table bench_people_copy (like people including all)')
  const fks = await target.exec(`select conname as name, pg_get_constraintdef(oid) as def from pg_constraint
    where conrelid = 'people'::regclass and contype = 'f'`)
  for (const fk of fks)
    await target.exec(`alter table bench_people_copy add constraint ${fk.name}_copy ${fk.def}`)
  const started = performance.now()
  await target.exec(`copy bench_people_copy from ${lit(file)}`)
  const ms = performance.now() - started
  const [n] = await target.exec('select count(*)::int as n from bench_people_copy')
  await target.exec('drop table bench_people_copy')
  console.log(`import: COPY of ${n?.n} people rows ${(ms / 1000).toFixed(1)} s`)
  const sameMs = await copyIntoPeople(target, ws, file)
  console.log(`import: COPY of the same rows into the people table itself ${(sameMs / 1000).toFixed(1)} s`)
  return { ms, sameMs, rows: Number(n?.n), error: null }
}

/**
 * The baseline read literally: the same rows COPY'd into the people table itself,
 * next to the 1M bench people and the rows the import wrote, with every index and foreign
 * key, in a transaction that is rolled back. Ids get version nibble 8 instead of 7: new
 * keys, in the same order (uuidv7 ids are time-ordered, as the import's are).
 */
async function copyIntoPeople(target: Target, ws: string, file: string) {
  const columns = await target.exec(`select column_name as name from information_schema.columns
    where table_schema = 'public' and table_name = 'people' order by ordinal_position`)
  const list = columns.map((c) =>
    c.name === 'id' ? `overlay(id::text placing '8' from 15 for 1)::uuid` : `"${String(c.name)}"`,
  )
  await target.exec(`copy (select ${list.join(', ')} from people where workspace_id = ${lit(ws)}
    order by created_at, id) to ${lit(file)}`)
  await target.exec('begin')
  try {
    const started = performance.now()
    await target.exec(`copy people from ${lit(file)}`)
    return performance.now() - started
  } finally {
    await target.exec('rollback')
  }
}

export async function benchImport(
  target: Target,
  url: string,
  rows: number,
  seed: number,
): Promise<ImportRun> {
  const file = path.join(os.tmpdir(), `kiungo-bench-import-${process.pid}.csv`)
  const copyFile = path.join(os.tmpdir(), `kiungo-bench-import-${process.pid}.copy`)
  try {
    console.log(`import: writing a CSV of ${rows} people`)
    const size = await writeCsv(file, rows, seed + 1)
    console.log(`import: ${(size / 1_048_576).toFixed(1)} MB; uploading and importing in a fresh process`)
    const r = await runChild(url, file)
    const ws = String(r.workspaceId)
    const counts = r.counts as ImportRun['counts']
    console.log(
      `import: upload ${(Number(r.uploadMs) / 1000).toFixed(1)} s, job ${(Number(r.jobMs) / 1000).toFixed(1)} s, ` +
        `${JSON.stringify(counts)}, peak RSS ${r.rssMb} MB`,
    )
    const copy = await copyBaseline(target, ws, copyFile).catch((err: Error) => {
      // Server-side files need a database on this machine (and a superuser): say so, go on.
      console.warn(`import: no COPY baseline: ${err.message}`)
      return { ms: Number.NaN, sameMs: Number.NaN, rows: 0, error: err.message }
    })
    return {
      rows,
      fileMb: size / 1_048_576,
      uploadMs: Number(r.uploadMs),
      jobMs: Number(r.jobMs),
      counts,
      peopleRows: copy.rows,
      copyMs: copy.ms,
      copySameMs: copy.sameMs,
      copyError: copy.error,
      rssMb: Number(r.rssMb),
      rssStartMb: Number(r.rssStartMb),
      jobCpuMs: Number(r.jobCpuMs),
      batchSize: Number(r.batchSize),
    }
  } finally {
    rmSync(file, { force: true })
    // Written by the database server; removing it may need its rights: leave it then.
    try {
      rmSync(copyFile, { force: true })
    } catch {}
  }
}

const mark = (ok: boolean) => (ok ? 'PASS' : '**FAIL**')
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`
const perSecond = (rows: number, ms: number) => Math.round(rows / (ms / 1000)).toLocaleString('en')

/** The "## Import" section of RESULTS.md. */
export function renderImport(run: ImportRun | null, scale: number): string {
  if (!run)
    return '## Import\n\nNot measured in this run (PostgreSQL not run, or `--cases` without import).\n'
  const total = run.uploadMs + run.jobMs
  const copyRate = run.copyError ? Number.NaN : run.peopleRows / (run.copyMs / 1000)
  const sameRate = run.copyError ? Number.NaN : run.peopleRows / (run.copySameMs / 1000)
  const rate = run.rows / (total / 1000)
  const limit = IMPORT_TARGETS.secondsPerMillion * (run.rows / 1_000_000)
  return [
    '## Import',
    '',
    `A CSV of ${run.rows.toLocaleString('en')} people (${run.fileMb.toFixed(1)} MB: Latin and Ge'ez names, phones in`,
    'national and international forms, 0.5% of rows with a bad email, 0.1% repeating the phone of the row before),',
    'uploaded with `POST /api/v1/imports` (streamed multipart, stored in 1 MB chunks, rows counted) and run to the end',
    `by the app's \`import\` job handler (batches of ${run.batchSize}, two in flight, duplicates skipped) in a fresh Node process on`,
    'PostgreSQL, into a new workspace of the loaded database. Baseline (the issue\'s "plain COPY of the same cleaned',
    'data into the same table"): the people rows the import wrote, COPY\'d from a server-side file into the people table',
    'itself (with new ids, in a transaction rolled back afterwards), with all its indexes and foreign keys. Shown beside it:',
    'the same COPY into an empty copy of the table, a stricter baseline (small indexes) used by earlier runs.',
    `Result: ${run.counts.created.toLocaleString('en')} created, ${run.counts.skipped} skipped, ${run.counts.failed} failed.`,
    '',
    '| step | time | rows/s |',
    '|---|---|---|',
    `| upload: store, detect, count rows | ${s(run.uploadMs)} | ${perSecond(run.rows, run.uploadMs)} |`,
    `| import job: validate, dedupe, write people, phones, emails, timeline, row log | ${s(run.jobMs)} | ${perSecond(run.rows, run.jobMs)} |`,
    `| **upload + job** | **${s(total)}** | **${perSecond(run.rows, total)}** |`,
    run.copyError
      ? `| COPY of the cleaned people rows | not measured: ${run.copyError} | |`
      : `| COPY of the ${run.peopleRows.toLocaleString('en')} cleaned people rows into the people table itself | ${s(run.copySameMs)} | ${perSecond(run.peopleRows, run.copySameMs)} |\n` +
        `| COPY of the same rows into an empty copy of the table | ${s(run.copyMs)} | ${perSecond(run.peopleRows, run.copyMs)} |`,
    '',
    run.copyError
      ? `- ≥ ${IMPORT_TARGETS.vsCopy}× the rows/s of COPY: not measured (no COPY baseline)`
      : `- ≥ ${IMPORT_TARGETS.vsCopy}× the rows/s of COPY into the same table (upload + job): ${(rate / sameRate).toFixed(2)}× ${mark(rate >= IMPORT_TARGETS.vsCopy * sameRate)}` +
        ` (job alone: ${(run.rows / (run.jobMs / 1000) / sameRate).toFixed(2)}×; against COPY into an empty copy of the table: ${(rate / copyRate).toFixed(2)}×)`,
    `- within ${IMPORT_TARGETS.secondsPerMillion} s per million rows (${limit.toFixed(1)} s for ${run.rows.toLocaleString('en')}${scale === 1 ? '' : ', scaled'}): ${s(total)} ${mark(total / 1000 <= limit)}`,
    `- server peak RSS ≤ ${IMPORT_TARGETS.rssMb} MB: ${run.rssMb} MB ${mark(run.rssMb <= IMPORT_TARGETS.rssMb)}` +
      ` (${run.rssStartMb} MB once the app was up, before the upload)`,
    `- CPU time of the Node process during the job: ${s(run.jobCpuMs)} of its ${s(run.jobMs)} (reading and checking` +
      ' the next batch overlaps with PostgreSQL writing the two batches in flight, one per core).',
    '',
  ].join('\n')
}

/** Puts the import section (and its line under "How it is measured") into RESULTS.md. */
export function withImport(markdown: string, run: ImportRun | null, scale: number): string {
  const section = renderImport(run, scale)
  const bullet = run
    ? '- Import (issue 4, point 5): a generated CSV through the app, in its own process, against COPY; see "Import".'
    : '- Import (issue 4, point 5): not measured in this run.'
  const body = markdown.replace(/^- Import \(issue 4, point 5\).*$/m, bullet)
  const heading = body.indexOf('\n## Import\n')
  if (heading < 0) return `${body}\n${section}`
  const next = body.indexOf('\n## ', heading + 1)
  return `${body.slice(0, heading + 1)}${section}${next < 0 ? '' : body.slice(next)}`
}

if (process.argv.includes('--child')) {
  const arg = (name: string) =>
    process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? ''
  await child(arg('url'), arg('file'))
  process.exit(0)
}
