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
  // Calls a remembered rule covers (checked as they start) and calls the CLI asked about: a rule the
  // CLI holds makes it run the call unasked, which the log and the audit log still record.
  const ruled = new Map<string, Promise<RuledCall | undefined>>()
  const asked = new Set<string>()
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
          if (event.parentToolUseId === null) ruled.set(event.id, ruleCovered(deps, job, event))
          break
        case 'tool_result':
          progress.toolFinished(event.toolUseId, event)
          break
        case 'permission_request':
          if (event.request.toolUseId) asked.add(event.request.toolUseId)
          progress.setStatus(
            event.request.toolName === 'AskUserQuestion'
              ? 'waiting for your answer'
              : 'waiting for your approval',
          )
          break
        case 'permission_decision':
          progress.setStatus(undefined)
          if (event.decision.behavior === 'deny') progress.denied(event.request.toolUseId)
          if (event.request.toolUseId) asked.add(event.request.toolUseId)
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
  await markUnasked(deps, job, progress, ruled, asked) // the log must know before it is shown
  void stall.clear() // never holds the final answer back
  return { result, failure, streamed, textBlocks }
}

interface RuledCall {
  name: string
  input: Record<string, unknown>
}

/** The call, when one of the session's remembered rules covers it. */
async function ruleCovered(
  deps: TurnRunnerDeps,
  job: TurnJob,
  call: RuledCall,
): Promise<RuledCall | undefined> {
  const covered = await allowedByRule(deps.allowRules, job.ref, call.name, call.input, deps.logger)
  return covered ? { name: call.name, input: call.input } : undefined
}

/** Calls the CLI ran unasked because of a remembered rule: marked in the log, and audited. */
async function markUnasked(
  deps: TurnRunnerDeps,
  job: TurnJob,
  progress: LiveProgress,
  ruled: Map<string, Promise<RuledCall | undefined>>,
  asked: Set<string>,
): Promise<void> {
  for (const [id, check] of ruled) {
    const call = await check
    if (!call || asked.has(id)) continue
    progress.allowedByRule(id, call.input)
    auditUnasked(deps, job, call.name, call.input, 'session_rule')
  }
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
