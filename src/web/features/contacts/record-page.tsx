import { Trans, useLingui } from '@lingui/react/macro'
import { useQueryClient } from '@tanstack/react-query'
import { RotateCcw, Trash2 } from 'lucide-react'
import type { ReactNode } from 'react'
import { Button } from '../../components/ui/button.tsx'
import { toast } from '../../components/ui/toast.tsx'
import { api } from '../../lib/api.ts'
import { errorCode, useErrorText } from '../../lib/errors.ts'
import type { Collection } from '../../lib/records.ts'

// Pieces of every record page: the side cards, the trash banner, and delete with Undo.
type Versioned = { id: string; version: number; deletedAt: string | null }

export function Card({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="mb-2 text-sm font-semibold tracking-wide text-slate-600 uppercase">{title}</h2>
      {children}
    </section>
  )
}

/** Delete (to the trash, with an Undo toast) and restore, keeping the caches in step. */
export function useTrash<R extends Versioned>(collection: Collection, record: R | undefined, name: string) {
  const { t } = useLingui()
  const errorText = useErrorText()
  const qc = useQueryClient()
  const base = `/api/v1/${collection}`

  async function remember(updated: R) {
    qc.setQueryData([collection, updated.id], updated)
    await qc.invalidateQueries({ queryKey: [collection, 'list'] })
    await qc.invalidateQueries({ queryKey: [collection, updated.id, 'timeline'] })
  }

  async function restore(version: number) {
    if (!record) return
    try {
      await remember(await api<R>(`${base}/${record.id}/restore`, { method: 'POST', version }))
      toast(t`${name} is back`)
    } catch (err) {
      toast(errorText(errorCode(err)) ?? '')
    }
  }

  async function remove(): Promise<boolean> {
    if (!record) return false
    try {
      const deleted = await api<R>(`${base}/${record.id}`, { method: 'DELETE', version: record.version })
      await remember(deleted)
      toast(t`${name} moved to the trash`, { label: t`Undo`, run: () => restore(deleted.version) })
      return true
    } catch (err) {
      toast(errorText(errorCode(err)) ?? '')
      return false
    }
  }

  return { remove, restore }
}

export function TrashBanner({
  record,
  canRestore,
  onRestore,
}: {
  record: Versioned
  canRestore: boolean
  onRestore: () => void
}) {
  if (!record.deletedAt) return null
  return (
    <div
      role="status"
      className="flex flex-wrap items-center gap-3 rounded-md bg-amber-50 p-4 text-amber-950"
    >
      <p className="flex-1">
        <Trans>This is in the trash.</Trans>
      </p>
      {canRestore && (
        <Button variant="secondary" onClick={onRestore}>
          <RotateCcw aria-hidden className="size-4" />
          <Trans>Restore</Trans>
        </Button>
      )}
    </div>
  )
}

export function DeleteButton({ onClick }: { onClick: () => void }) {
  return (
    <Button variant="danger" onClick={onClick}>
      <Trash2 aria-hidden className="size-4" />
      <Trans>Delete</Trans>
    </Button>
  )
}

/**
 * The top of a record page: back link, trash banner, the name with its subtitle, and
 * Edit / Delete for those who may write.
 */
export function RecordHeader({
  back,
  record,
  title,
  subtitle,
  edit,
  writable,
  onDelete,
  onRestore,
}: {
  back: ReactNode
  record: Versioned
  title: ReactNode
  subtitle?: ReactNode
  edit: ReactNode
  writable: boolean
  onDelete: () => void
  onRestore: () => void
}) {
  return (
    <>
      {back}
      <TrashBanner record={record} canRestore={writable} onRestore={onRestore} />
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <div className="min-w-0 flex-1">
          <h1 className="text-2xl font-semibold break-words text-slate-900">{title}</h1>
          {subtitle}
        </div>
        {writable && !record.deletedAt && (
          <div className="flex gap-2">
            {edit}
            <DeleteButton onClick={onDelete} />
          </div>
        )}
      </div>
    </>
  )
}

/** A section of a record page ("Deals", "People") with its add button. */
export function SectionHeading({ id, title, action }: { id: string; title: ReactNode; action?: ReactNode }) {
  return (
    <div className="mb-3 flex items-center gap-3">
      <h2 id={id} className="flex-1 text-lg font-semibold text-slate-900">
        {title}
      </h2>
      {action}
    </div>
  )
}
