import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  catalog,
  DESKTOP,
  expectAccessible,
  launchBrowser,
  PHONE,
  type Server,
  screenshot,
  startServer,
} from './harness.ts'

// Analytics: the morning dashboard of an Ethiopian shop (key figures, the pipeline's
// table drilling into the deals list, the period in the URL); a report built, shared,
// pinned and downloaded; the forecast with a target set by the admin; and the dashboard
// in Amharic on the Ethiopian calendar and in Swahili, on a phone and a desktop.
let server: Server
let browser: Browser
let desktop: BrowserContext
const stamp = Date.now()
const owner = 'Almaz Tesfaye'
const password = 'buna be jebena tiwat'
const reportName = 'Pipeline value by stage'

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
  // Amharic workspace on the Ethiopian calendar; its owner reads the app in English.
  desktop = await newContext(DESKTOP)
  await openWorkspace(desktop, {
    name: owner,
    email: `almaz-${stamp}@example.com`,
    workspace: { name: 'Almaz Buna', locale: 'am', country: 'ET', calendar: 'ethiopic' },
  })
  await setLocale(desktop, 'en')
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** A context like the harness's, with reduced motion so charts are drawn at once. */
function newContext(viewport: { width: number; height: number }) {
  return browser.newContext({
    viewport,
    locale: 'en-US',
    isMobile: viewport.width < 600,
    hasTouch: viewport.width < 600,
    reducedMotion: 'reduce',
  })
}

/** Signs up (the context keeps the session) and adds the demo data. */
async function openWorkspace(
  context: BrowserContext,
  body: { name: string; email: string; workspace: Record<string, string> },
) {
  const headers = { origin: server.url }
  const signup = await context.request.post(`${server.url}/api/v1/signup`, {
    headers,
    data: { ...body, password },
  })
  expect(signup.status()).toBe(201)
  const demo = await context.request.post(`${server.url}/api/v1/demo-data`, { headers, data: {} })
  expect(demo.status()).toBe(201)
}

async function setLocale(context: BrowserContext, locale: 'en' | 'am' | 'sw') {
  const res = await context.request.patch(`${server.url}/api/v1/me`, {
    headers: { origin: server.url },
    data: { locale },
  })
  expect(res.status()).toBe(200)
}

/** A chart card: a <section> named by its heading. */
const card = (scope: Page | Locator, title: string) => scope.getByRole('region', { name: title, exact: true })

/** Waits until the key figures and every chart have loaded (no skeleton left). */
async function dashboardLoaded(page: Page, keyFigures = 'Key figures') {
  const kpis = page.getByRole('region', { name: keyFigures })
  await expect.poll(() => kpis.getByRole('listitem').count(), { timeout: 20_000 }).toBe(10)
  await expect.poll(() => page.locator('[aria-busy="true"]').count(), { timeout: 20_000 }).toBe(0)
  await expect.poll(() => page.locator('main canvas').count()).toBeGreaterThan(0)
}

/** The figure shown on a key-figure card. */
const kpiValue = (page: Page, name: string) =>
  page
    .getByRole('region', { name: 'Key figures' })
    .getByRole('listitem')
    .filter({ has: page.getByText(name, { exact: true }) })
    .locator('span')
    .nth(1)
    .textContent()

async function noHorizontalScroll(page: Page, width: number) {
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth)
  expect(scroll).toBeLessThanOrEqual(width)
}

// Ethiopian month names (full, and the first letters ICU's short forms keep).
const ETHIOPIAN_MONTHS = [
  'መስከረም',
  'ጥቅምት',
  'ኅዳር',
  'ታኅሣሥ',
  'ጥር',
  'የካቲት',
  'መጋቢት',
  'ሚያዝያ',
  'ግንቦት',
  'ሰኔ',
  'ሐምሌ',
  'ነሐሴ',
  'ጳጉሜን',
]
const ETHIOPIAN_MONTH = new RegExp(ETHIOPIAN_MONTHS.map((m) => [...m].slice(0, 3).join('')).join('|'))

describe('analytics', () => {
  it('shows the key figures, drills from the pipeline table to the deals, keeps the period in the URL', async () => {
    const page = await desktop.newPage()
    const kpisResponse = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/dashboard/kpis')
    await page.goto(`${server.url}/`)
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor()
    await dashboardLoaded(page)

    // Key figures with numbers: the ones the server counted for this (Ethiopian) month.
    const kpis = (await (await kpisResponse).json()) as { kpis: { key: string; value: number | null }[] }
    const figure = (key: string) => kpis.kpis.find((k) => k.key === key)?.value
    const newPeople = figure('newPeople')
    expect(newPeople).toEqual(expect.any(Number))
    expect(await kpiValue(page, 'New people')).toBe(new Intl.NumberFormat('en').format(newPeople ?? -1))
    expect(figure('openPipelineValue')).toBeGreaterThan(0)
    expect(await kpiValue(page, 'Open pipeline')).toMatch(/ETB\s?[1-9][\d,]*/)
    expect(await kpiValue(page, 'Win rate')).toMatch(/^(\d+(\.\d)?%|—)$/)
    // The period line is in the Ethiopian calendar (English month names of it).
    const periodLine = await page.locator('main h1 + p').textContent()
    expect(periodLine).toMatch(
      /Almaz Buna · .*\b(Meskerem|Tekemt|Hedar|Tahsas|Ter|Yekatit|Megabit|Miazia|Genbot|Sene|Hamle|Nehasse|Pagumen)\b/,
    )
    await expectAccessible(page, 'dashboard (desktop, en)')

    // "Pipeline by stage": Chart → Table, an accessible table with a caption.
    const funnel = card(page, 'Pipeline by stage')
    const canvas = funnel.locator('canvas')
    await canvas.waitFor()
    expect(await canvas.getAttribute('aria-label')).toBe(
      'Pipeline by stage: chart. The same figures are in its table.',
    )
    await funnel.getByRole('button', { name: 'Table' }).click()
    expect(await funnel.getByRole('button', { name: 'Table' }).getAttribute('aria-pressed')).toBe('true')
    const table = funnel.getByRole('table', { name: 'Pipeline by stage' })
    await table.waitFor()
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(['Stage', 'Value (ETB)'])
    const stageLinks = table.locator('tbody').getByRole('link')
    expect(await stageLinks.count()).toBeGreaterThan(1)
    const stage = (await stageLinks.first().textContent()) ?? ''
    const pipelines = await page.request.get(`${server.url}/api/v1/pipelines`)
    const stageNames = ((await pipelines.json()) as { data: { stages: { name: string }[] }[] }).data.flatMap(
      (p) => p.stages.map((s) => s.name),
    )
    expect(stageNames).toContain(stage)

    // A row opens the deals list filtered to that stage.
    await stageLinks.first().click()
    await page.waitForURL(/\/deals\/list\?/)
    const filters = new URL(page.url()).searchParams.get('filters') ?? ''
    expect(filters).toContain('"field":"stage"')
    const deals = page.getByRole('table', { name: 'Deals' })
    await expect.poll(() => deals.locator('tbody tr').count(), { timeout: 15_000 }).toBeGreaterThan(0)
    const stageCells = await deals.locator('tbody tr').allTextContents()
    expect(stageCells.every((row) => row.includes(stage))).toBe(true)

    // Back home: the period "This year" goes into the URL, the figures follow.
    await page.goto(`${server.url}/`)
    await dashboardLoaded(page)
    const monthLine = await page.locator('main h1 + p').textContent()
    await page.getByLabel('Period').selectOption('this-year')
    await expect.poll(() => new URL(page.url()).searchParams.get('period')).toBe('this-year')
    await expect.poll(() => page.locator('main h1 + p').textContent()).not.toBe(monthLine)
    // This Ethiopian year began on 1 Meskerem.
    expect(await page.locator('main h1 + p').textContent()).toMatch(/\b1 Meskerem\b|Meskerem 1\b/)
    await dashboardLoaded(page)
    await page.reload()
    expect(await page.getByLabel('Period').inputValue()).toBe('this-year')
    await page.close()
  })

  it('builds a report of deal value by stage, shares it, pins it and downloads it as CSV', async () => {
    const page = await desktop.newPage()
    await page.goto(`${server.url}/reports`)
    await page.getByRole('link', { name: 'New report' }).first().click()
    await page.waitForURL(/\/reports\/new$/)
    await page.getByRole('heading', { level: 1, name: 'New report' }).waitFor()

    await page.getByLabel('Report on').selectOption('deal')
    await page.getByLabel('Group by').selectOption({ label: 'Stage' })
    await page.getByLabel('Figure').selectOption('sum')
    await page.getByLabel('Field', { exact: true }).selectOption({ label: 'Amount' })
    await page.getByLabel('Bar chart').check()
    expect(await page.getByLabel('Bar chart').isChecked()).toBe(true)

    const title = 'Sum of Amount by Stage'
    const preview = card(page, title)
    await preview.locator('canvas').waitFor({ timeout: 15_000 })
    await preview.getByRole('button', { name: 'Table' }).click()
    const table = preview.getByRole('table', { name: title })
    await table.waitFor()
    const stages = await table.locator('tbody th').allTextContents()
    expect(stages.length).toBeGreaterThan(1)
    const pipelines = await page.request.get(`${server.url}/api/v1/pipelines`)
    const stageNames = ((await pipelines.json()) as { data: { stages: { name: string }[] }[] }).data.flatMap(
      (p) => p.stages.map((s) => s.name),
    )
    for (const s of stages) expect(stageNames).toContain(s)
    expect(await table.locator('tbody td').first().textContent()).toMatch(/ETB/)
    await expectAccessible(page, 'report builder (desktop, en)')

    // Saved, shared with the workspace.
    await page.getByRole('button', { name: 'Save report' }).click()
    const dialog = page.getByRole('dialog', { name: 'Save report' })
    await dialog.getByLabel('Report name').fill(reportName)
    await dialog.getByLabel('Share with the workspace').check()
    await dialog.getByRole('button', { name: 'Save report' }).click()
    await page.waitForURL(/\/reports\/[0-9a-f-]{36}$/)
    const id = new URL(page.url()).pathname.split('/').pop() ?? ''
    await page.getByRole('heading', { level: 1, name: reportName }).waitFor()
    await expect.poll(() => page.getByText('Report saved', { exact: true }).isVisible()).toBe(true)
    await page.getByRole('button', { name: 'Dismiss' }).click()
    await expect.poll(() => page.getByText('Report saved', { exact: true }).count()).toBe(0)
    expect(await page.getByText('Shared', { exact: true }).first().isVisible()).toBe(true)
    const saved = await page.request.get(`${server.url}/api/v1/reports/${id}`)
    const report = (await saved.json()) as { shared: boolean; definition: Record<string, unknown> }
    expect(report.shared).toBe(true)
    expect(report.definition).toMatchObject({
      object: 'deal',
      groupBy: [{ field: 'stage' }],
      measure: { fn: 'sum', field: 'amount' },
      chart: 'bar',
    })

    // Pinned to my dashboard.
    const pin = page.getByRole('button', { name: 'Pin to my dashboard' })
    const pinned = page.waitForResponse(
      (r) => r.url().endsWith(`/api/v1/reports/${id}/pin`) && r.request().method() === 'PUT',
    )
    await pin.click()
    expect((await pinned).ok()).toBe(true)
    await expect.poll(() => pin.getAttribute('aria-pressed')).toBe('true')
    await card(page, reportName).locator('canvas').waitFor()
    await screenshot(page, 'analytics-report-builder-en-desktop')

    // The CSV of the saved report.
    await page.locator('summary', { hasText: 'Export' }).click()
    const href = await page.getByRole('link', { name: 'CSV (UTF-8)' }).getAttribute('href')
    expect(href).toBe(`/api/v1/reports/${id}/result.csv`)
    const csv = await page.request.get(`${server.url}${href}`)
    expect(csv.status()).toBe(200)
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/)
    const lines = (await csv.text()).trim().split(/\r?\n/)
    expect(lines[0]).toBe('stage,sum amount (ETB)')
    expect(lines.length).toBe(stages.length + 1)

    // Home: the pinned report's card under "Pinned reports".
    await page.goto(`${server.url}/`)
    const pins = page.getByRole('region', { name: 'Pinned reports' })
    await pins.getByRole('heading', { name: 'Pinned reports' }).waitFor({ timeout: 15_000 })
    const pinnedCard = card(pins, reportName)
    await pinnedCard.locator('canvas').waitFor({ timeout: 15_000 })
    expect(await pinnedCard.getByRole('link', { name: 'Open report' }).getAttribute('href')).toBe(
      `/reports/${id}`,
    )
    await page.close()
  })

  it('shows the forecast from this month, and an admin sets an owner’s target', async () => {
    const page = await desktop.newPage()
    await page.goto(`${server.url}/forecast`)
    await page.getByRole('heading', { level: 1, name: 'Forecast' }).waitFor()
    const table = page.getByRole('table', { name: 'Forecast by month and owner (ETB)' })
    await table.waitFor({ timeout: 15_000 })

    // The first month is this month: the Ethiopian days it covers include today's month.
    const months = table.locator('th[scope="rowgroup"]')
    expect(await months.count()).toBe(6)
    const today = await page.evaluate(() =>
      new Intl.DateTimeFormat('en-u-ca-ethiopic', { month: 'short', timeZone: 'Africa/Addis_Ababa' }).format(
        new Date(),
      ),
    )
    const first = (await months.first().textContent()) ?? ''
    expect(first).toContain(today)
    const forecast = await page.request.get(`${server.url}/api/v1/forecast?months=6`)
    const body = (await forecast.json()) as { months: { month: string }[] }
    const thisMonth = new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Addis_Ababa' })
      .format(new Date())
      .slice(0, 7)
    expect(body.months[0]?.month).toBe(thisMonth)

    // The owner's target for this month, typed in place; it is kept.
    const input = table.getByRole('textbox', { name: new RegExp(`^Target for ${owner}, `) }).first()
    await input.waitFor()
    const label = (await input.getAttribute('aria-label')) ?? ''
    expect(label).toContain(first)
    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/targets') && r.request().method() === 'PUT',
    )
    await input.fill('250000')
    await input.press('Enter')
    expect((await saved).status()).toBe(200)
    await page.reload()
    const again = page
      .getByRole('table', { name: 'Forecast by month and owner (ETB)' })
      .getByRole('textbox', { name: label, exact: true })
    await expect.poll(() => again.inputValue(), { timeout: 15_000 }).toBe('250000.00')
    const targets = await page.request.get(`${server.url}/api/v1/targets?year=${thisMonth.slice(0, 4)}`)
    const list = (await targets.json()) as { data: { month: string; amountMinor: number }[] }
    expect(list.data).toContainEqual(expect.objectContaining({ month: thisMonth, amountMinor: 25_000_000 }))
    await expectAccessible(page, 'forecast (desktop, en)')
    await page.close()
  })

  it('reads in Amharic on the Ethiopian calendar and in Swahili, on a phone and a desktop', async () => {
    const am = catalog('am')
    await setLocale(desktop, 'am')
    const phone = await newContext(PHONE)
    await phone.addCookies(await desktop.cookies())
    let page = await phone.newPage()
    await page.goto(`${server.url}/`)
    await page.getByRole('heading', { level: 1, name: am('Dashboard') }).waitFor({ timeout: 15_000 })
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('am')
    const period = (await page.locator('main h1 + p').textContent()) ?? ''
    expect(period).toMatch(ETHIOPIAN_MONTH)
    await dashboardLoaded(page, am('Key figures'))
    expect(await card(page, am('Pinned reports')).count()).toBe(1)
    await noHorizontalScroll(page, PHONE.width)
    await expectAccessible(page, 'dashboard (phone, am)')
    await screenshot(page, 'analytics-dashboard-am-phone')
    await page.close()
    await phone.close()

    page = await desktop.newPage()
    await page.goto(`${server.url}/`)
    await page.getByRole('heading', { level: 1, name: am('Dashboard') }).waitFor({ timeout: 15_000 })
    await dashboardLoaded(page, am('Key figures'))
    await screenshot(page, 'analytics-dashboard-am-desktop', true)
    await page.close()
    await setLocale(desktop, 'en')

    // A Kenyan workspace in Swahili.
    const sw = catalog('sw')
    const swPhone = await newContext(PHONE)
    await openWorkspace(swPhone, {
      name: 'Wanjiru Njoroge',
      email: `wanjiru-${stamp}@example.com`,
      workspace: { name: 'Duka la Wanjiru', locale: 'sw', country: 'KE', calendar: 'gregorian' },
    })
    page = await swPhone.newPage()
    await page.goto(`${server.url}/`)
    await page.getByRole('heading', { level: 1, name: sw('Dashboard') }).waitFor({ timeout: 15_000 })
    await dashboardLoaded(page, sw('Key figures'))
    expect(await card(page, sw('Pipeline by stage')).count()).toBe(1)
    await noHorizontalScroll(page, PHONE.width)
    await screenshot(page, 'analytics-dashboard-sw-phone')
    await page.close()

    const swDesktop = await newContext(DESKTOP)
    await swDesktop.addCookies(await swPhone.cookies())
    page = await swDesktop.newPage()
    await page.goto(`${server.url}/`)
    await page.getByRole('heading', { level: 1, name: sw('Dashboard') }).waitFor({ timeout: 15_000 })
    await dashboardLoaded(page, sw('Key figures'))
    await screenshot(page, 'analytics-dashboard-sw-desktop', true)
    await page.close()
    await swPhone.close()
    await swDesktop.close()
  })
})
