import type { SessionMetadata } from '@switchboard/core'
import type { ContextUsage } from '@switchboard/process'
import type { BotDeps } from '../deps.js'
import { escapeHtml } from '../render/html-escape.js'
import { refOf } from '../sessions/session-ref.js'
import { activeOrExplain } from './active.js'
import type { Command } from './command.js'
import { relativeTime } from './format/relative-time.js'
import { compactNumber } from './format/usage.js'

/** The last reading per session, for when its process is not running (idle-stopped, evicted). */
const lastReadings = new Map<string, { usage: ContextUsage; at: number }>()
const MAX_READINGS = 1_000

export interface ContextReading {
  usage: ContextUsage
  /** Epoch ms it was measured; older than now when the process has stopped since. */
  at: number
  live: boolean
}

/**
 * How full the session's context window is: asked of its live process (`get_context_usage`), else its
 * last reading this run. Undefined when neither is known. A CLI that does not answer is logged, not thrown.
 */
export async function readContext(
  deps: Pick<BotDeps, 'pool' | 'logger'>,
  meta: Pick<SessionMetadata, 'owner' | 'id'>,
  timeoutMs?: number,
): Promise<ContextReading | undefined> {
  try {
    const asked = deps.pool.contextUsage(refOf(meta))
    const usage = await (timeoutMs === undefined ? asked : withinMs(asked, timeoutMs))
    if (usage) {
      if (lastReadings.size >= MAX_READINGS) lastReadings.clear()
      const reading = { usage, at: Date.now() }
      lastReadings.set(meta.id, reading)
      return { ...reading, live: true }
    }
  } catch (error) {
    deps.logger.warn({ err: error, sessionId: meta.id }, 'could not read the context usage')
  }
  const last = lastReadings.get(meta.id)
  return last && { ...last, live: false }
}

/** The promise's value, or undefined once `ms` passed (a frozen CLI must not hold /status). */
async function withinMs<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms)
  })
  promise.catch(() => {}) // a late rejection is the CLI's business, not an unhandled one
  try {
    return await Promise.race([promise, late])
  } finally {
    clearTimeout(timer)
  }
}

/** "19.0k of 1.0M tokens (2%)", with how old it is when not live. */
export function contextLine(reading: ContextReading): string {
  const { totalTokens, maxTokens, percentage } = reading.usage
  const when = reading.live ? '' : ` (measured ${relativeTime(new Date(reading.at).toISOString())})`
  return `${compactNumber(totalTokens)} of ${compactNumber(maxTokens)} tokens (${percentage}%)${when}`
}

/** For /status: the fill, or why it is not known. */
export function contextOrUnknown(reading: ContextReading | undefined): string {
  return reading ? contextLine(reading) : 'not measured yet (no Claude Code process has run)'
}

/** ▓▓░░░░░░░░ for 20%. */
function bar(percentage: number): string {
  const filled = Math.min(10, Math.max(0, Math.round(percentage / 10)))
  return `${'▓'.repeat(filled)}${'░'.repeat(10 - filled)}`
}

export const contextCommand: Command = {
  name: 'context',
  description: 'How full the active session’s context window is',
  usage: '/context',
  async run(c) {
    const active = await activeOrExplain(c)
    if (!active) return
    const name = escapeHtml(active.name)
    const reading = await readContext(c.deps, active)
    if (!reading) {
      c.reply(
        `<b>${name}</b> has no Claude Code process running, so its context can’t be measured now: send it a message, then /context.`,
      )
      return
    }
    const used = reading.usage.categories
      .filter((cat) => cat.kind === undefined || cat.kind === 'used')
      .map((cat) => `${escapeHtml(cat.name)}: ${compactNumber(cat.tokens)}`)
    c.reply(
      [
        `<b>${name}</b> context: ${contextLine(reading)}`,
        bar(reading.usage.percentage),
        ...used,
        '/compact frees space by summarising the conversation; /clear starts a fresh one.',
      ].join('\n'),
    )
  },
}
