import { mkdir, readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import lockfile from 'proper-lockfile'
import { afterEach, describe, expect, it } from 'vitest'
import { SessionManager, SessionMetadataSchema } from '../src/index.js'
import { spawnWorker, type Worker } from './child/spawn-worker.js'
import { useTempDir } from './temp-dir.js'

const tmp = useTempDir()
const workers: Worker[] = []

afterEach(async () => {
  for (const worker of workers.splice(0)) {
    if (worker.child.exitCode === null && worker.child.signalCode === null)
      worker.child.kill('SIGKILL')
    await worker.exited
  }
})

function start(...args: string[]): Worker {
  const worker = spawnWorker(args)
  workers.push(worker)
  return worker
}

const hasLine = (text: string) => (lines: string[]) => lines.includes(text)

/** Starts both workers, waits until both are ready, then releases them at the same moment. */
async function race(a: Worker, b: Worker): Promise<void> {
  await Promise.all([a.waitFor(hasLine('ready')), b.waitFor(hasLine('ready'))])
  a.child.stdin?.write('go\n')
  b.child.stdin?.write('go\n')
}

describe('several processes sharing one data dir', () => {
  it('serialises concurrent read-modify-writes: no lost update, never a torn file', async () => {
    const manager = new SessionManager({ dataDir: tmp.path })
    const meta = await manager.create({ owner: '1', name: 'shared' })
    const file = join(tmp.path, 'sessions', '1', meta.id, 'metadata.json')
    const perWorker = 60
    const a = start('add-usage', tmp.path, '1', 'shared', String(perWorker))
    const b = start('add-usage', tmp.path, '1', 'shared', String(perWorker))
    await race(a, b)

    // Read the file as often as possible while both write: every read must parse and validate.
    const done = Promise.all([a.waitFor(hasLine('done')), b.waitFor(hasLine('done'))])
    let finished = false
    void done.finally(() => {
      finished = true
    })
    let reads = 0
    while (!finished) {
      SessionMetadataSchema.parse(JSON.parse(await readFile(file, 'utf8')))
      reads++
    }
    await done
    expect(reads).toBeGreaterThan(0)
    expect((await manager.get('1', 'shared')).usage.turns).toBe(2 * perWorker)
  }, 60_000)

  it('lets exactly one of two processes claim a name', async () => {
    const names = 15
    const a = start('create', tmp.path, '1', 'race', String(names))
    const b = start('create', tmp.path, '1', 'race', String(names))
    await race(a, b)
    await Promise.all([a.waitFor(hasLine('done')), b.waitFor(hasLine('done'))])

    for (let i = 0; i < names; i++) {
      const outcomes = [...a.lines, ...b.lines].filter((line) => line.endsWith(` ${i}`)).sort()
      expect(outcomes).toEqual([`created ${i}`, `exists ${i}`])
    }
    const { sessions, broken } = await new SessionManager({ dataDir: tmp.path }).list()
    expect(sessions).toHaveLength(names)
    expect(broken).toEqual([])
    expect(await readdir(join(tmp.path, 'sessions', '1', '.staging'))).toEqual([])
  }, 60_000)

  it('survives a writer SIGKILLed mid-loop: valid metadata, update still possible', async () => {
    const manager = new SessionManager({
      dataDir: tmp.path,
      lockStaleMs: 2_000,
      lockTimeoutMs: 20_000,
    })
    const meta = await manager.create({ owner: '1', name: 'victim' })
    const worker = start('update-forever', tmp.path, '1', 'victim')
    await worker.waitFor(hasLine('ready'))
    worker.child.stdin?.write('go\n')
    await worker.waitFor((lines) => lines.filter((line) => line === 'tick').length >= 30)
    worker.child.kill('SIGKILL')
    expect(await worker.exited).toBe('SIGKILL')

    const file = join(tmp.path, 'sessions', '1', meta.id, 'metadata.json')
    const onDisk = SessionMetadataSchema.parse(JSON.parse(await readFile(file, 'utf8')))
    expect(onDisk.usage.turns).toBeGreaterThanOrEqual(30)
    // If the kill hit inside the lock, it is taken over once stale; either way this succeeds.
    const after = await manager.update('1', 'victim', { addUsage: { turns: 1 } })
    expect(after.usage.turns).toBe(onDisk.usage.turns + 1)
  }, 60_000)

  it('takes over a lock whose holder died without releasing it', async () => {
    const manager = new SessionManager({
      dataDir: tmp.path,
      lockStaleMs: 2_000,
      lockTimeoutMs: 20_000,
    })
    const meta = await manager.create({ owner: '1', name: 'orphan' })
    // Simulate a SIGKILLed holder: the lock dir exists and nobody refreshes it any more.
    const lockPath = join(tmp.path, 'sessions', '1', '.locks', `${meta.id}.lock`)
    await mkdir(lockPath, { recursive: true })
    expect(
      await lockfile.check(lockPath, { realpath: false, lockfilePath: lockPath, stale: 2_000 }),
    ).toBe(true)
    const after = await manager.update('1', 'orphan', { addUsage: { turns: 5 } })
    expect(after.usage.turns).toBe(5)
    await expect(stat(lockPath)).rejects.toMatchObject({ code: 'ENOENT' })
  }, 30_000)

  it('gives up with LockTimeoutError when the lock stays busy', async () => {
    const manager = new SessionManager({
      dataDir: tmp.path,
      lockStaleMs: 60_000,
      lockTimeoutMs: 200,
    })
    const meta = await manager.create({ owner: '1', name: 'busy' })
    const lockPath = join(tmp.path, 'sessions', '1', '.locks', `${meta.id}.lock`)
    await mkdir(lockPath, { recursive: true })
    await expect(manager.update('1', 'busy', { touch: true })).rejects.toMatchObject({
      code: 'LOCK_TIMEOUT',
    })
  })
})
