import { chmod, stat } from 'node:fs/promises'
import { homedir } from 'node:os'
import { isAbsolute, join, resolve } from 'node:path'
import { mkdirPrivate, PRIVATE_DIR_MODE } from './private-mode.js'

/** The environment variables core looks at; everything else in `process.env` is ignored. */
export interface DataDirEnv {
  SWITCHBOARD_DATA_DIR?: string | undefined
  XDG_DATA_HOME?: string | undefined
  HOME?: string | undefined
}

/**
 * Where Switchboard keeps its data: `$SWITCHBOARD_DATA_DIR`, else `$XDG_DATA_HOME/switchboard`,
 * else `~/.local/share/switchboard`. The only place in core that reads the environment.
 */
export function resolveDataDir(env: DataDirEnv = process.env): string {
  if (env.SWITCHBOARD_DATA_DIR) return resolve(env.SWITCHBOARD_DATA_DIR)
  // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
  if (env.XDG_DATA_HOME && isAbsolute(env.XDG_DATA_HOME)) {
    return join(env.XDG_DATA_HOME, 'switchboard')
  }
  return join(env.HOME || homedir(), '.local', 'share', 'switchboard')
}

/**
 * Creates the data dir 0700, or tightens an existing one that group or others can reach (a data dir
 * from before modes were enforced). Returns the old permission bits when it tightened them.
 */
export async function ensurePrivateDataDir(dataDir: string): Promise<number | null> {
  await mkdirPrivate(dataDir)
  const mode = (await stat(dataDir)).mode & 0o777
  if ((mode & 0o077) === 0) return null
  await chmod(dataDir, mode & PRIVATE_DIR_MODE)
  return mode
}
