/**
 * One prompt message with buttons that waits for a single answer (a permission prompt, a plan's
 * choices). The first answer wins and expires the buttons; when the driver gives up first (timeout,
 * or the turn ended) the buttons expire and the message says the request was denied. Callers keep
 * their own map of open prompts (`register`) so presses and typed replies can find them.
 */

import type { CallbackAction } from '../callbacks/callback-actions.js'
import { editHtml, type InlineButton, sendHtml } from '../conversation/telegram-calls.js'
import type { PromptDeps, PromptTarget } from './prompt-target.js'
import { type AbortKind, abortKind, describeAbort, formatDuration } from './request-abort.js'

export interface ButtonPromptSpec<T> {
  /** One action per button, in order; `layout` places their callback data in rows. */
  actions: CallbackAction[]
  layout: (data: readonly string[]) => InlineButton[][]
  /** The message while it waits. */
  html: string
  /** What stays of it once settled, above the closing line (default `html`). */
  body?: string
  replyTo: number | undefined
  signal: AbortSignal
  /** Makes `finish` reachable (presses, typed replies); returns what forgets it again. */
  register: (finish: (answer: T, userId: number) => void) => () => void
}

export type ButtonPromptOutcome<T> =
  | { kind: 'answered'; answer: T; userId: number }
  | { kind: 'aborted'; abort: AbortKind }

export interface OpenButtonPrompt<T> {
  /** The first answer, or the driver's abort. Rejects when the message could not be sent. */
  outcome: Promise<ButtonPromptOutcome<T>>
  /** Edits the message to its body and `line` (once it was sent; a failure is logged). */
  settle: (line: string) => void
}

export function openButtonPrompt<T>(
  o: PromptDeps,
  target: PromptTarget,
  spec: ButtonPromptSpec<T>,
): OpenButtonPrompt<T> {
  const { signal } = spec
  const { group, data } = o.callbacks.create(target.ownerUserId, spec.actions, o.timeoutMs + 60_000)
  let sent: Promise<number> | undefined
  const body = spec.body ?? spec.html
  const settle = (line: string) => {
    void sent
      ?.then((id) => editHtml(o.outbox, target.chatId, id, `${body}\n\n${line}`))
      .catch((error: unknown) => o.logger.warn({ err: error }, 'could not update a prompt'))
  }
  let forget = () => {}
  // Registered before the message goes out: a press can arrive before sendMessage returns.
  const settled = new Promise<ButtonPromptOutcome<T>>((resolve) => {
    const onAbort = () => {
      forget()
      o.callbacks.expire(group)
      const abort = abortKind(signal)
      settle(describeAbort(abort, formatDuration(o.timeoutMs)))
      resolve({ kind: 'aborted', abort })
    }
    forget = spec.register((answer, userId) => {
      forget()
      signal.removeEventListener('abort', onAbort)
      o.callbacks.expire(group)
      resolve({ kind: 'answered', answer, userId })
    })
    if (signal.aborted) onAbort()
    else signal.addEventListener('abort', onAbort, { once: true })
  })
  if (signal.aborted) return { outcome: settled, settle }
  sent = sendHtml(o.outbox, target.chatId, spec.html, {
    buttons: spec.layout(data),
    threadId: target.threadId,
    ...(spec.replyTo === undefined ? {} : { replyTo: spec.replyTo }),
  })
  const outcome = sent.then(
    () => settled,
    (error: unknown) => {
      // Nobody can answer a prompt that was never shown: the driver turns this into a deny.
      forget()
      o.callbacks.expire(group)
      throw error
    },
  )
  return { outcome, settle }
}
