import { fileURLToPath } from 'node:url'
import { afterEach, expect, test } from 'vitest'
import { ClaudeProcess } from '../src/claude-process.js'
import type { ClaudeProcessOptions } from '../src/process-types.js'
import { FIXTURE_DIR } from './support/fixtures.js'

// The driver against real CLI transcripts, replayed by test/support/replay-claude.mjs.
const REPLAY = fileURLToPath(new URL('./support/replay-claude.mjs', import.meta.url))
const live: ClaudeProcess[] = []
afterEach(async () => {
  await Promise.all(live.splice(0).map((p) => p.stop()))
})

async function replay(name: string, options: Partial<ClaudeProcessOptions> = {}) {
  const proc = new ClaudeProcess({
    cwd: process.cwd(),
    args: [],
    env: { PATH: process.env.PATH ?? '', REPLAY_FIXTURE: `${FIXTURE_DIR}${name}` },
    claudePath: REPLAY,
    stopGraceMs: 500,
    ...options,
  })
  live.push(proc)
  await proc.start()
  return proc
}

test('simple: one turn, result text and session id', async () => {
  const proc = await replay('simple.jsonl')
  expect(proc.initializeResponse).toHaveProperty('commands')
  const result = await proc.send('hello there').done
  expect(result).toMatchObject({
    subtype: 'success',
    text: 'ECHO: hello there',
    claudeSessionId: '15e13785-1892-4577-a171-08c135c6a88c',
  })
  expect(proc.init).toMatchObject({
    model: 'claude-opus-5-5',
    cwd: '/home/user/project',
    permissionMode: 'default',
  })
  await proc.stop()
  expect(proc.state).toBe('exited')
})

test('multi-turn and resume: the session id carries over', async () => {
  const proc = await replay('multi-turn.jsonl')
  const [a, b] = [proc.send('remember BLUE'), proc.send('RECALL')]
  expect((await a.done).text).toBe('ECHO: remember BLUE')
  expect((await b.done).text).toBe('RECALL: remember BLUE')
  const resumed = await replay('resume.jsonl')
  expect((await resumed.send('RECALL').done).claudeSessionId).toBe(proc.claudeSessionId)
})

test('tool-allow and tool-deny: the permission callback decides', async () => {
  const allow = await replay('tool-allow.jsonl', {
    onPermissionRequest: async () => ({ behavior: 'allow' }),
  })
  const allowed = allow.send('TOOL:Bash:touch ./created-by-tool')
  const events = []
  for await (const e of allowed) events.push(e)
  expect(events.map((e) => e.type)).toEqual([
    'tool_use',
    'permission_request',
    'permission_decision',
    'tool_result',
    'text',
    'result',
  ])
  const deny = await replay('tool-deny.jsonl', {
    onPermissionRequest: async () => ({
      behavior: 'deny',
      message: 'The user denied this action.',
    }),
  })
  expect((await deny.send('TOOL:Bash:touch ./should-not-exist').done).text).toBe(
    'TOOL_RESULT: The user denied this action.',
  )
})

test('interrupt: error_during_execution, then the next turn works', async () => {
  const proc = await replay('interrupt.jsonl')
  const slow = proc.send('SLOW:20')
  const next = proc.send('ECHO after interrupt')
  await expect.poll(() => proc.init).toBeDefined()
  await proc.interrupt()
  expect((await slow.done).subtype).toBe('error_during_execution')
  expect((await next.done).text).toBe('ECHO: ECHO after interrupt')
})

test('partial messages, max turns and API errors', async () => {
  const partial = await replay('partial-messages.jsonl')
  const deltas = []
  for await (const e of partial.send('SLOW:1')) if (e.type === 'text_delta') deltas.push(e.text)
  expect(deltas.join('')).toBe('tick 1\ntick 2\ntick 3\ntick 4\nSLOW DONE')
  const maxTurns = await replay('max-turns.jsonl', {
    onPermissionRequest: async () => ({ behavior: 'allow' }),
  })
  expect(await maxTurns.send('TOOL:Bash:touch ./mt').done).toMatchObject({
    subtype: 'error_max_turns',
    isError: true,
  })
  const apiError = await replay('api-error.jsonl')
  expect(await apiError.send('FAIL:400').done).toMatchObject({
    isError: true,
    text: expect.stringContaining('400'),
  })
})
