import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from './test/harness.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

describe('the app', () => {
  it('answers /healthz and /readyz', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' })
    const ready = await t.app.inject('/readyz')
    expect(ready.statusCode).toBe(200)
    expect(ready.json()).toEqual({ status: 'ready' })
  })

  it('sends security headers with a strict CSP', async () => {
    const res = await t.app.inject('/healthz')
    const csp = res.headers['content-security-policy'] as string
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("object-src 'none'")
    expect(csp).toContain("base-uri 'none'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).not.toContain('unsafe-inline')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['referrer-policy']).toBeDefined()
  })

  it('compresses responses with brotli or gzip', async () => {
    const br = await t.app.inject({ url: '/api/openapi.json', headers: { 'accept-encoding': 'br' } })
    expect(br.headers['content-encoding']).toBe('br')
    const gz = await t.app.inject({ url: '/api/openapi.json', headers: { 'accept-encoding': 'gzip' } })
    expect(gz.headers['content-encoding']).toBe('gzip')
  })

  it('publishes an OpenAPI 3.1 document covering the people API, and its reference UI', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json()
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/people',
        '/api/v1/people/{id}',
        '/api/v1/people/{id}/restore',
        '/api/v1/signup',
      ]),
    )
    expect(doc.paths['/api/v1/people'].post.requestBody).toBeDefined()
    expect(doc.paths['/api/v1/people/{id}'].patch.responses['412']).toBeDefined()
    expect(doc.components.schemas.Person).toBeDefined()
    const ui = await t.app.inject('/api/docs/')
    expect(ui.statusCode).toBe(200)
    expect(ui.headers['content-type']).toContain('text/html')
  })

  it('answers unknown API routes and malformed JSON with problem+json', async () => {
    const missing = await t.app.inject('/api/v1/nothing-here')
    expect(missing.statusCode).toBe(404)
    expect(missing.headers['content-type']).toContain('application/problem+json')
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/signup',
      headers: { 'content-type': 'application/json', origin: 'http://localhost:3000' },
      payload: '{"name":',
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.headers['content-type']).toContain('application/problem+json')
    expect(bad.json().stack).toBeUndefined()
  })
})
