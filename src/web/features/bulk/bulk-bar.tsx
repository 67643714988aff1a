import { Trans, useLingui } from '@lingui/react/macro'
import { useQueryClient } from '@tanstack/react-query'
import {
  ArrowRightLeft,
  Circle,
  CircleCheck,
  RotateCcw,
  Tag,
  TagsIcon,
  Trash2,
  UserRound,
  UserRoundCheck,
  X,
} from 'lucide-react'
import { type ReactNode, useEffect, useState } from 'react'
import { Button, PHONE_ICON } from '../../components/ui/button.tsx'
import { ConfirmDialog } from '../../components/ui/dialog.tsx'
import { Menu, MenuItem } from '../../components/ui/menu.tsx'
import { toast } from '../../components/ui/toast.tsx'
import { errorCode, useErrorText } from '../../lib/errors.ts'
import { useFormat } from '../../lib/format.ts'
import { useDesktop } from '../../lib/media.ts'
import { canWrite, useSignedIn } from '../../lib/session.ts'
import { refreshActivityViews } from '../activities/tasks-api.ts'
import { JobProgress } from '../jobs/job-progress.tsx'
import { isJobActive, useJob } from '../jobs/use-job.ts'
import type { Selection } from '../lists/list-state.ts'
import {
  type BulkAction,
  type BulkObject,
  type BulkParams,
  bulkSelection,
  collectionOf,
  MAX_IDS,
  runBulk,
  skippedOf,
} from './bulk-api.ts'
import { AssigneeDialog, OwnerDialog, StageDialog, TagDialog } from './bulk-dialogs.tsx'
import { useCountText, useTaskTexts } from './bulk-texts.ts'

// The bar that appears while rows of a list are selected: "12 people selected" and what
// can be done to all of them at once. Up to 200 records change in the request; more run
// as a background job whose progress shows in the bar until it is done.
// Activities have no owner and no tags: their tasks are assigned and marked done or not
// done (the notes, calls and meetings selected are skipped, and the toast says how many).
type Pending = {
  action: BulkAction
  /** What the progress bar says while the job runs. */
  working: string
  /** The toast when it is done, given how many records it went through and skipped. */
  done: (n: number, skipped: number) => string
}
type Asking = 'owner' | 'addTag' | 'removeTag' | 'stage' | 'assign' | 'delete'

export function BulkBar(props: {
  object: BulkObject
  selection: Selection
  selectedCount: number
  params: { q?: string; filters: BulkParams['filters']; trashed?: boolean; pipelineId?: string }
  onClear: () => void
}) {
  const { object, selection, selectedCount, params, onClear } = props
  const { t } = useLingui()
  const errorText = useErrorText()
  const fmt = useFormat()
  const qc = useQueryClient()
  const desktop = useDesktop()
  const { role } = useSignedIn()
  const count = useCountText(object)
  const taskText = useTaskTexts(count)
  const [asking, setAsking] = useState<Asking>()
  const [busy, setBusy] = useState(false)
  const [job, setJob] = useState<{ id: string; pending: Pending }>()
  const followed = useJob(job?.id)
  const what = count(selectedCount)
  const collection = collectionOf(object)

  // Activities also show in the task lists, the badge and the timelines.
  const refreshLists = async () => {
    await qc.invalidateQueries({ queryKey: [collection] })
    if (object === 'activity') await refreshActivityViews(qc)
  }

  // A background job has ended: say how it went, refresh the lists, clear the selection.
  // (Runs after every render; the checks make it act once per job.)
  useEffect(() => {
    const state = followed.data
    if (!job || !state || state.id !== job.id || isJobActive(state.status)) return
    setJob(undefined)
    const doneText = fmt.number(state.done)
    const totalText = fmt.number(state.total ?? state.done)
    if (state.status === 'done') toast(job.pending.done(state.done, skippedOf(state.result)))
    else if (state.status === 'cancelled') toast(t`Stopped after ${doneText} of ${totalText}.`)
    else toast(t`Something went wrong after ${doneText} of ${totalText}. The rest was not changed.`)
    void refreshLists().then(onClear)
  })

  async function submit(pending: Pending, undo?: () => void) {
    if ('ids' in selection && selection.ids.length > MAX_IDS) {
      const max = fmt.number(MAX_IDS)
      return toast(t`Tick at most ${max} rows, or select all that match instead.`)
    }
    setBusy(true)
    try {
      const result = await runBulk(object, bulkSelection(object, selection, params), pending.action)
      setAsking(undefined)
      if ('jobId' in result) return setJob({ id: result.jobId, pending })
      await refreshLists()
      toast(pending.done(result.done, result.skipped ?? 0), undo ? { label: t`Undo`, run: undo } : undefined)
      onClear()
    } catch (err) {
      toast(errorText(errorCode(err)) ?? '')
    } finally {
      setBusy(false)
    }
  }

  // Undo of a small delete: the same ids back out of the trash, even after the bar is gone.
  function undoDelete() {
    if (!('ids' in selection)) return undefined
    const ids = selection.ids
    return async () => {
      try {
        await runBulk(object, { ids }, { type: 'restore' })
        await refreshLists()
      } catch (err) {
        toast(errorText(errorCode(err)) ?? '')
      }
    }
  }

  if (job)
    return (
      <Bar label={t`Selected records`}>
        <JobProgress job={followed.data} label={job.pending.working} />
      </Bar>
    )

  const actions: { key: string; label: string; icon: ReactNode; danger?: boolean; run: () => void }[] = []
  if (canWrite(role) && params.trashed) {
    actions.push({
      key: 'restore',
      label: t`Restore`,
      icon: <RotateCcw aria-hidden className="size-4" />,
      run: () =>
        void submit({
          action: { type: 'restore' },
          working: t`Restoring ${what}…`,
          done: (n) => t`${count(n)} restored`,
        }),
    })
  } else if (canWrite(role) && object === 'activity') {
    actions.push(
      {
        key: 'assign',
        label: t`Assign tasks`,
        icon: <UserRoundCheck aria-hidden className="size-4" />,
        run: () => setAsking('assign'),
      },
      {
        key: 'done',
        label: t`Mark done`,
        icon: <CircleCheck aria-hidden className="size-4" />,
        run: () =>
          void submit({
            action: { type: 'setDone', done: true },
            working: t`Marking the tasks done…`,
            done: taskText.markedDone,
          }),
      },
      {
        key: 'notDone',
        label: t`Mark not done`,
        icon: <Circle aria-hidden className="size-4" />,
        run: () =>
          void submit({
            action: { type: 'setDone', done: false },
            working: t`Marking the tasks not done…`,
            done: taskText.markedNotDone,
          }),
      },
    )
  } else if (canWrite(role)) {
    actions.push(
      {
        key: 'owner',
        label: t`Assign owner`,
        icon: <UserRound aria-hidden className="size-4" />,
        run: () => setAsking('owner'),
      },
      {
        key: 'addTag',
        label: t`Add tag`,
        icon: <Tag aria-hidden className="size-4" />,
        run: () => setAsking('addTag'),
      },
      {
        key: 'removeTag',
        label: t`Remove tag`,
        icon: <TagsIcon aria-hidden className="size-4" />,
        run: () => setAsking('removeTag'),
      },
    )
    if (object === 'deal')
      actions.push({
        key: 'stage',
        label: t`Move to stage`,
        icon: <ArrowRightLeft aria-hidden className="size-4" />,
        run: () => setAsking('stage'),
      })
  }
  if (canWrite(role) && !params.trashed)
    actions.push({
      key: 'delete',
      label: t`Delete`,
      icon: <Trash2 aria-hidden className="size-4" />,
      danger: true,
      run: () => setAsking('delete'),
    })

  const close = () => setAsking(undefined)
  return (
    <Bar label={t`Selected records`}>
      {/* On a phone the count may wrap, so that the actions and × stay on its row. */}
      <p className="px-1 font-medium text-slate-900 max-md:min-w-0 max-md:flex-1" aria-live="polite">
        <Trans>{what} selected</Trans>
      </p>
      <div className="flex flex-wrap items-center gap-1 md:flex-1">
        {desktop || actions.length === 1 ? (
          actions.map((a) => (
            <Button key={a.key} variant={a.danger ? 'danger' : 'secondary'} disabled={busy} onClick={a.run}>
              {a.icon}
              {a.label}
            </Button>
          ))
        ) : actions.length > 0 ? (
          <Menu label={t`Actions`}>
            {actions.map((a) => (
              <MenuItem key={a.key} danger={a.danger} onClick={a.run}>
                {a.icon}
                {a.label}
              </MenuItem>
            ))}
          </Menu>
        ) : null}
      </div>
      <Button variant="ghost" onClick={onClear} className={PHONE_ICON}>
        <X aria-hidden className="size-4" />
        <span className="max-md:sr-only">
          <Trans>Clear selection</Trans>
        </span>
      </Button>

      <OwnerDialog
        open={asking === 'owner'}
        what={what}
        busy={busy}
        onClose={close}
        onSubmit={(owner) => {
          const name = owner?.name ?? ''
          void submit({
            action: { type: 'assignOwner', ownerId: owner?.id ?? null },
            working: t`Assigning the owner…`,
            done: (n) => (owner ? t`${name} now owns ${count(n)}` : t`Owner removed from ${count(n)}`),
          })
        }}
      />
      <TagDialog
        open={asking === 'addTag' || asking === 'removeTag'}
        mode={asking === 'removeTag' ? 'remove' : 'add'}
        what={what}
        busy={busy}
        onClose={close}
        onSubmit={(tag) => {
          const name = tag.name
          void submit(
            asking === 'removeTag'
              ? {
                  action: { type: 'removeTag', tagId: tag.id },
                  working: t`Removing the tag “${name}”…`,
                  done: (n) => t`Tag “${name}” removed from ${count(n)}`,
                }
              : {
                  action: { type: 'addTag', tagId: tag.id },
                  working: t`Adding the tag “${name}”…`,
                  done: (n) => t`Tag “${name}” added to ${count(n)}`,
                },
          )
        }}
      />
      {object === 'deal' && (
        <StageDialog
          open={asking === 'stage'}
          what={what}
          pipelineId={params.pipelineId}
          busy={busy}
          onClose={close}
          onSubmit={(stage, lostReason) => {
            const name = stage.name
            void submit({
              action: { type: 'moveStage', stageId: stage.id, ...(lostReason ? { lostReason } : {}) },
              working: t`Moving to ${name}…`,
              done: (n) => t`${count(n)} moved to ${name}`,
            })
          }}
        />
      )}
      {object === 'activity' && (
        <AssigneeDialog
          open={asking === 'assign'}
          what={what}
          busy={busy}
          onClose={close}
          onSubmit={(assignee) =>
            void submit({
              action: { type: 'assign', assigneeId: assignee.id },
              working: t`Assigning the tasks…`,
              done: (n, skipped) => taskText.assigned(n, skipped, assignee.name),
            })
          }
        />
      )}
      <ConfirmDialog
        open={asking === 'delete'}
        title={t`Move ${what} to the trash?`}
        confirmLabel={<Trans>Move to the trash</Trans>}
        danger
        busy={busy}
        onCancel={close}
        onConfirm={() =>
          void submit(
            {
              action: { type: 'delete' },
              working: t`Moving ${what} to the trash…`,
              done: (n) => t`${count(n)} moved to the trash`,
            },
            undoDelete(),
          )
        }
      >
        <p>
          <Trans>They can be restored from the trash.</Trans>
        </p>
      </ConfirmDialog>
    </Bar>
  )
}

/**
 * Rendered above the list, it sticks to the top of the screen while the list scrolls
 * under it. Its stacking level is above the phone's bottom navigation, so its action
 * sheet is not covered.
 */
function Bar({ label, children }: { label: string; children: ReactNode }) {
  return (
    <section
      aria-label={label}
      className="sticky top-2 z-50 flex flex-wrap items-center gap-2 rounded-lg border border-slate-300 bg-white p-2 shadow-lg"
    >
      {children}
    </section>
  )
}
