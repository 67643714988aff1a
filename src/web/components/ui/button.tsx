import { cva, type VariantProps } from 'class-variance-authority'
import type { ComponentProps } from 'react'
import { cn } from './cn.ts'

// Buttons and button-looking links share these classes. Tap targets are at least 44 px.
export const buttonClass = cva(
  'inline-flex min-h-11 items-center justify-center gap-2 rounded-md px-4 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-teal-700 disabled:opacity-60',
  {
    variants: {
      variant: {
        primary: 'bg-teal-700 text-white hover:bg-teal-800',
        secondary: 'border border-slate-300 bg-white text-slate-900 hover:bg-slate-50',
        danger: 'border border-red-300 bg-white text-red-800 hover:bg-red-50',
        ghost: 'text-slate-700 hover:bg-slate-100',
      },
    },
    defaultVariants: { variant: 'primary' },
  },
)

/**
 * For a button whose text is wrapped in `<span className="max-md:sr-only">`: on a phone
 * it shows as a square icon button (the text stays its accessible name).
 */
export const PHONE_ICON = 'max-md:min-w-11 max-md:px-0'

export type ButtonVariant = VariantProps<typeof buttonClass>['variant']

export function Button({
  variant,
  className,
  type = 'button',
  ...props
}: ComponentProps<'button'> & { variant?: ButtonVariant }) {
  return <button type={type} className={cn(buttonClass({ variant }), className)} {...props} />
}
