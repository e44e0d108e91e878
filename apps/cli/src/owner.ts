import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { validateOwner } from '@switchboard/core'
import { CliError } from './errors.js'

/**
 * Whose sessions: `--owner`, else `SWITCHBOARD_OWNER`, else the only owner in the data dir (the
 * bot keeps each Telegram user's sessions under `sessions/<user id>/`). Zero or several owners and
 * no choice made: an error that lists them and says how to choose.
 */
export async function resolveOwner(
  dataDir: string,
  flag: string | undefined,
  fromEnv: string | undefined,
): Promise<string> {
  const chosen = flag ?? fromEnv
  if (chosen !== undefined) return validateOwner(chosen)
  const owners = await ownersIn(dataDir)
  if (owners.length === 1 && owners[0] !== undefined) return owners[0]
  const how = 'Choose one with --owner <id> or SWITCHBOARD_OWNER=<id> (the Telegram user id).'
  if (owners.length === 0) {
    throw new CliError(
      'OWNER_UNKNOWN',
      `No sessions in ${dataDir} yet, so no owner to pick. ${how}`,
    )
  }
  throw new CliError(
    'OWNER_AMBIGUOUS',
    `Several owners in ${dataDir}: ${owners.join(', ')}. ${how}`,
  )
}

/** Owner directories under `sessions/` (dot entries are core's own: names, locks, staging). */
async function ownersIn(dataDir: string): Promise<string[]> {
  const entries = await readdir(join(dataDir, 'sessions'), { withFileTypes: true }).catch(() => [])
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort()
}
