import { randomUUID } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  EMPTY_USAGE,
  METADATA_SCHEMA_VERSION,
  type SessionMetadata,
} from '../src/session-metadata.js'
import { mapLimit } from './map-limit.js'

/**
 * Writes `count` sessions for `owner` straight to disk in core's layout (creating 10,000 through
 * the API would only measure the setup). Returns their names.
 */
export async function writeSessionFixtures(
  dataDir: string,
  owner: string,
  count: number,
): Promise<string[]> {
  const ownerDir = join(dataDir, 'sessions', owner)
  await mkdir(join(ownerDir, '.names'), { recursive: true })
  const names = Array.from({ length: count }, (_, i) => `s${i}`)
  const start = Date.parse('2025-01-01T00:00:00.000Z')
  await mapLimit(names, 64, async (name) => {
    const id = randomUUID()
    const dir = join(ownerDir, id)
    const time = new Date(start + Math.floor(Math.random() * 1e9)).toISOString()
    const meta: SessionMetadata = {
      schemaVersion: METADATA_SCHEMA_VERSION,
      id,
      name,
      owner,
      persona: 'default',
      status: 'idle',
      createdAt: time,
      lastActiveAt: time,
      workingDirectory: join(dir, 'workspace'),
      boundToProject: false,
      claudeSessionId: null,
      pid: null,
      usage: { ...EMPTY_USAGE },
      topic: null,
    }
    await mkdir(join(dir, 'workspace'), { recursive: true })
    await writeFile(join(dir, 'metadata.json'), `${JSON.stringify(meta, null, 2)}\n`)
    await writeFile(join(dir, 'persona.json'), '{}\n')
    await writeFile(join(ownerDir, '.names', name), `${id}\n`)
  })
  return names
}
