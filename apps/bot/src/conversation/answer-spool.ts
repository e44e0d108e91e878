/**
 * The text of a turn as it streams in, with bounded memory: kept as a string up to
 * SPOOL_THRESHOLD_CHARS, then written to a spool file in the session's directory (not the
 * workspace), keeping only the head in memory. The file is unlinked as soon as it is open: a crash
 * leaves nothing behind, and nothing can swap it; it is read back through the same descriptor.
 * A spool that can't be opened (disk full, directory gone) falls back to memory, with a warning.
 */

import { randomUUID } from 'node:crypto'
import { constants } from 'node:fs'
import { type FileHandle, open, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import type { Logger } from '../logging/logger.js'
import { ANSWER_HEAD_CHARS, type AnswerText } from '../render/answer-text.js'

/** Past this many UTF-16 units, the text goes to disk. */
export const SPOOL_THRESHOLD_CHARS = 256 * 1024
/** Once spooling, text is written in pieces of about this size. */
const WRITE_CHUNK_CHARS = 64 * 1024
const OPEN_FLAGS = constants.O_RDWR | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW

export class AnswerSpool implements AnswerText {
  length = 0
  head = ''
  private pending: string[] = []
  private pendingChars = 0
  /** Set once the threshold is passed: resolves with the open spool, or undefined (memory it is). */
  private opening: Promise<void> | undefined
  private handle: FileHandle | undefined
  private openFailed = false
  /** bytes() was asked for: nothing more comes, so a trailing high surrogate is written as is. */
  private final = false
  private written = 0
  /** Serialises writes to the file; never rejects (a failed write is logged and remembered). */
  private writes: Promise<void> = Promise.resolve()
  private failure: unknown

  /** `directory`: where the spool file goes (the session's directory). */
  constructor(
    private readonly directory: string,
    private readonly logger: Logger,
  ) {}

  append(text: string): void {
    if (text === '') return
    this.length += text.length
    if (this.head.length < ANSWER_HEAD_CHARS)
      this.head += text.slice(0, ANSWER_HEAD_CHARS - this.head.length)
    this.pending.push(text)
    this.pendingChars += text.length
    if (!this.opening && this.pendingChars > SPOOL_THRESHOLD_CHARS) this.opening = this.openFile()
    // Until the file is open, text waits in memory.
    if (this.handle && this.pendingChars >= WRITE_CHUNK_CHARS) this.flush()
  }

  /** Whether the text goes to disk (from the threshold on, unless the spool could not be opened). */
  get spooled(): boolean {
    return this.handle !== undefined || (this.opening !== undefined && !this.openFailed)
  }

  get text(): string | undefined {
    if (this.spooled) return undefined
    const whole = this.pending.join('')
    this.pending = [whole]
    return whole
  }

  async bytes(limit: number): Promise<{ bytes: Buffer; whole: boolean }> {
    await this.opening
    const handle = this.handle
    if (!handle) {
      const bytes = Buffer.from(this.pending.join(''), 'utf8')
      return { bytes: bytes.subarray(0, limit), whole: bytes.length <= limit }
    }
    this.final = true
    this.flush()
    await this.writes
    if (this.failure) throw this.failure
    const size = Math.min(this.written, limit)
    const buffer = Buffer.alloc(size)
    let filled = 0
    while (filled < size) {
      const { bytesRead } = await handle.read(buffer, filled, size - filled, filled)
      if (bytesRead === 0) break
      filled += bytesRead
    }
    return { bytes: buffer.subarray(0, filled), whole: this.written <= limit }
  }

  /** Closes the spool file (its space is freed: it was unlinked already). */
  async dispose(): Promise<void> {
    await this.opening
    await this.writes
    await this.handle?.close().catch(() => undefined)
  }

  private flush(): void {
    const handle = this.handle
    if (!handle || this.pendingChars === 0) return
    let text = this.pending.join('')
    // A pair split across deltas is encoded whole: its high half waits for the next piece.
    const last = text.charCodeAt(text.length - 1)
    const carry = last >= 0xd800 && last <= 0xdbff && !this.final ? text.slice(-1) : ''
    if (carry) text = text.slice(0, -1)
    const piece = Buffer.from(text, 'utf8')
    this.pending = carry ? [carry] : []
    this.pendingChars = carry.length
    this.writes = this.writes.then(async () => {
      if (this.failure) return
      try {
        await handle.write(piece, 0, piece.length, this.written)
        this.written += piece.length
      } catch (error) {
        this.failure = error
        this.logger.warn({ err: error }, 'could not write the answer spool')
      }
    })
  }

  private async openFile(): Promise<void> {
    const path = join(this.directory, `.answer-${randomUUID()}.md`)
    try {
      const handle = await open(path, OPEN_FLAGS, 0o600)
      await unlink(path).catch(async (error: unknown) => {
        await handle.close()
        throw error
      })
      this.handle = handle
      this.flush()
    } catch (error) {
      this.openFailed = true
      this.logger.warn({ err: error }, 'could not open an answer spool; keeping it in memory')
    }
  }
}
