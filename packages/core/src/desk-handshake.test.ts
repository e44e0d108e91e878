import { mkdir, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { dirname } from 'node:path'
import { expect, test } from 'vitest'
import { useTempDir } from '../test/temp-dir.js'
import { DeskHandshake } from './desk-handshake.js'
import { DeskLeaseHeldError } from './desk-lease.js'
import { PhoneTurnLeaseHeldError } from './phone-turn-lease.js'

const tmp = useTempDir()
const ID = '0b6cbb0e-4c4e-4a55-9a0e-5c1b9b0c7a11'

test('the phone first: the desk says it waits, and takes the session once the turn ends', async () => {
  const hs = new DeskHandshake({ dataDir: tmp.path })
  const phone = await hs.takePhoneTurn('42', ID, { app: 'bot' })
  if (!('held' in phone)) throw new Error('the phone should have the turn')
  const waits: string[] = []
  let opened = false
  const desk = hs.takeDesk('42', ID, { app: 'cli', pollMs: 10, onWait: (t) => waits.push(t.app) })
  void desk.then(() => {
    opened = true
  })
  // The desk's lease is written at once, so a phone message arriving now backs off…
  await expect.poll(() => hs.desk.read('42', ID)).toMatchObject({ app: 'cli' })
  expect(await hs.takePhoneTurn('42', ID, { app: 'bot2' }).catch((e) => e)).toBeInstanceOf(
    PhoneTurnLeaseHeldError,
  )
  expect(waits).toEqual(['bot'])
  expect(opened).toBe(false) // …while the desk waits for the running turn
  await phone.held.release()
  const held = await desk
  expect(held.lease.app).toBe('cli')
  // The phone's next turn finds the desk and holds nothing.
  const next = await hs.takePhoneTurn('42', ID, { app: 'bot' })
  expect(next).toMatchObject({ desk: { app: 'cli' } })
  expect(await hs.turns.read('42', ID)).toBeNull()
  await held.release()
  const after = await hs.takePhoneTurn('42', ID, { app: 'bot' })
  expect('held' in after).toBe(true)
  if ('held' in after) await after.held.release()
})

test('the desk first: the phone backs off (its turn lease released), the desk never waits', async () => {
  const hs = new DeskHandshake({ dataDir: tmp.path })
  const waits: string[] = []
  const held = await hs.takeDesk('42', ID, { app: 'cli', onWait: (t) => waits.push(t.app) })
  expect(waits).toEqual([])
  const phone = await hs.takePhoneTurn('42', ID, { app: 'bot' })
  expect(phone).toMatchObject({ desk: { app: 'cli' } })
  expect(await hs.turns.read('42', ID)).toBeNull()
  expect(await hs.turns.lastReleased('42', ID)).not.toBeNull()
  // A second desk is refused as before.
  expect(await hs.takeDesk('42', ID, { app: 'cli2' }).catch((e) => e)).toBeInstanceOf(
    DeskLeaseHeldError,
  )
  await held.release()
})

test('giving up while waiting releases the desk lease', async () => {
  const hs = new DeskHandshake({ dataDir: tmp.path })
  const phone = await hs.takePhoneTurn('42', ID, { app: 'bot' })
  const abort = new AbortController()
  const desk = hs.takeDesk('42', ID, {
    app: 'cli',
    pollMs: 10,
    signal: abort.signal,
    onWait: () => abort.abort(new Error('gave up')),
  })
  await expect(desk).rejects.toThrow('gave up')
  expect(await hs.desk.read('42', ID)).toBeNull()
  expect(await hs.desk.lastReleased('42', ID)).not.toBeNull()
  if ('held' in phone) await phone.held.release()
})

test('a turn lease whose bot stopped beating goes stale: the desk opens without waiting for it', async () => {
  const hs = new DeskHandshake({ dataDir: tmp.path, staleMs: 200 })
  const old = new Date(Date.now() - 1_000).toISOString()
  const stuck = { pid: process.ppid, host: hostname(), app: 'bot', token: 't' }
  await mkdir(dirname(hs.turns.path('42', ID)), { recursive: true })
  await writeFile(
    hs.turns.path('42', ID),
    JSON.stringify({ ...stuck, startedAt: old, refreshedAt: old }),
  )
  expect(hs.turns.path('42', ID)).toMatch(/\.leases\/.+\.phone-turn\.json$/)
  const waits: string[] = []
  const held = await hs.takeDesk('42', ID, { app: 'cli', onWait: (t) => waits.push(t.app) })
  expect(waits).toEqual([])
  await held.release()
})

test('giving up before any turn was seen (Ctrl-C while taking the lease) still opens nothing', async () => {
  const hs = new DeskHandshake({ dataDir: tmp.path })
  const abort = new AbortController()
  abort.abort(new Error('gave up'))
  await expect(hs.takeDesk('42', ID, { app: 'cli', signal: abort.signal })).rejects.toThrow(
    'gave up',
  )
  expect(await hs.desk.read('42', ID)).toBeNull()
})
