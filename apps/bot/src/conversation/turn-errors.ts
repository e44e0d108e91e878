/**
 * One clear message, in plain words, for every way a turn can end badly — with what to do next.
 * Results the CLI reports (limits, interrupts, API errors) and failures of the process itself
 * (crash, missing CLI) are mapped by their subtype / status / error code; the CLI's own words and
 * exception texts go to the log under a reference the message names (errors/error-ref.ts).
 */

import { storageErrorOf } from '@switchboard/core'
import type { TurnResult } from '@switchboard/process'
import { describeProjectDirMissing } from '../errors/describe-error.js'
import { type ErrorReporter, plainWords, refSuffix, unloggedReporter } from '../errors/error-ref.js'
import {
  isLostConversation,
  isLostConversationExit,
  LOST_CONVERSATION_TEXT,
} from '../errors/lost-conversation.js'
import { describeBypassRefusal } from '../errors/refusals.js'
import { describeStorageError } from '../errors/storage-text.js'
import { formatDuration } from '../permissions/request-abort.js'
import { AUTH_FAILED_CODE } from './auth-retry-stop.js'

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
  report: ErrorReporter = unloggedReporter,
): string | undefined {
  if (!result.isError) return undefined
  const raw = cliText(result)
  // Older CLIs give the status only in the text of an API error (reported as `success`).
  const status = result.apiErrorStatus ?? (result.subtype === 'success' ? statusIn(raw) : undefined)
  if (isLostConversation(result)) return LOST_CONVERSATION_TEXT
  // An authentication error, also one the bot cut short (auth-retry-stop.ts): never "send it again".
  if (status === 401 || status === 403) return describeAuthError(status, raw, report)
  if (result.subtype === 'success' && NOT_LOGGED_IN.test(raw)) return describeNoLogin(raw, report)
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
      return apiErrorMessage(status, raw, report)
    default: {
      const ref = report(
        { subtype: result.subtype, cli: raw },
        'Claude Code ended a turn with an error',
      )
      const words = plainWords(raw)
      return `Claude Code ended the turn with an error${words ? `: ${sentence(words)}` : '.'}${refSuffix(ref)}\nYour session is intact; send your message again to retry.`
    }
  }
}

/** The message for a turn whose process failed (a thrown ProcessError or anything else). */
export function describeTurnFailure(
  error: unknown,
  claudePath: string,
  report: ErrorReporter = unloggedReporter,
): string {
  const code = (error as { code?: unknown } | null)?.code
  // The pool could not start the CLI because the session's persona.json asks for a refused bypass.
  const cause = (error as { cause?: { code?: unknown; path?: unknown } } | null)?.cause
  if (cause?.code === 'PERSONA_BYPASS_REFUSED') return describeBypassRefusal(cause.path, 'plain')
  // A bound project dir that vanished, a full disk, a permission problem: no "send it again" loop.
  if (cause?.code === 'PROJECT_DIR_MISSING') return describeProjectDirMissing(cause.path, 'plain')
  const storage = storageErrorOf(error)
  if (storage) return describeStorageError(storage, 'plain')
  if (isLostConversationExit(error)) return LOST_CONVERSATION_TEXT
  // What the CLI or the exception said goes to the log; the chat gets the reference.
  const logged = (what: string) => refSuffix(report({ err: error, code }, what))
  switch (code) {
    case AUTH_FAILED_CODE: {
      const { status } = error as { status?: number }
      return describeAuthError(status === 403 ? 403 : 401, '', report)
    }
    case 'PROCESS_EXITED': {
      const ref = logged('Claude Code exited mid-turn')
      return `Claude Code stopped unexpectedly (${exitOf(error)})${ref}.\nYour session is intact; send your message again to resume.`
    }
    case 'TURN_STOPPED': {
      const { reason, silentForMs } = error as { reason?: unknown; silentForMs?: number }
      if (reason !== 'stalled') return STOPPED_LINE
      const silence = silentForMs ? ` for ${formatDuration(silentForMs)}` : ''
      return `Stopped: Claude Code gave no output${silence}, so the bot ended it. Your session is intact; send your message again to resume.`
    }
    case 'CLI_COMMAND_UNKNOWN': {
      const { command } = error as { command?: string }
      return `Claude Code no longer has the command /${command ?? '?'} in this session (was its command file removed or renamed?), so nothing was sent to Claude. /help lists the commands it has now.`
    }
    case 'PROCESS_STOPPED':
      return 'Claude Code was stopped before this answer was finished (the bot is restarting or the session was suspended). Send your message again to resume.'
    case 'CLI_NOT_FOUND':
    case 'CLI_NOT_EXECUTABLE':
      return `Claude Code can't be started: ${code === 'CLI_NOT_FOUND' ? 'it was not found' : 'it is not executable'} at "${claudePath}". Install it (npm install -g @anthropic-ai/claude-code) or set SWITCHBOARD_CLAUDE_PATH, restart the bot, then send your message again.`
    case 'START_TIMEOUT':
      return `Claude Code did not start in time${logged('Claude Code did not start in time')}.\nCheck that "claude" runs on the bot's machine, then send your message again.`
    case 'SPAWN_FAILED':
      return `Claude Code could not be started${logged('Claude Code could not be started')}.\nSend your message again; if it keeps failing, check the bot's log for that reference.`
    default:
      return `Something went wrong while running your message${logged('a turn failed')}.\nYour session is intact; send your message again.`
  }
}

/**
 * A 401/403 from Claude's API: the key or the login is wrong, and retrying cannot help. Says where
 * to look; the CLI's own words (e.g. "Invalid API key · Fix external API key") go to the log.
 */
export function describeAuthError(status: 401 | 403, raw: string, report: ErrorReporter): string {
  const ref = report({ status, cli: raw }, 'Claude API refused the credentials')
  const what = status === 401 ? 'refused its credentials (401)' : 'denied access (403)'
  return `Claude's API ${what}, so Claude Code can't answer${refSuffix(ref)}.\nOn the bot's machine, check ANTHROPIC_API_KEY in the bot's environment, or log in to Claude Code (run "claude", then /login), and restart the bot. Then send your message again.`
}

/**
 * Claude Code 2.1.330 with neither a key nor a login answers every message with a synthetic
 * "Not logged in · Please run /login" (an `authentication_failed` result, no HTTP status).
 */
const NOT_LOGGED_IN = /\bNot logged in\b|Please run \/login/i

function describeNoLogin(raw: string, report: ErrorReporter): string {
  const ref = report({ cli: raw }, 'Claude Code has no API key and is not logged in')
  return `Claude Code on the bot's machine has no API key and is not logged in, so it can't answer${refSuffix(ref)}.\nThere, set ANTHROPIC_API_KEY in the bot's environment, or log in to Claude Code as the bot's user (run "claude", then /login), and restart the bot. Then send your message again.`
}

function apiErrorMessage(status: number | undefined, raw: string, report: ErrorReporter): string {
  const ref = report({ status, cli: raw }, 'Claude API error')
  const hint =
    status === 429
      ? 'The API is rate limiting requests: wait a minute, then send your message again.'
      : status === 529 || (status !== undefined && status >= 500)
        ? 'The API is overloaded or failing: wait a little, then send your message again.'
        : 'Your session is intact; send your message again (rephrase it if the request was refused).'
  const words = plainWords(raw)
  const said = words ? `: ${sentence(words)}` : status ? ` (${status}).` : '.'
  return `Claude's API returned an error${said}${refSuffix(ref)}\n${hint}`
}

/** The CLI's text about the error: the result text, else its `errors` list. */
function cliText(result: TurnResult): string {
  return ((result.text ?? '').trim() || result.errors.join('; ').trim()).slice(0, 4_000)
}

function statusIn(text: string): number | undefined {
  const found = /\b(4\d\d|5\d\d)\b/.exec(text)?.[1]
  return found === undefined ? undefined : Number(found)
}

/** The words as a sentence: the CLI's text usually ends with a full stop already. */
function sentence(words: string): string {
  return /[.!?]$/.test(words) ? words : `${words}.`
}

function exitOf(error: unknown): string {
  const e = error as { exitCode?: number; signal?: string }
  if (e.signal) return `killed by ${e.signal}`
  return e.exitCode === undefined ? 'exit code unknown' : `exit code ${e.exitCode}`
}
