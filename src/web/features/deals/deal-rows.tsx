import { Trans } from '@lingui/react/macro'
import { useQueryClient } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { RotateCcw } from 'lucide-react'
import { Button } from '../../components/ui/button.tsx'
import { LoadMore } from '../../components/ui/empty-box.tsx'
import { toast } from '../../components/ui/toast.tsx'
import { api } from '../../lib/api.ts'
import { errorCode, useErrorText } from '../../lib/errors.ts'
import { useFormat } from '../../lib/format.ts'
import { type ListParams, useRecordList } from '../../lib/records.ts'
import type { Deal } from './deals-api.ts'

// A compact list of deals: a person's or company's deals, or the deals trash (with Restore).
export function DealRows({ params, empty }: { params: ListParams; empty: React.ReactNode }) {
  const fmt = useFormat()
  const errorText = useErrorText()
  const qc = useQueryClient()
  const list = useRecordList<Deal>('deals', params)
  const deals = list.data?.pages.flatMap((p) => p.data) ?? []
  if (list.isPending) return null
  if (!deals.length) return <p className="text-slate-700">{empty}</p>

  async function restore(deal: Deal) {
    try {
      await api(`/api/v1/deals/${deal.id}/restore`, { method: 'POST', version: deal.version })
      await qc.invalidateQueries({ queryKey: ['deals'] })
    } catch (err) {
      toast(errorText(errorCode(err)) ?? '')
    }
  }

  return (
    <>
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
        {deals.map((d) => (
          <li key={d.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2">
            <Link
              to="/deals/$id"
              params={{ id: d.id }}
              className="min-h-11 min-w-0 flex-1 content-center font-medium text-teal-800 hover:underline"
            >
              {d.title}
            </Link>
            <span className="text-sm text-slate-700">{d.stage.name}</span>
            <span className="text-sm font-semibold text-slate-900">
              {fmt.money(d.amountMinor, d.currency)}
            </span>
            {d.deletedAt && (
              <Button variant="secondary" onClick={() => restore(d)}>
                <RotateCcw aria-hidden className="size-4" />
                <Trans>Restore</Trans>
              </Button>
            )}
          </li>
        ))}
      </ul>
      <LoadMore show={list.hasNextPage} busy={list.isFetchingNextPage} onClick={() => list.fetchNextPage()} />
    </>
  )
}
