// Runs the whole Vitest suite against PostgreSQL: creates a scratch database, points
// TEST_DATABASE_URL at it, and drops it afterwards. PG_URL picks the server
// (default: postgres://postgres@127.0.0.1:5432/postgres).
import { spawnSync } from 'node:child_process'
import pg from 'pg'

const admin = process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const name = `kiungo_test_${process.pid}`
const client = new pg.Client({ connectionString: admin })
await client.connect()
await client.query(`create database ${name}`)
await client.end()

const url = new URL(admin)
url.pathname = `/${name}`
const run = spawnSync('npx', ['vitest', 'run', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, TEST_DATABASE_URL: url.toString() },
})

const cleanup = new pg.Client({ connectionString: admin })
await cleanup.connect()
await cleanup.query(`drop database if exists ${name} with (force)`)
await cleanup.end()
process.exit(run.status ?? 1)
