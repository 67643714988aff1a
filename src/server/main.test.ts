import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

// The real CLI on an embedded data dir: data survives a graceful restart.
const PORT = 39200 + (process.pid % 500)
const url = `http://localhost:${PORT}`

function start(dataDir: string): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', 'start'], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(PORT),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'error',
    },
    stdio: 'ignore',
  })
}

async function waitReady() {
  for (let i = 0; i < 160; i++) {
    if (
      await fetch(`${url}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error('server did not become ready')
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code))
    child.kill('SIGTERM')
  })
}

describe('kiungo start', () => {
  it('keeps data across a graceful SIGTERM restart and releases the data dir', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'kiungo-main-'))
    let server = start(dataDir)
    await waitReady()
    const account = { name: 'Tigist', email: 'tigist@example.com', password: 'a long enough passphrase' }
    const signup = await fetch(`${url}/api/v1/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({
        ...account,
        workspace: { name: 'Bole Cafe', locale: 'am', country: 'ET', calendar: 'ethiopic' },
      }),
    })
    expect(signup.status).toBe(201)
    expect(await stop(server)).toBe(0)
    expect(existsSync(path.join(dataDir, 'kiungo.pid'))).toBe(false)

    server = start(dataDir)
    await waitReady()
    const signin = await fetch(`${url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({ email: account.email, password: account.password }),
    })
    expect(signin.status).toBe(200)
    const cookie = signin.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ')
    const me = await (await fetch(`${url}/api/v1/me`, { headers: { cookie } })).json()
    expect(me.workspace).toMatchObject({ name: 'Bole Cafe', calendar: 'ethiopic', currency: 'ETB' })
    expect(await stop(server)).toBe(0)
  }, 90_000)
})
