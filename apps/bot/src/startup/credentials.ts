import { join } from 'node:path'
import type { ConfigProblem } from '../config/config-problems.js'
import { BotTokenSchema, type TokenEnv } from '../config/token-env.js'
import { readSecretFile, type SecretFileResult } from './secret-file.js'

/** systemd credential names (`LoadCredential=<name>:<file>` → `$CREDENTIALS_DIRECTORY/<name>`). */
export const TOKEN_CREDENTIAL = 'telegram-bot-token'
export const API_KEY_CREDENTIAL = 'anthropic-api-key'

export type TokenSource = 'TELEGRAM_BOT_TOKEN' | 'TELEGRAM_BOT_TOKEN_FILE' | 'credential'

export type Loaded<T> = { ok: true; warnings: string[] } & T
export type LoadedToken = Loaded<{ token: string; source: TokenSource }> | Failed
type Failed = { ok: false; problem: ConfigProblem }

const ONE_WAY =
  'give the token one way only: TELEGRAM_BOT_TOKEN (environment or .env), TELEGRAM_BOT_TOKEN_FILE, or the systemd credential telegram-bot-token'

/**
 * The bot token from exactly one of: TELEGRAM_BOT_TOKEN, the file TELEGRAM_BOT_TOKEN_FILE names, or
 * the systemd credential (which keeps it out of the bot's environment block, /proc/<pid>/environ).
 * Two sources are refused rather than ranked, so a forgotten token in .env can't linger unnoticed.
 * Failures name the variable at fault and never quote a file's content.
 */
export async function loadBotToken(config: TokenEnv): Promise<LoadedToken> {
  const credential = await readCredential(config, TOKEN_CREDENTIAL)
  const given = [
    config.TELEGRAM_BOT_TOKEN !== undefined && 'TELEGRAM_BOT_TOKEN',
    config.TELEGRAM_BOT_TOKEN_FILE !== undefined && 'TELEGRAM_BOT_TOKEN_FILE',
    credential !== undefined && `CREDENTIALS_DIRECTORY (credential ${TOKEN_CREDENTIAL})`,
  ].filter((name): name is string => name !== false)
  if (given.length > 1) {
    return fail(given[0] ?? '', `the token is also given by ${given[1]}; ${ONE_WAY}`)
  }
  if (config.TELEGRAM_BOT_TOKEN !== undefined) {
    return {
      ok: true,
      token: config.TELEGRAM_BOT_TOKEN,
      source: 'TELEGRAM_BOT_TOKEN',
      warnings: [],
    }
  }
  const file = config.TELEGRAM_BOT_TOKEN_FILE
  if (file !== undefined) {
    return tokenFrom('TELEGRAM_BOT_TOKEN_FILE', await readSecretFile(file), file)
  }
  if (credential !== undefined) {
    return tokenFrom('CREDENTIALS_DIRECTORY', credential.read, credential.path)
  }
  return fail(
    'TELEGRAM_BOT_TOKEN',
    'is required: the token @BotFather gave you (/newbot), like 123456:ABC-DEF… (or TELEGRAM_BOT_TOKEN_FILE: the path of a file holding it)',
  )
}

/**
 * ANTHROPIC_API_KEY from the systemd credential, when there is one: the bot hands it to Claude Code
 * only, so it is not in the bot's environment block (the CLI still has it in its own).
 */
export async function loadApiKeyCredential(
  config: Pick<TokenEnv, 'CREDENTIALS_DIRECTORY'>,
  env: Record<string, string | undefined>,
): Promise<Loaded<{ apiKey: string | undefined }> | Failed> {
  const credential = await readCredential(config, API_KEY_CREDENTIAL)
  if (credential === undefined) return { ok: true, apiKey: undefined, warnings: [] }
  if (env.ANTHROPIC_API_KEY) {
    return fail('ANTHROPIC_API_KEY', `also set by the credential ${API_KEY_CREDENTIAL}; keep one`)
  }
  const { read, path } = credential
  if (!read.ok)
    return fail('CREDENTIALS_DIRECTORY', `${read.problem}: ${FILE_FIX.CREDENTIALS_DIRECTORY}`)
  return {
    ok: true,
    apiKey: read.value,
    warnings: looseWarning('CREDENTIALS_DIRECTORY', read, path),
  }
}

/** The credential's file read, or undefined when systemd passed no credential of that name. */
async function readCredential(
  config: Pick<TokenEnv, 'CREDENTIALS_DIRECTORY'>,
  name: string,
): Promise<{ path: string; read: SecretFileResult } | undefined> {
  if (config.CREDENTIALS_DIRECTORY === undefined) return undefined
  const path = join(config.CREDENTIALS_DIRECTORY, name)
  const read = await readSecretFile(path)
  return !read.ok && read.missing ? undefined : { path, read }
}

/** What to do about a token or key file that can't be used, by the variable that named it. */
const FILE_FIX: Record<string, string> = {
  TELEGRAM_BOT_TOKEN_FILE:
    'put just the token there, readable by the bot’s user (chmod 600), or fix the path',
  CREDENTIALS_DIRECTORY:
    'check the unit’s LoadCredential= line and the root-owned file it names (deploy/switchboard.service)',
}

function tokenFrom(variable: string, read: SecretFileResult, path: string): LoadedToken {
  if (!read.ok) return fail(variable, `${read.problem}: ${FILE_FIX[variable]}`)
  const valid = BotTokenSchema.safeParse(read.value)
  if (!valid.success) {
    return fail(
      variable,
      `${path} does not hold a bot token like 123456789:AAE…, as @BotFather prints it`,
    )
  }
  const source = variable === 'CREDENTIALS_DIRECTORY' ? 'credential' : 'TELEGRAM_BOT_TOKEN_FILE'
  return { ok: true, token: valid.data, source, warnings: looseWarning(variable, read, path) }
}

function looseWarning(variable: string, read: SecretFileResult, path: string): string[] {
  if (!read.ok || read.looseMode === undefined) return []
  const mode = read.looseMode.toString(8).padStart(4, '0')
  return [`${variable}: ${path} is readable by group or others (mode ${mode}); chmod 600 it`]
}

const fail = (variable: string, message: string): Failed => ({
  ok: false,
  problem: { variable, message },
})
