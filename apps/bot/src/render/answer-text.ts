/**
 * A finished answer as delivery needs it: its length, its start (enough for the first message),
 * and its whole text as bytes for the `.md` attachment. A short answer is a string in memory; a
 * long streamed one lives in an AnswerSpool on disk, and only its head stays in memory.
 */

/** How much of the start of an answer is kept in memory to render the first message from. */
export const ANSWER_HEAD_CHARS = 16 * 1024

export interface AnswerText {
  /** Length in UTF-16 units. */
  readonly length: number
  /** The first ANSWER_HEAD_CHARS units (all of it when shorter). */
  readonly head: string
  /** The whole text when it is in memory; undefined when it was spooled to disk. */
  readonly text: string | undefined
  /**
   * The answer as UTF-8, at most `limit` bytes (a spooled answer is read back only that far, so memory
   * stays bounded); `whole` says whether that is all of it.
   */
  bytes(limit: number): Promise<{ bytes: Buffer; whole: boolean }>
}

/** An answer held as a string. */
export function answerFromString(text: string): AnswerText {
  return {
    length: text.length,
    head: text.slice(0, ANSWER_HEAD_CHARS),
    text,
    bytes: async (limit) => {
      const bytes = Buffer.from(text, 'utf8')
      return { bytes: bytes.subarray(0, limit), whole: bytes.length <= limit }
    },
  }
}
