import { Trans, useLingui } from '@lingui/react/macro'
import { Link, useNavigate, useSearch } from '@tanstack/react-router'
import type { ReactNode } from 'react'
import { EmptyBox } from '../components/ui/empty-box.tsx'
import { type Import, useImports } from '../features/imports/imports-api.ts'
import { useImportNames } from '../features/imports/target-labels.ts'
import { UploadStep } from '../features/imports/upload-step.tsx'
import { RouteError, Skeleton } from '../features/shell/route-states.tsx'
import { useFormat } from '../lib/format.ts'
import { useDesktop } from '../lib/media.ts'
import { canWrite, useSignedIn } from '../lib/session.ts'

// Imports: a new one (file upload, for members who may write) and the history of this
// workspace's imports, each linking to its page (mapping, progress, result, undo).
export function ImportsPage() {
  const search = useSearch({ from: '/app/imports' })
  const navigate = useNavigate({ from: '/imports' })
  const { role } = useSignedIn()
  const object = search.object ?? 'person'
  return (
    <div className="space-y-10">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold text-slate-900">
          <Trans>Import</Trans>
        </h1>
        <p className="max-w-2xl text-slate-700">
          <Trans>
            Bring your customers in from a spreadsheet, another CRM or your phone's contacts. You choose what
            each column becomes before anything is imported, and an import can be undone.
          </Trans>
        </p>
      </div>
      {canWrite(role) ? (
        <Section title={<Trans>New import</Trans>}>
          <UploadStep
            object={object}
            onObject={(o) => navigate({ search: { object: o }, replace: true })}
            onUploaded={(imp) => navigate({ to: '/imports/$id', params: { id: imp.id } })}
          />
        </Section>
      ) : (
        <p className="text-slate-700">
          <Trans>Only members who can edit records can import. Ask an admin of this workspace.</Trans>
        </p>
      )}
      <Section title={<Trans>Import history</Trans>}>
        <History />
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

function History() {
  const list = useImports()
  const desktop = useDesktop()
  if (list.isPending) return <Skeleton rows={3} />
  if (list.isError) return <RouteError error={list.error} />
  const imports = list.data.data
  if (imports.length === 0) {
    return (
      <EmptyBox>
        <Trans>No imports yet.</Trans>
      </EmptyBox>
    )
  }
  return desktop ? <HistoryTable imports={imports} /> : <HistoryCards imports={imports} />
}

function useCountsText() {
  const { t } = useLingui()
  const fmt = useFormat()
  return ({ counts }: Import) => {
    const [created, updated, skipped, failed] = [
      counts.created,
      counts.updated,
      counts.skipped,
      counts.failed,
    ].map(fmt.number)
    return [t`${created} created`, t`${updated} updated`, t`${skipped} skipped`, t`${failed} failed`].join(
      ' · ',
    )
  }
}

function FileLink({ imp }: { imp: Import }) {
  return (
    <Link
      to="/imports/$id"
      params={{ id: imp.id }}
      className="font-medium break-all text-teal-800 hover:underline"
    >
      {imp.fileName}
    </Link>
  )
}

function HistoryTable({ imports }: { imports: Import[] }) {
  const fmt = useFormat()
  const names = useImportNames()
  const countsText = useCountsText()
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-4 py-3 font-medium">
              <Trans>File</Trans>
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              <Trans>Contains</Trans>
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              <Trans>By</Trans>
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              <Trans>When</Trans>
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              <Trans>Status</Trans>
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              <Trans>Result</Trans>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {imports.map((imp) => (
            <tr key={imp.id} className="hover:bg-slate-50">
              <td className="px-4 py-2">
                <FileLink imp={imp} />
              </td>
              <td className="px-4 py-2 text-slate-700">{names.objects(imp.object)}</td>
              <td className="px-4 py-2 text-slate-700">{imp.createdBy?.name}</td>
              <td className="px-4 py-2 whitespace-nowrap text-slate-700">{fmt.dateTime(imp.createdAt)}</td>
              <td className="px-4 py-2 text-slate-700">{names.status(imp.status)}</td>
              <td className="px-4 py-2 text-slate-700">
                {imp.status === 'uploaded' ? null : countsText(imp)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function HistoryCards({ imports }: { imports: Import[] }) {
  const fmt = useFormat()
  const names = useImportNames()
  const countsText = useCountsText()
  return (
    <ul className="space-y-2">
      {imports.map((imp) => (
        <li key={imp.id} className="space-y-1 rounded-lg border border-slate-200 bg-white p-3">
          <FileLink imp={imp} />
          <p className="text-sm text-slate-700">
            {[names.objects(imp.object), imp.createdBy?.name, fmt.dateTime(imp.createdAt)]
              .filter(Boolean)
              .join(' · ')}
          </p>
          <p className="text-sm font-medium text-slate-900">{names.status(imp.status)}</p>
          {imp.status !== 'uploaded' && <p className="text-sm text-slate-700">{countsText(imp)}</p>}
        </li>
      ))}
    </ul>
  )
}
