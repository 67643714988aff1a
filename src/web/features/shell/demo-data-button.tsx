import { Trans, useLingui } from '@lingui/react/macro'
import { useQueryClient } from '@tanstack/react-query'
import { Sparkles } from 'lucide-react'
import { useState } from 'react'
import { Button } from '../../components/ui/button.tsx'
import { toast } from '../../components/ui/toast.tsx'
import { api } from '../../lib/api.ts'
import { errorCode, useErrorText } from '../../lib/errors.ts'

// "Load demo data" on an empty workspace: East African sample customers, companies, deals
// and a year of activities, so a newcomer sees a living CRM in one click.
export function DemoDataButton() {
  const { t } = useLingui()
  const errorText = useErrorText()
  const qc = useQueryClient()
  const [busy, setBusy] = useState(false)
  return (
    <Button
      variant="secondary"
      disabled={busy}
      onClick={async () => {
        setBusy(true)
        try {
          const made = await api<{ people: number; deals: number }>('/api/v1/demo-data', { method: 'POST' })
          const people = made.people
          const deals = made.deals
          await qc.invalidateQueries()
          toast(t`Added ${people} people and ${deals} deals of sample data`)
        } catch (err) {
          toast(errorText(errorCode(err)) ?? '')
        } finally {
          setBusy(false)
        }
      }}
    >
      <Sparkles aria-hidden className="size-4" />
      {busy ? <Trans>Loading demo data…</Trans> : <Trans>Load demo data</Trans>}
    </Button>
  )
}
