/**
 * One clear message, in plain words, for every way a turn can end badly — with what to do next.
 * Results the CLI reports (limits, interrupts, API errors) and failures of the process itself
 * (crash, missing CLI) are mapped by their subtype / error code, never by guessing from text.
 */

import { storageErrorOf } from '@switchboard/core'
import type { TurnResult } from '@switchboard/process'
import { describeProjectDirMissing } from '../errors/describe-error.js'
import { describeBypassRefusal } from '../errors/refusals.js'
import { describeStorageError } from '../errors/storage-text.js'
import { formatDuration } from '../permissions/request-abort.js'
import { truncateEnd } from '../render/truncate.js'

export interface PersonaLimits {
  maxTurns?: number
  maxBudgetUsd?: number
}

/** Subtype the CLI reports when a turn was interrupted (/stop). */
export const INTERRUPTED_SUBTYPE = 'error_during_execution'

/**
 * The line a stopped turn's final message ends with (after the partial answer, if any). The CLI's
 * own words for an interrupt (e.g. "[ede_diagnostic] …") are never shown: the user stopped it.
 */
export const STOPPED_LINE = '⏹ Stopped.'

/** How a stopped turn ended, in one line: stopped by the user, or a silent CLI ended by the bot. */
export function describeStop(failure: unknown): string {
  const { code, reason } = (failure ?? {}) as { code?: unknown; reason?: unknown }
  if (code === 'TURN_STOPPED' && reason === 'stalled') return describeTurnFailure(failure, '')
  return STOPPED_LINE
}

/**
 * The turn ended because it was stopped: interrupted (/stop, the CLI ended it), or its process killed
 * by the pool (TURN_STOPPED: a frozen CLI after /stop, or one silent far too long). An interrupted
 * result nobody asked for (`stopRequested` false) is Claude Code failing mid-turn, not a stop.
 */
export function isStoppedTurn(
  result: TurnResult | undefined,
  failure: unknown,
  stopRequested?: boolean,
): boolean {
  if (result) return result.subtype === INTERRUPTED_SUBTYPE && stopRequested !== false
  return (failure as { code?: unknown } | null)?.code === 'TURN_STOPPED'
}

/** The message for a result that is an error, or undefined for a successful answer. */
export function describeResultError(
  result: TurnResult,
  limits: PersonaLimits = {},
): string | undefined {
  if (!result.isError) return undefined
  const details = cliMessage(result)
  switch (result.subtype) {
    case 'error_max_turns': {
      const n = limits.maxTurns ?? result.numTurns
      return `Claude hit the persona's turn limit${n === undefined ? '' : ` (${n})`} before finishing. Send "continue" to go on, or raise maxTurns in the persona.`
    }
    case 'error_max_budget_usd': {
      const usd = limits.maxBudgetUsd === undefined ? '' : ` ($${limits.maxBudgetUsd})`
      return `Claude reached the persona's budget limit${usd} for this turn and stopped. Send "continue" to go on, or raise maxBudgetUsd in the persona.`
    }
    case 'success':
      return apiErrorMessage(details)
    default:
      return `Claude Code ended the turn with an error (${result.subtype})${details ? `: ${details}` : ''}. Your session is intact; send your message again to retry.`
  }
}

/** The message for a turn whose process failed (a thrown ProcessError or anything else). */
export function describeTurnFailure(error: unknown, claudePath: string): string {
  const code = (error as { code?: unknown } | null)?.code
  const message = error instanceof Error ? error.message : String(error)
  // The pool could not start the CLI because the session's persona.json asks for a refused bypass.
  const cause = (error as { cause?: { code?: unknown; path?: unknown } } | null)?.cause
  if (cause?.code === 'PERSONA_BYPASS_REFUSED') return describeBypassRefusal(cause.path, 'plain')
  // A bound project dir that vanished, a full disk, a permission problem: no "send it again" loop.
  if (cause?.code === 'PROJECT_DIR_MISSING') return describeProjectDirMissing(cause.path, 'plain')
  const storage = storageErrorOf(error)
  if (storage) return describeStorageError(storage, 'plain')
  switch (code) {
    case 'PROCESS_EXITED': {
      const exit = exitOf(error)
      const tail = stderrTailOf(error)
      const last = tail ? ` Last output: ${tail}` : ''
      return `Claude Code stopped unexpectedly (${exit}).${last}\nYour session is intact; send your message again to resume.`
    }
    case 'TURN_STOPPED': {
      const { reason, silentForMs } = error as { reason?: unknown; silentForMs?: number }
      if (reason !== 'stalled') return STOPPED_LINE
      const silence = silentForMs ? ` for ${formatDuration(silentForMs)}` : ''
      return `Stopped: Claude Code gave no output${silence}, so the bot ended it. Your session is intact; send your message again to resume.`
    }
    case 'PROCESS_STOPPED':
      return 'Claude Code was stopped before this answer was finished (the bot is restarting or the session was suspended). Send your message again to resume.'
    case 'CLI_NOT_FOUND':
    case 'CLI_NOT_EXECUTABLE':
      return `Claude Code can't be started: ${code === 'CLI_NOT_FOUND' ? 'it was not found' : 'it is not executable'} at "${claudePath}". Install it (npm install -g @anthropic-ai/claude-code) or set SWITCHBOARD_CLAUDE_PATH, restart the bot, then send your message again.`
    case 'START_TIMEOUT':
      return `Claude Code did not start in time. ${truncateEnd(message, 600)}\nCheck that "claude" runs on the bot's machine, then send your message again.`
    case 'SPAWN_FAILED':
      return `Claude Code could not be started: ${truncateEnd(message, 600)}\nSend your message again; if it keeps failing, check the bot's logs.`
    default:
      return `Something went wrong while running your message: ${truncateEnd(message, 600)}\nYour session is intact; send your message again.`
  }
}

function apiErrorMessage(details: string): string {
  const status = /\b(4\d\d|5\d\d)\b/.exec(details)?.[1]
  const hint =
    status === '401' || status === '403'
      ? 'Check the API key or log in to Claude Code again on the bot machine ("claude /login").'
      : status === '429'
        ? 'The API is rate limiting requests: wait a minute, then send your message again.'
        : status === '529' || status?.startsWith('5')
          ? 'The API is overloaded or failing: wait a little, then send your message again.'
          : 'Your session is intact; send your message again (rephrase it if the request was refused).'
  // The CLI's own text usually ends with a full stop already.
  const said = details ? `: ${details}${/[.!?]$/.test(details) ? '' : '.'}` : '.'
  return `Claude's API returned an error${said}\n${hint}`
}

/** The CLI's own words about the error: the result text, else its `errors` list. */
/** The CLI's words for an error, without its internal diagnostics ("[ede_diagnostic] …"). */
function cliMessage(result: TurnResult): string {
  const text = (result.text ?? '').trim() || result.errors.join('; ').trim()
  return truncateEnd(text.replace(/\s*\(?\[ede_diagnostic\][^)\n]*\)?/g, '').trim(), 800)
}

function exitOf(error: unknown): string {
  const e = error as { exitCode?: number; signal?: string }
  if (e.signal) return `killed by ${e.signal}`
  return e.exitCode === undefined ? 'exit code unknown' : `exit code ${e.exitCode}`
}

function stderrTailOf(error: unknown): string {
  const tail = (error as { stderrTail?: unknown }).stderrTail
  if (!Array.isArray(tail)) return ''
  const text = tail
    .filter((line) => typeof line === 'string' && line.trim() !== '')
    .slice(-3)
    .join(' ⏎ ')
  return truncateEnd(text, 400)
}
