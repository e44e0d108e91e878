import { z } from 'zod'
import { badRequest, TelegramApiError } from '../errors.js'
import { bool, int, json, parseParams, str } from '../request/param-schemas.js'
import type { MethodHandler } from './method.js'

const GetUpdatesSchema = z.looseObject({
  offset: int.optional(),
  limit: int.optional(),
  timeout: int.optional(),
  allowed_updates: json(z.array(z.string())).optional(),
})

export const getUpdates: MethodHandler = async ({ state, params, signal }) => {
  const p = parseParams(GetUpdatesSchema, params)
  if (state.webhookUrl !== '') {
    throw new TelegramApiError(
      409,
      "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    )
  }
  return await state.updates.poll(
    { offset: p.offset, limit: p.limit, timeout: p.timeout, allowedUpdates: p.allowed_updates },
    signal,
  )
}

const MAX_ANSWER_TEXT = 200
const QUERY_INVALID = 'query is too old and response timeout expired or query ID is invalid'

export const answerCallbackQuery: MethodHandler = ({ state, params }) => {
  const p = parseParams(
    z.looseObject({
      callback_query_id: str,
      text: str.optional(),
      show_alert: bool.optional(),
      url: str.optional(),
      cache_time: int.optional(),
    }),
    params,
  )
  const query = state.callbackQueries.get(p.callback_query_id)
  // Unknown, already answered, or too old: Telegram says the same thing for all three.
  if (
    query === undefined ||
    query.answered ||
    state.now() - query.createdAt > state.callbackQueryTtlMs
  ) {
    throw badRequest(QUERY_INVALID)
  }
  if ((p.text ?? '').length > MAX_ANSWER_TEXT) throw badRequest('MESSAGE_TOO_LONG')
  query.answered = true
  return true
}
