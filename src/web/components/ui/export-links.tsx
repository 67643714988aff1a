import { Trans } from '@lingui/react/macro'
import { Download } from 'lucide-react'
import { buttonClass, PHONE_ICON } from './button.tsx'

// Download the list as it is filtered and sorted now, as CSV (UTF-8), or as CSV that
// Excel opens with Ge'ez and Swahili intact (UTF-8 with a byte order mark).
export function ExportLinks({
  path,
  params,
}: {
  path: string
  params: Record<string, string | boolean | undefined>
}) {
  const qs = new URLSearchParams()
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== '' && v !== false) qs.set(k, String(v))
  const plain = `${path}?${qs}`
  qs.set('excel', 'true')
  const excel = `${path}?${qs}`
  return (
    <details className="relative">
      <summary
        className={buttonClass({ variant: 'ghost', className: `cursor-pointer list-none ${PHONE_ICON}` })}
      >
        <Download aria-hidden className="size-4" />
        <span className="max-md:sr-only">
          <Trans>Export</Trans>
        </span>
      </summary>
      <div className="absolute right-0 z-20 mt-1 flex w-56 flex-col rounded-md border border-slate-200 bg-white p-1 shadow-lg">
        <a
          href={excel}
          download
          className="flex min-h-11 items-center rounded px-3 text-sm hover:bg-slate-100"
        >
          <Trans>CSV for Excel</Trans>
        </a>
        <a
          href={plain}
          download
          className="flex min-h-11 items-center rounded px-3 text-sm hover:bg-slate-100"
        >
          <Trans>CSV (UTF-8)</Trans>
        </a>
      </div>
    </details>
  )
}
