/**
 * Keeps a chat's messages in the order they were sent. Telegraf handles the updates of one
 * getUpdates batch concurrently, so two quick messages could otherwise reach the pool swapped.
 * Tasks run one after another per chat; a handler awaits its own task (taking the message into the
 * inbox, quick), never the turn it starts.
 */
export class ChatOrder {
  private readonly tails = new Map<number, Promise<void>>()

  /** Queues `task` behind the chat's earlier tasks; a failing task does not stop later ones. */
  run(chatId: number, task: () => Promise<void>): Promise<void> {
    const next = (this.tails.get(chatId) ?? Promise.resolve()).then(task).catch(() => {})
    this.tails.set(chatId, next)
    void next.then(() => {
      if (this.tails.get(chatId) === next) this.tails.delete(chatId)
    })
    return next
  }

  /** Resolves when every task queued so far has run. */
  async idle(): Promise<void> {
    await Promise.all([...this.tails.values()])
  }
}
