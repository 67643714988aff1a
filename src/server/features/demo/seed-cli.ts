import { and, asc, eq } from 'drizzle-orm'
import { ConfigError, loadConfig } from '../../config.ts'
import { createPglite, type Database, pgliteDatabase, postgresDatabase } from '../../db/client.ts'
import { type DataDirLock, DataDirLockedError, lockDataDir } from '../../db/lock.ts'
import { memberships, workspaces } from '../../db/schema/index.ts'
import { AppError } from '../../http/errors.ts'
import { seedDemo } from './seed.ts'

// `npm run seed:demo [-- --workspace <id>]`: fills the first workspace (or the one named)
// with the demo data, on the database the server would use. On the embedded database it
// takes the data-dir lock, so it refuses to run while the server is running.

function workspaceArg(argv: string[]): string | null {
  const i = argv.indexOf('--workspace')
  if (i < 0) return null
  const id = argv[i + 1]
  if (!id) fail('Usage: seed-cli [--workspace <workspace id>]')
  return id
}

// A problem to tell the user (no stack trace); thrown so the database still closes.
class CliError extends Error {}

function fail(message: string): never {
  throw new CliError(message)
}

async function main() {
  let config: ReturnType<typeof loadConfig>
  try {
    config = loadConfig()
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message)
    throw err
  }
  const wanted = workspaceArg(process.argv.slice(2))
  let lock: DataDirLock | null = null
  let database: Database
  if (config.databaseUrl) {
    database = postgresDatabase(config.databaseUrl)
  } else {
    try {
      lock = lockDataDir(config.dataDir)
    } catch (err) {
      if (err instanceof DataDirLockedError) fail(`${err.message}\nStop the server, then seed.`)
      throw err
    }
    database = pgliteDatabase(await createPglite(`${config.dataDir}/pgdata`))
  }
  try {
    await database.migrate()
    const { db } = database
    const [target] = await db
      .select({ id: workspaces.id, name: workspaces.name })
      .from(workspaces)
      .where(wanted ? eq(workspaces.id, wanted) : undefined)
      .orderBy(asc(workspaces.createdAt))
      .limit(1)
    if (!target) fail(wanted ? `No workspace ${wanted}` : 'No workspace yet: sign up in the app first.')
    const [owner] = await db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, target.id), eq(memberships.role, 'owner')))
      .orderBy(asc(memberships.createdAt))
      .limit(1)
    if (!owner) fail(`Workspace ${target.name} has no owner`)
    const started = Date.now()
    const counts = await seedDemo(db, target.id, owner.userId)
    console.log(
      `Demo data added to "${target.name}" in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
        `${counts.people} people, ${counts.companies} companies, ${counts.deals} deals, ` +
        `${counts.activities} activities.`,
    )
  } finally {
    await database.close()
    lock?.release()
  }
}

main().catch((err) => {
  console.error(err instanceof CliError || err instanceof AppError ? err.message : err)
  process.exit(1)
})
