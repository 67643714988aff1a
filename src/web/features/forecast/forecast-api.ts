import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type * as z from 'zod'
import type {
  ForecastOutput,
  rateOutput,
  ratesOutput,
  TargetInput,
  targetsOutput,
} from '../../../server/features/analytics/forecast.schema.ts'
import { api } from '../../lib/api.ts'

// Server state of the forecast, sales targets and exchange rates.
export type { ForecastOutput, TargetInput }
export type ForecastMonth = ForecastOutput['months'][number]
export type ForecastOwner = ForecastMonth['owners'][number]
export type Targets = z.infer<typeof targetsOutput>
export type Rates = z.infer<typeof ratesOutput>
export type Rate = z.infer<typeof rateOutput>

export type ForecastFilters = { ownerId?: string; pipelineId?: string; months: number }

export function useForecast(f: ForecastFilters) {
  const qs = new URLSearchParams({ months: String(f.months) })
  if (f.ownerId) qs.set('ownerId', f.ownerId)
  if (f.pipelineId) qs.set('pipelineId', f.pipelineId)
  return useQuery({
    queryKey: ['forecast', f],
    queryFn: ({ signal }) => api<ForecastOutput>(`/api/v1/forecast?${qs}`, { signal }),
    placeholderData: keepPreviousData,
  })
}

export function useTargets(year: number) {
  return useQuery({
    queryKey: ['targets', year],
    queryFn: ({ signal }) => api<Targets>(`/api/v1/targets?year=${year}`, { signal }).then((r) => r.data),
  })
}

/** Sets (0: removes) one owner's target for a month; the forecast and targets reload. */
export function useSetTarget() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (input: TargetInput) => api('/api/v1/targets', { method: 'PUT', body: input }),
    onSettled: async () => {
      await Promise.all([
        qc.invalidateQueries({ queryKey: ['targets'] }),
        qc.invalidateQueries({ queryKey: ['forecast'] }),
      ])
    },
  })
}

export function useRates() {
  return useQuery({
    queryKey: ['exchange-rates'],
    queryFn: ({ signal }) => api<Rates>('/api/v1/exchange-rates', { signal }),
  })
}

/** Money figures everywhere depend on the rates: they reload after a change. */
export function useRateChange() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (input: { currency: string; rate: number | null }) =>
      input.rate === null
        ? api(`/api/v1/exchange-rates/${input.currency}`, { method: 'DELETE' })
        : api<Rate>(`/api/v1/exchange-rates/${input.currency}`, {
            method: 'PUT',
            body: { rate: input.rate },
          }),
    onSettled: async () => {
      await Promise.all(
        ['exchange-rates', 'forecast', 'dashboard', 'reports'].map((k) =>
          qc.invalidateQueries({ queryKey: [k] }),
        ),
      )
    },
  })
}
