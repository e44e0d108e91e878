import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import type { CliCheck } from './cli-check.js'
import { cliProblemText, tellUsersOnce } from './cli-check-notice.js'

let dataDir: string
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'cli-notice-'))
})
afterEach(() => rm(dataDir, { recursive: true, force: true }))

const broken = (problem: string): CliCheck => ({ ok: false, version: '2', auth: 'none', problem })
const fine: CliCheck = { ok: true, version: '2', auth: 'an API key', problem: undefined }

test('each user is told once per problem, across restarts; a fixed problem is forgotten', async () => {
  const call = vi.fn(async (_method: string, payload: { chat_id: number }) => {
    if (payload.chat_id === 3) throw new Error('Bad Request: chat not found')
    return {}
  })
  const deps = { outbox: { call } as never, logger: { info: vi.fn() }, dataDir }
  await tellUsersOnce(deps, broken('no key'), [1, 2, 3])
  expect(call.mock.calls.map(([, p]) => p)).toEqual([
    { chat_id: 1, text: cliProblemText('no key') },
    { chat_id: 2, text: cliProblemText('no key') },
    { chat_id: 3, text: cliProblemText('no key') },
  ])
  call.mockClear()
  await tellUsersOnce(deps, broken('no key'), [1, 2, 3]) // a restart: only the one not reached
  expect(call.mock.calls.map(([, p]) => p.chat_id)).toEqual([3])
  call.mockClear()
  await tellUsersOnce(deps, broken('not found'), [1]) // another problem is news
  expect(call).toHaveBeenCalledTimes(1)
  await tellUsersOnce(deps, fine, [1])
  expect(await readdir(dataDir)).toEqual([])
  call.mockClear()
  await tellUsersOnce(deps, broken('not found'), [1]) // broken again after a fix: told again
  expect(call).toHaveBeenCalledTimes(1)
})
