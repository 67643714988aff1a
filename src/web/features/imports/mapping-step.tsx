import { Trans, useLingui } from '@lingui/react/macro'
import { Info } from 'lucide-react'
import { type FormEvent, useId, useMemo, useState } from 'react'
import { Button } from '../../components/ui/button.tsx'
import { focusFirstError } from '../../components/ui/field.tsx'
import { errorCode, fromProblem, useErrorText } from '../../lib/errors.ts'
import { useFormat } from '../../lib/format.ts'
import { Skeleton } from '../shell/route-states.tsx'
import { type Duplicates, type Import, useStartImport } from './imports-api.ts'
import {
  checkMapping,
  initialMapping,
  type Mapping,
  mappingIsValid,
  previewRows,
  sampleValues,
  vcardColumnName,
} from './mapping.ts'
import { StepHeading } from './step-heading.tsx'
import { type TargetOption, useImportNames, useTargets } from './target-labels.ts'

// Step 2: what each column of the file becomes (preselected when the server recognised
// the columns), a preview of the first rows, and what to do with records that exist.
export function MappingStep({ imp }: { imp: Import }) {
  const targets = useTargets(imp.object)
  // Custom fields decide which suggested targets still exist: wait for them once.
  if (targets.loading) return <Skeleton rows={4} />
  return <MappingForm imp={imp} targets={targets} />
}

type Targets = ReturnType<typeof useTargets>

function MappingForm({ imp, targets }: { imp: Import; targets: Targets }) {
  const { t } = useLingui()
  const fmt = useFormat()
  const names = useImportNames()
  const rows = fmt.number(imp.rowCount)
  const source = imp.source ? names.source(imp.source) : ''
  const errorText = useErrorText()
  const start = useStartImport(imp.id)
  const [mapping, setMapping] = useState<Mapping>(() =>
    initialMapping(
      imp.columns,
      imp.mapping,
      imp.suggestedMapping,
      new Set(targets.options.map((o) => o.value)),
    ),
  )
  const [duplicates, setDuplicates] = useState<Duplicates>(imp.duplicates ?? 'skip')
  const [tried, setTried] = useState(false)
  const check = checkMapping(imp.object, imp.columns, mapping)
  const order = useMemo(() => targets.options.map((o) => o.value), [targets.options])
  const preview = previewRows(imp.columns, imp.sample, mapping, order)

  const problems = {
    nothing_mapped: t`Choose a field for at least one column.`,
    no_name:
      imp.object === 'person'
        ? t`Match a column to First name, Last name or Full name: every person needs a name.`
        : t`Match a column to Company name: every company needs a name.`,
  }

  function startError(err: unknown) {
    const code = errorCode(err)
    if (code === 'already_started') return t`This import has already been started. Reload the page to see it.`
    if (code !== 'validation_failed') return errorText(code)
    if (fromProblem(err).mapping === 'name_required') return problems.no_name
    // A custom field archived meanwhile, or a column taken twice: the list above says which.
    return t`The server did not accept this mapping. Check the matched columns.`
  }

  function submit(e: FormEvent) {
    e.preventDefault()
    setTried(true)
    if (!mappingIsValid(check)) return focusFirstError()
    start.mutate({ mapping, duplicates })
  }

  return (
    <form onSubmit={submit} className="space-y-6" noValidate>
      <div className="space-y-2">
        <StepHeading>
          <Trans>Match the columns</Trans>
        </StepHeading>
        <p className="text-slate-700">
          <Trans>
            Choose what each column of your file becomes. Columns set to “Don't import” are left out.
          </Trans>
        </p>
        {imp.source && (
          <p className="flex items-start gap-2 rounded-md bg-teal-50 p-3 text-sm text-teal-900">
            <Info aria-hidden className="mt-0.5 size-4 shrink-0" />
            <span>
              <Trans>Recognised: {source}. The columns are matched already; check them.</Trans>
            </span>
          </p>
        )}
      </div>

      <ColumnList imp={imp} mapping={mapping} setMapping={setMapping} check={check} targets={targets} />

      <Preview targets={preview.targets} rows={preview.rows} label={targets.label} />

      <DuplicatesChoice value={duplicates} onChange={setDuplicates} />

      {tried && check.problem && (
        <p role="alert" className="text-sm text-red-800">
          {problems[check.problem]}
        </p>
      )}
      {start.isError && (
        <p role="alert" className="text-sm text-red-800">
          {startError(start.error)}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={start.isPending}>
          <Trans>Start the import</Trans>
        </Button>
        <span className="text-sm text-slate-700">
          <Trans>Rows in the file: {rows}</Trans>
        </span>
      </div>
    </form>
  )
}

function ColumnList({
  imp,
  mapping,
  setMapping,
  check,
  targets,
}: {
  imp: Import
  mapping: Mapping
  setMapping: (update: (m: Mapping) => Mapping) => void
  check: ReturnType<typeof checkMapping>
  targets: Targets
}) {
  const fmt = useFormat()
  const grid = 'md:grid md:grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)_minmax(0,1fr)] md:gap-4'
  // A vCard's columns are fields the server read from each card ("fullName", "phone2"):
  // shown by the names of those fields, in the user's language, not as keys.
  const columnName = (column: string) =>
    imp.format === 'vcard' ? vcardColumnName(column, targets.label, fmt.number) : column
  return (
    <div className="rounded-lg border border-slate-200 bg-white">
      <div
        aria-hidden
        className={`hidden border-b border-slate-200 bg-slate-50 px-4 py-2 text-sm font-medium text-slate-700 ${grid}`}
      >
        <span>
          <Trans>Column in your file</Trans>
        </span>
        <span>
          <Trans>Examples</Trans>
        </span>
        <span>
          <Trans>Import as</Trans>
        </span>
      </div>
      <ul className="divide-y divide-slate-100">
        {imp.columns.map((column, index) => (
          <ColumnRow
            // Column names may repeat in a file; their position is what identifies them.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            key={index}
            column={columnName(column)}
            samples={sampleValues(imp.sample, index)}
            value={mapping[column] ?? null}
            onChange={(target) => setMapping((m) => ({ ...m, [column]: target }))}
            takenBy={
              check.duplicates[column] === undefined ? undefined : columnName(check.duplicates[column])
            }
            options={targets.options}
            label={targets.label}
            className={grid}
          />
        ))}
      </ul>
    </div>
  )
}

function ColumnRow(props: {
  column: string
  samples: string[]
  value: string | null
  onChange: (target: string | null) => void
  takenBy: string | undefined
  options: TargetOption[]
  label: (target: string) => string
  className: string
}) {
  const { t } = useLingui()
  const id = useId()
  const target = props.value ? props.label(props.value) : ''
  const other = props.takenBy
  const error =
    other !== undefined && target
      ? t`${target} is already chosen for the column “${other}”. Choose it for one column only, or “Don't import”.`
      : undefined
  return (
    <li className={`space-y-2 p-4 md:items-center md:space-y-0 ${props.className}`}>
      <label htmlFor={id} className="block font-medium break-words text-slate-900">
        {props.column || <Trans>(column without a name)</Trans>}
      </label>
      <p id={`${id}-samples`} className="text-sm break-words text-slate-600">
        <span className="md:sr-only">
          <Trans>Examples:</Trans>{' '}
        </span>
        {props.samples.length ? props.samples.join(' · ') : <Trans>(empty in the first rows)</Trans>}
      </p>
      <div className="space-y-1">
        <select
          id={id}
          value={props.value ?? ''}
          onChange={(e) => props.onChange(e.target.value || null)}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-samples${error ? ` ${id}-error` : ''}`}
          className="block min-h-11 w-full rounded-md border border-slate-400 bg-white px-3 text-base text-slate-900 focus:outline-2 focus:outline-teal-700 aria-[invalid=true]:border-red-700"
        >
          <option value="">{t`Don't import`}</option>
          {props.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        {error && (
          <p id={`${id}-error`} className="text-sm text-red-800">
            {error}
          </p>
        )}
      </div>
    </li>
  )
}

function Preview({
  targets,
  rows,
  label,
}: {
  targets: string[]
  rows: string[][]
  label: (target: string) => string
}) {
  const id = useId()
  if (targets.length === 0 || rows.length === 0) return null
  return (
    <div className="space-y-2">
      <h3 id={id} className="font-semibold text-slate-900">
        <Trans>Preview of the first rows</Trans>
      </h3>
      {/* It scrolls sideways on a phone: focusable, so the keyboard can scroll it too. */}
      <section
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable
        tabIndex={0}
        aria-labelledby={id}
        className="overflow-x-auto rounded-lg border border-slate-200 bg-white focus-visible:outline-2 focus-visible:outline-teal-700"
      >
        <table className="w-max min-w-full text-left text-sm md:w-full">
          <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
            <tr>
              {targets.map((target) => (
                <th key={target} scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
                  {label(target)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row, r) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: sample rows have no identity
              <tr key={r}>
                {row.map((cell, c) => (
                  <td key={targets[c]} className="px-3 py-2 align-top text-slate-800">
                    {/* On a phone, columns as wide as their values up to 16rem (the table scrolls); a
                        phone number reads as one piece: it does not break at its spaces. */}
                    <div
                      className={`max-w-64 break-words ${targets[c] === 'phone' ? 'whitespace-nowrap' : ''}`}
                    >
                      {cell}
                    </div>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  )
}

function DuplicatesChoice({ value, onChange }: { value: Duplicates; onChange: (d: Duplicates) => void }) {
  const { t } = useLingui()
  const id = useId()
  const choices: { value: Duplicates; label: string; hint: string }[] = [
    {
      value: 'skip',
      label: t`Skip the row`,
      hint: t`The existing record stays as it is; the row is not imported.`,
    },
    {
      value: 'update',
      label: t`Update the existing record`,
      hint: t`Values from the file fill in and replace the record's fields.`,
    },
    {
      value: 'create',
      label: t`Create a new record anyway`,
      hint: t`You may end up with two records for the same customer.`,
    },
  ]
  return (
    <fieldset className="space-y-3" aria-describedby={`${id}-hint`}>
      <legend className="font-semibold text-slate-900">
        <Trans>When a record already exists</Trans>
      </legend>
      <p id={`${id}-hint`} className="text-sm text-slate-700">
        <Trans>Duplicates are found by phone number or email.</Trans>
      </p>
      <div className="space-y-2">
        {choices.map((c) => (
          <label
            key={c.value}
            className="flex min-h-11 cursor-pointer items-start gap-3 rounded-md border border-slate-200 bg-white p-3 has-checked:border-teal-700 has-checked:bg-teal-50"
          >
            <input
              type="radio"
              name={`${id}-duplicates`}
              value={c.value}
              checked={value === c.value}
              onChange={() => onChange(c.value)}
              aria-describedby={`${id}-${c.value}`}
              className="mt-1 size-4 shrink-0 accent-teal-700"
            />
            <span>
              <span className="block font-medium text-slate-900">{c.label}</span>
              <span id={`${id}-${c.value}`} className="block text-sm text-slate-700">
                {c.hint}
              </span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  )
}
