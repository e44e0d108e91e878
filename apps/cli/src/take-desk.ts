import { DeskHandshake, type HeldDeskLease } from '@switchboard/core'
import type { CommandContext } from './context.js'

/** How the lease names this app (the bot shows "open at the desk"). */
export const DESK_APP = 'switchboard-cli'

/** Ctrl-C, a closed terminal, or `kill` while waiting: give up (the desk lease is released). */
const GIVE_UP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const

/**
 * Takes the session's desk lease (so the bot queues phone messages meanwhile), then waits while the
 * bot is running a turn of it, saying so on stderr once. Resolves with the lease, or null when the
 * user gave up waiting (the lease released again).
 */
export async function takeDesk(
  ctx: Pick<CommandContext, 'sessions' | 'io'>,
  session: { owner: string; id: string; name: string },
): Promise<HeldDeskLease | null> {
  const abort = new AbortController()
  const giveUp = () => abort.abort()
  for (const signal of GIVE_UP_SIGNALS) process.on(signal, giveUp)
  try {
    return await new DeskHandshake({ dataDir: ctx.sessions.dataDir }).takeDesk(
      session.owner,
      session.id,
      {
        app: DESK_APP,
        signal: abort.signal,
        onWait: () =>
          ctx.io.err(
            `${session.name} is answering on the phone; waiting for that turn to end… (Ctrl-C to give up)\n`,
          ),
      },
    )
  } catch (error) {
    if (!abort.signal.aborted) throw error
    ctx.io.err(`Gave up waiting; ${session.name} was not opened.\n`)
    return null
  } finally {
    for (const signal of GIVE_UP_SIGNALS) process.off(signal, giveUp)
  }
}
