import { Trans, useLingui } from '@lingui/react/macro'
import { useQueryClient } from '@tanstack/react-query'
import { Link, useNavigate, useSearch } from '@tanstack/react-router'
import { Plus, Trash2 } from 'lucide-react'
import { useState } from 'react'
import { buttonClass } from '../components/ui/button.tsx'
import { ExportLinks } from '../components/ui/export-links.tsx'
import { toast } from '../components/ui/toast.tsx'
import { DealBoard } from '../features/deals/board.tsx'
import {
  type Board,
  boardAfterMove,
  boardKey,
  type Deal,
  type MoveTarget,
  moveDeal,
  useBoard,
  usePipelines,
} from '../features/deals/deals-api.ts'
import { LostReasonDialog } from '../features/deals/lost-reason-dialog.tsx'
import { DealsSwitch } from '../features/lists/deals-switch.tsx'
import { RouteError, Skeleton } from '../features/shell/route-states.tsx'
import { errorCode, useErrorText } from '../lib/errors.ts'
import { canWrite, useSignedIn } from '../lib/session.ts'

// Deals as a kanban board per pipeline. A move shows at once (optimistic) and is undone
// with a message if the server refuses it; a move into a lost stage asks for the reason.
export function DealsBoardPage() {
  const { t } = useLingui()
  const errorText = useErrorText()
  const search = useSearch({ from: '/app/deals' })
  const navigate = useNavigate({ from: '/deals' })
  const qc = useQueryClient()
  const { role } = useSignedIn()
  const pipelines = usePipelines()
  const pipelineId = search.pipeline ?? pipelines.data?.[0]?.id
  const board = useBoard(pipelineId)
  const [askLost, setAskLost] = useState<{ deal: Deal; target: MoveTarget } | null>(null)

  async function move(deal: Deal, target: MoveTarget) {
    if (!board.data || !pipelineId) return
    const stage = board.data.stages.find((s) => s.id === target.stageId)
    if (stage?.kind === 'lost' && !target.lostReason) return setAskLost({ deal, target })
    const key = boardKey(pipelineId)
    const before = qc.getQueryData<Board>(key)
    if (before) qc.setQueryData(key, boardAfterMove(before, deal.id, target))
    try {
      const moved = await moveDeal(deal, target)
      qc.setQueryData(['deals', moved.id], moved)
      if (stage?.kind === 'won') toast(t`${deal.title} won`)
      if (stage?.kind === 'lost') toast(t`${deal.title} lost`)
    } catch (err) {
      if (before) qc.setQueryData(key, before)
      toast(errorText(errorCode(err)) ?? '')
    } finally {
      await qc.invalidateQueries({ queryKey: key })
      await qc.invalidateQueries({ queryKey: ['deals', deal.id, 'timeline'] })
    }
  }

  if (pipelines.isError) return <RouteError error={pipelines.error} />
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="flex-1 text-2xl font-semibold text-slate-900">
          <Trans>Deals</Trans>
        </h1>
        {(pipelines.data?.length ?? 0) > 1 && (
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <Trans>Pipeline</Trans>
            <select
              value={pipelineId}
              onChange={(e) => navigate({ search: { pipeline: e.target.value } })}
              className="min-h-11 rounded-md border border-slate-400 bg-white px-2"
            >
              {pipelines.data?.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <DealsSwitch pipelineId={pipelineId} />
        <ExportLinks path="/api/v1/deals/export.csv" params={{ pipelineId }} />
        <Link to="/deals/trash" className={buttonClass({ variant: 'ghost' })}>
          <Trash2 aria-hidden className="size-4" />
          <Trans>Trash</Trans>
        </Link>
        {canWrite(role) && (
          <Link to="/deals/new" search={{ pipelineId }} className={buttonClass()}>
            <Plus aria-hidden className="size-4" />
            <Trans>Add deal</Trans>
          </Link>
        )}
      </div>
      {board.isPending ? (
        <Skeleton rows={4} />
      ) : board.isError ? (
        <RouteError error={board.error} />
      ) : (
        <DealBoard board={board.data} writable={canWrite(role)} onMove={move} />
      )}
      <LostReasonDialog
        title={askLost?.deal.title ?? null}
        onCancel={() => setAskLost(null)}
        onConfirm={(lostReason) => {
          if (askLost) void move(askLost.deal, { ...askLost.target, lostReason })
          setAskLost(null)
        }}
      />
    </div>
  )
}
