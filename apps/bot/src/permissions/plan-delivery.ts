/**
 * Sends the plan Claude asks to start on, as a long answer goes: Markdown rendered to Telegram HTML,
 * split into parts, and past a few parts its first part plus the whole plan as a `.md` file. Quiet
 * (no notification): the choices under it notify. Rejects when any part can't be sent, so nobody is
 * asked to approve a plan they could not read.
 */

import { basename } from 'node:path'
import { BOT_UPLOAD_LIMIT_BYTES } from '../files/get-file.js'
import { answerFromString } from '../render/answer-text.js'
import { planAnswer, sendAnswerDocument, sendPlannedMessage } from '../render/deliver-answer.js'
import type { ChatPlace } from '../telegram/chat-place.js'
import type { Outbox } from '../telegram/outbox.js'

export interface PlanDeliveryOptions {
  /** "[name]" for a session in the background. */
  label: string | undefined
  /** The plan file: its name is the attachment's. */
  planFilePath: string | undefined
  /** Visible length per part (tests use smaller values); default Telegram's. */
  partLimit?: number
}

/** Sends `plan`; resolves with the id of its first message (the choices reply to it). */
export async function sendPlan(
  outbox: Outbox,
  place: ChatPlace,
  plan: string,
  options: PlanDeliveryOptions,
): Promise<{ firstMessageId: number; attached: boolean }> {
  const source = answerFromString(plan)
  const label = `${options.label ? `${options.label} ` : ''}📋 Claude’s plan`
  const { parts, attach } = planAnswer(source, {
    label,
    ...(options.partLimit === undefined ? {} : { partLimit: options.partLimit }),
  })
  const extra = {
    ...(place.threadId === undefined ? {} : { message_thread_id: place.threadId }),
    disable_notification: true,
  }
  const ids: number[] = []
  for (const text of parts) {
    const sent = await sendPlannedMessage(outbox, place.chatId, { text, html: true }, extra)
    ids.push(sent.messageId)
  }
  if (attach) {
    const { bytes, whole } = await source.bytes(BOT_UPLOAD_LIMIT_BYTES)
    const size = plan.length.toLocaleString('en-US')
    const caption = whole
      ? `The whole plan (${size} characters) is in this file.`
      : `The plan is ${size} characters; the file holds its first 50 MB.`
    const fileName = options.planFilePath ? basename(options.planFilePath) : 'plan.md'
    await sendAnswerDocument(outbox, place.chatId, { bytes, fileName, caption }, extra)
  }
  return { firstMessageId: ids[0] ?? 0, attached: attach }
}
