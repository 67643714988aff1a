import { Trans, useLingui } from '@lingui/react/macro'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Button } from '../../components/ui/button.tsx'
import { SelectField } from '../../components/ui/field.tsx'
import { toast } from '../../components/ui/toast.tsx'
import { api } from '../../lib/api.ts'
import { errorCode, useErrorText } from '../../lib/errors.ts'
import { useFormat } from '../../lib/format.ts'
import { useRoleName } from '../../lib/labels.ts'
import type { Invitation } from '../../lib/types.ts'

// Invitation links (admins): pick a role, get a single-use link to send by WhatsApp,
// SMS or email. The link is shown once; the server keeps only its hash.
export function Invitations() {
  const { t } = useLingui()
  const errorText = useErrorText()
  const roleName = useRoleName()
  const fmt = useFormat()
  const qc = useQueryClient()
  const [role, setRole] = useState<'admin' | 'member' | 'viewer'>('member')
  const [link, setLink] = useState<string>()
  const list = useQuery({
    queryKey: ['invitations'],
    queryFn: () => api<Invitation[]>('/api/v1/workspace/invitations'),
  })

  async function create() {
    try {
      const inv = await api<Invitation>('/api/v1/workspace/invitations', { method: 'POST', body: { role } })
      setLink(inv.url)
      await qc.invalidateQueries({ queryKey: ['invitations'] })
    } catch (err) {
      toast(errorText(errorCode(err)) ?? '')
    }
  }

  async function revoke(id: string) {
    await api(`/api/v1/workspace/invitations/${id}`, { method: 'DELETE' })
    await qc.invalidateQueries({ queryKey: ['invitations'] })
  }

  const open = (list.data ?? []).filter((i) => !i.acceptedAt && !i.revokedAt)
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <SelectField
          label={t`Role for the new member`}
          value={role}
          onChange={(e) => setRole(e.target.value as typeof role)}
        >
          {(['admin', 'member', 'viewer'] as const).map((r) => (
            <option key={r} value={r}>
              {roleName(r)}
            </option>
          ))}
        </SelectField>
        <Button onClick={create}>
          <Trans>Create invitation link</Trans>
        </Button>
      </div>
      {link && (
        <div className="space-y-2 rounded-md border border-teal-200 bg-teal-50 p-4">
          <p className="text-sm text-slate-900">
            <Trans>Send this link to the new member. It works once and expires in 7 days.</Trans>
          </p>
          <input
            readOnly
            aria-label={t`Invitation link`}
            value={link}
            onFocus={(e) => e.target.select()}
            className="block min-h-11 w-full rounded-md border border-slate-300 bg-white px-3 text-sm"
          />
          <Button
            variant="secondary"
            onClick={async () => {
              await navigator.clipboard?.writeText(link)
              toast(t`Link copied`)
            }}
          >
            <Trans>Copy link</Trans>
          </Button>
        </div>
      )}
      {open.length > 0 && (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {open.map((i) => {
            const expires = fmt.date(i.expiresAt)
            const r = roleName(i.role)
            return (
              <li key={i.id} className="flex flex-wrap items-center gap-3 p-3 text-sm">
                <span className="flex-1">
                  <Trans>
                    Link for a new {r}, valid until {expires}
                  </Trans>
                </span>
                <Button variant="ghost" onClick={() => revoke(i.id)}>
                  <Trans>Withdraw</Trans>
                </Button>
              </li>
            )
          })}
        </ul>
      )}
    </div>
  )
}
