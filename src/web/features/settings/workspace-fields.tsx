import { useLingui } from '@lingui/react/macro'
import { COUNTRIES, COUNTRY_CODES, type CountryCode } from '../../../server/features/workspaces/regions.ts'
import { SelectField, TextField } from '../../components/ui/field.tsx'
import { LOCALE_NAMES, LOCALES, type Locale } from '../../i18n/i18n.ts'
import { type FieldErrors, useErrorText } from '../../lib/errors.ts'
import { useCalendarName, useCountryName } from '../../lib/labels.ts'

// Name, language, country and calendar of a workspace: used by sign-up, "new workspace"
// and workspace settings. Choosing a country proposes its calendar.
export type WorkspaceSettings = {
  name: string
  locale: Locale
  country: CountryCode
  calendar: 'gregorian' | 'ethiopic'
}

export function WorkspaceFields({
  value,
  onChange,
  errors,
  prefix = '',
  disabled,
}: {
  value: WorkspaceSettings
  onChange: (v: WorkspaceSettings) => void
  errors: FieldErrors
  prefix?: string
  disabled?: boolean
}) {
  const { t } = useLingui()
  const errorText = useErrorText()
  const countryName = useCountryName()
  const calendarName = useCalendarName()
  const sortedCountries = [...COUNTRY_CODES]
  return (
    <>
      <TextField
        label={t`Business name`}
        autoComplete="organization"
        value={value.name}
        disabled={disabled}
        error={errorText(errors[`${prefix}name`])}
        onChange={(e) => onChange({ ...value, name: e.target.value })}
      />
      <SelectField
        label={t`Main language`}
        hint={t`The language new members see first and the default pipeline is named in.`}
        value={value.locale}
        disabled={disabled}
        onChange={(e) => onChange({ ...value, locale: e.target.value as Locale })}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t`Country`}
        hint={t`Sets the phone number region, currency and time zone.`}
        value={value.country}
        disabled={disabled}
        onChange={(e) => {
          const country = e.target.value as CountryCode
          onChange({ ...value, country, calendar: COUNTRIES[country].calendar })
        }}
      >
        {sortedCountries.map((c) => (
          <option key={c} value={c}>
            {countryName(c)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t`Calendar`}
        value={value.calendar}
        disabled={disabled}
        onChange={(e) => onChange({ ...value, calendar: e.target.value as WorkspaceSettings['calendar'] })}
      >
        <option value="gregorian">{calendarName('gregorian')}</option>
        <option value="ethiopic">{calendarName('ethiopic')}</option>
      </SelectField>
    </>
  )
}
