import type { SessionUpdate } from '@switchboard/core'
import type { ClaudeProcess } from '../claude-process.js'
import type { ProcessError } from '../errors.js'
import type { PermissionRequest } from '../permissions.js'
import type { TurnEvent } from '../turn-events.js'
import { CliCommandUnknownError } from './errors.js'
import type { PoolTurn, RelayOutcome } from './pool-turn.js'
import { CostBaseline, turnUpdate } from './usage.js'

export interface TurnQueueHooks {
  /** Writes to core (never rejects). */
  record(update: SessionUpdate): Promise<void>
  /** A turn handed to a process has ended (or came back unstarted): time for the next one. */
  turnEnded(): void
  /** Each event of the running turn (the session watches for `stalled` / `active`). */
  observe?(event: TurnEvent): void
}

/**
 * One session's turns: those waiting, and the one a process runs. A process gets one turn at a time, so
 * a prompt stays here until it is written to a CLI, and one never written (the process was ending)
 * goes back to the front of the line. After each result, core gets the usage and the Claude session id.
 */
export class TurnQueue {
  private readonly waiting: PoolTurn[] = []
  private running: PoolTurn | undefined
  private readonly cost = new CostBaseline()

  constructor(private readonly hooks: TurnQueueHooks) {}

  /** Turns waiting behind the running one. */
  get length(): number {
    return this.waiting.length
  }

  /** The turn handed to the process (until it ended). */
  get current(): PoolTurn | undefined {
    return this.running
  }

  push(turn: PoolTurn): void {
    this.waiting.push(turn)
  }

  /**
   * Hands the next waiting turn to `proc`; false when none waits. A turn naming a CLI command `proc` did
   * not announce fails (CLI_COMMAND_UNKNOWN) instead of reaching the model as plain text.
   */
  runNext(proc: ClaudeProcess): boolean {
    let next = this.waiting.shift()
    while (next?.cliCommand !== undefined && !hasCommand(proc, next.cliCommand)) {
      next.fail(new CliCommandUnknownError(next.cliCommand))
      next = this.waiting.shift()
    }
    if (!next) return false
    this.running = next
    const observe = (event: TurnEvent) => this.hooks.observe?.(event)
    void next.relay(proc.send(next.input), observe).then((outcome) => this.settle(next, outcome))
    return true
  }

  /** Fails every waiting turn (not the running one). */
  failWaiting(error: (prompt: string) => ProcessError): void {
    for (const turn of this.waiting.splice(0)) turn.fail(error(turn.prompt))
  }

  /** A permission request of the running turn, named after the pool's turn. */
  rename(request: PermissionRequest): PermissionRequest {
    return this.running ? this.running.rename(request) : request
  }

  private async settle(turn: PoolTurn, outcome: RelayOutcome): Promise<void> {
    if (this.running === turn) this.running = undefined
    if (outcome.kind === 'not_started') {
      this.waiting.unshift(turn)
      this.hooks.turnEnded()
      return
    }
    if (outcome.kind === 'failed') {
      turn.fail(outcome.error)
      this.hooks.turnEnded()
      return
    }
    // The next turn may start at once; this one completes when core has its usage.
    const recorded = this.hooks.record(turnUpdate(outcome.result, this.cost))
    this.hooks.turnEnded()
    await recorded
    turn.complete(outcome.result)
  }
}

function hasCommand(proc: ClaudeProcess, name: string): boolean {
  return proc.commands.some((command) => command.name === name)
}
