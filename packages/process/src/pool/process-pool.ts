import type { PermissionMode } from '@switchboard/core'
import type { Prompt } from '../prompt.js'
import type { CliCommand } from '../protocol/cli-commands.js'
import type { ContextUsage } from '../protocol/context-usage.js'
import { Reaper } from '../reaper/reaper.js'
import type { StopOutcome } from '../stop-escalation.js'
import type { Turn } from '../turn.js'
import { cleanupOrphans } from './cleanup-orphans.js'
import { PoolShutdownError } from './errors.js'
import { LiveSession, type SessionHost } from './live-session.js'
import { PoolTurn } from './pool-turn.js'
import { type PoolSettings, resolvePoolSettings } from './settings.js'
import type { LiveStatus, ProcessPoolOptions, SendOptions, SessionRef } from './types.js'

const NOT_LIVE: LiveStatus = Object.freeze({
  live: false,
  state: 'none',
  pid: null,
  queueLength: 0,
  running: false,
  model: undefined,
  permissionMode: undefined,
  commands: undefined,
})

/**
 * Runs the Claude Code processes of many sessions: at most `maxLive` at once (the least recently used
 * idle one makes room; busy ones never do), idle ones stopped after `idleTimeoutMs`, and every message
 * queued per session, so none is dropped when a process is spawned, evicted or crashes.
 */
export class ProcessPool {
  private readonly settings: PoolSettings
  private readonly sessions = new Map<string, LiveSession>()
  // Sessions with turns and no process, in the order they asked: first come, first served.
  private readonly waiting = new Set<LiveSession>()
  private readonly host: SessionHost
  private readonly reaper: Reaper
  private turnCount = 0
  private closing = false
  private readonly commandListeners = new Set<(ref: SessionRef, commands: CliCommand[]) => void>()

  constructor(options: ProcessPoolOptions) {
    this.settings = resolvePoolSettings(options)
    const { env, logger } = this.settings
    this.reaper = new Reaper({ path: env.PATH, logger })
    this.host = {
      settings: this.settings,
      reaper: this.reaper,
      requestSlot: (session) => {
        this.waiting.add(session)
        this.dispatch()
      },
      slotsChanged: () => this.dispatch(),
      commandsKnown: (session) => {
        for (const listener of this.commandListeners) listener(session.ref, session.commands ?? [])
      },
    }
  }

  /**
   * Queues a message for the session; spawns (with --resume when the session has a claudeSessionId) when
   * needed. Returns at once with the Turn (`queued` until it runs); iterate it for events. Never drops a
   * message: prompts not yet written when a process dies are replayed in a fresh resumed process.
   * `cliCommand`: the prompt is that slash command of the CLI (`review-pr` for `/review-pr 12`); a process
   * that does not announce it fails the turn with CLI_COMMAND_UNKNOWN instead of writing it.
   */
  send(ref: SessionRef, prompt: Prompt, options: SendOptions = {}): Turn {
    const turn = new PoolTurn(`turn_${++this.turnCount}`, prompt, options.cliCommand)
    if (this.closing) turn.fail(new PoolShutdownError(turn.prompt))
    else this.session(ref).enqueue(turn)
    return turn
  }

  /** Interrupts the running turn; true when there was one. Waiting turns run afterwards. */
  async interrupt(ref: SessionRef): Promise<boolean> {
    return (await this.existing(ref)?.interrupt()) ?? false
  }

  /**
   * Stops the running turn for sure (`turnId`: only if that turn runs): interrupt; when the turn has not
   * ended `interruptGraceMs` later (a frozen CLI never answers), the process is killed, tools included,
   * and the turn fails with TURN_STOPPED. The session resumes (`--resume`) with its next message.
   */
  async stop(ref: SessionRef, options: { turnId?: string } = {}): Promise<StopOutcome> {
    return (await this.existing(ref)?.stopTurn(options.turnId)) ?? 'none'
  }

  /** Switches the model of the live process (no-op when not live); kept for its later processes. */
  async setModel(ref: SessionRef, model: string): Promise<void> {
    await this.existing(ref)?.setModel(model)
  }

  /** Changes the permission mode of the live process (no-op when not live); kept like setModel. */
  async setPermissionMode(ref: SessionRef, mode: PermissionMode): Promise<void> {
    await this.existing(ref)?.setPermissionMode(mode)
  }

  status(ref: SessionRef): LiveStatus {
    return this.existing(ref)?.status() ?? { ...NOT_LIVE }
  }

  /** The live process's context window fill (`get_context_usage`); undefined when not live. */
  async contextUsage(ref: SessionRef): Promise<ContextUsage | undefined> {
    return this.existing(ref)?.contextUsage()
  }

  /** Called each time a session's process announces its slash commands. Returns an unsubscribe. */
  onCliCommands(listener: (ref: SessionRef, commands: CliCommand[]) => void): () => void {
    this.commandListeners.add(listener)
    return () => this.commandListeners.delete(listener)
  }

  /** Stops the live process (if any; a running turn fails with PROCESS_STOPPED); core status → suspended. */
  async suspend(ref: SessionRef): Promise<void> {
    await this.session(ref).stop('suspend')
  }

  /**
   * Makes the next message spawn with fresh persona flags (after /persona): stops the process now when
   * idle, else right after the running turn. Forgets setModel/setPermissionMode overrides.
   */
  async restart(ref: SessionRef): Promise<void> {
    await this.existing(ref)?.restart()
  }

  /** The session's remembered "allow always" rules (stored in core, and this pool's), oldest first. */
  allowRules(ref: SessionRef): Promise<string[]> {
    return this.session(ref).allowRules()
  }

  /**
   * Forgets one "always" rule of the session: removed from core's file and from the live process, which
   * restarts (now when idle, else after the running turn) so the CLI drops it too. True when it was known.
   */
  forgetAllowRule(ref: SessionRef, rule: string): Promise<boolean> {
    return this.session(ref).forgetAllowRule(rule)
  }

  /** At start-up: CLI processes recorded in core that are still alive are killed; pids → null. */
  async cleanupOrphans(): Promise<number> {
    const skip = new Set<string>()
    for (const [key, session] of this.sessions) if (session.phase !== 'none') skip.add(key)
    return cleanupOrphans({
      store: this.settings.store,
      claudePath: this.settings.claudePath,
      graceMs: this.settings.killAfterMs ?? 3000,
      logger: this.settings.logger,
      skip,
    })
  }

  /** Interrupts running turns, fails waiting ones, stops every process and writes pid null / suspended. */
  async shutdown(): Promise<void> {
    this.closing = true
    this.waiting.clear()
    await Promise.all([...this.sessions.values()].map((session) => session.shutdown()))
    this.reaper.close()
  }

  private session(ref: SessionRef): LiveSession {
    const key = keyOf(ref)
    let session = this.sessions.get(key)
    if (!session) {
      session = new LiveSession({ owner: ref.owner, id: ref.id }, this.host)
      this.sessions.set(key, session)
    }
    return session
  }

  private existing(ref: SessionRef): LiveSession | undefined {
    return this.sessions.get(keyOf(ref))
  }

  // Gives free slots to waiting sessions in order; when none is free, stops the least recently used idle
  // process for the next one (its exit calls dispatch again), else kills the longest-stalled one.
  // Busy processes that are not stalled are never stopped.
  private dispatch(): void {
    if (this.closing) return
    const all = [...this.sessions.values()]
    let free = this.settings.maxLive - all.filter((s) => s.phase !== 'none').length
    let freeing = all.filter((s) => s.phase === 'stopping').length
    for (const session of this.waiting) {
      if (session.phase !== 'none' || session.waitingTurns === 0) {
        this.waiting.delete(session)
        continue
      }
      if (free > 0) {
        free--
        this.waiting.delete(session)
        void session.spawn()
        continue
      }
      if (freeing > 0) {
        freeing--
        continue
      }
      const victim = leastRecentlyUsed(all.filter((s) => s.evictable))
      if (victim) {
        void victim.stop('lru')
        continue
      }
      const stalled = longestStalled(all.filter((s) => s.reclaimable))
      if (!stalled) return
      void stalled.reclaim()
    }
  }
}

function keyOf(ref: SessionRef): string {
  return `${ref.owner}/${ref.id}`
}

function longestStalled(sessions: LiveSession[]): LiveSession | undefined {
  return sessions.sort((a, b) => a.stalledSince - b.stalledSince)[0]
}

function leastRecentlyUsed(sessions: LiveSession[]): LiveSession | undefined {
  let oldest: LiveSession | undefined
  for (const session of sessions) {
    if (!oldest || session.lastUsedAt < oldest.lastUsedAt) oldest = session
  }
  return oldest
}
