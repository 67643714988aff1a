import { useQuery } from '@tanstack/react-query'
import type * as z from 'zod'
import type { boardOutput, Deal } from '../../../server/features/deals/deals.schema.ts'
import type { pipelineOutput } from '../../../server/features/deals/pipelines.schema.ts'
import { api } from '../../lib/api.ts'
import { useRecord, useTimeline } from '../../lib/records.ts'

// Server state of pipelines, boards and deals.
export type { Deal }
export type Pipeline = z.infer<typeof pipelineOutput>
export type Board = z.infer<typeof boardOutput>
export type BoardStage = Board['stages'][number]

export function usePipelines() {
  return useQuery({
    queryKey: ['pipelines'],
    queryFn: () => api<{ data: Pipeline[] }>('/api/v1/pipelines').then((r) => r.data),
    staleTime: 5 * 60_000,
  })
}

export const boardKey = (pipelineId: string) => ['deals', 'board', pipelineId]

export function useBoard(pipelineId: string | undefined) {
  return useQuery({
    queryKey: boardKey(pipelineId ?? ''),
    queryFn: () => api<Board>(`/api/v1/pipelines/${pipelineId}/board`),
    enabled: Boolean(pipelineId),
  })
}

export const useDeal = (id: string) => useRecord<Deal>('deals', id)
export const useDealTimeline = (id: string) => useTimeline('deals', id)

export type MoveTarget = { stageId: string; beforeId?: string; afterId?: string; lostReason?: string }

export const moveDeal = (deal: Pick<Deal, 'id' | 'version'>, target: MoveTarget) =>
  api<Deal>(`/api/v1/deals/${deal.id}/move`, { method: 'POST', body: target, version: deal.version })

/**
 * The board as it will be after a move, computed on the client so the card lands at once
 * (the server's answer then replaces it). Deals moved to a won/lost stage leave the board.
 */
export function boardAfterMove(board: Board, dealId: string, target: MoveTarget): Board {
  const deal = board.stages.flatMap((s) => s.deals).find((d) => d.id === dealId)
  if (!deal) return board
  const from = board.stages.find((s) => s.id === deal.stage.id)
  const to = board.stages.find((s) => s.id === target.stageId)
  if (!from || !to) return board
  const stages = board.stages.map((s) => {
    let deals = s.deals.filter((d) => d.id !== dealId)
    let totals = s.totals
    let count = s.count
    if (s.id === from.id && s.id !== to.id) {
      count -= 1
      totals = addTotal(totals, deal.currency, -deal.amountMinor, -1)
    }
    if (s.id === to.id && to.kind === 'open') {
      const moved = {
        ...deal,
        stage: { id: to.id, name: to.name, kind: to.kind, probability: to.probability },
      }
      const at = target.beforeId
        ? deals.findIndex((d) => d.id === target.beforeId)
        : target.afterId
          ? deals.findIndex((d) => d.id === target.afterId) + 1
          : deals.length
      deals = [
        ...deals.slice(0, at < 0 ? deals.length : at),
        moved,
        ...deals.slice(at < 0 ? deals.length : at),
      ]
      if (s.id !== from.id) {
        count += 1
        totals = addTotal(totals, deal.currency, deal.amountMinor, 1)
      }
    }
    return { ...s, deals, totals, count }
  })
  return { ...board, stages }
}

function addTotal(totals: BoardStage['totals'], currency: string, amountMinor: number, count: number) {
  const found = totals.some((t) => t.currency === currency)
  const next = found
    ? totals.map((t) =>
        t.currency === currency
          ? { ...t, amountMinor: t.amountMinor + amountMinor, count: t.count + count }
          : t,
      )
    : [...totals, { currency, amountMinor, count }]
  return next.filter((t) => t.count > 0)
}
