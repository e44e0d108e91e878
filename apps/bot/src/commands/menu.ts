import type { CliCommandEntry } from './cli-names.js'

/** One entry of Telegram's command menu (BotCommand). */
export interface MenuCommand {
  command: string
  description: string
}

/** Telegram's limits: 100 commands per scope, descriptions 1–256 characters. */
export const MENU_MAX_COMMANDS = 100
const MAX_DESCRIPTION = 256
/**
 * Skill descriptions run to 1,000+ characters, and Telegram refuses a menu whose descriptions are large
 * in sum (BOT_COMMANDS_TOO_MUCH well under 100 commands, seen from ~4 KB): CLI entries get one short line.
 */
const CLI_DESCRIPTION = 60
const DESCRIPTIONS_BUDGET = 3_500

/** Whitespace collapsed, cut to `max` with an ellipsis. */
export function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`
}

/** The bot's commands, then the session's Claude Code commands (project and user ones first), in limits. */
export function buildMenu(
  botCommands: readonly MenuCommand[],
  cli: readonly CliCommandEntry[],
): MenuCommand[] {
  const menu = botCommands
    .slice(0, MENU_MAX_COMMANDS)
    .map((c) => ({ command: c.command, description: oneLine(c.description, MAX_DESCRIPTION) }))
  let budget = DESCRIPTIONS_BUDGET - menu.reduce((sum, c) => sum + c.description.length, 0)
  const ordered = [...cli.filter((c) => !c.builtin), ...cli.filter((c) => c.builtin)]
  for (const entry of ordered) {
    if (menu.length >= MENU_MAX_COMMANDS) break
    const room = Math.min(CLI_DESCRIPTION, budget)
    if (room < 8) break // out of budget: a shorter menu beats a refused one
    const text = entry.description === '' ? `Claude Code: /${entry.cli}` : entry.description
    const description = oneLine(text, room)
    budget -= description.length
    menu.push({ command: entry.telegram, description })
  }
  return menu
}
