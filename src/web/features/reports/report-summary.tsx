import { Trans } from '@lingui/react/macro'
import { Fragment } from 'react'
import { useFields } from '../lists/fields-api.ts'
import { ConditionText } from '../lists/filter-chips.tsx'
import type { Draft } from './draft.ts'
import { useReportNames } from './report-labels.ts'

// On paper the builder's controls are hidden: one line says which records are counted
// ("Deals · Owner is me, Status is Won"), so a printed report can be read on its own.
export function PrintSummary({ draft }: { draft: Draft }) {
  const names = useReportNames()
  const fields = useFields(draft.object).data ?? []
  return (
    <p className="hidden text-sm text-slate-800 print:block">
      <Trans>Records:</Trans> {names.object(draft.object)}
      {draft.filters.map((c, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no identity but their place
        <Fragment key={i}>
          {i === 0 ? ' · ' : ', '}
          <ConditionText field={fields.find((f) => f.key === c.field)} condition={c} />
        </Fragment>
      ))}
    </p>
  )
}
