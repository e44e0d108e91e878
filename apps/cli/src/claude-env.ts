/** Never handed to the desk's Claude Code: the bot's own configuration and secrets. */
const WITHHELD_PREFIXES = ['TELEGRAM_', 'SWITCHBOARD_']

/**
 * The environment of the desk's `claude`: the terminal's own (TERM, colours, locale, login) minus
 * the bot's variables. Unlike the bot's processes it is not allow-listed: this is the user's
 * terminal, and the TUI needs what the terminal set.
 */
export function deskEnv(parent: NodeJS.ProcessEnv): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [name, value] of Object.entries(parent)) {
    const upper = name.toUpperCase()
    if (value !== undefined && !WITHHELD_PREFIXES.some((p) => upper.startsWith(p)))
      env[name] = value
  }
  return env
}
