import { isAbsolute, join, resolve } from 'node:path'

/**
 * Private paths no session may read or write unless the operator lists others: SSH and GPG keys, AWS
 * and GitHub CLI credentials, and Claude Code's own files that are not a session's to touch: its login,
 * every session's conversation transcripts (`projects/`), and the user-level settings, MCP servers and
 * CLAUDE.md, whose hooks and servers the CLI would run outside the sandbox in every session.
 */
export const DEFAULT_PRIVATE_PATHS: readonly string[] = Object.freeze([
  '~/.ssh',
  '~/.gnupg',
  '~/.aws',
  '~/.config/gh',
  ...claudeConfigPaths('~/.claude'),
  '~/.claude.json',
])

/** Claude Code's private files in its config directory (`~/.claude` or `CLAUDE_CONFIG_DIR`). */
function claudeConfigPaths(dir: string): string[] {
  return ['.credentials.json', 'projects', 'settings.json', 'settings.local.json', 'CLAUDE.md'].map(
    (name) => `${dir}/${name}`,
  )
}

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
  if (configDir && isAbsolute(configDir)) {
    expanded.push(...claudeConfigPaths(configDir), join(configDir, '.claude.json'))
  }
  return [...new Set(expanded)]
}
