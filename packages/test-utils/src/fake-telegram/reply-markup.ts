import { z } from 'zod'
import { badRequest } from './errors.js'
import type { InlineKeyboardButton, ReplyMarkup } from './types.js'

const MAX_CALLBACK_DATA_BYTES = 64
const MAX_BUTTONS = 100
// Exactly one of these makes an inline button do something; a text-only button is refused.
const ACTIONS = [
  'url',
  'callback_data',
  'web_app',
  'login_url',
  'switch_inline_query',
  'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat',
  'copy_text',
  'callback_game',
  'pay',
] as const

const ButtonSchema = z.looseObject({ text: z.string() })
const InlineSchema = z.looseObject({ inline_keyboard: z.array(z.array(z.unknown())) })
const KeyboardSchema = z.looseObject({ keyboard: z.array(z.array(z.unknown())) })
const RemoveSchema = z.looseObject({ remove_keyboard: z.literal(true) })
const ForceReplySchema = z.looseObject({ force_reply: z.literal(true) })

/** Validates any reply_markup like Telegram; `inlineOnly` for edits, which take inline keyboards only. */
export function validateReplyMarkup(markup: unknown, inlineOnly = false): ReplyMarkup {
  const inline = InlineSchema.safeParse(markup)
  if (inline.success) {
    const rows = inline.data.inline_keyboard
    if (rows.flat().length > MAX_BUTTONS) throw badRequest('reply markup is too long')
    return { ...inline.data, inline_keyboard: rows.map((row) => row.map(validateInlineButton)) }
  }
  const other = inlineOnly
    ? undefined
    : [KeyboardSchema, RemoveSchema, ForceReplySchema].find((s) => s.safeParse(markup).success)
  if (other === undefined) throw badRequest("can't parse reply keyboard markup JSON object")
  return markup as Record<string, unknown>
}

function validateInlineButton(raw: unknown): InlineKeyboardButton {
  const parsed = ButtonSchema.safeParse(raw)
  if (!parsed.success) {
    throw badRequest('can\'t parse inline keyboard button: Field "text" must be of type String')
  }
  const button = parsed.data as InlineKeyboardButton
  const actions = ACTIONS.filter((key) => button[key] !== undefined)
  if (actions.length === 0) {
    throw badRequest(
      "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
    )
  }
  if (button.text.trim() === '') throw badRequest('BUTTON_TEXT_INVALID') // fake-only wording
  if (button.callback_data !== undefined) {
    const data = button.callback_data
    const bytes = typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : 0
    if (bytes < 1 || bytes > MAX_CALLBACK_DATA_BYTES) throw badRequest('BUTTON_DATA_INVALID')
  }
  if (button.url !== undefined && !isValidButtonUrl(button.url)) {
    throw badRequest(
      `inline keyboard button URL '${String(button.url)}' is invalid: Wrong HTTP URL`,
    )
  }
  return button
}

function isValidButtonUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false
  try {
    const parsed = new URL(url)
    return ['http:', 'https:', 'tg:', 'ton:'].includes(parsed.protocol)
  } catch {
    return false
  }
}
