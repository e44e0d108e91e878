import { z } from 'zod'
import { absolutePath } from './env-fields.js'

/** A bot token as @BotFather prints it; also checks a token read from a file (startup/credentials.ts). */
export const BotTokenSchema = z
  .string()
  .regex(
    /^\d+:[\w-]{20,}$/,
    'expected a bot token like 123456789:AAE…, as @BotFather prints it (/mybots → your bot → API Token): copy it again',
  )

/**
 * The token's three possible sources (a group of config/env.ts); startup/credentials.ts picks one,
 * reads files and requires one. Parsed on its own too, so token problems are listed even when other
 * variables are wrong.
 */
export const TokenEnvSchema = z.object({
  TELEGRAM_BOT_TOKEN: BotTokenSchema.optional(),
  TELEGRAM_BOT_TOKEN_FILE: absolutePath('a file holding the bot token').optional(),
  /** Set by systemd for LoadCredential= (telegram-bot-token, anthropic-api-key). */
  CREDENTIALS_DIRECTORY: absolutePath('the systemd credentials directory').optional(),
})

export type TokenEnv = z.output<typeof TokenEnvSchema>
