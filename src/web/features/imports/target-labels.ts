import { useLingui } from '@lingui/react/macro'
import { type CatalogField, type ImportSource, type ImportStatus, useImportFields } from './imports-api.ts'
import { builtInTargets, type ImportObject } from './mapping.ts'

// Names of what an import deals with, in the user's language: the fields a column can be
// imported into (built-in ones translated here, custom ones named by the workspace), the
// apps an export was recognised from, statuses and objects.
export type TargetOption = { value: string; label: string }

export function useTargets(object: ImportObject) {
  const { t, i18n } = useLingui()
  const fields = useImportFields(object)
  const builtIn: Record<string, string> =
    object === 'person'
      ? {
          firstName: t`First name`,
          lastName: t`Last name`,
          fullName: t`Full name`,
          jobTitle: t`Job title`,
          company: t`Company`,
          companyDomain: t`Company website`,
          city: t`City`,
          source: t`Source`,
          phone: t`Phone`,
          email: t`Email`,
          owner: t`Owner`,
          tags: t`Tags`,
        }
      : {
          name: t`Company name`,
          domain: t`Website`,
          industry: t`Industry`,
          size: t`Size`,
          city: t`City`,
          region: t`Region`,
          country: t`Country`,
          phone: t`Phone`,
          email: t`Email`,
          owner: t`Owner`,
          tags: t`Tags`,
        }
  const locale = i18n.locale as 'en' | 'am' | 'sw'
  const custom: TargetOption[] = (fields.data?.data ?? [])
    .filter((f: CatalogField) => !f.builtIn && f.key.startsWith('custom.'))
    .map((f) => ({
      value: f.key,
      label: f.labels?.[locale] || f.labels?.en || f.key.slice('custom.'.length),
    }))
  const options: TargetOption[] = [
    ...builtInTargets(object).map((value) => ({ value, label: builtIn[value] ?? value })),
    ...custom,
  ]
  const byValue = new Map(options.map((o) => [o.value, o.label]))
  return {
    options,
    /** Custom fields are still loading: their suggested mappings must not be dropped yet. */
    loading: fields.isPending,
    label: (target: string) => byValue.get(target) ?? target,
  }
}

export function useImportNames() {
  const { t } = useLingui()
  const sources: Record<ImportSource, string> = {
    google: t`Google Contacts export`,
    'google-legacy': t`Google Contacts export (older format)`,
    outlook: t`Outlook contacts export`,
    hubspot: t`HubSpot export`,
    vcard: t`vCard contacts file`,
  }
  const statuses: Record<ImportStatus, string> = {
    uploaded: t`Waiting for column matching`,
    queued: t`Waiting to start`,
    running: t`Importing`,
    done: t`Finished`,
    failed: t`Stopped with an error`,
    reverting: t`Undoing`,
    reverted: t`Undone`,
  }
  return {
    source: (s: ImportSource) => sources[s] ?? s,
    status: (s: ImportStatus) => statuses[s] ?? s,
    objects: (o: ImportObject) => (o === 'person' ? t`People` : t`Companies`),
  }
}
