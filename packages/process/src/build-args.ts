import type { Persona, SessionMetadata } from '@switchboard/core'
import { classifyRule } from './permission-rules/allow-rule.js'
import { unique } from './unique.js'

/** Flags every driven process gets: stream-json both ways, permission prompts answered over stdio. */
export const BASE_ARGS: readonly string[] = Object.freeze([
  '-p',
  '--input-format',
  'stream-json',
  '--output-format',
  'stream-json',
  '--verbose',
  '--permission-prompt-tool=stdio',
])

export interface BuildArgsOptions {
  /** Continue the session's conversation (`--resume=<claudeSessionId>`) when it has an id. */
  resume?: boolean
  /** Token-level `stream_event` lines (`text_delta` events). Default true. */
  includePartialMessages?: boolean
  /**
   * Rules allowed "always" in an earlier process (`ClaudeProcess.allowedForSession`), added to
   * `--allowedTools`; any that is not a narrow rule (a whole tool, a wildcard) is left out.
   */
  allowedForSession?: readonly string[]
  /**
   * Extra settings file for `--settings=`: the session's generated `cli-settings.json` (sandbox, deny
   * rules, a bound project's settings merged in), or without sandbox options the project's own
   * `.claude/settings.json` — the CLI ignores that file's permission rules in a directory nobody
   * accepted its trust dialog for, which a session bound from a phone cannot do (see spawn-session.ts).
   */
  settingsFile?: string
}

/**
 * The CLI's argv for a session and persona. Pure.
 * Values go after `=` so one starting with a dash is never read as a flag, and each tool rule is its own
 * `--allowedTools=<rule>` (verified with CLI 2.1.330: repeated flags accumulate, and rules such as
 * `Bash(git diff:*)` keep their spaces and colons).
 */
export function buildArgs(
  session: Pick<SessionMetadata, 'claudeSessionId'>,
  persona: Persona,
  options: BuildArgsOptions = {},
): string[] {
  const args = [...BASE_ARGS]
  if (options.includePartialMessages ?? true) args.push('--include-partial-messages')
  if (options.resume && session.claudeSessionId) args.push(`--resume=${session.claudeSessionId}`)
  if (persona.systemPrompt.trim() !== '')
    args.push(`--append-system-prompt=${persona.systemPrompt}`)
  const settings = persona.settings
  if (settings.model) args.push(`--model=${settings.model}`)
  if (settings.maxTurns !== undefined) args.push(`--max-turns=${settings.maxTurns}`)
  if (settings.permissionMode) args.push(`--permission-mode=${settings.permissionMode}`)
  const always = (options.allowedForSession ?? []).filter(
    (rule) => classifyRule(rule) !== undefined,
  )
  const allowed = unique([...(settings.allowedTools ?? []), ...always])
  for (const tool of allowed) args.push(`--allowedTools=${tool}`)
  for (const tool of settings.disallowedTools ?? []) args.push(`--disallowedTools=${tool}`)
  if (settings.maxBudgetUsd !== undefined) args.push(`--max-budget-usd=${settings.maxBudgetUsd}`)
  if (options.settingsFile) args.push(`--settings=${options.settingsFile}`)
  return args
}
