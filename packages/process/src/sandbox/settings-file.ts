import { open, readFile, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import type { Logger } from '../logger.js'

/** The file in the session's directory (never its workspace) that the CLI gets with `--settings`. */
export const CLI_SETTINGS_FILE = 'cli-settings.json'

const MAX_PROJECT_SETTINGS_BYTES = 1024 * 1024
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
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'ENOENT' && code !== 'ENOTDIR')
      logger.warn({ path, code }, "could not read the project's settings; left out")
    return undefined
  }
  const parsed = Buffer.byteLength(text) <= MAX_PROJECT_SETTINGS_BYTES ? parseJson(text) : undefined
  const settings = SettingsObjectSchema.safeParse(parsed)
  if (settings.success) return settings.data
  logger.warn({ path }, "the project's settings are not a JSON object; left out")
  return undefined
}

/** Writes the settings to `<sessionDirectory>/cli-settings.json` (mode 0600, atomically); returns its path. */
export async function writeCliSettings(
  sessionDirectory: string,
  settings: Record<string, unknown>,
): Promise<string> {
  const path = join(sessionDirectory, CLI_SETTINGS_FILE)
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`
  const handle = await open(temp, 'wx', 0o600)
  try {
    await handle.writeFile(`${JSON.stringify(settings, null, 2)}\n`)
    await handle.sync()
  } finally {
    await handle.close()
  }
  try {
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
  return path
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
