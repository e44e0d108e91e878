import type { Context, Telegraf } from 'telegraf'
import { type BotDeps, ownerOf } from '../deps.js'
import { escapeHtml } from '../render/html-escape.js'
import { placeOf, placeParams, threadOf } from '../telegram/chat-place.js'
import { clearCommand } from './clear.js'
import { rememberCliCommands } from './cli-command-memory.js'
import type { Command, CommandContext } from './command.js'
import { compactCommand } from './compact.js'
import { contextCommand } from './context.js'
import { costCommand } from './cost.js'
import { deleteCommand } from './delete.js'
import { getCommand } from './get.js'
import { helpCommand, startCommand } from './help.js'
import { logCommand } from './log.js'
import { MenuPublisher } from './menu-publisher.js'
import { modeCommand } from './mode.js'
import { modelCommand } from './model.js'
import { newCommand } from './new-session.js'
import { personaCommand } from './persona.js'
import { personasCommand } from './personas.js'
import { renameCommand } from './rename.js'
import { sendHtmlLater } from './reply.js'
import { resumeCommand } from './resume.js'
import { sessionsCommand } from './sessions.js'
import { statusCommand } from './status.js'
import { stopCommand } from './stop.js'
import { suspendCommand } from './suspend.js'
import { switchCommand } from './switch.js'
import { unknownCommand } from './unknown-command.js'

export type { Command, CommandContext } from './command.js'

/** Every command, in the order /help and Telegram's menu show them. */
export const COMMANDS: readonly Command[] = [
  startCommand,
  helpCommand,
  newCommand,
  sessionsCommand,
  switchCommand,
  renameCommand,
  deleteCommand,
  suspendCommand,
  stopCommand,
  statusCommand,
  personasCommand,
  personaCommand,
  modelCommand,
  modeCommand,
  costCommand,
  getCommand,
  logCommand,
  compactCommand,
  clearCommand,
  contextCommand,
  resumeCommand,
]

/** Registers every command with Telegraf (and a reply for unknown ones); other messages fall through. */
export function registerCommands(bot: Telegraf<Context>, deps: BotDeps): void {
  const menu = new MenuPublisher(deps, menuOfBot())
  bot.use(async (ctx, next) => {
    await next()
    if (ctx.from) void menu.refresh(ctx.from.id) // after a switch, a new session…: the chat's menu follows
  })
  // Each announced list is remembered (cli-command-memory.ts) and the owner's menu follows it.
  rememberCliCommands(deps, (ref) => void menu.refresh(Number(ref.owner)))
  for (const command of COMMANDS) {
    bot.command(command.name, async (ctx) => {
      const from = ctx.from
      if (!from) return
      deps.logger.debug({ userId: from.id, command: command.name }, 'command')
      await command.run(commandContext(ctx, deps, command, ctx.message.text, from.id))
    })
  }
  bot.use(
    unknownCommand(
      deps,
      COMMANDS.map((c) => c.name),
    ),
  )
}

function menuOfBot() {
  return COMMANDS.map((c) => ({ command: c.name, description: c.description }))
}

/** Publishes the command menu (setMyCommands) shown by Telegram clients. */
export async function publishCommands(deps: Pick<BotDeps, 'outbox'>): Promise<void> {
  await deps.outbox.call('setMyCommands', {
    commands: menuOfBot(),
  })
}

function commandContext(
  ctx: Context,
  deps: BotDeps,
  command: Command,
  text: string,
  userId: number,
): CommandContext {
  const argText = text.replace(/^\/\S*\s*/, '').trim()
  const chatId = ctx.chat?.id ?? userId
  const threadId = threadOf(ctx)
  const place = placeOf(chatId, threadId)
  const reply: CommandContext['reply'] = (html, extra) =>
    sendHtmlLater(deps, chatId, html, { ...placeParams(place), ...extra })
  return {
    deps,
    ctx,
    userId,
    chatId,
    ...(threadId === undefined ? {} : { threadId }),
    place,
    owner: ownerOf(userId),
    args: argText.length > 0 ? argText.split(/\s+/) : [],
    argText,
    reply,
    usage: (problem) => {
      const example = command.example ? ` — e.g. ${escapeHtml(command.example)}` : ''
      const why = problem ? `${problem}\n` : ''
      reply(`${why}Usage: ${escapeHtml(command.usage)}${example}`)
    },
    commands: COMMANDS,
  }
}
