/**
 * /get holds a file's content in memory from the read until Telegram took it (so a retry sends the
 * same bytes). A few uploads at a time keep that bounded (each ≤ 50 MB); later ones wait their turn.
 */
export class UploadSlots {
  private active = 0
  private readonly waiting: (() => void)[] = []

  constructor(private readonly size = 2) {}

  /** Runs `task` once a slot is free; the slot is held until it settles. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve))
    else this.active += 1
    try {
      return await task()
    } finally {
      const next = this.waiting.shift()
      if (next) next()
      else this.active -= 1
    }
  }
}
