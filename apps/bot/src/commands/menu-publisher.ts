import type { BotDeps } from '../deps.js'
import { ownerOf } from '../deps.js'
import { sessionCliCommands } from './cli-commands.js'
import { buildMenu, type MenuCommand } from './menu.js'

/**
 * Each chat's command menu (setMyCommands with BotCommandScopeChat): the bot's commands plus the active
 * session's Claude Code commands. Refreshed after each of the user's updates (a switch, a new session…)
 * and when a session's process announces its commands (remembered across restarts: cli-command-memory.ts);
 * a menu equal to the last one sent is not sent
 * again. Private chats only, so the chat is the user.
 */
export class MenuPublisher {
  private readonly sent = new Map<number, string>()
  private readonly running = new Map<number, Promise<void>>()

  constructor(
    private readonly deps: Pick<BotDeps, 'outbox' | 'logger' | 'sessions' | 'pool'>,
    private readonly botCommands: readonly MenuCommand[],
  ) {}

  /** Recomputes the chat's menu and sends it if it changed. Never throws; one refresh per chat at a time. */
  refresh(chatId: number): Promise<void> {
    const previous = this.running.get(chatId) ?? Promise.resolve()
    const next = previous.then(() => this.publish(chatId))
    this.running.set(chatId, next)
    void next.finally(() => {
      if (this.running.get(chatId) === next) this.running.delete(chatId)
    })
    return next
  }

  private async publish(chatId: number): Promise<void> {
    try {
      const active = await this.deps.sessions.active(ownerOf(chatId))
      const names = this.botCommands.map((c) => c.command)
      const cli = (active && (await sessionCliCommands(this.deps, active, names))) ?? []
      const commands = buildMenu(this.botCommands, cli)
      const key = JSON.stringify(commands)
      if (this.sent.get(chatId) === key) return
      await this.deps.outbox.call('setMyCommands', {
        commands,
        scope: { type: 'chat', chat_id: chatId },
      })
      this.sent.set(chatId, key)
    } catch (error) {
      this.deps.logger.warn({ err: error, chatId }, 'could not set the chat’s command menu')
    }
  }
}
