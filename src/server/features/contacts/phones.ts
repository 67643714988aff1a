import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max'

/** E.164 for what a person typed (`0911 23 45 67`, `+251 911…`), or null when it is not a valid number. */
export function toE164(raw: string, defaultCountry: string): string | null {
  const parsed = parsePhoneNumberFromString(raw, defaultCountry as CountryCode)
  return parsed?.isValid() ? parsed.number : null
}

/** Digits people may type to find this number: international and national forms. */
export function phoneSearchTerms(e164: string): string[] {
  const parsed = parsePhoneNumberFromString(e164)
  const national = parsed ? `0${parsed.nationalNumber}` : ''
  return [e164.slice(1), national].filter(Boolean)
}
