import { isAbsolute, join, resolve } from 'node:path'

/**
 * Private paths no session may read unless the operator lists others: SSH and GPG keys, AWS and
 * GitHub CLI credentials, and Claude Code's own login (`~/.claude/.credentials.json`).
 */
export const DEFAULT_PRIVATE_PATHS: readonly string[] = Object.freeze([
  '~/.ssh',
  '~/.gnupg',
  '~/.aws',
  '~/.config/gh',
  '~/.claude/.credentials.json',
])

/**
 * Credential variables of the CLI itself, unset for sandboxed commands (the CLI keeps them): a command
 * has no use for Claude's API key, and with it could spend on the operator's account.
 */
export const CLI_SECRET_VARIABLES: readonly string[] = Object.freeze([
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_AUTH_TOKEN',
  'CLAUDE_CODE_OAUTH_TOKEN',
])

/** `~` or `~/…` against `home`; other paths resolved as given (callers pass absolute paths). */
export function expandHome(path: string, home: string): string {
  if (path === '~') return home
  if (path.startsWith('~/')) return join(home, path.slice(2))
  return resolve(path)
}

/**
 * The private paths for a child environment: the list with `~` expanded against its HOME, plus the
 * credentials file in `CLAUDE_CONFIG_DIR` when the CLI keeps its config elsewhere.
 */
export function privatePathsFor(
  paths: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  fallbackHome: string,
): string[] {
  const home = env.HOME && isAbsolute(env.HOME) ? env.HOME : fallbackHome
  const expanded = paths.map((path) => expandHome(path, home))
  const configDir = env.CLAUDE_CONFIG_DIR
  if (configDir && isAbsolute(configDir)) expanded.push(join(configDir, '.credentials.json'))
  return [...new Set(expanded)]
}
