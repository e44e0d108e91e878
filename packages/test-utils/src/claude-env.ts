import { join } from 'node:path'

/**
 * The whole environment for running the real Claude Code CLI offline against a fake API:
 * nothing leaks in from the parent except PATH, so the user's own login, config and proxies can't interfere.
 */
export function claudeEnv(options: {
  apiUrl: string
  home: string
  extra?: Record<string, string>
}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: options.home,
    CLAUDE_CONFIG_DIR: join(options.home, '.claude'),
    // The CLI keeps per-session scratch dirs under $TMPDIR/claude-<uid>/ (created on demand): keep them
    // inside the temp HOME so cleanup removes them.
    TMPDIR: join(options.home, 'tmp'),
    ANTHROPIC_BASE_URL: options.apiUrl,
    ANTHROPIC_API_KEY: 'test',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_AUTOUPDATER: '1',
    DISABLE_TELEMETRY: '1',
    DISABLE_ERROR_REPORTING: '1',
    ...options.extra,
  }
}
