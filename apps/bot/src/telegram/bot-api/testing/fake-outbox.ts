/** Test support: an Outbox stand-in that records calls and answers with a scripted result. */

import type { CallOptions } from '../../outbox.js'
import type { BotApiOutbox } from '../checked-call.js'

export interface OutboxCall {
  method: string
  payload: Record<string, unknown>
  options: CallOptions | undefined
}

/** `answer` returns the call's result or throws its error. */
export function fakeOutbox(answer: (call: OutboxCall) => unknown = () => true) {
  const calls: OutboxCall[] = []
  const outbox: BotApiOutbox = {
    call: async <T>(method: string, payload: Record<string, unknown>, options?: CallOptions) => {
      const call = { method, payload, options }
      calls.push(call)
      return answer(call) as T
    },
  }
  return { outbox, calls }
}
