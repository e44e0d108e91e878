import type { Update } from './fakes.js'

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
