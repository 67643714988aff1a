import { Trans, useLingui } from '@lingui/react/macro'
import { Link } from '@tanstack/react-router'
import { Kanban, Table2 } from 'lucide-react'

// "Board | Table" above the deals: the kanban board of one pipeline, or the filterable
// table of all deals. From the board, the table opens filtered to the board's pipeline.
const tab =
  'inline-flex min-h-11 min-w-11 items-center justify-center gap-2 px-3 text-sm font-medium text-slate-700 hover:bg-slate-50 aria-[current=page]:bg-teal-50 aria-[current=page]:text-teal-800'

export function DealsSwitch({ pipelineId }: { pipelineId?: string }) {
  const { t } = useLingui()
  return (
    <nav
      aria-label={t`Show deals as`}
      className="inline-flex overflow-hidden rounded-md border border-slate-300 bg-white"
    >
      <Link
        to="/deals"
        search={pipelineId ? { pipeline: pipelineId } : {}}
        activeOptions={{ exact: true, includeSearch: false }}
        className={tab}
      >
        <Kanban aria-hidden className="size-4" />
        <span className="max-md:sr-only">
          <Trans>Board</Trans>
        </span>
      </Link>
      <Link
        to="/deals/list"
        search={pipelineId ? { filters: [{ field: 'pipeline', op: 'eq', value: pipelineId }] } : {}}
        activeOptions={{ includeSearch: false }}
        className={`${tab} border-l border-slate-300`}
      >
        <Table2 aria-hidden className="size-4" />
        <span className="max-md:sr-only">
          <Trans>Table</Trans>
        </span>
      </Link>
    </nav>
  )
}
