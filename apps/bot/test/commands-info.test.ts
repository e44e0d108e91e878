import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { SessionManager } from '@switchboard/core'
import { expect, test } from 'vitest'
import { ask } from './support/ask.js'
import { useBotHarness } from './support/use-bot-harness.js'
import { ALLOWED_IDS, user } from './support/users.js'

const bot = useBotHarness({ allowedUsers: ALLOWED_IDS })

async function sessionPersona(dataDir: string, owner: number, name: string) {
  const sessions = new SessionManager({ dataDir })
  return sessions.readPersona(String(owner), name)
}

test('/status shows the active session, persona, model, mode, process, queue and usage', async () => {
  const h = bot()
  const u = user(0)
  await ask(h, '/new stat research', u)
  const status = await ask(h, '/status', u)
  expect(status.text).toMatch(/^stat \(active, last active just now\)/)
  expect(status.text).toContain('Persona: research')
  expect(status.text).toContain('Model: default')
  expect(status.text).toContain('Permission mode: default')
  expect(status.text).toContain('Process: not running')
  expect(status.text).toContain('Queue: 0 waiting')
  expect(status.text).toContain('Files waiting: none')
  expect(status.text).toContain(
    'Voice: not set up (the bot’s owner sets SWITCHBOARD_TRANSCRIBE_URL)',
  )
  expect(status.text).toContain('Usage: 0 turns · 0 in / 0 out tokens · $0.0000')
  expect(h.telegram.errors()).toEqual([])
})

test('/status counts the files waiting for instructions in the session', async () => {
  const h = bot()
  const u = user(6)
  await ask(h, '/new waiting', u)
  h.telegram.userSendsMediaGroup(u, [
    { name: 'a.txt', content: 'a' },
    { name: 'b.txt', content: 'b' },
  ])
  await h.waitForBotMessage((m) => m.text.startsWith('Got a.txt and b.txt.'), { chatId: u.id })
  const status = await ask(h, '/status', u)
  expect(status.text).toContain(
    'Files waiting: 2 (sent without a caption: your next message runs with them)',
  )
  expect(h.telegram.errors()).toEqual([])
})

test('/model and /mode are saved in the session’s own persona copy', async () => {
  const h = bot()
  const u = user(1)
  await ask(h, '/new tuned', u)
  expect((await ask(h, '/model sonnet', u)).text).toBe(
    'Session tuned uses model sonnet from your next message.',
  )
  expect((await ask(h, '/mode acceptedits', u)).text).toBe(
    'Session tuned runs in acceptEdits mode from your next message.',
  )
  const persona = await sessionPersona(h.dataDir, u.id, 'tuned')
  expect(persona.settings).toMatchObject({ model: 'sonnet', permissionMode: 'acceptEdits' })
  const status = await ask(h, '/status', u)
  expect(status.text).toContain('Model: sonnet')
  expect(status.text).toContain('Permission mode: acceptEdits')
  expect((await ask(h, '/model default', u)).text).toContain('uses Claude Code’s default model')
  expect((await sessionPersona(h.dataDir, u.id, 'tuned')).settings.model).toBeUndefined()
  // The library persona is untouched.
  const library = JSON.parse(
    await readFile(join(import.meta.dirname, '../../../personas/default.json'), 'utf8'),
  )
  expect(library.settings?.model).toBeUndefined()
  expect(h.telegram.errors()).toEqual([])
})

test('/personas lists them; /persona re-bases the active session', async () => {
  const h = bot()
  const u = user(2)
  await ask(h, '/new based', u)
  const list = await ask(h, '/personas', u)
  expect(list.text).toContain('default (active session) — ')
  expect(list.text).toContain('research — Research without edits')
  expect((await ask(h, '/persona research', u)).text).toBe(
    'Session based now uses persona research. It applies from your next message; the conversation continues.',
  )
  expect((await sessionPersona(h.dataDir, u.id, 'based')).name).toBe('research')
  expect((await ask(h, '/persona nope', u)).text).toMatch(
    /^No persona named nope\. Available: .*research.*\/personas describes them\.$/,
  )
  expect(h.telegram.errors()).toEqual([])
})

test('/cost shows tokens and USD per session and the total', async () => {
  const h = bot()
  const u = user(3)
  await ask(h, '/new cheap', u)
  await ask(h, '/new pricey', u)
  const sessions = new SessionManager({ dataDir: h.dataDir })
  const owner = String(u.id)
  const add = async (name: string, usage: object) => {
    const meta = await sessions.get(owner, name)
    await sessions.updateById(owner, meta.id, { addUsage: usage })
  }
  await add('cheap', { turns: 1, inputTokens: 100, outputTokens: 20, costUsd: 0.0012 })
  await add('pricey', { turns: 3, inputTokens: 15_000, outputTokens: 2_500, costUsd: 1.5 })
  const cost = await ask(h, '/cost', u)
  expect(cost.text).toContain('pricey: $1.50 · 15.0k in / 2.5k out tokens · 3 turns')
  expect(cost.text).toContain('cheap: $0.0012 · 100 in / 20 out tokens · 1 turns')
  expect(cost.text).toContain('Total: $1.50 · 15.1k in / 2.5k out tokens · 4 turns')
  expect(cost.text.indexOf('pricey')).toBeLessThan(cost.text.indexOf('cheap'))
  expect(h.telegram.errors()).toEqual([])
})

test('/stop and /suspend say when nothing is running; an unknown command says so', async () => {
  const h = bot()
  const u = user(4)
  expect((await ask(h, '/nope now', u)).text).toBe(
    'There is no command /nope. /help lists the commands.',
  )
  expect((await ask(h, '/stop', u)).text).toContain('You have no active session yet')
  await ask(h, '/new calm', u)
  expect((await ask(h, '/stop', u)).text).toBe('Nothing is running in calm.')
  await ask(h, '/new other', u)
  // "other" was never started, "calm" was only switched to: neither has a process.
  expect((await ask(h, '/suspend', u)).text).toContain('Suspended other')
  expect((await ask(h, '/suspend other', u)).text).toBe(
    'Session other is not running (suspended); nothing to suspend.',
  )
  expect(h.telegram.errors()).toEqual([])
})

test('names and paths with HTML characters never break a reply', async () => {
  const h = bot()
  const u = user(5)
  const reply = await ask(h, '/switch a<b>&c', u)
  expect(reply.text).toContain('That name doesn’t work')
  const missing = await ask(h, '/new x /tmp/<b>&"nope', u)
  expect(missing.text).toContain('Can’t use /tmp/<b>&"nope: does not exist')
  expect(h.telegram.errors()).toEqual([])
})
