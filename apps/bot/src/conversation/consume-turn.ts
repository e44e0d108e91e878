/**
 * Reads a turn's events into the live progress: the main conversation's text (deltas, or whole
 * blocks when no deltas came), tools with their outcomes (and whether a remembered rule allowed
 * them), approval status and API retries; and the result.
 * The streamed text goes to an AnswerSpool (on disk past a threshold, so a huge answer doesn't sit
 * in the bot's memory twice). A failure of the process ends up in `failure`, never thrown.
 */

import type { PermissionDecider, TurnResult } from '@switchboard/process'
import type { AuditDecider } from '../permissions/audit-log.js'
import { AnswerSpool } from './answer-spool.js'
import type { LiveProgress } from './live-progress.js'
import { allowedByRule } from './rule-allowed.js'
import { StallNotice } from './stall-notice.js'
import type { TurnJob, TurnRunnerDeps } from './turn-runner.js'

export interface Consumed {
  result: TurnResult | undefined
  failure: unknown
  /** The main conversation's text as streamed (fallback when the result carries none). */
  streamed: AnswerSpool
  /** How many text blocks `streamed` holds (joined by blank lines). */
  textBlocks: number
}

export async function consume(
  deps: TurnRunnerDeps,
  job: TurnJob,
  progress: LiveProgress,
): Promise<Consumed> {
  let result: TurnResult | undefined
  let failure: unknown
  const streamed = new AnswerSpool(
    deps.sessions.sessionDirectory(job.ref.owner, job.ref.id),
    deps.logger,
  )
  let textBlocks = 0
  let deltasInBlock = false
  let newBlock = false
  // A whole block that came without deltas stays out of the live view until the turn goes on:
  // the CLI reports an API error as such a block and the result repeats it, so the error is
  // shown once, in the final message.
  let held = ''
  const addText = (text: string, hold = false) => {
    if (newBlock || textBlocks === 0) textBlocks += 1
    const chunk = newBlock && streamed.length > 0 ? `\n\n${text}` : text
    newBlock = false
    streamed.append(chunk)
    if (hold) held += chunk
    else progress.appendText(chunk)
  }
  const release = () => {
    if (held) progress.appendText(held)
    held = ''
  }
  const ruled: Promise<void>[] = []
  const { outbox, callbacks, logger } = deps
  const stall = new StallNotice({
    outbox,
    callbacks,
    logger,
    userId: job.userId,
    chatId: job.chatId,
    threadId: job.threadId,
    sessionId: job.ref.id,
    sessionName: job.sessionName,
    turnId: job.turn.id,
  })
  try {
    for await (const event of job.turn) {
      if (event.type !== 'result') release()
      switch (event.type) {
        case 'text_delta':
          if (event.parentToolUseId !== null) break
          addText(event.text)
          deltasInBlock = true
          break
        case 'text':
          if (event.parentToolUseId !== null) break
          if (!deltasInBlock) addText(event.text, true)
          deltasInBlock = false
          newBlock = true
          break
        case 'tool_use':
          progress.toolStarted(event.id, event.name, event.input, event.parentToolUseId !== null)
          ruled.push(markIfRuled(deps, job, progress, event.id, event.name, event.input))
          break
        case 'tool_result':
          progress.toolFinished(event.toolUseId, event)
          break
        case 'permission_request':
          progress.setStatus(
            event.request.toolName === 'AskUserQuestion'
              ? 'waiting for your answer'
              : 'waiting for your approval',
          )
          break
        case 'permission_decision':
          progress.setStatus(undefined)
          if (event.decision.behavior === 'deny') progress.denied(event.request.toolUseId)
          if (event.decidedBy === 'session_rule')
            progress.allowedByRule(event.request.toolUseId, event.request.input)
          auditUnasked(deps, job, event.request.toolName, event.request.input, event.decidedBy)
          break
        case 'api_retry':
          progress.setStatus(
            `API error${event.errorStatus ? ` ${event.errorStatus}` : ''}, retrying${event.attempt ? ` (attempt ${event.attempt})` : ''}`,
          )
          break
        case 'stalled':
          stall.show(event.silentForMs)
          break
        case 'active':
          void stall.clear()
          break
        case 'result':
          result = event
          break
      }
    }
  } catch (error) {
    failure = error
  }
  await Promise.all(ruled) // in memory: the log must know before it is shown
  void stall.clear() // never holds the final answer back
  return { result, failure, streamed, textBlocks }
}

/** A call the CLI ran unasked because of a remembered rule still shows as such in the log. */
async function markIfRuled(
  deps: TurnRunnerDeps,
  job: TurnJob,
  progress: LiveProgress,
  id: string,
  name: string,
  input: Record<string, unknown>,
): Promise<void> {
  if (await allowedByRule(deps.allowRules, job.ref, name, input, deps.logger))
    progress.allowedByRule(id, input)
}

/** Decisions nobody was asked about (a session rule, no handler) still go to the audit log. */
function auditUnasked(
  deps: TurnRunnerDeps,
  job: TurnJob,
  tool: string,
  input: unknown,
  decidedBy: PermissionDecider,
): void {
  const map: Partial<Record<PermissionDecider, AuditDecider>> = {
    session_rule: 'rule',
    no_handler: 'error',
    handler_error: 'error',
  }
  const decider = map[decidedBy]
  if (!decider) return // the prompter logs the user's, the timeout's and the cancel's decisions
  void deps.audit.append(job.ref.owner, {
    userId: null,
    sessionId: job.ref.id,
    sessionName: job.sessionName,
    tool,
    input,
    answer: decidedBy === 'session_rule' ? 'allow' : 'deny',
    decidedBy: decider,
  })
}
