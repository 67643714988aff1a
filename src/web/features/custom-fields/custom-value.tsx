import { Trans, useLingui } from '@lingui/react/macro'
import { useFormat } from '../../lib/format.ts'
import { Card } from '../contacts/record-page.tsx'
import { type CustomFieldObject, type Labels, useCustomFields } from './custom-fields-api.ts'
import { pickLabel, showValue } from './custom-values.ts'

// A custom field value as people read it: in list cells (W-1) and on record pages.
// `field` may be a custom field definition or a list catalog field (type and options).
type ShownField = { type: string; options?: { key: string; labels?: Partial<Labels> }[] }

const linkClass = 'break-words text-teal-800 underline-offset-2 hover:underline'

export function CustomValue({ field, value }: { field: ShownField; value: unknown }) {
  const { t, i18n } = useLingui()
  const fmt = useFormat()
  const shown = showValue(field, value, { fmt, locale: i18n.locale, yes: t`Yes`, no: t`No` })
  if (!shown) return <>—</>
  if (shown.kind === 'url' && shown.href)
    return (
      <a href={shown.href} target="_blank" rel="noopener noreferrer" className={linkClass}>
        {shown.text}
      </a>
    )
  if ((shown.kind === 'phone' || shown.kind === 'email') && shown.href)
    return (
      <a href={shown.href} className={linkClass} dir={shown.kind === 'phone' ? 'ltr' : undefined}>
        {shown.text}
      </a>
    )
  return <span className={field.type === 'longText' ? 'whitespace-pre-line' : undefined}>{shown.text}</span>
}

/** The record page card of an object's custom fields: "label: value", "—" when empty. */
export function CustomFieldsCard({
  object,
  record,
}: {
  object: CustomFieldObject
  record: { id: string; custom?: Record<string, unknown> }
}) {
  const { i18n } = useLingui()
  const fields = useCustomFields(object).data ?? []
  if (!fields.length) return null
  return (
    <Card title={<Trans>More details</Trans>}>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
        {fields.map((field) => {
          const label = pickLabel(field.labels, i18n.locale)
          return (
            <div key={field.id} className="contents">
              <dt className="text-slate-600" lang={label.lang === i18n.locale ? undefined : label.lang}>
                {label.text}
              </dt>
              <dd className="min-w-0 text-slate-900">
                <CustomValue field={field} value={record.custom?.[field.key]} />
              </dd>
            </div>
          )
        })}
      </dl>
    </Card>
  )
}
