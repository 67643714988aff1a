import { Trans } from '@lingui/react/macro'
import type { ReactNode } from 'react'
import { Button } from './button.tsx'

// The dashed box of an empty list, and the "Load more" button under card lists.
export function EmptyBox({ children }: { children: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-700">
      {children}
    </div>
  )
}

export function LoadMore({ show, busy, onClick }: { show: boolean; busy: boolean; onClick: () => void }) {
  if (!show) return null
  return (
    <div className="text-center">
      <Button variant="secondary" onClick={onClick} disabled={busy}>
        <Trans>Load more</Trans>
      </Button>
    </div>
  )
}
