import { Trans, useLingui } from '@lingui/react/macro'
import { useQueryClient } from '@tanstack/react-query'
import { ArrowDown, ArrowUp, Plus, X } from 'lucide-react'
import { type FormEvent, useState } from 'react'
import { pipelineCreateInput } from '../../../server/features/deals/pipelines.schema.ts'
import { Button } from '../../components/ui/button.tsx'
import { focusFirstError, TextField } from '../../components/ui/field.tsx'
import { toast } from '../../components/ui/toast.tsx'
import { api } from '../../lib/api.ts'
import { errorCode, type FieldErrors, fromProblem, fromZod, useErrorText } from '../../lib/errors.ts'
import { type Pipeline, usePipelines } from '../deals/deals-api.ts'

// Pipelines and their stages (admins): names, win probability, won/lost stages, order.
// Saving sends the whole ordered list of stages; a stage still holding deals cannot go.
type StageRow = { id?: string; name: string; probability: number; kind: 'open' | 'won' | 'lost' }

export function PipelinesSettings() {
  const pipelines = usePipelines()
  const [adding, setAdding] = useState(false)
  return (
    <div className="space-y-6">
      {pipelines.data?.map((p) => (
        <PipelineEditor key={`${p.id}-${p.version}`} pipeline={p} />
      ))}
      {adding ? (
        <PipelineEditor onDone={() => setAdding(false)} />
      ) : (
        <Button variant="secondary" onClick={() => setAdding(true)}>
          <Plus aria-hidden className="size-4" />
          <Trans>New pipeline</Trans>
        </Button>
      )}
    </div>
  )
}

function PipelineEditor({ pipeline, onDone }: { pipeline?: Pipeline; onDone?: () => void }) {
  const { t } = useLingui()
  const errorText = useErrorText()
  const qc = useQueryClient()
  const [name, setName] = useState(pipeline?.name ?? '')
  const [stages, setStages] = useState<StageRow[]>(
    pipeline?.stages.map(({ id, name, probability, kind }) => ({ id, name, probability, kind })) ?? [
      { name: t`New`, probability: 10, kind: 'open' },
      { name: t`Won`, probability: 100, kind: 'won' },
      { name: t`Lost`, probability: 0, kind: 'lost' },
    ],
  )
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string>()

  const setStage = (i: number, patch: Partial<StageRow>) =>
    setStages(stages.map((s, j) => (j === i ? { ...s, ...patch } : s)))
  const swap = (i: number, j: number) => {
    const next = [...stages]
    ;[next[i], next[j]] = [next[j] as StageRow, next[i] as StageRow]
    setStages(next)
  }

  async function submit(e: FormEvent) {
    e.preventDefault()
    setFormError(undefined)
    const body = { name, stages }
    const checked = pipelineCreateInput.safeParse(body)
    if (!checked.success) {
      setErrors(fromZod(checked.error))
      return focusFirstError()
    }
    setErrors({})
    try {
      if (pipeline)
        await api(`/api/v1/pipelines/${pipeline.id}`, { method: 'PATCH', body, version: pipeline.version })
      else await api('/api/v1/pipelines', { method: 'POST', body })
      await qc.invalidateQueries({ queryKey: ['pipelines'] })
      await qc.invalidateQueries({ queryKey: ['deals', 'board'] })
      toast(t`Pipeline saved`)
      onDone?.()
    } catch (err) {
      setErrors(fromProblem(err))
      setFormError(errorCode(err))
    }
  }

  const kindNames = { open: t`Open`, won: t`Won`, lost: t`Lost` }
  return (
    <form onSubmit={submit} noValidate className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      {formError && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {errorText(formError)}
        </p>
      )}
      <TextField
        label={t`Pipeline name`}
        value={name}
        error={errorText(errors.name)}
        onChange={(e) => setName(e.target.value)}
      />
      <fieldset className="space-y-2">
        <legend className="text-sm font-semibold text-slate-900">
          <Trans>Stages, in order</Trans>
        </legend>
        {stages.map((s, i) => (
          <div
            key={s.id ?? `new-${i}`}
            className="flex flex-wrap items-end gap-2 border-b border-slate-100 pb-2"
          >
            <TextField
              className="min-w-40 flex-1"
              label={t`Stage ${i + 1}`}
              value={s.name}
              error={errorText(errors[`stages.${i}.name`])}
              onChange={(e) => setStage(i, { name: e.target.value })}
            />
            <TextField
              className="w-28"
              label={t`Win %`}
              type="number"
              min={0}
              max={100}
              value={String(s.probability)}
              error={errorText(errors[`stages.${i}.probability`])}
              onChange={(e) => setStage(i, { probability: Number(e.target.value) })}
            />
            <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
              <Trans>Kind</Trans>
              <select
                value={s.kind}
                onChange={(e) => setStage(i, { kind: e.target.value as StageRow['kind'] })}
                className="min-h-11 rounded-md border border-slate-400 bg-white px-2 text-base"
              >
                {(['open', 'won', 'lost'] as const).map((k) => (
                  <option key={k} value={k}>
                    {kindNames[k]}
                  </option>
                ))}
              </select>
            </label>
            <Button variant="ghost" className="px-3" disabled={i === 0} onClick={() => swap(i, i - 1)}>
              <ArrowUp aria-hidden className="size-4" />
              <span className="sr-only">{t`Move stage ${i + 1} up`}</span>
            </Button>
            <Button
              variant="ghost"
              className="px-3"
              disabled={i === stages.length - 1}
              onClick={() => swap(i, i + 1)}
            >
              <ArrowDown aria-hidden className="size-4" />
              <span className="sr-only">{t`Move stage ${i + 1} down`}</span>
            </Button>
            <Button
              variant="ghost"
              className="px-3"
              onClick={() => setStages(stages.filter((_, j) => j !== i))}
            >
              <X aria-hidden className="size-4" />
              <span className="sr-only">{t`Remove stage ${i + 1}`}</span>
            </Button>
          </div>
        ))}
        {errors.stages && <p className="text-sm text-red-800">{errorText(errors.stages)}</p>}
        <Button
          variant="ghost"
          onClick={() => {
            const closedAt = stages.findIndex((s) => s.kind !== 'open')
            const at = closedAt < 0 ? stages.length : closedAt
            setStages([
              ...stages.slice(0, at),
              { name: '', probability: 50, kind: 'open' },
              ...stages.slice(at),
            ])
          }}
        >
          <Plus aria-hidden className="size-4" />
          <Trans>Add stage</Trans>
        </Button>
      </fieldset>
      <div className="flex gap-3">
        <Button type="submit">
          <Trans>Save pipeline</Trans>
        </Button>
        {onDone && (
          <Button variant="secondary" onClick={onDone}>
            <Trans>Cancel</Trans>
          </Button>
        )}
      </div>
    </form>
  )
}
