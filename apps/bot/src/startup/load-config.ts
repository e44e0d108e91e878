import { type BotConfig, parseConfig } from '../config/env.js'
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
  | { ok: false; message: string }

/** The environment validated, then the token (and the optional API key) read from its source. */
export async function loadConfig(env: Record<string, string | undefined>): Promise<LoadedConfig> {
  const parsed = parseConfig(env)
  if (!parsed.ok) return parsed
  const token = await loadBotToken(parsed.config)
  if (!token.ok) return token
  const key = await loadApiKeyCredential(parsed.config, env)
  if (!key.ok) return key
  return {
    ok: true,
    config: { ...parsed.config, TELEGRAM_BOT_TOKEN: token.token },
    tokenSource: token.source,
    apiKey: key.apiKey,
    warnings: [...token.warnings, ...key.warnings],
  }
}
