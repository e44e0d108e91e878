import type { SessionMetadata } from '@switchboard/core'
import { escapeHtml } from '../render/html-escape.js'
import { refOf } from '../sessions/session-ref.js'
import { type CliCommandDeps, knownCliCommands } from './cli-command-memory.js'
import { type CliCommandEntry, telegramNamesFor } from './cli-names.js'
import { oneLine } from './menu.js'

/**
 * The session's Claude Code commands as Telegram commands: those its live process announced, else those
 * remembered from its last process (cli-command-memory.ts); undefined when no process of it ever did.
 */
export async function sessionCliCommands(
  deps: CliCommandDeps,
  meta: Pick<SessionMetadata, 'owner' | 'id'>,
  botNames: readonly string[],
): Promise<CliCommandEntry[] | undefined> {
  const commands = await knownCliCommands(deps, refOf(meta))
  return commands && telegramNamesFor(commands, botNames)
}

/** The message text the CLI gets for `/telegram_name args`: as typed in a terminal. */
export function cliCommandText(entry: CliCommandEntry, argText: string): string {
  return argText === '' ? `/${entry.cli}` : `/${entry.cli} ${argText}`
}

/** For /help: the session's Claude Code commands, their Telegram names first where they differ. */
export async function cliHelpLines(
  deps: CliCommandDeps,
  meta: Pick<SessionMetadata, 'owner' | 'id' | 'name'> | null,
  botNames: readonly string[],
): Promise<string[]> {
  if (!meta) return []
  const entries = await sessionCliCommands(deps, meta, botNames)
  const title = `<b>Claude Code commands of ${escapeHtml(meta.name)}</b> (sent to Claude Code as typed)`
  if (!entries) return ['', title, 'Known once the session has run: send it a message, then /help.']
  const line = (e: CliCommandEntry) => {
    const as = e.telegram === e.cli ? '' : ` (= /${escapeHtml(e.cli)})`
    const hint = e.argumentHint === '' ? '' : ` ${escapeHtml(e.argumentHint)}`
    const what = e.description === '' ? '' : ` — ${escapeHtml(oneLine(e.description, 80))}`
    return `/${e.telegram}${hint}${as}${what}`
  }
  const own = entries.filter((e) => !e.builtin).map(line)
  const builtin = entries
    .filter((e) => e.builtin)
    .map((e) =>
      e.telegram === e.cli ? `/${e.telegram}` : `/${e.telegram} (= /${escapeHtml(e.cli)})`,
    )
  return ['', title, ...own, ...(builtin.length > 0 ? [`Built in: ${builtin.join(', ')}`] : [])]
}
