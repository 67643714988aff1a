import type { Locale } from '../workspaces/regions.ts'

// The raw material of the demo workspace: names, companies and phrases from Ethiopia,
// Kenya and Tanzania. Ge'ez names carry a Latin spelling for email addresses.
export type Country = 'ET' | 'KE' | 'TZ'

export const AMHARIC_FIRST: [string, string][] = [
  ['አበበ', 'abebe'],
  ['ሙሉጌታ', 'mulugeta'],
  ['ተስፋዬ', 'tesfaye'],
  ['ዮሐንስ', 'yohannes'],
  ['ሰላም', 'selam'],
  ['ትዕግስት', 'tigist'],
  ['መሰረት', 'meseret'],
  ['ሄኖክ', 'henok'],
  ['ብርሃኑ', 'birhanu'],
  ['አልማዝ', 'almaz'],
  ['ፍቅርተ', 'fikirte'],
  ['ዳዊት', 'dawit'],
  ['ኤልሳቤጥ', 'elsabet'],
  ['ሀና', 'hana'],
  ['ሳሙኤል', 'samuel'],
  ['ቤተልሔም', 'betelhem'],
  ['ደረጀ', 'dereje'],
  ['ማርታ', 'marta'],
  ['መሐመድ', 'mohammed'],
  ['ሊያ', 'liya'],
  ['ናትናኤል', 'natnael'],
  ['ራሔል', 'rahel'],
  ['ሚካኤል', 'mikael'],
  ['ዘቢባ', 'zebiba'],
]

export const AMHARIC_LAST: [string, string][] = [
  ['ቢቂላ', 'bikila'],
  ['ገብረሥላሴ', 'gebreselassie'],
  ['ተፈራ', 'tefera'],
  ['ኃይሌ', 'haile'],
  ['ታደሰ', 'tadesse'],
  ['በቀለ', 'bekele'],
  ['ደሳለኝ', 'desalegn'],
  ['ከበደ', 'kebede'],
  ['አለሙ', 'alemu'],
  ['ግርማ', 'girma'],
  ['አሰፋ', 'assefa'],
  ['መኮንን', 'mekonnen'],
  ['ዲባባ', 'dibaba'],
  ['ጌታቸው', 'getachew'],
  ['ወርቁ', 'worku'],
  ['አብዱልቃድር', 'abdulkadir'],
]

export const SWAHILI_FIRST = [
  'Juma',
  'Neema',
  'Baraka',
  'Amani',
  'Zawadi',
  'Rehema',
  'Hamisi',
  'Imani',
  'Faraji',
  'Subira',
  'Halima',
  'Saida',
  'Jabari',
  'Tumaini',
  'Mwanaisha',
  'Bakari',
]
export const KENYAN_FIRST = [
  'Wanjiru',
  'Achieng',
  'Otieno',
  'Kamau',
  'Njeri',
  'Wambui',
  'Kiprono',
  'Chebet',
  'Akinyi',
]
export const ENGLISH_FIRST = [
  'John',
  'Mary',
  'Peter',
  'Grace',
  'David',
  'Faith',
  'James',
  'Esther',
  'Daniel',
  'Ruth',
  'Joseph',
  'Mercy',
  'Michael',
  'Catherine',
  'Brian',
  'Sarah',
]
export const KENYAN_LAST = [
  'Mwangi',
  'Otieno',
  'Kamau',
  'Njoroge',
  'Kiptoo',
  'Odhiambo',
  'Wafula',
  'Omondi',
  'Kariuki',
  'Wekesa',
  'Cheruiyot',
  'Mutua',
]
export const TANZANIAN_LAST = [
  'Mushi',
  'Massawe',
  'Mrema',
  'Kimaro',
  'Mollel',
  'Lema',
  'Shirima',
  'Salim',
  'Hassan',
  'Mwakyusa',
  'Nyerere',
  'Mbwambo',
]
export const ENGLISH_LAST = ['Smith', 'Taylor', 'Brown', 'Wilson']

export const JOB_TITLES = [
  'Managing Director',
  'Procurement Officer',
  'Sales Manager',
  'Finance Manager',
  'Operations Lead',
  'Owner',
  'General Manager',
  'Purchasing Agent',
  'Marketing Officer',
  'Accountant',
  null,
]

export const CITIES: Record<Country, string[]> = {
  ET: ['Addis Ababa', 'Addis Ababa', 'Hawassa', 'Bahir Dar', 'Adama', 'Dire Dawa', 'Mekelle'],
  KE: ['Nairobi', 'Nairobi', 'Mombasa', 'Kisumu', 'Nakuru', 'Eldoret'],
  TZ: ['Dar es Salaam', 'Dar es Salaam', 'Arusha', 'Mwanza', 'Dodoma', 'Zanzibar', 'Moshi'],
}

// name, country, industry, domain (null for the small shops without a website)
export const COMPANIES: [string, Country, string, string | null][] = [
  ['Abyssinia Coffee Exporters', 'ET', 'Agriculture', 'abyssiniacoffee.et'],
  ['Sheger Logistics', 'ET', 'Logistics', 'shegerlogistics.et'],
  ['Habesha Textiles', 'ET', 'Manufacturing', 'habeshatextiles.com'],
  ['Tana Agro Processing', 'ET', 'Agriculture', 'tanaagro.et'],
  ['Lalibela Tours', 'ET', 'Tourism', 'lalibelatours.com'],
  ['Entoto Software', 'ET', 'Technology', 'entoto.dev'],
  ['Awash Pharma Distributors', 'ET', 'Health', 'awashpharma.et'],
  ['Hawassa Fresh Fish', 'ET', 'Food', null],
  ['Blue Nile Furniture', 'ET', 'Retail', 'bluenilefurniture.et'],
  ['Merkato Electronics', 'ET', 'Retail', null],
  ['ሸገር ዳቦ', 'ET', 'Food', null],
  ['አዲስ ፋርማሲ', 'ET', 'Health', null],
  ['ሐበሻ ቡና', 'ET', 'Food', 'habeshabuna.et'],
  ['Gondar Honey Cooperative', 'ET', 'Agriculture', null],
  ['Mama Mboga Fresh Ltd', 'KE', 'Food', 'mamamboga.co.ke'],
  ['Rift Valley Dairies', 'KE', 'Agriculture', 'riftvalleydairies.co.ke'],
  ['Safari Haulage', 'KE', 'Logistics', 'safarihaulage.co.ke'],
  ['Jamii Solar', 'KE', 'Energy', 'jamiisolar.co.ke'],
  ['Kilele Tech', 'KE', 'Technology', 'kilele.tech'],
  ['Mombasa Spice Traders', 'KE', 'Trade', 'mombasaspice.co.ke'],
  ['Nakuru Flowers', 'KE', 'Agriculture', 'nakuruflowers.co.ke'],
  ['Lake Basin Fisheries', 'KE', 'Food', null],
  ['Savannah Insurance Brokers', 'KE', 'Finance', 'savannahinsurance.co.ke'],
  ['Pwani Hotels', 'KE', 'Tourism', 'pwanihotels.co.ke'],
  ['Eldoret Grain Millers', 'KE', 'Manufacturing', 'eldoretgrain.co.ke'],
  ['Duka la Mama Njeri', 'KE', 'Retail', null],
  ['Kilimanjaro Coffee Co', 'TZ', 'Agriculture', 'kilimanjarocoffee.co.tz'],
  ['Zanzibar Spice House', 'TZ', 'Trade', 'zanzibarspice.co.tz'],
  ['Serengeti Safaris', 'TZ', 'Tourism', 'serengetisafaris.co.tz'],
  ['Dar Fresh Produce', 'TZ', 'Food', 'darfresh.co.tz'],
  ['Pwani Fisheries', 'TZ', 'Food', null],
  ['Arusha Gemstones', 'TZ', 'Mining', 'arushagems.co.tz'],
  ['Mwanza Cotton Ginners', 'TZ', 'Manufacturing', 'mwanzacotton.co.tz'],
  ['Bagamoyo Builders', 'TZ', 'Construction', 'bagamoyobuilders.co.tz'],
  ['Moshi Leather Works', 'TZ', 'Manufacturing', null],
  ['Dodoma Wines', 'TZ', 'Food', 'dodomawines.co.tz'],
  ['Kariakoo Wholesalers', 'TZ', 'Trade', null],
  ['Tanga Sisal Traders', 'TZ', 'Agriculture', 'tangasisal.co.tz'],
  ['Msasani Marine', 'TZ', 'Logistics', 'msasanimarine.co.tz'],
  ['Uhuru Microfinance', 'TZ', 'Finance', 'uhurumicrofinance.co.tz'],
]

// Mobile prefixes (after the country code) that are really in use, per country.
export const MOBILE_PREFIXES: Record<Country, { code: string; prefixes: string[]; rest: number }> = {
  ET: { code: '251', prefixes: ['91', '92', '93', '94', '96', '97', '98', '70', '71'], rest: 7 },
  KE: { code: '254', prefixes: ['70', '71', '72', '74', '79', '11'], rest: 7 },
  TZ: { code: '255', prefixes: ['74', '75', '76', '68', '69', '65', '71', '62'], rest: 7 },
}

export const CURRENCY_OF: Record<Country, 'ETB' | 'KES' | 'TZS'> = { ET: 'ETB', KE: 'KES', TZ: 'TZS' }

// Amount ranges in whole units of each currency.
export const AMOUNT_RANGE: Record<'ETB' | 'KES' | 'TZS' | 'USD', [number, number]> = {
  ETB: [20_000, 5_000_000],
  KES: [50_000, 10_000_000],
  TZS: [1_000_000, 200_000_000],
  USD: [1_000, 120_000],
}

export const DEAL_PRODUCTS = [
  'Annual supply contract',
  'Delivery fleet service',
  'Point-of-sale rollout',
  'Solar installation',
  'Staff training',
  'Cold storage',
  'Export order',
  'Warehouse lease',
  'Software licences',
  'Packaging redesign',
  'Insurance cover',
  'Bulk coffee order',
]

export const LOST_REASONS = [
  'Price too high',
  'Went with a competitor',
  'Budget frozen',
  'No response after proposal',
  'Timing: next financial year',
]

export const NOTES = [
  '**Visit**: the client wants a new price list for 500 kg.\n\n- Send prices before Friday\n- Call next week',
  'ደንበኛው አዲስ የዋጋ ዝርዝር ጠይቋል።\n\n- ናሙና ይላክ\n- በሚቀጥለው ሳምንት ይደወል',
  '**Ziara**: mteja anataka bei mpya.\n\n1. Tuma bei kabla ya Ijumaa\n2. Piga simu wiki ijayo',
  'Discussed **payment terms** (30 days). Prefers M-Pesa or bank transfer.',
  'Met at the trade fair. Interested in a pilot for *two branches*.',
  'ስብሰባው ጥሩ ነበር። ውሉን በሚቀጥለው ወር ለመፈረም ዝግጁ ናቸው።',
  'Wanataka punguzo la **10%** kwa oda kubwa. Nimemwambia nitajibu kesho.',
  '## Follow-up\n\n- Quote sent\n- Waiting for the procurement committee\n- Decision expected end of month',
  'Power outage at their warehouse; delivery moved to next week.',
  'Asked for references from other customers in [Nairobi](https://example.com/references).',
]

export const TASK_TITLES = [
  'Send the revised quote',
  'Call back about delivery dates',
  'Prepare contract draft',
  'Follow up on unpaid invoice',
  'Book a site visit',
  'Share product samples',
  'Confirm meeting agenda',
  'Update the price list',
]

export const MEETING_TITLES = [
  'Product demo',
  'Contract review',
  'Site visit',
  'Quarterly review',
  'Introduction',
]

export const PARTNERSHIPS: Record<
  Locale,
  { name: string; stages: [string, string, string, string, string] }
> = {
  en: { name: 'Partnerships', stages: ['Introduced', 'Pilot', 'Agreement drafted', 'Signed', 'Dropped'] },
  am: { name: 'አጋርነቶች', stages: ['ትውውቅ', 'ሙከራ', 'ረቂቅ ስምምነት', 'ተፈርሟል', 'ቀርቷል'] },
  sw: {
    name: 'Ubia',
    stages: ['Utambulisho', 'Majaribio', 'Rasimu ya makubaliano', 'Imesainiwa', 'Imeachwa'],
  },
}
