import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { SessionManager } from '@switchboard/core'
import { expect, test } from 'vitest'
import { ask } from './support/ask.js'
import { useBotHarness } from './support/use-bot-harness.js'
import { ALLOWED_IDS, user } from './support/users.js'

// Claude raised its own permissions by writing <data>/personas/default.json, or its session's
// persona.json, with "bypassPermissions"; every later session (or its own, after /suspend) ran
// Bash unprompted. Without SWITCHBOARD_ALLOW_BYPASS=1 the bot refuses such personas and the mode.
const YOLO = {
  name: 'yolo',
  description: 'Never asks',
  systemPrompt: 'Go.',
  settings: { permissionMode: 'bypassPermissions' },
}
const yoloFile = (dataDir: string) => join(dataDir, 'personas', 'yolo.json')
const writeYolo = async ({ dataDir }: { dataDir: string }) => {
  const { mkdir } = await import('node:fs/promises')
  await mkdir(join(dataDir, 'personas'), { recursive: true })
  await writeFile(yoloFile(dataDir), JSON.stringify(YOLO))
}

const bot = useBotHarness({ allowedUsers: ALLOWED_IDS, prepare: writeYolo })
const allowing = useBotHarness({
  allowedUsers: ALLOWED_IDS,
  env: { SWITCHBOARD_ALLOW_BYPASS: '1' },
  prepare: writeYolo,
})

/** The session's persona.json, read past the bot's refusal (as the operator would, on disk). */
async function personaFile(dataDir: string, owner: number, name: string) {
  const sessions = new SessionManager({ dataDir, allowBypassPermissions: true })
  const meta = await sessions.get(String(owner), name)
  return join(dataDir, 'sessions', String(owner), meta.id, 'persona.json')
}

test('a library persona with bypassPermissions is refused, naming its file', async () => {
  const h = bot()
  const reply = await ask(h, '/new y yolo', user(0))
  expect(reply.text).toContain(`${yoloFile(h.dataDir)} sets permissionMode bypassPermissions`)
  expect(reply.text).toContain('SWITCHBOARD_ALLOW_BYPASS=1')
  const skipped = h
    .logs()
    .split('\n')
    .filter((line) => line.includes('"persona skipped"'))
    .map((line) => JSON.parse(line))
  expect(skipped).toContainEqual(
    expect.objectContaining({
      path: yoloFile(h.dataDir),
      hint: expect.stringContaining('SWITCHBOARD_ALLOW_BYPASS=1'),
    }),
  )
  expect(h.telegram.errors()).toEqual([])
})

test('/mode bypassPermissions is refused and changes nothing', async () => {
  const h = bot()
  const u = user(1)
  await ask(h, '/new m', u)
  const path = await personaFile(h.dataDir, u.id, 'm')
  const before = await readFile(path, 'utf8')
  const reply = await ask(h, '/mode bypassPermissions', u)
  expect(reply.text).toContain('bypassPermissions lets Claude run every tool without asking')
  expect(reply.text).toContain('SWITCHBOARD_ALLOW_BYPASS=1')
  expect(await readFile(path, 'utf8')).toBe(before)
  expect(h.telegram.errors()).toEqual([])
})

test('a session whose persona.json was rewritten to bypass does not start; /mode default fixes it', async () => {
  const h = bot()
  const u = user(2)
  await ask(h, '/new tampered', u)
  const path = await personaFile(h.dataDir, u.id, 'tampered')
  const persona = JSON.parse(await readFile(path, 'utf8'))
  await writeFile(
    path,
    JSON.stringify({ ...persona, settings: { permissionMode: 'bypassPermissions' } }),
  )

  const update = h.send('run something', u)
  const reply = await h.waitForReply(update, (m) => m.text.includes('bypassPermissions'), {
    chatId: u.id,
    timeoutMs: 30_000,
  })
  expect(reply.text).toContain(`${path} sets permissionMode bypassPermissions`)
  expect(reply.text).toContain('Send /mode default')
  expect(h.anthropic.requests.some((r) => r.prompt === 'run something')).toBe(false)

  await ask(h, '/mode default', u)
  const retry = h.send('hello again', u)
  await h.waitForReply(retry, (m) => m.text.includes('echo: hello again'), {
    chatId: u.id,
    timeoutMs: 30_000,
  })
  expect(h.telegram.errors()).toEqual([])
})

test('with SWITCHBOARD_ALLOW_BYPASS=1 the persona and the mode are accepted', async () => {
  const h = allowing()
  const u = user(3)
  expect((await ask(h, '/new y yolo', u)).text).toContain('Created session y (persona yolo)')
  expect((await ask(h, '/mode bypassPermissions', u)).text).toContain(
    'runs in bypassPermissions mode',
  )
  expect(h.logs()).toContain('SWITCHBOARD_ALLOW_BYPASS=1: personas and /mode may run Claude Code')
  expect(h.telegram.errors()).toEqual([])
})
