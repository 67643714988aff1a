import { useLingui } from '@lingui/react/macro'
import { useQueryClient } from '@tanstack/react-query'
import { activateLocale, isLocale, LOCALE_NAMES, LOCALES } from '../../i18n/i18n.ts'
import { api } from '../../lib/api.ts'
import type { Me } from '../../lib/types.ts'

// Switches the UI language at once; when signed in the choice is saved on the user, so it
// follows them to other devices (otherwise only this browser remembers it).
export function LanguageSwitcher({ signedIn, className }: { signedIn: boolean; className?: string }) {
  const { t, i18n } = useLingui()
  const qc = useQueryClient()
  return (
    <select
      aria-label={t`Language`}
      value={i18n.locale}
      className={`font-system min-h-11 rounded-md border border-slate-300 bg-white px-2 text-sm ${className ?? ''}`}
      onChange={async (e) => {
        const locale = e.target.value
        if (!isLocale(locale)) return
        // Saved first, so that leaving the page right after switching cannot lose the
        // choice; without a connection the switch still happens on this device.
        if (signedIn) {
          const me = await api<Me>('/api/v1/me', { method: 'PATCH', body: { locale } }).catch(() => null)
          if (me) qc.setQueryData(['me'], me)
        }
        await activateLocale(locale)
      }}
    >
      {LOCALES.map((l) => (
        <option key={l} value={l} lang={l}>
          {LOCALE_NAMES[l]}
        </option>
      ))}
    </select>
  )
}
