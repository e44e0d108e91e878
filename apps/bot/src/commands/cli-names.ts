import type { CliCommand } from '@switchboard/process'

/** Telegram's command names: 1–32 of a-z, 0-9 and _. */
const TELEGRAM_NAME = /^[a-z0-9_]{1,32}$/
const MAX_NAME = 32

/** One of the CLI's commands as Telegram carries it. */
export interface CliCommandEntry {
  /** The Telegram command, without the slash (`review_pr`). */
  telegram: string
  /** The CLI's own name, without the slash (`review-pr`). */
  cli: string
  description: string
  argumentHint: string
  builtin: boolean
}

/** `review-pr` → `review_pr`, `Team:Deploy` → `team_deploy`; cut to 32. */
function telegramBase(name: string): string {
  const base = name
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, MAX_NAME)
  return TELEGRAM_NAME.test(base) ? base : 'cmd'
}

/**
 * The Telegram names of a session's CLI commands. Stable: computed from the names alone, in name order,
 * so the same list always maps the same way. A CLI command named like one of the bot's own is left out
 * (the bot's command does that job: /compact, /clear, /context, /model…); a mapped name already taken gets
 * `_2`, `_3`… (cut to fit 32).
 */
export function telegramNamesFor(
  commands: readonly CliCommand[],
  botNames: readonly string[],
): CliCommandEntry[] {
  const taken = new Set(botNames)
  const sorted = [...commands].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  const entries: CliCommandEntry[] = []
  for (const command of sorted) {
    if (botNames.includes(command.name)) continue
    const base = telegramBase(command.name)
    let telegram = base
    for (let n = 2; taken.has(telegram); n++) {
      const suffix = `_${n}`
      telegram = `${base.slice(0, MAX_NAME - suffix.length)}${suffix}`
    }
    taken.add(telegram)
    entries.push({
      telegram,
      cli: command.name,
      description: command.description.trim(),
      argumentHint: command.argumentHint.trim(),
      builtin: command.builtin === true,
    })
  }
  return entries
}
