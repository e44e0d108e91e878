import { ControlChannel } from './control-channel.js'
import { logOddLine, routeControlLine } from './control-routing.js'
import {
  ControlFailedError,
  type ExitInfo,
  ProcessError,
  ProcessExitedError,
  StartTimeoutError,
  TurnNotStartedError,
} from './errors.js'
import { type Logger, silentLogger } from './logger.js'
import { mapLineToEvents, toInitInfo, toTurnResult } from './map-events.js'
import { PermissionBroker } from './permission-broker.js'
import type {
  ClaudeProcessOptions,
  ExitNotification,
  InitInfo,
  ProcessState,
} from './process-types.js'
import { type Prompt, promptText } from './prompt.js'
import { type CliCommand, cliCommandsOf } from './protocol/cli-commands.js'
import { type ContextUsage, ContextUsageSchema } from './protocol/context-usage.js'
import { userMessageLine } from './protocol/input-lines.js'
import { parseLine } from './protocol/parse-line.js'
import { resolveCli } from './resolve-cli.js'
import { type CliSubprocess, onCliExit, spawnCli } from './spawn-cli.js'
import { TailBuffer } from './stderr-tail.js'
import { forceKill, terminate } from './terminate.js'
import { type Turn, TurnRecord } from './turn.js'
import { DEFAULT_STALL_TIMEOUT_MS, StallWatchdog } from './watchdog.js'

/**
 * One live Claude Code CLI (`claude -p` in stream-json mode) and its conversation. Turns sent with `send()`
 * are queued and written one at a time, each after the previous one's `result`, so turn boundaries are
 * never ambiguous. Parses stdout into typed events, answers permission prompts through
 * `onPermissionRequest`, and reports crashes as coded errors with the CLI's last stderr lines. A
 * watchdog (watchdog.ts) reports a running turn gone silent; stop-escalation.ts stops one for sure.
 */
export class ClaudeProcess {
  /** Latest `system/init` (undefined until the first turn starts). */
  init: InitInfo | undefined
  /** Latest Claude session id seen (for `--resume`). */
  claudeSessionId: string | undefined
  /** The `initialize` response (commands, models, account, …), as the CLI sent it. */
  initializeResponse: Record<string, unknown> | undefined
  /** Epoch ms of the last stdout line, turn sent or start. */
  lastActivityAt = Date.now()

  private currentState: ProcessState = 'starting'
  private subprocess: CliSubprocess | undefined
  private startPromise: Promise<void> | undefined
  private readonly queue: TurnRecord[] = []
  private current: TurnRecord | undefined
  private readonly stderr: TailBuffer
  private readonly control: ControlChannel
  private readonly permissions: PermissionBroker
  private readonly watchdog: StallWatchdog
  private readonly logger: Logger
  private readonly exitListeners = new Set<(exit: ExitNotification) => void>()
  private exitInfo: ExitInfo | undefined
  private readonly exited: Promise<ExitInfo>
  private markExited: (info: ExitInfo) => void = () => {}
  private stopRequested = false
  private turnCount = 0
  private readonly unstarted: string[] = []

  constructor(private readonly options: ClaudeProcessOptions) {
    this.logger = options.logger ?? silentLogger
    this.stderr = new TailBuffer(options.stderrLines ?? 40)
    this.control = new ControlChannel((line) => this.write(line))
    this.permissions = new PermissionBroker({
      handler: options.onPermissionRequest,
      timeoutMs: options.permissionTimeoutMs ?? 5 * 60_000,
      allowedForSession: options.allowedForSession ?? [],
      workingDirectory: options.cwd,
      onAllowRule: options.onAllowRule,
      onAnswered: () => this.watchdog.activity(),
      logger: this.logger,
      write: (line) => this.write(line),
    })
    this.watchdog = new StallWatchdog({
      timeoutMs: options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS,
      waitingOnUs: () => this.permissions.waiting,
      report: (report) => this.current?.push(report),
    })
    this.exited = new Promise((resolve) => {
      this.markExited = resolve
    })
  }

  get state(): ProcessState {
    return this.currentState
  }

  get pid(): number | undefined {
    return this.subprocess?.pid
  }

  /** The turn the CLI is working on, if any. */
  get runningTurn(): Turn | undefined {
    return this.current
  }

  /** Turns waiting behind the running one. */
  get queueLength(): number {
    return this.queue.length
  }

  /** Prompts of the waiting turns, oldest first. */
  get queuedPrompts(): string[] {
    return this.queue.map((turn) => turn.prompt)
  }

  /** "Allow always" rules granted in this process (`--allowedTools` syntax), to carry into a resumed one. */
  get allowedForSession(): string[] {
    return this.permissions.rules.list()
  }

  /**
   * Stops answering requests with `rule`. The CLI keeps the rule it was sent until it exits (the control
   * protocol cannot take one back), so restart the process to drop it there too.
   */
  forgetAllowRule(rule: string): boolean {
    return this.permissions.rules.forget(rule)
  }

  /** The CLI's last stderr lines, oldest first. */
  stderrTail(): string[] {
    return this.stderr.snapshot()
  }

  /** Calls `listener` once when the process has ended; returns an unsubscribe function. */
  onExit(listener: (exit: ExitNotification) => void): () => void {
    this.exitListeners.add(listener)
    return () => this.exitListeners.delete(listener)
  }

  /** Spawns the CLI and completes the `initialize` handshake. Idempotent. */
  start(): Promise<void> {
    this.startPromise ??= this.spawnAndInitialize()
    return this.startPromise
  }

  /** Queues a user message (text, or text with images); written when every earlier turn has finished. */
  send(prompt: Prompt): Turn {
    const turn = new TurnRecord(`turn_${++this.turnCount}`, prompt)
    if (this.currentState === 'stopping' || this.currentState === 'exited') {
      turn.fail(new TurnNotStartedError(promptText(prompt), this.exitInfo))
      return turn
    }
    this.queue.push(turn)
    this.pump()
    return turn
  }

  /** Interrupts the running turn (it ends with `error_during_execution`); queued turns run afterwards. */
  async interrupt(): Promise<void> {
    if (!this.current || this.currentState !== 'busy') return
    const answered = this.control.request({ subtype: 'interrupt' }, this.controlTimeoutMs())
    this.permissions.cancelAll() // open prompts are moot; the interrupt is already on its way
    await answered
  }

  /** Sets the watchdog's limit (`stallTimeoutMs`; 0: off), also for a turn running now. */
  setStallTimeout(ms: number): void {
    this.watchdog.setTimeout(ms)
  }

  /** The CLI's slash commands and skills, from `initialize` (with descriptions) and `system/init`. */
  get commands(): CliCommand[] {
    return cliCommandsOf(this.initializeResponse, [
      ...(this.init?.slashCommands ?? []),
      ...(this.init?.skills ?? []),
    ])
  }

  /** How full the context window is (`get_context_usage`, the cheap `summary` detail). */
  async contextUsage(): Promise<ContextUsage> {
    await this.requireRunning()
    const response = await this.control.request(
      { subtype: 'get_context_usage', detail: 'summary' },
      this.controlTimeoutMs(),
    )
    const parsed = ContextUsageSchema.safeParse(response)
    if (!parsed.success) throw new ControlFailedError('get_context_usage', 'unexpected answer')
    return parsed.data
  }

  /** Changes the permission mode of the live process. */
  async setPermissionMode(mode: string): Promise<void> {
    await this.requireRunning()
    await this.control.request({ subtype: 'set_permission_mode', mode }, this.controlTimeoutMs())
  }

  /** Switches the model for the following turns. */
  async setModel(model: string): Promise<void> {
    await this.requireRunning()
    await this.control.request({ subtype: 'set_model', model }, this.controlTimeoutMs())
  }

  /**
   * Ends the process: closes stdin (the CLI exits on its own when idle), SIGTERM after `stopGraceMs`,
   * SIGKILL `killAfterMs` later (to the CLI and every process below it). Queued turns fail with
   * TURN_NOT_STARTED.
   */
  stop(): Promise<void> {
    const { stopGraceMs = 2000, killAfterMs = 3000 } = this.options
    return this.end((sub) => terminate(sub, this.exited, stopGraceMs, killAfterMs))
  }

  /** Like stop(), but SIGKILL at once, tools included: for a CLI that does not answer (frozen). */
  kill(): Promise<void> {
    return this.end((sub) => forceKill(sub, this.exited))
  }

  private async end(how: (subprocess: CliSubprocess) => Promise<void>): Promise<void> {
    if (this.currentState === 'exited') return
    this.stopRequested = true
    this.currentState = 'stopping'
    this.failQueued(undefined)
    this.permissions.cancelAll()
    if (this.subprocess) return how(this.subprocess)
    this.finish({ exitCode: undefined, signal: undefined, stopped: true, stderrTail: [] })
  }

  private async spawnAndInitialize(): Promise<void> {
    let path: string
    try {
      path = await resolveCli(this.options.claudePath ?? 'claude', this.options.env.PATH)
    } catch (error) {
      // Nothing was spawned: turns sent before start() fail with the reason (e.g. CLI_NOT_FOUND)
      // and exit listeners still hear that this process is over.
      if (error instanceof ProcessError) for (const turn of this.queue.splice(0)) turn.fail(error)
      this.finish({ exitCode: undefined, signal: undefined, stopped: false, stderrTail: [] })
      throw error
    }
    if (this.exitInfo) throw new ProcessExitedError(this.exitInfo)
    const subprocess = spawnCli(path, {
      args: this.options.args,
      cwd: this.options.cwd,
      env: this.options.env,
      maxLineLength: this.options.maxLineLength ?? 64 * 1024 * 1024,
      onLine: (line) => this.onLine(line),
      onStderr: (chunk) => this.stderr.push(chunk),
      logger: this.logger,
    })
    this.subprocess = subprocess
    onCliExit(subprocess, (exit) => {
      if (exit.spawnFailure) this.stderr.push(`spawn failed: ${exit.spawnFailure}\n`)
      this.finish(this.exitFrom(exit.exitCode, exit.signal, exit.error))
    })
    const timeoutMs = this.options.startTimeoutMs ?? 60_000
    try {
      this.initializeResponse = await this.control.request({ subtype: 'initialize' }, timeoutMs)
    } catch (error) {
      if (this.exitInfo)
        throw new ProcessExitedError(this.exitInfo, 'Claude Code process (starting)')
      if (error instanceof ProcessError && error.code === 'CONTROL_TIMEOUT') {
        subprocess.kill('SIGKILL')
        await this.exited
        throw new StartTimeoutError(timeoutMs, this.stderrTail())
      }
      throw error
    }
    if (this.currentState === 'starting') this.currentState = 'idle'
    this.pump()
  }

  private onLine(text: string): void {
    this.lastActivityAt = Date.now()
    this.watchdog.activity()
    const parsed = parseLine(text)
    const { control, permissions, current: turn } = this
    routeControlLine(parsed, { control, permissions, turn }, this.logger)
    if (logOddLine(parsed, text.length, this.logger)) return
    if (parsed.kind === 'system_init') {
      this.claudeSessionId = parsed.line.session_id
      this.init = toInitInfo(parsed.line)
    }
    for (const event of mapLineToEvents(parsed)) {
      if (turn) turn.push(event)
      else this.logger.debug({ event: event.type }, 'CLI output outside a turn')
    }
    if (parsed.kind === 'result') {
      this.claudeSessionId = parsed.line.session_id
      this.permissions.cancelAll()
      this.watchdog.turnEnded()
      if (turn) {
        this.current = undefined
        turn.complete(toTurnResult(parsed.line))
        if (this.currentState === 'busy') this.currentState = 'idle'
        this.pump()
      }
    }
  }

  // Writes the next queued turn when the process is ready and nothing runs.
  private pump(): void {
    if (this.currentState !== 'idle' || this.current) return
    const next = this.queue.shift()
    if (!next) return
    try {
      this.write(userMessageLine(next.input))
    } catch (error) {
      // stdin is gone but the exit is not processed yet: the turn stays queued and fails as not started.
      this.queue.unshift(next)
      this.logger.debug({ err: error }, 'could not write a turn to the CLI')
      return
    }
    this.current = next
    this.currentState = 'busy'
    next.start()
    this.lastActivityAt = Date.now()
    this.watchdog.turnStarted()
  }

  private write(line: string): void {
    const stdin = this.subprocess?.stdin
    if (!stdin || stdin.writableEnded || stdin.destroyed)
      throw new ProcessError('NOT_RUNNING', 'The Claude Code process is not running')
    stdin.write(line)
  }

  private async requireRunning(): Promise<void> {
    if (!this.startPromise || this.currentState === 'stopping' || this.currentState === 'exited') {
      throw new ProcessError(
        'NOT_RUNNING',
        'The Claude Code process is not running (call start() first)',
      )
    }
    await this.startPromise
  }

  private exitFrom(
    exitCode: number | undefined,
    signal: string | undefined,
    error?: unknown,
  ): ExitInfo {
    if (error) this.logger.error({ err: error }, 'CLI process failed')
    this.stderr.end()
    return { exitCode, signal, stopped: this.stopRequested, stderrTail: this.stderr.snapshot() }
  }

  // Settles everything that waited on the process, once.
  private finish(info: ExitInfo): void {
    if (this.exitInfo) return
    this.exitInfo = info
    this.currentState = 'exited'
    this.control.failAll('the process exited')
    this.permissions.cancelAll()
    this.watchdog.turnEnded()
    this.current?.fail(new ProcessExitedError(info))
    this.current = undefined
    const unstartedPrompts = this.failQueued(info)
    this.subprocess?.kill('SIGKILL') // sweeps descendants left in the CLI's process group
    this.markExited(info)
    for (const listener of this.exitListeners) {
      try {
        listener({ ...info, unstartedPrompts })
      } catch (error) {
        this.logger.error({ err: error }, 'onExit listener threw')
      }
    }
  }

  private failQueued(info: ExitInfo | undefined): string[] {
    const queued = this.queue.splice(0)
    for (const turn of queued) turn.fail(new TurnNotStartedError(turn.prompt, info))
    this.unstarted.push(...queued.map((turn) => turn.prompt))
    return this.unstarted
  }

  private controlTimeoutMs(): number {
    return this.options.controlTimeoutMs ?? 10_000
  }
}
