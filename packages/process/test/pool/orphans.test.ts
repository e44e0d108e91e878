import { type ChildProcess, spawn } from 'node:child_process'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { BASE_ARGS } from '../../src/build-args.js'
import { isAlive, looksLikeClaudeCli, readCmdline } from '../../src/pool/orphans.js'
import { FAKE_CLAUDE } from '../support/fake-process.js'
import { makePoolFixture, type PoolFixture } from './support/pool-fixture.js'

let fx: PoolFixture
const children: ChildProcess[] = []
beforeEach(async () => {
  fx = await makePoolFixture()
})
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL')
  await fx.close()
})

// Like a CLI the bot left behind: its own process group, stdin still open, so it never exits by itself.
function startDetached(command: string, args: string[]): number {
  const child = spawn(command, args, { detached: true, stdio: ['pipe', 'ignore', 'ignore'] })
  children.push(child)
  if (child.pid === undefined) throw new Error(`could not start ${command}`)
  return child.pid
}

async function recordPid(pid: number) {
  const ref = await fx.session()
  await fx.store.updateById(ref.owner, ref.id, { pid, status: 'active' })
  return ref
}

describe('looksLikeClaudeCli', () => {
  const flags = [...BASE_ARGS]
  test('the CLI as configured, the native binary, or a script run by node', () => {
    expect(looksLikeClaudeCli(['/opt/bin/claude', ...flags], 'claude')).toBe(true)
    expect(looksLikeClaudeCli(['/x/claude-code/bin/claude.exe', ...flags], 'claude')).toBe(true)
    expect(looksLikeClaudeCli(['node', '/t/fake-claude.mjs', ...flags], '/t/fake-claude.mjs')).toBe(
      true,
    )
  })
  test('anything else, even with the same flags or the same name, is not', () => {
    expect(looksLikeClaudeCli(['/usr/bin/vim', ...flags], 'claude')).toBe(false)
    expect(looksLikeClaudeCli(['/opt/bin/claude', '--help'], 'claude')).toBe(false)
    expect(looksLikeClaudeCli([], 'claude')).toBe(false)
  })
})

test('cleanupOrphans kills a leftover CLI, spares a non-CLI pid, and clears both pids', async () => {
  const orphan = startDetached(FAKE_CLAUDE, [...BASE_ARGS, '--resume=abc'])
  const bystander = startDetached('sleep', ['30'])
  await vi.waitFor(() => expect(readCmdline(orphan)?.join(' ')).toContain('fake-claude.mjs'))
  const orphanRef = await recordPid(orphan)
  const bystanderRef = await recordPid(bystander)

  const pool = fx.pool()
  expect(await pool.cleanupOrphans()).toBe(1)
  expect(isAlive(orphan)).toBe(false)
  expect(isAlive(bystander)).toBe(true)
  expect(await fx.store.getById(orphanRef.owner, orphanRef.id)).toMatchObject({
    pid: null,
    status: 'suspended',
  })
  expect((await fx.store.getById(bystanderRef.owner, bystanderRef.id)).pid).toBeNull()
  // A dead pid is just cleared.
  const ghost = await recordPid(2 ** 22 + 7)
  expect(await pool.cleanupOrphans()).toBe(0)
  expect((await fx.store.getById(ghost.owner, ghost.id)).pid).toBeNull()
})

test('cleanupOrphans leaves the processes of the pool itself alone', async () => {
  const pool = fx.pool()
  const ref = await fx.session()
  await pool.send(ref, 'hi').done
  const pid = pool.status(ref).pid ?? 0
  expect(await pool.cleanupOrphans()).toBe(0)
  expect(isAlive(pid)).toBe(true)
  expect((await fx.store.getById(ref.owner, ref.id)).pid).toBe(pid)
})
