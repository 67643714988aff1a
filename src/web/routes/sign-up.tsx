import { Trans, useLingui } from '@lingui/react/macro'
import { Link, useNavigate, useSearch } from '@tanstack/react-router'
import { type FormEvent, useState } from 'react'
import { COUNTRIES, type CountryCode } from '../../server/features/workspaces/regions.ts'
import { Button } from '../components/ui/button.tsx'
import { focusFirstError, TextField } from '../components/ui/field.tsx'
import { AuthLayout } from '../features/auth/auth-layout.tsx'
import { WorkspaceFields, type WorkspaceSettings } from '../features/settings/workspace-fields.tsx'
import { isLocale } from '../i18n/i18n.ts'
import { api } from '../lib/api.ts'
import { errorCode, type FieldErrors, fromProblem, useErrorText } from '../lib/errors.ts'
import { queryClient } from '../lib/session.ts'
import type { Me } from '../lib/types.ts'

// Sign-up and onboarding in one step: the account and its first workspace. With an
// invitation link the workspace comes from the invitation instead.
export function SignUpPage() {
  const { t, i18n } = useLingui()
  const errorText = useErrorText()
  const navigate = useNavigate()
  const { invite } = useSearch({ from: '/sign-up' })
  const [account, setAccount] = useState({ name: '', email: '', password: '' })
  const locale = isLocale(i18n.locale) ? i18n.locale : 'en'
  const country: CountryCode = locale === 'sw' ? 'KE' : 'ET'
  const [workspace, setWorkspace] = useState<WorkspaceSettings>({
    name: '',
    locale,
    country,
    calendar: COUNTRIES[country].calendar,
  })
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string>()
  const [busy, setBusy] = useState(false)

  async function submit(e: FormEvent) {
    e.preventDefault()
    const local: FieldErrors = {}
    if (!account.name.trim()) local.name = 'required'
    if (!/^\S+@\S+\.\S+$/.test(account.email.trim())) local.email = 'invalid_format'
    if (account.password.length < 8) local.password = 'password_too_short'
    if (!invite && !workspace.name.trim()) local['workspace.name'] = 'required'
    setErrors(local)
    setFormError(undefined)
    if (Object.keys(local).length) return focusFirstError()
    setBusy(true)
    try {
      let me = await api<Me>('/api/v1/signup', {
        method: 'POST',
        body: { ...account, ...(invite ? {} : { workspace }) },
      })
      if (invite)
        me = await api<Me>(`/api/v1/invitations/${encodeURIComponent(invite)}/accept`, { method: 'POST' })
      // The language chosen on this page is the new user's language.
      if (me.user.locale !== locale) me = await api<Me>('/api/v1/me', { method: 'PATCH', body: { locale } })
      queryClient.setQueryData(['me'], me)
      await navigate({ to: '/people' })
    } catch (err) {
      const fields = fromProblem(err)
      setErrors(fields)
      if (Object.keys(fields).length) focusFirstError()
      else setFormError(errorCode(err))
    } finally {
      setBusy(false)
    }
  }

  const text = (field: string) =>
    errors[field] === 'password_too_short' || (field === 'password' && errors[field] === 'too_small')
      ? t`Use at least 8 characters`
      : errorText(errors[field])

  return (
    <AuthLayout
      title={invite ? <Trans>Create your account to join</Trans> : <Trans>Start with Kiungo</Trans>}
    >
      <form onSubmit={submit} className="space-y-4" noValidate>
        {formError && (
          <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
            {errorText(formError)}
          </p>
        )}
        <TextField
          label={t`Your name`}
          autoComplete="name"
          value={account.name}
          error={text('name')}
          onChange={(e) => setAccount({ ...account, name: e.target.value })}
        />
        <TextField
          label={t`Email`}
          type="email"
          autoComplete="email"
          value={account.email}
          error={text('email')}
          onChange={(e) => setAccount({ ...account, email: e.target.value })}
        />
        <TextField
          label={t`Password`}
          type="password"
          autoComplete="new-password"
          hint={t`At least 8 characters. A short sentence is easy to remember.`}
          value={account.password}
          error={text('password')}
          onChange={(e) => setAccount({ ...account, password: e.target.value })}
        />
        {!invite && (
          <fieldset className="space-y-4 border-t border-slate-200 pt-4">
            <legend className="pt-4 text-base font-semibold text-slate-900">
              <Trans>Your business</Trans>
            </legend>
            <WorkspaceFields value={workspace} onChange={setWorkspace} errors={errors} prefix="workspace." />
          </fieldset>
        )}
        <Button type="submit" className="w-full" disabled={busy}>
          <Trans>Create account</Trans>
        </Button>
      </form>
      <p className="mt-6 text-center text-sm text-slate-700">
        <Trans>Already have an account?</Trans>{' '}
        <Link
          to="/sign-in"
          search={{ redirect: invite ? `/invite/${invite}` : undefined }}
          className="font-medium text-teal-800 underline"
        >
          <Trans>Sign in</Trans>
        </Link>
      </p>
    </AuthLayout>
  )
}
