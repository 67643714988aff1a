import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  DESKTOP,
  expectAccessible,
  launchBrowser,
  newContext,
  PHONE,
  type Server,
  screenshot,
  startServer,
} from './harness.ts'

// The core CRM week: a company and its person, deals moved on the board by mouse and by
// keyboard, a call on the timeline, a task done. Then the same screens in Amharic and
// Swahili on a desktop and a 360 px phone.
let server: Server
let browser: Browser
const email = `selam-${Date.now()}@example.com`
const password = 'ቡና በጠዋት ይጣፍጣል'

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

const column = (page: Page, stage: string) => page.getByRole('region', { name: stage, exact: true })
const lang = (page: Page) => page.evaluate(() => document.documentElement.lang)

async function switchLanguage(page: Page, locale: 'en' | 'am' | 'sw') {
  await page
    .locator('select')
    .filter({ has: page.locator(`option[value="${locale}"]`) })
    .first()
    .selectOption(locale)
  await expect.poll(() => lang(page)).toBe(locale)
}

describe('core CRM journey', () => {
  it('links a person to a company, moves deals by mouse and keyboard, logs a call and completes a task', async () => {
    const page = await (await newContext(browser, DESKTOP)).newPage()
    await page.goto(`${server.url}/sign-up`)
    await page.getByLabel('Your name').fill('Selam Tadesse')
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password').fill(password)
    await page.getByLabel('Business name').fill('Selam Trading')
    await page.getByLabel('Main language').selectOption('en')
    await page.getByLabel('Country').selectOption('ET')
    await page.getByRole('button', { name: 'Create account' }).click()
    await page.locator('main#main h1').waitFor()

    // A company, then a person added from its page (the company is preselected).
    await page.goto(`${server.url}/companies/new`)
    await page.getByLabel('Company name').fill('Abay Coffee Exporters')
    await page.getByLabel('Website').fill('https://www.abaycoffee.et/about')
    await page.getByLabel('City').fill('Addis Ababa')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByRole('heading', { name: 'Abay Coffee Exporters' }).waitFor()
    await expect.poll(() => page.getByText('abaycoffee.et').first().isVisible()).toBe(true)
    await page.getByRole('link', { name: 'Add person' }).click()
    await page.getByLabel('First name').fill('ሰላም')
    await page.getByLabel('Last name').fill('ታደሰ')
    await page.getByLabel('Phone number').first().fill('0911 22 33 44')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByRole('heading', { name: 'ሰላም ታደሰ' }).waitFor()
    expect(await page.getByRole('link', { name: 'Abay Coffee Exporters' }).count()).toBeGreaterThan(0)

    // Two deals from the person's page: they start linked to the person and the company.
    for (const [title, amount] of [
      ['Coffee export 2027', '150,000'],
      ['Roasting machine', '42000.50'],
    ] as const) {
      await page.getByRole('link', { name: 'Add deal' }).click()
      await page.getByLabel('Deal title').fill(title)
      await page.getByLabel('Amount').fill(amount)
      await page.getByRole('button', { name: 'Save' }).click()
      await page.getByRole('heading', { name: title }).waitFor()
      await page.getByRole('link', { name: 'ሰላም ታደሰ' }).first().click()
      await page.getByRole('heading', { name: 'ሰላም ታደሰ' }).waitFor()
    }

    // Drag one deal to the next stage with the mouse.
    await page.goto(`${server.url}/deals`)
    const export2027 = page.getByRole('article', { name: 'Coffee export 2027' })
    await export2027.waitFor()
    expect(await column(page, 'Lead').getByText('ETB 150,000.00').count()).toBeGreaterThan(0)
    await expectAccessible(page, 'deals board')
    const from = await export2027.getByText('ETB 150,000.00').boundingBox()
    const to = await column(page, 'Qualified').boundingBox()
    if (!from || !to) throw new Error('board not laid out')
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2)
    await page.mouse.down()
    await page.mouse.move(from.x + 40, from.y + 20, { steps: 5 })
    await page.mouse.move(to.x + to.width / 2, to.y + 120, { steps: 15 })
    await page.mouse.up()
    await expect
      .poll(() => column(page, 'Qualified').getByRole('article', { name: 'Coffee export 2027' }).count())
      .toBe(1)
    // Column totals follow, per currency.
    await expect.poll(() => column(page, 'Qualified').getByText('ETB 150,000.00').count()).toBeGreaterThan(0)

    // Move the other deal with the keyboard only: grip, Space, arrow right, Space.
    // Each step waits for what a screen reader would hear (dnd-kit's live region).
    const grip = page.getByRole('button', { name: 'Drag Roasting machine' })
    await grip.focus()
    await expect.poll(() => grip.evaluate((el) => el === document.activeElement)).toBe(true)
    await page.keyboard.press('Space')
    await expect.poll(() => page.getByText('Roasting machine is over Lead.').count()).toBe(1)
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => page.getByText('Roasting machine is over Qualified.').count()).toBe(1)
    await page.keyboard.press('Space')
    await expect
      .poll(() => column(page, 'Qualified').getByRole('article', { name: 'Roasting machine' }).count())
      .toBe(1)

    // The move is on the deal's timeline, and stays after a reload.
    await page.reload()
    await column(page, 'Qualified').getByRole('link', { name: 'Coffee export 2027' }).click()
    await expect.poll(() => page.getByText('moved Coffee export 2027 from Lead to Qualified').count()).toBe(1)

    // Log a call on the person's page and see it on the timeline.
    await page.getByRole('link', { name: 'ሰላም ታደሰ' }).first().click()
    const composer = page.getByRole('form', { name: 'Add to the timeline' })
    await composer.getByText('Call', { exact: true }).click()
    await composer.getByLabel('Duration (minutes)').fill('5')
    await composer.getByLabel('Note (optional)').fill('Agreed on **two containers** in January')
    await composer.getByRole('button', { name: 'Log call' }).click()
    await expect.poll(() => page.getByText('Selam Tadesse logged a call').count()).toBe(1)
    expect(await page.locator('strong', { hasText: 'two containers' }).count()).toBe(1)

    // Add a task for tomorrow, then complete it from My tasks.
    await composer.getByText('Task', { exact: true }).click()
    await composer.getByLabel('What needs doing').fill('Send the price list')
    const tomorrow = new Date(Date.now() + 26 * 3600_000).toISOString().slice(0, 10)
    await composer.getByLabel('Due').fill(`${tomorrow}T10:00`)
    await composer.getByRole('button', { name: 'Add task' }).click()
    await expect.poll(() => page.getByText('Send the price list').count()).toBeGreaterThan(0)
    await expectAccessible(page, 'person page with activities')
    await page
      .getByRole('link', { name: /^Tasks/ })
      .first()
      .click()
    const task = page.getByRole('checkbox', { name: 'Send the price list' })
    await task.waitFor()
    await expectAccessible(page, 'my tasks')
    await task.click()
    await expect.poll(() => page.getByRole('checkbox', { name: 'Send the price list' }).count()).toBe(0)

    // The board and the person page in Amharic and Swahili.
    for (const locale of ['am', 'sw'] as const) {
      await switchLanguage(page, locale)
      await page.goto(`${server.url}/deals`)
      await page.getByRole('article', { name: 'Coffee export 2027' }).waitFor()
      await screenshot(page, `kanban-desktop-${locale}`)
      await page.getByRole('link', { name: 'Coffee export 2027' }).click()
      await page.getByRole('link', { name: 'ሰላም ታደሰ' }).first().click()
      await page.getByRole('heading', { name: 'ሰላም ታደሰ' }).waitFor()
      await screenshot(page, `person-timeline-desktop-${locale}`, true)
    }
    await expectAccessible(page, 'person page (sw)')
  })

  it('finds people, companies and deals from Ctrl+K by name, phone number as typed, or title', async () => {
    const page = await (await newContext(browser, DESKTOP)).newPage()
    await page.goto(`${server.url}/sign-in`)
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password').fill(password)
    await page.getByRole('button', { name: /Sign in|ግባ|Ingia/ }).click()
    await page.locator('main#main h1').waitFor()
    await switchLanguage(page, 'en')
    const search = async (text: string, pick: string) => {
      await page.keyboard.press('Control+K')
      const box = page.getByRole('combobox', { name: 'Search people, companies and deals' })
      await box.fill(text)
      await page
        .getByRole('option', { name: new RegExp(pick) })
        .first()
        .waitFor()
      await box.press('Enter')
      await page.getByRole('heading', { level: 1, name: pick }).waitFor()
    }
    await search('0911 22 33 44', 'ሰላም ታደሰ')
    await search('+251911223344', 'ሰላም ታደሰ')
    await search('ሰላም', 'ሰላም ታደሰ')
    await search('abay cofee', 'Abay Coffee Exporters')
    await search('roasting', 'Roasting machine')
    await page.keyboard.press('Control+K')
    await page.getByRole('combobox', { name: 'Search people, companies and deals' }).fill('Abay')
    await page.getByRole('option').first().waitFor()
    await expectAccessible(page, 'command menu')
    await screenshot(page, 'search-desktop-en')
    await page.keyboard.press('Escape')

    // The people list exports as CSV for Excel: BOM first, Ge'ez intact, phones neutralised.
    await page.goto(`${server.url}/people`)
    await page.getByText('Export', { exact: true }).click()
    const excelLink = page.getByRole('link', { name: 'CSV for Excel' })
    const href = await excelLink.getAttribute('href')
    expect(href).toContain('/api/v1/people/export.csv')
    const csv = await page.request.get(`${server.url}${href}`)
    expect(csv.headers()['content-type']).toContain('text/csv')
    const body = await csv.body()
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(body.toString('utf8')).toContain('ሰላም,ታደሰ')
    expect(body.toString('utf8')).toContain("'+251911223344")
    await switchLanguage(page, 'sw') // as the next test expects
  })

  it('moves a deal from the "Move to stage" menu on a 360 px phone', async () => {
    const page = await (await newContext(browser, PHONE)).newPage()
    await page.goto(`${server.url}/sign-in`)
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password').fill(password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.locator('main#main h1').waitFor()
    expect(await lang(page)).toBe('sw')
    await page.goto(`${server.url}/deals`)
    const card = page.getByRole('article', { name: 'Roasting machine' })
    await card.waitFor()
    // Stage names are the workspace's data, in its main language (English here).
    await card.getByRole('combobox').selectOption({ label: 'Proposal' })
    await expect
      .poll(() => column(page, 'Proposal').getByRole('article', { name: 'Roasting machine' }).count())
      .toBe(1)
    await expectAccessible(page, 'deals board (phone, sw)')
    await column(page, 'Qualified').scrollIntoViewIfNeeded()
    await screenshot(page, 'kanban-phone-sw')
    await page.getByRole('link', { name: 'Roasting machine' }).click()
    await page.getByRole('link', { name: 'ሰላም ታደሰ' }).first().click()
    await page.getByRole('heading', { name: 'ሰላም ታደሰ' }).waitFor()
    await screenshot(page, 'person-timeline-phone-sw', true)
    await switchLanguage(page, 'am')
    await page.goto(`${server.url}/deals`)
    await page.getByRole('article', { name: 'Roasting machine' }).scrollIntoViewIfNeeded()
    await screenshot(page, 'kanban-phone-am')
    await page.getByRole('link', { name: 'Roasting machine' }).click()
    await page.getByRole('link', { name: 'ሰላም ታደሰ' }).first().click()
    await page.getByRole('heading', { name: 'ሰላም ታደሰ' }).waitFor()
    await screenshot(page, 'person-timeline-phone-am', true)
  })
})
