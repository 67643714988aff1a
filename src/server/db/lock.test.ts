import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DataDirLockedError, lockDataDir } from './lock.ts'

const tmp = () => mkdtempSync(path.join(tmpdir(), 'kiungo-lock-'))

function runServer(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', 'start'], {
      // A clean environment: Vitest itself sets BASE_URL, which the server would read.
      env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'error', ...env },
    })
    let output = ''
    child.stdout.on('data', (d) => {
      output += d
    })
    child.stderr.on('data', (d) => {
      output += d
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, output })
    })
  })
}

describe('data dir lock', () => {
  it('a second process on the same data dir refuses to start with a clear message', async () => {
    const dir = tmp()
    const lock = lockDataDir(dir) // this test process plays the first server
    try {
      const second = await runServer({ DATA_DIR: dir, PORT: '39123' })
      expect(second.code).toBe(1)
      expect(second.output).toContain('is in use by another Kiungo process')
      expect(second.output).toContain(String(process.pid))
    } finally {
      lock.release()
    }
  })

  it('refuses a second lock in-process and takes over a stale lock file', async () => {
    const dir = tmp()
    const first = lockDataDir(dir)
    const { writeFileSync } = await import('node:fs')
    // A lock held by a live process (our parent) is respected…
    writeFileSync(path.join(dir, 'kiungo.pid'), String(process.ppid))
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError)
    // …one left by a dead process is taken over.
    writeFileSync(path.join(dir, 'kiungo.pid'), '999999')
    const again = lockDataDir(dir)
    again.release()
    first.release()
  })

  it('the server exits non-zero listing bad configuration', async () => {
    const res = await runServer({ DATA_DIR: tmp(), PORT: 'abc', BASE_URL: 'nope' })
    expect(res.code).toBe(1)
    expect(res.output).toContain('PORT')
    expect(res.output).toContain('BASE_URL')
  })
})
