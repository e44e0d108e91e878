import type { ClaudeProcess } from '../claude-process.js'
import type { ExitNotification } from '../process-types.js'
import type { CliCommand } from '../protocol/cli-commands.js'
import type { ContextUsage } from '../protocol/context-usage.js'
import type { Reaper } from '../reaper/reaper.js'
import { type StopOutcome, stopTurn } from '../stop-escalation.js'
import { SessionAllowRules } from './allow-rules.js'
import { PoolShutdownError } from './errors.js'
import { logExit } from './exit-log.js'
import { IdleTimer } from './idle-timer.js'
import type { PoolTurn } from './pool-turn.js'
import { SessionMode } from './session-mode.js'
import { SessionWriter } from './session-writer.js'
import type { PoolSettings } from './settings.js'
import { SettingsOverrides } from './settings-overrides.js'
import { protectionOutdated, startSessionProcess, workingDirectoryGone } from './spawn-session.js'
import { StallTracker } from './stall-tracker.js'
import { TurnQueue } from './turn-queue.js'
import type { LiveStatus, SessionRef, StopReason } from './types.js'

/** What a session needs from its pool: shared settings and the slot scheduler. */
export interface SessionHost {
  readonly settings: PoolSettings
  /** Kills the registered CLIs if the bot dies (reaper.ts). */
  readonly reaper: Reaper
  /** A process announced its slash commands (they may differ from the previous process's). */
  commandsKnown(session: LiveSession): void
  /** The session has turns waiting and no process. */
  requestSlot(session: LiveSession): void
  /** A process ended or went idle: a waiting session may now get (or evict for) a slot. */
  slotsChanged(): void
}

/** `none` → `spawning` → `live` → `stopping` → `none`; every phase but `none` holds a slot. */
type Phase = 'none' | 'spawning' | 'live' | 'stopping'

/**
 * One session's CLI process and its turns. Prompts wait in the session's TurnQueue, not in the process,
 * so they survive it: when a process ends with turns waiting, a fresh resumed one takes them.
 */
export class LiveSession {
  phase: Phase = 'none'
  lastUsedAt = Date.now()
  /** The CLI commands its latest process announced; kept while no process runs. */
  commands: CliCommand[] | undefined
  private proc: ClaudeProcess | undefined
  private readonly turns: TurnQueue
  private readonly rules: SessionAllowRules
  private restartRequested = false
  private stopReason: StopReason | undefined
  private closing = false
  private spawned: Promise<void> = Promise.resolve()
  private readonly overrides = new SettingsOverrides()
  private readonly idleTimer: IdleTimer
  private readonly writer: SessionWriter
  private readonly stall: StallTracker
  private readonly mode: SessionMode

  constructor(
    readonly ref: SessionRef,
    private readonly host: SessionHost,
  ) {
    const { store, logger, idleTimeoutMs } = host.settings
    this.writer = new SessionWriter(ref, store, logger)
    this.rules = new SessionAllowRules(ref, store, logger)
    this.mode = new SessionMode(ref, store, this.overrides, logger)
    this.turns = new TurnQueue({
      record: (update) => this.writer.write(update),
      turnEnded: () => this.afterTurn(),
      observe: (event) => {
        this.stall.observe(event)
        if (event.type === 'permission_mode') this.mode.reported(event.mode)
      },
    })
    this.stall = new StallTracker(host.settings.stallTimeoutMs, {
      reclaim: () => void this.reclaim(),
      stalled: () => host.slotsChanged(), // a waiting session may take this slot now
    })
    this.idleTimer = new IdleTimer(idleTimeoutMs, () => {
      if (this.evictable) void this.stop('idle')
    })
  }

  /** Live, nothing running or waiting: may be stopped to free its slot. */
  get evictable(): boolean {
    return (
      this.phase === 'live' &&
      !this.turns.current &&
      this.turns.length === 0 &&
      this.proc?.state === 'idle'
    )
  }

  /** Live with a stalled turn: its process may be killed for a waiting session's slot. */
  get reclaimable(): boolean {
    return this.phase === 'live' && this.stall.stalled
  }

  /** Epoch ms since which its turn is silent (Infinity unless stalled): the oldest stall goes first. */
  get stalledSince(): number {
    return this.stall.since
  }

  get waitingTurns(): number {
    return this.turns.length
  }

  enqueue(turn: PoolTurn): void {
    if (this.closing) {
      turn.fail(new PoolShutdownError(turn.prompt))
      return
    }
    this.turns.push(turn)
    this.lastUsedAt = Date.now()
    this.idleTimer.clear()
    this.pump()
    this.requestSlotIfNeeded()
  }

  /** Starts a process for the waiting turns (the pool calls this once it has a slot). Never rejects. */
  async spawn(): Promise<void> {
    this.phase = 'spawning'
    let settle = () => {}
    this.spawned = new Promise((resolve) => {
      settle = resolve
    })
    try {
      await this.startProcess()
    } catch (error) {
      this.host.settings.logger.error({ err: error, session: this.ref }, 'spawn failed')
    } finally {
      settle()
    }
  }

  async interrupt(): Promise<boolean> {
    const turn = this.turns.current
    if (!this.proc || turn?.state !== 'running') return false
    turn.markStopped('stop', this.stall.silentForMs()) // asked for: its interrupted result is no error
    await this.proc.interrupt()
    return true
  }

  /**
   * Stops the running turn for sure (`turnId`: only that one): interrupt, then kill the process if the
   * turn has not ended within `interruptGraceMs` (the turn then fails with TURN_STOPPED, reason `stop`).
   */
  async stopTurn(turnId?: string): Promise<StopOutcome> {
    const { proc, phase } = this
    const turn = this.turns.current
    if (phase !== 'live' || !proc || turn?.state !== 'running') return 'none'
    if (turnId !== undefined && turn.id !== turnId) return 'none'
    turn.markStopped('stop', this.stall.silentForMs())
    this.stall.clear() // the user acted: no reclaim while their stop runs
    const { interruptGraceMs: graceMs, logger } = this.host.settings
    return stopTurn(proc, { graceMs, logger })
  }

  /** Kills the process of the stalled turn (TURN_STOPPED, reason `stalled`); its slot frees on exit. */
  async reclaim(): Promise<void> {
    const { proc } = this
    const turn = this.turns.current
    const silentForMs = this.stall.silentForMs()
    if (this.phase !== 'live' || !proc || !turn || silentForMs === undefined) return
    this.stall.clear()
    this.phase = 'stopping'
    turn.markStopped('stalled', silentForMs)
    this.host.settings.logger.warn({ session: this.ref, silentForMs }, 'killing a stalled process')
    await proc.kill()
  }

  async setModel(model: string): Promise<void> {
    const proc = await this.liveProcess()
    if (proc) await this.overrides.setModel(proc, model)
  }

  async setPermissionMode(mode: string): Promise<void> {
    const proc = await this.liveProcess()
    if (proc) await this.overrides.setPermissionMode(proc, mode)
  }

  status(): LiveStatus {
    const proc = this.proc
    return {
      live: this.phase !== 'none',
      state: proc?.state ?? (this.phase === 'spawning' ? 'starting' : 'none'),
      pid: proc?.pid ?? null,
      queueLength: this.turns.length,
      running: this.turns.current?.state === 'running',
      model: proc && (this.overrides.model ?? proc.init?.model),
      permissionMode: proc && (this.overrides.permissionMode ?? proc.init?.permissionMode),
      commands: this.commands,
    }
  }

  /** The live process's context window fill; undefined when no process is live. */
  async contextUsage(): Promise<ContextUsage | undefined> {
    const proc = await this.liveProcess()
    return proc ? proc.contextUsage() : undefined
  }

  /** Stops the process when idle; when a turn runs, after it (waiting turns then get a fresh process). */
  async restart(): Promise<void> {
    this.overrides.clear()
    await this.respawnLater()
  }

  /** The session's "allow always" rules, oldest first. */
  allowRules(): Promise<string[]> {
    return this.rules.list()
  }

  /**
   * Forgets an "always" rule: from the store and from the live process, which is then restarted (now
   * when idle, else after its turn) because the CLI cannot drop a session rule it was given.
   */
  async forgetAllowRule(rule: string): Promise<boolean> {
    const known = await this.rules.forget(rule)
    const live = this.proc?.forgetAllowRule(rule) ?? false
    // A process being spawned may have read the rule before it was forgotten.
    if (live || this.phase === 'spawning') await this.respawnLater()
    return known || live
  }

  /** Ends the process (if any); resolves once it exited and core was updated. */
  async stop(reason: StopReason): Promise<void> {
    this.idleTimer.clear()
    if (this.phase === 'spawning') {
      this.stopReason = reason
      await this.spawned
    }
    const proc = this.proc
    if (!proc || this.phase === 'none') {
      this.stopReason = undefined
      if (reason === 'suspend') await this.writer.write({ status: 'suspended' })
      return
    }
    this.phase = 'stopping'
    this.stopReason = reason
    this.restartRequested = false
    await proc.stop()
    await this.writer.flush()
  }

  /** For shutdown: waiting turns fail, a running one is interrupted (killed if frozen), the process stops. */
  async shutdown(): Promise<void> {
    this.closing = true
    this.turns.failWaiting((prompt) => new PoolShutdownError(prompt))
    const { interruptGraceMs: graceMs, logger } = this.host.settings
    if (this.proc && this.phase === 'live') await stopTurn(this.proc, { graceMs, logger })
    await this.stop('shutdown')
    await this.writer.flush()
  }

  private async respawnLater(): Promise<void> {
    if (this.phase === 'none') return
    if (this.turns.current || this.phase === 'spawning') this.restartRequested = true
    else await this.stop('restart')
  }

  private async startProcess(): Promise<void> {
    const started = await startSessionProcess(this.ref, this.host.settings, {
      allowedForSession: await this.rules.forSpawn(),
      onAllowRule: (rule) => this.rules.added(rule),
      onPermissionRequest: (request, signal) =>
        this.host.settings.onPermissionRequest(this.ref, this.turns.rename(request), signal),
      onCreated: (proc) => {
        this.proc = proc
        proc.setStallTimeout(this.host.settings.stallTimeoutMs)
        proc.onExit((exit) => this.onExit(proc, exit))
      },
    })
    if (!started.ok) {
      // Never replay into a process that cannot start (missing CLI, bad flags): fail what waits.
      this.turns.failWaiting(() => started.error)
      if (this.phase === 'spawning') {
        this.phase = 'none'
        this.host.slotsChanged()
      }
      return
    }
    const { proc } = started
    if (this.proc !== proc) return
    this.phase = 'live'
    this.host.reaper.add(proc.pid)
    this.commands = proc.commands
    this.host.commandsKnown(this)
    void this.writer.write({ pid: proc.pid ?? null, status: 'active', touch: true })
    await this.overrides.applyTo(proc, this.host.settings.logger, { session: this.ref })
    if (this.stopReason === undefined) this.pump()
  }

  // Hands the next waiting turn to the live process once the previous one has ended.
  private pump(): void {
    const proc = this.proc
    if (this.phase !== 'live' || this.turns.current || !proc) return
    // A working directory deleted under a live process: a fresh one heals it (spawn-session.ts). Sessions
    // created since it started: a fresh one's deny rules cover them too (session-set.ts).
    const stale = this.turns.length > 0 && (workingDirectoryGone(proc) || protectionOutdated(proc))
    if (this.restartRequested || stale) {
      void this.stop('restart')
      return
    }
    if (this.turns.runNext(proc)) {
      this.lastUsedAt = Date.now()
      return
    }
    this.idleTimer.arm()
    this.host.slotsChanged()
  }

  private afterTurn(): void {
    this.stall.clear()
    this.lastUsedAt = Date.now()
    if (this.closing) this.turns.failWaiting((prompt) => new PoolShutdownError(prompt))
    this.pump()
    this.requestSlotIfNeeded()
  }

  private onExit(proc: ClaudeProcess, exit: ExitNotification): void {
    if (proc !== this.proc) return
    this.host.reaper.remove(proc.pid)
    this.stall.clear()
    const neverReady = this.phase === 'spawning'
    this.proc = undefined
    this.phase = 'none'
    const reason = this.stopReason
    this.stopReason = undefined
    this.idleTimer.clear()
    logExit(this.host.settings.logger, this.ref, exit, reason)
    // A process that never got ready is not retried: its start failure fails the waiting turns.
    const respawn = !neverReady && !this.closing && this.turns.length > 0
    void this.writer.write(respawn ? { pid: null } : { pid: null, status: 'suspended' })
    if (respawn) this.requestSlotIfNeeded()
    this.host.slotsChanged()
  }

  private async liveProcess(): Promise<ClaudeProcess | undefined> {
    if (this.phase === 'spawning') await this.spawned
    return this.phase === 'live' ? this.proc : undefined
  }

  private requestSlotIfNeeded(): void {
    if (this.phase === 'none' && this.turns.length > 0 && !this.closing) this.host.requestSlot(this)
  }
}
