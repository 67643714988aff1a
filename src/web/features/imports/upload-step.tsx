import { Trans, useLingui } from '@lingui/react/macro'
import { FileUp } from 'lucide-react'
import { type DragEvent, type FormEvent, useId, useState } from 'react'
import { Button } from '../../components/ui/button.tsx'
import { cn } from '../../components/ui/cn.ts'
import { ApiError } from '../../lib/api.ts'
import { errorCode, useErrorText } from '../../lib/errors.ts'
import { type Import, useUploadImport } from './imports-api.ts'
import { ACCEPT_ATTR, acceptedFile, fileSize, type ImportObject } from './mapping.ts'

// Step 1: what the file holds (people or companies) and the file itself, chosen or dropped.
// The server reads the header and a few rows; the next step matches its columns.
export function UploadStep({
  object,
  onObject,
  onUploaded,
}: {
  object: ImportObject
  onObject: (object: ImportObject) => void
  onUploaded: (imp: Import) => void
}) {
  const { t, i18n } = useLingui()
  const id = useId()
  const upload = useUploadImport()
  const uploadError = useUploadErrorText()
  const [file, setFile] = useState<File | null>(null)
  const [problem, setProblem] = useState<string>()
  const [dragging, setDragging] = useState(false)

  function choose(f: File | undefined) {
    upload.reset()
    setProblem(undefined)
    setFile(f ?? null)
    if (!f) return
    if (!acceptedFile(f.name)) setProblem(t`Choose a .csv, .tsv, .txt or .vcf file.`)
    else if (f.size === 0) setProblem(t`This file is empty.`)
  }

  function onDrop(e: DragEvent) {
    e.preventDefault()
    setDragging(false)
    choose(e.dataTransfer.files[0])
  }

  function submit(e: FormEvent) {
    e.preventDefault()
    if (!file) return setProblem(t`Choose a file first.`)
    if (problem) return
    upload.mutate({ object, file }, { onSuccess: onUploaded })
  }

  const error = problem ?? (upload.isError ? uploadError(upload.error) : undefined)
  return (
    <form onSubmit={submit} className="space-y-5 rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">
          <Trans>What does the file contain?</Trans>
        </legend>
        <div className="mt-2 flex flex-wrap gap-3">
          {(['person', 'company'] as const).map((o) => (
            <label
              key={o}
              className="flex min-h-11 cursor-pointer items-center gap-2 rounded-md border border-slate-300 px-4 has-checked:border-teal-700 has-checked:bg-teal-50"
            >
              <input
                type="radio"
                name={`${id}-object`}
                value={o}
                checked={object === o}
                onChange={() => onObject(o)}
                className="size-4 accent-teal-700"
              />
              {o === 'person' ? <Trans>People</Trans> : <Trans>Companies</Trans>}
            </label>
          ))}
        </div>
      </fieldset>

      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is a shortcut; the file input below does the same by keyboard */}
      <div
        onDragOver={(e) => {
          e.preventDefault()
          setDragging(true)
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={cn(
          'flex flex-col items-center gap-3 rounded-lg border-2 border-dashed p-6 text-center',
          dragging ? 'border-teal-700 bg-teal-50' : 'border-slate-300',
        )}
      >
        <FileUp aria-hidden className="size-8 text-slate-500" />
        <p className="text-slate-700">
          <Trans>Drag a file here, or</Trans>
        </p>
        <input
          id={`${id}-file`}
          type="file"
          accept={ACCEPT_ATTR}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          aria-invalid={error ? true : undefined}
          onChange={(e) => choose(e.target.files?.[0])}
          className="peer sr-only"
        />
        <label
          htmlFor={`${id}-file`}
          className="inline-flex min-h-11 cursor-pointer items-center rounded-md border border-slate-300 bg-white px-4 text-sm font-medium text-slate-900 hover:bg-slate-50 peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-teal-700"
        >
          <Trans>Choose a file</Trans>
        </label>
        {file && (
          <p className="text-sm break-all text-slate-900">
            <span className="font-medium">{file.name}</span>
            <span className="text-slate-600"> · {fileSize(file.size, i18n.locale)}</span>
          </p>
        )}
      </div>
      <p id={`${id}-hint`} className="text-sm text-slate-600">
        <Trans>
          A spreadsheet saved as CSV or TSV, or contacts from a phone as vCard (.vcf). Exports from Google
          Contacts, Outlook and HubSpot are recognised.
        </Trans>
      </p>
      {error && (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-800">
          {error}
        </p>
      )}
      <Button type="submit" disabled={upload.isPending}>
        {upload.isPending ? <Trans>Uploading…</Trans> : <Trans>Upload and match columns</Trans>}
      </Button>
    </form>
  )
}

/** What went wrong with an upload, in a sentence: too large, unreadable, or the usual. */
function useUploadErrorText() {
  const { t } = useLingui()
  const text = useErrorText()
  return (err: unknown): string => {
    if (!(err instanceof ApiError)) return t`The upload failed. Try again.`
    const code = errorCode(err)
    const status = err.status
    if (status === 413 || code.includes('too_large') || code.includes('too_many'))
      return t`This file is too large. Split it into smaller files and import them one at a time.`
    if (code.includes('empty') || code === 'no_rows') return t`This file has no rows to import.`
    if (status === 415 || code.includes('unsupported'))
      return t`This kind of file cannot be imported. Save it as CSV or vCard (.vcf) and try again.`
    if (status === 400 || status === 422)
      return t`This file could not be read. Save it as CSV (UTF-8) or vCard (.vcf) and try again.`
    if (code === 'forbidden' || code === 'offline') return text(code) ?? code
    return t`The upload failed. Try again.`
  }
}
