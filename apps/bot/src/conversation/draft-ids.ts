/**
 * Draft ids for sendMessageDraft: non-zero, and unique per chat and turn, so a new turn's draft
 * never animates out of the last one and a Stop press names exactly one turn. A counter per
 * process, from a random start so a restarted bot does not reuse the ids of drafts still on screen
 * from its previous run. Kept within positive int32: Telegram's clients store it in 32 bits.
 */

export const DRAFT_ID_MAX = 2 ** 31 - 1

export class DraftIds {
  private next: number

  /** `random` in [0, 1), e.g. Math.random. */
  constructor(random: () => number = Math.random) {
    this.next = 1 + Math.floor(random() * (DRAFT_ID_MAX - 1))
  }

  /** A fresh id in 1…DRAFT_ID_MAX (wraps around after 2³¹ − 1 drafts). */
  take(): number {
    const id = this.next
    this.next = id >= DRAFT_ID_MAX ? 1 : id + 1
    return id
  }
}

/** The bot's allocator: one per process. */
export const draftIds = new DraftIds()
