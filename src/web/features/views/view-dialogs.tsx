import { Trans, useLingui } from '@lingui/react/macro'
import { NameSharingDialog, type NameSharingProps } from '../../components/ui/name-sharing-dialog.tsx'
import { errorCode } from '../../lib/errors.ts'

// The name-and-sharing form of a view, for "Save view" (a new one) and "Rename".
export function ViewNameDialog(props: NameSharingProps) {
  const { t } = useLingui()
  return (
    <NameSharingDialog
      {...props}
      texts={{
        nameLabel: t`View name`,
        placeholder: t`For example: My open deals in Nairobi`,
        shareHint: <Trans>Everyone in the workspace sees shared views. Personal views are yours only.</Trans>,
        save: <Trans>Save view</Trans>,
      }}
      onError={(err) =>
        errorCode(err) === 'version_mismatch'
          ? t`Someone else changed this view in the meantime. Its newest version is loaded: save again to apply yours.`
          : undefined
      }
    />
  )
}
