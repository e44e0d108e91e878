import { spawn } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'
import { useTempDir } from '../test/temp-dir.js'
import { DeskLeaseHeldError, DeskLeases } from './desk-lease.js'

const tmp = useTempDir()
const ID = '0b6cbb0e-4c4e-4a55-9a0e-5c1b9b0c7a11'
const until = async (check: () => Promise<boolean>, ms = 10_000) => {
  const deadline = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 20))
  }
}

test('a lease names its holder, refuses a second taker while live, and is gone once released', async () => {
  const leases = new DeskLeases({ dataDir: tmp.path })
  expect(await leases.read('42', ID)).toBeNull()
  const held = await leases.acquire('42', ID, { app: 'switchboard-cli' })
  const seen = await leases.read('42', ID)
  expect(seen).toMatchObject({ pid: process.pid, host: hostname(), app: 'switchboard-cli' })
  expect(seen?.startedAt).toBe(held.lease.startedAt)
  const second = await leases.acquire('42', ID, { app: 'other' }).catch((e: unknown) => e)
  expect(second).toBeInstanceOf(DeskLeaseHeldError)
  expect(second).toMatchObject({ code: 'SESSION_LEASED', lease: { app: 'switchboard-cli' } })
  expect(await leases.lastReleased('42', ID)).toBeNull()
  await held.release()
  expect(await leases.read('42', ID)).toBeNull()
  expect(await leases.lastReleased('42', ID)).toMatch(/^\d{4}-/)
  const again = await leases.acquire('42', ID, { app: 'other' })
  expect(await leases.lastReleased('42', ID)).toBeNull()
  await again.release()
})

test('the heartbeat keeps a lease live past the stale time; a silent one goes stale', async () => {
  const leases = new DeskLeases({ dataDir: tmp.path, heartbeatMs: 40, staleMs: 300 })
  const held = await leases.acquire('42', ID, { app: 'desk' })
  const first = (await leases.read('42', ID))?.refreshedAt
  await new Promise((r) => setTimeout(r, 600))
  const later = await leases.read('42', ID)
  expect(later).not.toBeNull()
  expect(Date.parse(later?.refreshedAt ?? '')).toBeGreaterThan(Date.parse(first ?? ''))
  await held.release()

  // A live pid (the test runner's parent) that stopped refreshing: stale after staleMs.
  const old = new Date(Date.now() - 1_000).toISOString()
  await writeFile(
    leases.path('42', ID),
    JSON.stringify({
      pid: process.ppid,
      host: hostname(),
      app: 'desk',
      token: 't',
      startedAt: old,
      refreshedAt: old,
    }),
  )
  expect(await leases.read('42', ID)).toBeNull()
  // …and a fresh lease of another host is trusted (its pid can't be checked from here).
  const now = new Date().toISOString()
  await writeFile(
    leases.path('42', ID),
    JSON.stringify({
      pid: 1,
      host: 'elsewhere',
      app: 'desk',
      token: 't',
      startedAt: now,
      refreshedAt: now,
    }),
  )
  expect(await leases.read('42', ID)).toMatchObject({ host: 'elsewhere' })
})

test('a holder that crashed (its pid gone) holds nothing: the lease is stale at once and can be taken', async () => {
  const leases = new DeskLeases({ dataDir: tmp.path })
  const hooks = fileURLToPath(new URL('../test/child/ts-hooks.mjs', import.meta.url))
  const holder = fileURLToPath(new URL('../test/child/lease-holder.ts', import.meta.url))
  const child = spawn(
    process.execPath,
    [
      '--experimental-transform-types',
      '--disable-warning=ExperimentalWarning',
      '--import',
      hooks,
      holder,
      tmp.path,
      '42',
      ID,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  await new Promise<void>((resolve) =>
    child.stdout.on('data', (d) => String(d).includes('held') && resolve()),
  )
  expect(await leases.read('42', ID)).toMatchObject({ pid: child.pid, app: 'test-holder' })
  const gone = new Promise((r) => child.on('exit', r))
  child.kill('SIGKILL') // no release, no cleanup: a terminal closed hard
  await gone
  expect(await leases.read('42', ID)).toBeNull()
  const taken = await leases.acquire('42', ID, { app: 'desk' })
  expect((await leases.read('42', ID))?.pid).toBe(process.pid)
  await taken.release()
})

test('a holder whose lease was taken over notices at its next beat and does not remove the new one', async () => {
  const leases = new DeskLeases({ dataDir: tmp.path, heartbeatMs: 30, staleMs: 60_000 })
  const held = await leases.acquire('42', ID, { app: 'desk' })
  // Another process took it over (as after this one looked dead).
  const now = new Date().toISOString()
  const other = {
    pid: process.ppid,
    host: hostname(),
    app: 'other',
    token: 'x',
    startedAt: now,
    refreshedAt: now,
  }
  await writeFile(leases.path('42', ID), JSON.stringify(other))
  await until(async () => held.lost)
  await held.release()
  expect(JSON.parse(await readFile(leases.path('42', ID), 'utf8'))).toEqual(other)
})

test('waitUntilFree resolves once the lease ends; unreadable files never block', async () => {
  const leases = new DeskLeases({ dataDir: tmp.path })
  const held = await leases.acquire('42', ID, { app: 'desk' })
  let free = false
  const waiting = leases.waitUntilFree('42', ID, { pollMs: 20 }).then(() => {
    free = true
  })
  await new Promise((r) => setTimeout(r, 100))
  expect(free).toBe(false)
  await held.release()
  await waiting
  await writeFile(leases.path('42', ID), 'not json')
  expect(await leases.read('42', ID)).toBeNull()
  expect(() => leases.path('../x', ID)).toThrow(/owner/)
})
