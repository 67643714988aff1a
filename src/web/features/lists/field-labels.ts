import type { MessageDescriptor } from '@lingui/core'
import { msg } from '@lingui/core/macro'
import { useLingui } from '@lingui/react/macro'
import type { FilterOp } from '../../../server/features/filters/filter.schema.ts'
import { useCountryName } from '../../lib/labels.ts'
import { useActivityNames } from '../activities/activity-labels.ts'
import { pickLabel } from '../custom-fields/custom-values.ts'
import { useSourceLabel } from '../people/source-labels.ts'
import type { Field } from './fields-api.ts'

// Names of fields, options and filter operators in the user's language. Built-in fields
// are translated here from their key; custom fields bring their own labels (UI language,
// English when that one is missing).
const BUILT_IN: Record<string, MessageDescriptor> = {
  name: msg`Name`,
  firstName: msg`First name`,
  lastName: msg`Last name`,
  jobTitle: msg`Job title`,
  company: msg`Company`,
  phone: msg`Phone`,
  email: msg`Email`,
  owner: msg`Owner`,
  tags: msg`Tags`,
  createdAt: msg`Created`,
  updatedAt: msg`Updated`,
  domain: msg`Website`,
  industry: msg`Industry`,
  size: msg`Size`,
  city: msg`City`,
  source: msg`Source`,
  region: msg`Region`,
  country: msg`Country`,
  title: msg`Title`,
  amount: msg`Amount`,
  currency: msg`Currency`,
  pipeline: msg`Pipeline`,
  stage: msg`Stage`,
  status: msg`Status`,
  person: msg`Person`,
  expectedCloseDate: msg`Expected close`,
  closedAt: msg`Closed`,
  lostReason: msg`Lost reason`,
  type: msg`Type`,
  body: msg`Text`,
  deal: msg`Deal`,
  assignee: msg`Assigned to`,
  createdBy: msg`Created by`,
  done: msg`Done`,
  dueAt: msg`Due`,
  occurredAt: msg`Date`,
}

/** A field's label; `lang` is set when a custom label falls back to another language. */
export function useFieldLabel() {
  const { i18n } = useLingui()
  return (field: Pick<Field, 'key' | 'labels'>): { text: string; lang?: string } => {
    if (field.labels) {
      const picked = pickLabel(field.labels, i18n.locale)
      return { text: picked.text || field.key, lang: picked.lang === i18n.locale ? undefined : picked.lang }
    }
    const known = BUILT_IN[field.key]
    return { text: known ? i18n._(known) : field.key }
  }
}

/** The name of one option of a select field: custom labels, or a built-in enum's name. */
export function useOptionLabel() {
  const { t, i18n } = useLingui()
  const country = useCountryName()
  const activity = useActivityNames()
  const source = useSourceLabel()
  const status: Record<string, string> = { open: t`Open`, won: t`Won`, lost: t`Lost` }
  return (field: Pick<Field, 'key' | 'options' | 'builtIn'>, key: string): string => {
    if (field.builtIn) {
      if (field.key === 'status') return status[key] ?? key
      // Only people have a built-in `source`: the fixed list, named in the UI language.
      if (field.key === 'source') return source(key)
      if (field.key === 'country') return country(key)
      if (field.key === 'type' && ['note', 'call', 'meeting', 'task'].includes(key))
        return activity.type(key as 'note')
    }
    const option = field.options?.find((o) => o.key === key)
    return option?.labels ? pickLabel(option.labels, i18n.locale).text || key : key
  }
}

/** "contains", "is", "is any of" …; wording depends on the field type. */
export function useOpLabel() {
  const { t } = useLingui()
  return (op: FilterOp, type: Field['type']): string => {
    const time = type === 'date' || type === 'datetime'
    const many = type === 'multiSelect' || type === 'tags'
    switch (op) {
      case 'contains':
        return t`contains`
      case 'notContains':
        return t`does not contain`
      case 'eq':
        return t`is`
      case 'neq':
        return t`is not`
      case 'gt':
        return time ? t`is after` : t`is more than`
      case 'gte':
        return time ? t`is on or after` : t`is at least`
      case 'lt':
        return time ? t`is before` : t`is less than`
      case 'lte':
        return time ? t`is on or before` : t`is at most`
      case 'between':
        return t`between`
      case 'in':
        return many ? t`has any of` : t`is any of`
      case 'notIn':
        return many ? t`has none of` : t`is none of`
      case 'all':
        return t`has all of`
      case 'empty':
        return t`is empty`
      case 'notEmpty':
        return t`is not empty`
      case 'me':
        return t`is me`
    }
  }
}
