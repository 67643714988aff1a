import { useLingui } from '@lingui/react/macro'
import { useQuery } from '@tanstack/react-query'
import { X } from 'lucide-react'
import { type KeyboardEvent, useEffect, useId, useState } from 'react'
import { api } from '../../lib/api.ts'
import type { Page } from '../../lib/types.ts'

// Pick one record (a company, a person, a deal) by typing part of its name: an ARIA
// combobox over the list API's search, usable with keyboard, mouse and touch.
export type Picked = { id: string; name: string }

export function RecordPicker({
  label,
  value,
  onChange,
  path,
  toOption,
  error,
}: {
  label: string
  value: Picked | null
  onChange: (v: Picked | null) => void
  /** List endpoint searched with `?q=`, e.g. /api/v1/companies */
  path: string
  toOption: (row: never) => Picked
  error?: string
}) {
  const { t } = useLingui()
  const id = useId()
  const [text, setText] = useState(value?.name ?? '')
  const [q, setQ] = useState('')
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(0)
  useEffect(() => setText(value?.name ?? ''), [value])
  useEffect(() => {
    const timer = setTimeout(() => setQ(text), 200)
    return () => clearTimeout(timer)
  }, [text])
  const results = useQuery({
    queryKey: [path, 'pick', q],
    queryFn: ({ signal }) =>
      api<Page<never>>(`${path}?limit=8&sort=name&q=${encodeURIComponent(q)}`, { signal }),
    enabled: open,
    staleTime: 10_000,
  })
  const options = (results.data?.data ?? []).map(toOption)

  function choose(option: Picked | undefined) {
    if (!option) return
    onChange(option)
    setText(option.name)
    setOpen(false)
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown') {
      e.preventDefault()
      setOpen(true)
      setActive((a) => Math.min(a + 1, options.length - 1))
    } else if (e.key === 'ArrowUp') {
      e.preventDefault()
      setActive((a) => Math.max(a - 1, 0))
    } else if (e.key === 'Enter' && open) {
      e.preventDefault()
      choose(options[active])
    } else if (e.key === 'Escape') {
      setOpen(false)
      setText(value?.name ?? '')
    }
  }

  return (
    <div className="relative space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <div className="flex gap-1">
        <input
          id={id}
          role="combobox"
          aria-expanded={open}
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-activedescendant={open && options[active] ? `${id}-${active}` : undefined}
          aria-invalid={error ? true : undefined}
          autoComplete="off"
          value={text}
          placeholder={t`Type to search`}
          onChange={(e) => {
            setText(e.target.value)
            setOpen(true)
            setActive(0)
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={onKeyDown}
          className="block min-h-11 w-full rounded-md border border-slate-400 bg-white px-3 text-base aria-[invalid=true]:border-red-700"
        />
        {value && (
          <button
            type="button"
            className="min-h-11 min-w-11 rounded-md text-slate-700 hover:bg-slate-100"
            onClick={() => {
              onChange(null)
              setText('')
            }}
          >
            <X aria-hidden className="mx-auto size-4" />
            <span className="sr-only">{t`Clear ${label}`}</span>
          </button>
        )}
      </div>
      {error && (
        <p className="text-sm text-red-800" role="alert">
          {error}
        </p>
      )}
      <div
        id={`${id}-list`}
        role="listbox"
        aria-label={label}
        hidden={!open || options.length === 0}
        className="absolute z-30 mt-1 max-h-64 w-full overflow-auto rounded-md border border-slate-200 bg-white shadow-lg"
      >
        {options.map((o, i) => (
          // The ARIA combobox pattern: focus stays in the input (aria-activedescendant), so
          // options are not focusable and the keyboard is handled by the input.
          // biome-ignore lint/a11y/useFocusableInteractive: see above
          // biome-ignore lint/a11y/useKeyWithClickEvents: see above
          <div
            key={o.id}
            id={`${id}-${i}`}
            role="option"
            aria-selected={i === active}
            className="min-h-11 cursor-pointer px-3 py-2.5 aria-selected:bg-teal-50"
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(o)}
          >
            {o.name}
          </div>
        ))}
      </div>
    </div>
  )
}
