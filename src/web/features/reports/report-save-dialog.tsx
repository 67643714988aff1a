import { Trans, useLingui } from '@lingui/react/macro'
import { NameSharingDialog, type NameSharingProps } from '../../components/ui/name-sharing-dialog.tsx'
import { isStatus } from '../../lib/api.ts'
import { fromProblem } from '../../lib/errors.ts'

// Name and sharing of a report: for the first save, "Save as a new report" and renaming.
// A problem with the definition itself is handed back (it is shown next to its control).
export function ReportSaveDialog(props: NameSharingProps) {
  const { t } = useLingui()
  return (
    <NameSharingDialog
      {...props}
      texts={{
        nameLabel: t`Report name`,
        placeholder: t`For example: Won deals by month`,
        shareHint: (
          <Trans>Everyone in the workspace sees shared reports. Personal reports are yours only.</Trans>
        ),
        save: <Trans>Save report</Trans>,
      }}
      onError={(err) => {
        if (isStatus(err, 412))
          return t`Someone else changed this report in the meantime. Close this and reload it first.`
        return Object.keys(fromProblem(err)).length ? 'close' : undefined
      }}
    />
  )
}
