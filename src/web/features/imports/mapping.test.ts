import { describe, expect, it } from 'vitest'
import {
  acceptedFile,
  checkMapping,
  fileSize,
  initialMapping,
  mappingIsValid,
  PERSON_TARGETS,
  previewRows,
  sampleValues,
  vcardColumnName,
} from './mapping.ts'

const columns = ['Given Name', 'Family Name', 'Phone 1', 'Phone 2', 'E-mail', 'Notes']

describe('checkMapping', () => {
  it('accepts a mapping with a name and phones from several columns', () => {
    const check = checkMapping('person', columns, {
      'Given Name': 'firstName',
      'Family Name': 'lastName',
      'Phone 1': 'phone',
      'Phone 2': 'phone',
      'E-mail': 'email',
      Notes: null,
    })
    expect(check).toEqual({ duplicates: {}, problem: null })
    expect(mappingIsValid(check)).toBe(true)
  })

  it('flags a target chosen twice on the later column, naming the first', () => {
    const check = checkMapping('person', columns, {
      'Given Name': 'firstName',
      'Family Name': 'firstName',
      Notes: 'jobTitle',
      'E-mail': 'jobTitle',
    })
    expect(check.duplicates).toEqual({ 'Family Name': 'Given Name', Notes: 'E-mail' })
    expect(mappingIsValid(check)).toBe(false)
  })

  it('also treats custom fields as single targets', () => {
    const check = checkMapping('company', ['Name', 'A', 'B'], {
      Name: 'name',
      A: 'custom.budget',
      B: 'custom.budget',
    })
    expect(check.duplicates).toEqual({ B: 'A' })
  })

  it('needs a name field: first, last or full name for people, the name for companies', () => {
    expect(checkMapping('person', columns, { 'Phone 1': 'phone' }).problem).toBe('no_name')
    expect(checkMapping('person', columns, { Notes: 'fullName' }).problem).toBeNull()
    expect(checkMapping('person', columns, { 'Family Name': 'lastName' }).problem).toBeNull()
    expect(checkMapping('company', ['Org', 'Tel'], { Org: 'domain', Tel: 'phone' }).problem).toBe('no_name')
    expect(checkMapping('company', ['Org'], { Org: 'name' }).problem).toBeNull()
  })

  it('says when nothing at all is imported', () => {
    const check = checkMapping('person', columns, {})
    expect(check.problem).toBe('nothing_mapped')
    expect(mappingIsValid(check)).toBe(false)
  })
})

describe('initialMapping', () => {
  const offered = new Set<string>([...PERSON_TARGETS, 'custom.budget'])

  it('starts from the suggestion and keeps what was saved', () => {
    const out = initialMapping(
      ['Name', 'Mobile', 'Budget', 'Old'],
      { Mobile: null },
      { Name: 'fullName', Mobile: 'phone', Budget: 'custom.budget', Old: 'custom.archived' },
      offered,
    )
    expect(out).toEqual({ Name: 'fullName', Mobile: null, Budget: 'custom.budget', Old: null })
  })

  it('maps every column, unknown ones to null', () => {
    expect(initialMapping(['A', 'B'], {}, {}, offered)).toEqual({ A: null, B: null })
  })
})

describe('sampleValues', () => {
  const sample = [
    ['Abebe', '', '0911'],
    ['Abebe', 'x'],
    ['  Wanjiru ', 'y'],
    ['Neema', 'z'],
  ]
  it('takes up to three different non-empty values', () => {
    expect(sampleValues(sample, 0)).toEqual(['Abebe', 'Wanjiru', 'Neema'])
    expect(sampleValues(sample, 1, 2)).toEqual(['x', 'y'])
    expect(sampleValues(sample, 2)).toEqual(['0911'])
    expect(sampleValues(sample, 5)).toEqual([])
  })
})

describe('previewRows', () => {
  it('shows mapped targets in the offered order and joins several phone columns', () => {
    const preview = previewRows(
      ['Phone 1', 'Name', 'Phone 2', 'Skip'],
      [
        ['0911 23 45 67', 'Abebe Kebede', '+251 11 555 0000', 'x'],
        ['0722 000 111', 'Wanjiru', '', 'y'],
      ],
      { 'Phone 1': 'phone', Name: 'fullName', 'Phone 2': 'phone', Skip: null },
      PERSON_TARGETS,
    )
    expect(preview.targets).toEqual(['fullName', 'phone'])
    expect(preview.rows).toEqual([
      ['Abebe Kebede', '0911 23 45 67, +251 11 555 0000'],
      ['Wanjiru', '0722 000 111'],
    ])
  })

  it('puts custom fields after the built-in ones', () => {
    const preview = previewRows(['B', 'N'], [['5', 'Acme']], { B: 'custom.budget', N: 'name' }, ['name'])
    expect(preview.targets).toEqual(['name', 'custom.budget'])
    expect(preview.rows).toEqual([['Acme', '5']])
  })
})

describe('files', () => {
  it('accepts the formats the server reads, in any case', () => {
    expect(acceptedFile('contacts.CSV')).toBe(true)
    expect(acceptedFile('export.tsv')).toBe(true)
    expect(acceptedFile('phone.vcf')).toBe(true)
    expect(acceptedFile('list.txt')).toBe(true)
    expect(acceptedFile('book.xlsx')).toBe(false)
    expect(acceptedFile('csv')).toBe(false)
  })

  it('writes sizes with Intl units', () => {
    expect(fileSize(512, 'en')).toBe('512 byte')
    expect(fileSize(2_400, 'en')).toBe('2.4 kB')
    expect(fileSize(820_000, 'en')).toBe('820 kB')
    expect(fileSize(12_345_678, 'en')).toBe('12 MB')
  })
})

describe('vcardColumnName', () => {
  const labels: Record<string, string> = { fullName: 'Jina kamili', phone: 'Simu', email: 'Barua pepe' }
  const label = (target: string) => labels[target] ?? target
  it('names numbered phone and email columns by their field and number, the others by their field', () => {
    const number = (n: number) => `#${n}`
    expect(vcardColumnName('phone2', label, number)).toBe('Simu #2')
    expect(vcardColumnName('email1', label, number)).toBe('Barua pepe #1')
    expect(vcardColumnName('fullName', label, number)).toBe('Jina kamili')
  })
})
