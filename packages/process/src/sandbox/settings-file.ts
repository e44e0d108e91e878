import { join } from 'node:path'
import { readJsonFile, writeJsonAtomic } from '@switchboard/core'
import { z } from 'zod'
import type { Logger } from '../logger.js'

/** The file in the session's directory (never its workspace) that the CLI gets with `--settings`. */
export const CLI_SETTINGS_FILE = 'cli-settings.json'

const SettingsObjectSchema = z.record(z.string(), z.unknown())

/**
 * A bound project's `.claude/settings.json`, parsed; undefined when there is none. One that cannot be
 * read or is not a JSON object is left out with a warning (the CLI would ignore it too).
 */
export async function readProjectSettings(
  workingDirectory: string,
  logger: Logger,
): Promise<Record<string, unknown> | undefined> {
  const path = join(workingDirectory, '.claude', 'settings.json')
  const read = await readJsonFile(path, SettingsObjectSchema)
  if (read.ok) return read.value
  if (!read.missing)
    logger.warn({ path, problem: read.reason }, "the project's settings are left out")
  return undefined
}

/** Writes the settings to `<sessionDirectory>/cli-settings.json` (mode 0600, atomically); returns its path. */
export async function writeCliSettings(
  sessionDirectory: string,
  settings: Record<string, unknown>,
): Promise<string> {
  const path = join(sessionDirectory, CLI_SETTINGS_FILE)
  await writeJsonAtomic(path, settings)
  return path
}
