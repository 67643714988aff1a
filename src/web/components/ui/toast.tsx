import { Trans } from '@lingui/react/macro'
import { X } from 'lucide-react'
import { useSyncExternalStore } from 'react'

// A small toast queue: a message, optionally an action such as "Undo". Toasts live in a
// polite live region so screen readers announce them.
type Toast = { id: number; message: string; action?: { label: string; run: () => void } }

let toasts: Toast[] = []
let nextId = 1
const listeners = new Set<() => void>()
const emit = () => {
  for (const l of listeners) l()
}

export function dismissToast(id: number) {
  toasts = toasts.filter((t) => t.id !== id)
  emit()
}

export function toast(message: string, action?: Toast['action'], ms = 8000) {
  const id = nextId++
  toasts = [...toasts.slice(-2), { id, message, action }]
  emit()
  setTimeout(() => dismissToast(id), ms)
  return id
}

export function Toaster() {
  const list = useSyncExternalStore(
    (l) => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    () => toasts,
  )
  return (
    <div
      aria-live="polite"
      className="pointer-events-none fixed inset-x-0 bottom-20 z-50 flex flex-col items-center gap-2 px-4 md:bottom-6"
    >
      {list.map((t) => (
        <div
          key={t.id}
          className="pointer-events-auto flex w-full max-w-md items-center gap-3 rounded-lg bg-slate-900 px-4 py-2 text-sm text-white shadow-lg"
        >
          <span className="flex-1">{t.message}</span>
          {t.action && (
            <button
              type="button"
              className="min-h-11 rounded px-3 font-semibold text-teal-200 hover:bg-slate-800"
              onClick={() => {
                t.action?.run()
                dismissToast(t.id)
              }}
            >
              {t.action.label}
            </button>
          )}
          <button
            type="button"
            className="min-h-11 min-w-11 rounded hover:bg-slate-800"
            onClick={() => dismissToast(t.id)}
          >
            <X aria-hidden className="mx-auto size-4" />
            <span className="sr-only">
              <Trans>Dismiss</Trans>
            </span>
          </button>
        </div>
      ))}
    </div>
  )
}
