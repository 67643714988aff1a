import { Trans } from '@lingui/react/macro'
import { Link } from '@tanstack/react-router'
import { ChevronRight } from 'lucide-react'
import { useNav } from '../features/shell/app-shell.tsx'

/** Phones: the places that do not fit in the bottom bar (companies, reports, settings…). */
export function MorePage() {
  const places = useNav().filter((n) => n.desktop)
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold text-slate-900">
        <Trans>More</Trans>
      </h1>
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {places.map((n) => (
          <li key={n.to}>
            <Link
              to={n.to}
              className="flex min-h-12 items-center gap-3 px-4 text-slate-800 hover:bg-slate-50"
            >
              {n.icon}
              <span className="flex-1">{n.label}</span>
              <ChevronRight aria-hidden className="size-4 text-slate-400" />
            </Link>
          </li>
        ))}
      </ul>
    </div>
  )
}
