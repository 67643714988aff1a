import { Trans } from '@lingui/react/macro'
import { useQueryClient } from '@tanstack/react-query'
import { Link, useNavigate } from '@tanstack/react-router'
import { LogOut, Plus } from 'lucide-react'
import type { ReactNode } from 'react'
import { Button, buttonClass } from '../components/ui/button.tsx'
import { CustomFieldsSettings } from '../features/custom-fields/custom-fields-settings.tsx'
import { RatesSettings } from '../features/dashboard/rates-settings.tsx'
import { Invitations } from '../features/settings/invitations.tsx'
import { MembersList } from '../features/settings/members.tsx'
import { PipelinesSettings } from '../features/settings/pipelines.tsx'
import { WorkspaceSettingsForm } from '../features/settings/workspace-settings.tsx'
import { TagsSettings } from '../features/tags/tags-settings.tsx'
import { api } from '../lib/api.ts'
import { useRoleName } from '../lib/labels.ts'
import { canManage, signOut, useSignedIn } from '../lib/session.ts'

// Settings: this workspace, its members and invitations, the user's other workspaces.
export function SettingsPage() {
  const { workspace, workspaces, role } = useSignedIn()
  const roleName = useRoleName()
  const qc = useQueryClient()
  const navigate = useNavigate()
  return (
    <div className="space-y-10">
      <h1 className="text-2xl font-semibold text-slate-900">
        <Trans>Settings</Trans>
      </h1>
      <Section title={<Trans>Workspace</Trans>}>
        <WorkspaceSettingsForm key={workspace.version} />
      </Section>
      <Section title={<Trans>Members</Trans>}>
        <MembersList />
      </Section>
      {canManage(role) && (
        <Section title={<Trans>Sales pipelines</Trans>}>
          <PipelinesSettings />
        </Section>
      )}
      <Section title={<Trans>Currencies</Trans>}>
        <RatesSettings bare />
      </Section>
      <Section title={<Trans>Tags</Trans>}>
        <TagsSettings />
      </Section>
      <Section title={<Trans>Custom fields</Trans>}>
        <CustomFieldsSettings />
      </Section>
      {canManage(role) && (
        <Section title={<Trans>Invite people to this workspace</Trans>}>
          <Invitations />
        </Section>
      )}
      <Section title={<Trans>Your workspaces</Trans>}>
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {workspaces.map((w) => (
            <li key={w.id} className="flex flex-wrap items-center gap-3 p-3">
              <span className="flex-1 font-medium text-slate-900">{w.name}</span>
              <span className="text-sm text-slate-700">{roleName(w.role)}</span>
              {w.id === workspace.id ? (
                <span className="text-sm font-medium text-teal-800">
                  <Trans>Current</Trans>
                </span>
              ) : (
                <Button
                  variant="secondary"
                  onClick={async () => {
                    await api('/api/v1/session/workspace', { method: 'POST', body: { workspaceId: w.id } })
                    qc.clear()
                    await navigate({ to: '/people', search: {} })
                  }}
                >
                  <Trans>Switch</Trans>
                </Button>
              )}
            </li>
          ))}
        </ul>
        <div className="mt-4 flex flex-wrap gap-3">
          <Link to="/workspaces/new" className={buttonClass({ variant: 'secondary' })}>
            <Plus aria-hidden className="size-4" />
            <Trans>New workspace</Trans>
          </Link>
          <Button
            variant="ghost"
            onClick={async () => {
              await signOut()
              await navigate({ to: '/sign-in', search: { redirect: undefined } })
            }}
          >
            <LogOut aria-hidden className="size-4" />
            <Trans>Sign out</Trans>
          </Button>
        </div>
      </Section>
    </div>
  )
}

function Section({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <section className="space-y-4">
      <h2 className="text-lg font-semibold text-slate-900">{title}</h2>
      {children}
    </section>
  )
}
