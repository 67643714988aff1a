import { useLingui } from '@lingui/react/macro'
// Type only: the dashboard imports this hook, and should not pull the people schemas (zod) in.
import type { PersonSource } from '../../../server/features/people/people.schema.ts'

/**
 * Names of the people sources (where a contact came from) in the user's language.
 * `null` is "not set"; an unknown key is shown as it came.
 */
export function useSourceLabel() {
  const { t } = useLingui()
  const names: Record<PersonSource, string> = {
    referral: t`Referral`,
    walk_in: t`Walk-in`,
    phone: t`Phone call`,
    website: t`Website`,
    social: t`Social media`,
    event: t`Event`,
    advert: t`Advert`,
    other: t`Other`,
  }
  const notSet = t`Not set`
  return (key: string | null): string => {
    if (key === null || key === '') return notSet
    return (names as Record<string, string>)[key] ?? key
  }
}
