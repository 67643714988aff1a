import { Trans, useLingui } from '@lingui/react/macro'
import { useQueryClient } from '@tanstack/react-query'
import { Link, useNavigate, useParams } from '@tanstack/react-router'
import { ArrowLeft, Pencil } from 'lucide-react'
import { useState } from 'react'
import { buttonClass } from '../components/ui/button.tsx'
import { toast } from '../components/ui/toast.tsx'
import { ActivityComposer } from '../features/activities/activity-composer.tsx'
import { Card, RecordHeader, useTrash } from '../features/contacts/record-page.tsx'
import { CustomFieldsCard } from '../features/custom-fields/custom-value.tsx'
import { type Deal, moveDeal, useDeal, useDealTimeline, usePipelines } from '../features/deals/deals-api.ts'
import { LostReasonDialog } from '../features/deals/lost-reason-dialog.tsx'
import { RouteError, Skeleton } from '../features/shell/route-states.tsx'
import { TagChips } from '../features/tags/tag-chips.tsx'
import { TimelineList } from '../features/timeline/timeline-list.tsx'
import { errorCode, useErrorText } from '../lib/errors.ts'
import { useFormat } from '../lib/format.ts'
import { canWrite, useSignedIn } from '../lib/session.ts'

// A deal's record: amount and stage on top (with "Move to stage"), links to its person and
// company, and its timeline of stage changes, edits and activities.
export function DealPage() {
  const { id } = useParams({ from: '/app/deals/$id' })
  const { t } = useLingui()
  const errorText = useErrorText()
  const deal = useDeal(id)
  const timeline = useDealTimeline(id)
  const pipelines = usePipelines()
  const fmt = useFormat()
  const qc = useQueryClient()
  const { role } = useSignedIn()
  const navigate = useNavigate()
  const [askLost, setAskLost] = useState<string | null>(null)
  const d = deal.data
  const trash = useTrash<Deal>('deals', d, d?.title ?? '')

  if (deal.isPending) return <Skeleton />
  if (deal.isError || !d) return <RouteError error={deal.error} />

  const stages = pipelines.data?.find((p) => p.id === d.pipeline.id)?.stages ?? []
  async function move(stageId: string, lostReason?: string) {
    if (!d) return
    if (stages.find((s) => s.id === stageId)?.kind === 'lost' && !lostReason) return setAskLost(stageId)
    try {
      qc.setQueryData(['deals', id], await moveDeal(d, { stageId, lostReason }))
      await qc.invalidateQueries({ queryKey: ['deals', id, 'timeline'] })
      await qc.invalidateQueries({ queryKey: ['deals', 'board'] })
    } catch (err) {
      toast(errorText(errorCode(err)) ?? '')
    }
  }

  const writable = canWrite(role)
  const title = d.title
  const statusText = d.status === 'won' ? t`Won` : d.status === 'lost' ? t`Lost` : t`Open`
  return (
    <div className="space-y-6">
      <RecordHeader
        back={
          <Link to="/deals" search={{}} className={buttonClass({ variant: 'ghost', className: '-ml-3' })}>
            <ArrowLeft aria-hidden className="size-4" />
            <Trans>Deals</Trans>
          </Link>
        }
        record={d}
        title={title}
        subtitle={
          <>
            <p className="text-lg font-semibold text-slate-900">{fmt.money(d.amountMinor, d.currency)}</p>
            <p className="text-slate-700">
              {d.pipeline.name} · {d.stage.name} · {statusText}
            </p>
            <TagChips tags={d.tags} className="mt-2" />
          </>
        }
        edit={
          <Link to="/deals/$id/edit" params={{ id }} className={buttonClass({ variant: 'secondary' })}>
            <Pencil aria-hidden className="size-4" />
            <Trans>Edit</Trans>
          </Link>
        }
        writable={writable}
        onDelete={async () => {
          if (await trash.remove()) await navigate({ to: '/deals', search: {} })
        }}
        onRestore={() => trash.restore(d.version)}
      />
      {writable && !d.deletedAt && stages.length > 0 && (
        <label className="flex max-w-sm flex-col gap-1 text-sm font-medium text-slate-800">
          <Trans>Move to stage</Trans>
          <select
            value={d.stage.id}
            onChange={(e) => move(e.target.value)}
            className="min-h-11 rounded-md border border-slate-400 bg-white px-2 text-base font-normal"
          >
            {stages.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <section aria-labelledby="timeline-heading" className="order-2 lg:order-1">
          <h2 id="timeline-heading" className="mb-3 text-lg font-semibold text-slate-900">
            <Trans>Timeline</Trans>
          </h2>
          {!d.deletedAt && (
            <div className="mb-4">
              <ActivityComposer links={{ dealId: d.id }} />
            </div>
          )}
          <TimelineList query={timeline} object="deal" />
        </section>
        <aside className="order-1 space-y-4 lg:order-2">
          <Card title={<Trans>Details</Trans>}>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
              <dt className="text-slate-600">
                <Trans>Person</Trans>
              </dt>
              <dd>
                {d.person ? (
                  <Link to="/people/$id" params={{ id: d.person.id }} className="text-teal-800 underline">
                    {d.person.name}
                  </Link>
                ) : (
                  '—'
                )}
              </dd>
              <dt className="text-slate-600">
                <Trans>Company</Trans>
              </dt>
              <dd>
                {d.company ? (
                  <Link to="/companies/$id" params={{ id: d.company.id }} className="text-teal-800 underline">
                    {d.company.name}
                  </Link>
                ) : (
                  '—'
                )}
              </dd>
              <dt className="text-slate-600">
                <Trans>Owner</Trans>
              </dt>
              <dd className="text-slate-900">{d.owner?.name ?? '—'}</dd>
              <dt className="text-slate-600">
                <Trans>Expected close date</Trans>
              </dt>
              <dd className="text-slate-900">
                {d.expectedCloseDate ? fmt.date(`${d.expectedCloseDate}T12:00:00Z`) : '—'}
              </dd>
              {d.closedAt && (
                <>
                  <dt className="text-slate-600">
                    <Trans>Closed</Trans>
                  </dt>
                  <dd className="text-slate-900">{fmt.date(d.closedAt)}</dd>
                </>
              )}
              {d.lostReason && (
                <>
                  <dt className="text-slate-600">
                    <Trans>Reason</Trans>
                  </dt>
                  <dd className="text-slate-900">{d.lostReason}</dd>
                </>
              )}
              <dt className="text-slate-600">
                <Trans>Created</Trans>
              </dt>
              <dd className="text-slate-900">{fmt.date(d.createdAt)}</dd>
            </dl>
          </Card>
          <CustomFieldsCard object="deal" record={d} />
        </aside>
      </div>
      <LostReasonDialog
        title={askLost ? title : null}
        onCancel={() => setAskLost(null)}
        onConfirm={(reason) => {
          if (askLost) void move(askLost, reason)
          setAskLost(null)
        }}
      />
    </div>
  )
}
