import { useLingui } from '@lingui/react/macro'
import parsePhoneNumber from 'libphonenumber-js/min'
import { Mail, MessageCircle, MessageSquare, Phone } from 'lucide-react'

// Tap-to-call, WhatsApp and SMS for a number, mailto for an email: the actions people
// take most from a customer record, each a real link with a 44 px target.
export function formatPhone(e164: string) {
  return parsePhoneNumber(e164)?.formatInternational() ?? e164
}

const iconLink =
  'inline-flex min-h-11 min-w-11 items-center justify-center rounded-md text-teal-800 hover:bg-teal-50 focus-visible:outline-2 focus-visible:outline-teal-700'

export function PhoneLinks({ e164, showNumber = true }: { e164: string; showNumber?: boolean }) {
  const { t } = useLingui()
  const pretty = formatPhone(e164)
  const digits = e164.replace(/\D/g, '')
  return (
    <span className="inline-flex flex-nowrap items-center">
      <a href={`tel:${e164}`} className={`${iconLink} gap-2 px-2`} aria-label={t`Call ${pretty}`}>
        <Phone aria-hidden className="size-4" />
        {showNumber && (
          <span dir="ltr" className="text-base whitespace-nowrap text-slate-900">
            {pretty}
          </span>
        )}
      </a>
      <a
        href={`https://wa.me/${digits}`}
        className={iconLink}
        target="_blank"
        rel="noopener noreferrer"
        aria-label={t`WhatsApp ${pretty}`}
      >
        <MessageCircle aria-hidden className="size-4" />
      </a>
      <a href={`sms:${e164}`} className={iconLink} aria-label={t`Text message to ${pretty}`}>
        <MessageSquare aria-hidden className="size-4" />
      </a>
    </span>
  )
}

export function EmailLink({ email }: { email: string }) {
  return (
    <a href={`mailto:${email}`} className={`${iconLink} gap-2 px-2`}>
      <Mail aria-hidden className="size-4" />
      <span className="break-all text-slate-900">{email}</span>
    </a>
  )
}
