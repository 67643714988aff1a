import { ChevronDown } from 'lucide-react'
import { type ReactNode, useEffect, useRef, useState } from 'react'
import { buttonClass, PHONE_ICON } from './button.tsx'
import { cn } from './cn.ts'

// A small menu of actions under a button. <details> keeps it keyboard operable without
// script; Escape closes it and returns focus to the button. On phones it opens as a
// full-width sheet at the bottom of the screen (above the bottom navigation).
// `iconOnPhone`: on a phone only the icon shows (the label stays its accessible name).
export function Menu({
  label,
  icon,
  iconOnPhone = false,
  children,
}: {
  label: string
  icon?: ReactNode
  iconOnPhone?: boolean
  children: ReactNode
}) {
  const ref = useRef<HTMLDetailsElement>(null)
  const [open, setOpen] = useState(false)
  const close = () => {
    if (ref.current) ref.current.open = false
  }
  // A tap or click anywhere else closes it, as menus do.
  useEffect(() => {
    if (!open) return
    const onDown = (e: PointerEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) ref.current.open = false
    }
    document.addEventListener('pointerdown', onDown)
    return () => document.removeEventListener('pointerdown', onDown)
  }, [open])
  return (
    <details
      ref={ref}
      className="relative"
      onToggle={(e) => setOpen(e.currentTarget.open)}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && ref.current?.open) {
          e.preventDefault()
          close()
          ref.current.querySelector('summary')?.focus()
        }
      }}
      onClick={(e) => {
        // Any item chosen closes the menu.
        if ((e.target as HTMLElement).closest('[data-menu-item]')) close()
      }}
    >
      <summary
        className={buttonClass({
          variant: 'ghost',
          className: cn('cursor-pointer list-none', iconOnPhone && PHONE_ICON),
        })}
      >
        {icon}
        <span className={iconOnPhone ? 'max-md:sr-only' : undefined}>{label}</span>
        <ChevronDown aria-hidden className={cn('size-4', iconOnPhone && 'max-md:hidden')} />
      </summary>
      <div className="fixed inset-x-0 bottom-0 z-50 flex flex-col gap-1 rounded-t-xl border border-slate-200 bg-white p-2 pb-6 shadow-2xl sm:absolute sm:inset-x-auto sm:right-0 sm:bottom-auto sm:z-30 sm:mt-1 sm:w-64 sm:rounded-md sm:pb-2 sm:shadow-lg">
        {children}
      </div>
    </details>
  )
}

export function MenuItem({
  onClick,
  danger,
  children,
}: {
  onClick: () => void
  danger?: boolean
  children: ReactNode
}) {
  return (
    <button
      type="button"
      data-menu-item
      onClick={onClick}
      className={cn(
        'flex min-h-11 w-full items-center gap-2 rounded px-3 text-left text-sm hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-teal-700',
        danger ? 'text-red-800' : 'text-slate-900',
      )}
    >
      {children}
    </button>
  )
}
