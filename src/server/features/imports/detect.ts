// Where a file comes from and which column goes where. Known exports (Google Contacts,
// current and legacy, Outlook, HubSpot) are recognised by their headers and mapped
// exactly; any other header is matched by name in English, Swahili and Amharic, and
// custom fields by their key or label.

export const IMPORT_OBJECTS = ['person', 'company'] as const
export type ImportObject = (typeof IMPORT_OBJECTS)[number]

export const PERSON_TARGETS = [
  'firstName',
  'lastName',
  'fullName',
  'jobTitle',
  'company',
  'companyDomain',
  'city',
  'source',
  'phone',
  'email',
  'owner',
  'tags',
] as const
export const COMPANY_TARGETS = [
  'name',
  'domain',
  'industry',
  'size',
  'city',
  'region',
  'country',
  'phone',
  'email',
  'owner',
  'tags',
] as const
/** Targets several columns may feed (each value is added). */
export const MULTI_TARGETS: readonly string[] = ['phone', 'email']

export const SOURCES = ['google', 'google-legacy', 'outlook', 'hubspot', 'vcard'] as const
export type Source = (typeof SOURCES)[number]

export type Mapping = Record<string, string | null>
export type CustomFieldRef = { key: string; labels: { en: string; am?: string; sw?: string } }

/** "E-mail 1 - Value" → "e mail 1 value"; keeps Ge'ez and other letters. */
export const normalizeHeader = (h: string) =>
  h
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()

const has = (headers: Set<string>, ...names: string[]) => names.every((n) => headers.has(normalizeHeader(n)))

/** The exporter of a CSV, from its header row. */
export function detectSource(columns: readonly string[]): Source | null {
  const h = new Set(columns.map(normalizeHeader))
  if (has(h, 'Given Name', 'Family Name') && (has(h, 'Group Membership') || has(h, 'Organization 1 - Name')))
    return 'google-legacy'
  if (has(h, 'First Name', 'Last Name') && (has(h, 'E-mail 1 - Value') || has(h, 'Phone 1 - Value')))
    return 'google'
  if (
    has(h, 'First Name', 'Last Name', 'E-mail Address') &&
    (has(h, 'Mobile Phone') || has(h, 'Business Phone'))
  )
    return 'outlook'
  if (
    has(h, 'First Name', 'Last Name') &&
    (has(h, 'Record ID') || has(h, 'Email', 'Phone Number') || has(h, 'Contact owner'))
  )
    return 'hubspot'
  return null
}

// Exact header → target per known export. Anything else in those files maps to nothing:
// Outlook's "Title" is Mr/Ms, not a job title; Google's "Labels" are its groups.
const SOURCE_MAPS: Record<Exclude<Source, 'vcard'>, [RegExp, string][]> = {
  google: [
    [/^first name$/, 'firstName'],
    [/^last name$/, 'lastName'],
    [/^organization name$/, 'company'],
    [/^organization title$/, 'jobTitle'],
    [/^phone \d+ value$/, 'phone'],
    [/^e mail \d+ value$/, 'email'],
    [/^labels$/, 'tags'],
    [/^address 1 city$/, 'city'],
  ],
  'google-legacy': [
    [/^name$/, 'fullName'],
    [/^given name$/, 'firstName'],
    [/^family name$/, 'lastName'],
    [/^organization 1 name$/, 'company'],
    [/^organization 1 title$/, 'jobTitle'],
    [/^phone \d+ value$/, 'phone'],
    [/^e mail \d+ value$/, 'email'],
    [/^group membership$/, 'tags'],
    [/^address 1 city$/, 'city'],
  ],
  outlook: [
    [/^first name$/, 'firstName'],
    [/^last name$/, 'lastName'],
    [/^company$/, 'company'],
    [/^job title$/, 'jobTitle'],
    [/^(mobile|business|home|primary|other) phone( 2)?$/, 'phone'],
    [/^e mail( \d)? address$/, 'email'],
    [/^categories$/, 'tags'],
    // Business City comes first in Outlook's columns, so it wins over Home City.
    [/^(business|home) city$/, 'city'],
  ],
  hubspot: [
    [/^first name$/, 'firstName'],
    [/^last name$/, 'lastName'],
    [/^email$/, 'email'],
    [/^(phone number|mobile phone number)$/, 'phone'],
    [/^company name$/, 'company'],
    [/^job title$/, 'jobTitle'],
    [/^website url$/, 'companyDomain'],
    [/^city$/, 'city'],
    // Values are read by person-source.ts: our keys only, anything else is left unset.
    [/^(original source|lead source)$/, 'source'],
  ],
}

// Header names people use, normalised, per target, separated by `|`. Swahili and Amharic
// where the word is the obvious one; "Jina"/"ስም" alone is a whole name unless a surname
// column is there too.
const COMMON: Record<string, string> = {
  phone:
    'phone|phones|phone number|phone no|mobile|mobile number|mobile phone|cell|cell phone|cellphone|' +
    'telephone|tel|whatsapp|work phone|home phone|msisdn|' +
    'simu|namba ya simu|nambari ya simu|simu ya mkononi|rununu|' +
    'ስልክ|ስልክ ቁጥር|የስልክ ቁጥር|ሞባይል|ሞባይል ስልክ',
  email:
    'email|emails|e mail|email address|e mail address|mail|barua pepe|anwani ya barua pepe|' +
    'ኢሜል|ኢሜይል|ኢ ሜይል|የኢሜል አድራሻ|ኢሜል አድራሻ',
  owner: 'owner|contact owner|account owner|assigned to|mmiliki|ባለቤት',
  tags: 'tags|tag|labels|lebo|alama|መለያ|መለያዎች',
}

const PERSON_NAMES: Record<string, string> = {
  firstName: 'first name|firstname|given name|forename|first|jina la kwanza|የመጀመሪያ ስም',
  lastName:
    'last name|lastname|surname|family name|last|jina la ukoo|jina la mwisho|jina la familia|' +
    'የአባት ስም|የቤተሰብ ስም',
  fullName: 'name|full name|contact name|display name|jina|jina kamili|ስም|ሙሉ ስም',
  jobTitle: 'job title|title|position|role|designation|job|cheo|wadhifa|kazi|የሥራ መደብ|የስራ መደብ|ማዕረግ|ሥራ|ስራ',
  company:
    'company|company name|organization|organisation|organization name|organisation name|employer|' +
    'business|business name|account name|kampuni|shirika|jina la kampuni|' +
    'ድርጅት|ኩባንያ|የድርጅት ስም|መሥሪያ ቤት|መስሪያ ቤት',
  companyDomain: 'website|web site|domain|company domain|company website|url|tovuti|ድረ ገጽ|ድህረ ገጽ',
  city: 'city|town|home city|business city|address 1 city|mji|jiji|ከተማ',
  source: 'source|lead source|original source|contact source|chanzo|ምንጭ',
  ...COMMON,
}

const COMPANY_NAMES: Record<string, string> = {
  name:
    'name|company|company name|organization|organisation|organization name|business|business name|' +
    'account name|jina|kampuni|jina la kampuni|shirika|ስም|ድርጅት|ኩባንያ|የድርጅት ስም|የኩባንያ ስም',
  domain: 'domain|website|web site|url|company domain|tovuti|ድረ ገጽ|ድህረ ገጽ',
  industry: 'industry|sector|sekta|tasnia|ዘርፍ|የሥራ ዘርፍ',
  size: 'size|company size|employees|number of employees|ukubwa|idadi ya wafanyakazi|መጠን|የሠራተኞች ብዛት',
  city: 'city|town|mji|jiji|ከተማ',
  region: 'region|state|province|county|mkoa|kaunti|ክልል',
  country: 'country|nchi|አገር|ሀገር',
  ...COMMON,
}

function lookup(table: Record<string, string>): Map<string, string> {
  const out = new Map<string, string>()
  for (const [target, names] of Object.entries(table)) {
    for (const n of names.split('|')) out.set(normalizeHeader(n), target)
  }
  return out
}
const PERSON_LOOKUP = lookup(PERSON_NAMES)
const COMPANY_LOOKUP = lookup(COMPANY_NAMES)

// vCard rows have fixed columns (vcard.ts): each is its own target.
const vcardTarget = (column: string) =>
  /^phone\d+$/.test(column)
    ? 'phone'
    : /^email\d+$/.test(column)
      ? 'email'
      : ['fullName', 'firstName', 'lastName', 'company', 'jobTitle'].includes(column)
        ? column
        : null

/** The mapping offered to the user: every column, with a target or null. */
export function suggestMapping(
  object: ImportObject,
  columns: readonly string[],
  source: Source | null,
  customFields: readonly CustomFieldRef[],
): Mapping {
  const mapping: Mapping = {}
  const taken = new Set<string>()
  const give = (column: string, target: string | null) => {
    if (target && !MULTI_TARGETS.includes(target) && taken.has(target)) target = null
    if (target) taken.add(target)
    mapping[column] = target
  }
  const custom = new Map<string, string>()
  for (const f of customFields) {
    for (const label of [f.key, f.labels.en, f.labels.am, f.labels.sw]) {
      if (label) custom.set(normalizeHeader(label), `custom.${f.key}`)
    }
  }
  for (const column of columns) {
    const h = normalizeHeader(column)
    if (source === 'vcard') {
      give(column, object === 'person' ? vcardTarget(column) : null)
      continue
    }
    if (source && object === 'person') {
      give(column, SOURCE_MAPS[source].find(([re]) => re.test(h))?.[1] ?? null)
      continue
    }
    const table = object === 'person' ? PERSON_LOOKUP : COMPANY_LOOKUP
    // "Phone 2", "Email (work)" → the word before the number or the bracket.
    const bare = h.replace(/ (\d+|work|home|mobile|kazi|nyumbani)$/, '')
    give(column, custom.get(h) ?? table.get(h) ?? table.get(bare) ?? null)
  }
  // A separate surname column makes the "name" column the first name.
  if (object === 'person' && taken.has('lastName') && !taken.has('firstName')) {
    const full = Object.keys(mapping).find((c) => mapping[c] === 'fullName')
    if (full) mapping[full] = 'firstName'
  }
  return mapping
}
