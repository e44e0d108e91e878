/**
 * How long each Bot API call may take before we give up on it. Telegraf's HTTP client would wait
 * 500 s, so on a half-open connection (packets dropped, no reset) the bot went deaf and mute for
 * minutes. Telegram answers normal calls in well under a second; the deadlines leave room for a
 * slow network without letting a dead connection hold anything for long.
 */

/** Sends, edits, answers, getMe, getFile. */
export const CALL_DEADLINE_MS = 10_000
/** A long poll is held by Telegram for its `timeout`; it may take that long plus this. */
export const POLL_MARGIN_MS = 10_000
/** Uploads and downloads: a base plus the time the bytes need at a slow link (2 Mbit/s), capped. */
export const UPLOAD_BASE_MS = 30_000
export const UPLOAD_BYTES_PER_SECOND = 256 * 1024
export const UPLOAD_MAX_MS = 10 * 60_000

/** The deadline for `method` with this payload, in ms. */
export function deadlineFor(method: string, payload: Record<string, unknown>): number {
  if (method === 'getUpdates') {
    const timeout = typeof payload.timeout === 'number' ? payload.timeout : 0
    return timeout * 1000 + POLL_MARGIN_MS
  }
  const bytes = uploadBytes(payload)
  return bytes === undefined ? CALL_DEADLINE_MS : transferDeadlineMs(bytes)
}

/** For moving `bytes` to or from Telegram (uploads, file downloads). */
export function transferDeadlineMs(bytes: number): number {
  return Math.min(
    UPLOAD_MAX_MS,
    UPLOAD_BASE_MS + Math.ceil((bytes / UPLOAD_BYTES_PER_SECOND) * 1000),
  )
}

/**
 * Bytes of the files a payload uploads (Telegraf's `{ source }` inputs, also inside a media group),
 * or undefined when it uploads none. A source of unknown size (a path, a stream) counts as 50 MB,
 * Telegram's upload limit.
 */
export function uploadBytes(payload: Record<string, unknown>): number | undefined {
  let total: number | undefined
  const add = (value: unknown) => {
    const size = sourceSize(value)
    if (size !== undefined) total = (total ?? 0) + size
  }
  for (const value of Object.values(payload)) {
    if (Array.isArray(value)) for (const item of value) add((item as { media?: unknown })?.media)
    else add(value)
  }
  return total
}

const UNKNOWN_SIZE = 50 * 1024 * 1024

function sourceSize(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null || !('source' in value)) return undefined
  const source = (value as { source: unknown }).source
  if (Buffer.isBuffer(source)) return source.length
  return source ? UNKNOWN_SIZE : undefined
}
