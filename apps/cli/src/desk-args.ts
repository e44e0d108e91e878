import type { Persona, SessionMetadata } from '@switchboard/core'
import { BASE_ARGS, buildArgs } from '@switchboard/process'

/** Flags Claude Code honours only with `--print`; the desk runs its interactive UI. */
const PRINT_ONLY = ['--max-turns=', '--max-budget-usd=']

/**
 * The interactive CLI's argv for a session: the same persona flags the bot's processes get
 * (`buildArgs` of @switchboard/process: model, appended system prompt, permission mode,
 * allowed/disallowed tools, remembered "always" rules, settings file) and `--resume=<id>` when the
 * session has a conversation, without the stream-json driver flags and the print-only limits.
 */
export function deskArgs(
  session: Pick<SessionMetadata, 'claudeSessionId'>,
  persona: Persona,
  options: { allowRules?: readonly string[]; settingsFile?: string | undefined } = {},
): string[] {
  const args = buildArgs(session, persona, {
    resume: true,
    includePartialMessages: false,
    allowedForSession: options.allowRules ?? [],
    ...(options.settingsFile === undefined ? {} : { settingsFile: options.settingsFile }),
  })
  return args
    .slice(BASE_ARGS.length)
    .filter((arg) => !PRINT_ONLY.some((prefix) => arg.startsWith(prefix)))
}
