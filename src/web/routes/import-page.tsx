import { Trans } from '@lingui/react/macro'
import { Link, useParams } from '@tanstack/react-router'
import { ArrowLeft } from 'lucide-react'
import { buttonClass } from '../components/ui/button.tsx'
import { useImport } from '../features/imports/imports-api.ts'
import { MappingStep } from '../features/imports/mapping-step.tsx'
import { ProgressStep } from '../features/imports/progress-step.tsx'
import { useImportNames } from '../features/imports/target-labels.ts'
import { RouteError, Skeleton } from '../features/shell/route-states.tsx'
import { useFormat } from '../lib/format.ts'
import { canWrite, useSignedIn } from '../lib/session.ts'

// One import: matching its columns while it waits to start, then its progress and result.
export function ImportPage() {
  const { id } = useParams({ from: '/app/imports/$id' })
  const query = useImport(id)
  const { role } = useSignedIn()
  const fmt = useFormat()
  const names = useImportNames()
  const imp = query.data

  if (query.isPending) return <Skeleton />
  if (query.isError || !imp) return <RouteError error={query.error} />

  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <Link
          to="/imports"
          search={{ object: undefined }}
          className={buttonClass({ variant: 'ghost', className: '-ml-3' })}
        >
          <ArrowLeft aria-hidden className="size-4" />
          <Trans>Imports</Trans>
        </Link>
        <h1 className="text-2xl font-semibold break-all text-slate-900">{imp.fileName}</h1>
        <p className="text-sm text-slate-700">
          {[names.objects(imp.object), imp.createdBy?.name, fmt.dateTime(imp.createdAt)]
            .filter(Boolean)
            .join(' · ')}
        </p>
      </div>
      {imp.status !== 'uploaded' ? (
        <ProgressStep imp={imp} />
      ) : canWrite(role) ? (
        <MappingStep key={imp.id} imp={imp} />
      ) : (
        <p className="text-slate-700">
          <Trans>This file was uploaded but has not been imported yet.</Trans>
        </p>
      )}
    </div>
  )
}
