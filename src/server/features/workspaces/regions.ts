// Countries a workspace can be set up in, with the defaults they imply. Shared by the
// server (sign-up, phone parsing) and the web app (onboarding form): keep it pure data.
export const COUNTRIES = {
  ET: { currency: 'ETB', timeZone: 'Africa/Addis_Ababa', calendar: 'ethiopic', locale: 'am' },
  KE: { currency: 'KES', timeZone: 'Africa/Nairobi', calendar: 'gregorian', locale: 'sw' },
  TZ: { currency: 'TZS', timeZone: 'Africa/Dar_es_Salaam', calendar: 'gregorian', locale: 'sw' },
  UG: { currency: 'UGX', timeZone: 'Africa/Kampala', calendar: 'gregorian', locale: 'en' },
  RW: { currency: 'RWF', timeZone: 'Africa/Kigali', calendar: 'gregorian', locale: 'en' },
  SO: { currency: 'SOS', timeZone: 'Africa/Mogadishu', calendar: 'gregorian', locale: 'en' },
  DJ: { currency: 'DJF', timeZone: 'Africa/Djibouti', calendar: 'gregorian', locale: 'en' },
  SS: { currency: 'SSP', timeZone: 'Africa/Juba', calendar: 'gregorian', locale: 'en' },
  US: { currency: 'USD', timeZone: 'America/New_York', calendar: 'gregorian', locale: 'en' },
  GB: { currency: 'GBP', timeZone: 'Europe/London', calendar: 'gregorian', locale: 'en' },
} as const

export type CountryCode = keyof typeof COUNTRIES
export const COUNTRY_CODES = Object.keys(COUNTRIES) as [CountryCode, ...CountryCode[]]

export const LOCALES = ['en', 'am', 'sw'] as const
export type Locale = (typeof LOCALES)[number]

export const CALENDARS = ['gregorian', 'ethiopic'] as const
export type Calendar = (typeof CALENDARS)[number]

export const CURRENCIES = [
  'ETB',
  'KES',
  'TZS',
  'UGX',
  'RWF',
  'SOS',
  'DJF',
  'SSP',
  'USD',
  'EUR',
  'GBP',
] as const

export const ROLES = ['owner', 'admin', 'member', 'viewer'] as const
export type Role = (typeof ROLES)[number]
