/**
 * Asks the session's owner whether a tool may run: one message saying exactly what is wanted, with
 * Allow / Deny, and "Always allow in this session" when the request names a narrow rule (shown on
 * the prompt). When the message can't show the whole input exactly, the input goes first as a
 * document; if that can't be sent, the request is denied (Allow is never offered on input the user
 * could not see). The first press decides (the turn continues at once); the message is then edited
 * to show the decision. When the driver gives up (timeout, or the turn ended) the buttons expire and
 * the message says the request was denied.
 */

import { randomBytes } from 'node:crypto'
import type { PermissionDecision, PermissionRequest, SessionRef } from '@switchboard/process'
import { sendHtml } from '../conversation/telegram-calls.js'
import { escapeHtml } from '../render/html-escape.js'
import { type RenderedPrompt, renderPermissionPrompt } from '../render/permission-prompt.js'
import type { AuditDecider } from './audit-log.js'
import { type ActionHandler, answerPress, EXPIRED_TEXT } from './button-press.js'
import { openButtonPrompt } from './button-prompt.js'
import { sendPromptFile } from './prompt-attachment.js'
import { auditPrompt } from './prompt-audit.js'
import { type PromptDeps, type PromptTarget, resolvePromptTarget } from './prompt-target.js'

export type PermissionChoice = 'allow' | 'always' | 'deny'

export const DENIED_MESSAGE = 'The user denied this.'
export const UNSHOWN_MESSAGE =
  'The permission prompt could not show the full input to the user, so this was denied.'

const CHOICE_TEXT: Record<PermissionChoice, { button: string; toast: string; line: string }> = {
  allow: { button: '✅ Allow', toast: 'Allowed', line: '✅ <b>Allowed</b>' },
  always: {
    button: '✅ Always allow in this session',
    toast: 'Allowed for the rest of this session',
    line: '✅ <b>Always allowed in this session</b>',
  },
  deny: { button: '🚫 Deny', toast: 'Denied', line: '🚫 <b>Denied</b>' },
}

const UNSHOWN_LINE =
  '🚫 <b>Denied</b>: the full input could not be sent as a file, so it could not be approved.'

export type PermissionPrompterOptions = PromptDeps

interface Pending {
  ownerUserId: number
  decide: (choice: PermissionChoice, userId: number) => void
}

export class PermissionPrompter {
  private readonly pending = new Map<string, Pending>()

  constructor(private readonly options: PermissionPrompterOptions) {}

  /** The pool's permission handler for every tool but AskUserQuestion. */
  readonly ask = async (
    ref: SessionRef,
    request: PermissionRequest,
    signal: AbortSignal,
  ): Promise<PermissionDecision> => {
    const o = this.options
    const target = await resolvePromptTarget(o.sessions, o.chatFor, ref)
    const prompt = renderPermissionPrompt(request, { cwd: target.cwd })
    const html = labelled(target, prompt.html)
    let replyTo: number | undefined
    if (prompt.file && !signal.aborted) {
      try {
        replyTo = await sendPromptFile(
          o.outbox,
          target,
          target.label,
          request.toolName,
          prompt.file,
        )
      } catch (error) {
        o.logger.warn({ err: error }, 'could not send the full input of a permission request')
        const unshown = `${html}\n\n${UNSHOWN_LINE}`
        void sendHtml(o.outbox, target.chatId, unshown, { threadId: target.threadId }).catch(
          (failure: unknown) => o.logger.warn({ err: failure }, 'could not send a notice'),
        )
        void this.audit(ref, target, request, null, 'deny', 'error')
        return { behavior: 'deny', message: UNSHOWN_MESSAGE }
      }
    }
    return this.present(ref, target, request, { ...prompt, html }, replyTo, signal)
  }

  /** Shows the prompt with its buttons and waits for the first press (or the driver's abort). */
  private async present(
    ref: SessionRef,
    target: PromptTarget,
    request: PermissionRequest,
    prompt: RenderedPrompt,
    replyTo: number | undefined,
    signal: AbortSignal,
  ): Promise<PermissionDecision> {
    const requestKey = randomBytes(9).toString('base64url')
    const choices: PermissionChoice[] =
      request.alwaysRule === undefined ? ['allow', 'deny'] : ['allow', 'deny', 'always']
    const { outcome, settle } = openButtonPrompt<PermissionChoice>(this.options, target, {
      actions: choices.map((choice) => ({ type: 'permission', requestKey, choice })),
      layout: (data) => {
        const button = (i: number) => ({
          text: CHOICE_TEXT[choices[i] ?? 'deny'].button,
          callback_data: data[i] ?? '',
        })
        return choices.length === 3
          ? [[button(0), button(1)], [button(2)]]
          : [[button(0), button(1)]]
      },
      html: prompt.html,
      replyTo,
      signal,
      register: (decide) => {
        this.pending.set(requestKey, { ownerUserId: target.ownerUserId, decide })
        return () => this.pending.delete(requestKey)
      },
    })
    const settled = await outcome
    if (settled.kind === 'aborted') {
      void this.audit(ref, target, request, null, 'deny', settled.abort)
      return { behavior: 'deny', message: DENIED_MESSAGE }
    }
    const { answer: choice, userId } = settled
    const line = choice === 'always' ? prompt.alwaysLine : undefined
    settle(line ?? CHOICE_TEXT[choice].line)
    void this.audit(ref, target, request, userId, choice, 'user')
    return toDecision(choice)
  }

  /** Callback handler for 'permission' buttons (the router already checked owner and expiry). */
  readonly handlePress: ActionHandler<'permission'> = async (ctx, action) => {
    const pending = this.pending.get(action.requestKey)
    const userId = ctx.from?.id
    if (!pending || userId !== pending.ownerUserId) {
      await answerPress(ctx, EXPIRED_TEXT, this.options.logger)
      return
    }
    pending.decide(action.choice, userId)
    await answerPress(ctx, CHOICE_TEXT[action.choice].toast, this.options.logger)
  }

  /** Number of prompts waiting for an answer (for tests and status). */
  get open(): number {
    return this.pending.size
  }

  private audit(
    ref: SessionRef,
    target: PromptTarget,
    request: PermissionRequest,
    userId: number | null,
    answer: PermissionChoice,
    decidedBy: AuditDecider,
  ): Promise<void> {
    const rule = answer === 'always' ? request.alwaysRule : undefined
    return auditPrompt(this.options.audit, ref, target, request, {
      userId,
      answer,
      decidedBy,
      ...(rule === undefined ? {} : { rule }),
    })
  }
}

function labelled(target: PromptTarget, html: string): string {
  return target.label ? `<b>${escapeHtml(target.label)}</b> ${html}` : html
}

function toDecision(choice: PermissionChoice): PermissionDecision {
  if (choice === 'deny') return { behavior: 'deny', message: DENIED_MESSAGE }
  return choice === 'always' ? { behavior: 'allow', always: true } : { behavior: 'allow' }
}
