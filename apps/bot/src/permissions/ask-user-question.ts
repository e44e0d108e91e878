/**
 * Claude's questions to the user (the AskUserQuestion tool): each question is shown in turn with its
 * options as buttons (multi-select: toggles plus "Done"); a plain message typed while a question is
 * open answers it instead. The answers go back as the tool's `updatedInput` (see
 * ask-user-question-input.ts). Nothing answered before the driver gives up → denied.
 */

import { randomBytes } from 'node:crypto'
import type { PermissionDecision, PermissionRequest, SessionRef } from '@switchboard/process'
import type { CallbackAction } from '../callbacks/callback-actions.js'
import { editButtons, editHtml, sendHtml } from '../conversation/telegram-calls.js'
import type { ChatPlace } from '../telegram/chat-place.js'
import {
  type AskedQuestion,
  answerText,
  parseQuestions,
  type QuestionAnswer,
  withAnswers,
} from './ask-user-question-input.js'
import { type ActionHandler, answerPress, EXPIRED_TEXT } from './button-press.js'
import { type PromptDeps, type PromptTarget, resolvePromptTarget } from './prompt-target.js'
import { questionButtons, questionHtml } from './question-view.js'
import { abortKind, describeAbort, formatDuration } from './request-abort.js'

export const UNANSWERED_MESSAGE = 'The user did not answer the question.'

export type QuestionAskerOptions = PromptDeps

/** One question on screen, waiting for a press or a typed answer. */
interface OpenQuestion {
  key: string
  target: PromptTarget
  question: AskedQuestion
  /** "1/2" when several questions are asked. */
  position: string | undefined
  selected: Set<number>
  group: string | undefined
  /** The question's message id, once sent. */
  sent: Promise<number>
  finish: (answer: QuestionAnswer) => void
}

export class QuestionAsker {
  private readonly open = new Map<string, OpenQuestion>()

  constructor(private readonly options: QuestionAskerOptions) {}

  /** Asks every question; undefined when the input is not a valid AskUserQuestion input. */
  async ask(
    ref: SessionRef,
    request: PermissionRequest,
    signal: AbortSignal,
  ): Promise<PermissionDecision | undefined> {
    const questions = parseQuestions(request.input)
    if (!questions) return undefined
    const o = this.options
    const target = await resolvePromptTarget(o.sessions, o.chatFor, ref)
    const answers: QuestionAnswer[] = []
    const audit = (
      userId: number | null,
      answer: unknown,
      decidedBy: 'user' | 'timeout' | 'cancel',
    ) =>
      o.audit.append(ref.owner, {
        userId,
        sessionId: target.sessionId,
        sessionName: target.sessionName,
        tool: request.toolName,
        input: request.input,
        answer,
        decidedBy,
      })
    for (const [index, question] of questions.entries()) {
      const position = questions.length > 1 ? `${index + 1}/${questions.length}` : undefined
      const answer = await this.askOne(target, question, position, signal)
      if (!answer) {
        void audit(null, 'deny', abortKind(signal))
        return { behavior: 'deny', message: UNANSWERED_MESSAGE }
      }
      answers.push(answer)
    }
    const updatedInput = withAnswers(request.input, questions, answers)
    void audit(target.ownerUserId, updatedInput.answers, 'user')
    return { behavior: 'allow', updatedInput }
  }

  /** Callback handler for 'answer' buttons: an option (single), a toggle or Done (multi). */
  readonly handlePress: ActionHandler<'answer'> = async (ctx, action) => {
    const logger = this.options.logger
    const open = this.open.get(action.questionKey)
    if (!open || ctx.from?.id !== open.target.ownerUserId) {
      await answerPress(ctx, EXPIRED_TEXT, logger)
      return
    }
    const { question, selected } = open
    if (!question.multiSelect) {
      open.finish({ kind: 'options', indexes: [action.optionIndex] })
      await answerPress(
        ctx,
        answerText(question, { kind: 'options', indexes: [action.optionIndex] }),
        logger,
      )
      return
    }
    if (action.optionIndex === -1 && selected.size > 0) {
      open.finish({ kind: 'options', indexes: [...selected].sort((a, b) => a - b) })
      await answerPress(ctx, 'Sent', logger)
      return
    }
    if (action.optionIndex >= 0) {
      if (selected.has(action.optionIndex)) selected.delete(action.optionIndex)
      else selected.add(action.optionIndex)
    }
    // The press consumed the button group: every redraw needs fresh buttons.
    const hint = action.optionIndex === -1 ? 'Pick at least one option first.' : 'OK'
    await answerPress(ctx, hint, logger)
    const buttons = this.buttons(open)
    await open.sent
      .then((id) => editButtons(this.options.outbox, open.target.chatId, id, buttons))
      .catch((error: unknown) => logger.warn({ err: error }, 'could not redraw question buttons'))
  }

  /**
   * A plain message from `userId` in `place` answers the question open there (same chat and
   * topic), if any. Returns true when the text was taken as an answer (so it must not become a
   * new prompt). A background session's question (labelled with its name) takes button presses
   * only: a message meant for the active session never answers another session's question.
   */
  takeTypedAnswer(place: ChatPlace, userId: number, text: string): boolean {
    for (const open of this.open.values()) {
      const { chatId, threadId, label } = open.target
      const here = chatId === place.chatId && threadId === place.threadId
      if (here && open.target.ownerUserId === userId && label === undefined) {
        open.finish({ kind: 'typed', text })
        return true
      }
    }
    return false
  }

  private async askOne(
    target: PromptTarget,
    question: AskedQuestion,
    position: string | undefined,
    signal: AbortSignal,
  ): Promise<QuestionAnswer | undefined> {
    if (signal.aborted) return undefined
    const o = this.options
    const open: OpenQuestion = {
      key: randomBytes(9).toString('base64url'),
      target,
      question,
      position,
      selected: new Set(),
      group: undefined,
      sent: Promise.resolve(0),
      finish: () => {},
    }
    const html = questionHtml(target.label, question, position)
    // Registered before the message goes out: a press can arrive before sendMessage returns.
    const sent = sendHtml(o.outbox, target.chatId, html.asking, {
      buttons: this.buttons(open),
      threadId: target.threadId,
    })
    open.sent = sent
    const close = (line: string) => {
      this.open.delete(open.key)
      if (open.group) o.callbacks.expire(open.group)
      void sent
        .then((id) => editHtml(o.outbox, target.chatId, id, `${html.body}\n\n${line}`))
        .catch((error: unknown) => o.logger.warn({ err: error }, 'could not update a question'))
    }
    const answer = new Promise<QuestionAnswer | undefined>((resolve) => {
      const onAbort = () => {
        close(describeAbort(abortKind(signal), formatDuration(o.timeoutMs)))
        resolve(undefined)
      }
      open.finish = (answer) => {
        signal.removeEventListener('abort', onAbort)
        close(html.answered(answerText(question, answer)))
        resolve(answer)
      }
      this.open.set(open.key, open)
      if (signal.aborted) onAbort()
      else signal.addEventListener('abort', onAbort, { once: true })
    })
    try {
      await sent
    } catch (error) {
      this.open.delete(open.key)
      if (open.group) o.callbacks.expire(open.group)
      throw error
    }
    return answer
  }

  /** Registers a fresh button group for the question (expiring the previous one) and lays it out. */
  private buttons(open: OpenQuestion) {
    if (open.group) this.options.callbacks.expire(open.group)
    const { question } = open
    const actions: CallbackAction[] = question.options.map((_, optionIndex) => ({
      type: 'answer',
      questionKey: open.key,
      optionIndex,
    }))
    if (question.multiSelect)
      actions.push({ type: 'answer', questionKey: open.key, optionIndex: -1 })
    const { group, data } = this.options.callbacks.create(
      open.target.ownerUserId,
      actions,
      this.options.timeoutMs + 60_000,
    )
    open.group = group
    return questionButtons(question, open.selected, data)
  }
}
