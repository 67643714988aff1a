import pino from 'pino'
import { buildApp } from './app.ts'
import { type Config, ConfigError, loadConfig } from './config.ts'
import { createPglite, type Database, pgliteDatabase, postgresDatabase } from './db/client.ts'
import { type DataDirLock, DataDirLockedError, lockDataDir } from './db/lock.ts'
import { startJobRunner } from './features/jobs/jobs.ts'

// CLI entry: `start` runs the server, `migrate` applies migrations and exits.
const command = process.argv[2] ?? 'start'

async function openDatabase(config: Config): Promise<{ database: Database; lock: DataDirLock | null }> {
  if (config.databaseUrl) return { database: postgresDatabase(config.databaseUrl), lock: null }
  const lock = lockDataDir(config.dataDir)
  try {
    return { database: pgliteDatabase(await createPglite(`${config.dataDir}/pgdata`)), lock }
  } catch (err) {
    lock.release()
    throw err
  }
}

async function main() {
  let config: Config
  try {
    config = loadConfig()
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message)
      process.exit(1)
    }
    throw err
  }
  const logger = pino({ level: config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization'] })

  let opened: Awaited<ReturnType<typeof openDatabase>>
  try {
    opened = await openDatabase(config)
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      logger.fatal(err.message)
      console.error(err.message)
      process.exit(1)
    }
    throw err
  }
  const { database, lock } = opened
  logger.info(
    { database: database.kind, dataDir: database.kind === 'pglite' ? config.dataDir : undefined },
    'database open',
  )
  await database.migrate()

  if (command === 'migrate') {
    logger.info('migrations applied')
    await database.close()
    lock?.release()
    return
  }
  if (command !== 'start') {
    console.error(`Unknown command "${command}". Use: start | migrate`)
    process.exit(2)
  }

  const app = await buildApp({ config, database, logger })
  // Background jobs (bulk actions, imports) run here; buildApp alone (tests) never starts them.
  const runner = startJobRunner(database.db, logger)
  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    logger.info({ signal }, 'shutting down')
    const force = setTimeout(() => process.exit(1), 10_000)
    force.unref()
    try {
      // The running job stops after its current batch and goes back to the queue.
      await runner.stop()
      await app.close()
      await database.close()
    } finally {
      lock?.release()
      logger.info('stopped')
      process.exit(0)
    }
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
  await app.listen({ port: config.port, host: config.host })
  logger.info(`Kiungo is running at ${config.baseUrl}`)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
