import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  catalog,
  DESKTOP,
  expectAccessible,
  launchBrowser,
  newContext,
  PHONE,
  type Server,
  screenshot,
  startServer,
} from './harness.ts'

// Finding and organising many customers: tags given to several people at once, filters
// kept in the URL, columns and a saved default view; custom fields from Settings to the
// form, the record, a column and a filter; a Google Contacts import with a duplicate and
// a bad row, undone afterwards; and the same list on a 360 px phone in Swahili.
let server: Server
let browser: Browser
let desktop: BrowserContext
const email = `wanjiku-${Date.now()}@example.com`
const password = 'chai ya tangawizi asubuhi'

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

const lang = (page: Page) => page.evaluate(() => document.documentElement.lang)
async function switchLanguage(page: Page, locale: 'en' | 'am' | 'sw') {
  await page
    .locator('select')
    .filter({ has: page.locator(`option[value="${locale}"]`) })
    .first()
    .selectOption(locale)
  await expect.poll(() => lang(page)).toBe(locale)
}

const peopleTable = (page: Page) => page.getByRole('table', { name: 'People' })
/** The names in the table's rows (each row's first link), in order. */
async function tableNames(page: Page): Promise<string[]> {
  return peopleTable(page).locator('tbody tr td:nth-child(2) a').allTextContents()
}
const countText = (page: Page) => page.locator('main h1 + p').textContent()
const filtersParam = (page: Page) => new URL(page.url()).searchParams.get('filters') ?? ''

/**
 * Chooses a tag in a tag picker: types its name and picks the option (or creates it), then
 * waits until it is chosen (creating one is a request).
 */
async function pickTag(scope: Page | Locator, picker: Locator, name: string, option: RegExp) {
  await picker.fill(name)
  await scope.getByRole('option', { name: option }).first().click()
  // One tag (bulk dialogs): the box shows it as its placeholder; several: a chip in a list.
  await expect
    .poll(async () => {
      if ((await picker.getAttribute('placeholder')) === name) return true
      return (await scope.getByRole('listitem').filter({ hasText: name }).count()) > 0
    })
    .toBe(true)
}

describe('organising customers', () => {
  let vip: string[] = []
  const importFile = path.join(mkdtempSync(path.join(tmpdir(), 'kiungo-import-')), 'contacts.csv')

  it('tags two people at once, filters by owner and tag, chooses columns and saves a default view', async () => {
    desktop = await newContext(browser, DESKTOP)
    const page = await desktop.newPage()
    const signup = await page.request.post(`${server.url}/api/v1/signup`, {
      headers: { origin: server.url },
      data: {
        name: 'Wanjiku Kamau',
        email,
        password,
        workspace: { name: 'Wanjiku Traders', locale: 'en', country: 'KE', calendar: 'gregorian' },
      },
    })
    expect(signup.status()).toBe(201)
    const demo = await page.request.post(`${server.url}/api/v1/demo-data`, {
      headers: { origin: server.url },
      data: {},
    })
    expect(demo.status()).toBe(201)

    await page.goto(`${server.url}/people`)
    await peopleTable(page).locator('tbody tr').first().waitFor()
    await expect.poll(() => countText(page)).toMatch(/^\d+ people$/)
    const all = Number((await countText(page))?.replace(/\D/g, ''))
    expect(all).toBeGreaterThan(10)

    // Select two rows → the bulk bar → Add tag → create "VIP".
    vip = (await tableNames(page)).slice(0, 2)
    for (const name of vip) await page.getByRole('checkbox', { name: `Select ${name}` }).check()
    const bar = page.getByRole('region', { name: 'Selected records' })
    await expect.poll(() => bar.getByText('2 people selected').isVisible()).toBe(true)
    await bar.getByRole('button', { name: 'Add tag' }).click()
    const tagDialog = page.getByRole('dialog', { name: 'Add a tag to 2 people' })
    await pickTag(tagDialog, tagDialog.getByRole('combobox', { name: 'Tag' }), 'VIP', /Create tag “VIP”/)
    await tagDialog.getByRole('button', { name: 'Add tag' }).click()
    await expect.poll(() => page.getByText('Tag “VIP” added to 2 people').isVisible()).toBe(true)
    await expect.poll(() => bar.count()).toBe(0)

    // Filters: "Owner is me" and "Tags has any of VIP".
    await page.getByRole('button', { name: /^Filters/ }).click()
    const filters = page.getByRole('dialog', { name: 'Filters' })
    await filters.getByRole('button', { name: 'Add a condition' }).click()
    await filters.getByLabel('Field of condition 1').selectOption('owner')
    expect(await filters.getByLabel('Operator of condition 1').inputValue()).toBe('me')
    await filters.getByRole('button', { name: 'Add a condition' }).click()
    await filters.getByLabel('Field of condition 2').selectOption('tags')
    await filters.getByLabel('Operator of condition 2').selectOption('in')
    await pickTag(filters, filters.getByRole('combobox', { name: 'Tags' }), 'VIP', /^VIP$/)
    await filters.getByRole('heading', { name: 'Filters' }).click()
    await expectAccessible(page, 'filter dialog (desktop)')
    await screenshot(page, 'organize-people-filters-en')
    await filters.getByRole('button', { name: 'Apply' }).click()

    await expect.poll(() => countText(page)).toBe('2 people')
    await expect.poll(async () => (await tableNames(page)).sort()).toEqual([...vip].sort())
    expect(filtersParam(page)).toContain('"field":"owner","op":"me"')
    expect(filtersParam(page)).toContain('"field":"tags","op":"in"')
    const chips = page.getByRole('list', { name: 'Active filters' })
    expect(await chips.getByRole('listitem').count()).toBe(2)
    expect(await chips.getByText('Owner is me').count()).toBe(1)

    // A reload (or a shared link) shows the same list.
    const url = page.url()
    await page.reload()
    await expect.poll(() => countText(page)).toBe('2 people')
    expect(page.url()).toBe(url)
    expect((await tableNames(page)).sort()).toEqual([...vip].sort())

    // Columns: add Tags, remove Job title; the tag shows in the rows.
    await page.getByRole('button', { name: 'Columns' }).click()
    await page.getByRole('checkbox', { name: 'Tags' }).check()
    await page.getByRole('checkbox', { name: 'Job title' }).uncheck()
    await page.keyboard.press('Escape')
    const table = peopleTable(page)
    await expect.poll(() => table.getByRole('columnheader', { name: 'Tags' }).count()).toBe(1)
    expect(await table.getByRole('columnheader', { name: 'Job title' }).count()).toBe(0)
    expect(await table.locator('tbody').getByText('VIP', { exact: true }).count()).toBe(2)
    expect(new URL(page.url()).searchParams.get('columns')).toContain('tags')
    // The default columns and the tags fit the table's box: nothing cut off at the right.
    const fits = await table.evaluate((el) => el.scrollWidth <= (el.parentElement?.clientWidth ?? 0) + 1)
    expect(fits).toBe(true)

    // Save as the view "VIP customers", make it the default.
    await page.getByRole('button', { name: 'Save view' }).click()
    const save = page.getByRole('dialog', { name: 'Save this list as a view' })
    await save.getByLabel('View name').fill('VIP customers')
    await save.getByRole('button', { name: 'Save view' }).click()
    await expect.poll(() => page.getByText('View “VIP customers” saved').isVisible()).toBe(true)
    await page.locator('summary', { hasText: 'View options' }).click()
    await page.getByRole('button', { name: 'Set as my default' }).click()
    await expect.poll(() => page.getByText('The list now opens with “VIP customers”.').isVisible()).toBe(true)

    // Opening People again applies the view: its filters, columns and rows.
    await page.goto(`${server.url}/people`)
    await expect.poll(() => countText(page)).toBe('2 people')
    const viewSelect = page.getByLabel('View', { exact: true })
    expect(await viewSelect.locator('option:checked').textContent()).toBe('VIP customers (default)')
    expect(new URL(page.url()).searchParams.get('view')).toBeTruthy()
    expect((await tableNames(page)).sort()).toEqual([...vip].sort())
    expect(await peopleTable(page).getByRole('columnheader', { name: 'Tags' }).count()).toBe(1)
    await page.close()
  })

  it('adds custom fields in Settings, fills them on a new person, shows and filters by them', async () => {
    const page = await desktop.newPage()
    await page.goto(`${server.url}/settings`)
    const section = page.locator('section', {
      has: page.getByRole('heading', { name: 'Custom fields', exact: true }),
    })
    await section.getByRole('button', { name: 'Add a field' }).click()
    let editor = section.getByRole('form', { name: 'New field' })
    await editor.getByLabel('Type', { exact: true }).selectOption('text')
    await editor.getByLabel('Name in English').fill('Customer number')
    await editor.getByRole('button', { name: 'Add field' }).click()
    await expect.poll(() => section.getByRole('button', { name: 'Edit Customer number' }).count()).toBe(1)

    await section.getByRole('button', { name: 'Add a field' }).click()
    editor = section.getByRole('form', { name: 'New field' })
    await editor.getByLabel('Type', { exact: true }).selectOption('select')
    await editor.getByLabel('Name in English').fill('Region')
    await editor.getByLabel('Name in Swahili (optional)').fill('Kanda')
    await editor.getByRole('button', { name: 'Add option' }).click()
    await editor.getByRole('button', { name: 'Add option' }).click()
    await editor.getByLabel('Option 1 in English').fill('Coast')
    await editor.getByLabel('Option 1 in Swahili').fill('Pwani')
    await editor.getByLabel('Option 2 in English').fill('Highlands')
    await expectAccessible(page, 'custom field editor')
    await editor.getByRole('button', { name: 'Add field' }).click()
    await expect.poll(() => section.getByRole('button', { name: 'Edit Region' }).count()).toBe(1)
    await expectAccessible(page, 'custom fields settings')

    // A new person with both fields filled; the values show on their page.
    await page.goto(`${server.url}/people/new`)
    await page.getByLabel('First name').fill('Baraka')
    await page.getByLabel('Last name').fill('Mwinyi')
    await page.getByLabel('Customer number').fill('KT-2041')
    await page.getByLabel('Region').selectOption({ label: 'Coast' })
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByRole('heading', { name: 'Baraka Mwinyi' }).waitFor()
    await expect.poll(() => page.getByText('KT-2041').isVisible()).toBe(true)
    expect(await page.getByText('Coast', { exact: true }).isVisible()).toBe(true)

    // The list: the custom column, then a filter on it.
    await page.goto(`${server.url}/people`)
    await expect.poll(() => countText(page)).toBe('2 people') // the default view
    await page.getByLabel('View', { exact: true }).selectOption({ label: 'All people' })
    await expect.poll(() => countText(page)).not.toBe('2 people')
    await page.getByRole('button', { name: 'Columns' }).click()
    await page.getByRole('checkbox', { name: 'Customer number' }).check()
    await page.keyboard.press('Escape')
    const table = peopleTable(page)
    await expect.poll(() => table.getByRole('columnheader', { name: 'Customer number' }).count()).toBe(1)
    await page.getByRole('button', { name: /^Filters/ }).click()
    const filters = page.getByRole('dialog', { name: 'Filters' })
    await filters.getByRole('button', { name: 'Add a condition' }).click()
    await filters.getByLabel('Field of condition 1').selectOption({ label: 'Customer number' })
    await filters.getByLabel('Operator of condition 1').selectOption('contains')
    await filters.getByLabel('Customer number').fill('kt-20')
    await filters.getByRole('button', { name: 'Apply' }).click()
    await expect.poll(() => countText(page)).toBe('1 person')
    // The count can arrive before the new page replaces the previous rows: wait for both.
    await expect.poll(() => tableNames(page)).toEqual(['Baraka Mwinyi'])
    expect(await table.locator('tbody').getByText('KT-2041').count()).toBe(1)
    expect(filtersParam(page)).toContain('"field":"custom.customer_number"')

    // And by the single choice.
    await page.goto(
      `${server.url}/people?filters=${encodeURIComponent(JSON.stringify([{ field: 'custom.region', op: 'eq', value: 'coast' }]))}`,
    )
    await expect.poll(() => countText(page)).toBe('1 person')
    // (The chip names the field and the option once the field catalog is loaded.)
    await expect
      .poll(() => page.getByRole('list', { name: 'Active filters' }).getByText('Region is Coast').count())
      .toBe(1)
    await page.close()
  })

  it('imports Google contacts with a duplicate and a bad row, then undoes the import', async () => {
    const page = await desktop.newPage()
    // An existing person's phone, so one row of the file is a duplicate.
    const people = await page.request.get(`${server.url}/api/v1/people?limit=50`)
    const existing = ((await people.json()) as { data: { phones: { e164: string }[] }[] }).data.find(
      (p) => p.phones.length > 0,
    )
    const dupPhone = existing?.phones[0]?.e164
    expect(dupPhone).toBeTruthy()

    const header =
      'First Name,Middle Name,Last Name,Organization Name,Organization Title,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value'
    const rows = [
      'Amani,,Chepkoech,Kisumu Fish Traders,Buyer,* myContacts ::: Suppliers,* Work,amani.chepkoech@example.com,Mobile,0712 345 678',
      'Zuhura,,Mkwawa,,Owner,* myContacts,* Work,zuhura@example.co.tz,Mobile,+255 754 321 987',
      `Juma,,Duplicate,,,* myContacts,,,Mobile,${dupPhone}`,
      'Rehema,,Bad Email,,,* myContacts,* Work,rehema@@example,Mobile,0722 000 111',
      'ፀሐይ,,ገብረመድህን,Addis Trading PLC,ሥራ አስኪያጅ,* myContacts,* Work,tsehay@example.et,Mobile,+251 911 22 33 44',
    ]
    const file = importFile
    writeFileSync(file, `\uFEFF${header}\r\n${rows.join('\r\n')}\r\n`, 'utf8')

    await page.goto(`${server.url}/imports`)
    await page.locator('input[type=file]').setInputFiles(file)
    await page.getByRole('button', { name: 'Upload and match columns' }).click()
    await page.waitForURL(/\/imports\/[0-9a-f-]{36}/)
    await expect.poll(() => page.getByText(/^Recognised:/).isVisible(), { timeout: 15_000 }).toBe(true)
    await expectAccessible(page, 'import mapping (desktop)')
    await page.getByRole('button', { name: 'Start the import' }).click()

    await expect
      .poll(() => page.getByRole('heading', { name: 'Import finished' }).isVisible(), { timeout: 60_000 })
      .toBe(true)
    const count = (label: string) =>
      page
        .locator('dl div', { has: page.locator('dt', { hasText: label }) })
        .locator('dd')
        .textContent()
    expect(await count('Created')).toBe('3')
    expect(await count('Skipped')).toBe('1')
    expect(await count('Failed')).toBe('1')
    expect(await count('Updated')).toBe('0')

    // The rows with errors, for fixing and importing again.
    const errorsLink = page.getByRole('link', { name: 'Download rows with errors' })
    const href = await errorsLink.getAttribute('href')
    expect(href).toMatch(/\/api\/v1\/imports\/[0-9a-f-]+\/errors\.csv$/)
    const errors = await page.request.get(`${server.url}${href}`)
    expect(errors.status()).toBe(200)
    const errorsText = await errors.text()
    expect(errorsText).toContain('rehema@@example')
    expect(errorsText).not.toContain('amani.chepkoech@example.com')

    // The new people are in the list; Ge'ez names intact.
    const search = async (q: string) => {
      const res = await page.request.get(`${server.url}/api/v1/people?q=${encodeURIComponent(q)}`)
      return ((await res.json()) as { data: unknown[] }).data.length
    }
    expect(await search('Chepkoech')).toBe(1)
    expect(await search('ገብረመድህን')).toBe(1)

    // Undo: what the import created is gone.
    await page.getByRole('button', { name: 'Undo this import' }).click()
    await page
      .getByRole('dialog', { name: 'Undo this import?' })
      .getByRole('button', { name: 'Undo the import' })
      .click()
    await expect
      .poll(() => page.getByRole('heading', { name: 'The import was undone' }).isVisible(), {
        timeout: 60_000,
      })
      .toBe(true)
    expect(await search('Chepkoech')).toBe(0)
    expect(await search('ገብረመድህን')).toBe(0)
    expect(await search('Mkwawa')).toBe(0)
    await page.close()
  })

  it('works on a 360 px phone in Swahili: filter chips, the actions sheet, accessible dialogs', async () => {
    const sw = catalog('sw')
    const phone = await newContext(browser, PHONE)
    await phone.addCookies(await desktop.cookies())
    const page = await phone.newPage()
    await page.goto(`${server.url}/people`)
    await page.locator('main#main h1').waitFor()
    await switchLanguage(page, 'sw')

    // The default view applies here too: its two conditions as chips.
    const chips = page.getByRole('list', { name: sw('Active filters') })
    await expect.poll(() => chips.getByRole('listitem').count(), { timeout: 15_000 }).toBe(2)
    const cards = page.locator('main ul li').filter({ has: page.getByRole('checkbox') })
    await expect.poll(() => cards.count()).toBe(2)
    await screenshot(page, 'organize-people-sw-phone')
    await expectAccessible(page, 'people list with filters (phone, sw)')

    // The filter dialog, full screen, is accessible.
    await page.getByRole('button', { name: new RegExp(`^${sw('Filters')}`) }).click()
    const filters = page.getByRole('dialog', { name: sw('Filters') })
    await filters.getByLabel(sw('Field of condition {n}').replace('{n}', '1')).waitFor()
    await expectAccessible(page, 'filter dialog (phone, sw)')
    await filters.getByRole('button', { name: sw('Cancel') }).click()

    // All people: the compact toolbar leaves the first card in the top half of the screen.
    await page.getByLabel(sw('View'), { exact: true }).selectOption({ label: sw('All people') })
    await expect.poll(() => chips.count()).toBe(0)
    const first = cards.first()
    await first.waitFor()
    const box = await first.boundingBox()
    expect(box?.y ?? 999).toBeLessThan(PHONE.height / 2)
    const [scroll, client] = await page.evaluate(() => [
      document.documentElement.scrollWidth,
      document.documentElement.clientWidth,
    ])
    expect(scroll).toBeLessThanOrEqual(client)

    // Tick a card → the bar → the actions sheet → Add tag "VIP".
    // (A card that is not tagged yet: the most recently changed ones are the VIPs.)
    let card = first
    for (let i = 0; i < 5; i++) {
      card = cards.nth(i)
      const name = (await card.getByRole('link').first().textContent()) ?? ''
      if (!vip.includes(name)) break
    }
    await card.getByRole('checkbox').check()
    const bar = page.getByRole('region', { name: sw('Selected records') })
    await bar.waitFor()
    await bar.locator('summary', { hasText: sw('Actions') }).click()
    const addTag = page.getByRole('button', { name: sw('Add tag') })
    const sheet = await addTag.boundingBox()
    expect(sheet && sheet.y + sheet.height).toBeLessThanOrEqual(PHONE.height)
    await expectAccessible(page, 'actions sheet (phone, sw)')
    await addTag.click()
    const dialog = page.getByRole('dialog')
    await pickTag(dialog, dialog.getByRole('combobox'), 'VIP', /^VIP$/)
    await dialog.getByRole('button', { name: sw('Add tag') }).click()
    await expect.poll(() => bar.count()).toBe(0)

    // The VIP view now has three people.
    const views = page.getByLabel(sw('View'), { exact: true })
    const vipView = await views.locator('option', { hasText: 'VIP customers' }).getAttribute('value')
    await views.selectOption(vipView ?? '')
    await expect.poll(() => cards.count()).toBe(3)

    // The import mapping step, in Swahili on the phone (the file is recognised).
    await page.goto(`${server.url}/imports`)
    await page.locator('input[type=file]').setInputFiles(importFile)
    await page.getByRole('button', { name: sw('Upload and match columns') }).click()
    await page.waitForURL(/\/imports\/[0-9a-f-]{36}/)
    const recognised =
      sw('Recognised: {source}. The columns are matched already; check them.').split(':')[0] ?? ''
    await expect.poll(() => page.getByText(recognised).first().isVisible(), { timeout: 15_000 }).toBe(true)
    await expectAccessible(page, 'import mapping (phone, sw)')
    await screenshot(page, 'organize-import-mapping-sw')

    // Custom fields in Settings.
    await page.goto(`${server.url}/settings`)
    const section = page.locator('section', {
      has: page.getByRole('heading', { name: sw('Custom fields'), exact: true }),
    })
    await section.locator('p', { hasText: 'Customer number' }).first().scrollIntoViewIfNeeded()
    await expectAccessible(page, 'custom fields settings (phone, sw)')
    await page.close()
    await phone.close()

    // The list and the custom fields on a desktop, in Amharic.
    const am = catalog('am')
    const desk = await desktop.newPage()
    await desk.goto(`${server.url}/people`)
    await desk.locator('main#main h1').waitFor()
    await switchLanguage(desk, 'am')
    await expect.poll(() => desk.getByRole('list', { name: am('Active filters') }).count()).toBe(1)
    await desk.getByRole('table').locator('tbody tr').first().waitFor()
    await screenshot(desk, 'organize-people-am')
    await desk.goto(`${server.url}/settings`)
    const fields = desk.locator('section', {
      has: desk.getByRole('heading', { name: am('Custom fields'), exact: true }),
    })
    await fields.getByRole('button', { name: am('Add a field') }).click()
    await fields.getByLabel(am('Type'), { exact: true }).selectOption('select')
    await fields.getByRole('heading', { name: am('Custom fields'), exact: true }).scrollIntoViewIfNeeded()
    await expectAccessible(desk, 'custom fields settings (am)')
    await screenshot(desk, 'organize-custom-fields-am')
    await switchLanguage(desk, 'en')
    await desk.close()
  })
})
