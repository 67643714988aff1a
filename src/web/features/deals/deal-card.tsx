import { useSortable } from '@dnd-kit/sortable'
import { CSS } from '@dnd-kit/utilities'
import { useLingui } from '@lingui/react/macro'
import { Link } from '@tanstack/react-router'
import { GripVertical } from 'lucide-react'
import { cn } from '../../components/ui/cn.ts'
import { useFormat } from '../../lib/format.ts'
import type { BoardStage, Deal } from './deals-api.ts'

// One deal on the board. Mouse and touch drag the whole card; the keyboard uses the grip
// button (Space, arrows, Space). The "Move to stage" menu does the same without dragging,
// for phones and screen readers.
export function DealCard({
  deal,
  stages,
  onMove,
  writable,
  overlay = false,
}: {
  deal: Deal
  stages: BoardStage[]
  onMove: (deal: Deal, stageId: string) => void
  writable: boolean
  overlay?: boolean
}) {
  const { t } = useLingui()
  const fmt = useFormat()
  const sortable = useSortable({ id: deal.id, data: { stageId: deal.stage.id }, disabled: !writable })
  const style = { transform: CSS.Translate.toString(sortable.transform), transition: sortable.transition }
  const title = deal.title
  return (
    <article
      ref={overlay ? undefined : sortable.setNodeRef}
      style={overlay ? undefined : style}
      onMouseDown={(e) => sortable.listeners?.onMouseDown?.(e)}
      onTouchStart={(e) => sortable.listeners?.onTouchStart?.(e)}
      aria-label={title}
      className={cn(
        'touch-manipulation rounded-lg border border-slate-200 bg-white p-3 shadow-sm',
        sortable.isDragging && !overlay && 'opacity-40',
        overlay && 'rotate-2 shadow-lg',
      )}
    >
      <div className="flex items-start gap-1">
        <Link
          to="/deals/$id"
          params={{ id: deal.id }}
          draggable={false}
          className="min-w-0 flex-1 font-medium break-words text-teal-800 hover:underline"
        >
          {title}
        </Link>
        {writable && (
          <button
            type="button"
            ref={sortable.setActivatorNodeRef}
            {...sortable.attributes}
            onKeyDown={(e) => sortable.listeners?.onKeyDown?.(e)}
            aria-label={t`Drag ${title}`}
            className="-m-2 min-h-11 min-w-11 cursor-grab rounded text-slate-500 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-teal-700"
          >
            <GripVertical aria-hidden className="mx-auto size-4" />
          </button>
        )}
      </div>
      <p className="mt-1 text-sm font-semibold text-slate-900">
        {fmt.money(deal.amountMinor, deal.currency)}
      </p>
      {(deal.company || deal.person) && (
        <p className="text-sm text-slate-700">
          {[deal.company?.name, deal.person?.name].filter(Boolean).join(' · ')}
        </p>
      )}
      {deal.expectedCloseDate && (
        <p className="text-xs text-slate-600">{t`Close by ${fmt.date(`${deal.expectedCloseDate}T12:00:00Z`)}`}</p>
      )}
      {writable && !overlay && (
        <select
          aria-label={t`Move ${title} to stage`}
          value={deal.stage.id}
          onChange={(e) => onMove(deal, e.target.value)}
          className="mt-2 min-h-11 w-full rounded-md border border-slate-300 bg-white px-2 text-sm"
        >
          {stages.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      )}
    </article>
  )
}
