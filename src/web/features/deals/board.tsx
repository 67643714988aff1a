import {
  type Announcements,
  closestCorners,
  DndContext,
  type DragEndEvent,
  DragOverlay,
  KeyboardSensor,
  MouseSensor,
  TouchSensor,
  useDroppable,
  useSensor,
  useSensors,
} from '@dnd-kit/core'
import { SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from '@dnd-kit/sortable'
import { Trans, useLingui } from '@lingui/react/macro'
import { useState } from 'react'
import { cn } from '../../components/ui/cn.ts'
import { useFormat } from '../../lib/format.ts'
import { DealCard } from './deal-card.tsx'
import type { Board, BoardStage, Deal, MoveTarget } from './deals-api.ts'

// The kanban board of one pipeline: a column per open stage, then "won" and "lost" drop
// zones (closed deals leave the board). Column totals are per currency, never added up.
export function DealBoard({
  board,
  writable,
  onMove,
}: {
  board: Board
  writable: boolean
  onMove: (deal: Deal, target: MoveTarget) => void
}) {
  const { t } = useLingui()
  const [active, setActive] = useState<Deal | null>(null)
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 250, tolerance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  )
  const deals = board.stages.flatMap((s) => s.deals)
  const byId = (id: unknown) => deals.find((d) => d.id === id)
  const stageOf = (id: unknown) =>
    board.stages.find((s) => `stage:${s.id}` === id) ??
    board.stages.find((s) => s.deals.some((d) => d.id === id))
  const title = (id: unknown) => byId(id)?.title ?? ''

  // What screen readers hear while dragging, in the user's language.
  const announcements: Announcements = {
    onDragStart: ({ active }) => t`Picked up ${title(active.id)}.`,
    onDragOver: ({ active, over }) =>
      over ? t`${title(active.id)} is over ${stageOf(over.id)?.name ?? ''}.` : undefined,
    onDragEnd: ({ active, over }) =>
      over
        ? t`${title(active.id)} dropped in ${stageOf(over.id)?.name ?? ''}.`
        : t`${title(active.id)} dropped.`,
    onDragCancel: ({ active }) => t`Moving ${title(active.id)} was cancelled.`,
  }

  function onDragEnd({ active: dragged, over }: DragEndEvent) {
    setActive(null)
    const deal = byId(dragged.id)
    const stage = over ? stageOf(over.id) : undefined
    if (!deal || !over || !stage) return
    const overDeal = byId(over.id)
    if (!overDeal) return onMove(deal, { stageId: stage.id })
    if (overDeal.id === deal.id) return
    // Within a column, dropping onto a card lower down puts the deal below it.
    const column = stage.deals.map((d) => d.id)
    const below = stage.id === deal.stage.id && column.indexOf(deal.id) < column.indexOf(overDeal.id)
    onMove(
      deal,
      below ? { stageId: stage.id, afterId: overDeal.id } : { stageId: stage.id, beforeId: overDeal.id },
    )
  }

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCorners}
      onDragStart={({ active }) => setActive(byId(active.id) ?? null)}
      onDragEnd={onDragEnd}
      onDragCancel={() => setActive(null)}
      accessibility={{
        announcements,
        screenReaderInstructions: {
          draggable: t`To move a deal, press Space, use the arrow keys, then press Space again to drop it, or Escape to cancel.`,
        },
      }}
    >
      <div className="-mx-4 flex snap-x gap-3 overflow-x-auto px-4 pb-4 md:mx-0 md:px-0">
        {board.stages.map((stage) => (
          <Column key={stage.id} stage={stage} stages={board.stages} writable={writable} onMove={onMove} />
        ))}
      </div>
      <DragOverlay>
        {active && <DealCard deal={active} stages={board.stages} onMove={() => {}} writable overlay />}
      </DragOverlay>
    </DndContext>
  )
}

function Column({
  stage,
  stages,
  writable,
  onMove,
}: {
  stage: BoardStage
  stages: BoardStage[]
  writable: boolean
  onMove: (deal: Deal, target: MoveTarget) => void
}) {
  const fmt = useFormat()
  const drop = useDroppable({ id: `stage:${stage.id}` })
  const closed = stage.kind !== 'open'
  const name = stage.name
  const count = stage.count
  return (
    <section
      ref={drop.setNodeRef}
      aria-label={name}
      className={cn(
        'flex w-72 shrink-0 snap-start flex-col rounded-lg bg-slate-100 p-2',
        closed && 'w-48 border-2 border-dashed',
        stage.kind === 'won' && 'border-emerald-300 bg-emerald-50',
        stage.kind === 'lost' && 'border-rose-300 bg-rose-50',
        drop.isOver && 'outline-2 outline-teal-700',
      )}
    >
      <header className="px-1 pb-2">
        <h2 className="font-semibold text-slate-900">{name}</h2>
        {!closed && (
          <p className="text-xs text-slate-700">
            <Trans>
              {count} deals · {stage.probability}%
            </Trans>
          </p>
        )}
        {stage.totals.map((total) => (
          <p key={total.currency} className="text-sm font-medium text-slate-900">
            {fmt.money(total.amountMinor, total.currency)}
          </p>
        ))}
      </header>
      {closed ? (
        <p className="px-1 text-sm text-slate-700">
          {stage.kind === 'won' ? (
            <Trans>Drop a deal here to mark it won.</Trans>
          ) : (
            <Trans>Drop a deal here to mark it lost.</Trans>
          )}
        </p>
      ) : (
        <SortableContext items={stage.deals.map((d) => d.id)} strategy={verticalListSortingStrategy}>
          <ol className="flex min-h-24 flex-col gap-2">
            {stage.deals.map((deal) => (
              <li key={deal.id}>
                <DealCard
                  deal={deal}
                  stages={stages}
                  writable={writable}
                  onMove={(d, stageId) => onMove(d, { stageId })}
                />
              </li>
            ))}
          </ol>
        </SortableContext>
      )}
    </section>
  )
}
