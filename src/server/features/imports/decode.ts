// Bytes → text for uploaded files. What people actually upload: UTF-8 with or without a
// byte-order mark (Google, HubSpot, Excel "CSV UTF-8"), UTF-16 with a BOM (Excel "Unicode
// text", Outlook on some systems), and Windows-1252 (Excel "CSV" and Outlook on Windows).
// The file is decoded chunk by chunk: nothing ever holds the whole file.

export const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const
export type Encoding = (typeof ENCODINGS)[number]

/** A UTF-8 file that turns out not to be UTF-8 after its first chunk: read it again as Windows-1252. */
export class EncodingError extends Error {}

/** The encoding of a file from its first bytes, and the length of its byte-order mark. */
export function detectEncoding(head: Uint8Array): { encoding: Encoding; bom: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: 3 }
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 }
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: 2 }
  // UTF-16 without a BOM: ASCII text then has a zero byte in every other position.
  const n = Math.min(head.length, 4096) & ~1
  let evenZeros = 0
  let oddZeros = 0
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenZeros++
    if (head[i + 1] === 0) oddZeros++
  }
  if (n >= 8 && oddZeros > n / 8 && evenZeros === 0) return { encoding: 'utf-16le', bom: 0 }
  if (n >= 8 && evenZeros > n / 8 && oddZeros === 0) return { encoding: 'utf-16be', bom: 0 }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true })
    return { encoding: 'utf-8', bom: 0 }
  } catch {
    return { encoding: 'windows-1252', bom: 0 }
  }
}

const PIECE_BYTES = 64 * 1024

/**
 * Decodes a stream of byte chunks. UTF-8 is decoded strictly: a byte sequence that is not
 * UTF-8 further into the file throws EncodingError (the caller re-reads as Windows-1252).
 */
export async function* decodeChunks(
  chunks: AsyncIterable<Uint8Array>,
  encoding: Encoding,
  bom: number,
): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8', ignoreBOM: true })
  let first = true
  for await (const chunk of chunks) {
    const bytes = first ? chunk.subarray(bom) : chunk
    first = false
    // In small pieces: rows are parsed a piece at a time, and the cells a row keeps (sliced
    // strings) keep only their piece in memory, not a whole stored chunk.
    for (let at = 0; at < bytes.length; at += PIECE_BYTES) {
      let text: string
      try {
        text = decoder.decode(bytes.subarray(at, at + PIECE_BYTES), { stream: true })
      } catch {
        throw new EncodingError('The file is not valid UTF-8')
      }
      if (text) yield text
    }
  }
  let rest: string
  try {
    rest = decoder.decode()
  } catch {
    throw new EncodingError('The file is not valid UTF-8')
  }
  if (rest) yield rest
}
