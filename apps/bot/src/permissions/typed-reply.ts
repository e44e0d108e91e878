import type { ChatPlace } from '../telegram/chat-place.js'

/** Something open in a chat that a plain typed message answers (a question, a plan). */
export interface TypedReplyTaker {
  /** True when `text` answered something open in `place` for `userId` (it is then no new prompt). */
  takeTypedAnswer(place: ChatPlace, userId: number, text: string): boolean
}

/** One taker asking each of `takers` in turn; the first that takes the text wins. */
export function typedReplies(...takers: TypedReplyTaker[]): TypedReplyTaker {
  return {
    takeTypedAnswer: (place, userId, text) =>
      takers.some((taker) => taker.takeTypedAnswer(place, userId, text)),
  }
}
