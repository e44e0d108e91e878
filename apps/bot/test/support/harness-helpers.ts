import type { FakeUser, Update } from './fakes.js'

/** The inline buttons of a reply markup, flattened (none for other markups). */
export function inlineButtons(markup: unknown): { text: string; callback_data?: string }[] {
  const rows = (markup as { inline_keyboard?: unknown } | undefined)?.inline_keyboard
  if (!Array.isArray(rows)) return []
  return rows.flat() as { text: string; callback_data?: string }[]
}

/** The id of the message an update carries (text, document, photo), or of a pressed button's message. */
export function messageIdOf(update: Update): number {
  const u = update as {
    message?: { message_id: number }
    callback_query?: { message?: { message_id: number } }
  }
  return u.message?.message_id ?? u.callback_query?.message?.message_id ?? 0
}

export function tail(text: string, lines = 60): string {
  return text.split('\n').slice(-lines).join('\n')
}

/** How h.send() sends: as whom, and in which topic (absent: outside any topic). */
export interface SendOptions {
  from?: FakeUser
  threadId?: number
}

/** h.send()'s second argument: a user (as before) or options. */
export function sendOptionsOf(value: FakeUser | SendOptions | undefined): SendOptions {
  if (value === undefined) return {}
  return 'id' in value ? { from: value } : value
}

/** The message_thread_id of an update's message (e.g. a topic's forum_topic_created). */
export function threadIdOf(update: Update): number {
  const thread = (update as { message?: { message_thread_id?: number } }).message?.message_thread_id
  if (thread === undefined) throw new Error('the update has no message in a topic')
  return thread
}
