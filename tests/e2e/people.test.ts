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

// The foundation journey: sign up → add a person → find them in the list and on their
// page → switch to Amharic (and Swahili) → the same on a 360 px phone. axe on every page.
let server: Server
let browser: Browser
const email = `almaz-${Date.now()}@example.com`
const password = 'a long enough passphrase'
const ETHIOPIC = /[\u1200-\u137F]/

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function noHorizontalScroll(page: Page) {
  const [scroll, client] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    document.documentElement.clientWidth,
  ])
  expect(scroll).toBeLessThanOrEqual(client)
}

describe('people journey', () => {
  it('signs up, adds a person, finds them, and switches to Amharic on a desktop', async () => {
    const context = await newContext(browser, DESKTOP)
    const page = await context.newPage()
    await page.goto(`${server.url}/sign-up`)
    await expectAccessible(page, 'sign-up')
    await page.getByLabel('Your name').fill('Almaz Ayana')
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password').fill(password)
    await page.getByLabel('Business name').fill('Almaz Coffee')
    await page.getByLabel('Main language').selectOption('en')
    await page.getByLabel('Country').selectOption('ET')
    await page.getByLabel('Calendar').selectOption('ethiopic')
    await page.getByRole('button', { name: 'Create account' }).click()

    await expect
      .poll(() => page.getByRole('heading', { name: 'People' }).isVisible(), { timeout: 15_000 })
      .toBe(true)
    await expectAccessible(page, 'people list (empty)')

    await page.getByRole('link', { name: 'Add person' }).first().click()
    await page.getByLabel('First name').fill('አበበ')
    await page.getByLabel('Last name').fill('ቢቂላ')
    await page.getByLabel('Job title').fill('Coffee trader')
    await page.getByLabel('Phone number').first().fill('0911 23 45 67')
    await page.getByLabel('Email').first().fill('abebe@example.com')
    await expectAccessible(page, 'person form')
    await page.getByRole('button', { name: 'Save' }).click()

    await expect
      .poll(() => page.getByRole('heading', { name: 'አበበ ቢቂላ' }).isVisible(), { timeout: 15_000 })
      .toBe(true)
    expect(await page.locator('a[href="tel:+251911234567"]').count()).toBeGreaterThan(0)
    expect(await page.locator('a[href="https://wa.me/251911234567"]').count()).toBeGreaterThan(0)
    // The workspace uses the Ethiopian calendar: "created" shows the Ethiopian year.
    const created = await page.locator('dd time').first().textContent()
    expect(created).not.toContain(String(new Date().getFullYear()))
    expect(created).toMatch(/\b20[12]\d\b/)
    await expectAccessible(page, 'person page')
    await screenshot(page, 'person-page-desktop-en')

    await page.goto(`${server.url}/people`)
    await expect.poll(() => page.getByText('አበበ ቢቂላ').first().isVisible(), { timeout: 15_000 }).toBe(true)
    await expect.poll(() => page.getByText('Coffee trader').first().isVisible()).toBe(true)
    await screenshot(page, 'people-list-desktop-en')
    await expectAccessible(page, 'people list')

    await page.getByLabel('Language').first().selectOption('am')
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('am')
    const heading = await page.getByRole('heading', { level: 1 }).first().textContent()
    expect(heading).toMatch(ETHIOPIC)
    expect(heading).not.toContain('People')
    await expectAccessible(page, 'people list (am)')
    await screenshot(page, 'people-list-desktop-am')

    // The choice is kept per user: a reload stays in Amharic.
    await page.reload()
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('am')

    await page
      .locator('select')
      .filter({ has: page.locator('option[value="sw"]') })
      .first()
      .selectOption('sw')
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('sw')
    await screenshot(page, 'people-list-desktop-sw')
    await context.close()
  })

  it('does the same on a 360 px phone, in Amharic', async () => {
    const context = await newContext(browser, PHONE)
    const page = await context.newPage()
    const fonts: string[] = []
    page.on('request', (r) => {
      if (r.url().endsWith('.woff2')) fonts.push(r.url())
    })
    await page.goto(`${server.url}/sign-in`)
    await expectAccessible(page, 'sign-in (phone)')
    // The Ethiopic font is fetched only once Ge'ez text is on screen.
    await page.getByLabel('Email').waitFor()
    expect(fonts).toEqual([])
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password').fill(password)
    await page
      .getByRole('button', { name: /.+/ })
      .filter({ hasText: /Sign in|ግባ|Ingia/ })
      .first()
      .click()

    // The user last chose Swahili; switch to Amharic on the phone.
    await page.locator('main#main h1').waitFor() // the app shell, not the sign-in page
    await expect
      .poll(() => page.evaluate(() => document.documentElement.lang), { timeout: 15_000 })
      .toBe('sw')
    await page
      .locator('select')
      .filter({ has: page.locator('option[value="am"]') })
      .first()
      .selectOption('am')
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('am')
    await expect.poll(() => page.getByText('አበበ ቢቂላ').first().isVisible(), { timeout: 15_000 }).toBe(true)
    await expect.poll(() => fonts.some((f) => f.includes('noto-sans-ethiopic'))).toBe(true)
    await noHorizontalScroll(page)
    await expectAccessible(page, 'people list (phone, am)')
    await screenshot(page, 'people-list-phone-am')

    await page.getByText('አበበ ቢቂላ').first().click()
    await expect
      .poll(() => page.getByRole('heading', { name: 'አበበ ቢቂላ' }).isVisible(), { timeout: 15_000 })
      .toBe(true)
    expect(await page.locator('a[href="tel:+251911234567"]').count()).toBeGreaterThan(0)
    await noHorizontalScroll(page)
    await expectAccessible(page, 'person page (phone, am)')
    await screenshot(page, 'person-page-phone-am')
    await context.close()
  })

  it('adds a person from a phone in Swahili', async () => {
    const context = await newContext(browser, PHONE)
    const page = await context.newPage()
    await page.goto(`${server.url}/sign-in`)
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password').fill(password)
    await page
      .getByRole('button', { name: /Sign in|ግባ|Ingia/ })
      .first()
      .click()
    await page.locator('main#main h1').waitFor() // the app shell, not the sign-in page
    await expect
      .poll(() => page.evaluate(() => document.documentElement.lang), { timeout: 15_000 })
      .toBe('am')
    await page
      .locator('select')
      .filter({ has: page.locator('option[value="sw"]') })
      .first()
      .selectOption('sw')
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('sw')
    await page.goto(`${server.url}/people/new`)
    await page.locator('input').first().waitFor()
    await expectAccessible(page, 'person form (phone, sw)')
    await noHorizontalScroll(page)
    await screenshot(page, 'person-form-phone-sw')

    // A wrong number is refused by the server; the error sits next to the field, in
    // Swahili, and what was typed is kept.
    await page.getByLabel('Jina la kwanza').fill('Neema')
    await page.getByLabel('Nambari ya simu').first().fill('12345')
    await page.getByRole('button', { name: 'Hifadhi' }).click()
    const phone = page.getByLabel('Nambari ya simu').first()
    await expect.poll(() => phone.getAttribute('aria-invalid')).toBe('true')
    expect(await page.getByText('Si nambari sahihi ya simu').isVisible()).toBe(true)
    expect(await phone.inputValue()).toBe('12345')
    expect(await page.getByLabel('Jina la kwanza').inputValue()).toBe('Neema')
    await screenshot(page, 'person-form-error-phone-sw')
    await context.close()
  })
})
