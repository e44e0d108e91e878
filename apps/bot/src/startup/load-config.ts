import { type ConfigProblem, problemLine } from '../config/config-problems.js'
import { type BotConfig, KNOWN_VARIABLES, parseConfig, parseTokenEnv } from '../config/env.js'
import { unknownSettings } from '../config/unknown-settings.js'
import { loadApiKeyCredential, loadBotToken, type TokenSource } from './credentials.js'

export type LoadedConfig =
  | {
      ok: true
      config: BotConfig
      tokenSource: TokenSource
      /** ANTHROPIC_API_KEY from a systemd credential: for Claude Code's environment only. */
      apiKey: string | undefined
      /** Lines to log once the logger exists (e.g. a token file others can read). */
      warnings: string[]
    }
  | {
      ok: false
      problems: ConfigProblem[]
      /** The problems, one `VARIABLE: what to do` line each. */
      message: string
    }

/**
 * The environment validated, then the token (and the optional API key) read from its source. Every
 * problem is collected, the token's included when other variables are wrong, so one run lists them all.
 */
export async function loadConfig(env: Record<string, string | undefined>): Promise<LoadedConfig> {
  const parsed = parseConfig(env)
  // A misspelt name: listed with the problems (it may be their cause), else a warning.
  const unknown = unknownSettings(env, KNOWN_VARIABLES)
  const others = parsed.ok ? [] : [...parsed.problems, ...unknown]
  // Token problems can only be checked once its own variables are valid.
  const tokenEnv = parsed.ok ? parsed.config : parseTokenEnv(env)
  if (tokenEnv === undefined) return failed(others)
  const token = await loadBotToken(tokenEnv)
  const key = await loadApiKeyCredential(tokenEnv, env)
  const problems = [token, key].flatMap((loaded) => (loaded.ok ? [] : [loaded.problem]))
  problems.push(...others)
  if (!parsed.ok || !token.ok || !key.ok) return failed(problems)
  return {
    ok: true,
    config: { ...parsed.config, TELEGRAM_BOT_TOKEN: token.token },
    tokenSource: token.source,
    apiKey: key.apiKey,
    warnings: [...unknown.map(problemLine), ...token.warnings, ...key.warnings],
  }
}

/** Missing required variables (the token, the allowed users) first, then in the schema's order. */
function failed(problems: ConfigProblem[]): LoadedConfig {
  const rank = (p: ConfigProblem) => (p.message.startsWith('is required') ? 0 : 1)
  const sorted = problems.sort((a, b) => rank(a) - rank(b))
  return { ok: false, problems: sorted, message: sorted.map(problemLine).join('\n') }
}
