import type { ProcessError } from './errors.js'
import { type Prompt, promptText } from './prompt.js'
import type { TurnEvent, TurnResult } from './turn-events.js'

/** `queued` → `running` → `completed` (the CLI sent a result) or `failed` (the process ended first). */
export type TurnState = 'queued' | 'running' | 'completed' | 'failed'

/**
 * One message to Claude and everything it causes. Iterate it for events (each iterator starts from the
 * first event, so a late consumer misses nothing); `done` resolves with the result, or rejects with a
 * `ProcessError` when the process ended before the turn did (iteration then throws the same error).
 */
export interface Turn extends AsyncIterable<TurnEvent> {
  readonly id: string
  readonly prompt: string
  readonly state: TurnState
  readonly done: Promise<TurnResult>
  /**
   * True once someone asked the pool to stop or interrupt this turn: an interrupted result then
   * means "stopped as asked", not a failure of Claude Code. Absent where nobody can stop it.
   */
  readonly stopRequested?: boolean
}

/** The driver's side of a turn: feeds events and settles it. */
export class TurnRecord implements Turn {
  state: TurnState = 'queued'
  readonly done: Promise<TurnResult>
  private readonly events: TurnEvent[] = []
  private error: ProcessError | undefined
  private wake: () => void = () => {}
  private changed: Promise<void>
  private resolveDone: (result: TurnResult) => void = () => {}
  private rejectDone: (error: ProcessError) => void = () => {}

  /** The prompt's text (images left out). */
  readonly prompt: string

  constructor(
    readonly id: string,
    /** What is written to the CLI: the text, with its images if any. */
    readonly input: Prompt,
  ) {
    this.prompt = promptText(input)
    this.changed = this.nextChange()
    this.done = new Promise<TurnResult>((resolve, reject) => {
      this.resolveDone = resolve
      this.rejectDone = reject
    })
    // Consumers may only iterate; a failure must not also surface as an unhandled rejection.
    this.done.catch(() => {})
  }

  get settled(): boolean {
    return this.state === 'completed' || this.state === 'failed'
  }

  start(): void {
    if (this.state === 'queued') this.state = 'running'
  }

  push(event: TurnEvent): void {
    if (this.settled) return
    this.events.push(event)
    this.wake()
  }

  complete(result: TurnResult): void {
    if (this.settled) return
    this.state = 'completed'
    this.resolveDone(result)
    this.wake()
  }

  fail(error: ProcessError): void {
    if (this.settled) return
    this.state = 'failed'
    this.error = error
    this.rejectDone(error)
    this.wake()
  }

  async *[Symbol.asyncIterator](): AsyncIterator<TurnEvent> {
    let index = 0
    while (true) {
      while (index < this.events.length) {
        const event = this.events[index++]
        if (event) yield event
      }
      if (this.state === 'completed') return
      if (this.state === 'failed' && this.error) throw this.error
      await this.changed
    }
  }

  private nextChange(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.wake = () => {
        this.changed = this.nextChange()
        resolve()
      }
    })
  }
}
