import { LineReader } from './line-reader.js'

/** Keeps the last `size` lines of a stream (the CLI's stderr) for error reports. */
export class TailBuffer {
  private readonly lines: string[] = []
  private readonly reader: LineReader

  constructor(private readonly size: number) {
    this.reader = new LineReader((line) => this.add(line), { maxLineLength: 64 * 1024 })
  }

  push(chunk: Buffer | string): void {
    this.reader.push(chunk)
  }

  end(): void {
    this.reader.end()
  }

  /** The kept lines, oldest first. */
  snapshot(): string[] {
    return [...this.lines]
  }

  private add(line: string): void {
    this.lines.push(line.length > 2000 ? `${line.slice(0, 2000)}…` : line)
    if (this.lines.length > this.size) this.lines.shift()
  }
}
