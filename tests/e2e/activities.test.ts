import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  DESKTOP,
  expectAccessible,
  launchBrowser,
  newContext,
  type Server,
  screenshot,
  startServer,
} from './harness.ts'

// Bulk actions on the activities list: tick tasks, mark them done, delete them and undo.
let server: Server
let browser: Browser

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

type Activity = { id: string; type: string; done: boolean; deletedAt: string | null }

/** The first tasks of the list, in the order the page shows them, as the API sees them. */
async function tasks(context: BrowserContext): Promise<Activity[]> {
  const res = await context.request.get(
    `${server.url}/api/v1/activities?limit=100&type=task&sort=-occurredAt`,
  )
  expect(res.status()).toBe(200)
  return (await res.json()).data as Activity[]
}

/** The checkbox of the n-th row of the table (0 = the "select all" box in the header). */
const rowBox = (page: Page, n: number) => page.getByRole('table').getByRole('checkbox').nth(n)

describe('activities list', () => {
  it('marks two tasks done, deletes them and brings them back with Undo', async () => {
    const context = await newContext(browser, DESKTOP)
    const headers = { origin: server.url }
    const signup = await context.request.post(`${server.url}/api/v1/signup`, {
      headers,
      data: {
        name: 'Neema Mushi',
        email: `neema-${Date.now()}@example.com`,
        password: 'correct horse battery staple',
        workspace: { name: 'Duka la Neema', locale: 'en', country: 'TZ', calendar: 'gregorian' },
      },
    })
    expect(signup.status()).toBe(201)
    expect(
      (await context.request.post(`${server.url}/api/v1/demo-data`, { headers, data: {} })).status(),
    ).toBe(201)
    const page = await context.newPage()

    // Only tasks: the quick filter over the list.
    await page.goto(`${server.url}/activities`)
    await page.getByRole('button', { name: 'Task', exact: true }).click()
    await expect.poll(() => page.getByRole('table').getByRole('row').count()).toBeGreaterThan(3)
    // The two rows ticked below are the first two tasks of the list.
    const [first, second] = await tasks(context)
    const picked = [first!.id, second!.id]
    const pickedNow = async () => (await tasks(context)).filter((a) => picked.includes(a.id))

    await rowBox(page, 1).check()
    await rowBox(page, 2).check()
    await expect.poll(() => page.getByText('2 activities selected').count()).toBe(1)
    await expectAccessible(page, 'activities with a selection')
    await screenshot(page, 'activities-bulk')

    // Mark done: reversible, no confirmation; the toast says how many.
    await page.getByRole('button', { name: 'Mark done', exact: true }).click()
    await expect.poll(async () => (await pickedNow()).map((a) => a.done)).toEqual([true, true])
    await expect.poll(() => page.getByText(/tasks? marked done/).count()).toBeGreaterThan(0)

    // Delete two, then Undo from the toast: nothing is lost.
    await rowBox(page, 1).check()
    await rowBox(page, 2).check()
    await page.getByRole('button', { name: 'Delete', exact: true }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Move to the trash' }).click()
    await expect.poll(async () => (await pickedNow()).length).toBe(0)
    await page.getByRole('button', { name: 'Undo', exact: true }).click()
    await expect.poll(async () => (await pickedNow()).length).toBe(2)
    await context.close()
  })
})
