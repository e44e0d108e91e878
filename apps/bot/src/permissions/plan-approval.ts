/**
 * Claude asks to leave plan mode (the ExitPlanMode tool): the plan goes out as a rendered answer
 * (the CLI puts the plan file's text into the request's input as `plan`), then a message with three
 * choices — approve and let Claude edit without asking (the CLI switches to acceptEdits), approve
 * with prompts as usual (default), keep planning. A plain message typed while it is open rejects
 * the plan with that text, which the model reads as the tool's result and plans on with. Nothing
 * answered before the driver gives up → denied (Claude stays in plan mode).
 */

import { randomBytes } from 'node:crypto'
import type { PermissionDecision, PermissionRequest, SessionRef } from '@switchboard/process'
import { sendHtml } from '../conversation/telegram-calls.js'
import {
  PLAN_BUTTON,
  PLAN_CHOICES,
  PLAN_TOAST,
  type PlanAnswer,
  planAnswerLine,
  planPromptHtml,
} from '../render/plan-message.js'
import { PlanInput, readInput } from '../render/tool-input.js'
import type { ChatPlace } from '../telegram/chat-place.js'
import type { AuditDecider } from './audit-log.js'
import { type ActionHandler, answerPress, EXPIRED_TEXT } from './button-press.js'
import { openButtonPrompt } from './button-prompt.js'
import { sendPlan } from './plan-delivery.js'
import { auditPrompt } from './prompt-audit.js'
import { type PromptDeps, type PromptTarget, resolvePromptTarget } from './prompt-target.js'

export const EXIT_PLAN_MODE_TOOL = 'ExitPlanMode'

export const KEEP_PLANNING_MESSAGE =
  'The user chose to keep planning: the plan is not approved yet. Stay in plan mode and ask the user what to change.'
export const PLAN_UNANSWERED_MESSAGE = 'The user did not answer, so the plan was not approved.'
export const PLAN_UNSHOWN_MESSAGE =
  'The plan could not be shown to the user, so it was not approved. Try again later.'

const UNSHOWN_NOTICE =
  '📋 Claude’s plan is ready, but it could not be sent here, so it was not approved. Ask Claude to show the plan again.'

export type PlanApproverOptions = PromptDeps

/** The feedback the model reads when the user typed instead of pressing a button. */
export function feedbackMessage(text: string): string {
  return `The user did not approve the plan yet and wants changes: ${text}`
}

/** The answer the CLI gets for each way of settling the plan. */
export function planDecision(answer: PlanAnswer): PermissionDecision {
  if (answer.kind === 'typed') return { behavior: 'deny', message: feedbackMessage(answer.text) }
  switch (answer.choice) {
    case 'auto':
      return { behavior: 'allow', mode: 'acceptEdits' }
    case 'ask':
      // Said outright: left alone, the CLI may return to the mode it had before plan mode.
      return { behavior: 'allow', mode: 'default' }
    case 'keep':
      return { behavior: 'deny', message: KEEP_PLANNING_MESSAGE }
  }
}

interface OpenPlan {
  target: PromptTarget
  finish: (answer: PlanAnswer, userId: number) => void
}

export class PlanApprover {
  private readonly open = new Map<string, OpenPlan>()

  constructor(private readonly options: PlanApproverOptions) {}

  /** The pool's permission handler for ExitPlanMode. */
  readonly ask = async (
    ref: SessionRef,
    request: PermissionRequest,
    signal: AbortSignal,
  ): Promise<PermissionDecision> => {
    const o = this.options
    const target = await resolvePromptTarget(o.sessions, o.chatFor, ref)
    const input = readInput(PlanInput, request.input) ?? {}
    const plan = input.plan?.trim() ? input.plan : undefined
    let replyTo: number | undefined
    if (plan !== undefined && !signal.aborted) {
      try {
        const sent = await sendPlan(o.outbox, target, plan, {
          label: target.label,
          planFilePath: input.planFilePath,
        })
        replyTo = sent.firstMessageId
      } catch (error) {
        o.logger.warn({ err: error, sessionId: target.sessionId }, 'could not send a plan')
        void sendHtml(o.outbox, target.chatId, UNSHOWN_NOTICE, { threadId: target.threadId }).catch(
          (failure: unknown) => o.logger.warn({ err: failure }, 'could not send a notice'),
        )
        void this.audit(ref, target, request, null, 'deny', 'error')
        return { behavior: 'deny', message: PLAN_UNSHOWN_MESSAGE }
      }
    }
    const view = planPromptHtml(target.label, plan !== undefined, input.planFilePath)
    return this.present(ref, target, request, view, replyTo, signal)
  }

  /** Callback handler for the plan's buttons (the router already checked owner and expiry). */
  readonly handlePress: ActionHandler<'plan'> = async (ctx, action) => {
    const open = this.open.get(action.planKey)
    const userId = ctx.from?.id
    if (!open || userId !== open.target.ownerUserId) {
      await answerPress(ctx, EXPIRED_TEXT, this.options.logger)
      return
    }
    open.finish({ kind: 'choice', choice: action.choice }, userId)
    await answerPress(ctx, PLAN_TOAST[action.choice], this.options.logger)
  }

  /**
   * A plain message from `userId` in `place` while a plan waits there (same chat and topic) is
   * feedback: the plan is rejected with it. True when the text was taken (it is no new prompt).
   * A background session's plan (labelled with its name) is answered with its buttons only, so a
   * message meant for the active session never becomes another session's feedback.
   */
  takeTypedAnswer(place: ChatPlace, userId: number, text: string): boolean {
    for (const open of this.open.values()) {
      const { chatId, threadId, ownerUserId, label } = open.target
      const here = chatId === place.chatId && threadId === place.threadId
      if (here && ownerUserId === userId && label === undefined) {
        open.finish({ kind: 'typed', text }, userId)
        return true
      }
    }
    return false
  }

  /** Plans waiting for an answer (tests). */
  get waiting(): number {
    return this.open.size
  }

  private async present(
    ref: SessionRef,
    target: PromptTarget,
    request: PermissionRequest,
    view: { asking: string; body: string },
    replyTo: number | undefined,
    signal: AbortSignal,
  ): Promise<PermissionDecision> {
    const planKey = randomBytes(9).toString('base64url')
    const { outcome, settle } = openButtonPrompt<PlanAnswer>(this.options, target, {
      actions: PLAN_CHOICES.map((choice) => ({ type: 'plan', planKey, choice })),
      layout: (data) =>
        PLAN_CHOICES.map((choice, i) => [
          { text: PLAN_BUTTON[choice], callback_data: data[i] ?? '' },
        ]),
      html: view.asking,
      body: view.body,
      replyTo,
      signal,
      register: (finish) => {
        this.open.set(planKey, { target, finish })
        return () => this.open.delete(planKey)
      },
    })
    const settled = await outcome
    if (settled.kind === 'aborted') {
      void this.audit(ref, target, request, null, 'deny', settled.abort)
      return { behavior: 'deny', message: PLAN_UNANSWERED_MESSAGE }
    }
    settle(planAnswerLine(settled.answer))
    void this.audit(ref, target, request, settled.userId, auditAnswer(settled.answer), 'user')
    return planDecision(settled.answer)
  }

  private audit(
    ref: SessionRef,
    target: PromptTarget,
    request: PermissionRequest,
    userId: number | null,
    answer: unknown,
    decidedBy: AuditDecider,
  ): Promise<void> {
    return auditPrompt(this.options.audit, ref, target, request, { userId, answer, decidedBy })
  }
}

/** The audit log's answer: what was chosen, or the feedback typed. */
function auditAnswer(answer: PlanAnswer): unknown {
  if (answer.kind === 'typed') return { feedback: answer.text }
  return { auto: 'allow acceptEdits', ask: 'allow', keep: 'deny' }[answer.choice]
}
