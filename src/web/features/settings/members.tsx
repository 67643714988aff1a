import { Trans, useLingui } from '@lingui/react/macro'
import { useQueryClient } from '@tanstack/react-query'
import { Button } from '../../components/ui/button.tsx'
import { toast } from '../../components/ui/toast.tsx'
import { api } from '../../lib/api.ts'
import { errorCode, useErrorText } from '../../lib/errors.ts'
import { useRoleName } from '../../lib/labels.ts'
import { canManage, useSignedIn } from '../../lib/session.ts'
import { useMembers } from '../people/people-api.ts'

const ROLES = ['owner', 'admin', 'member', 'viewer'] as const

// Who is in the workspace and with which role. Admins change roles and remove members;
// the server decides what each role may do.
export function MembersList() {
  const { t } = useLingui()
  const errorText = useErrorText()
  const roleName = useRoleName()
  const qc = useQueryClient()
  const { user, role } = useSignedIn()
  const members = useMembers()
  const manage = canManage(role)

  async function run(action: () => Promise<unknown>) {
    try {
      await action()
      await qc.invalidateQueries({ queryKey: ['members'] })
    } catch (err) {
      toast(errorText(errorCode(err)) ?? '')
    }
  }

  return (
    <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
      {(members.data ?? []).map((m) => (
        <li key={m.userId} className="flex flex-wrap items-center gap-3 p-3">
          <div className="min-w-0 flex-1">
            <p className="font-medium text-slate-900">
              {m.name} {m.userId === user.id && <Trans>(you)</Trans>}
            </p>
            <p className="text-sm break-all text-slate-600">{m.email}</p>
          </div>
          {manage && m.userId !== user.id ? (
            <>
              <select
                aria-label={t`Role of ${m.name}`}
                value={m.role}
                className="min-h-11 rounded-md border border-slate-300 bg-white px-2 text-sm"
                onChange={(e) =>
                  run(() =>
                    api(`/api/v1/workspace/members/${m.userId}`, {
                      method: 'PATCH',
                      body: { role: e.target.value },
                    }),
                  )
                }
              >
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {roleName(r)}
                  </option>
                ))}
              </select>
              <Button
                variant="ghost"
                onClick={() => run(() => api(`/api/v1/workspace/members/${m.userId}`, { method: 'DELETE' }))}
              >
                <Trans>Remove</Trans>
              </Button>
            </>
          ) : (
            <span className="text-sm text-slate-700">{roleName(m.role)}</span>
          )}
        </li>
      ))}
    </ul>
  )
}
