import { SESSION_NAME_RULE, storageErrorOf } from '@switchboard/core'
import { excerpt, quoteHtml } from '../render/truncate.js'
import { describeBypassRefusal, describeProtectedDirectory } from './refusals.js'
import { describeStorageError } from './storage-text.js'

const GENERIC = 'Something went wrong. Please try again; if it persists, check the bot’s logs.'

interface CodedError {
  code: string
  message: string
  [key: string]: unknown
}

function isCoded(error: unknown): error is CodedError {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string'
}

/** Every value a reply quotes (names, paths, reasons) is a bounded, escaped excerpt. */
const text = (value: unknown) => quoteHtml(String(value ?? ''))
/** A list of values (persona names, project roots): at most `max` of them, bounded as a whole. */
const list = (value: unknown, max = 10) => {
  if (!Array.isArray(value)) return ''
  const more = value.length > max ? ` and ${value.length - max} more` : ''
  return quoteHtml(value.slice(0, max).map(String).join(', '), 1_000) + more
}

/**
 * A short HTML reply for an error a command or a turn ran into: what happened and what to do.
 * Core and process errors are mapped by their stable `code`; anything else gets the generic line
 * (the details go to the log, never to the chat).
 */
export function describeError(error: unknown): string {
  // Disk full, permission denied, read-only: from core, or a raw errno error from anywhere.
  const storage = storageErrorOf(error)
  if (storage) return describeStorageError(storage)
  if (!isCoded(error)) return GENERIC
  const e = error
  switch (e.code) {
    case 'SESSION_NOT_FOUND':
      return `No session named <b>${text(e.sessionName)}</b>. /sessions lists yours.`
    case 'SESSION_EXISTS':
      return `A session named <b>${text(e.sessionName)}</b> already exists. Pick another name, or /switch ${text(e.sessionName)}.`
    case 'SESSION_LIMIT':
      return `You have ${text(e.limit)} sessions, the limit; /delete some or raise SWITCHBOARD_MAX_SESSIONS.`
    case 'INVALID_NAME':
      return `That name doesn’t work: ${text(SESSION_NAME_RULE)}.`
    case 'INVALID_TRANSITION':
      return `Session <b>${text(e.sessionName)}</b> can’t go from ${text(e.from)} to ${text(e.to)}.`
    case 'PERSONA_NOT_FOUND': {
      return `No persona named <b>${text(e.personaName)}</b>. Available: ${list(e.available, 30) || 'none'}. /personas describes them.`
    }
    case 'PERSONA_INVALID':
      return `That persona’s file is broken, so it can’t be used: ${quoteHtml(e.message, 600)}`
    case 'DIRECTORY_NOT_ALLOWED': {
      return `<code>${text(e.path)}</code> is outside the directories sessions may use (${list(e.roots)}). Ask the bot’s owner to add it to SWITCHBOARD_PROJECT_ROOTS.`
    }
    case 'DIRECTORY_PROTECTED':
      return describeProtectedDirectory(e)
    case 'PERSONA_BYPASS_REFUSED':
      return describeBypassRefusal(e.path)
    case 'INVALID_DIRECTORY':
      return `Can’t use <code>${text(e.path)}</code>: ${text(e.reason)}. Give an absolute path to an existing directory.`
    case 'SESSION_CORRUPT':
      return `That session’s files are damaged and could not be rebuilt (${text(e.reason)}). /delete it to archive it, or fix <code>${text(e.path)}</code> on the server.`
    case 'PROJECT_DIR_MISSING':
      return describeProjectDirMissing(e.path)
    case 'LOCK_TIMEOUT':
      return 'The session is busy (another operation holds its lock). Try again in a moment.'
    case 'CLI_NOT_FOUND':
      return `Claude Code was not found at <code>${text(e.path)}</code>: install it (<code>npm i -g @anthropic-ai/claude-code</code>) or set SWITCHBOARD_CLAUDE_PATH.`
    case 'CLI_NOT_EXECUTABLE':
      return `Claude Code at <code>${text(e.path)}</code> can’t be run (not executable). Fix its permissions or set SWITCHBOARD_CLAUDE_PATH.`
    case 'START_TIMEOUT':
      return 'Claude Code did not start in time. Try again; if it persists, run <code>claude</code> on the server to check it works and is logged in.'
    case 'PROCESS_EXITED':
    case 'PROCESS_STOPPED':
      return 'Claude Code stopped unexpectedly. Send your message again; the session resumes where it left off.'
    case 'CONTROL_TIMEOUT':
    case 'CONTROL_FAILED':
      // Its words are the CLI's: they go to the log (error-boundary.ts names the reference).
      return 'Claude Code didn’t accept that change. Try again in a moment; the details are in the bot’s log.'
    case 'GET_FILE':
      // Built from an excerpt of the path (get-file.ts); bounded again in case that changes.
      return quoteHtml(e.message, 600)
    default:
      return GENERIC
  }
}

/** A bound project directory is gone: say which, and the two ways out. */
export function describeProjectDirMissing(
  path: unknown,
  format: 'html' | 'plain' = 'html',
): string {
  const dir = format === 'html' ? `<code>${text(path)}</code>` : excerpt(String(path ?? ''), 300)
  return `This session’s project directory ${dir} is missing, so Claude Code can’t run in it. Restore the directory (or remount its disk) and send your message again, or /delete the session.`
}

/** True for errors caused by what the user asked (logged at info), not by the bot (logged at error). */
export function isUserError(error: unknown): boolean {
  return (
    isCoded(error) &&
    [
      'SESSION_NOT_FOUND',
      'SESSION_EXISTS',
      'SESSION_LIMIT',
      'INVALID_NAME',
      'INVALID_TRANSITION',
      'PERSONA_NOT_FOUND',
      'DIRECTORY_NOT_ALLOWED',
      'DIRECTORY_PROTECTED',
      'PERSONA_BYPASS_REFUSED',
      'INVALID_DIRECTORY',
      'PROJECT_DIR_MISSING',
      'GET_FILE',
    ].includes(error.code)
  )
}
