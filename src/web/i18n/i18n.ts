import { i18n } from '@lingui/core'

// Lingui setup. Catalogs are loaded on demand (one chunk per language); the chosen
// language is also remembered in localStorage so the sign-in page opens in it.
export const LOCALES = ['en', 'am', 'sw'] as const
export type Locale = (typeof LOCALES)[number]

/** Each language written in itself, as the switcher shows it. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', am: 'አማርኛ', sw: 'Kiswahili' }

const catalogs = {
  en: () => import('./locales/en/messages.po'),
  am: () => import('./locales/am/messages.po'),
  sw: () => import('./locales/sw/messages.po'),
}

const STORAGE_KEY = 'kiungo.locale'

export const isLocale = (v: unknown): v is Locale => LOCALES.includes(v as Locale)

/** The language to start in before we know the user: last choice, else the browser's. */
export function initialLocale(): Locale {
  const saved = localStorage.getItem(STORAGE_KEY)
  if (isLocale(saved)) return saved
  for (const tag of navigator.languages ?? []) {
    const base = tag.slice(0, 2)
    if (isLocale(base)) return base
  }
  return 'en'
}

export async function activateLocale(locale: Locale) {
  if (i18n.locale === locale) return
  const { messages } = await catalogs[locale]()
  i18n.loadAndActivate({ locale, messages })
  document.documentElement.lang = locale
  localStorage.setItem(STORAGE_KEY, locale)
}

export { i18n }
