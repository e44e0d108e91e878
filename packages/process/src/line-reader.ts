import { StringDecoder } from 'node:string_decoder'

/**
 * Splits a byte stream into lines: partial lines wait for the next chunk, multi-byte characters split
 * across chunks are decoded whole, and a line longer than `maxLineLength` characters is dropped (reported
 * through `onOverflow`) rather than growing memory without bound.
 */
export class LineReader {
  private readonly decoder = new StringDecoder('utf8')
  private pending: string[] = []
  private pendingLength = 0
  private overflowing = false

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly options: {
      maxLineLength?: number
      onOverflow?: (length: number) => void
    } = {},
  ) {}

  /** Feeds one chunk; calls `onLine` for each complete line (without the newline). */
  push(chunk: Buffer | string): void {
    let text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk)
    let newline = text.indexOf('\n')
    while (newline !== -1) {
      this.append(text.slice(0, newline))
      this.flushLine()
      text = text.slice(newline + 1)
      newline = text.indexOf('\n')
    }
    this.append(text)
  }

  /** End of stream: a last line without a newline still counts. */
  end(): void {
    this.append(this.decoder.end())
    if (this.pendingLength > 0 || this.overflowing) this.flushLine()
  }

  private append(part: string): void {
    if (part === '' || this.overflowing) return
    this.pending.push(part)
    this.pendingLength += part.length
    const max = this.options.maxLineLength ?? Number.POSITIVE_INFINITY
    if (this.pendingLength > max) {
      this.overflowing = true
      this.options.onOverflow?.(this.pendingLength)
      this.pending = []
    }
  }

  private flushLine(): void {
    const line = this.pending.join('')
    const dropped = this.overflowing
    this.pending = []
    this.pendingLength = 0
    this.overflowing = false
    const trimmed = line.endsWith('\r') ? line.slice(0, -1) : line
    if (!dropped && trimmed.trim() !== '') this.onLine(trimmed)
  }
}
