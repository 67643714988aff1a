import { type ReactNode, useEffect, useRef } from 'react'

// The heading of an import step. When a step appears (after an upload, after starting),
// focus moves to its heading so keyboard and screen reader users start reading there.
export function StepHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    ref.current?.focus()
  }, [])
  return (
    <h2 ref={ref} tabIndex={-1} className="text-lg font-semibold text-slate-900 focus:outline-none">
      {children}
    </h2>
  )
}
