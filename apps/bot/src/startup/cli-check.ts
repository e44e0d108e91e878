/**
 * At start-up: does Claude Code run (`claude --version`), and can it reach Claude's API — an API key
 * or a login? Asked of the CLI itself (`claude auth status`, JSON since 2.1.x: `loggedIn`,
 * `authMethod`, `apiKeySource`), in the environment the bot gives it, so a key from .env, a systemd
 * credential or a login in the CLI's config dir all count. Secrets are never read or printed.
 */

import { execFile } from 'node:child_process'
import { z } from 'zod'
import type { Logger } from '../logging/logger.js'

/** `claude auth status` output (only the fields the bot reads; the rest is ignored). */
export const AuthStatusSchema = z.looseObject({
  loggedIn: z.boolean(),
  authMethod: z.string(),
  apiKeySource: z.string().optional(),
})
export type AuthStatus = z.infer<typeof AuthStatusSchema>

export interface CliCheck {
  /** Claude Code runs and has a key or a login: it can answer. */
  ok: boolean
  /** `2.1.330`, when `claude --version` answered. */
  version: string | undefined
  /** How it reaches the API, in words ("an API key (ANTHROPIC_API_KEY)", "a claude.ai login", "none"). */
  auth: string
  /** What is wrong and what to do about it (plain text), when not ok. */
  problem: string | undefined
  /** `claude auth status`'s authMethod (`api_key`, `claude.ai`, …), when it answered. */
  authMethod?: string
}

export interface CliCheckOptions {
  claudePath: string
  /** The CLI's environment, as the pool builds it. */
  env: Record<string, string>
  timeoutMs?: number
}

const DEFAULT_TIMEOUT_MS = 15_000

const LOGIN_HINT =
  "set ANTHROPIC_API_KEY in the bot's environment (.env), or log in to Claude Code on the bot's machine as the bot's user (run \"claude\", then /login); then restart the bot"

export async function checkClaudeCli(options: CliCheckOptions): Promise<CliCheck> {
  const version = await run(options, ['--version'])
  if (!version.ok) {
    const problem =
      version.code === 'ENOENT'
        ? `Claude Code was not found ("${options.claudePath}"): install it (npm install -g @anthropic-ai/claude-code) or set SWITCHBOARD_CLAUDE_PATH, then restart the bot.`
        : version.code === 'EACCES'
          ? `Claude Code at "${options.claudePath}" can't be run (not executable): fix its permissions or set SWITCHBOARD_CLAUDE_PATH, then restart the bot.`
          : `"${options.claudePath} --version" failed (${version.why}): check that Claude Code runs on the bot's machine, then restart the bot.`
    return { ok: false, version: undefined, auth: 'unknown', problem }
  }
  const number = /\d+\.\d+\.\d+\S*/.exec(version.stdout)?.[0] ?? version.stdout.trim().slice(0, 40)
  // `auth status` exits 1 when logged out, still printing its JSON.
  const status = await run(options, ['auth', 'status'])
  const parsed = parseAuthStatus(status.stdout)
  if (!parsed) {
    // A CLI without `auth status`: not known to be broken, so nobody is warned.
    return {
      ok: true,
      version: number,
      auth: 'unknown (no "claude auth status")',
      problem: undefined,
    }
  }
  if (!parsed.loggedIn) {
    const problem = `Claude Code has no API key and is not logged in: ${LOGIN_HINT}.`
    return { ok: false, version: number, auth: 'none', problem, authMethod: parsed.authMethod }
  }
  const auth = describeAuth(parsed)
  return { ok: true, version: number, auth, problem: undefined, authMethod: parsed.authMethod }
}

/** The check's result, once known: what /status shows. */
export interface ClaudeCliState {
  check?: CliCheck
}

/** Runs the check in the background: stores the result in `state` and logs it in one line. */
export function startCliCheck(
  options: CliCheckOptions & { logger: Pick<Logger, 'info' | 'warn'> },
  state: ClaudeCliState,
): Promise<CliCheck> {
  const unknown: CliCheck = { ok: true, version: undefined, auth: 'unknown', problem: undefined }
  const checked = checkClaudeCli(options).catch((error: unknown) => {
    options.logger.warn({ err: error }, 'could not check Claude Code at start-up')
    return unknown
  })
  return checked.then((check) => {
    state.check = check
    const line = cliCheckLine(check, options.claudePath)
    if (check.ok) options.logger.info({ claude: check }, line)
    else options.logger.warn({ claude: check }, line)
    return check
  })
}

/**
 * How many 401/403 retries of Claude Code to let run before the turn is stopped: none with a key
 * (a wrong key never heals), one with a claude.ai login (the CLI refreshes its token on a 401).
 */
export function authRetriesAllowed(check: CliCheck | undefined): number {
  return check?.authMethod === 'claude.ai' ? 1 : 0
}

/** The one log line for the check. */
export function cliCheckLine(check: CliCheck, claudePath: string): string {
  const which = check.version ? `Claude Code ${check.version} (${claudePath})` : 'Claude Code'
  return check.ok
    ? `${which}: ready, reaches Claude's API by ${check.auth}`
    : `${which} can't answer: ${check.problem}`
}

/** What /status says about it. */
export function cliStatusLine(check: CliCheck | undefined): string {
  if (!check) return 'Claude Code: not checked yet'
  if (!check.ok) return `⚠️ Claude Code: ${check.problem}`
  return `Claude Code: ${check.version ?? '?'}, ${check.auth}`
}

export function parseAuthStatus(stdout: string): AuthStatus | undefined {
  try {
    const parsed = AuthStatusSchema.safeParse(JSON.parse(stdout))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

/** authMethod values of 2.1.330: none, api_key, api_key_helper, claude.ai, oauth_token, third_party. */
const AUTH_WORDS: Record<string, string> = {
  api_key_helper: 'an API key helper',
  'claude.ai': 'a claude.ai login',
  oauth_token: 'an OAuth token',
  third_party: 'a third-party provider',
}

function describeAuth(status: AuthStatus): string {
  if (status.authMethod === 'api_key')
    return `an API key${status.apiKeySource ? ` (${status.apiKeySource})` : ''}`
  return AUTH_WORDS[status.authMethod] ?? status.authMethod.replaceAll('_', ' ')
}

type Ran = { ok: true; stdout: string } | { ok: false; stdout: string; code: string; why: string }

function run(options: CliCheckOptions, args: string[]): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(
      options.claudePath,
      args,
      {
        env: options.env,
        timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        killSignal: 'SIGKILL',
        maxBuffer: 1_000_000,
      },
      (error, stdout) => {
        const out = String(stdout)
        if (!error) return resolve({ ok: true, stdout: out })
        const e = error as NodeJS.ErrnoException & { killed?: boolean; code?: unknown }
        const code = typeof e.code === 'string' ? e.code : 'EXIT'
        const why = e.killed
          ? 'timed out'
          : typeof e.code === 'number'
            ? `exit code ${e.code}`
            : code
        resolve({ ok: false, stdout: out, code, why })
      },
    ).stdin?.end()
  })
}
