import { useLingui } from '@lingui/react/macro'

// Names of fixed values (roles, countries, calendars) in the user's language.
export function useRoleName() {
  const { t } = useLingui()
  return (role: string) =>
    ({ owner: t`Owner`, admin: t`Admin`, member: t`Member`, viewer: t`Viewer` })[role] ?? role
}

export function useCalendarName() {
  const { t } = useLingui()
  return (calendar: string) => (calendar === 'ethiopic' ? t`Ethiopian` : t`Gregorian`)
}

/** Country names from Intl (no list of translations to keep), e.g. "Ethiopia" / "ኢትዮጵያ". */
export function useCountryName() {
  const { i18n } = useLingui()
  const names = new Intl.DisplayNames([i18n.locale, 'en'], { type: 'region' })
  return (code: string) => names.of(code) ?? code
}
