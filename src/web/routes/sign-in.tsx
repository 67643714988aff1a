import { Trans, useLingui } from '@lingui/react/macro'
import { Link, useNavigate, useSearch } from '@tanstack/react-router'
import { type FormEvent, useState } from 'react'
import { Button } from '../components/ui/button.tsx'
import { TextField } from '../components/ui/field.tsx'
import { AuthLayout } from '../features/auth/auth-layout.tsx'
import { api, isStatus } from '../lib/api.ts'
import { errorCode, useErrorText } from '../lib/errors.ts'
import { queryClient } from '../lib/session.ts'

// Sign-in: kept small, it is the first page most visits load.
export function SignInPage() {
  const { t } = useLingui()
  const errorText = useErrorText()
  const navigate = useNavigate()
  const { redirect } = useSearch({ from: '/sign-in' })
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)

  async function submit(e: FormEvent) {
    e.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      await api('/api/auth/sign-in/email', { method: 'POST', body: { email, password } })
      await queryClient.invalidateQueries({ queryKey: ['me'] })
      // Only paths of our own site, never an absolute URL from the query string.
      const target = redirect?.startsWith('/') && !redirect.startsWith('//') ? redirect : '/people'
      await navigate({ to: target })
    } catch (err) {
      setError(isStatus(err, 401) || isStatus(err, 400) ? 'invalid_credentials' : errorCode(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <AuthLayout title={<Trans>Sign in to Kiungo</Trans>}>
      <form onSubmit={submit} className="space-y-4" noValidate>
        {error && (
          <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
            {errorText(error)}
          </p>
        )}
        <TextField
          label={t`Email`}
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          label={t`Password`}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <Button type="submit" className="w-full" disabled={busy}>
          <Trans>Sign in</Trans>
        </Button>
      </form>
      <p className="mt-6 text-center text-sm text-slate-700">
        <Trans>New to Kiungo?</Trans>{' '}
        <Link to="/sign-up" search={{ invite: undefined }} className="font-medium text-teal-800 underline">
          <Trans>Create an account</Trans>
        </Link>
      </p>
    </AuthLayout>
  )
}
