import { parsePhoneNumberFromString } from 'libphonenumber-js/max'
import {
  AMHARIC_FIRST,
  AMHARIC_LAST,
  CITIES,
  type Country,
  ENGLISH_FIRST,
  ENGLISH_LAST,
  KENYAN_FIRST,
  KENYAN_LAST,
  MOBILE_PREFIXES,
  SWAHILI_FIRST,
  TANZANIAN_LAST,
} from '../../src/server/features/demo/seed-data.ts'
import type { PersonSource } from '../../src/server/features/people/people.schema.ts'

// The raw material of the benchmark data: the demo's East African names plus more, so
// that a million people have a realistic spread of common and rare names. Each list is
// small and goes into the generating SQL as an array constant; the rows themselves are
// made by PostgreSQL (generate_series), never in JavaScript.

/** Display form and the Latin spelling used for emails; Latin names are both. */
export type Name = [display: string, latin: string]

const latin = (list: string[]): Name[] => list.map((n) => [n, n.toLowerCase()])
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

const MORE_AMHARIC: Name[] = [
  ['አበበች', 'abebech'],
  ['ወንድወሰን', 'wondwosen'],
  ['ቴዎድሮስ', 'tewodros'],
  ['ሰብለ', 'seble'],
  ['ኪዳኔ', 'kidane'],
  ['ፀሐይ', 'tsehay'],
  ['መስፍን', 'mesfin'],
  ['ዓለማየሁ', 'alemayehu'],
  ['ገነት', 'genet'],
  ['ብሩክ', 'biruk'],
  ['ኤፍሬም', 'efrem'],
  ['ሜሮን', 'meron'],
  ['አማኑኤል', 'amanuel'],
  ['ቅድስት', 'kidist'],
  ['አበራ', 'abera'],
  ['ማርያም', 'mariam'],
]

const AMHARIC: Name[] = [...AMHARIC_FIRST, ...MORE_AMHARIC]
const MORE_KENYAN_FIRST = ['Wanjiku', 'Kipchoge', 'Atieno', 'Muthoni', 'Nyambura', 'Kibet', 'Auma', 'Makena']
const MORE_TZ_FIRST = ['Mwajuma', 'Hawa', 'Salma', 'Abdallah', 'Athumani', 'Shabani', 'Upendo', 'Furaha']
const MORE_ENGLISH_FIRST = ['Mark', 'Martha', 'Margaret', 'Abel', 'Abigail', 'Samuel', 'Elizabeth', 'Paul']
const MORE_KENYAN_LAST = ['Wanjala', 'Ochieng', 'Kiplagat', 'Macharia', 'Gitau', 'Onyango', 'Barasa', 'Korir']
const MORE_TZ_LAST = ['Mapunda', 'Mwakalinga', 'Kisanga', 'Swai', 'Temba', 'Urassa', 'Minja', 'Lyimo']
const MORE_ENGLISH_LAST = ['Johnson', 'Williams', 'Jones', 'Davies', 'Roberts', 'Thomas']

/**
 * Four cultures, each with a first-name and a last-name pool. Ethiopians are written
 * in Ge'ez or in Latin letters (both happen in one address book); an Ethiopian's last
 * name is the father's first name, so the first names join that pool.
 */
export const CULTURES: { country: Country; share: number; first: Name[]; last: Name[]; geez: boolean }[] = [
  {
    country: 'ET',
    share: 30,
    geez: true,
    first: AMHARIC,
    last: [...AMHARIC_LAST, ...AMHARIC],
  },
  {
    country: 'ET',
    share: 20,
    geez: false,
    first: AMHARIC.map(([, l]) => [capital(l), l]),
    last: [...AMHARIC_LAST, ...AMHARIC].map(([, l]) => [capital(l), l]),
  },
  {
    country: 'KE',
    share: 30,
    geez: false,
    first: latin([
      ...KENYAN_FIRST,
      ...MORE_KENYAN_FIRST,
      ...SWAHILI_FIRST,
      ...ENGLISH_FIRST,
      ...MORE_ENGLISH_FIRST,
    ]),
    last: latin([...KENYAN_LAST, ...MORE_KENYAN_LAST, ...ENGLISH_LAST, ...MORE_ENGLISH_LAST]),
  },
  {
    country: 'TZ',
    share: 20,
    geez: false,
    first: latin([...SWAHILI_FIRST, ...MORE_TZ_FIRST, ...ENGLISH_FIRST, ...MORE_ENGLISH_FIRST]),
    last: latin([...TANZANIAN_LAST, ...MORE_TZ_LAST, ...ENGLISH_LAST]),
  },
]

/**
 * Syllables for made-up surnames (three each: 24³ = 13,824 per script), given to a
 * share of people so that the data has rare names too, as real address books do.
 */
// biome-ignore format: a table
export const LATIN_SYLLABLES = [
  'ma', 'ku', 'nde', 'lo', 'si', 'wa', 'ri', 'ngo', 'ta', 'mbe', 'ki', 'zu',
  'ha', 'no', 'je', 'le', 'mu', 'sha', 'pe', 'ro', 'vi', 'ge', 'bo', 'ya',
]
// biome-ignore format: a table
export const GEEZ_SYLLABLES: Name[] = [
  ['በ', 'be'], ['ለ', 'le'], ['መ', 'me'], ['ረ', 're'], ['ሰ', 'se'], ['ተ', 'te'],
  ['ነ', 'ne'], ['ከ', 'ke'], ['ወ', 'we'], ['ዘ', 'ze'], ['የ', 'ye'], ['ደ', 'de'],
  ['ገ', 'ge'], ['ጠ', 'tte'], ['ፈ', 'fe'], ['ሀ', 'ha'], ['ሙ', 'mu'], ['ሉ', 'lu'],
  ['ታ', 'ta'], ['ና', 'na'], ['ዳ', 'da'], ['ራ', 'ra'], ['ሳ', 'sa'], ['ኪ', 'ki'],
]

export const EMAIL_DOMAINS: Record<Country, string[]> = {
  ET: ['gmail.com', 'gmail.com', 'yahoo.com', 'ethionet.et', 'outlook.com'],
  KE: ['gmail.com', 'gmail.com', 'yahoo.com', 'outlook.com', 'africaonline.co.ke'],
  TZ: ['gmail.com', 'gmail.com', 'yahoo.com', 'outlook.com', 'raha.co.tz'],
}
export const TLD: Record<Country, string> = { ET: 'et', KE: 'co.ke', TZ: 'co.tz' }

// biome-ignore format: a table
export const COMPANY_PLACES: Record<Country, string[]> = {
  ET: ['Addis', 'Sheger', 'Abyssinia', 'Habesha', 'Tana', 'Awash', 'Entoto', 'Lalibela', 'Gondar', 'Hawassa', 'Bahir Dar', 'Jimma', 'Adama', 'Harar'],
  KE: ['Nairobi', 'Mombasa', 'Kisumu', 'Nakuru', 'Eldoret', 'Rift Valley', 'Safari', 'Jamii', 'Kilele', 'Savannah', 'Malindi', 'Thika'],
  TZ: ['Dar', 'Zanzibar', 'Kilimanjaro', 'Serengeti', 'Arusha', 'Mwanza', 'Dodoma', 'Moshi', 'Tanga', 'Mbeya', 'Kariakoo', 'Uhuru'],
}
// biome-ignore format: a table
export const COMPANY_TRADES = [
  'Coffee Exporters', 'Logistics', 'Textiles', 'Agro Processing', 'Tours', 'Software', 'Pharma',
  'Fresh Fish', 'Furniture', 'Electronics', 'Dairies', 'Solar', 'Spice Traders', 'Flowers',
  'Fisheries', 'Insurance Brokers', 'Hotels', 'Grain Millers', 'Builders', 'Microfinance',
  'Motors', 'Hardware', 'Printing', 'Water', 'Bakery', 'Cement', 'Plastics', 'Pharmacy',
]
export const COMPANY_SUFFIXES = ['', '', ' PLC', ' Ltd', ' & Sons', ' Trading', ' Cooperative']
export const GEEZ_COMPANY_PLACES = ['ሸገር', 'አዲስ', 'ሐበሻ', 'አባይ', 'ጣና', 'አዋሽ', 'እንጦጦ', 'ላሊበላ']
export const GEEZ_COMPANY_TRADES = ['ዳቦ', 'ፋርማሲ', 'ቡና', 'ንግድ', 'ሆቴል', 'ሕትመት', 'ጨርቃጨርቅ', 'ትራንስፖርት']
// biome-ignore format: a table
export const INDUSTRIES = ['Agriculture', 'Logistics', 'Manufacturing', 'Tourism', 'Technology', 'Health', 'Retail', 'Food', 'Energy', 'Trade', 'Finance', 'Construction']
export const COMPANY_SIZES = ['1-10', '11-50', '51-200', '201-1000']
export const CALL_OUTCOMES = ['connected', 'no_answer', 'busy', 'voicemail', 'wrong_number']

export { CITIES }

/**
 * Three-digit mobile prefixes (after the country code) under which every number is a
 * valid MOBILE for libphonenumber, so the generator can fill the remaining six digits
 * freely and the app's own parser still accepts each number.
 */
export function mobilePrefixes(country: Country): { code: string; prefixes: string[] } {
  const { code, prefixes } = MOBILE_PREFIXES[country]
  const valid: string[] = []
  for (const p of prefixes) {
    for (let d = 0; d < 10; d++) {
      let all = true
      for (let rest = 0; rest < 1_000_000 && all; rest += 99_991) {
        const n = parsePhoneNumberFromString(`+${code}${p}${d}${String(rest).padStart(6, '0')}`)
        all = !!n?.isValid() && n.getType() === 'MOBILE'
      }
      if (all) valid.push(`${p}${d}`)
    }
  }
  return { code, prefixes: valid }
}

/**
 * people.source: how many in a hundred of the people who have one (15% have none).
 * Typed by the app's list, so a key the app drops or adds fails the type check.
 */
export const SOURCE_SHARES: Record<PersonSource, number> = {
  referral: 24,
  walk_in: 20,
  phone: 15,
  website: 13,
  social: 12,
  event: 7,
  advert: 6,
  other: 3,
}

/**
 * people.city, per country, commonest first (picked with a skew towards the start, so the
 * capitals hold about a third). Ethiopians written in Ge'ez often write their town in
 * Ge'ez too: PERSON_CITIES_GEEZ is the same list, same order.
 */
// biome-ignore format: a table
export const PERSON_CITIES: Record<Country, string[]> = {
  ET: ['Addis Ababa', 'Adama', 'Hawassa', 'Bahir Dar', 'Dire Dawa', 'Mekelle', 'Gondar', 'Jimma', 'Dessie', 'Harar', 'Bishoftu', 'Shashamane', 'Arba Minch', 'Debre Markos'],
  KE: ['Nairobi', 'Mombasa', 'Kisumu', 'Nakuru', 'Eldoret', 'Thika', 'Malindi', 'Kitale', 'Nyeri', 'Machakos', 'Meru', 'Garissa'],
  TZ: ['Dar es Salaam', 'Arusha', 'Mwanza', 'Dodoma', 'Zanzibar', 'Moshi', 'Mbeya', 'Morogoro', 'Tanga', 'Tabora', 'Iringa', 'Kigoma'],
}
// biome-ignore format: a table
export const PERSON_CITIES_GEEZ = ['አዲስ አበባ', 'አዳማ', 'ሀዋሳ', 'ባሕር ዳር', 'ድሬ ዳዋ', 'መቀሌ', 'ጎንደር', 'ጅማ', 'ደሴ', 'ሐረር', 'ቢሾፍቱ', 'ሻሸመኔ', 'አርባ ምንጭ', 'ደብረ ማርቆስ']

/** Deal currencies besides the workspace's (ETB: the bench workspace is Ethiopian), in percent. */
export const FOREIGN_DEALS: { currency: 'USD' | 'KES' | 'TZS'; share: number; rate: string }[] = [
  // rate: units of ETB per 1 unit, what an admin would enter (exchange_rates.rate).
  { currency: 'USD', share: 10, rate: '155.5' },
  { currency: 'KES', share: 5, rate: '1.2' },
  { currency: 'TZS', share: 3, rate: '0.06' },
]
