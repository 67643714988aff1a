// The one way the web app talks to the server: JSON over fetch with the session cookie.
// A non-2xx answer becomes an ApiError carrying the problem+json body, so forms can put
// each field error next to its field.
export type FieldError = { field: string; code: string; message: string }
export type Problem = {
  status: number
  code: string
  detail?: string
  errors?: FieldError[]
  existing?: { id: string; name: string }
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.code)
  }
  get status() {
    return this.problem.status
  }
}

type Options = { method?: string; body?: unknown; version?: number; signal?: AbortSignal }

export async function api<T>(path: string, opts: Options = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' }
  // FormData (file uploads) is sent as multipart; the browser sets its content type and boundary.
  const form = opts.body instanceof FormData
  if (opts.body !== undefined && !form) headers['content-type'] = 'application/json'
  if (opts.version !== undefined) headers['if-match'] = `"${opts.version}"`
  let res: Response
  try {
    res = await fetch(path, {
      method: opts.method ?? 'GET',
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : form ? (opts.body as FormData) : JSON.stringify(opts.body),
      signal: opts.signal,
    })
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err
    throw new ApiError({ status: 0, code: 'offline', detail: String(err) })
  }
  if (res.status === 204) return undefined as T
  const text = await res.text()
  const data = text ? JSON.parse(text) : undefined
  if (!res.ok) {
    throw new ApiError(
      data && typeof data === 'object' && 'code' in data
        ? (data as Problem)
        : { status: res.status, code: data?.code ?? 'http_error', detail: data?.message },
    )
  }
  return data as T
}

export const isStatus = (err: unknown, status: number) => err instanceof ApiError && err.status === status
