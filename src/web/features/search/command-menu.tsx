import { Trans, useLingui } from '@lingui/react/macro'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { Building2, CheckSquare, Kanban, Plus, Search, Settings, User, Users } from 'lucide-react'
import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react'
import type { SearchResults } from '../../../server/features/search/search.schema.ts'
import { api } from '../../lib/api.ts'
import { useFormat } from '../../lib/format.ts'
import { formatPhone } from '../people/contact-links.tsx'

// The Ctrl/Cmd+K menu: search people, companies and deals (names in Latin or Ge'ez,
// emails, phone numbers as typed), or jump to a page / create a record. A modal dialog
// with an ARIA combobox: arrows move, Enter opens, Escape closes.
type Item = { key: string; group: string; label: string; detail?: string; icon: ReactNode; go: () => void }

export function CommandMenu({ onClose }: { onClose: () => void }) {
  const { t } = useLingui()
  const fmt = useFormat()
  const navigate = useNavigate()
  const id = useId()
  const dialog = useRef<HTMLDialogElement>(null)
  const [text, setText] = useState('')
  const [q, setQ] = useState('')
  const [active, setActive] = useState(0)
  useEffect(() => {
    dialog.current?.showModal()
  }, [])
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 150)
    return () => clearTimeout(timer)
  }, [text])
  const results = useQuery({
    queryKey: ['search', q],
    queryFn: ({ signal }) =>
      api<SearchResults>(`/api/v1/search?q=${encodeURIComponent(q)}&limit=5`, { signal }),
    enabled: q.length >= 2,
    placeholderData: keepPreviousData,
  })

  const go = (fn: () => Promise<unknown>) => () => {
    onClose()
    void fn()
  }
  const icon = 'size-4 shrink-0 text-slate-500'
  const items: Item[] =
    q.length >= 2
      ? [
          ...(results.data?.people ?? []).map((p) => ({
            key: `p${p.id}`,
            group: t`People`,
            label: p.name,
            detail: [p.subtitle, p.phone && formatPhone(p.phone), p.email].filter(Boolean).join(' · '),
            icon: <User aria-hidden className={icon} />,
            go: go(() => navigate({ to: '/people/$id', params: { id: p.id } })),
          })),
          ...(results.data?.companies ?? []).map((c) => ({
            key: `c${c.id}`,
            group: t`Companies`,
            label: c.name,
            detail: c.subtitle ?? undefined,
            icon: <Building2 aria-hidden className={icon} />,
            go: go(() => navigate({ to: '/companies/$id', params: { id: c.id } })),
          })),
          ...(results.data?.deals ?? []).map((d) => ({
            key: `d${d.id}`,
            group: t`Deals`,
            label: d.name,
            detail: [d.subtitle, fmt.money(d.amount.amountMinor, d.amount.currency)]
              .filter(Boolean)
              .join(' · '),
            icon: <Kanban aria-hidden className={icon} />,
            go: go(() => navigate({ to: '/deals/$id', params: { id: d.id } })),
          })),
        ]
      : [
          {
            key: 'people',
            label: t`People`,
            icon: <Users aria-hidden className={icon} />,
            to: '/people' as const,
          },
          {
            key: 'deals',
            label: t`Deals`,
            icon: <Kanban aria-hidden className={icon} />,
            to: '/deals' as const,
          },
          {
            key: 'companies',
            label: t`Companies`,
            icon: <Building2 aria-hidden className={icon} />,
            to: '/companies' as const,
          },
          {
            key: 'tasks',
            label: t`My tasks`,
            icon: <CheckSquare aria-hidden className={icon} />,
            to: '/tasks' as const,
          },
          {
            key: 'settings',
            label: t`Settings`,
            icon: <Settings aria-hidden className={icon} />,
            to: '/settings' as const,
          },
        ]
          .map((p): Item => ({ ...p, group: t`Go to`, go: go(() => navigate({ to: p.to })) }))
          .concat(
            [
              { key: 'new-person', label: t`Add person`, to: '/people/new' as const },
              { key: 'new-company', label: t`Add company`, to: '/companies/new' as const },
              { key: 'new-deal', label: t`Add deal`, to: '/deals/new' as const },
            ].map(
              (c): Item => ({
                ...c,
                group: t`Create`,
                icon: <Plus aria-hidden className={icon} />,
                go: go(() => navigate({ to: c.to })),
              }),
            ),
          )
  const current = Math.min(active, Math.max(items.length - 1, 0))

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault()
      const step = e.key === 'ArrowDown' ? 1 : -1
      setActive((current + step + items.length) % Math.max(items.length, 1))
    } else if (e.key === 'Enter') {
      e.preventDefault()
      items[current]?.go()
    }
  }
  useEffect(() => {
    document.getElementById(`${id}-${current}`)?.scrollIntoView({ block: 'nearest' })
  }, [current, id])

  const groups = [...new Set(items.map((i) => i.group))]
  const nothing = q.length >= 2 && results.isSuccess && items.length === 0
  return (
    <dialog
      ref={dialog}
      onClose={onClose}
      aria-label={t`Search and commands`}
      className="mx-auto mt-[10vh] w-[min(40rem,calc(100vw-1rem))] rounded-xl p-0 shadow-2xl backdrop:bg-slate-900/40"
      onClick={(e) => {
        if (e.target === dialog.current) dialog.current?.close()
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') dialog.current?.close()
      }}
    >
      <div className="flex items-center gap-2 border-b border-slate-200 px-3">
        <Search aria-hidden className="size-5 text-slate-500" />
        <input
          role="combobox"
          aria-expanded="true"
          aria-controls={`${id}-list`}
          aria-activedescendant={items.length ? `${id}-${current}` : undefined}
          aria-label={t`Search people, companies and deals`}
          placeholder={t`Name, phone number, email…`}
          value={text}
          onChange={(e) => {
            setText(e.target.value)
            setActive(0)
          }}
          onKeyDown={onKeyDown}
          className="min-h-14 flex-1 bg-transparent text-base outline-none"
        />
      </div>
      <div
        id={`${id}-list`}
        role="listbox"
        aria-label={t`Results`}
        className="max-h-[60vh] overflow-y-auto p-2"
      >
        {groups.map((group) => (
          // A group of options inside a listbox is ARIA's own pattern; a fieldset is for form controls.
          // biome-ignore lint/a11y/useSemanticElements: see above
          <div key={group} role="group" aria-label={group}>
            <p className="px-2 pt-2 pb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">
              {group}
            </p>
            {items.map((item, i) =>
              item.group !== group ? null : (
                // The combobox keeps focus (aria-activedescendant); options are clicked or chosen with Enter.
                // biome-ignore lint/a11y/useFocusableInteractive: see above
                // biome-ignore lint/a11y/useKeyWithClickEvents: see above
                <div
                  key={item.key}
                  id={`${id}-${i}`}
                  role="option"
                  aria-selected={i === current}
                  onClick={item.go}
                  onMouseMove={() => setActive(i)}
                  className="flex min-h-11 cursor-pointer items-center gap-3 rounded-md px-2 py-1.5 aria-selected:bg-teal-50"
                >
                  {item.icon}
                  <span className="min-w-0 flex-1">
                    <span dir="auto" className="block truncate font-medium text-slate-900">
                      {item.label}
                    </span>
                    {item.detail && (
                      <span dir="auto" className="block truncate text-sm text-slate-600">
                        {item.detail}
                      </span>
                    )}
                  </span>
                </div>
              ),
            )}
          </div>
        ))}
        {nothing && (
          <p className="p-4 text-center text-slate-700">
            <Trans>Nothing found. Try part of a name, a phone number or an email.</Trans>
          </p>
        )}
      </div>
    </dialog>
  )
}
