import { Trans } from '@lingui/react/macro'
import { useQuery } from '@tanstack/react-query'
import { Link, useNavigate, useParams } from '@tanstack/react-router'
import { useState } from 'react'
import { Button, buttonClass } from '../components/ui/button.tsx'
import { AuthLayout } from '../features/auth/auth-layout.tsx'
import { api } from '../lib/api.ts'
import { errorCode, useErrorText } from '../lib/errors.ts'
import { useRoleName } from '../lib/labels.ts'
import { queryClient, useMe } from '../lib/session.ts'
import type { InvitationPreview, Me } from '../lib/types.ts'

// An invitation link: shows which workspace and role it is for, then joins (signed in)
// or sends the visitor to create an account or sign in first.
export function InvitePage() {
  const { token } = useParams({ from: '/invite/$token' })
  const navigate = useNavigate()
  const roleName = useRoleName()
  const errorText = useErrorText()
  const me = useMe()
  const [error, setError] = useState<string>()
  const preview = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => api<InvitationPreview>(`/api/v1/invitations/${encodeURIComponent(token)}`),
  })

  async function join() {
    try {
      const updated = await api<Me>(`/api/v1/invitations/${encodeURIComponent(token)}/accept`, {
        method: 'POST',
      })
      queryClient.setQueryData(['me'], updated)
      await navigate({ to: '/people' })
    } catch (err) {
      setError(errorCode(err))
    }
  }

  if (preview.isPending) return <AuthLayout title={<Trans>Invitation</Trans>}>…</AuthLayout>
  if (preview.isError) {
    return (
      <AuthLayout title={<Trans>This invitation cannot be used</Trans>}>
        <p className="text-slate-700">
          <Trans>It may have expired, been used already or been withdrawn. Ask for a new link.</Trans>
        </p>
      </AuthLayout>
    )
  }
  const workspace = preview.data.workspaceName
  const role = roleName(preview.data.role)
  return (
    <AuthLayout title={<Trans>Join {workspace}</Trans>}>
      <p className="mb-6 text-slate-700">
        <Trans>
          You are invited to {workspace} as {role}.
        </Trans>
      </p>
      {error && (
        <p role="alert" className="mb-4 rounded-md bg-red-50 p-3 text-sm text-red-800">
          {errorText(error)}
        </p>
      )}
      {me.data ? (
        <Button className="w-full" onClick={join}>
          <Trans>Join the workspace</Trans>
        </Button>
      ) : (
        <div className="flex flex-col gap-3">
          <Link to="/sign-up" search={{ invite: token }} className={buttonClass()}>
            <Trans>Create an account</Trans>
          </Link>
          <Link
            to="/sign-in"
            search={{ redirect: `/invite/${token}` }}
            className={buttonClass({ variant: 'secondary' })}
          >
            <Trans>I already have an account</Trans>
          </Link>
        </div>
      )}
    </AuthLayout>
  )
}
