import { join } from 'node:path'
import type { Logger } from '../logger.js'
import { buildCliSettings } from './cli-settings.js'
import type { ResolvedSandbox } from './sandbox-options.js'
import { sessionProtection } from './session-protection.js'
import { readProjectSettings, writeCliSettings } from './settings-file.js'

export interface SessionSettingsInput {
  /** The session's own directory: the file is written there. */
  sessionDirectory: string
  workingDirectory: string
  /** A bound project's `.claude/settings.json` is merged in. */
  boundToProject: boolean
  /** The persona's `autoAllowSandboxedBash`, when it sets one. */
  autoAllow: boolean | undefined
  sandbox: ResolvedSandbox
  logger: Logger
}

/**
 * Writes the session's `cli-settings.json` for this spawn (the rules enumerate what exists now) and
 * returns its path, for `--settings`.
 */
export async function prepareSessionSettings(input: SessionSettingsInput): Promise<string> {
  const { sandbox, logger } = input
  const [project, protection] = await Promise.all([
    input.boundToProject ? readProjectSettings(input.workingDirectory, logger) : undefined,
    sessionProtection(input.workingDirectory, sandbox.protect, readableDirs(input)),
  ])
  if (protection.skipped.length > 0) {
    logger.warn(
      { paths: protection.skipped },
      'protected paths with glob or rule syntax in their names get no deny rule',
    )
  }
  const settings = buildCliSettings(project, protection, {
    ...sandbox,
    autoAllow: input.autoAllow ?? sandbox.autoAllow,
  })
  return writeCliSettings(input.sessionDirectory, settings)
}

/** Where the bot keeps a bound session's uploads: `uploads/` in the session's own directory. */
export const SESSION_UPLOADS_DIR = 'uploads'

// A workspace session's uploads are in its working directory; a bound one's are outside the project.
function readableDirs(input: SessionInputDirs): string[] {
  return input.boundToProject ? [join(input.sessionDirectory, SESSION_UPLOADS_DIR)] : []
}

type SessionInputDirs = Pick<SessionSettingsInput, 'boundToProject' | 'sessionDirectory'>
