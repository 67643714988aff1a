import { type ComponentProps, type ReactNode, useId } from 'react'
import { cn } from './cn.ts'

// A labelled form control with its error underneath, tied together for screen readers.
const controlClass =
  'block w-full min-h-11 rounded-md border bg-white px-3 text-base text-slate-900 focus:outline-2 focus:outline-teal-700 aria-[invalid=true]:border-red-700'

type FieldProps = { label: ReactNode; error?: string; hint?: ReactNode; className?: string }

function FieldShell({
  id,
  label,
  error,
  hint,
  className,
  children,
}: FieldProps & { id: string; children: ReactNode }) {
  return (
    <div className={cn('space-y-1', className)}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint && !error && (
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-800" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}

const describedBy = (id: string, error?: string, hint?: ReactNode) =>
  error ? `${id}-error` : hint ? `${id}-hint` : undefined

export function TextField({
  label,
  error,
  hint,
  className,
  ...input
}: FieldProps & Omit<ComponentProps<'input'>, 'className'>) {
  const autoId = useId()
  const id = input.id ?? autoId
  return (
    <FieldShell id={id} label={label} error={error} hint={hint} className={className}>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        className={cn(controlClass, 'border-slate-400')}
        {...input}
      />
    </FieldShell>
  )
}

export function SelectField({
  label,
  error,
  hint,
  className,
  children,
  ...select
}: FieldProps & Omit<ComponentProps<'select'>, 'className'>) {
  const autoId = useId()
  const id = select.id ?? autoId
  return (
    <FieldShell id={id} label={label} error={error} hint={hint} className={className}>
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        className={cn(controlClass, 'border-slate-400')}
        {...select}
      >
        {children}
      </select>
    </FieldShell>
  )
}

/** Moves focus to the first field marked invalid, after React has rendered the errors. */
export function focusFirstError() {
  requestAnimationFrame(() => {
    document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  })
}
