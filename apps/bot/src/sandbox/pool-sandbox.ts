import { dirname } from 'node:path'
import type { PoolSandboxOptions } from '@switchboard/process'
import type { EnvConfig } from '../config/env.js'
import { REPO_ENV_FILE } from '../startup/load-env-file.js'
import type { SandboxState } from './sandbox-state.js'

/** The bot's own checkout (the directory holding `.env`), whichever of src/ or dist/ runs. */
export const CHECKOUT_DIR = dirname(REPO_ENV_FILE)

/**
 * The pool's sandbox options: Bash sandboxed when it works, and in every case no session may read
 * the data dir (but its own working directory), the bot's checkout, its `.env` and token sources,
 * or the private paths.
 */
export function poolSandboxOptions(input: {
  state: SandboxState
  config: EnvConfig
  dataDir: string
  /** The `.env` the bot loaded (or would have), null when it loads none. */
  envFile: string | null
}): PoolSandboxOptions {
  const { config } = input
  const secrets = [input.envFile, config.TELEGRAM_BOT_TOKEN_FILE, config.CREDENTIALS_DIRECTORY]
  return {
    enabled: input.state.status === 'on',
    allowBypassPermissions: config.SWITCHBOARD_ALLOW_BYPASS,
    dataDir: input.dataDir,
    protectedPaths: [CHECKOUT_DIR, ...secrets.filter((p): p is string => typeof p === 'string')],
    ...(config.SWITCHBOARD_PRIVATE_PATHS ? { privatePaths: config.SWITCHBOARD_PRIVATE_PATHS } : {}),
  }
}
