import type { MessageEntity } from '../types.js'

/** Plain text plus entities, offsets in UTF-16 code units: what a Telegram client shows. */
export interface ParsedText {
  text: string
  entities: MessageEntity[]
}
