import { useState } from 'react'
import type { Selection } from './list-state.ts'

// Which rows are picked for a bulk action: some ids, or "all matching" the filters. It is
// emptied whenever the list itself changes (search, filters, trash), since the picked
// rows might no longer be in it.
export function useSelection(resetKey: string) {
  const [selection, setSelection] = useState<Selection>({ ids: [] })
  const [key, setKey] = useState(resetKey)
  if (key !== resetKey) {
    setKey(resetKey)
    setSelection({ ids: [] })
  }
  const ids = 'ids' in selection ? selection.ids : []
  const all = 'all' in selection

  return {
    selection,
    all,
    ids,
    isSelected: (id: string) => all || ids.includes(id),
    toggle: (id: string) =>
      setSelection((s) =>
        'ids' in s ? { ids: s.ids.includes(id) ? s.ids.filter((x) => x !== id) : [...s.ids, id] } : s,
      ),
    /** 'all' when every loaded row is picked. */
    loadedState: (loaded: string[]): 'all' | 'some' | 'none' => {
      if (all) return 'all'
      const picked = loaded.filter((id) => ids.includes(id)).length
      return picked === 0 ? 'none' : picked === loaded.length ? 'all' : 'some'
    },
    toggleLoaded: (loaded: string[]) =>
      setSelection((s) => {
        if (!('ids' in s)) return s
        const every = loaded.length > 0 && loaded.every((id) => s.ids.includes(id))
        return { ids: every ? [] : [...new Set([...s.ids, ...loaded])] }
      }),
    selectAll: () => setSelection({ all: true }),
    clear: () => setSelection({ ids: [] }),
  }
}
