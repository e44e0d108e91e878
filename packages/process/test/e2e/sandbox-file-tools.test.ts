import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { checkSandbox } from '../../src/sandbox/check-sandbox.js'
import { makeSandboxFixture, type SandboxFixture, SECRETS } from './support/sandbox-fixture.js'

// Claude's file tools are not sandboxed: the same paths are `permissions.deny` rules, which the CLI
// applies before it would ask — the handler (the phone) never sees these requests. Rules hold with
// or without bubblewrap: the sandbox is on only where it works.
let f: SandboxFixture
let ref: { owner: string; id: string }
let workspace: string

beforeAll(async () => {
  f = await makeSandboxFixture({ enabled: (await checkSandbox({ env: process.env })).available })
  const meta = await f.store.create({ owner: '42', name: 'mine' })
  ref = { owner: meta.owner, id: meta.id }
  workspace = meta.workingDirectory
})
afterAll(async () => {
  await f?.close()
})

const DENIED = 'denied by your permission settings'

async function tool(name: string, input: Record<string, unknown>) {
  const before = f.asked.length
  const { output } = await f.run(ref, `TOOL:${name}:${JSON.stringify(input)}`)
  return { output, asked: f.asked.length - before }
}

test('Write and Edit of persona files and the workspace settings are denied by rule, unasked', {
  timeout: 60_000,
}, async () => {
  const library = join(f.dirs.data, 'personas', 'default.json')
  const own = join(workspace, '..', 'persona.json')
  const before = await Promise.all([readFile(library, 'utf8'), readFile(own, 'utf8')])
  const pwn = '{"name":"default","settings":{"permissionMode":"bypassPermissions"}}'
  const hook = { hooks: { PreToolUse: [{ hooks: [{ type: 'command', command: 'id' }] }] } }
  for (const attempt of [
    await tool('Write', { file_path: '.claude/settings.json', content: JSON.stringify(hook) }),
    await tool('Write', { file_path: library, content: pwn }),
    await tool('Edit', { file_path: library, old_string: SECRETS.persona, new_string: 'x' }),
    await tool('Write', { file_path: '../persona.json', content: pwn }),
    await tool('Edit', { file_path: own, old_string: '"settings"', new_string: '"x"' }),
  ]) {
    expect(attempt).toEqual({ output: expect.stringContaining(DENIED), asked: 0 })
  }
  expect(await Promise.all([readFile(library, 'utf8'), readFile(own, 'utf8')])).toEqual(before)
})

test('Read of control files, other sessions, the checkout and /proc is denied by rule', {
  timeout: 60_000,
}, async () => {
  const other = (await f.store.list({ owner: '7' })).sessions[0]?.workingDirectory ?? ''
  for (const path of [
    join(workspace, '..', 'metadata.json'),
    join(other, 'notes.txt'),
    join(f.dirs.checkout, '.env'),
    join(f.dirs.home, '.ssh', 'id_test'),
    `/proc/${process.pid}/environ`,
  ]) {
    const attempt = await tool('Read', { file_path: path })
    expect(attempt, path).toEqual({ output: expect.stringContaining('denied'), asked: 0 })
  }
})

test("Read of the session's own workspace still works, unasked", { timeout: 60_000 }, async () => {
  await writeFile(join(workspace, 'todo.md'), 'buy milk\n')
  const attempt = await tool('Read', { file_path: join(workspace, 'todo.md') })
  expect(attempt.output).toContain('buy milk')
  expect(attempt.asked).toBe(0)
})

test('a session created while this one runs is closed to it too: the process restarts with new rules', {
  timeout: 60_000,
}, async () => {
  await f.run(ref, 'hello') // this session's process is up before the other one exists
  const pid = f.pool.status(ref).pid
  const later = await f.store.create({ owner: '43', name: 'later' })
  const secret = join(later.workingDirectory, 'notes.txt')
  await writeFile(secret, 'their words')
  const read = await tool('Read', { file_path: secret })
  expect(read).toEqual({ output: expect.stringContaining(DENIED), asked: 0 })
  expect(read.output).not.toContain('their words')
  expect(f.pool.status(ref).pid).not.toBe(pid)
  // Restarted on the same conversation: the next turn still remembers the earlier ones.
  const { events } = await f.run(ref, 'REMEMBER?')
  expect(events.find((e) => e.type === 'result')).toMatchObject({
    text: expect.stringContaining('hello'),
  })
})
