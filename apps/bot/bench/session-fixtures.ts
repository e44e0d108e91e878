import { randomUUID } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { EMPTY_USAGE, METADATA_SCHEMA_VERSION, type SessionMetadata } from '@switchboard/core'

/**
 * `count` sessions of `owner` written straight to disk in core's layout (10,000 through the API
 * take minutes), named s0…; s0 is made the active one. The bot can't import core's bench folder.
 */
export async function writeSessions(dataDir: string, owner: string, count: number): Promise<void> {
  const ownerDir = join(dataDir, 'sessions', owner)
  await mkdir(join(ownerDir, '.names'), { recursive: true })
  const start = Date.parse('2025-01-01T00:00:00.000Z')
  const ids: string[] = []
  for (let i = 0; i < count; i += 64) {
    const batch = Array.from({ length: Math.min(64, count - i) }, (_, k) => i + k)
    await Promise.all(batch.map(async (n) => writeOne(ownerDir, owner, n, start, ids)))
  }
  await writeFile(join(ownerDir, 'active'), `${ids[0]}\n`)
}

async function writeOne(dir: string, owner: string, n: number, start: number, ids: string[]) {
  const id = randomUUID()
  ids[n] = id
  const time = new Date(start + n * 60_000).toISOString()
  const meta: SessionMetadata = {
    ...{ schemaVersion: METADATA_SCHEMA_VERSION, id, name: `s${n}`, owner, persona: 'default' },
    ...{ status: 'idle', createdAt: time, lastActiveAt: time, boundToProject: false },
    ...{ workingDirectory: join(dir, id, 'workspace'), claudeSessionId: null, pid: null },
    ...{ usage: { ...EMPTY_USAGE }, topic: null },
  }
  await mkdir(join(dir, id, 'workspace'), { recursive: true })
  await writeFile(join(dir, id, 'metadata.json'), `${JSON.stringify(meta, null, 2)}\n`)
  await writeFile(join(dir, id, 'persona.json'), '{}\n')
  await writeFile(join(dir, '.names', `s${n}`), `${id}\n`)
}
