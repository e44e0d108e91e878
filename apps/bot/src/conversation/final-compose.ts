/**
 * Turns a finished turn into the final outcome to deliver: ONE clear error message, or the answer
 * as planned by render/deliver-answer (parts, and the whole Markdown as a `.md` when long),
 * labelled and with a "Switch to" button when its session is in the background. A stopped turn
 * (Telegram's Stop button, /stop) delivers what streamed so far as its answer, with one line
 * saying it was stopped.
 */

import type { TurnResult } from '@switchboard/process'
import { errorReporter } from '../errors/error-ref.js'
import { lostConversationIn } from '../errors/lost-conversation.js'
import { BOT_UPLOAD_LIMIT_BYTES } from '../files/get-file.js'
import { type AnswerText, answerFromString } from '../render/answer-text.js'
import { documentCaption, planAnswer } from '../render/deliver-answer.js'
import { escapeHtml } from '../render/html-escape.js'
import { TELEGRAM_MESSAGE_LIMIT } from '../render/split-message.js'
import type { Consumed } from './consume-turn.js'
import type { FinalInput } from './final-delivery.js'
import type { FinalItem } from './final-record.js'
import {
  describeResultError,
  describeStop,
  describeTurnFailure,
  isStoppedTurn,
} from './turn-errors.js'
import type { TurnJob, TurnRunnerDeps } from './turn-runner.js'

export const ANSWER_FILE_NAME = 'answer.md'

export type ComposedFinal = Pick<FinalInput, 'kind' | 'items' | 'document'> & {
  /** How the live progress ends: 'failed' / 'stopped' keep it with that status; undefined removes it. */
  progressStatus: 'failed' | 'stopped' | undefined
  /** The conversation is lost: the message offers "Start a fresh conversation in this session". */
  offerFresh?: boolean
  /** For the log: the answer's length, and whether it was read back from the spool on disk. */
  answer?: { chars: number; spooled: boolean }
}

export interface ComposeOptions {
  /** The answer so far was only in a draft (gone once a message arrives): the error carries it. */
  partialWithError?: boolean
}

export async function composeFinal(
  deps: Pick<TurnRunnerDeps, 'sessions' | 'claudePath' | 'logger'>,
  job: TurnJob,
  consumed: Consumed,
  label: string | undefined,
  options: ComposeOptions = {},
): Promise<ComposedFinal> {
  const { result, failure } = consumed
  if (isStoppedTurn(result, failure, job.turn.stopRequested))
    return composeWithPartial(consumed, label, 'stopped', describeStop(failure))
  const report = errorReporter(deps.logger, { sessionId: job.ref.id, turnId: job.turn.id })
  const problem = result
    ? describeResultError(result, await limitsOf(deps, job, result), report)
    : describeTurnFailure(failure, deps.claudePath, report)
  if (problem !== undefined && options.partialWithError && consumed.streamed.head.trim() !== '')
    return composeWithPartial(consumed, label, 'error', problem)
  if (problem !== undefined) {
    const text = label ? `${label} ${problem}` : problem
    return {
      kind: 'error',
      items: [{ type: 'message', text, html: false }],
      progressStatus: 'failed',
      offerFresh: lostConversationIn(result, failure),
    }
  }
  const answer = answerOf(consumed)
  const source = typeof answer === 'string' ? answerFromString(answer) : answer
  const spooled = answer === consumed.streamed && consumed.streamed.spooled
  return composeAnswer(source, spooled, label)
}

/**
 * The partial answer (what streamed before the stop or failure, as the draft showed it) rendered
 * like an answer, its last message ending with `line`; with no text yet, just that line.
 */
async function composeWithPartial(
  consumed: Consumed,
  label: string | undefined,
  kind: 'stopped' | 'error',
  line: string,
): Promise<ComposedFinal> {
  const progressStatus = kind === 'stopped' ? 'stopped' : 'failed'
  const partial = consumed.streamed
  if (partial.head.trim() === '') {
    const text = label ? `${label} ${line}` : line
    return { kind, items: [{ type: 'message', text, html: false }], progressStatus }
  }
  const tail = `\n\n${escapeHtml(line)}`
  const composed = await composeAnswer(partial, partial.spooled, label, tail)
  return { ...composed, kind, progressStatus }
}

/** The answer's messages (`tail` HTML appended to the last one) and, when long, its `.md`. */
async function composeAnswer(
  source: AnswerText,
  spooled: boolean,
  label: string | undefined,
  tail = '',
): Promise<ComposedFinal> {
  // Room for the tail in the last part: splitting counts visible characters.
  const partLimit = TELEGRAM_MESSAGE_LIMIT - tail.length
  const plan = planAnswer(source, { label, partLimit })
  const items: FinalItem[] = plan.parts.map((text, index) => ({
    type: 'message',
    text: index === plan.parts.length - 1 ? text + tail : text,
    html: true,
  }))
  const about = { chars: source.length, spooled }
  if (!plan.attach) return { kind: 'answer', items, progressStatus: undefined, answer: about }
  // Telegram takes at most 50 MB from a bot; an answer longer than that is cut (and says so).
  const { bytes, whole } = await source.bytes(BOT_UPLOAD_LIMIT_BYTES)
  const caption = documentCaption(source.length, whole)
  items.push({ type: 'document', fileName: ANSWER_FILE_NAME, caption })
  return { kind: 'answer', items, document: bytes, progressStatus: undefined, answer: about }
}

/**
 * The CLI's final text when it has one, else what streamed. When the turn streamed exactly one text
 * block and the result's text has its length, the two are the same text: the spool is used, so a
 * long answer's `.md` is read from disk.
 */
function answerOf({ result, streamed, textBlocks }: Consumed): string | AnswerText {
  if (result?.text === undefined) return streamed
  const same = textBlocks === 1 && streamed.spooled && streamed.length === result.text.length
  return same ? streamed : result.text
}

async function limitsOf(deps: Pick<TurnRunnerDeps, 'sessions'>, job: TurnJob, result: TurnResult) {
  if (result.subtype !== 'error_max_turns' && result.subtype !== 'error_max_budget_usd') return {}
  try {
    const persona = await deps.sessions.readPersonaById(job.ref.owner, job.ref.id)
    return { maxTurns: persona.settings.maxTurns, maxBudgetUsd: persona.settings.maxBudgetUsd }
  } catch {
    return {}
  }
}
