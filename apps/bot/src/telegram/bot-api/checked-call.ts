/**
 * The one path of this layer to Telegram: validate the caller's arguments, build the payload, send
 * it through the Outbox (rate limits, retries, order), and parse the reply.
 */

import type { z } from 'zod'
import type { CallOptions, Outbox } from '../outbox.js'
import { BotApiReplyError, BotApiRequestError, issuesOf } from './errors.js'

/** What this layer needs of the Outbox (tests may pass a fake). */
export type BotApiOutbox = Pick<Outbox, 'call'>

/** Parses `input` with `request` or throws BotApiRequestError naming the bad fields. */
export function validated<S extends z.ZodType>(
  method: string,
  request: S,
  input: unknown,
): z.output<S> {
  const parsed = request.safeParse(input)
  if (!parsed.success) throw new BotApiRequestError(method, issuesOf(parsed.error))
  return parsed.data
}

/** Sends `payload` and parses Telegram's result with `reply`, or throws BotApiReplyError. */
export async function callChecked<R extends z.ZodType>(
  outbox: BotApiOutbox,
  method: string,
  payload: Record<string, unknown>,
  reply: R,
  options?: CallOptions,
): Promise<z.output<R>> {
  const raw = await outbox.call<unknown>(method, payload, options)
  const parsed = reply.safeParse(raw)
  if (!parsed.success) throw new BotApiReplyError(method, issuesOf(parsed.error), raw)
  return parsed.data
}
