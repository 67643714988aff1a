import { Trans } from '@lingui/react/macro'
import { Link } from '@tanstack/react-router'
import { buttonClass } from '../../components/ui/button.tsx'
import { errorCode, useErrorText } from '../../lib/errors.ts'

// What a page shows while it loads, when it is missing and when it failed.
export function NotFound() {
  return (
    <main className="mx-auto max-w-md p-8 text-center">
      <h1 className="text-2xl font-semibold">
        <Trans>Page not found</Trans>
      </h1>
      <Link to="/" className={buttonClass({ variant: 'secondary', className: 'mt-6' })}>
        <Trans>Go to the start page</Trans>
      </Link>
    </main>
  )
}

export function RouteError({ error }: { error: unknown }) {
  const text = useErrorText()
  return (
    <main className="mx-auto max-w-md p-8 text-center">
      <h1 className="text-2xl font-semibold">
        <Trans>Something went wrong</Trans>
      </h1>
      <p className="mt-2 text-slate-700">{text(errorCode(error))}</p>
      <button
        type="button"
        className={buttonClass({ variant: 'secondary', className: 'mt-6' })}
        onClick={() => location.reload()}
      >
        <Trans>Reload</Trans>
      </button>
    </main>
  )
}

/** Grey blocks in the shape of the content, shown on first load instead of a spinner. */
export function Skeleton({ rows = 5 }: { rows?: number }) {
  return (
    <div className="space-y-3" aria-busy="true">
      <span className="sr-only">
        <Trans>Loading…</Trans>
      </span>
      {Array.from({ length: rows }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
        <div key={i} className="h-12 animate-pulse rounded-md bg-slate-200" />
      ))}
    </div>
  )
}
