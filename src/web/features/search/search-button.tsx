import { Trans, useLingui } from '@lingui/react/macro'
import { Search } from 'lucide-react'
import { lazy, Suspense, useEffect, useState } from 'react'

// Opens the command menu: the header button, Ctrl/Cmd+K anywhere, or "/" when the user is
// not typing in a field. The menu itself is a separate chunk, loaded on first use.
const CommandMenu = lazy(() => import('./command-menu.tsx').then((m) => ({ default: m.CommandMenu })))

const typingIn = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))

export function SearchButton() {
  const { t } = useLingui()
  const [open, setOpen] = useState(false)
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault()
        setOpen(true)
      } else if (e.key === '/' && !typingIn(e.target)) {
        e.preventDefault()
        setOpen(true)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-keyshortcuts="Control+K Meta+K /"
        title={t`Search (Ctrl+K or /)`}
        className="flex min-h-11 min-w-11 items-center justify-center gap-2 rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-600 hover:bg-slate-50 md:min-w-64 md:justify-start"
      >
        <Search aria-hidden className="size-4" />
        <span className="sr-only md:not-sr-only md:flex-1 md:text-left">
          <Trans>Search</Trans>
        </span>
        <kbd aria-hidden className="hidden rounded border border-slate-300 px-1.5 text-xs md:inline">
          Ctrl K
        </kbd>
      </button>
      {open && (
        <Suspense fallback={null}>
          <CommandMenu onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  )
}
