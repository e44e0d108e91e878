/**
 * Hands a session's messages to the pool, each marked running in the inbox before Claude Code can
 * get it: durably before pool.send when nothing of the session is ahead in the pool (a spawn or a
 * free CLI takes it next), else when the turn ahead reports its result (the pool then writes this
 * prompt to the CLI; the mark's write races the CLI's request to the model, which takes longer).
 * So a restart does not run by itself a message the model may have seen (that could repeat what it
 * did): such a turn is cut off, with Run again. The price: a message marked but not yet at the CLI
 * (a spawn, a slot wait) is cut off too, instead of running late.
 */

import type { Turn } from '@switchboard/process'
import type { Inbox } from './inbox.js'
import type { InboxEntry } from './inbox-entry.js'

export class PoolHandover {
  /** Per session: the last turn handed to the pool, until it ended there. */
  private readonly inPool = new Map<string, Turn>()

  constructor(
    private readonly inbox: Pick<Inbox, 'started'>,
    /** While shutting down the pool fails waiting turns instead of starting them. */
    private readonly isClosing: () => boolean,
  ) {}

  /** Marks `entry` and hands it over with `send` (pool.send); returns the turn. */
  async send(sessionId: string, entry: InboxEntry, send: () => Turn): Promise<Turn> {
    const ahead = this.inPool.get(sessionId)
    if (!ahead) await this.inbox.started(entry)
    const turn = send()
    this.inPool.set(sessionId, turn)
    void turn.done
      .catch(() => {})
      .finally(() => {
        if (this.inPool.get(sessionId) === turn) this.inPool.delete(sessionId)
      })
    if (ahead) void this.markAfter(ahead, turn, entry)
    return turn
  }

  // The turn ahead's result event comes before the pool writes the next prompt to the CLI; its
  // `done` settles after the pool decided about the next one: failed (shutdown, no CLI) or not.
  private async markAfter(ahead: Turn, turn: Turn, entry: InboxEntry): Promise<void> {
    try {
      for await (const event of ahead) {
        if (event.type === 'result' && !this.isClosing()) void this.inbox.started(entry)
      }
    } catch {
      // The turn ahead failed: the pool moves on to this one (or fails it too).
    }
    await ahead.done.catch(() => {})
    if (turn.state !== 'failed') await this.inbox.started(entry)
  }
}
