import { postgresDatabase } from '../db/client.ts'

// With TEST_DATABASE_URL, migrate that database once before any test file runs.
export default async function setup() {
  const url = process.env.TEST_DATABASE_URL
  if (!url) return
  const database = postgresDatabase(url)
  await database.migrate()
  await database.close()
}
