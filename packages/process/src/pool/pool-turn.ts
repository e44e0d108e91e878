import { ProcessError } from '../errors.js'
import type { PermissionRequest } from '../permissions.js'
import type { Prompt } from '../prompt.js'
import { type Turn, TurnRecord, type TurnState } from '../turn.js'
import type { TurnEvent, TurnResult } from '../turn-events.js'
import { TurnStoppedError, type TurnStopReason } from './errors.js'

/** How a turn handed to a process ended. */
export type RelayOutcome =
  | { kind: 'result'; result: TurnResult }
  /** Never written to the CLI (it was exiting): safe to replay in a new process. */
  | { kind: 'not_started' }
  | { kind: 'failed'; error: ProcessError }

/**
 * The Turn `ProcessPool.send` returns. It outlives processes: while it waits for a slot or a spawn it is
 * `queued`; once handed to a process it mirrors that process's turn, and it is replayed in a fresh process
 * when the old one ended before writing it. Permission requests carry this turn's id, not the process's.
 */
export class PoolTurn implements Turn {
  private readonly record: TurnRecord
  private driverTurn: Turn | undefined
  private stoppedFor: { reason: TurnStopReason; silentForMs: number | undefined } | undefined

  /** `cliCommand`: the prompt is that CLI slash command (without the slash), checked before it is written. */
  constructor(
    id: string,
    prompt: Prompt,
    readonly cliCommand?: string,
  ) {
    this.record = new TurnRecord(id, prompt)
  }

  get id(): string {
    return this.record.id
  }

  get prompt(): string {
    return this.record.prompt
  }

  /** The text with its images, as handed to a process (and replayed in a new one). */
  get input(): Prompt {
    return this.record.input
  }

  get done(): Promise<TurnResult> {
    return this.record.done
  }

  get settled(): boolean {
    return this.record.settled
  }

  /** Whether the pool was asked to stop or interrupt this turn (`markStopped`). */
  get stopRequested(): boolean {
    return this.stoppedFor !== undefined
  }

  /** The process's own id for this turn while it runs there (permission requests name it). */
  get driverTurnId(): string | undefined {
    return this.driverTurn?.id
  }

  get state(): TurnState {
    if (this.record.settled) return this.record.state
    return this.driverTurn && this.driverTurn.state !== 'queued' ? 'running' : 'queued'
  }

  [Symbol.asyncIterator](): AsyncIterator<TurnEvent> {
    return this.record[Symbol.asyncIterator]()
  }

  complete(result: TurnResult): void {
    this.record.complete(result)
  }

  fail(error: ProcessError): void {
    this.record.fail(error)
  }

  /** The pool may kill this turn's process: its failure becomes a TurnStoppedError (first reason wins). */
  markStopped(reason: TurnStopReason, silentForMs?: number): void {
    this.stoppedFor ??= { reason, silentForMs }
  }

  /** Mirrors a process's turn into this one until it ends (`observe` sees each event); never rejects. */
  async relay(driverTurn: Turn, observe?: (event: TurnEvent) => void): Promise<RelayOutcome> {
    this.driverTurn = driverTurn
    try {
      for await (const event of driverTurn) {
        this.record.push(this.withOurId(event))
        observe?.(event)
      }
      return { kind: 'result', result: await driverTurn.done }
    } catch (error) {
      const processError =
        error instanceof ProcessError
          ? error
          : new ProcessError('PROCESS_EXITED', String(error), { cause: error })
      const stopped = this.stoppedFor
      if (stopped && processError.code !== 'TURN_NOT_STARTED')
        return { kind: 'failed', error: new TurnStoppedError(stopped.reason, stopped.silentForMs) }
      if (processError.code !== 'TURN_NOT_STARTED') return { kind: 'failed', error: processError }
      this.driverTurn = undefined
      return { kind: 'not_started' }
    }
  }

  /** A permission request of the process's turn, renamed to this turn. */
  rename(request: PermissionRequest): PermissionRequest {
    return request.turnId !== undefined && request.turnId === this.driverTurn?.id
      ? { ...request, turnId: this.id }
      : request
  }

  private withOurId(event: TurnEvent): TurnEvent {
    if (event.type === 'permission_request' || event.type === 'permission_decision')
      return { ...event, request: this.rename(event.request) }
    return event
  }
}
