import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config.ts'

const tmp = () => mkdtempSync(path.join(tmpdir(), 'kiungo-config-'))

describe('config', () => {
  it('has working defaults and stores a generated secret in the data dir', () => {
    const dir = tmp()
    const config = loadConfig({ DATA_DIR: dir })
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      baseUrl: 'http://localhost:3000',
      secureCookies: false,
    })
    expect(config.secret.length).toBeGreaterThanOrEqual(32)
    expect(readFileSync(path.join(dir, 'secret'), 'utf8').trim()).toBe(config.secret)
    expect(loadConfig({ DATA_DIR: dir }).secret).toBe(config.secret)
  })

  it('lists every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', BASE_URL: 'not a url', AUTH_SECRET: 'short' })
      expect.unreachable()
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError)
      const names = (err as ConfigError).problems.map((p) => p.split(':')[0])
      expect(names).toEqual(expect.arrayContaining(['PORT', 'DATABASE_URL', 'BASE_URL', 'AUTH_SECRET']))
    }
  })

  it('uses Secure cookies behind an https BASE_URL', () => {
    const config = loadConfig({ DATA_DIR: tmp(), BASE_URL: 'https://crm.example.et/' })
    expect(config).toMatchObject({ baseUrl: 'https://crm.example.et', secureCookies: true })
  })
})
