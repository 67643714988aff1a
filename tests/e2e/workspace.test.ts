import type { Browser } from 'playwright-core'
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

// Workspaces from the browser: an owner invites a viewer by link; the viewer joins from
// a phone in Amharic and can look but not change anything.
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

describe('workspace journey', () => {
  it('invites a viewer by link, who joins in Amharic and cannot add people', async () => {
    const owner = await (await newContext(browser, DESKTOP)).newPage()
    await owner.goto(`${server.url}/sign-up`)
    await owner.getByLabel('Your name').fill('Juma Mwangi')
    await owner.getByLabel('Email').fill(`juma-${Date.now()}@example.com`)
    await owner.getByLabel('Password').fill('mvua ya masika inanyesha')
    await owner.getByLabel('Business name').fill('Juma Hardware')
    await owner.getByLabel('Country').selectOption('KE')
    await owner.getByRole('button', { name: 'Create account' }).click()
    await owner.locator('main#main h1').waitFor()

    await owner.getByRole('link', { name: 'Settings' }).first().click()
    await owner.getByLabel('Role for the new member').selectOption('viewer')
    await owner.getByRole('button', { name: 'Create invitation link' }).click()
    const link = owner.getByLabel('Invitation link')
    await link.waitFor()
    const url = await link.inputValue()
    expect(url).toMatch(/\/invite\/[\w-]+$/)
    await expectAccessible(owner, 'settings')
    await screenshot(owner, 'settings-desktop-en')

    const viewer = await (await newContext(browser, PHONE)).newPage()
    await viewer.goto(url)
    await viewer.getByLabel('Language').selectOption('am')
    await expect.poll(() => viewer.evaluate(() => document.documentElement.lang)).toBe('am')
    await viewer.getByRole('heading', { name: /Juma Hardware/ }).waitFor()
    await expectAccessible(viewer, 'invitation (phone, am)')
    await screenshot(viewer, 'invitation-phone-am')
    await viewer.getByRole('link', { name: 'መለያ ይፍጠሩ' }).click()
    await viewer.getByLabel('ስምዎ').fill('ሰላም ታደሰ')
    await viewer.getByLabel('ኢሜይል').fill(`selam-${Date.now()}@example.com`)
    await viewer.getByLabel('የይለፍ ቃል').fill('ቡና በጠዋት ይጣፍጣል')
    await viewer.getByRole('button', { name: 'መለያ ፍጠር' }).click()
    await viewer.locator('main#main h1').waitFor()
    expect(await viewer.getByRole('heading', { level: 1 }).textContent()).toBe('እውቂያዎች')
    // A viewer has no "Add person" anywhere; the server refuses writes anyway.
    expect(await viewer.getByRole('link', { name: 'ሰው ጨምር' }).count()).toBe(0)
    await screenshot(viewer, 'people-empty-viewer-phone-am')

    await owner.reload()
    await expect.poll(() => owner.getByText('ሰላም ታደሰ').count()).toBeGreaterThan(0)
  })
})
